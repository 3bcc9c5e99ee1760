package memory

import (
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/sweetmcp/sweet/store"
)

// Record kinds of sweet's own JSON Lines format.
const (
	KindMemory         = "memory"
	KindRelation       = "relation"
	KindEntity         = "entity"
	KindEntityRelation = "entity_relation"
)

// Record is one line of sweet's export format. Fields depend on Kind:
// memory lines carry a whole memory; relation lines link memory ids; entity
// lines name their observations by memory id; entity_relation lines link
// entity names. Importing an export into an empty database and exporting it
// again gives the same lines.
type Record struct {
	Kind string `json:"kind"`
	*Memory
	// relation
	From     string          `json:"from,omitempty"`
	To       string          `json:"to,omitempty"`
	RelType  string          `json:"relation_type,omitempty"`
	Strength *float64        `json:"strength,omitempty"`
	RelMeta  json.RawMessage `json:"relation_metadata,omitempty"`
	LinkedAt *time.Time      `json:"linked_at,omitempty"`
	// entity
	Name         string   `json:"name,omitempty"`
	EntityType   *string  `json:"entity_type,omitempty"`
	Observations []string `json:"observations,omitempty"`
	EntityNS     string   `json:"entity_namespace,omitempty"`
}

// Export writes every memory in scope, the relations among them and the
// entity graph, as JSON Lines, oldest first.
func (s *Service) Export(ctx context.Context, scope Scope, w io.Writer) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	inScope := map[string]bool{}
	var after int64
	for {
		page, err := s.db.ListMemories(ctx, store.ListOptions{Filter: store.Filter{Namespaces: scope.list()}, AfterRowID: after, Limit: 2000})
		if err != nil {
			return n, err
		}
		for _, m := range page {
			if err := enc.Encode(Record{Kind: KindMemory, Memory: fromStore(m)}); err != nil {
				return n, err
			}
			inScope[m.ID] = true
			after = m.RowID
			n++
		}
		if len(page) < 2000 {
			break
		}
	}
	rels, err := s.db.AllRelations(ctx)
	if err != nil {
		return n, err
	}
	for _, r := range rels {
		if !inScope[r.FromID] || !inScope[r.ToID] {
			continue
		}
		strength, at := r.Strength, r.CreatedAt
		rec := Record{Kind: KindRelation, From: r.FromID, To: r.ToID, RelType: r.Type, Strength: &strength, RelMeta: r.Metadata, LinkedAt: &at}
		if err := enc.Encode(rec); err != nil {
			return n, err
		}
	}
	return n, s.exportEntities(ctx, scope, enc)
}

func (s *Service) exportEntities(ctx context.Context, scope Scope, enc *json.Encoder) error {
	ents, rels, err := s.db.ReadGraph(ctx, scope.list(), nil)
	if err != nil {
		return err
	}
	for _, e := range ents {
		typ := e.EntityType
		rec := Record{Kind: KindEntity, Name: e.Name, EntityType: &typ, Observations: e.Observations, EntityNS: e.Namespace}
		if rec.Observations == nil {
			rec.Observations = []string{}
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	nsOf := map[string]string{}
	for _, e := range ents {
		nsOf[e.Name] = e.Namespace
	}
	for _, r := range rels {
		if err := enc.Encode(Record{Kind: KindEntityRelation, From: r.From, To: r.To, RelType: r.RelationType, EntityNS: nsOf[r.From]}); err != nil {
			return err
		}
	}
	return nil
}
