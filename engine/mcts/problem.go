package mcts

import (
	"errors"
	"fmt"
	"math"
)

// Problem is what the search needs to know about a domain with states S and
// actions A. Implementations must be deterministic for the search to be.
type Problem[S, A any] interface {
	// Actions returns the legal actions in s, in a stable order. It is not
	// called on terminal states. A non-terminal state with no actions is
	// scored as a draw (0.5).
	Actions(s S) []A
	// Apply returns the state reached by taking a in s. It must not modify s:
	// the tree keeps every state it has visited.
	Apply(s S, a A) S
	// Terminal reports whether s ends the episode and, if so, the reward to
	// player 0, in [0, 1].
	Terminal(s S) (reward float64, done bool)
	// Player returns the player to move in s: always 0 in a single-agent
	// problem, 0 or 1 in a two-player zero-sum game.
	Player(s S) int
}

// Policy chooses the selection rule.
type Policy int

// The selection rules.
const (
	// UCT selects by mean + c·√(ln N / n), the UCB1 rule applied to trees.
	UCT Policy = iota
	// PUCT selects by mean + c·P·√N / (1 + n), weighting exploration by
	// the action's prior P, as AlphaZero does.
	PUCT
)

// String returns "UCT" or "PUCT".
func (p Policy) String() string {
	switch p {
	case UCT:
		return "UCT"
	case PUCT:
		return "PUCT"
	}
	return fmt.Sprintf("Policy(%d)", int(p))
}

// Widening turns on progressive widening: a node visited n times has at
// most ⌈K·n^Alpha⌉ children. The zero value turns it off, so every action is
// expanded before any is revisited.
type Widening struct {
	K     float64
	Alpha float64
}

func (w Widening) limit(visits int) int {
	if w.K == 0 {
		return math.MaxInt
	}
	return max(1, int(math.Ceil(w.K*math.Pow(float64(visits), w.Alpha))))
}

// Config tunes a search. The zero value is a plain UCT search with c = √2,
// random rollouts and at most DefaultMaxNodes nodes.
type Config[S, A any] struct {
	Policy Policy
	// Exploration is c; zero means √2 for UCT and 1.25 for PUCT.
	Exploration float64
	// AdaptiveExploration multiplies c by 2·(1 − s), kept within [¼, 2],
	// where s is the mean reward the player to move at the root has seen
	// so far: a search whose simulations mostly succeed exploits more.
	AdaptiveExploration bool
	Widening            Widening
	// MaxNodes bounds the tree size, the root included; zero means
	// DefaultMaxNodes.
	MaxNodes int
	// RolloutDepth bounds random rollouts; a rollout cut off there scores
	// 0.5. Zero means DefaultRolloutDepth.
	RolloutDepth int
	// Seed seeds every random choice of the search.
	Seed uint64
	// Prior, if set, returns a non-negative weight per action (normalised
	// by the search). PUCT uses it in selection; both policies expand
	// actions in descending prior order. Nil means uniform priors and a
	// seeded random expansion order.
	Prior func(s S, actions []A) []float64
	// Evaluate, if set, replaces random rollouts: it returns the value of a
	// non-terminal state to player 0, in [0, 1].
	Evaluate func(s S) float64
}

// Defaults used when the corresponding Config field is zero.
const (
	DefaultMaxNodes     = 100_000
	DefaultRolloutDepth = 200
)

// ErrNoActions is returned by Tree.BestAction when the root has no children.
var ErrNoActions = errors.New("no actions")

func (c *Config[S, A]) setDefaults() error {
	if c.Policy != UCT && c.Policy != PUCT {
		return fmt.Errorf("check config: unknown policy %d: use UCT or PUCT", c.Policy)
	}
	if c.Exploration < 0 || math.IsNaN(c.Exploration) || math.IsInf(c.Exploration, 0) {
		return fmt.Errorf("check config: exploration %v: must be a finite number ≥ 0", c.Exploration)
	}
	if c.Exploration == 0 {
		c.Exploration = math.Sqrt2
		if c.Policy == PUCT {
			c.Exploration = 1.25
		}
	}
	if c.Widening.K < 0 || c.Widening.Alpha < 0 || c.Widening.Alpha > 1 {
		return fmt.Errorf("check config: widening %+v: need K ≥ 0 and 0 ≤ Alpha ≤ 1", c.Widening)
	}
	if c.MaxNodes < 0 || c.RolloutDepth < 0 {
		return fmt.Errorf("check config: MaxNodes %d and RolloutDepth %d cannot be negative", c.MaxNodes, c.RolloutDepth)
	}
	if c.MaxNodes == 0 {
		c.MaxNodes = DefaultMaxNodes
	}
	if c.RolloutDepth == 0 {
		c.RolloutDepth = DefaultRolloutDepth
	}
	return nil
}
