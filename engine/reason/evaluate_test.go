package reason

import (
	"context"
	"testing"
)

// TestCoherentChainRanksFirst checks on fixtures that, without sampling, the
// deterministic evaluators value a coherent chain of thoughts above an
// incoherent one, and that every strategy picks the coherent path.
func TestCoherentChainRanksFirst(t *testing.T) {
	ctx := context.Background()
	for _, c := range loadChains(t) {
		for _, strategy := range Strategies {
			t.Run(c.Name+"/"+string(strategy), func(t *testing.T) {
				r := New(Config{Embedder: sharedBuiltin})
				o, err := r.Start(ctx, StartRequest{Problem: c.Problem, Strategy: string(strategy)})
				if err != nil {
					t.Fatal(err)
				}
				// The incoherent chain goes first so insertion order cannot win.
				var bad, good []*Response
				for k, text := range c.Incoherent {
					req := Request{SessionID: o.ID, Thought: text, ThoughtNumber: k + 1, TotalThoughts: 3, NextThoughtNeeded: k < 2}
					if k == 0 {
						req.ParentID = RootID
					} else {
						req.ParentID = bad[k-1].NodeID
					}
					bad = append(bad, think(t, r, nil, req))
				}
				for k, text := range c.Coherent {
					req := Request{SessionID: o.ID, Thought: text, ThoughtNumber: k + 1, TotalThoughts: 3, NextThoughtNeeded: k < 2}
					if k == 0 {
						req.ParentID = RootID
					} else {
						req.ParentID = good[k-1].NodeID
					}
					good = append(good, think(t, r, nil, req))
				}
				last := good[len(good)-1]
				var goodSum, badSum float64
				for k := range good {
					goodSum += good[k].Score
					badSum += bad[k].Score
				}
				t.Logf("chain totals: coherent %.3f, incoherent %.3f", goodSum, badSum)
				if goodSum <= badSum {
					t.Errorf("coherent chain total %.3f <= incoherent %.3f", goodSum, badSum)
				}
				var path []string
				for _, p := range last.BestPath {
					path = append(path, p.ID)
				}
				want := []string{good[0].NodeID, good[1].NodeID, good[2].NodeID}
				if len(path) != 3 || path[0] != want[0] || path[1] != want[1] || path[2] != want[2] {
					t.Errorf("best path %v, want the coherent chain %v", path, want)
				}
			})
		}
	}
}
