package mcts

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// Tree is a search tree over a Problem. It is not safe for concurrent use.
type Tree[S, A any] struct {
	p     Problem[S, A]
	cfg   Config[S, A]
	root  *Node[S, A]
	nodes int
	rng   *rand.Rand
	sims  int
	// rootValueSum is the sum of simulation values to the player to move at
	// the root, which adaptive exploration turns into a success rate.
	rootValueSum float64
}

// New returns a tree holding only root, ready to Run.
func New[S, A any](p Problem[S, A], root S, cfg Config[S, A]) (*Tree[S, A], error) {
	if p == nil {
		return nil, fmt.Errorf("new tree: the problem is nil")
	}
	if err := cfg.setDefaults(); err != nil {
		return nil, fmt.Errorf("new tree: %w", err)
	}
	t := &Tree[S, A]{
		p:     p,
		cfg:   cfg,
		root:  &Node[S, A]{state: root, mover: p.Player(root), prior: 1},
		nodes: 1,
		rng:   rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x6a09e667f3bcc908)),
	}
	return t, nil
}

// Search builds a tree from root, runs simulations on it and returns the
// most visited action with the tree for inspection.
func Search[S, A any](ctx context.Context, p Problem[S, A], root S, cfg Config[S, A], simulations int) (A, *Tree[S, A], error) {
	var zero A
	t, err := New(p, root, cfg)
	if err != nil {
		return zero, nil, err
	}
	if err := t.Run(ctx, simulations); err != nil {
		return zero, t, err
	}
	a, err := t.BestAction()
	return a, t, err
}

// Root returns the root node.
func (t *Tree[S, A]) Root() *Node[S, A] { return t.root }

// Nodes returns the number of nodes in the tree, never more than MaxNodes.
func (t *Tree[S, A]) Nodes() int { return t.nodes }

// Simulations returns the number of simulations run so far.
func (t *Tree[S, A]) Simulations() int { return t.sims }

// Exploration returns the exploration constant the next selection will use.
func (t *Tree[S, A]) Exploration() float64 {
	c := t.cfg.Exploration
	if !t.cfg.AdaptiveExploration || t.sims == 0 {
		return c
	}
	success := t.rootValueSum / float64(t.sims)
	return c * min(2, max(0.25, 2*(1-success)))
}

// BestAction returns the action of the most visited root child.
func (t *Tree[S, A]) BestAction() (A, error) {
	best := t.root.MostVisited()
	if best == nil {
		var zero A
		return zero, fmt.Errorf("best action: %w at the root: run simulations on a non-terminal root first", ErrNoActions)
	}
	return best.action, nil
}

// BestPath returns the nodes from the root's most visited child down,
// following the most visited child at each level.
func (t *Tree[S, A]) BestPath() []*Node[S, A] {
	var path []*Node[S, A]
	for n := t.root.MostVisited(); n != nil; n = n.MostVisited() {
		path = append(path, n)
	}
	return path
}

// Run adds simulations to the tree. It stops early, returning the context's
// error, if ctx is cancelled; the tree stays valid and holds the simulations
// completed so far.
func (t *Tree[S, A]) Run(ctx context.Context, simulations int) error {
	if simulations < 0 {
		return fmt.Errorf("run search: %d simulations: the count cannot be negative", simulations)
	}
	for range simulations {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("run search: stopped after %d simulations: %w", t.sims, err)
		}
		if err := t.simulate(); err != nil {
			return fmt.Errorf("run search: %w", err)
		}
	}
	return nil
}

// simulate runs one select–expand–evaluate–backup cycle.
func (t *Tree[S, A]) simulate() error {
	leaf, err := t.descend()
	if err != nil {
		return err
	}
	reward := t.evaluate(leaf)
	if reward < 0 || reward > 1 || math.IsNaN(reward) {
		return fmt.Errorf("score state at depth %d: reward %v is outside [0, 1]: Terminal and Evaluate must return values in [0, 1]", leaf.depth, reward)
	}
	for n := leaf; n != nil; n = n.parent {
		n.visits++
		n.total += valueTo(reward, n.mover)
	}
	t.sims++
	t.rootValueSum += valueTo(reward, t.root.mover)
	return nil
}

// descend walks from the root to the node to evaluate: the first node that
// is terminal, that can take a new child (which it then gets), or that has
// no children and may not grow.
func (t *Tree[S, A]) descend() (*Node[S, A], error) {
	n := t.root
	c := t.Exploration()
	for {
		if err := t.prepare(n); err != nil {
			return nil, err
		}
		if n.terminal {
			return n, nil
		}
		if len(n.untried) > 0 && len(n.children) < t.cfg.Widening.limit(n.visits) && t.nodes < t.cfg.MaxNodes {
			return t.expand(n), nil
		}
		if len(n.children) == 0 {
			return n, nil
		}
		n = t.selectChild(n, c)
	}
}

// prepare computes a node's terminal status and its ordered untried actions
// on its first visit.
func (t *Tree[S, A]) prepare(n *Node[S, A]) error {
	if n.ready {
		return nil
	}
	n.ready = true
	n.reward, n.terminal = t.p.Terminal(n.state)
	if n.terminal {
		return nil
	}
	actions := t.p.Actions(n.state)
	priors, err := t.priors(n.state, actions)
	if err != nil {
		return err
	}
	order := make([]int, len(actions))
	for i := range order {
		order[i] = i
	}
	if t.cfg.Prior == nil {
		t.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	} else {
		sortByPriorDesc(order, priors)
	}
	n.untried = make([]A, len(actions))
	n.untriedPri = make([]float64, len(actions))
	for i, k := range order {
		n.untried[i], n.untriedPri[i] = actions[k], priors[k]
	}
	return nil
}

// priors returns normalised priors for actions: the caller's, checked, or
// uniform.
func (t *Tree[S, A]) priors(s S, actions []A) ([]float64, error) {
	out := make([]float64, len(actions))
	if len(actions) == 0 {
		return out, nil
	}
	var raw []float64
	if t.cfg.Prior != nil {
		raw = t.cfg.Prior(s, actions)
		if len(raw) != len(actions) {
			return nil, fmt.Errorf("read priors: got %d for %d actions: Prior must return one weight per action", len(raw), len(actions))
		}
	}
	var sum float64
	for i := range out {
		w := 1.0
		if raw != nil {
			w = raw[i]
		}
		if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("read priors: weight %d is %v: weights must be finite and ≥ 0", i, w)
		}
		out[i] = w
		sum += w
	}
	for i := range out {
		if sum == 0 {
			out[i] = 1 / float64(len(out))
		} else {
			out[i] /= sum
		}
	}
	return out, nil
}

// sortByPriorDesc orders indices by descending prior, keeping the original
// order among equals (insertion sort: action lists are short).
func sortByPriorDesc(order []int, priors []float64) {
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && priors[order[j]] > priors[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
}

// expand adds n's next untried action as a new child and returns it.
func (t *Tree[S, A]) expand(n *Node[S, A]) *Node[S, A] {
	a, pri := n.untried[0], n.untriedPri[0]
	n.untried, n.untriedPri = n.untried[1:], n.untriedPri[1:]
	child := &Node[S, A]{
		parent: n,
		state:  t.p.Apply(n.state, a),
		action: a,
		mover:  t.p.Player(n.state),
		prior:  pri,
		depth:  n.depth + 1,
	}
	n.children = append(n.children, child)
	t.nodes++
	return child
}

// selectChild returns the child with the highest UCT or PUCT score; ties go
// to the earlier child.
func (t *Tree[S, A]) selectChild(n *Node[S, A], c float64) *Node[S, A] {
	var best *Node[S, A]
	bestScore := math.Inf(-1)
	logN := math.Log(float64(max(1, n.visits)))
	sqrtN := math.Sqrt(float64(n.visits))
	for _, ch := range n.children {
		var score float64
		switch {
		case t.cfg.Policy == PUCT:
			score = ch.Value() + c*ch.prior*sqrtN/float64(1+ch.visits)
		case ch.visits == 0:
			score = math.Inf(1)
		default:
			score = ch.Value() + c*math.Sqrt(logN/float64(ch.visits))
		}
		if score > bestScore {
			best, bestScore = ch, score
		}
	}
	return best
}

// evaluate returns the reward to player 0 of the leaf: its terminal reward,
// the caller's evaluation, or a random rollout.
func (t *Tree[S, A]) evaluate(n *Node[S, A]) float64 {
	if n.terminal {
		return n.reward
	}
	if t.cfg.Evaluate != nil {
		return t.cfg.Evaluate(n.state)
	}
	s := n.state
	for range t.cfg.RolloutDepth {
		if r, done := t.p.Terminal(s); done {
			return r
		}
		actions := t.p.Actions(s)
		if len(actions) == 0 {
			return 0.5
		}
		s = t.p.Apply(s, actions[t.rng.IntN(len(actions))])
	}
	if r, done := t.p.Terminal(s); done {
		return r
	}
	return 0.5
}

// Advance makes child, which must be a child of the current root, the new
// root, keeping its subtree and statistics and dropping its siblings. A
// game player calls it after each move so the next search starts from what
// it already knows.
func (t *Tree[S, A]) Advance(child *Node[S, A]) error {
	if child == nil || child.parent != t.root {
		return fmt.Errorf("advance tree: the node is not a child of the root: pick one from Root().Children()")
	}
	child.parent = nil
	t.root = child
	t.nodes = 0
	var walk func(n *Node[S, A])
	walk = func(n *Node[S, A]) {
		t.nodes++
		n.depth = n.parent.depthPlusOne()
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(child)
	t.sims = child.visits
	t.rootValueSum = child.total
	if child.mover != t.p.Player(child.state) {
		// The root's value is kept for the player to move in it.
		child.mover = t.p.Player(child.state)
		child.total = float64(child.visits) - child.total
		t.rootValueSum = child.total
	}
	return nil
}
