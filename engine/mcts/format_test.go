package mcts

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func TestFormatGolden(t *testing.T) {
	tree, err := New(Problem[board, int](ticTacToe{}), board{}, Config[board, int]{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.Run(context.Background(), 3000); err != nil {
		t.Fatal(err)
	}
	got := tree.Format(2, 100)
	path := filepath.Join("testdata", t.Name()+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("Format differs from %s (run with -update if intended)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestAdvanceKeepsSubtree(t *testing.T) {
	g := Problem[board, int](ticTacToe{})
	tree, err := New(g, board{}, Config[board, int]{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.Run(context.Background(), 2000); err != nil {
		t.Fatal(err)
	}
	child := tree.Root().MostVisited()
	visits, size := child.Visits(), countNodes(child)
	if err := tree.Advance(child); err != nil {
		t.Fatal(err)
	}
	if tree.Root() != child || tree.Nodes() != size || tree.Simulations() != visits || child.Depth() != 0 {
		t.Fatalf("after Advance: nodes %d (want %d), sims %d (want %d), depth %d",
			tree.Nodes(), size, tree.Simulations(), visits, child.Depth())
	}
	if child.Mover() != g.Player(child.State()) {
		t.Errorf("new root's mover %d, want the player to move %d", child.Mover(), g.Player(child.State()))
	}
	if err := tree.Run(context.Background(), 500); err != nil {
		t.Fatal(err)
	}
	if got := tree.Root().Visits(); got != visits+500 {
		t.Errorf("root visits %d, want %d", got, visits+500)
	}
	if err := tree.Advance(child); err == nil {
		t.Error("advancing to the root itself succeeded")
	}
}
