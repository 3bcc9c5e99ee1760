package mcts

import (
	"context"
	"testing"
)

// thousand is a fixed single-agent tree of exactly 1,000 nodes: the root has
// 9 children, each of those 10, each of those 10 leaves (1 + 9 + 90 + 900).
// A state is its path encoded in base 10; leaf rewards come from a hash.
type thousand struct{}

type tnode struct{ depth, id int }

func (thousand) Actions(s tnode) []int {
	if s.depth == 0 {
		return []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	}
	return []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
}
func (thousand) Apply(s tnode, a int) tnode { return tnode{s.depth + 1, s.id*10 + a} }
func (thousand) Terminal(s tnode) (float64, bool) {
	if s.depth < 3 {
		return 0, false
	}
	h := uint32(s.id) * 2654435761
	return float64(h>>8) / float64(1<<24), true
}
func (thousand) Player(tnode) int { return 0 }

func TestThousandNodeTree(t *testing.T) {
	tree, err := New(Problem[tnode, int](thousand{}), tnode{}, Config[tnode, int]{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.Run(context.Background(), 5000); err != nil {
		t.Fatal(err)
	}
	if tree.Nodes() != 1000 {
		t.Errorf("full expansion gave %d nodes, want 1000", tree.Nodes())
	}
}

// BenchmarkSimulations150 runs 150 simulations from scratch on the
// 1,000-node tree: the budget mcp-reasoner allows per call.
func BenchmarkSimulations150(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		tree, err := New(Problem[tnode, int](thousand{}), tnode{}, Config[tnode, int]{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		if err := tree.Run(ctx, 150); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulations150Warm runs 150 more simulations on a tree that already
// holds all 1,000 nodes, so every simulation is selection and backup.
func BenchmarkSimulations150Warm(b *testing.B) {
	ctx := context.Background()
	tree, err := New(Problem[tnode, int](thousand{}), tnode{}, Config[tnode, int]{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	if err := tree.Run(ctx, 5000); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := tree.Run(ctx, 150); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTicTacToeMove2000(b *testing.B) {
	for b.Loop() {
		if _, _, err := Search(context.Background(), Problem[board, int](ticTacToe{}), board{}, Config[board, int]{Seed: 1}, 2000); err != nil {
			b.Fatal(err)
		}
	}
}
