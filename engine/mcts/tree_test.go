package mcts

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// banditArms is a one-step single-agent problem: from the root (-1) the
// player picks an arm 0..len-1; arm states are not terminal, so the tree
// cannot grow past them when MaxNodes is 1+len, and each simulation scores
// an arm with the noisy Evaluate below.
type banditArms struct{ arms int }

func (b banditArms) Actions(s int) []int {
	if s >= 0 {
		return []int{0}
	}
	out := make([]int, b.arms)
	for i := range out {
		out[i] = i
	}
	return out
}
func (banditArms) Apply(_ int, a int) int       { return a }
func (banditArms) Terminal(int) (float64, bool) { return 0, false }
func (banditArms) Player(int) int               { return 0 }

func TestFindsBestArmOfStochasticBandit(t *testing.T) {
	means := []float64{0.2, 0.45, 0.5, 0.7, 0.62, 0.3}
	for _, policy := range []Policy{UCT, PUCT} {
		t.Run(policy.String(), func(t *testing.T) {
			noise := rand.New(rand.NewPCG(5, 6))
			cfg := Config[int, int]{
				Policy:   policy,
				Seed:     1,
				MaxNodes: 1 + len(means),
				Evaluate: func(s int) float64 {
					if noise.Float64() < means[s] {
						return 1
					}
					return 0
				},
			}
			best, tree, err := Search(context.Background(), Problem[int, int](banditArms{len(means)}), -1, cfg, 3000)
			if err != nil {
				t.Fatal(err)
			}
			if best != 3 {
				t.Errorf("best arm = %d, want 3\n%s", best, tree.Format(1, 0))
			}
			if tree.Nodes() != 1+len(means) {
				t.Errorf("tree has %d nodes, want %d", tree.Nodes(), 1+len(means))
			}
		})
	}
}

// fixedTree is a deterministic single-agent tree given as child lists;
// leaves carry rewards.
type fixedTree struct {
	children map[string][]string
	reward   map[string]float64
}

func (f fixedTree) Actions(s string) []string     { return f.children[s] }
func (fixedTree) Apply(_ string, a string) string { return a }
func (f fixedTree) Terminal(s string) (float64, bool) {
	r, ok := f.reward[s]
	return r, ok
}
func (fixedTree) Player(string) int { return 0 }

func TestFindsBestPathOfKnownTree(t *testing.T) {
	f := fixedTree{
		children: map[string][]string{
			"root": {"a", "b", "c"},
			"a":    {"a1", "a2", "a3"},
			"b":    {"b1", "b2", "b3"},
			"c":    {"c1", "c2", "c3"},
		},
		reward: map[string]float64{
			"a1": 0.3, "a2": 0.4, "a3": 0.2,
			"b1": 0.1, "b2": 0.95, "b3": 0.5,
			"c1": 0.6, "c2": 0.6, "c3": 0.6,
		},
	}
	tree, err := New(Problem[string, string](f), "root", Config[string, string]{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.Run(context.Background(), 500); err != nil {
		t.Fatal(err)
	}
	var path []string
	for _, n := range tree.BestPath() {
		path = append(path, n.Action())
	}
	if want := []string{"b", "b2"}; !slices.Equal(path, want) {
		t.Errorf("best path %v, want %v\n%s", path, want, tree.Format(2, 0))
	}
	if got := tree.Root().Visits(); got != 500 {
		t.Errorf("root visits %d, want 500", got)
	}
}

func TestDeterministicUnderSeed(t *testing.T) {
	visits := func(seed uint64) []int {
		tree, err := New(Problem[board, int](ticTacToe{}), board{}, Config[board, int]{Seed: seed, AdaptiveExploration: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := tree.Run(context.Background(), 800); err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, c := range tree.Root().Children() {
			out = append(out, c.Action(), c.Visits())
		}
		return out
	}
	if a, b := visits(7), visits(7); !slices.Equal(a, b) {
		t.Errorf("same seed, different trees:\n%v\n%v", a, b)
	}
	if a, b := visits(7), visits(8); slices.Equal(a, b) {
		t.Error("different seeds gave identical trees")
	}
}

func countNodes[S, A any](n *Node[S, A]) int {
	c := 1
	for _, ch := range n.Children() {
		c += countNodes(ch)
	}
	return c
}

func TestNodeBoundNeverExceeded(t *testing.T) {
	for _, limit := range []int{1, 2, 10, 57, 300} {
		tree, err := New(Problem[board, int](ticTacToe{}), board{}, Config[board, int]{Seed: 1, MaxNodes: limit})
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			if err := tree.Run(context.Background(), 400); err != nil {
				t.Fatal(err)
			}
			if n, walked := tree.Nodes(), countNodes(tree.Root()); n > limit || n != walked {
				t.Fatalf("limit %d: Nodes() = %d, walked %d", limit, n, walked)
			}
		}
		if tree.Nodes() != limit {
			t.Errorf("limit %d: tree stopped at %d nodes after 2000 simulations", limit, tree.Nodes())
		}
		if tree.Simulations() != 2000 {
			t.Errorf("limit %d: ran %d simulations, want 2000", limit, tree.Simulations())
		}
	}
}

// cancelling cancels its context after a number of Apply calls, so the search
// is stopped from inside.
type cancelling struct {
	ticTacToe
	calls  *int
	after  int
	cancel context.CancelFunc
}

func (c cancelling) Apply(b board, a int) board {
	*c.calls++
	if *c.calls == c.after {
		c.cancel()
	}
	return c.ticTacToe.Apply(b, a)
}

func TestContextCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	p := cancelling{calls: &calls, after: 500, cancel: cancel}
	tree, err := New(Problem[board, int](p), board{}, Config[board, int]{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	err = tree.Run(ctx, 100000)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run error = %v, want context.Canceled", err)
	}
	if s := tree.Simulations(); s == 0 || s >= 100000 {
		t.Errorf("ran %d simulations, want some but not all", s)
	}
	if tree.Root().Visits() != tree.Simulations() {
		t.Errorf("root visits %d != simulations %d: the tree is inconsistent", tree.Root().Visits(), tree.Simulations())
	}
}

func TestProgressiveWidening(t *testing.T) {
	w := Widening{K: 1, Alpha: 0.5}
	tree, err := New(Problem[board, int](ticTacToe{}), board{}, Config[board, int]{Seed: 1, Widening: w})
	if err != nil {
		t.Fatal(err)
	}
	var check func(n *Node[board, int])
	check = func(n *Node[board, int]) {
		// A node gains its k-th child when visited with k-1 children, so
		// the bound holds for the visit count before the last expansion.
		if lim := w.limit(max(0, n.Visits()-1)); len(n.Children()) > lim {
			t.Errorf("node at depth %d: %d children with %d visits, limit %d", n.Depth(), len(n.Children()), n.Visits(), lim)
		}
		for _, c := range n.Children() {
			check(c)
		}
	}
	if err := tree.Run(context.Background(), 400); err != nil {
		t.Fatal(err)
	}
	check(tree.Root())
	if got := len(tree.Root().Children()); got != 9 && got != w.limit(400) {
		// ⌈√400⌉ = 20 > 9 actions, so all nine are open by now.
		t.Errorf("root has %d children after 400 visits, want 9", got)
	}
	if err := tree.Run(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
}

func TestPUCTExpandsByPrior(t *testing.T) {
	// Priors that favour the centre; with widening to one child at first,
	// the centre must be the first child expanded.
	prior := func(_ board, actions []int) []float64 {
		out := make([]float64, len(actions))
		for i, a := range actions {
			out[i] = 1
			if a == 4 {
				out[i] = 10
			}
		}
		return out
	}
	tree, err := New(Problem[board, int](ticTacToe{}), board{}, Config[board, int]{
		Policy: PUCT, Seed: 1, Prior: prior, Widening: Widening{K: 1, Alpha: 0.3},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.Run(context.Background(), 50); err != nil {
		t.Fatal(err)
	}
	first := tree.Root().Children()[0]
	if first.Action() != 4 || first.Prior() < 0.5 {
		t.Errorf("first child is action %d with prior %.3f, want 4 with 10/18", first.Action(), first.Prior())
	}
}

func TestAdaptiveExploration(t *testing.T) {
	// A problem where every simulation wins: the success rate is 1, so c
	// falls to a quarter; where every simulation loses it doubles.
	for _, tt := range []struct {
		reward float64
		factor float64
	}{{1, 0.25}, {0, 2}, {0.5, 1}} {
		f := fixedTree{children: map[string][]string{"r": {"x", "y"}}, reward: map[string]float64{"x": tt.reward, "y": tt.reward}}
		tree, _ := New(Problem[string, string](f), "r", Config[string, string]{AdaptiveExploration: true, Exploration: 1})
		if err := tree.Run(context.Background(), 10); err != nil {
			t.Fatal(err)
		}
		if got := tree.Exploration(); got != tt.factor {
			t.Errorf("reward %v: exploration %v, want %v", tt.reward, got, tt.factor)
		}
	}
}

func TestConfigAndProblemErrors(t *testing.T) {
	g := Problem[board, int](ticTacToe{})
	bad := []Config[board, int]{
		{Policy: 7},
		{Exploration: -1},
		{Widening: Widening{K: 1, Alpha: 2}},
		{MaxNodes: -3},
	}
	for i, cfg := range bad {
		if _, err := New(g, board{}, cfg); err == nil {
			t.Errorf("config %d: New succeeded", i)
		}
	}
	tree, _ := New(g, board{}, Config[board, int]{Prior: func(board, []int) []float64 { return []float64{1} }})
	if err := tree.Run(context.Background(), 1); err == nil || !strings.Contains(err.Error(), "one weight per action") {
		t.Errorf("bad prior length: err = %v", err)
	}
	tree, _ = New(g, board{}, Config[board, int]{Evaluate: func(board) float64 { return 3 }})
	if err := tree.Run(context.Background(), 1); err == nil {
		t.Error("an evaluation of 3 was accepted")
	}
	done := board{cells: [9]int8{1, 1, 1, 2, 2}, moves: 5}
	tree, _ = New(g, done, Config[board, int]{})
	_ = tree.Run(context.Background(), 3)
	if _, err := tree.BestAction(); !errors.Is(err, ErrNoActions) {
		t.Errorf("BestAction on a finished game: err = %v, want ErrNoActions", err)
	}
}

func TestFormat(t *testing.T) {
	f := fixedTree{children: map[string][]string{"r": {"x", "y"}}, reward: map[string]float64{"x": 1, "y": 0}}
	tree, _ := New(Problem[string, string](f), "r", Config[string, string]{Seed: 1})
	if err := tree.Run(context.Background(), 20); err != nil {
		t.Fatal(err)
	}
	got := tree.Format(1, 0)
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "root visits=20 value=") ||
		!strings.HasPrefix(lines[1], "  x visits=") || !strings.HasPrefix(lines[2], "  y visits=") {
		t.Errorf("Format =\n%s", got)
	}
}
