package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain lets the test binary act as a separate writer process for the
// cross-process test (see runWriterProcess).
func TestMain(m *testing.M) {
	if path := os.Getenv("SWEET_STORE_TEST_WRITER"); path != "" {
		os.Exit(runWriterProcess(path))
	}
	os.Exit(m.Run())
}

func openTest(t *testing.T, path string, opts Options) *DB {
	t.Helper()
	db, err := Open(context.Background(), path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newMemory(ns, content string) *Memory {
	sum := sha256.Sum256([]byte(content))
	return &Memory{
		ID:          fmt.Sprintf("m-%x", sum[:8]),
		Namespace:   ns,
		Type:        "semantic",
		Content:     content,
		Tags:        []string{"t1", "t2"},
		Importance:  0.5,
		ContentHash: fmt.Sprintf("%x", sum),
	}
}

func insert(t *testing.T, db *DB, m *Memory) {
	t.Helper()
	err := db.Write(context.Background(), func(tx *Tx) error { return tx.InsertMemory(context.Background(), m) })
	if err != nil {
		t.Fatalf("InsertMemory: %v", err)
	}
}

func TestOpenCreatesCurrentSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", FileName)
	db := openTest(t, path, Options{})
	v, err := db.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != SchemaVersion() || v < 1 {
		t.Fatalf("version = %d, want %d", v, SchemaVersion())
	}
	if ok, err := db.HasFTS5(ctx); err != nil || !ok {
		t.Fatalf("HasFTS5 = %v, %v", ok, err)
	}
	var mode string
	if err := db.r.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v", mode, err)
	}
	var fk int
	if err := db.w.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("foreign_keys = %d, %v", fk, err)
	}
}

func TestReopenIsNoOp(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	db := openTest(t, path, Options{})
	insert(t, db, newMemory("ns", "hello"))
	before, _ := db.LastChange(ctx)
	db.Close()

	db2 := openTest(t, path, Options{})
	after, _ := db2.LastChange(ctx)
	if before != after {
		t.Fatalf("reopen wrote to the change log: %d -> %d", before, after)
	}
	if n, _ := db2.CountMemories(ctx); n != 1 {
		t.Fatalf("count after reopen = %d, want 1", n)
	}
}

func TestNewerSchemaRefusedUntouched(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	db := openTest(t, path, Options{})
	if _, err := db.w.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+5)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	_, err = Open(ctx, path, Options{})
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open newer: err = %v, want ErrNewerSchema", err)
	}
	for _, want := range []string{strconv.Itoa(SchemaVersion() + 5), strconv.Itoa(SchemaVersion()), "upgrade sweet"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("refused database file was modified")
	}
}

func TestForeignDatabaseRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "other.db")
	db := openTest(t, path, Options{migrations: []migration{}})
	if _, err := db.w.ExecContext(ctx, "PRAGMA application_id = 1234; CREATE TABLE x (a)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(ctx, path, Options{}); !errors.Is(err, ErrNotSweet) {
		t.Fatalf("err = %v, want ErrNotSweet", err)
	}
}

func TestCorruptFileRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, bytes.Repeat([]byte("garbage!"), 1024), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path, Options{})
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
}

func TestFailedMigrationKeepsPreviousVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	good := []migration{{version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (x); CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"}}
	openTest(t, path, Options{migrations: good}).Close()

	bad := append(good, migration{version: 2, name: "0002_b.sql",
		sql: "CREATE TABLE b (x); INSERT INTO a VALUES (1); THIS IS NOT SQL;"})
	if _, err := Open(ctx, path, Options{migrations: bad}); err == nil || !strings.Contains(err.Error(), "0002_b.sql") {
		t.Fatalf("Open with failing migration: err = %v", err)
	}
	db := openTest(t, path, Options{migrations: good})
	if v, _ := db.Version(ctx); v != 1 {
		t.Fatalf("version after failed migration = %d, want 1", v)
	}
	var n int
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'b'").Scan(&n)
	if n != 0 {
		t.Fatal("table from the failed migration exists")
	}
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM a").Scan(&n)
	if n != 0 {
		t.Fatal("row from the failed migration exists")
	}
}

func TestEmbeddedMigrationsApplyInOrder(t *testing.T) {
	migs, err := embeddedMigrations()
	if err != nil {
		t.Fatal(err)
	}
	// Apply each prefix of the list on top of the previous one, as upgrades do.
	path := filepath.Join(t.TempDir(), FileName)
	for i := range migs {
		db := openTest(t, path, Options{migrations: migs[:i+1]})
		if v, _ := db.Version(context.Background()); v != i+1 {
			t.Fatalf("after %s: version %d", migs[i].name, v)
		}
		db.Close()
	}
}

func TestTypedErrors(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	m := newMemory("ns", "same content")
	insert(t, db, m)
	dup := newMemory("ns", "same content")
	dup.ID = "other-id"
	err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemory(ctx, dup) })
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("duplicate hash: err = %v, want ErrConflict", err)
	}
	if _, err := db.MemoryByID(ctx, "missing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing id: err = %v, want ErrNotFound", err)
	}
	bad := newMemory("ns", "bad importance")
	bad.Importance = 2
	if err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemory(ctx, bad) }); !errors.Is(err, ErrConflict) {
		t.Fatalf("importance 2: err = %v, want ErrConflict", err)
	}
}

func TestWriteRollsBackOnError(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	boom := errors.New("boom")
	err := db.Write(ctx, func(tx *Tx) error {
		if err := tx.InsertMemory(ctx, newMemory("ns", "first")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if n, _ := db.CountMemories(ctx); n != 0 {
		t.Fatalf("count = %d after rolled-back write, want 0", n)
	}
}

func TestMemoryRoundTripAndTriggers(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	m := newMemory("proj", "The deploy script lives in ops/deploy.sh")
	m.Metadata = []byte(`{"k":"v"}`)
	insert(t, db, m)
	got, err := db.MemoryByID(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Content != m.Content || string(got.Metadata) != `{"k":"v"}` || len(got.Tags) != 2 || got.RowID != m.RowID {
		t.Fatalf("round trip: got %+v", got)
	}
	var n int
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH 'deploy'").Scan(&n)
	if n != 1 {
		t.Fatalf("FTS match count = %d, want 1", n)
	}
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memory_tags WHERE tag = 't2'").Scan(&n)
	if n != 1 {
		t.Fatalf("tag rows = %d, want 1", n)
	}
	for _, n := range []int{1, 3} {
		if err := db.Write(ctx, func(tx *Tx) error { return tx.TouchMemories(ctx, map[int64]int{got.RowID: n, got.RowID + 999: 1}) }); err != nil {
			t.Fatal(err)
		}
	}
	got, _ = db.MemoryByID(ctx, m.ID)
	if got.AccessCount != 4 || got.LastAccessedAt.IsZero() {
		t.Fatalf("touch: count %d (want 1+3), last %v", got.AccessCount, got.LastAccessedAt)
	}
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memory_access").Scan(&n)
	if n != 1 {
		t.Fatalf("memory_access rows = %d, want 1 (a read of a missing memory is skipped)", n)
	}
	if err := db.Write(ctx, func(tx *Tx) error { _, err := tx.DeleteMemories(ctx, []string{m.ID}); return err }); err != nil {
		t.Fatal(err)
	}
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH 'deploy'").Scan(&n)
	if n != 0 {
		t.Fatalf("FTS still matches a deleted memory")
	}
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memory_access").Scan(&n)
	if n != 0 {
		t.Fatalf("memory_access keeps %d rows of a deleted memory", n)
	}
	changes, err := db.ChangesSince(ctx, 0, 100)
	if err != nil || len(changes) < 2 {
		t.Fatalf("changes = %v, %v", changes, err)
	}
	if last := changes[len(changes)-1]; last.Op != "delete" || last.Ref != m.ID {
		t.Fatalf("last change = %+v", last)
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openTest(t, filepath.Join(dir, FileName), Options{})
	insert(t, db, newMemory("ns", "kept in the backup"))
	dest := filepath.Join(dir, "copy.db")
	if err := db.Backup(ctx, dest, false); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, dest, false); !errors.Is(err, ErrExists) {
		t.Fatalf("second backup without overwrite: err = %v", err)
	}
	if err := db.Backup(ctx, dest, true); err != nil {
		t.Fatalf("overwrite: %v", err)
	}
	cp := openTest(t, dest, Options{})
	if n, _ := cp.CountMemories(ctx); n != 1 {
		t.Fatalf("backup holds %d memories, want 1", n)
	}
	if p, err := cp.QuickCheck(ctx); err != nil || len(p) != 0 {
		t.Fatalf("QuickCheck = %v, %v", p, err)
	}
}

func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	insert(t, openTest(t, path, Options{}), newMemory("ns", "x"))
	ro := openTest(t, path, Options{ReadOnly: true})
	if n, _ := ro.CountMemories(ctx); n != 1 {
		t.Fatalf("read-only count = %d", n)
	}
	if err := ro.Write(ctx, func(tx *Tx) error { return nil }); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("write on read-only: %v", err)
	}
}

func TestConcurrentGoroutineWriters(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	const writers, each = 20, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				m := newMemory("ns", fmt.Sprintf("goroutine %d write %d", w, i))
				if err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemory(ctx, m) }); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("write failed: %v", err)
	}
	if n, _ := db.CountMemories(ctx); n != writers*each {
		t.Fatalf("count = %d, want %d", n, writers*each)
	}
}

// runWriterProcess is the body of a child process: open the store and write
// 20 memories from 20 goroutines at once.
func runWriterProcess(path string) int {
	ctx := context.Background()
	db, err := Open(ctx, path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := newMemory("ns", fmt.Sprintf("process %d write %d", os.Getpid(), i))
			if err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemory(ctx, m) }); err != nil {
				fmt.Fprintln(os.Stderr, err)
				mu.Lock()
				failed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failed > 0 {
		return 1
	}
	return 0
}

func TestConcurrentProcessWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	openTest(t, path, Options{}).Close() // create it once so the children race on writes, not on creation
	const procs = 3
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, procs)
	errs := make([]error, procs)
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "SWEET_STORE_TEST_WRITER="+path)
			cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
			errs[i] = cmd.Run()
		}()
	}
	wg.Wait()
	for i := range procs {
		if errs[i] != nil {
			t.Errorf("writer process %d: %v\n%s", i, errs[i], outs[i].String())
		}
		if strings.Contains(outs[i].String(), "locked") {
			t.Errorf("writer process %d saw a lock error: %s", i, outs[i].String())
		}
	}
	db := openTest(t, path, Options{})
	if n, _ := db.CountMemories(context.Background()); n != procs*20 {
		t.Fatalf("count = %d, want %d", n, procs*20)
	}
}

func TestInsertMemoriesBulkKeepsIndexAndTrigger(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	var ms []*Memory
	for i := range 200 {
		ms = append(ms, newMemory("ns", fmt.Sprintf("bulk memory number %d mentions kubernetes", i)))
	}
	if err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemories(ctx, ms) }); err != nil {
		t.Fatal(err)
	}
	var n int
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH 'kubernetes'").Scan(&n)
	if n != 200 {
		t.Fatalf("FTS matches after bulk insert = %d, want 200", n)
	}
	insert(t, db, newMemory("ns", "a later single insert about kubernetes"))
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH 'kubernetes'").Scan(&n)
	if n != 201 {
		t.Fatalf("the FTS trigger did not come back: %d matches", n)
	}
	// A failing bulk insert rolls the trigger change back with the rows.
	bad := []*Memory{}
	for i := range 100 {
		bad = append(bad, newMemory("ns", fmt.Sprintf("second batch %d", i)))
	}
	bad = append(bad, newMemory("ns", "bulk memory number 3 mentions kubernetes")) // duplicate hash
	if err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemories(ctx, bad) }); !errors.Is(err, ErrConflict) {
		t.Fatalf("err = %v, want ErrConflict", err)
	}
	var trig, deferred int
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'memories_fts_ai'").Scan(&trig)
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM fts_deferred").Scan(&deferred)
	if c, _ := db.CountMemories(ctx); c != 201 || trig != 1 || deferred != 0 {
		t.Fatalf("after failed bulk insert: %d memories, trigger present %d, deferral markers %d", c, trig, deferred)
	}
	insert(t, db, newMemory("ns", "one more single insert about kubernetes"))
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH 'kubernetes'").Scan(&n)
	if n != 202 {
		t.Fatalf("after a failed bulk insert a single insert is not indexed: %d matches, want 202", n)
	}
}

// TestPlannerStatisticsFollowGrowth checks that statistics taken while the
// memories table was tiny do not survive it growing: with them, SQLite
// scanned the whole table to read a few rows by rowid.
func TestPlannerStatisticsFollowGrowth(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	db := openTest(t, path, Options{})
	insert(t, db, newMemory("ns", "the only memory"))
	if _, err := db.w.ExecContext(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	var ms []*Memory
	for i := range 3000 {
		ms = append(ms, newMemory("ns", fmt.Sprintf("memory number %d", i)))
	}
	if err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemories(ctx, ms) }); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openTest(t, path, Options{})
	plan := queryPlan(t, db, "SELECT content FROM memories m WHERE m.rowid IN (1, 2, 3, 4, 5, 6, 7, 8)")
	if len(plan) != 1 || !strings.HasPrefix(plan[0], "SEARCH m USING INTEGER PRIMARY KEY") {
		t.Fatalf("plan for a rowid lookup = %q, want a primary key search", plan)
	}
}

// TestKeyedLookupsUseIndexes: the json_each lookups find rows through the
// unique indexes, not by scanning the table.
func TestKeyedLookupsUseIndexes(t *testing.T) {
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	for _, q := range []string{
		`SELECT name, rowid FROM entities WHERE namespace = 'p' AND name IN (SELECT value FROM json_each('["a","b"]'))`,
		`SELECT content_hash, rowid FROM memories WHERE namespace = 'p' AND content_hash IN (SELECT value FROM json_each('["a","b"]'))`,
	} {
		joined := strings.Join(queryPlan(t, db, q), "; ")
		if !strings.Contains(joined, "SEARCH entities USING") && !strings.Contains(joined, "SEARCH memories USING") {
			t.Errorf("plan for %q does not search an index: %s", q, joined)
		}
	}
}

// TestAccessMovesToSideTable: upgrading a version-5 file keeps each
// memory's recorded reads, now read from memory_access.
func TestAccessMovesToSideTable(t *testing.T) {
	ctx := context.Background()
	migs, err := embeddedMigrations()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), FileName)
	old := openTest(t, path, Options{migrations: migs[:5]})
	for i, c := range []string{"read twice", "never read"} {
		_, err := old.w.ExecContext(ctx, `INSERT INTO memories (id, namespace, type, content, expansion, metadata, tags,
			importance, source, content_hash, created_at, updated_at, last_accessed_at, access_count)
			VALUES (?, 'ns', 'fact', ?, '', '{}', '[]', 0.5, '', ?, 1000, 1000, ?, ?)`,
			fmt.Sprintf("m%d", i), c, fmt.Sprintf("h%d", i), map[int]any{0: 5000, 1: nil}[i], 2-2*i)
		if err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	db := openTest(t, path, Options{})
	read, err := db.MemoryByID(ctx, "m0")
	if err != nil || read.AccessCount != 2 || read.LastAccessedAt.UnixMilli() != 5000 {
		t.Fatalf("after upgrade m0 = %+v, %v; want 2 reads, the last at 5000", read, err)
	}
	never, err := db.MemoryByID(ctx, "m1")
	if err != nil || never.AccessCount != 0 || !never.LastAccessedAt.IsZero() {
		t.Fatalf("after upgrade m1 = %+v, %v; want no reads", never, err)
	}
	var cols int
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info('memories') WHERE name IN ('access_count', 'last_accessed_at')").Scan(&cols)
	if cols != 0 {
		t.Fatalf("memories still has %d access columns", cols)
	}
}

// TestGraphReadsUseIndexes: the graph reads, whose lists are JSON arrays
// now, still find entities and observations through their indexes.
func TestGraphReadsUseIndexes(t *testing.T) {
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	for _, q := range []string{
		`SELECT e.rowid FROM entities e WHERE e.namespace IN ` + inList + ` AND e.name IN ` + inList,
		`SELECT o.memory FROM entity_observations o WHERE o.memory IN ` + inList,
		`SELECT r.from_entity FROM entity_relations r WHERE r.from_entity IN ` + inList + ` OR r.to_entity IN ` + inList,
		`SELECT m.rowid FROM memories m WHERE m.rowid IN ` + inList,
	} {
		plan := queryPlan(t, db, q, `["a"]`, `["b"]`)
		t.Logf("%s: %s", q, strings.Join(plan, "; "))
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, "json_each") {
				t.Errorf("plan for %q scans a table: %s", q, strings.Join(plan, "; "))
			}
		}
	}
}

// TestReadStatementsSurviveSchemaChanges: a cached reader statement keeps
// working after another connection changes the schema (SQLite prepares it
// again), and reads beyond the cache's bound run unprepared.
func TestReadStatementsSurviveSchemaChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	a := openTest(t, path, Options{})
	b := openTest(t, path, Options{})
	insert(t, a, newMemory("ns", "before the schema change"))
	if _, err := a.LastChange(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.w.ExecContext(ctx, "CREATE TABLE unrelated (x); DROP INDEX memories_ns_type; CREATE INDEX memories_ns_type ON memories (namespace, type)"); err != nil {
		t.Fatal(err)
	}
	insert(t, b, newMemory("ns", "after it"))
	seq, err := a.LastChange(ctx)
	if err != nil || seq < 2 {
		t.Fatalf("LastChange after another connection's schema change = %d, %v", seq, err)
	}
	for i := range maxReadStmts + 5 {
		var n int
		if err := a.queryRow(ctx, fmt.Sprintf("SELECT %d", i)).Scan(&n); err != nil || n != i {
			t.Fatalf("read %d: %d, %v", i, n, err)
		}
	}
	if got := len(a.stmts.m); got != maxReadStmts {
		t.Fatalf("cache holds %d statements, want the bound %d", got, maxReadStmts)
	}
}

// TestUpsertVectorsInChunks: a batch longer than one statement's chunk,
// with a memory repeated (the last vector wins) and one already stored
// (replaced), stores one row per memory.
func TestUpsertVectorsInChunks(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	var ms []*Memory
	for i := range vectorsPerInsert + 10 {
		ms = append(ms, newMemory("ns", fmt.Sprintf("memory %d", i)))
	}
	if err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemories(ctx, ms) }); err != nil {
		t.Fatal(err)
	}
	vec := func(rid int64, b byte) Vector {
		return Vector{RowID: rid, Model: "m", Dim: 1, Data: []byte{b, 0, 0, 0}}
	}
	if err := db.Write(ctx, func(tx *Tx) error { return tx.UpsertVector(ctx, vec(ms[0].RowID, 9)) }); err != nil {
		t.Fatal(err)
	}
	var vs []Vector
	for _, m := range ms {
		vs = append(vs, vec(m.RowID, 1))
	}
	vs = append(vs, vec(ms[3].RowID, 2))
	if err := db.Write(ctx, func(tx *Tx) error { return tx.UpsertVectors(ctx, vs) }); err != nil {
		t.Fatal(err)
	}
	got, err := db.VectorsOf(ctx, []int64{ms[0].RowID, ms[3].RowID, ms[len(ms)-1].RowID}, "m")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[ms[0].RowID].Data[0] != 1 || got[ms[3].RowID].Data[0] != 2 || got[ms[len(ms)-1].RowID].Data[0] != 1 {
		t.Fatalf("vectors after UpsertVectors: %+v", got)
	}
	var n int
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM vectors").Scan(&n)
	if n != len(ms) {
		t.Fatalf("%d vector rows, want %d", n, len(ms))
	}
}

// TestInsertMemoriesInChunks: a bulk insert longer than one statement's
// chunk stores and indexes every memory, and a duplicate among them fails
// the write naming it, leaving nothing behind.
func TestInsertMemoriesInChunks(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	var ms []*Memory
	for i := range 2*memoriesPerInsert + 5 {
		m := newMemory("ns", fmt.Sprintf("chunked memory %d", i))
		if i == 7 {
			m.AccessCount, m.LastAccessedAt = 3, time.UnixMilli(4000)
		}
		ms = append(ms, m)
	}
	if err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemories(ctx, ms) }); err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		got, err := db.MemoryByID(ctx, m.ID)
		if err != nil || got.RowID != m.RowID || got.Content != m.Content {
			t.Fatalf("memory %d: %+v, %v (rowid set %d)", i, got, err, m.RowID)
		}
		if i == 7 && (got.AccessCount != 3 || got.LastAccessedAt.UnixMilli() != 4000) {
			t.Fatalf("imported reads not kept: %+v", got)
		}
	}
	var n int
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH 'chunked'").Scan(&n)
	if n != len(ms) {
		t.Fatalf("FTS indexes %d of %d", n, len(ms))
	}

	var more []*Memory
	for i := range memoriesPerInsert + 3 {
		more = append(more, newMemory("ns", fmt.Sprintf("second batch %d", i)))
	}
	dup := newMemory("ns", "chunked memory 2")
	dup.ID = "dup-of-2"
	more[memoriesPerInsert+1] = dup
	err := db.Write(ctx, func(tx *Tx) error { return tx.InsertMemories(ctx, more) })
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "dup-of-2") {
		t.Fatalf("duplicate in a bulk insert: err = %v, want ErrConflict naming dup-of-2", err)
	}
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM memories").Scan(&n)
	if n != len(ms) {
		t.Fatalf("%d memories after the failed insert, want %d", n, len(ms))
	}
}

// TestGraphBulkWrites: entities created in one call get consecutive keys,
// and observations appended in bulk follow an entity's existing ones in
// order, leaving one it already has where it is.
func TestGraphBulkWrites(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	var ms []*Memory
	for i := range 4 {
		ms = append(ms, newMemory("ns", fmt.Sprintf("observation %d", i)))
	}
	var ids []int64
	err := db.Write(ctx, func(tx *Tx) error {
		if err := tx.InsertMemories(ctx, ms); err != nil {
			return err
		}
		var err error
		ids, err = tx.CreateEntities(ctx, "ns", []NewEntity{{"alpha", "service"}, {"beta", "team"}})
		if err != nil {
			return err
		}
		return tx.AddObservations(ctx, []ObservationLink{{ids[0], ms[0].RowID}, {ids[0], ms[1].RowID}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if ids[1] != ids[0]+1 {
		t.Fatalf("entity keys %v are not consecutive", ids)
	}
	err = db.Write(ctx, func(tx *Tx) error {
		return tx.AddObservations(ctx, []ObservationLink{{ids[0], ms[3].RowID}, {ids[0], ms[0].RowID}, {ids[1], ms[2].RowID}})
	})
	if err != nil {
		t.Fatal(err)
	}
	ents, _, err := db.ReadGraph(ctx, []string{"ns"}, nil)
	if err != nil || len(ents) != 2 {
		t.Fatalf("graph: %+v, %v", ents, err)
	}
	want := []string{"observation 0", "observation 1", "observation 3"}
	if !slices.Equal(ents[0].Observations, want) || !slices.Equal(ents[1].Observations, []string{"observation 2"}) {
		t.Fatalf("observations: alpha %q (want %q), beta %q", ents[0].Observations, want, ents[1].Observations)
	}
}

// queryPlan returns the steps of SQLite's plan for q on a reader.
func queryPlan(t *testing.T, db *DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return plan
}
