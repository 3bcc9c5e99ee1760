package mcts

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// BeamConfig tunes a beam search: Width states are kept at each of at most
// Depth levels.
type BeamConfig struct {
	Width int
	Depth int
}

// Candidate is a state reached by a beam search with the actions that led to
// it from the root and its score.
type Candidate[S, A any] struct {
	State    S
	Actions  []A
	Score    float64
	Terminal bool
}

// BeamResult is the outcome of a beam search.
type BeamResult[S, A any] struct {
	// Best is the highest-scoring terminal candidate found, or, if no
	// terminal state was reached, the highest-scoring candidate of the last
	// layer.
	Best Candidate[S, A]
	// Finished holds every terminal candidate generated, best first.
	Finished []Candidate[S, A]
	// Layers holds the live (non-terminal) candidates kept at each depth,
	// best first; layer 0 is the root.
	Layers [][]Candidate[S, A]
	// Expanded counts the states scored.
	Expanded int
}

// Beam runs a beam search from root. At each level it applies every legal
// action to every kept non-terminal state, scores the results with score
// (higher is better), and keeps the Width best non-terminal ones; every
// terminal state generated is kept aside as a finished path. Ties keep generation order, so the search is
// deterministic. The Problem's Player and rewards are not used: the score
// function alone decides.
func Beam[S, A any](ctx context.Context, p Problem[S, A], root S, cfg BeamConfig, score func(S) float64) (BeamResult[S, A], error) {
	var res BeamResult[S, A]
	if cfg.Width < 1 || cfg.Depth < 0 {
		return res, fmt.Errorf("beam search: width %d, depth %d: need width ≥ 1 and depth ≥ 0", cfg.Width, cfg.Depth)
	}
	if p == nil || score == nil {
		return res, fmt.Errorf("beam search: the problem and the score function must both be set")
	}
	first, err := candidate(p, root, nil, score)
	if err != nil {
		return res, err
	}
	res.Expanded = 1
	beam := []Candidate[S, A]{first}
	res.Layers = append(res.Layers, beam)
	if first.Terminal {
		res.Finished = append(res.Finished, first)
	}
	for range cfg.Depth {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("beam search: stopped at depth %d: %w", len(res.Layers)-1, err)
		}
		var next []Candidate[S, A]
		for _, c := range beam {
			if c.Terminal {
				continue
			}
			for _, a := range p.Actions(c.State) {
				nc, err := candidate(p, p.Apply(c.State, a), append(slices.Clip(c.Actions), a), score)
				if err != nil {
					return res, err
				}
				res.Expanded++
				next = append(next, nc)
			}
		}
		slices.SortStableFunc(next, func(x, y Candidate[S, A]) int { return cmpDesc(x.Score, y.Score) })
		live := next[:0:0]
		for _, c := range next {
			switch {
			case c.Terminal:
				res.Finished = append(res.Finished, c)
			case len(live) < cfg.Width:
				live = append(live, c)
			}
		}
		if len(live) == 0 {
			break
		}
		beam = live
		res.Layers = append(res.Layers, beam)
	}
	slices.SortStableFunc(res.Finished, func(x, y Candidate[S, A]) int { return cmpDesc(x.Score, y.Score) })
	if len(res.Finished) > 0 {
		res.Best = res.Finished[0]
	} else {
		res.Best = beam[0]
	}
	return res, nil
}

func candidate[S, A any](p Problem[S, A], s S, actions []A, score func(S) float64) (Candidate[S, A], error) {
	v := score(s)
	if math.IsNaN(v) {
		return Candidate[S, A]{}, fmt.Errorf("beam search: score of the state after %d actions is NaN", len(actions))
	}
	_, done := p.Terminal(s)
	return Candidate[S, A]{State: s, Actions: actions, Score: v, Terminal: done}, nil
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}
