package reason

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSequentialThinkingInput replays the official sequential-thinking
// server's input: a linear chain, a revision and a branch, with no session
// id and no problem (the first thought becomes the root).
func TestSequentialThinkingInput(t *testing.T) {
	r := New(Config{Embedder: sharedBuiltin})
	steps := []Request{
		{Thought: "How should we cache the product catalogue to cut page latency?", ThoughtNumber: 1, TotalThoughts: 4, NextThoughtNeeded: true},
		{Thought: "Cache rendered catalogue pages in memory for five minutes.", ThoughtNumber: 2, TotalThoughts: 4, NextThoughtNeeded: true},
		{Thought: "Invalidate a cached page when a product on it changes price.", ThoughtNumber: 3, TotalThoughts: 4, NextThoughtNeeded: true},
		{Thought: "Cache catalogue query results instead of whole pages, so prices stay fresh.", ThoughtNumber: 4, TotalThoughts: 5, NextThoughtNeeded: true, IsRevision: true, RevisesThought: 2},
		{Thought: "Put a CDN in front of the catalogue pages.", ThoughtNumber: 5, TotalThoughts: 5, NextThoughtNeeded: true, BranchFromThought: 1, BranchID: "cdn"},
		{Thought: "Set CDN cache headers to one minute for catalogue pages.", ThoughtNumber: 6, TotalThoughts: 6, NextThoughtNeeded: false, BranchID: "cdn"},
	}
	var resps []*Response
	for _, req := range steps {
		resps = append(resps, think(t, r, nil, req))
	}
	id := resps[0].SessionID
	for _, resp := range resps[1:] {
		if resp.SessionID != id {
			t.Fatalf("thought %d went to session %s, want %s", resp.ThoughtNumber, resp.SessionID, id)
		}
	}
	if resps[0].NodeID != RootID {
		t.Errorf("first thought is %s, want the root", resps[0].NodeID)
	}
	parents := map[string]string{}
	for _, resp := range resps[1:] {
		parents[resp.NodeID] = resp.ParentID
	}
	want := map[string]string{"n1": RootID, "n2": "n1", "n3": RootID, "n4": RootID, "n5": "n4"}
	if fmt.Sprint(parents) != fmt.Sprint(want) {
		t.Errorf("parents = %v, want %v", parents, want)
	}
	last := resps[len(resps)-1]
	if !slices.Equal(last.Branches, []string{"cdn"}) || last.ThoughtHistoryLength != 5 || last.TotalThoughts != 6 {
		t.Errorf("branches %v, history %d, total %d", last.Branches, last.ThoughtHistoryLength, last.TotalThoughts)
	}
	o, err := r.Show(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if o.Thoughts[3].Revises != "n1" {
		t.Errorf("revision records %q, want n1", o.Thoughts[3].Revises)
	}
	// A new thought 1 starts a new session.
	next := think(t, r, nil, Request{Thought: "A different problem entirely.", ThoughtNumber: 1, TotalThoughts: 1})
	if next.SessionID == id {
		t.Error("thoughtNumber 1 without a session id did not start a new session")
	}
}

// TestReasonerInput replays mcp-reasoner's input: parentId branches and
// per-request strategy and limits.
func TestReasonerInput(t *testing.T) {
	r := New(Config{Embedder: sharedBuiltin})
	a := think(t, r, nil, Request{Problem: "Choose a database for a small analytics service.", Thought: "Use SQLite because the data fits on one machine.", ThoughtNumber: 1, TotalThoughts: 3, NextThoughtNeeded: true, StrategyType: "mcts", NumSimulations: 20})
	b := think(t, r, nil, Request{SessionID: a.SessionID, Thought: "Use a hosted columnar warehouse for analytical queries.", ThoughtNumber: 2, TotalThoughts: 3, NextThoughtNeeded: true, ParentID: RootID, StrategyType: "mcts-002-alpha", BeamWidth: 2})
	c := think(t, r, nil, Request{SessionID: a.SessionID, Thought: "SQLite handles analytical queries over a few gigabytes quickly.", ThoughtNumber: 3, TotalThoughts: 3, ParentID: a.NodeID, NumSimulations: 150})
	if b.ParentID != RootID || c.ParentID != a.NodeID {
		t.Errorf("parents: %s, %s", b.ParentID, c.ParentID)
	}
	if c.StrategyUsed != MCTS002Alpha || c.Stats.Simulations != 150 || c.Stats.TotalNodes != 4 || c.Stats.MaxDepth != 2 {
		t.Errorf("strategy %s, stats %+v", c.StrategyUsed, c.Stats)
	}
	if c.Stats.Exploration == puctBase {
		t.Errorf("exploration stayed at %v: it should adapt to the success rate", c.Stats.Exploration)
	}
	if len(c.BestPath) == 0 || c.SuggestedParentID == "" {
		t.Errorf("best path %v, suggested %q", c.BestPath, c.SuggestedParentID)
	}
}

func TestRequestValidation(t *testing.T) {
	r := New(Config{Embedder: sharedBuiltin, MaxThoughtBytes: 100})
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"empty thought", Request{Thought: "  ", ThoughtNumber: 1}, "thought is empty"},
		{"thought number", Request{Thought: "x", ThoughtNumber: 0}, "thoughtNumber must be >= 1"},
		{"beam width", Request{Thought: "x", ThoughtNumber: 1, BeamWidth: 11}, "beamWidth must be between 1 and 10"},
		{"simulations", Request{Thought: "x", ThoughtNumber: 1, NumSimulations: 151}, "numSimulations must be between 1 and 150"},
		{"strategy", Request{Thought: "x", ThoughtNumber: 1, StrategyType: "astar"}, "unknown strategy"},
		{"too long", Request{Thought: strings.Repeat("x", 101), ThoughtNumber: 1}, "more than the 100 allowed"},
		{"revision without target", Request{Thought: "x", ThoughtNumber: 2, IsRevision: true}, "needs revisesThought"},
		{"unknown session", Request{SessionID: "nope", Thought: "x", ThoughtNumber: 2}, "no reasoning session"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.Process(context.Background(), nil, tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNotFound) {
				t.Errorf("err %v wraps neither ErrInvalid nor ErrNotFound", err)
			}
		})
	}
	first := think(t, r, nil, Request{Problem: "p", Thought: "first", ThoughtNumber: 1})
	for _, req := range []Request{
		{SessionID: first.SessionID, Thought: "x", ThoughtNumber: 2, ParentID: "n9"},
		{SessionID: first.SessionID, Thought: "x", ThoughtNumber: 2, BranchFromThought: 7},
		{SessionID: first.SessionID, Thought: "x", ThoughtNumber: 2, IsRevision: true, RevisesThought: 7},
	} {
		if _, err := r.Process(context.Background(), nil, req); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: err = %v, want ErrInvalid", req, err)
		}
	}
}

func TestBounds(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	r := New(Config{Embedder: sharedBuiltin, MaxNodes: 3, MaxSessions: 2, IdleTTL: time.Minute, Now: clk.Now})
	a := think(t, r, nil, Request{Problem: "p", Thought: "one", ThoughtNumber: 1, NextThoughtNeeded: true})
	think(t, r, nil, Request{SessionID: a.SessionID, Thought: "two", ThoughtNumber: 2, NextThoughtNeeded: true})
	if _, err := r.Process(ctx, nil, Request{SessionID: a.SessionID, Thought: "three", ThoughtNumber: 3}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "most allowed") {
		t.Errorf("full session: err = %v", err)
	}

	clk.Advance(time.Second)
	b := think(t, r, nil, Request{Problem: "q", Thought: "one", ThoughtNumber: 1})
	clk.Advance(time.Second)
	think(t, r, nil, Request{Problem: "r", Thought: "one", ThoughtNumber: 1})
	if r.Len() != 2 {
		t.Errorf("%d sessions in memory, want MaxSessions = 2", r.Len())
	}
	if _, err := r.Show(ctx, a.SessionID); !errors.Is(err, ErrNotFound) {
		t.Errorf("least recently used session: err = %v, want ErrNotFound", err)
	}
	if _, err := r.Show(ctx, b.SessionID); err != nil {
		t.Errorf("recent session: %v", err)
	}
	clk.Advance(2 * time.Minute)
	if n := r.Expire(); n != 2 || r.Len() != 0 {
		t.Errorf("Expire dropped %d, %d left; want 2 and 0", n, r.Len())
	}
	// A client that never names sessions continues with a new one once its
	// current session has expired.
	resp := think(t, r, nil, Request{Thought: "after the expiry", ThoughtNumber: 2})
	if resp.SessionID == b.SessionID || resp.NodeID != RootID {
		t.Errorf("after expiry: session %s node %s, want a new session rooted at the thought", resp.SessionID, resp.NodeID)
	}
}

func TestPersistenceAcrossReasoners(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, t.TempDir())
	clk := newClock()
	// Two reasoners over one database stand for two sweet processes.
	r1 := New(Config{Embedder: sharedBuiltin, Store: db, Now: clk.Now, IdleTTL: time.Minute})
	r2 := New(Config{Embedder: sharedBuiltin, Store: db, Now: clk.Now})
	o, err := r1.Start(ctx, StartRequest{Problem: "Reduce the build time of the monorepo.", Strategy: "beam_search"})
	if err != nil {
		t.Fatal(err)
	}
	think(t, r1, nil, Request{SessionID: o.ID, Thought: "Cache compiled packages between builds.", ThoughtNumber: 1, NextThoughtNeeded: true})
	think(t, r2, nil, Request{SessionID: o.ID, Thought: "Share the build cache across machines.", ThoughtNumber: 2, NextThoughtNeeded: true})
	think(t, r1, nil, Request{SessionID: o.ID, Thought: "Skip tests of packages that did not change.", ThoughtNumber: 3, ParentID: RootID})
	clk.Advance(time.Hour)
	if r1.Expire() != 1 {
		t.Error("idle session not expired from memory")
	}
	for _, r := range []*Reasoner{r1, r2} {
		got, err := r.Show(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Thoughts) != 4 || got.Thoughts[2].Parent != "n1" || got.Strategy != BeamSearch {
			t.Errorf("reloaded session: %d thoughts, n2 parent %q, strategy %s", len(got.Thoughts), got.Thoughts[2].Parent, got.Strategy)
		}
	}
	if err := r2.Delete(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := r1.Show(ctx, o.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted session: err = %v", err)
	}
}
