package reason

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/store"
)

// sharedBuiltin is decoded once for the whole test binary.
var sharedBuiltin = embed.NewBuiltin()

// clock is a settable time source for idle-expiry tests.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// chain is one fixture of testdata/chains.json.
type chain struct {
	Name       string   `json:"name"`
	Problem    string   `json:"problem"`
	Coherent   []string `json:"coherent"`
	Incoherent []string `json:"incoherent"`
}

func loadChains(t testing.TB) []chain {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "chains.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cs []chain
	if err := json.Unmarshal(b, &cs); err != nil {
		t.Fatal(err)
	}
	return cs
}

// openStore opens a real database in a temp dir.
func openStore(t testing.TB, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openMemory opens the memory service over db with the built-in embedder.
func openMemory(t testing.TB, db *store.DB) *memory.Service {
	t.Helper()
	m, err := memory.New(context.Background(), db, sharedBuiltin, memory.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// think adds a thought and fails the test on error.
func think(t testing.TB, r *Reasoner, sm Sampler, req Request) *Response {
	t.Helper()
	resp, err := r.Process(context.Background(), sm, req)
	if err != nil {
		t.Fatalf("Process(%+v): %v", req, err)
	}
	return resp
}
