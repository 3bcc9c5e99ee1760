package memory

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/sweetmcp/sweet/engine/quantum"
	"github.com/sweetmcp/sweet/engine/vector"
	"github.com/sweetmcp/sweet/store"
)

// SearchRequest is one query.
type SearchRequest struct {
	Query        string
	Scope        Scope
	Types        []string
	Tags         []string
	Since, Until time.Time
	Limit        int  // default 10
	Explain      bool // fill Result.Explain
	BudgetTokens int  // when > 0, return only as many whole results as fit
	// Strategy picks the retrieval strategy: auto (the router chooses),
	// hybrid (the default), lexical, vector, graph or recency.
	Strategy string
	// Weights overrides the component weights outright (tuning, tests).
	Weights *Weights
}

// Component is one search component's view of a result.
type Component struct {
	Rank         int     `json:"rank"`
	Score        float64 `json:"score"`
	Contribution float64 `json:"contribution"`
}

// Explanation breaks a result's score into its components.
type Explanation struct {
	Lexical *Component `json:"lexical,omitempty"`
	Vector  *Component `json:"vector,omitempty"`
	Rerank  *Component `json:"rerank,omitempty"`
	Graph   *Component `json:"graph,omitempty"`
	Recency *Component `json:"recency,omitempty"`
	// Via names the memory and relation that brought a graph neighbour in.
	Via string `json:"via,omitempty"`
}

// Result is one search hit.
type Result struct {
	*Memory
	Score   float64      `json:"score"`
	Explain *Explanation `json:"explain,omitempty"`
}

// Staleness says the vector index lacks vectors for some memories.
type Staleness struct {
	Missing int64  `json:"missing"`
	Total   int64  `json:"total"`
	Model   string `json:"model"`
}

func (s *Staleness) String() string {
	return fmt.Sprintf("the vector index is stale: %d of %d memories have no vector for model %s (the embedder changed or was unreachable); "+
		"vector search skips them until you run `sweet memory reindex`", s.Missing, s.Total, s.Model)
}

// SearchResponse is the answer to a query.
type SearchResponse struct {
	// Strategy is the strategy that ran; with auto, the router's choice.
	Strategy string `json:"strategy"`
	// Why explains an auto-routed choice (set when Explain was asked for).
	Why     string     `json:"why,omitempty"`
	Results []Result   `json:"results"`
	Stale   *Staleness `json:"stale,omitempty"`
	// Truncated is set when the token budget cut results off.
	Truncated bool `json:"truncated,omitempty"`
	// Warnings name components that could not run (an unreachable
	// embedding server); the other components still ranked the results.
	Warnings []string `json:"warnings,omitempty"`
}

// candidate gathers one memory's component scores during a search.
type candidate struct {
	rowID                      int64
	mem                        *store.Memory
	lexical, vec, rerank, grph float64
	hasLex, hasVec, hasGraph   bool
	recency                    float64
	via                        string
	fused                      float64
	exp                        Explanation
}

// candidateK is how many hits each retriever contributes before fusion.
const candidateK = 100

// Search runs a hybrid query: lexical, vector, re-rank, graph and recency,
// fused by weighted reciprocal rank.
func (s *Service) Search(ctx context.Context, r SearchRequest) (*SearchResponse, error) {
	if err := s.Sync(ctx); err != nil {
		return nil, err
	}
	resp := &SearchResponse{Results: []Result{}, Strategy: r.Strategy}
	var routed *quantum.Decision
	if r.Strategy == StrategyAuto {
		d, err := s.route(ctx, r.Query)
		if err != nil {
			return nil, fmt.Errorf("route query: %w", err)
		}
		routed, resp.Strategy = &d, d.Name
		if r.Explain {
			resp.Why = d.Explain()
		}
	}
	if resp.Strategy == "" {
		resp.Strategy = StrategyHybrid
	}
	w, err := strategyWeights(resp.Strategy, s.weights)
	if err != nil {
		return nil, err
	}
	if r.Weights != nil {
		w = *r.Weights
	}
	if r.Limit <= 0 {
		r.Limit = 10
	}
	f, err := buildFilter(r.Scope, r.Types, r.Tags)
	if err != nil {
		return nil, err
	}
	f.Since, f.Until = r.Since, r.Until
	cands := map[int64]*candidate{}
	get := func(id int64) *candidate {
		c := cands[id]
		if c == nil {
			c = &candidate{rowID: id}
			cands[id] = c
		}
		return c
	}
	if w.Lexical > 0 {
		hits, err := s.lexicalSearch(ctx, r.Query, w.Expansion, f)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			c := get(h.RowID)
			c.lexical, c.hasLex = h.Score, true
		}
	}
	if w.Vector > 0 || w.Rerank > 0 {
		hits, stale, err := s.vectorSearch(ctx, r.Query, f, candidateK)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			resp.Warnings = append(resp.Warnings, "vector search skipped: "+err.Error())
		}
		resp.Stale = stale
		for _, h := range hits {
			c := get(h.ID)
			c.vec, c.hasVec = float64(h.Score), true
		}
	}
	if err := s.fill(ctx, cands); err != nil {
		return nil, err
	}
	if w.Rerank > 0 && s.builtin != nil {
		q := s.builtin.NewQuery(r.Query)
		for _, c := range cands {
			c.rerank = q.Score(c.mem.Content)
		}
	}
	fuse(cands, w, false)
	if w.Graph > 0 && len(cands) > 0 {
		if err := s.expandGraph(ctx, cands, f, r.Query, w); err != nil {
			return nil, err
		}
	}
	now := time.Now().UnixMilli()
	for _, c := range cands {
		c.recency = s.recencyScore(c.mem, now)
	}
	ranked := fuse(cands, w, true)
	budgetLeft := r.BudgetTokens
	var touched []int64
	for _, c := range ranked {
		if len(resp.Results) == r.Limit {
			break
		}
		res := Result{Memory: fromStore(c.mem), Score: round4(c.fused)}
		if r.Explain {
			e := c.exp
			e.Via = c.via
			res.Explain = &e
		}
		if r.BudgetTokens > 0 {
			cost := EstimateTokens(res)
			if cost > budgetLeft {
				resp.Truncated = true
				break
			}
			budgetLeft -= cost
		}
		resp.Results = append(resp.Results, res)
		touched = append(touched, c.rowID)
	}
	s.touch.add(touched)
	if routed != nil {
		s.remember(*routed, resp.Results)
	}
	return resp, nil
}

// lexicalSearch ranks by BM25. It asks FTS5 for the best matches over all
// memories and filters them in memory, which avoids a join per matching row;
// only when the filter leaves too few does it ask again with the filter in SQL.
func (s *Service) lexicalSearch(ctx context.Context, query string, expansion float64, f store.Filter) ([]store.LexicalHit, error) {
	terms, all, err := s.selectiveTerms(ctx, queryTerms(query))
	if err != nil || len(terms) == 0 {
		return nil, err
	}
	match := matchExpr(terms)
	if all {
		match = strings.ReplaceAll(match, " OR ", " AND ")
	}
	const wide = 2 * candidateK
	hits, err := s.db.LexicalSearch(ctx, match, expansion, store.Filter{}, wide)
	if err == nil && all && len(hits) < candidateK/4 {
		// Every term was common and few memories hold them all: rank any of
		// them after all, paying for the long posting lists this once.
		hits, err = s.db.LexicalSearch(ctx, matchExpr(terms), expansion, store.Filter{}, wide)
	}
	if err != nil || f.Empty() {
		return hits, err
	}
	allowed, err := s.allowFunc(ctx, f)
	if err != nil || allowed == nil {
		return hits[:min(len(hits), candidateK)], err
	}
	kept := hits[:0]
	s.mu.RLock()
	for _, h := range hits {
		if allowed(h.RowID) {
			kept = append(kept, h)
		}
	}
	s.mu.RUnlock()
	if len(kept) >= candidateK || len(hits) < wide {
		return kept[:min(len(kept), candidateK)], nil
	}
	return s.db.LexicalSearch(ctx, match, expansion, f, candidateK)
}

// commonTermDocs is the document count above which a query term is too
// common to rank by: BM25 gives such a term little weight anyway, and FTS5
// scores every memory a term matches, so one common word in a query over
// 100k memories would cost tens of milliseconds for almost no signal.
const commonTermDocs = 400

// selectiveTerms drops terms that match more than commonTermDocs memories
// when rarer ones remain, probing each term with a bounded count. When every
// term is common, all of them are kept and must all match (all is true),
// which keeps the ranked set small.
func (s *Service) selectiveTerms(ctx context.Context, terms []string) (kept []string, all bool, err error) {
	s.mu.RLock()
	total := len(s.rows)
	s.mu.RUnlock()
	if len(terms) <= 1 || total <= commonTermDocs {
		return terms, false, nil // no term can be common: skip the probes
	}
	var common []string
	for _, t := range terms {
		n, err := s.db.TermDocs(ctx, t, commonTermDocs+1)
		if err != nil {
			return nil, false, err
		}
		switch {
		case n == 0: // matches nothing: dropping it changes no score
		case n <= commonTermDocs:
			kept = append(kept, t)
		default:
			common = append(common, t)
		}
	}
	if len(kept) > 0 {
		return kept, false, nil
	}
	return common, len(common) > 1, nil
}

// vectorSearch embeds the query and scans the index within the filter.
func (s *Service) vectorSearch(ctx context.Context, query string, f store.Filter, k int) ([]vector.Hit, *Staleness, error) {
	allowed, err := s.allowFunc(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	vecs, err := s.emb.Embed(ctx, []string{query})
	if err != nil {
		return nil, nil, fmt.Errorf("embed query with %s: %w", s.emb.Model(), err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var stale *Staleness
	indexed := 0
	if s.idx != nil {
		indexed = s.idx.Len()
	}
	if missing := len(s.rows) - indexed; missing > 0 {
		stale = &Staleness{Missing: int64(missing), Total: int64(len(s.rows)), Model: s.emb.Model()}
	}
	if s.idx == nil || s.idx.Dim() != len(vecs[0]) {
		return nil, stale, nil
	}
	hits, err := s.idx.Search(vecs[0], k, allowed)
	return hits, stale, err
}

// allowFunc turns a filter into a per-row predicate over the in-memory row
// table; tag filters are resolved to a row set with one indexed query.
func (s *Service) allowFunc(ctx context.Context, f store.Filter) (func(int64) bool, error) {
	if f.Empty() || s.scopeKeepsAll(f) {
		return nil, nil
	}
	var tagged map[int64]bool
	if len(f.Tags) > 0 {
		rows, err := s.db.ListMemories(ctx, store.ListOptions{Filter: store.Filter{Tags: f.Tags}})
		if err != nil {
			return nil, err
		}
		tagged = make(map[int64]bool, len(rows))
		for _, m := range rows {
			tagged[m.RowID] = true
		}
	}
	nss := map[string]bool{}
	for _, n := range f.Namespaces {
		nss[n] = true
	}
	types := map[string]bool{}
	for _, t := range f.Types {
		types[t] = true
	}
	since, until := f.Since.UnixMilli(), f.Until.UnixMilli()
	s.mu.RLock()
	rows := s.rows // mutated only under s.mu, which callers hold (RLock) while filtering
	s.mu.RUnlock()
	return func(id int64) bool {
		ri, ok := rows[id]
		if !ok || len(nss) > 0 && !nss[ri.ns] || len(types) > 0 && !types[ri.typ] || tagged != nil && !tagged[id] {
			return false
		}
		return (f.Since.IsZero() || ri.created >= since) && (f.Until.IsZero() || ri.created < until)
	}, nil
}

// scopeKeepsAll reports whether a filter on namespaces alone admits every
// memory there is, as it does for one user's project plus global: then the
// scan needs no per-row check at all.
func (s *Service) scopeKeepsAll(f store.Filter) bool {
	if len(f.Types) > 0 || len(f.Tags) > 0 || !f.Since.IsZero() || !f.Until.IsZero() {
		return false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	in := 0
	for _, ns := range f.Namespaces {
		in += s.nsCount[ns]
	}
	return in == len(s.rows)
}

// fill loads the memories of candidates that do not have them yet.
func (s *Service) fill(ctx context.Context, cands map[int64]*candidate) error {
	var need []int64
	for id, c := range cands {
		if c.mem == nil {
			need = append(need, id)
		}
	}
	mems, err := s.db.MemoriesByRowID(ctx, need)
	if err != nil {
		return err
	}
	for _, m := range mems {
		cands[m.RowID].mem = m
	}
	for id, c := range cands {
		if c.mem == nil {
			delete(cands, id) // deleted by another process since it was indexed
		}
	}
	return nil
}

// graphSeeds is how many of the best candidates lend weight to neighbours.
const graphSeeds = 5

// expandGraph gives neighbours of the best candidates a graph score: the
// relation's strength times the seed's share of the best fused score.
func (s *Service) expandGraph(ctx context.Context, cands map[int64]*candidate, f store.Filter, query string, w Weights) error {
	top := sortedByFused(cands)
	if len(top) > graphSeeds {
		top = top[:graphSeeds]
	}
	if top[0].fused <= 0 {
		return nil
	}
	seeds := map[int64]*candidate{}
	ids := make([]int64, 0, len(top))
	for _, c := range top {
		seeds[c.rowID] = c
		ids = append(ids, c.rowID)
	}
	rels, err := s.db.RelationsTouching(ctx, ids)
	if err != nil {
		return err
	}
	allowed, err := s.allowFunc(ctx, f)
	if err != nil {
		return err
	}
	added := false
	s.mu.RLock()
	for _, rel := range rels {
		seed, other := seeds[rel.From], rel.To
		if seed == nil {
			seed, other = seeds[rel.To], rel.From
		}
		if seed == nil || allowed != nil && !allowed(other) {
			continue
		}
		g := rel.Strength * seed.fused / top[0].fused
		c := cands[other]
		if c == nil {
			c = &candidate{rowID: other}
			cands[other] = c
			added = true
		}
		if g > c.grph {
			c.grph, c.hasGraph, c.via = g, true, fmt.Sprintf("%s (%s)", seed.mem.ID, rel.Type)
		}
	}
	s.mu.RUnlock()
	if !added {
		return nil
	}
	if err := s.fill(ctx, cands); err != nil {
		return err
	}
	if w.Rerank > 0 && s.builtin != nil {
		q := s.builtin.NewQuery(query)
		for _, c := range cands {
			if c.rerank == 0 {
				c.rerank = q.Score(c.mem.Content)
			}
		}
	}
	return nil
}

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
