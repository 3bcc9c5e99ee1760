package mcts

// ticTacToeSims is the simulation budget per MCTS move in the tic-tac-toe tests.
const ticTacToeSims = 2000
