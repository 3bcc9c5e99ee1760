package mcts

import (
	"fmt"
	"strings"
)

// Format renders the tree down to maxDepth levels below the root, one node
// per line, children ordered by visits, skipping children with fewer than
// minVisits visits. Actions print with %v. For example:
//
//	root visits=200 value=0.612
//	  4 visits=121 value=0.655 prior=0.111
//	    0 visits=30 value=0.700 prior=0.125
func (t *Tree[S, A]) Format(maxDepth, minVisits int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "root visits=%d value=%.3f\n", t.root.visits, t.root.Value())
	formatChildren(&b, t.root, 1, maxDepth, minVisits)
	return b.String()
}

func formatChildren[S, A any](b *strings.Builder, n *Node[S, A], depth, maxDepth, minVisits int) {
	if depth > maxDepth {
		return
	}
	children := n.Children()
	// Most visited first, stable so equal counts keep expansion order.
	for i := 1; i < len(children); i++ {
		for j := i; j > 0 && children[j].visits > children[j-1].visits; j-- {
			children[j], children[j-1] = children[j-1], children[j]
		}
	}
	for _, c := range children {
		if c.visits < minVisits {
			continue
		}
		fmt.Fprintf(b, "%s%v visits=%d value=%.3f prior=%.3f\n",
			strings.Repeat("  ", depth), c.action, c.visits, c.Value(), c.prior)
		formatChildren(b, c, depth+1, maxDepth, minVisits)
	}
}
