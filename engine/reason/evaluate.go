package reason

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/memory"
)

// Scoring methods recorded in Scores.Method.
const (
	MethodDeterministic = "deterministic"
	MethodSampling      = "sampling"
	MethodCommittee     = "committee"
)

// Scores explains a thought's score. The deterministic components are
// always computed (they also feed the search's priors); Sampled is set when
// the client's model rated the thought.
type Scores struct {
	// Problem and Parent are the thought's coherence with the problem and
	// with the thought it follows; Goal its proximity to the goal statement
	// (the problem when no goal was given). Each blends the pooled cosine
	// of the built-in embeddings with word-level max-sim, in [0, 1].
	Problem float64 `json:"problem"`
	Parent  float64 `json:"parent"`
	Goal    float64 `json:"goal"`
	// Novelty is 1 minus the closest cosine to a sibling or an ancestor: a
	// thought that only restates another scores near 0.
	Novelty float64 `json:"novelty"`
	// Support and Contradiction are the similarity of the closest stored
	// memory that agrees with, or negates, the thought; the ids say which.
	Support        float64  `json:"support,omitempty"`
	Contradiction  float64  `json:"contradiction,omitempty"`
	SupportedBy    []string `json:"supported_by,omitempty"`
	ContradictedBy []string `json:"contradicted_by,omitempty"`
	// Deterministic is the evaluators' combined score.
	Deterministic float64 `json:"deterministic"`
	// Method says which score became the thought's Score.
	Method  string   `json:"method"`
	Sampled *Sampled `json:"sampled,omitempty"`
	// Fallback says why sampling was asked for but the deterministic score
	// was used.
	Fallback string `json:"fallback,omitempty"`
}

// Weights of the deterministic score. With a memory service the last
// quarter of the coherence weight goes to memory evidence.
const (
	wProblem = 0.4
	wParent  = 0.4
	wNovelty = 0.2
	wMemory  = 0.15 // taken proportionally from the three above
	// relevantMemory is the coherence at which a memory counts as talking
	// about the same thing as the thought.
	relevantMemory = 0.45
	memoryResults  = 5
)

// Searcher is the part of the memory service the evaluators use.
type Searcher interface {
	Search(ctx context.Context, r memory.SearchRequest) (*memory.SearchResponse, error)
}

// evaluator holds the deterministic scorers.
type evaluator struct {
	emb *embed.Builtin
}

// vector returns the pooled embedding of a thought, computing it once.
func (e *evaluator) vector(ctx context.Context, t *Thought) ([]float32, error) {
	if t.vec != nil {
		return t.vec, nil
	}
	v, err := e.emb.Embed(ctx, []string{t.Text})
	if err != nil {
		return nil, fmt.Errorf("embed thought %s: %w", t.ID, err)
	}
	t.vec = v[0]
	return t.vec, nil
}

// coherence blends the pooled cosine (topic) with word-level max-sim in
// both directions (shared and related words), which the pooled vector
// blurs on short texts.
func (e *evaluator) coherence(a, b string, va, vb []float32) float64 {
	ms := (e.emb.MaxSim(a, b) + e.emb.MaxSim(b, a)) / 2
	return clamp01(0.5*cosine(va, vb) + 0.5*ms)
}

// score fills the deterministic components of thought i of s.
func (e *evaluator) score(ctx context.Context, s *Session, i int, mem Searcher) (Scores, error) {
	t := s.Thoughts[i]
	vt, err := e.vector(ctx, t)
	if err != nil {
		return Scores{}, err
	}
	root := s.Thoughts[0]
	vr, err := e.vector(ctx, root)
	if err != nil {
		return Scores{}, err
	}
	var sc Scores
	sc.Problem = e.coherence(t.Text, root.Text, vt, vr)
	parent := s.Thoughts[s.index(t.Parent)]
	if parent == root {
		sc.Parent = sc.Problem
	} else {
		vp, err := e.vector(ctx, parent)
		if err != nil {
			return Scores{}, err
		}
		sc.Parent = e.coherence(t.Text, parent.Text, vt, vp)
	}
	sc.Goal = sc.Problem
	if s.Goal != "" {
		vg, err := e.emb.Embed(ctx, []string{s.Goal})
		if err != nil {
			return Scores{}, fmt.Errorf("embed goal: %w", err)
		}
		sc.Goal = e.coherence(t.Text, s.Goal, vt, vg[0])
	}
	if sc.Novelty, err = e.novelty(ctx, s, i, vt); err != nil {
		return Scores{}, err
	}
	base := wProblem*sc.Problem + wParent*sc.Parent + wNovelty*sc.Novelty
	sc.Deterministic = base
	if mem != nil {
		if err := e.memoryEvidence(ctx, s, t, vt, mem, &sc); err != nil {
			return Scores{}, err
		}
		m := clamp01(0.5 + 0.5*sc.Support - sc.Contradiction)
		sc.Deterministic = (1-wMemory)*base + wMemory*m
	}
	sc.Deterministic = clamp01(sc.Deterministic)
	sc.Method = MethodDeterministic
	return sc, nil
}

// novelty is 1 minus the highest cosine to a sibling or an ancestor.
func (e *evaluator) novelty(ctx context.Context, s *Session, i int, vt []float32) (float64, error) {
	t := s.Thoughts[i]
	par := s.index(t.Parent)
	closest := 0.0
	compare := func(j int) error {
		if j == i || j == 0 {
			return nil
		}
		v, err := e.vector(ctx, s.Thoughts[j])
		if err != nil {
			return err
		}
		closest = math.Max(closest, cosine(vt, v))
		return nil
	}
	for _, j := range s.Thoughts[par].children {
		if err := compare(j); err != nil {
			return 0, err
		}
	}
	for _, j := range s.path(par) {
		if err := compare(j); err != nil {
			return 0, err
		}
	}
	return clamp01(1 - closest), nil
}

// memoryEvidence searches stored memories for the thought and sorts the
// relevant ones into support and contradiction: a contradiction is a memory
// about the same thing (high coherence) that negates the thought or uses an
// antonym of one of its words.
func (e *evaluator) memoryEvidence(ctx context.Context, s *Session, t *Thought, vt []float32, mem Searcher, sc *Scores) error {
	scope := memory.Scope{}
	if s.Namespace != "" {
		scope = memory.DefaultScope(s.Namespace)
	}
	res, err := mem.Search(ctx, memory.SearchRequest{Query: t.Text, Scope: scope, Limit: memoryResults})
	if err != nil {
		return fmt.Errorf("search memories for thought %s: %w", t.ID, err)
	}
	own := SessionTag(s.ID)
	for _, r := range res.Results {
		if slices.Contains(r.Tags, own) {
			continue // the session's own saved thoughts are not evidence for it
		}
		vm, err := e.emb.Embed(ctx, []string{r.Content})
		if err != nil {
			return fmt.Errorf("embed memory %s: %w", r.ID, err)
		}
		sim := e.coherence(t.Text, r.Content, vt, vm[0])
		if sim < relevantMemory {
			continue
		}
		if conflicts(t.Text, r.Content) {
			sc.ContradictedBy = append(sc.ContradictedBy, r.ID)
			sc.Contradiction = math.Max(sc.Contradiction, sim)
		} else {
			sc.SupportedBy = append(sc.SupportedBy, r.ID)
			sc.Support = math.Max(sc.Support, sim)
		}
	}
	return nil
}

// cosine is the dot product of two L2-normalised vectors, floored at 0.
func cosine(a, b []float32) float64 {
	if len(a) != len(b) {
		return 0
	}
	var d float32
	for i := range a {
		d += a[i] * b[i]
	}
	return clamp01(float64(d))
}

func clamp01(x float64) float64 {
	if math.IsNaN(x) || x < 0 {
		return 0
	}
	return math.Min(x, 1)
}
