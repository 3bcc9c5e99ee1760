package memory

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sweetmcp/sweet/store"
)

// Built-in relation types. A custom one is written "custom:NAME".
var RelationTypes = []string{"is_a", "has_a", "part_of", "related_to", "causes"}

// ValidateRelationType checks a relation type and returns it normalised.
func ValidateRelationType(t string) (string, error) {
	t = strings.ToLower(strings.TrimSpace(t))
	if t == "" {
		return "related_to", nil
	}
	for _, v := range RelationTypes {
		if t == v {
			return t, nil
		}
	}
	if name, ok := strings.CutPrefix(t, customPrefix); ok && validName(name) {
		return t, nil
	}
	return "", invalidf("unknown relation type %q: use one of %s, or custom:NAME", t, strings.Join(RelationTypes, ", "))
}

// Link is a relation as callers see it.
type Link struct {
	From      string          `json:"from"`
	To        string          `json:"to"`
	Type      string          `json:"type"`
	Strength  float64         `json:"strength"`
	Metadata  json.RawMessage `json:"metadata"`
	CreatedAt string          `json:"created_at"`
}

// LinkRequest relates two memories.
type LinkRequest struct {
	From, To string
	Type     string
	Strength *float64 // 0..1, default 1
	Metadata json.RawMessage
}

// Link creates (or updates) a typed relation from one memory to another.
func (s *Service) Link(ctx context.Context, r LinkRequest) (*Link, error) {
	if s.opts.ReadOnly {
		return nil, store.ErrReadOnly
	}
	typ, err := ValidateRelationType(r.Type)
	if err != nil {
		return nil, err
	}
	strength := 1.0
	if r.Strength != nil {
		strength = *r.Strength
	}
	if strength < 0 || strength > 1 || strength != strength {
		return nil, invalidf("strength %v is outside 0..1", strength)
	}
	meta, err := normalizeMetadata(r.Metadata)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	if r.From == r.To {
		return nil, invalidf("a memory cannot be related to itself (%s)", r.From)
	}
	rel := &store.Relation{Type: typ, Strength: strength, Metadata: meta}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		from, err := tx.MemoryByID(ctx, r.From)
		if err != nil {
			return err
		}
		to, err := tx.MemoryByID(ctx, r.To)
		if err != nil {
			return err
		}
		rel.From, rel.To = from.RowID, to.RowID
		return tx.UpsertRelation(ctx, rel)
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("link: %w", err)
	}
	if err != nil {
		return nil, fmt.Errorf("link %s -> %s: %w", r.From, r.To, err)
	}
	return &Link{From: r.From, To: r.To, Type: typ, Strength: strength, Metadata: meta}, nil
}

// Unlink removes relations from one memory to another (of one type, or all
// when typ is empty) and says how many went.
func (s *Service) Unlink(ctx context.Context, from, to, typ string) (int64, error) {
	if s.opts.ReadOnly {
		return 0, store.ErrReadOnly
	}
	if typ != "" {
		var err error
		if typ, err = ValidateRelationType(typ); err != nil {
			return 0, err
		}
	}
	var n int64
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		f, err := tx.MemoryByID(ctx, from)
		if err != nil {
			return err
		}
		t, err := tx.MemoryByID(ctx, to)
		if err != nil {
			return err
		}
		n, err = tx.DeleteRelations(ctx, f.RowID, t.RowID, typ)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("unlink %s -> %s: %w", from, to, err)
	}
	return n, nil
}

// Related is a memory reached through relations.
type Related struct {
	*Memory
	Depth    int     `json:"depth"`
	Strength float64 `json:"strength"`
	Via      string  `json:"via"`
}

// RelatedRequest asks for a memory's neighbourhood.
type RelatedRequest struct {
	ID    string
	Depth int      // hops, default 1, at most 5
	Types []string // relation types to follow; all when empty
	Limit int      // default 50
}

// Related returns memories within Depth hops of a memory, nearest and
// strongest first, each once.
func (s *Service) Related(ctx context.Context, r RelatedRequest) ([]Related, error) {
	if r.Depth <= 0 {
		r.Depth = 1
	}
	if r.Depth > 5 {
		return nil, invalidf("depth %d is over 5; the neighbourhood grows too fast to be useful", r.Depth)
	}
	if r.Limit <= 0 {
		r.Limit = 50
	}
	var types []string
	for _, t := range r.Types {
		v, err := ValidateRelationType(t)
		if err != nil {
			return nil, err
		}
		types = append(types, v)
	}
	start, err := s.db.RowInfoByID(ctx, r.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("memory %q: %w", r.ID, ErrNotFound)
	} else if err != nil {
		return nil, err
	}
	ns, err := s.db.Neighborhood(ctx, start.RowID, r.Depth, types, r.Limit)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ns))
	for i, n := range ns {
		ids[i] = n.RowID
	}
	mems, err := s.db.MemoriesByRowID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byRow := map[int64]*store.Memory{}
	for _, m := range mems {
		byRow[m.RowID] = m
	}
	out := []Related{}
	for _, n := range ns {
		if m := byRow[n.RowID]; m != nil {
			out = append(out, Related{Memory: fromStore(m), Depth: n.Depth, Strength: round4(n.Strength), Via: n.Via})
		}
	}
	return out, nil
}

// Links returns the relations touching a memory.
func (s *Service) Links(ctx context.Context, id string) ([]Link, error) {
	ri, err := s.db.RowInfoByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("memory %q: %w", id, err)
	}
	rels, err := s.db.RelationsTouching(ctx, []int64{ri.RowID})
	if err != nil {
		return nil, err
	}
	out := make([]Link, len(rels))
	for i, r := range rels {
		out[i] = toLink(r)
	}
	return out, nil
}

func toLink(r store.Relation) Link {
	return Link{From: r.FromID, To: r.ToID, Type: r.Type, Strength: r.Strength, Metadata: r.Metadata,
		CreatedAt: r.CreatedAt.Format("2006-01-02T15:04:05.000Z07:00")}
}
