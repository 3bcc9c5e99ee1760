package mcts

// Node is one state in the search tree. Its fields are read through methods
// so that callers inspecting a tree cannot corrupt its statistics.
type Node[S, A any] struct {
	parent   *Node[S, A]
	state    S
	action   A
	mover    int // the player who chose action: the player to move at the parent
	prior    float64
	visits   int
	total    float64 // sum of values to mover
	children []*Node[S, A]
	depth    int

	// Filled on the first visit that needs them.
	ready      bool
	terminal   bool
	reward     float64 // to player 0, when terminal
	untried    []A
	untriedPri []float64
}

// State returns the node's state.
func (n *Node[S, A]) State() S { return n.state }

// Action returns the action that led from the parent to this node; the root
// returns the zero A.
func (n *Node[S, A]) Action() A { return n.action }

// Parent returns the parent node, nil for the root.
func (n *Node[S, A]) Parent() *Node[S, A] { return n.parent }

// Depth returns the number of actions from the root.
func (n *Node[S, A]) Depth() int { return n.depth }

// Mover returns the player who chose this node's action (for the root, the
// player to move in it).
func (n *Node[S, A]) Mover() int { return n.mover }

// Visits returns how many simulations passed through the node.
func (n *Node[S, A]) Visits() int { return n.visits }

// Value returns the mean simulation value to Mover, in [0, 1], or 0 if the
// node has not been visited.
func (n *Node[S, A]) Value() float64 {
	if n.visits == 0 {
		return 0
	}
	return n.total / float64(n.visits)
}

// Prior returns the normalised prior of the node's action.
func (n *Node[S, A]) Prior() float64 { return n.prior }

// Terminal reports whether the node's state ends the episode, as far as the
// search has looked at it.
func (n *Node[S, A]) Terminal() bool { return n.terminal }

// Children returns the expanded children in expansion order. The slice is a
// copy; the nodes are shared.
func (n *Node[S, A]) Children() []*Node[S, A] {
	return append([]*Node[S, A](nil), n.children...)
}

// Untried returns how many legal actions have not been expanded yet.
func (n *Node[S, A]) Untried() int { return len(n.untried) }

// MostVisited returns the child with the most visits, ties going to the
// higher value and then to the earlier child, or nil if there are none.
func (n *Node[S, A]) MostVisited() *Node[S, A] {
	var best *Node[S, A]
	for _, c := range n.children {
		if best == nil || c.visits > best.visits ||
			(c.visits == best.visits && c.Value() > best.Value()) {
			best = c
		}
	}
	return best
}

// valueTo converts a reward to player 0 into a value to player p.
func valueTo(reward float64, p int) float64 {
	if p == 1 {
		return 1 - reward
	}
	return reward
}

// depthPlusOne returns the depth of a child of n, 0 for a child of nil (the
// root).
func (n *Node[S, A]) depthPlusOne() int {
	if n == nil {
		return 0
	}
	return n.depth + 1
}
