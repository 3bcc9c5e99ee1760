//go:build !race

package mcts

import "testing"

// The race detector slows the search about tenfold, so the full 1,000-game
// run is left to builds without it; tictactoe_race_test.go plays fewer.
func TestTicTacToeNeverLosesToRandom(t *testing.T) {
	runTicTacToe(t, 1000, ticTacToeSims)
}
