package memory

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/sweetmcp/sweet/engine/quantum"
	"github.com/sweetmcp/sweet/store"
)

// Retrieval strategies. Auto lets the router choose one of the others.
const (
	StrategyAuto    = "auto"
	StrategyHybrid  = "hybrid"
	StrategyLexical = "lexical"
	StrategyVector  = "vector"
	StrategyGraph   = "graph"
	StrategyRecency = "recency"
)

// Strategies lists the values SearchRequest.Strategy accepts.
var Strategies = []string{StrategyAuto, StrategyHybrid, StrategyLexical, StrategyVector, StrategyGraph, StrategyRecency}

// routedArms are the strategies the router chooses between.
var routedArms = []string{StrategyHybrid, StrategyLexical, StrategyVector, StrategyGraph, StrategyRecency}

// routerFeatures name the query features the router learns from.
var routerFeatures = []string{"length", "identifiers", "quoted", "question", "time_words", "relation_words"}

// strategyWeights turns a strategy into component weights. Lexical and
// vector leave out the other retriever entirely, which is what makes them
// cheaper than hybrid.
func strategyWeights(name string, base Weights) (Weights, error) {
	switch name {
	case "", StrategyHybrid:
		return base, nil
	case StrategyLexical:
		return Weights{Lexical: 1, Recency: base.Recency, RRFK: base.RRFK, Expansion: base.Expansion}, nil
	case StrategyVector:
		return Weights{Vector: base.Vector, Rerank: base.Rerank, Recency: base.Recency, RRFK: base.RRFK}, nil
	case StrategyGraph:
		w := base
		w.Graph = max(1, 3*base.Graph)
		return w, nil
	case StrategyRecency:
		w := base
		w.Recency = max(1, 4*base.Recency)
		return w, nil
	}
	return Weights{}, invalidf("unknown strategy %q: use %s", name, strings.Join(Strategies, ", "))
}

// queryFeatures describes a query for the router, each in 0..1.
func queryFeatures(q string) []float64 {
	words := strings.Fields(q)
	lower := strings.ToLower(q)
	ident := 0.0
	for _, w := range words {
		if strings.ContainsAny(w, "_./:") || hasInnerUpper(w) || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			ident = 1
		}
	}
	has := func(list ...string) float64 {
		for _, s := range list {
			if strings.Contains(" "+lower+" ", " "+s+" ") {
				return 1
			}
		}
		return 0
	}
	quoted := 0.0
	if strings.ContainsAny(q, "\"'`") {
		quoted = 1
	}
	return []float64{
		min(1, float64(len(words))/12),
		ident,
		quoted,
		has("how", "why", "what", "which", "when", "where", "who"),
		has("recent", "recently", "latest", "last", "yesterday", "today", "new", "newest", "now"),
		has("related", "connected", "depends", "linked", "around", "about"),
	}
}

func hasInnerUpper(w string) bool {
	rs := []rune(w)
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			return true
		}
	}
	return false
}

// routerKey and recentKey are where the router's state and its recent
// decisions live in the meta table, shared by every sweet process.
const (
	routerKey = "router/v1"
	recentKey = "router/recent/v1"
	maxRecent = 200
)

// decision is one auto-routed search, kept so that later feedback (explicit,
// or a result being opened) can be credited to the strategy that chose it.
type decision struct {
	At       time.Time `json:"at"`
	Arm      int       `json:"arm"`
	Features []float64 `json:"features"`
	Results  []string  `json:"results"`
}

// router is the service's strategy router with its recent decisions.
type router struct {
	mu     sync.Mutex
	r      *quantum.Router
	recent []decision
	loaded bool
}

func (s *Service) loadRouter(ctx context.Context) error {
	rt := &s.router
	if rt.loaded {
		return nil
	}
	raw, err := s.db.Meta(ctx, routerKey)
	switch {
	case err == nil:
		if rt.r, err = quantum.LoadRouter([]byte(raw)); err != nil {
			s.log.Warn("Router state unreadable; starting afresh", "err", err)
		}
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	if rt.r == nil {
		seed := s.opts.RouterSeed
		if seed == 0 {
			seed = uint64(time.Now().UnixNano())
		}
		if rt.r, err = quantum.NewRouter(quantum.RouterConfig{Arms: routedArms, Features: routerFeatures, Seed: seed}); err != nil {
			return err
		}
	}
	if raw, err := s.db.Meta(ctx, recentKey); err == nil {
		_ = json.Unmarshal([]byte(raw), &rt.recent) // a damaged list only loses old credit
	}
	rt.loaded = true
	return nil
}

// route picks a strategy for a query.
func (s *Service) route(ctx context.Context, query string) (quantum.Decision, error) {
	s.router.mu.Lock()
	defer s.router.mu.Unlock()
	if err := s.loadRouter(ctx); err != nil {
		return quantum.Decision{}, err
	}
	return s.router.r.Route(queryFeatures(query))
}

// remember records an auto-routed search for later credit.
func (s *Service) remember(d quantum.Decision, results []Result) {
	ids := make([]string, len(results))
	for i, r := range results {
		ids[i] = r.ID
	}
	s.router.mu.Lock()
	defer s.router.mu.Unlock()
	rt := &s.router
	rt.recent = append(rt.recent, decision{At: time.Now().UTC(), Arm: d.Arm, Features: d.Features[1:], Results: ids})
	if len(rt.recent) > maxRecent {
		rt.recent = rt.recent[len(rt.recent)-maxRecent:]
	}
	s.saveRouterLocked()
}

// saveRouterLocked queues the router's state for the background writer.
func (s *Service) saveRouterLocked() {
	if s.opts.ReadOnly {
		return
	}
	snapshot := func(v func() any) func() (string, error) {
		return func() (string, error) {
			s.router.mu.Lock()
			defer s.router.mu.Unlock()
			b, err := json.Marshal(v())
			return string(b), err
		}
	}
	s.touch.setMeta(routerKey, snapshot(func() any { return s.router.r }))
	s.touch.setMeta(recentKey, snapshot(func() any { return s.router.recent }))
}

// FeedbackResult says which strategy a piece of feedback was credited to.
type FeedbackResult struct {
	Strategy string  `json:"strategy"`
	Reward   float64 `json:"reward"`
	Query    int     `json:"searches_credited"`
}

// Feedback tells the router whether a memory returned by a recent
// auto-routed search was useful (reward 1) or not (0); the strategy that
// returned it learns from it. Opening a result (Get) counts as useful.
func (s *Service) Feedback(ctx context.Context, id string, reward float64) (*FeedbackResult, error) {
	if reward < 0 || reward > 1 || reward != reward {
		return nil, invalidf("reward %v is outside 0..1", reward)
	}
	s.router.mu.Lock()
	defer s.router.mu.Unlock()
	if err := s.loadRouter(ctx); err != nil {
		return nil, err
	}
	rt := &s.router
	for i := len(rt.recent) - 1; i >= 0; i-- {
		d := rt.recent[i]
		for _, r := range d.Results {
			if r != id {
				continue
			}
			if err := rt.r.Feedback(d.Arm, d.Features, reward); err != nil {
				return nil, err
			}
			rt.recent = append(rt.recent[:i], rt.recent[i+1:]...) // credit each search once
			s.saveRouterLocked()
			return &FeedbackResult{Strategy: routedArms[d.Arm], Reward: reward, Query: 1}, nil
		}
	}
	return nil, fmt.Errorf("%w: memory %s was not among the results of a recent auto-routed search (sweet memory query --strategy auto)", ErrNotFound, id)
}
