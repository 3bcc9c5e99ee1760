package memory

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/sweetmcp/sweet/engine/vector"
	"github.com/sweetmcp/sweet/store"
)

// reloadThreshold is the change-log backlog above which Sync reloads.
const reloadThreshold = 5000

// Sync replays the change log into the in-memory index: writes by this and
// other processes become searchable. Reads call it first; it costs one
// indexed query when nothing changed.
func (s *Service) Sync(ctx context.Context) error {
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	seq, err := s.db.LastChange(ctx)
	if err != nil {
		return err
	}
	s.mu.RLock()
	last := s.lastSeq
	s.mu.RUnlock()
	if seq == last {
		return nil
	}
	if seq-last > reloadThreshold {
		// After a bulk import a fresh load is cheaper than replaying
		// every entry one query at a time.
		return s.reload(ctx)
	}
	for last < seq {
		changes, err := s.db.ChangesSince(ctx, last, 2000)
		if err != nil {
			return err
		}
		if len(changes) == 0 || changes[0].Seq > last+1 {
			// Sequence numbers have no gaps, so a gap means the log was
			// pruned past our position: start over from the tables.
			return s.reload(ctx)
		}
		for _, c := range changes {
			if err := s.apply(ctx, c); err != nil {
				return err
			}
			last = c.Seq
		}
		s.mu.Lock()
		s.lastSeq = last
		behind := last - s.snapSeq
		s.mu.Unlock()
		if behind > snapshotRefresh {
			s.persistLater(false)
		}
	}
	return nil
}

func (s *Service) apply(ctx context.Context, c store.Change) error {
	switch c.Kind {
	case "memory":
		if c.Op == "delete" {
			s.mu.Lock()
			if rid, ok := s.rowIDOf(c.Ref); ok {
				s.nsCount[s.rows[rid].ns]--
				delete(s.rows, rid)
				delete(s.byID, c.Ref)
				if s.idx != nil {
					s.idx.Delete(rid)
				}
				s.gen++
			}
			s.mu.Unlock()
			return nil
		}
		ri, err := s.db.RowInfoByID(ctx, c.Ref)
		if errors.Is(err, store.ErrNotFound) {
			return nil // deleted since; a later entry says so
		}
		if err != nil {
			return err
		}
		s.mu.Lock()
		if old, ok := s.rows[ri.RowID]; ok {
			s.nsCount[old.ns]--
		}
		s.rows[ri.RowID] = toRowInfo(ri)
		s.nsCount[ri.Namespace]++
		s.ids.set(ri.RowID, ri.ID)
		if s.byID != nil {
			s.byID[c.Ref] = ri.RowID
		}
		s.gen++
		s.mu.Unlock()
	case "vector":
		ridStr, model, ok := strings.Cut(c.Ref, ":")
		rid, err := strconv.ParseInt(ridStr, 10, 64)
		if !ok || err != nil || model != s.emb.Model() {
			return nil
		}
		if c.Op == "delete" {
			s.mu.Lock()
			if s.idx != nil {
				s.idx.Delete(rid)
			}
			s.gen++
			s.mu.Unlock()
			return nil
		}
		v, err := s.db.VectorOf(ctx, rid, model)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		vec, err := vector.DecodeFloat32LE(v.Data, v.Dim)
		if err != nil {
			return err
		}
		return s.upsertVector(rid, vec)
	}
	return nil
}

// upsertVector puts a vector in the index, creating the index on the first
// vector when the embedder's dimension was unknown.
func (s *Service) upsertVector(rid int64, vec []float32) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	if s.idx == nil {
		idx, err := vector.New(len(vec))
		if err != nil {
			return err
		}
		s.idx = idx
	}
	return s.idx.Upsert(rid, vec)
}

// rowIDOf returns the rowid of a memory by public id. The map is built
// from the row table on first use: a process that never replays a delete
// (a one-off query) never pays for a second map over every memory. The
// caller holds s.mu for writing.
func (s *Service) rowIDOf(id string) (int64, bool) {
	if s.byID == nil {
		s.byID = make(map[string]int64, len(s.rows))
		for rid := range s.rows {
			if id, ok := s.ids.id(rid); ok {
				s.byID[id] = rid
			}
		}
	}
	rid, ok := s.byID[id]
	return rid, ok
}
