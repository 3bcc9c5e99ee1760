//go:build race

package mcts

import "testing"

func TestTicTacToeNeverLosesToRandom(t *testing.T) {
	runTicTacToe(t, 100, ticTacToeSims)
}
