package reason

import (
	"context"
	"slices"
	"testing"

	"github.com/sweetmcp/sweet/engine/memory"
)

func TestConflicts(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"The staging database restarts nightly.", "The staging database never restarts.", true},
		{"The cache is enabled in production.", "The cache is disabled in production.", true},
		{"Latency increases with load.", "Latency decreases with load.", true},
		{"The test doesn't pass on CI.", "The test passes on CI.", true},
		{"The service is not unavailable.", "The service is not unavailable at night.", false},
		{"The staging database restarts nightly at 3am.", "Staging restarts every night at 3am.", false},
		{"Enable the cache, then disable logging.", "Enable the cache and disable logging.", false},
	}
	for _, tc := range tests {
		t.Run(tc.a+"|"+tc.b, func(t *testing.T) {
			if got := conflicts(tc.a, tc.b); got != tc.want {
				t.Errorf("conflicts = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestMemoryEvidence checks support and contradiction against stored
// memories in a real database.
func TestMemoryEvidence(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, t.TempDir())
	mem := openMemory(t, db)
	const ns = "project"
	fact, err := mem.Add(ctx, memory.AddRequest{Content: "The staging database restarts every night at 3am.", Namespace: ns, Type: memory.TypeFact})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mem.Add(ctx, memory.AddRequest{Content: "Prefer table-driven tests in Go packages.", Namespace: ns}); err != nil {
		t.Fatal(err)
	}
	r := New(Config{Embedder: sharedBuiltin, Memory: mem})
	o, err := r.Start(ctx, StartRequest{Problem: "Why do overnight batch jobs lose their staging database connection?", Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	agree := think(t, r, nil, Request{SessionID: o.ID, Thought: "The staging database restarts every night at 3am, which drops the open connections.", ThoughtNumber: 1, ParentID: RootID})
	deny := think(t, r, nil, Request{SessionID: o.ID, Thought: "The staging database never restarts at night, so the connections drop for another reason.", ThoughtNumber: 1, ParentID: RootID})
	if !slices.Contains(agree.Scores.SupportedBy, fact.Memory.ID) || agree.Scores.Contradiction != 0 {
		t.Errorf("agreeing thought: %+v", agree.Scores)
	}
	if !slices.Contains(deny.Scores.ContradictedBy, fact.Memory.ID) || deny.Scores.Support != 0 {
		t.Errorf("contradicting thought: %+v", deny.Scores)
	}
	if agree.Score <= deny.Score {
		t.Errorf("supported thought %.3f <= contradicted thought %.3f", agree.Score, deny.Score)
	}
}

// TestSaveAsMemories saves the best path as linked memories and checks
// that saving twice reuses them.
func TestSaveAsMemories(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, t.TempDir())
	mem := openMemory(t, db)
	r := New(Config{Embedder: sharedBuiltin, Memory: mem, Store: db})
	c := loadChains(t)[0]
	o, err := r.Start(ctx, StartRequest{Problem: c.Problem, Namespace: "proj"})
	if err != nil {
		t.Fatal(err)
	}
	for k, text := range c.Coherent {
		think(t, r, nil, Request{SessionID: o.ID, Thought: text, ThoughtNumber: k + 1, NextThoughtNeeded: k < 2})
	}
	res, err := r.Save(ctx, o.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Memories) != 3 || res.Links != 3 || res.Problem == "" {
		t.Fatalf("save result %+v", res)
	}
	links, err := mem.Links(ctx, res.Memories[0])
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, l := range links {
		types = append(types, l.Type)
	}
	slices.Sort(types)
	if !slices.Equal(types, []string{"causes", "related_to"}) {
		t.Errorf("links of the first thought: %+v", links)
	}
	got, err := mem.Get(ctx, res.Memories...)
	if err != nil {
		t.Fatal(err)
	}
	for k, m := range got {
		if m.Namespace != "proj" || m.Content != c.Coherent[k] || !slices.Contains(m.Tags, SessionTag(o.ID)) {
			t.Errorf("memory %d: %+v", k, m)
		}
	}
	again, err := r.Save(ctx, o.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again.Memories, res.Memories) {
		t.Errorf("second save made %v, want the same memories %v", again.Memories, res.Memories)
	}
	// The session's own saved thoughts are not evidence for its new ones.
	echo := think(t, r, nil, Request{SessionID: o.ID, Thought: c.Coherent[1], ThoughtNumber: 4, ParentID: RootID})
	for _, id := range append(echo.Scores.SupportedBy, echo.Scores.ContradictedBy...) {
		if slices.Contains(res.Memories, id) || id == res.Problem {
			t.Errorf("thought scored against the session's own memory %s", id)
		}
	}
}
