package memory

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/sweetmcp/sweet/engine/vector"
)

// SnapshotFileName is the index snapshot's name in the data directory,
// beside the database. It is a cache: deleting it costs the next process
// one full load from the database, which writes it again.
const SnapshotFileName = "sweet.idx"

// Snapshot refresh policy. A process that replays more than
// snapshotRefresh change-log entries past the snapshot it knows writes a
// new one, at most once per snapshotMinInterval (a bulk import does not
// rewrite 100 MB per batch); a full reload always writes one. Replaying an
// entry costs one or two indexed reads, so a cold process replays at most
// a few hundred before its first search.
const (
	snapshotRefresh     = 256
	snapshotMinInterval = 30 * time.Second
)

// snapWriter runs at most one background snapshot write per service.
type snapWriter struct {
	mu     sync.Mutex
	busy   bool // a write is running
	again  bool // asked for while busy: write once more when done
	closed bool
	last   time.Time
	wg     sync.WaitGroup
}

func (s *Service) snapshotPath() string {
	return filepath.Join(filepath.Dir(s.db.Path()), SnapshotFileName)
}

// loadSnapshot adopts the snapshot in the data directory if it is whole,
// for the current embedder, and its change-log position is still in this
// database's log; otherwise it logs why and reports false, and the caller
// loads from the tables.
func (s *Service) loadSnapshot(ctx context.Context) bool {
	path := s.snapshotPath()
	sf, err := openSnapshot(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err == nil {
		var st *snapState
		if st, err = s.decodeSnapshot(ctx, sf); err == nil {
			s.mu.Lock()
			old := s.release
			s.rows, s.byID, s.nsCount, s.idx, s.ids = st.rows, nil, st.nsCount, st.idx, st.ids
			s.lastSeq, s.snapSeq, s.release = sf.hdr.seq, sf.hdr.seq, sf.release
			s.gen++
			s.mu.Unlock()
			releaseSnapshot(old, s)
			return true
		}
		sf.release()
	}
	s.log.Info("Ignoring the index snapshot; loading from the database", "path", path, "err", err)
	return false
}

// decodeSnapshot checks that sf belongs to this database and embedder and
// decodes it.
func (s *Service) decodeSnapshot(ctx context.Context, sf *snapFile) (*snapState, error) {
	h := sf.hdr
	if model := sf.strs[0]; model != s.emb.Model() {
		return nil, fmt.Errorf("it holds vectors of model %s, the embedder is %s", model, s.emb.Model())
	}
	if d := s.emb.Dim(); d > 0 && h.vecs > 0 && int(h.dim) != d {
		return nil, fmt.Errorf("its vectors have %d dimensions, the embedder's %d", h.dim, d)
	}
	if h.seq > 0 {
		// The entry at the snapshot's position, with its time, tells this
		// database from another one (or a restored backup) whose log
		// happens to reach as far.
		at, err := s.changeAt(ctx, h.seq)
		if err != nil {
			return nil, err
		}
		if at != h.at {
			return nil, fmt.Errorf("its change-log position %d is not in this database's log (pruned, or another database)", h.seq)
		}
	}
	st, err := sf.decode()
	if err != nil {
		return nil, err
	}
	if st.idx == nil && s.emb.Dim() > 0 {
		st.idx, err = vector.New(s.emb.Dim())
	}
	return st, err
}

// changeAt returns the time of change-log entry seq, or -1 when the log no
// longer holds it.
func (s *Service) changeAt(ctx context.Context, seq int64) (int64, error) {
	cs, err := s.db.ChangesSince(ctx, seq-1, 1)
	if err != nil {
		return 0, err
	}
	if len(cs) == 0 || cs[0].Seq != seq {
		return -1, nil
	}
	return cs[0].At, nil
}

// releaseSnapshot unmaps a snapshot the service no longer uses. The caller
// has swapped it out under s.mu, so no search still reads it.
func releaseSnapshot(release func() error, s *Service) {
	if release == nil {
		return
	}
	if err := release(); err != nil {
		s.log.Warn("Unmapping the old index snapshot failed", "err", err)
	}
}

// persistLater writes a snapshot in the background, unless the service is
// read-only (it writes nothing into the data directory) or closed. With
// force unset, it writes only when the snapshot is far enough behind and
// the last write not too recent.
func (s *Service) persistLater(force bool) {
	if s.opts.ReadOnly {
		return
	}
	w := &s.snapw
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.closed:
		return
	case w.busy:
		w.again = w.again || force
		return
	case !force && time.Since(w.last) < snapshotMinInterval:
		return
	}
	w.busy = true
	w.wg.Add(1)
	go s.persistLoop()
}

func (s *Service) persistLoop() {
	w := &s.snapw
	defer w.wg.Done()
	for {
		start := time.Now()
		err := s.persist(context.Background())
		switch {
		case errors.Is(err, errSnapshotStale):
			s.log.Debug("Index snapshot skipped: the index changed meanwhile")
		case err != nil:
			s.log.Warn("Writing the index snapshot failed", "path", s.snapshotPath(), "err", err)
		default:
			s.log.Debug("Index snapshot written", "path", s.snapshotPath(), "took", time.Since(start))
			s.pruneChangeLog(context.Background())
		}
		w.mu.Lock()
		w.last = time.Now()
		if !w.again || w.closed {
			w.busy = false
			w.mu.Unlock()
			return
		}
		w.again = false
		w.mu.Unlock()
	}
}

// stopSnapshots waits for a running snapshot write and allows no more.
func (s *Service) stopSnapshots() {
	s.snapw.mu.Lock()
	s.snapw.closed = true
	s.snapw.mu.Unlock()
	s.snapw.wg.Wait()
}

// persist writes the current state as the snapshot.
func (s *Service) persist(ctx context.Context) error {
	c, idx := s.capture()
	if c == nil {
		return nil // already on disk
	}
	at, err := s.changeAt(ctx, c.seq)
	if err != nil || at < 0 {
		return err // pruned meanwhile: a snapshot could not be matched to the log
	}
	c.at = at
	view := func(lo, hi int, fn func(vector.Matrix)) error {
		s.mu.RLock()
		defer s.mu.RUnlock()
		if s.gen != c.gen {
			return errSnapshotStale
		}
		idx.View(lo, hi, fn)
		return nil
	}
	if err := writeSnapshot(s.snapshotPath(), c, view); err != nil {
		return err
	}
	s.mu.Lock()
	s.snapSeq = max(s.snapSeq, c.seq)
	s.mu.Unlock()
	return nil
}

// capture copies the row table and the index's shape under the read lock;
// it returns nil when the snapshot on disk is already at this position.
func (s *Service) capture() (*snapCapture, *vector.Index) {
	s.mu.RLock()
	if s.lastSeq == s.snapSeq && s.snapSeq > 0 {
		s.mu.RUnlock()
		return nil, nil
	}
	c := &snapCapture{seq: s.lastSeq, gen: s.gen, strs: []string{s.emb.Model()}}
	type row struct {
		rid int64
		id  string
		ri  rowInfo
	}
	rows := make([]row, 0, len(s.rows))
	for rid, ri := range s.rows {
		id, _ := s.ids.id(rid)
		rows = append(rows, row{rid, id, ri})
	}
	idx := s.idx
	if idx != nil {
		c.dim, c.vecs, c.codes = idx.Dim(), idx.Len(), idx.Quantized()
	}
	s.mu.RUnlock()
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(a.rid, b.rid) })
	strNum := map[string]uint32{}
	intern := func(v string) uint32 {
		n, ok := strNum[v]
		if !ok {
			n = uint32(len(c.strs))
			strNum[v] = n
			c.strs = append(c.strs, v)
		}
		return n
	}
	for _, r := range rows {
		c.rowIDs = append(c.rowIDs, r.rid)
		c.created = append(c.created, r.ri.created)
		c.ns = append(c.ns, intern(r.ri.ns))
		c.typ = append(c.typ, intern(r.ri.typ))
		c.ids = append(c.ids, r.id)
		c.idBytes += len(r.id)
	}
	return c, idx
}
