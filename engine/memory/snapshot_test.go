package memory

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sweetmcp/sweet/engine/vector"
	"github.com/sweetmcp/sweet/store"
)

// snapDB returns a fresh copy of a database directory with 2*snapPerNS memories in
// two namespaces and a snapshot at its current position. The original is
// built once per test binary: importing is most of each test's cost.
func snapDB(t *testing.T) string {
	t.Helper()
	snapOnce.Do(func() { snapTemplate, snapErr = buildSnapDB() })
	if snapErr != nil {
		t.Fatal(snapErr)
	}
	dir := t.TempDir()
	entries, err := os.ReadDir(snapTemplate)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(snapTemplate, e.Name()))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, e.Name()), b, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, store.FileName)
}

var (
	snapOnce     sync.Once
	snapTemplate string
	snapErr      error
)

// snapPerNS is how many memories the snapshot tests keep per namespace.
const snapPerNS = 80

// importSnapCorpus imports the snapshot tests' memories.
func importSnapCorpus(ctx context.Context, w *Service) error {
	for i, ns := range []string{"alpha", "beta"} {
		data := bytes.ReplaceAll(syntheticExport(snapPerNS, uint64(i+1)), []byte(`"bench"`), []byte(`"`+ns+`"`))
		data = bytes.ReplaceAll(data, []byte("01BENCH"), []byte("01"+strings.ToUpper(ns[:4])+"X"))
		if _, err := w.ImportJSONL(ctx, FormatSweet, bytes.NewReader(data), ImportOptions{}); err != nil {
			return err
		}
	}
	return nil
}

func buildSnapDB() (string, error) {
	dir, err := os.MkdirTemp("", "sweet-snap-")
	if err != nil {
		return "", err
	}
	benchMu.Lock()
	benchDBs[-1] = filepath.Join(dir, store.FileName) // TestMain removes it
	benchMu.Unlock()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		return "", err
	}
	defer db.Close()
	w, err := New(ctx, db, sharedBuiltin, Options{})
	if err != nil {
		return "", err
	}
	defer w.Close()
	if err := importSnapCorpus(ctx, w); err != nil {
		return "", err
	}
	if err := w.Sync(ctx); err != nil {
		return "", err
	}
	w.stopSnapshots() // no background write racing the one below
	return dir, w.persist(ctx)
}

// openService opens a service over the database at path, closed with the test.
func openService(t *testing.T, path string, opts Options) *Service {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, db, sharedBuiltin, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); db.Close() })
	return s
}

// persistNow writes s's snapshot, even when one at its position exists.
func persistNow(t testing.TB, s *Service) {
	t.Helper()
	s.mu.Lock()
	s.snapSeq = -1
	s.mu.Unlock()
	if err := s.persist(context.Background()); err != nil {
		t.Fatalf("persist: %v", err)
	}
}

func fromSnapshot(s *Service) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.release != nil
}

// reloaded opens a read-only service and rebuilds it from the tables: the
// reference every snapshot-loaded service must match.
func reloaded(t *testing.T, path string) *Service {
	t.Helper()
	s := openService(t, path, Options{ReadOnly: true})
	if err := s.reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// answers runs a fixed set of searches (read-only services, so reads leave
// no trace that could change a later ranking) and renders them.
func answers(t *testing.T, s *Service) []string {
	t.Helper()
	ctx := context.Background()
	reqs := []SearchRequest{
		{Query: "which database does the billing service use", Scope: Scope{All: true}},
		{Query: "cache eviction policy for search", Scope: Scope{Namespaces: []string{"beta"}}},
		{Query: "release process canary", Scope: Scope{All: true}, Strategy: StrategyVector},
		{Query: "memory leak in the data pipeline", Scope: Scope{Namespaces: []string{"alpha"}}, Types: []string{"fact", "procedural"}},
	}
	var out []string
	for _, r := range reqs {
		resp, err := s.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Results) == 0 {
			t.Fatalf("no results for %q: the comparison would prove nothing", r.Query)
		}
		for _, res := range resp.Results {
			out = append(out, fmt.Sprintf("%q %s %.4f", r.Query, res.ID, res.Score))
		}
	}
	s.mu.RLock()
	out = append(out, fmt.Sprintf("rows %d vectors %d namespaces %v", len(s.rows), s.idx.Len(), s.nsCount))
	s.mu.RUnlock()
	return out
}

func TestSnapshotSearchesLikeAReload(t *testing.T) {
	path := snapDB(t)
	s := openService(t, path, Options{ReadOnly: true})
	if !fromSnapshot(s) {
		t.Fatal("the service did not open from the snapshot")
	}
	want := answers(t, reloaded(t, path))
	if diff := cmp.Diff(want, answers(t, s)); diff != "" {
		t.Fatalf("snapshot-loaded service differs from a reload (-reload +snapshot):\n%s", diff)
	}
}

func TestSnapshotReplaysLaterWrites(t *testing.T) {
	path := snapDB(t)
	ctx := context.Background()
	w := openService(t, path, Options{})
	added := add(t, w, "alpha", "The billing service moved from MySQL to CockroachDB in March.")
	page, err := w.List(ctx, ListRequest{Scope: Scope{Namespaces: []string{"beta"}}, Limit: 2})
	if err != nil || len(page.Memories) < 2 {
		t.Fatalf("List: %v %v", page, err)
	}
	deleted, moved := page.Memories[0].ID, page.Memories[1].ID
	if _, err := w.Delete(ctx, deleted); err != nil {
		t.Fatal(err)
	}
	alpha, content := "alpha", "Search caches are evicted by LFU with a one-hour ceiling."
	if _, err := w.Update(ctx, UpdateRequest{ID: moved, Namespace: &alpha, Content: &content}); err != nil {
		t.Fatal(err)
	}

	s := openService(t, path, Options{ReadOnly: true})
	if !fromSnapshot(s) {
		t.Fatal("the service did not open from the snapshot")
	}
	if diff := cmp.Diff(answers(t, reloaded(t, path)), answers(t, s)); diff != "" {
		t.Fatalf("replayed service differs from a reload (-reload +snapshot):\n%s", diff)
	}
	resp, err := s.Search(ctx, SearchRequest{Query: "billing CockroachDB", Scope: Scope{Namespaces: []string{"alpha"}}, Strategy: StrategyVector})
	if err != nil || len(resp.Results) == 0 || resp.Results[0].ID != added.Memory.ID {
		t.Fatalf("the memory added after the snapshot was not found first: %+v %v", resp, err)
	}
	s.mu.Lock()
	_, hasDeleted := s.rowIDOf(deleted)
	rid, _ := s.rowIDOf(moved)
	movedNS := s.rows[rid].ns
	s.mu.Unlock()
	if hasDeleted || movedNS != "alpha" {
		t.Fatalf("after replay: deleted memory present %v, moved memory in %q", hasDeleted, movedNS)
	}
}

// snapshotBytes returns the snapshot file of the database at path.
func snapshotBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(filepath.Dir(path), SnapshotFileName))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDamagedSnapshotIsIgnored(t *testing.T) {
	path := snapDB(t)
	good := snapshotBytes(t, path)
	h, err := decodeHeader(good)
	if err != nil {
		t.Fatal(err)
	}
	lay, _ := layoutOf(h)
	flip := func(off int) func([]byte) []byte {
		return func(b []byte) []byte { b[off] ^= 0x40; return b }
	}
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"empty", func([]byte) []byte { return nil }},
		{"header only", func(b []byte) []byte { return b[:snapHeaderSize] }},
		{"one byte short", func(b []byte) []byte { return b[:len(b)-1] }},
		{"one byte long", func(b []byte) []byte { return append(b, 0) }},
		{"not a snapshot", func(b []byte) []byte { return bytes.Repeat([]byte("sweet"), 1000) }},
		{"newer version", flip(9)},
		{"header bit", flip(33)},
		{"row table bit", flip(lay.rowIDs + 3)},
		{"id bit", flip(lay.idBytes + 5)},
		{"string table bit", flip(lay.strBytes)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			snap := filepath.Join(filepath.Dir(path), SnapshotFileName)
			if err := os.WriteFile(snap, tc.damage(bytes.Clone(good)), 0o600); err != nil {
				t.Fatal(err)
			}
			s := openService(t, path, Options{ReadOnly: true})
			if fromSnapshot(s) || s.loadSnapshot(context.Background()) {
				t.Fatal("a damaged snapshot was used")
			}
			if s.idx.Len() != 2*snapPerNS || len(s.rows) != 2*snapPerNS {
				t.Fatalf("after the fallback: %d vectors, %d rows, want %d", s.idx.Len(), len(s.rows), 2*snapPerNS)
			}
		})
	}
	t.Run("vector bit", func(t *testing.T) {
		// Mapped, the vectors are length-checked, not checksummed (see the
		// format); read into memory, they are checksummed too.
		b := flip(lay.matrix + 17)(bytes.Clone(good))
		if _, err := checkSnapshot(b, false); err == nil {
			t.Error("a read snapshot with a damaged matrix passed its check")
		}
		if _, err := checkSnapshot(b, true); err != nil {
			t.Errorf("a mapped snapshot failed on its matrix, which it does not checksum: %v", err)
		}
	})
}

func TestSnapshotOfAnotherModelIsIgnored(t *testing.T) {
	path := snapDB(t)
	s := openService(t, path, Options{ReadOnly: true})
	s.snapSeq = -1
	c, idx := s.capture()
	c.strs[0] = "some-other-model"
	at, err := s.changeAt(context.Background(), c.seq)
	if err != nil {
		t.Fatal(err)
	}
	c.at = at
	view := func(lo, hi int, fn func(vector.Matrix)) error { idx.View(lo, hi, fn); return nil }
	if err := writeSnapshot(filepath.Join(filepath.Dir(path), SnapshotFileName), c, view); err != nil {
		t.Fatal(err)
	}
	if s.loadSnapshot(context.Background()) {
		t.Fatal("a snapshot of another model was used")
	}
}

func TestSnapshotBeyondThePrunedLogIsIgnored(t *testing.T) {
	path := snapDB(t)
	ctx := context.Background()
	w := openService(t, path, Options{ReadOnly: false})
	m := add(t, w, "alpha", "The on-call rota is kept in PagerDuty.")
	// Prune every entry but the newest: the snapshot's position is gone.
	err := w.db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.PruneChanges(ctx, time.Now().Add(time.Hour).UnixMilli())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s := openService(t, path, Options{ReadOnly: true})
	if fromSnapshot(s) {
		t.Fatal("a snapshot whose log position was pruned was used")
	}
	s.mu.Lock()
	_, ok := s.rowIDOf(m.Memory.ID)
	s.mu.Unlock()
	if !ok || len(s.rows) != 2*snapPerNS+1 {
		t.Fatalf("after the reload: memory found %v, %d rows, want %d", ok, len(s.rows), 2*snapPerNS+1)
	}
}

func TestSnapshotOfAnotherDatabaseIsIgnored(t *testing.T) {
	path := snapDB(t)
	snap := snapshotBytes(t, path)
	h, err := decodeHeader(snap)
	if err != nil {
		t.Fatal(err)
	}
	// The same writes, later: the other log reaches the snapshot's position,
	// so only the entry's time tells the databases apart.
	other := filepath.Join(t.TempDir(), store.FileName)
	w := openService(t, other, Options{})
	time.Sleep(5 * time.Millisecond)
	if err := importSnapCorpus(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	if at, err := w.changeAt(context.Background(), h.seq); err != nil || at < 0 {
		t.Fatalf("the other database's log does not reach position %d (%d, %v): the test would not test the fingerprint", h.seq, at, err)
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(other), SnapshotFileName), snap, 0o600); err != nil {
		t.Fatal(err)
	}
	if s := openService(t, other, Options{ReadOnly: true}); fromSnapshot(s) {
		t.Fatal("another database's snapshot was used")
	}
}

func TestConcurrentSnapshotWritersNeverTear(t *testing.T) {
	path := snapDB(t)
	a, b := openService(t, path, Options{}), openService(t, path, Options{})
	snap := filepath.Join(filepath.Dir(path), SnapshotFileName)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var readErr error
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			sf, err := openSnapshot(snap)
			if err != nil {
				readErr = err
				return
			}
			sf.release()
		}
	})
	var writers sync.WaitGroup
	for _, s := range []*Service{a, b} {
		writers.Go(func() {
			for range 5 {
				persistNow(t, s)
			}
		})
	}
	writers.Wait()
	close(stop)
	wg.Wait()
	if readErr != nil {
		t.Fatalf("a reader saw a bad snapshot while two services wrote: %v", readErr)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".sweet.idx-*"))
	if len(left) > 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
	if s := openService(t, path, Options{ReadOnly: true}); !fromSnapshot(s) {
		t.Fatal("the last snapshot written is not usable")
	}
}

func TestReadOnlyServiceWritesNoSnapshot(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, store.FileName)
	w := openService(t, path, Options{})
	add(t, w, "alpha", "Deploys freeze on Fridays.")
	w.Close()
	os.Remove(filepath.Join(dir, SnapshotFileName))
	s := openService(t, path, Options{ReadOnly: true})
	s.Close()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".idx") {
			t.Fatalf("a read-only service wrote %s", e.Name())
		}
	}
}

func TestIDTable(t *testing.T) {
	var b idTableBuilder
	for _, r := range []struct {
		rid int64
		id  string
	}{{2, "A"}, {5, "BB"}, {9, "CCC"}} {
		b.add(r.rid, r.id)
	}
	tab := b.table()
	tab.set(5, "BB")  // unchanged: nothing added
	tab.set(9, "DDD") // rowid reused by another memory
	tab.set(11, "E")  // written after the load
	if len(tab.added) != 2 {
		t.Errorf("added holds %v, want only the two new ids", tab.added)
	}
	for _, tc := range []struct {
		rid  int64
		want string
		ok   bool
	}{{2, "A", true}, {5, "BB", true}, {9, "DDD", true}, {11, "E", true}, {3, "", false}, {12, "", false}} {
		if got, ok := tab.id(tc.rid); got != tc.want || ok != tc.ok {
			t.Errorf("id(%d) = %q, %v; want %q, %v", tc.rid, got, ok, tc.want, tc.ok)
		}
	}
}
