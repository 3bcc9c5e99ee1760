package mcts

import (
	"context"
	"errors"
	"slices"
	"testing"
)

type pathState struct {
	at   string
	cost float64
}

// graph is a weighted directed graph; reaching goal ends the episode.
type graph struct {
	edges map[string]map[string]float64
	goal  string
}

func (g graph) Actions(s pathState) []string {
	var out []string
	for to := range g.edges[s.at] {
		out = append(out, to)
	}
	slices.Sort(out)
	return out
}
func (g graph) Apply(s pathState, to string) pathState {
	return pathState{at: to, cost: s.cost + g.edges[s.at][to]}
}
func (g graph) Terminal(s pathState) (float64, bool) { return 0, s.at == g.goal }
func (graph) Player(pathState) int                   { return 0 }

// The greedy route S-A-C-G costs 14; the best, S-B-D-G, costs 6 but starts
// with the dearer edge.
var trap = graph{
	edges: map[string]map[string]float64{
		"S": {"A": 1, "B": 3},
		"A": {"C": 1, "G": 20},
		"B": {"D": 1},
		"C": {"G": 12},
		"D": {"G": 2},
	},
	goal: "G",
}

func negCost(s pathState) float64 { return -s.cost }

func TestBeamFindsBestPath(t *testing.T) {
	tests := []struct {
		width int
		path  []string
		cost  float64
	}{
		{1, []string{"A", "C", "G"}, 14},
		{2, []string{"B", "D", "G"}, 6},
		{10, []string{"B", "D", "G"}, 6},
	}
	for _, tt := range tests {
		res, err := Beam(context.Background(), Problem[pathState, string](trap), pathState{at: "S"}, BeamConfig{Width: tt.width, Depth: 5}, negCost)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Best.Actions, tt.path) || res.Best.State.cost != tt.cost || !res.Best.Terminal {
			t.Errorf("width %d: best %v cost %v, want %v cost %v", tt.width, res.Best.Actions, res.Best.State.cost, tt.path, tt.cost)
		}
		for d, layer := range res.Layers {
			if len(layer) > tt.width {
				t.Errorf("width %d: layer %d holds %d candidates", tt.width, d, len(layer))
			}
		}
	}
}

func TestBeamWithoutTerminal(t *testing.T) {
	// Depth 1 cannot reach G: the best live candidate is returned.
	res, err := Beam(context.Background(), Problem[pathState, string](trap), pathState{at: "S"}, BeamConfig{Width: 2, Depth: 1}, negCost)
	if err != nil {
		t.Fatal(err)
	}
	if res.Best.Terminal || !slices.Equal(res.Best.Actions, []string{"A"}) {
		t.Errorf("best = %+v, want the live candidate A", res.Best)
	}
	if res.Expanded != 3 {
		t.Errorf("expanded %d states, want 3", res.Expanded)
	}
}

func TestBeamErrors(t *testing.T) {
	p := Problem[pathState, string](trap)
	if _, err := Beam(context.Background(), p, pathState{at: "S"}, BeamConfig{Width: 0, Depth: 3}, negCost); err == nil {
		t.Error("width 0 accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Beam(ctx, p, pathState{at: "S"}, BeamConfig{Width: 2, Depth: 3}, negCost); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
}
