package memory

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sweetmcp/sweet/engine/vector"
	"github.com/sweetmcp/sweet/store"
)

// ErrNotFound is returned for ids that name no memory.
var ErrNotFound = store.ErrNotFound

// Get returns memories by id and records the read.
func (s *Service) Get(ctx context.Context, ids ...string) ([]*Memory, error) {
	out := make([]*Memory, 0, len(ids))
	var rows []int64
	for _, id := range ids {
		m, err := s.db.MemoryByID(ctx, strings.TrimSpace(id))
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("memory %q: %w (list ids with `sweet memory list`)", id, ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, fromStore(m))
		rows = append(rows, m.RowID)
	}
	s.touch.add(rows)
	// Opening a result of an auto-routed search is the router's reward.
	for _, m := range out {
		_, _ = s.Feedback(ctx, m.ID, 1) // most reads follow no routed search
	}
	return out, nil
}

// ListRequest pages through memories.
type ListRequest struct {
	Scope       Scope
	Types       []string
	Tags        []string
	Limit       int    // 0: no limit
	Cursor      string // from a previous page's NextCursor
	NewestFirst bool
}

// ListPage is one page of a listing.
type ListPage struct {
	Memories   []*Memory `json:"memories"`
	NextCursor string    `json:"next_cursor,omitempty"`
}

// List returns memories in scope, oldest first unless NewestFirst. Listing
// is not a read of each memory, so access counts do not change.
func (s *Service) List(ctx context.Context, r ListRequest) (*ListPage, error) {
	f, err := buildFilter(r.Scope, r.Types, r.Tags)
	if err != nil {
		return nil, err
	}
	after, err := decodeCursor(r.Cursor)
	if err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit > 0 {
		limit++ // one more tells whether there is a next page
	}
	mems, err := s.db.ListMemories(ctx, store.ListOptions{Filter: f, AfterRowID: after, Limit: limit, NewestFirst: r.NewestFirst})
	if err != nil {
		return nil, err
	}
	page := &ListPage{Memories: []*Memory{}}
	for i, m := range mems {
		if r.Limit > 0 && i == r.Limit {
			page.NextCursor = encodeCursor(mems[i-1].RowID)
			break
		}
		page.Memories = append(page.Memories, fromStore(m))
	}
	return page, nil
}

func buildFilter(scope Scope, types, tags []string) (store.Filter, error) {
	f := store.Filter{Namespaces: scope.list()}
	for _, t := range types {
		v, err := ValidateType(t)
		if err != nil {
			return f, invalidf("%v", err)
		}
		f.Types = append(f.Types, v)
	}
	var err error
	if f.Tags, err = normalizeTags(tags); err != nil {
		return f, invalidf("%v", err)
	}
	return f, nil
}

// UpdateRequest changes an existing memory; nil fields stay as they are.
type UpdateRequest struct {
	ID         string
	Content    *string
	Type       *string
	Namespace  *string
	Tags       *[]string // replaces the tags
	AddTags    []string
	RemoveTags []string
	Metadata   json.RawMessage // merged in (JSON merge patch: null deletes a key)
	Importance *float64
	Source     *string
	NoRedact   bool
}

// UpdateResult says what Update did.
type UpdateResult struct {
	Memory     *Memory     `json:"memory"`
	Redactions []Redaction `json:"redactions,omitempty"`
	Warning    string      `json:"warning,omitempty"`
}

// Update applies the changes in one transaction; new content is redacted,
// re-embedded and re-expanded.
func (s *Service) Update(ctx context.Context, r UpdateRequest) (*UpdateResult, error) {
	if s.opts.ReadOnly {
		return nil, store.ErrReadOnly
	}
	cur, err := s.db.MemoryByID(ctx, r.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("update memory %q: %w", r.ID, ErrNotFound)
	} else if err != nil {
		return nil, err
	}
	req := AddRequest{Content: cur.Content, Namespace: cur.Namespace, Type: cur.Type, Tags: cur.Tags,
		Metadata: cur.Metadata, Importance: &cur.Importance, Source: cur.Source, NoRedact: true}
	contentChanged := r.Content != nil && strings.TrimSpace(*r.Content) != cur.Content
	if r.Content != nil {
		req.Content, req.NoRedact = *r.Content, r.NoRedact
	}
	if r.Type != nil {
		req.Type = *r.Type
	}
	if r.Namespace != nil {
		req.Namespace = *r.Namespace
	}
	if r.Tags != nil {
		req.Tags = *r.Tags
	}
	req.Tags = append(append([]string{}, req.Tags...), r.AddTags...)
	if len(r.RemoveTags) > 0 {
		drop, _ := normalizeTags(r.RemoveTags)
		req.Tags = without(req.Tags, drop)
	}
	if len(r.Metadata) > 0 {
		if req.Metadata, err = mergeMetadata(cur.Metadata, r.Metadata); err != nil {
			return nil, err
		}
	}
	if r.Importance != nil {
		req.Importance = r.Importance
	}
	if r.Source != nil {
		req.Source = *r.Source
	}
	var p *prepared
	if contentChanged {
		p, err = s.prepare(ctx, req)
	} else {
		p, err = s.validate(req)
	}
	if err != nil {
		return nil, err
	}
	next := p.m
	next.ID, next.RowID, next.CreatedAt = cur.ID, cur.RowID, cur.CreatedAt
	if !contentChanged {
		next.Expansion = cur.Expansion
	}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateMemory(ctx, &next); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return invalidf("another memory in namespace %q already has this content", next.Namespace)
			}
			return err
		}
		if p.vec != nil {
			return tx.UpsertVector(ctx, store.Vector{RowID: cur.RowID, Model: s.emb.Model(), Dim: len(p.vec), Data: vector.EncodeFloat32LE(p.vec)})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("update memory %s: %w", r.ID, err)
	}
	got, err := s.db.MemoryByID(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	return &UpdateResult{Memory: fromStore(got), Redactions: p.redactions, Warning: p.warning}, s.Sync(ctx)
}

func without(tags, drop []string) []string {
	var out []string
	for _, t := range tags {
		keep := true
		for _, d := range drop {
			if strings.EqualFold(strings.TrimSpace(t), d) {
				keep = false
			}
		}
		if keep {
			out = append(out, t)
		}
	}
	return out
}

// Delete removes memories by id in one transaction: either all named
// memories exist and go, or nothing changes.
func (s *Service) Delete(ctx context.Context, ids ...string) (int64, error) {
	if s.opts.ReadOnly {
		return 0, store.ErrReadOnly
	}
	var n int64
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		for _, id := range ids {
			if _, err := tx.MemoryByID(ctx, id); errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("memory %q: %w (nothing was deleted)", id, ErrNotFound)
			} else if err != nil {
				return err
			}
		}
		var err error
		n, err = tx.DeleteMemories(ctx, ids)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("delete: %w", err)
	}
	return n, s.Sync(ctx)
}
