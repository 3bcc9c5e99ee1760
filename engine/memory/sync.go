package memory

import (
	"context"
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
func (s *Service) Sync(ctx context.Context) error { return s.syncWith(ctx, nil) }

// syncWith is Sync taking the rows and vectors of the entries this
// service's own last transaction logged from own (nil for none).
func (s *Service) syncWith(ctx context.Context, own *ownWrites) error {
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
		pre, err := s.prefetch(ctx, changes, own)
		if err != nil {
			return err
		}
		for _, c := range changes {
			if err := s.apply(c, pre); err != nil {
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

// prefetched holds the current rows and vectors a batch of changes refers
// to, read with a few IN queries rather than one query per change: a
// create_entities call of 50 entities logs some 300 changes.
type prefetched struct {
	rows map[string]store.RowInfo
	vecs map[int64]store.Vector
}

// prefetch reads the rows and vectors that the inserts and updates among
// changes name, taking those own recorded for its own entries instead.
// Whatever was deleted since is simply absent, and a later change in the
// log says so.
func (s *Service) prefetch(ctx context.Context, changes []store.Change, own *ownWrites) (prefetched, error) {
	var ids []string
	var rids []int64
	pre := prefetched{rows: map[string]store.RowInfo{}, vecs: map[int64]store.Vector{}}
	for _, c := range changes {
		if c.Op == "delete" {
			continue
		}
		switch c.Kind {
		case "memory":
			if ri, ok := own.row(c); ok {
				pre.rows[c.Ref] = ri
				continue
			}
			ids = append(ids, c.Ref)
		case "vector":
			rid, ok := s.vectorRef(c.Ref)
			if !ok {
				continue
			}
			if v, ok := own.vec(c, rid); ok {
				pre.vecs[rid] = v
				continue
			}
			rids = append(rids, rid)
		}
	}
	// Rows read now are current: they replace a recorded one that a later
	// entry (another process's change) says changed since.
	rows, err := s.db.RowInfosByID(ctx, ids)
	if err != nil {
		return pre, err
	}
	for id, ri := range rows {
		pre.rows[id] = ri
	}
	vecs, err := s.db.VectorsOf(ctx, rids, s.emb.Model())
	if err != nil {
		return pre, err
	}
	for rid, v := range vecs {
		pre.vecs[rid] = v
	}
	return pre, nil
}

// vectorRef parses a vector change's "rowid:model" reference; it reports
// false for another model's vectors, which this index does not hold.
func (s *Service) vectorRef(ref string) (int64, bool) {
	ridStr, model, ok := strings.Cut(ref, ":")
	rid, err := strconv.ParseInt(ridStr, 10, 64)
	return rid, ok && err == nil && model == s.emb.Model()
}

func (s *Service) apply(c store.Change, pre prefetched) error {
	switch c.Kind {
	case "entity":
		s.names.drop()
	case "memory":
		if c.Op == "delete" {
			s.mu.Lock()
			if rid, ok := s.rowIDOf(c.Ref); ok {
				s.cache.drop(rid)
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
		ri, ok := pre.rows[c.Ref]
		if !ok {
			return nil // deleted since; a later entry says so
		}
		s.cache.drop(ri.RowID)
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
		rid, ok := s.vectorRef(c.Ref)
		if !ok {
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
		v, ok := pre.vecs[rid]
		if !ok {
			return nil
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
