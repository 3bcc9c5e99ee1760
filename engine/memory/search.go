package memory

import (
	"context"
	"fmt"
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

// poolK is how many candidates, by their fused lexical and vector ranks,
// are read and re-ranked: reading a memory and scoring its words costs
// microseconds each, and a candidate below this in both retrievers' lists
// does not reach a page of results.
const poolK = 60

// narrow keeps the poolK candidates with the best fused lexical and vector
// ranks.
func narrow(cands map[int64]*candidate, w Weights) {
	if len(cands) <= poolK {
		return
	}
	pre := w
	pre.Rerank, pre.Graph = 0, 0
	for _, c := range fuse(cands, pre, false)[poolK:] {
		delete(cands, c.rowID)
	}
}

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
		hits, stale, err := s.vectorSearch(ctx, r.Query, f, poolK)
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
	narrow(cands, w)
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
	hit, need, epoch := s.cache.get(need)
	mems, err := s.db.MemoriesByRowID(ctx, need)
	if err != nil {
		return err
	}
	s.cache.put(mems, epoch)
	for _, m := range append(hit, mems...) {
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
