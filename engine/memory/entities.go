package memory

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/sweetmcp/sweet/store"
)

// Entity is a knowledge-graph node in the shape of the official MCP memory
// server (@modelcontextprotocol/server-memory). Its observations are
// memories of type fact, so hybrid search finds them too.
type Entity struct {
	Name         string   `json:"name"`
	EntityType   string   `json:"entityType"`
	Observations []string `json:"observations"`
}

// EntityRelation is a directed edge between entities, in the same shape.
type EntityRelation struct {
	From         string `json:"from"`
	To           string `json:"to"`
	RelationType string `json:"relationType"`
}

// Graph is a set of entities and the relations among them.
type Graph struct {
	Entities  []Entity         `json:"entities"`
	Relations []EntityRelation `json:"relations"`
}

// ObservationSource marks memories that are entity observations.
const ObservationSource = "entity"

// CreateEntities creates entities that do not exist yet (by name) and
// returns those it created, as the official server does. Observations of a
// new entity are stored as memories.
func (s *Service) CreateEntities(ctx context.Context, ns string, ents []Entity) ([]Entity, error) {
	for _, e := range ents {
		if strings.TrimSpace(e.Name) == "" {
			return nil, invalidf("entity name is empty")
		}
	}
	obs := map[string][]*prepared{}
	var all []*prepared
	for _, e := range ents {
		ps, err := s.prepareObservations(ns, e.Name, e.Observations)
		if err != nil {
			return nil, err
		}
		obs[e.Name] = ps
		all = append(all, ps...)
	}
	if err := s.embedAll(ctx, all, nil); err != nil {
		return nil, err
	}
	created := []Entity{}
	own, err := s.writeOwn(ctx, func(tx *store.Tx, own *ownWrites) error {
		created = created[:0]
		names := make([]string, len(ents))
		for i, e := range ents {
			names[i] = e.Name
		}
		exist, err := tx.EntityRowIDs(ctx, ns, names)
		if err != nil {
			return err
		}
		var fresh []store.NewEntity
		for _, e := range ents {
			if _, ok := exist[e.Name]; ok {
				continue // as the official server does, an existing name is left as it is
			}
			exist[e.Name] = 0 // a repeat later in the call is not created twice
			fresh = append(fresh, store.NewEntity{Name: e.Name, EntityType: e.EntityType})
			if e.Observations == nil {
				e.Observations = []string{}
			}
			created = append(created, e)
		}
		ids, err := tx.CreateEntities(ctx, ns, fresh)
		if err != nil {
			return err
		}
		groups := make([]obsGroup, len(fresh))
		for i, e := range fresh {
			groups[i] = obsGroup{entity: ids[i], ps: obs[e.Name], fresh: true}
		}
		_, err = s.attachObservations(ctx, tx, groups, own)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create entities: %w", err)
	}
	return created, s.syncWith(ctx, own)
}

// prepareObservations validates observation texts; the caller embeds them
// all at once with embedAll.
func (s *Service) prepareObservations(ns, entity string, texts []string) ([]*prepared, error) {
	var out []*prepared
	for _, t := range texts {
		p, err := s.validate(AddRequest{Content: t, Namespace: ns, Type: TypeFact, Source: ObservationSource,
			Metadata: []byte(fmt.Sprintf(`{"entity":%q}`, entity))})
		if err != nil {
			return nil, fmt.Errorf("observation of %q: %w", entity, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// obsGroup is the observations to attach to one entity.
type obsGroup struct {
	entity int64
	ps     []*prepared
	// fresh is set for an entity created in this transaction, which has
	// no observations yet to compare with.
	fresh bool
}

// attachObservations writes observation memories and links them to their
// entities, skipping texts an entity already has and sharing a memory with
// the same text in the namespace; it returns the new texts per group. New
// memories of all groups go in with one bulk insert, so a create_entities
// call of a hundred observations indexes them once. What it inserts is
// recorded in own (when not nil).
func (s *Service) attachObservations(ctx context.Context, tx *store.Tx, groups []obsGroup, own *ownWrites) ([][]string, error) {
	added := make([][]string, len(groups))
	type link struct {
		group int
		m     *store.Memory
	}
	var links []link
	var fresh []*store.Memory
	var vecs [][]float32
	stored, err := storedByHash(ctx, tx, groups)
	if err != nil {
		return nil, err
	}
	pending := map[string]*store.Memory{} // namespace+hash of memories inserted in this call
	for gi, g := range groups {
		added[gi] = []string{}
		seen := map[string]bool{}
		for _, p := range g.ps {
			key := p.m.Namespace + "\x00" + p.m.ContentHash
			if seen[key] {
				continue
			}
			seen[key] = true
			if !g.fresh {
				if has, err := tx.HasObservation(ctx, g.entity, p.m.Content); err != nil {
					return nil, err
				} else if has {
					continue
				}
			}
			m := pending[key]
			if m == nil {
				if rid, ok := stored[key]; ok {
					m = &store.Memory{RowID: rid} // the same fact already stored: share it
				} else {
					cp := p.m
					cp.ID = NewID()
					m = &cp
					fresh = append(fresh, m)
					vecs = append(vecs, p.vec)
				}
				pending[key] = m
			}
			links = append(links, link{gi, m})
			added[gi] = append(added[gi], p.m.Content)
		}
	}
	if err := tx.InsertMemories(ctx, fresh); err != nil {
		return nil, err
	}
	for _, m := range fresh {
		own.memory(m)
	}
	if err := s.storeVectors(ctx, tx, fresh, vecs, own); err != nil {
		return nil, err
	}
	attach := make([]store.ObservationLink, len(links))
	for i, l := range links {
		attach[i] = store.ObservationLink{Entity: groups[l.group].entity, Memory: l.m.RowID}
	}
	if err := tx.AddObservations(ctx, attach); err != nil {
		return nil, err
	}
	return added, nil
}

// storedByHash finds the stored memories with the texts of the groups'
// observations, keyed by namespace and content hash, one query per
// namespace.
func storedByHash(ctx context.Context, tx *store.Tx, groups []obsGroup) (map[string]int64, error) {
	hashes := map[string][]string{}
	for _, g := range groups {
		for _, p := range g.ps {
			hashes[p.m.Namespace] = append(hashes[p.m.Namespace], p.m.ContentHash)
		}
	}
	out := map[string]int64{}
	for ns, hs := range hashes {
		found, err := tx.MemoryRowIDsByHash(ctx, ns, hs)
		if err != nil {
			return nil, err
		}
		for h, rid := range found {
			out[ns+"\x00"+h] = rid
		}
	}
	return out, nil
}

// ObservationAdd asks to add observations to one entity.
type ObservationAdd struct {
	EntityName string   `json:"entityName"`
	Contents   []string `json:"contents"`
}

// ObservationResult lists what was added to one entity.
type ObservationResult struct {
	EntityName        string   `json:"entityName"`
	AddedObservations []string `json:"addedObservations"`
}

// AddObservations adds observations to existing entities; an unknown entity
// is an error and nothing is written.
func (s *Service) AddObservations(ctx context.Context, ns string, adds []ObservationAdd) ([]ObservationResult, error) {
	prep := make([][]*prepared, len(adds))
	var all []*prepared
	for i, a := range adds {
		ps, err := s.prepareObservations(ns, a.EntityName, a.Contents)
		if err != nil {
			return nil, err
		}
		prep[i] = ps
		all = append(all, ps...)
	}
	if err := s.embedAll(ctx, all, nil); err != nil {
		return nil, err
	}
	var out []ObservationResult
	own, err := s.writeOwn(ctx, func(tx *store.Tx, own *ownWrites) error {
		out = out[:0]
		groups := make([]obsGroup, len(adds))
		for i, a := range adds {
			id, err := tx.EntityRowID(ctx, ns, a.EntityName)
			if errors.Is(err, store.ErrNotFound) {
				return invalidf("entity with name %s not found", a.EntityName)
			} else if err != nil {
				return err
			}
			groups[i] = obsGroup{entity: id, ps: prep[i]}
		}
		added, err := s.attachObservations(ctx, tx, groups, own)
		if err != nil {
			return err
		}
		for i, a := range adds {
			out = append(out, ObservationResult{EntityName: a.EntityName, AddedObservations: added[i]})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add observations: %w", err)
	}
	return out, s.syncWith(ctx, own)
}

// CreateEntityRelations adds relations and returns those that are new.
// Entities named by a relation must exist.
func (s *Service) CreateEntityRelations(ctx context.Context, ns string, rels []EntityRelation) ([]EntityRelation, error) {
	created := []EntityRelation{}
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		created = created[:0]
		for _, r := range rels {
			if strings.TrimSpace(r.RelationType) == "" {
				return invalidf("relationType is empty in relation %s -> %s", r.From, r.To)
			}
			from, err := s.entityOrCreate(ctx, tx, ns, r.From)
			if err != nil {
				return err
			}
			to, err := s.entityOrCreate(ctx, tx, ns, r.To)
			if err != nil {
				return err
			}
			ok, err := tx.AddEntityRelation(ctx, from, to, r.RelationType)
			if err != nil {
				return err
			}
			if ok {
				created = append(created, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("create relations: %w", err)
	}
	return created, nil
}

// entityOrCreate finds an entity, creating an untyped one for relations
// that name an entity nobody created (the official server allows them).
func (s *Service) entityOrCreate(ctx context.Context, tx *store.Tx, ns, name string) (int64, error) {
	if strings.TrimSpace(name) == "" {
		return 0, invalidf("relation names an empty entity")
	}
	id, _, err := tx.EnsureEntity(ctx, ns, name, "")
	return id, err
}

// DeleteEntities deletes entities with their observations and relations;
// unknown names are ignored, as in the official server.
func (s *Service) DeleteEntities(ctx context.Context, ns string, names []string) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		for _, n := range names {
			id, err := tx.EntityRowID(ctx, ns, n)
			if errors.Is(err, store.ErrNotFound) {
				continue
			} else if err != nil {
				return err
			}
			if err := tx.DeleteEntity(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete entities: %w", err)
	}
	return s.Sync(ctx)
}

// ObservationDelete names observations to delete from one entity.
type ObservationDelete struct {
	EntityName   string   `json:"entityName"`
	Observations []string `json:"observations"`
}

// DeleteObservations removes observations; unknown ones are ignored.
func (s *Service) DeleteObservations(ctx context.Context, ns string, dels []ObservationDelete) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		for _, d := range dels {
			id, err := tx.EntityRowID(ctx, ns, d.EntityName)
			if errors.Is(err, store.ErrNotFound) {
				continue
			} else if err != nil {
				return err
			}
			for _, o := range d.Observations {
				if _, err := tx.DeleteObservation(ctx, id, strings.TrimSpace(o)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete observations: %w", err)
	}
	return s.Sync(ctx)
}

// DeleteEntityRelations removes relations; unknown ones are ignored.
func (s *Service) DeleteEntityRelations(ctx context.Context, ns string, rels []EntityRelation) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		for _, r := range rels {
			from, err1 := tx.EntityRowID(ctx, ns, r.From)
			to, err2 := tx.EntityRowID(ctx, ns, r.To)
			if errors.Is(err1, store.ErrNotFound) || errors.Is(err2, store.ErrNotFound) {
				continue
			}
			if err := errors.Join(err1, err2); err != nil {
				return err
			}
			if err := tx.DeleteEntityRelation(ctx, from, to, r.RelationType); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete relations: %w", err)
	}
	return nil
}

// ReadGraph returns the whole graph of the namespaces in scope.
func (s *Service) ReadGraph(ctx context.Context, scope Scope) (*Graph, error) {
	return s.graph(ctx, scope.list(), nil)
}

// OpenNodes returns the named entities and the relations among them.
func (s *Service) OpenNodes(ctx context.Context, scope Scope, names []string) (*Graph, error) {
	if len(names) == 0 {
		return &Graph{Entities: []Entity{}, Relations: []EntityRelation{}}, nil
	}
	return s.graph(ctx, scope.list(), names)
}

func (s *Service) graph(ctx context.Context, nss, names []string) (*Graph, error) {
	ents, rels, err := s.db.ReadGraph(ctx, nss, names)
	if err != nil {
		return nil, err
	}
	g := &Graph{Entities: make([]Entity, 0, len(ents)), Relations: make([]EntityRelation, 0, len(rels))}
	for _, e := range ents {
		g.Entities = append(g.Entities, Entity{Name: e.Name, EntityType: e.EntityType, Observations: e.Observations})
	}
	for _, r := range rels {
		g.Relations = append(g.Relations, EntityRelation{From: r.From, To: r.To, RelationType: r.RelationType})
	}
	return g, nil
}

// SearchNodes finds entities whose name, type or observations match a query,
// ranked by hybrid search over their observations plus name and type
// matches, and returns them with the relations among them.
func (s *Service) SearchNodes(ctx context.Context, scope Scope, query string, limit int) (*Graph, error) {
	if limit <= 0 {
		limit = 20
	}
	// Links between memories are not the entity graph: their neighbours
	// are not matches, so the graph component stays out of the ranking.
	w := s.weights
	w.Graph = 0
	resp, err := s.Search(ctx, SearchRequest{Query: query, Scope: scope, Limit: 100, Weights: &w})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(resp.Results))
	for _, r := range resp.Results {
		ids = append(ids, r.rowID)
	}
	owners, err := s.db.EntitiesOfMemories(ctx, ids)
	if err != nil {
		return nil, err
	}
	var names []string
	seen := map[string]bool{}
	addName := func(n string) {
		if !seen[n] && len(names) < limit {
			seen[n] = true
			names = append(names, n)
		}
	}
	// Entities whose name or type contains the query come first, as the
	// official server would find them; then those found through their facts.
	if q := strings.TrimSpace(query); q != "" {
		byName, err := s.names.match(ctx, s.db, scope.list(), q, limit)
		if err != nil {
			return nil, err
		}
		for _, n := range byName {
			addName(n)
		}
	}
	for _, r := range resp.Results {
		if n, ok := owners[r.rowID]; ok {
			addName(n)
		}
	}
	return s.OpenNodes(ctx, scope, names)
}
