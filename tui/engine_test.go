package tui

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/store"
)

// TestRealEngine runs the TUI over a real engine on a temporary database:
// the list shows what is stored, search finds it, and a memory written
// behind the TUI's back (as another sweet process would) appears without a
// key press, through engine.Watch.
func TestRealEngine(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	eng, err := engine.Open(ctx, engine.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	if _, err := eng.Memory.Add(ctx, memory.AddRequest{Content: "The staging database restarts nightly", Namespace: "proj", Type: "fact"}); err != nil {
		t.Fatal(err)
	}
	h := start(t, Wrap(eng), 100, 24, func(o *Options) {
		o.Scope = memory.DefaultScope("proj")
		o.DBPath = filepath.Join(dir, store.FileName)
	})
	h.waitFor("staging database restarts", "1 memories")

	// Another writer: a second engine on the same database file.
	other, err := engine.Open(ctx, engine.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Memory.Add(ctx, memory.AddRequest{Content: "Backups run before every deploy", Namespace: "proj"}); err != nil {
		t.Fatal(err)
	}
	h.waitFor("Backups run before", "2 memories")

	h.key("2")
	h.typeText("staging")
	h.waitFor("score", "lexical")
}
