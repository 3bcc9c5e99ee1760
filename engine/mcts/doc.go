// Package mcts is a generic Monte-Carlo tree search and beam search over any
// problem that can list its actions, apply one, and score its end states.
//
// # Problems
//
// A [Problem] is either single-agent (Player always returns 0) or a
// two-player zero-sum game (Player returns 0 or 1). Terminal rewards are in
// [0, 1] for player 0; player 1 gets 1 − reward. Every node stores the value
// from the point of view of the player who chose the action leading to it, so
// selection always maximises the mover's own value.
//
// # Search
//
// [New] builds a [Tree] and [Tree.Run] adds simulations to it. Each
// simulation selects a path with UCT (mean + c·√(ln N / n)) or PUCT
// (mean + c·P·√N / (1 + n), with action priors from [Config.Prior]),
// expands one new node, estimates its value with [Config.Evaluate] or a
// seeded random rollout, and backs the value up the path. Options:
//
//   - [Config.AdaptiveExploration] scales c by the observed success rate at
//     the root: more exploration while simulations mostly fail, less once
//     they mostly succeed;
//   - [Config.Widening] bounds a node's children to ⌈K·visits^α⌉, for
//     problems with many or continuous actions; children are added in prior
//     order;
//   - [Config.MaxNodes] bounds the tree: once reached, simulations continue
//     from the leaves but nothing new is added, so the bound is never
//     exceeded;
//   - the context passed to Run cancels a search between simulations.
//
// Every random choice comes from a PCG generator seeded by [Config.Seed], so
// the same problem, seed and simulation count give the same tree.
//
// The tree is open for inspection: [Tree.Root], [Node.Children],
// [Node.Visits], [Node.Value], [Tree.BestPath] and [Tree.Format], so a
// reasoner can show why it chose what it chose.
//
// # Beam search
//
// [Beam] keeps the Width best states at each depth by a caller's scoring
// function and returns the best path found, with every layer for display.
package mcts
