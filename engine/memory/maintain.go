package memory

import (
	"context"
	"fmt"
	"time"

	"github.com/sweetmcp/sweet/engine/vector"
	"github.com/sweetmcp/sweet/store"
)

// ReindexReport says what a reindex did.
type ReindexReport struct {
	Model    string `json:"model"`
	Embedded int    `json:"embedded"`
	Removed  int64  `json:"removed_old_vectors"`
}

// Reindex embeds every memory that has no vector for the current model, in
// batches (each its own transaction, so an interrupted reindex keeps its
// progress), then deletes vectors of other models.
func (s *Service) Reindex(ctx context.Context, progress func(done, total int)) (*ReindexReport, error) {
	if s.opts.ReadOnly {
		return nil, store.ErrReadOnly
	}
	model := s.emb.Model()
	total, err := s.db.CountMissingVectors(ctx, model)
	if err != nil {
		return nil, err
	}
	rep := &ReindexReport{Model: model}
	var after int64
	for {
		page, err := s.db.MissingVectors(ctx, model, after, 256)
		if err != nil {
			return rep, err
		}
		if len(page) == 0 {
			break
		}
		texts := make([]string, len(page))
		for i, m := range page {
			texts[i] = m.Content
			after = m.RowID
		}
		vecs, err := s.emb.Embed(ctx, texts)
		if err != nil {
			return rep, fmt.Errorf("embed with %s: %w (%d of %d done; run reindex again to continue)", model, err, rep.Embedded, total)
		}
		err = s.db.Write(ctx, func(tx *store.Tx) error {
			for i, m := range page {
				if s.builtin != nil && m.Expansion == "" {
					m.Expansion = s.builtin.Expand(m.Content)
					if err := tx.UpdateMemory(ctx, m); err != nil {
						return err
					}
				}
				if err := tx.UpsertVector(ctx, store.Vector{RowID: m.RowID, Model: model, Dim: len(vecs[i]), Data: vector.EncodeFloat32LE(vecs[i])}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return rep, fmt.Errorf("reindex: %w", err)
		}
		rep.Embedded += len(page)
		if progress != nil {
			progress(rep.Embedded, int(total))
		}
	}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		rep.Removed, err = tx.DeleteVectorsExcept(ctx, model)
		return err
	})
	if err != nil {
		return rep, fmt.Errorf("reindex: %w", err)
	}
	return rep, s.Sync(ctx)
}

// PruneRequest selects memories to forget. All set conditions must hold.
type PruneRequest struct {
	Scope Scope
	// OlderThan: created, and last read, longer ago than this.
	OlderThan time.Duration
	// BelowImportance: importance under this value (0 disables).
	BelowImportance float64
	Types           []string
	// Apply deletes; without it Prune only lists what it would delete.
	Apply bool
}

// PruneReport lists the memories pruned (or that would be).
type PruneReport struct {
	Applied  bool      `json:"applied"`
	Memories []*Memory `json:"memories"`
}

// Prune finds memories matching every condition and, with Apply, deletes
// them in one transaction. At least one condition is required.
func (s *Service) Prune(ctx context.Context, r PruneRequest) (*PruneReport, error) {
	if r.OlderThan <= 0 && r.BelowImportance <= 0 && len(r.Types) == 0 {
		return nil, invalidf("prune needs a condition: --older-than, --below-importance or --type")
	}
	if r.BelowImportance < 0 || r.BelowImportance > 1 {
		return nil, invalidf("importance %v is outside 0..1", r.BelowImportance)
	}
	f, err := buildFilter(r.Scope, r.Types, nil)
	if err != nil {
		return nil, err
	}
	var cutoff time.Time
	if r.OlderThan > 0 {
		cutoff = time.Now().Add(-r.OlderThan)
		f.Until = cutoff
	}
	mems, err := s.db.ListMemories(ctx, store.ListOptions{Filter: f})
	if err != nil {
		return nil, err
	}
	rep := &PruneReport{Memories: []*Memory{}}
	var ids []string
	for _, m := range mems {
		if r.BelowImportance > 0 && m.Importance >= r.BelowImportance {
			continue
		}
		if !cutoff.IsZero() && m.LastAccessedAt.After(cutoff) {
			continue
		}
		rep.Memories = append(rep.Memories, fromStore(m))
		ids = append(ids, m.ID)
	}
	if !r.Apply || len(ids) == 0 {
		return rep, nil
	}
	if _, err := s.Delete(ctx, ids...); err != nil {
		return nil, err
	}
	rep.Applied = true
	return rep, nil
}

// Stats is what `sweet memory stats` shows.
type Stats struct {
	Memories    int64            `json:"memories"`
	ByType      map[string]int64 `json:"by_type"`
	ByNamespace map[string]int64 `json:"by_namespace"`
	TopTags     map[string]int64 `json:"top_tags"`
	PerDay      map[string]int64 `json:"per_day"`
	Relations   int64            `json:"relations"`
	Entities    int64            `json:"entities"`
	Vectors     map[string]int64 `json:"vectors"`
	Bytes       int64            `json:"database_bytes"`
	Embedder    string           `json:"embedder"`
	Dim         int              `json:"dim"`
	Indexed     int              `json:"indexed"`
	Stale       *Staleness       `json:"stale,omitempty"`
}

// Stats counts what the scope holds and describes the index.
func (s *Service) Stats(ctx context.Context, scope Scope) (*Stats, error) {
	if err := s.Sync(ctx); err != nil {
		return nil, err
	}
	st, err := s.db.Stats(ctx, store.Filter{Namespaces: scope.list()})
	if err != nil {
		return nil, err
	}
	out := &Stats{Memories: st.Memories, ByType: st.ByType, ByNamespace: st.ByNamespace, TopTags: st.TopTags,
		PerDay: st.PerDay, Relations: st.Relations, Entities: st.Entities, Vectors: st.Vectors, Bytes: st.Bytes,
		Embedder: s.emb.Model(), Dim: s.emb.Dim()}
	s.mu.RLock()
	if s.idx != nil {
		out.Indexed = s.idx.Len()
		out.Dim = s.idx.Dim()
	}
	if missing := len(s.rows) - out.Indexed; missing > 0 {
		out.Stale = &Staleness{Missing: int64(missing), Total: int64(len(s.rows)), Model: s.emb.Model()}
	}
	s.mu.RUnlock()
	return out, nil
}
