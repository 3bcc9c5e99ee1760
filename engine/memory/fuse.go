package memory

import (
	"math"
	"sort"

	"github.com/sweetmcp/sweet/store"
)

// recencyScore mixes freshness (half-life decay since the last use),
// importance and how often the memory was read, into 0..1.
func (s *Service) recencyScore(m *store.Memory, now int64) float64 {
	last := m.CreatedAt.UnixMilli()
	if !m.LastAccessedAt.IsZero() && m.LastAccessedAt.UnixMilli() > last {
		last = m.LastAccessedAt.UnixMilli()
	}
	age := float64(max(0, now-last)) / float64(s.opts.RecencyHalfLife.Milliseconds())
	fresh := math.Exp2(-age)
	use := math.Min(1, math.Log1p(float64(m.AccessCount))/math.Log(20))
	return 0.5*fresh + 0.3*m.Importance + 0.2*use
}

// fuse ranks candidates per component and sums weighted reciprocal ranks.
// Recency only re-orders what the retrievers found; it is included when
// final is set.
func fuse(cands map[int64]*candidate, w Weights, final bool) []*candidate {
	all := make([]*candidate, 0, len(cands))
	for _, c := range cands {
		c.fused = 0
		c.exp = Explanation{}
		all = append(all, c)
	}
	type comp struct {
		weight float64
		score  func(*candidate) (float64, bool)
		slot   func(*Explanation) **Component
	}
	comps := []comp{
		{w.Lexical, func(c *candidate) (float64, bool) { return c.lexical, c.hasLex }, func(e *Explanation) **Component { return &e.Lexical }},
		{w.Vector, func(c *candidate) (float64, bool) { return c.vec, c.hasVec }, func(e *Explanation) **Component { return &e.Vector }},
		{w.Rerank, func(c *candidate) (float64, bool) { return c.rerank, c.rerank > 0 }, func(e *Explanation) **Component { return &e.Rerank }},
		{w.Graph, func(c *candidate) (float64, bool) { return c.grph, c.hasGraph }, func(e *Explanation) **Component { return &e.Graph }},
	}
	if final {
		comps = append(comps, comp{w.Recency, func(c *candidate) (float64, bool) { return c.recency, true }, func(e *Explanation) **Component { return &e.Recency }})
	}
	// The best a memory could score: first in every component.
	var best float64
	for _, cp := range comps {
		best += cp.weight / (w.RRFK + 1)
	}
	for _, cp := range comps {
		if cp.weight <= 0 {
			continue
		}
		var in []*candidate
		for _, c := range all {
			if _, ok := cp.score(c); ok {
				in = append(in, c)
			}
		}
		sort.Slice(in, func(i, j int) bool {
			a, _ := cp.score(in[i])
			b, _ := cp.score(in[j])
			if a != b {
				return a > b
			}
			return in[i].rowID > in[j].rowID
		})
		for rank, c := range in {
			contrib := cp.weight / (w.RRFK + float64(rank+1))
			c.fused += contrib
			sc, _ := cp.score(c)
			*cp.slot(&c.exp) = &Component{Rank: rank + 1, Score: round4(sc), Contribution: round4(contrib / best)}
		}
	}
	if best > 0 {
		for _, c := range all {
			c.fused /= best
		}
	}
	return sortedByFused(cands)
}

func sortedByFused(cands map[int64]*candidate) []*candidate {
	all := make([]*candidate, 0, len(cands))
	for _, c := range cands {
		all = append(all, c)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].fused != all[j].fused {
			return all[i].fused > all[j].fused
		}
		return all[i].rowID > all[j].rowID
	})
	return all
}

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }

// EstimateTokens approximates how many tokens a result costs a model: about
// four bytes of text per token, plus the fields around the content.
func EstimateTokens(r Result) int {
	n := len(r.Content) + len(r.ID) + len(r.Type) + len(r.Namespace) + 40
	for _, t := range r.Tags {
		n += len(t) + 3
	}
	n += len(r.Metadata)
	return (n + 3) / 4
}
