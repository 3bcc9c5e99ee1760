package mcts

import (
	"context"
	"math/rand/v2"
	"testing"
)

// board is a tic-tac-toe position: cells hold 0 (empty), 1 (X, player 0)
// or 2 (O, player 1); X moves first.
type board struct {
	cells [9]int8
	moves int8
}

type ticTacToe struct{}

var lines = [8][3]int{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {0, 3, 6}, {1, 4, 7}, {2, 5, 8}, {0, 4, 8}, {2, 4, 6}}

func (ticTacToe) Actions(b board) []int {
	out := make([]int, 0, 9-b.moves)
	for i, c := range b.cells {
		if c == 0 {
			out = append(out, i)
		}
	}
	return out
}

func (ticTacToe) Apply(b board, a int) board {
	b.cells[a] = int8(b.moves%2) + 1
	b.moves++
	return b
}

func (ticTacToe) Player(b board) int { return int(b.moves % 2) }

func (ticTacToe) Terminal(b board) (float64, bool) {
	switch winner(b) {
	case 1:
		return 1, true
	case 2:
		return 0, true
	}
	return 0.5, b.moves == 9
}

func winner(b board) int8 {
	for _, l := range lines {
		if c := b.cells[l[0]]; c != 0 && c == b.cells[l[1]] && c == b.cells[l[2]] {
			return c
		}
	}
	return 0
}

// playGame plays MCTS (as X when mctsFirst, else O) against a uniformly
// random player and returns the winner: 0 draw, 1 X, 2 O.
func playGame(t testing.TB, seed uint64, mctsFirst bool, sims int) int8 {
	t.Helper()
	g := ticTacToe{}
	rng := rand.New(rand.NewPCG(seed, 99))
	var b board
	mctsPlayer := 0
	if !mctsFirst {
		mctsPlayer = 1
	}
	for {
		if _, done := g.Terminal(b); done {
			return winner(b)
		}
		var a int
		if g.Player(b) == mctsPlayer {
			var err error
			a, _, err = Search(context.Background(), Problem[board, int](g), b, Config[board, int]{Seed: seed*31 + uint64(b.moves)}, sims)
			if err != nil {
				t.Fatal(err)
			}
		} else {
			actions := g.Actions(b)
			a = actions[rng.IntN(len(actions))]
		}
		b = g.Apply(b, a)
	}
}

// runTicTacToe plays games alternating sides and fails on any loss.
func runTicTacToe(t *testing.T, games, sims int) {
	wins, draws := 0, 0
	for i := range games {
		mctsFirst := i%2 == 0
		w := playGame(t, uint64(i), mctsFirst, sims)
		lost := (mctsFirst && w == 2) || (!mctsFirst && w == 1)
		if lost {
			t.Fatalf("game %d (MCTS moving first: %v): MCTS lost to a random player", i, mctsFirst)
		}
		if w == 0 {
			draws++
		} else {
			wins++
		}
	}
	t.Logf("%d games: %d wins, %d draws, 0 losses", games, wins, draws)
}
