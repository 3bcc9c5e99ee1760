package reason

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/<test name>/<file>, or rewrites it with
// -update.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", t.Name(), file)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

func TestExport(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	r := New(Config{Embedder: sharedBuiltin, Now: clk.Now, NewID: func() string { return "01SESSIONFORGOLDENFILES00" }})
	c := loadChains(t)[0]
	o, err := r.Start(ctx, StartRequest{Problem: c.Problem, Strategy: "mcts"})
	if err != nil {
		t.Fatal(err)
	}
	var parent string = RootID
	for k, text := range c.Coherent {
		resp := think(t, r, nil, Request{SessionID: o.ID, Thought: text, ThoughtNumber: k + 1, TotalThoughts: 3, NextThoughtNeeded: k < 2, ParentID: parent})
		parent = resp.NodeID
	}
	think(t, r, nil, Request{SessionID: o.ID, Thought: c.Incoherent[0], ThoughtNumber: 4, TotalThoughts: 4, NextThoughtNeeded: true, ParentID: RootID})
	think(t, r, nil, Request{SessionID: o.ID, Thought: c.Incoherent[1], ThoughtNumber: 5, TotalThoughts: 5, NextThoughtNeeded: true, ParentID: "n1"})

	md, err := r.Export(ctx, o.ID, "markdown")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "session.md", md)
	js, err := r.Export(ctx, o.ID, "json")
	if err != nil {
		t.Fatal(err)
	}
	var back Overview
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatalf("exported JSON does not decode: %v", err)
	}
	if len(back.Thoughts) != 6 || len(back.BestPath) == 0 {
		t.Errorf("decoded export: %d thoughts, best path %v", len(back.Thoughts), back.BestPath)
	}
	if _, err := r.Export(ctx, o.ID, "yaml"); err == nil {
		t.Error("unknown format accepted")
	}
}
