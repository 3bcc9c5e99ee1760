package mcts_test

import (
	"context"
	"fmt"

	"github.com/sweetmcp/sweet/engine/mcts"
)

// countdown is a single-agent puzzle: starting from a number, subtract 1, 2
// or 3 per move; landing exactly on 0 in as few moves as possible scores
// best.
type countdown struct{}

type cstate struct{ left, moves int }

func (countdown) Actions(s cstate) []int {
	var out []int
	for _, a := range []int{1, 2, 3} {
		if a <= s.left {
			out = append(out, a)
		}
	}
	return out
}
func (countdown) Apply(s cstate, a int) cstate { return cstate{s.left - a, s.moves + 1} }
func (countdown) Terminal(s cstate) (float64, bool) {
	if s.left == 0 {
		return 1 / float64(s.moves), true
	}
	return 0, false
}
func (countdown) Player(cstate) int { return 0 }

func Example() {
	tree, err := mcts.New(mcts.Problem[cstate, int](countdown{}), cstate{left: 7}, mcts.Config[cstate, int]{Seed: 1})
	if err != nil {
		panic(err)
	}
	if err := tree.Run(context.Background(), 2000); err != nil {
		panic(err)
	}
	for _, n := range tree.BestPath() {
		fmt.Printf("take %d, %d left\n", n.Action(), n.State().left)
	}
	// Output:
	// take 3, 4 left
	// take 3, 1 left
	// take 1, 0 left
}

func ExampleBeam() {
	res, err := mcts.Beam(context.Background(), mcts.Problem[cstate, int](countdown{}), cstate{left: 7},
		mcts.BeamConfig{Width: 3, Depth: 5},
		func(s cstate) float64 { return -float64(s.moves) })
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Best.Actions, res.Best.State.moves, "moves")
	// Output: [1 3 3] 3 moves
}
