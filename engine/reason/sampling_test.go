package reason

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
)

// modelDouble stands in for the MCP client's model at the protocol
// boundary: it answers each prompt deterministically from a table keyed by
// a word of the system prompt, and records every call.
type modelDouble struct {
	mu      sync.Mutex
	replies map[string]string // perspective or "propose" -> reply
	calls   []string
	fail    error
}

func (m *modelDouble) CreateMessage(_ context.Context, system, user string, maxTokens int) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if maxTokens <= 0 || user == "" {
		return "", errors.New("bad request")
	}
	if m.fail != nil {
		return "", m.fail
	}
	key := "overall"
	switch {
	case strings.HasPrefix(system, "You propose"):
		key = "propose"
	case strings.Contains(system, "logically and factually correct"):
		key = "correctness"
	case strings.Contains(system, "can actually be carried out"):
		key = "feasibility"
	case strings.Contains(system, "how safe the step is"):
		key = "risk"
	}
	m.calls = append(m.calls, key)
	return m.replies[key], nil
}

func startSession(t *testing.T, r *Reasoner, problem string) string {
	t.Helper()
	o, err := r.Start(context.Background(), StartRequest{Problem: problem, Strategy: "mcts"})
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

func TestSamplingScores(t *testing.T) {
	const problem = "Why does the unit test fail only on the continuous integration machine?"
	const thought = "Check whether the test depends on the time zone of the machine."
	committee := map[string]string{
		"correctness": `{"score": 0.9, "reason": "time zones commonly differ"}`,
		"feasibility": "```json\n{\"score\": 0.6, \"reason\": \"easy to check\"}\n```",
		"risk":        `{"score": 0.3, "reason": "may miss other causes"}`,
	}
	// mean 0.6, population standard deviation √0.06.
	committeeScore := 0.6 - DisagreementPenalty*math.Sqrt(0.06)
	tests := []struct {
		name      string
		replies   map[string]string
		committee bool
		fail      error
		method    string
		score     float64 // < 0: the deterministic score
		warnings  int
		calls     int
	}{
		{name: "single rater", replies: map[string]string{"overall": `{"score": 0.85, "reason": "sound"}`}, method: MethodSampling, score: 0.85, calls: 1},
		{name: "committee", replies: committee, committee: true, method: MethodCommittee, score: committeeScore, calls: 3},
		{name: "malformed reply", replies: map[string]string{"overall": "Sure! I would rate this step 0.8 out of 1."}, method: MethodDeterministic, score: -1, warnings: 2, calls: 1},
		{name: "committee with one malformed member", committee: true, replies: map[string]string{
			"correctness": `{"score": 0.8}`, "feasibility": `{"score": 0.6} and more text`, "risk": `{"score": 0.4}`,
		}, method: MethodCommittee, score: 0.6 - DisagreementPenalty*0.2, warnings: 1, calls: 3},
		{name: "score out of range", replies: map[string]string{"overall": `{"score": 7}`}, method: MethodDeterministic, score: -1, warnings: 2, calls: 1},
		{name: "client refuses sampling", fail: errors.New("sampling not supported"), method: MethodDeterministic, score: -1, warnings: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New(Config{Embedder: sharedBuiltin})
			id := startSession(t, r, problem)
			m := &modelDouble{replies: tc.replies, fail: tc.fail}
			resp := think(t, r, m, Request{SessionID: id, Thought: thought, ThoughtNumber: 1, TotalThoughts: 2, NextThoughtNeeded: true, Committee: tc.committee})
			if resp.Scores.Method != tc.method {
				t.Errorf("method = %q, want %q", resp.Scores.Method, tc.method)
			}
			want := tc.score
			if want < 0 {
				want = resp.Scores.Deterministic
				if resp.Scores.Fallback == "" {
					t.Error("no Fallback explanation on a deterministic score after sampling failed")
				}
			}
			if math.Abs(resp.Score-want) > 1e-9 {
				t.Errorf("score = %v, want %v", resp.Score, want)
			}
			if len(resp.Warnings) != tc.warnings {
				t.Errorf("warnings = %q, want %d", resp.Warnings, tc.warnings)
			}
			if len(m.calls) != tc.calls {
				t.Errorf("model called %d times (%v), want %d", len(m.calls), m.calls, tc.calls)
			}
			if tc.committee && resp.Scores.Sampled != nil && len(resp.Scores.Sampled.Members) != 3 {
				t.Errorf("members = %+v, want 3", resp.Scores.Sampled.Members)
			}
		})
	}
}

func TestParseRating(t *testing.T) {
	tests := []struct {
		reply string
		score float64
		ok    bool
	}{
		{`{"score": 0.5, "reason": "ok"}`, 0.5, true},
		{"  {\"score\": 1}\n", 1, true},
		{"```json\n{\"score\": 0.25}\n```", 0.25, true},
		{"```\n{\"score\": 0}\n```", 0, true},
		{`{"score": 0.5, "reason": "ok", "extra": true}`, 0.5, true},
		{`{"reason": "no score"}`, 0, false},
		{`{"score": "high"}`, 0, false},
		{`{"score": -0.1}`, 0, false},
		{`{"score": 0.5} {"score": 0.6}`, 0, false},
		{`Here you go: {"score": 0.5}`, 0, false},
		{"```json\n{\"score\": 0.5}", 0, false},
		{``, 0, false},
		{`[0.5]`, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.reply, func(t *testing.T) {
			got, _, err := parseRating(tc.reply)
			if (err == nil) != tc.ok {
				t.Fatalf("parseRating(%q) err = %v, want ok=%v", tc.reply, err, tc.ok)
			}
			if err != nil && !errors.Is(err, errBadReply) {
				t.Errorf("error %v does not wrap errBadReply", err)
			}
			if got != tc.score {
				t.Errorf("score = %v, want %v", got, tc.score)
			}
		})
	}
}

func TestExpandWithSampler(t *testing.T) {
	ctx := context.Background()
	r := New(Config{Embedder: sharedBuiltin})
	id := startSession(t, r, "Plan a vegetarian dinner for six guests with a budget of fifty dollars.")
	m := &modelDouble{replies: map[string]string{
		"propose": `{"thoughts": ["Cook a large vegetable lasagna that feeds six guests.", "Cook a large vegetable lasagna that feeds six guests.", "Make a bean chili with rice for six people.", "Serve a fruit salad for dessert.", "Extra step beyond the limit."]}`,
		"overall": `{"score": 0.7, "reason": "fits the budget"}`,
	}}
	if _, err := r.Expand(ctx, nil, ExpandRequest{SessionID: id}); !errors.Is(err, ErrNoSampler) {
		t.Fatalf("Expand without sampler: err = %v, want ErrNoSampler", err)
	}
	res, err := r.Expand(ctx, m, ExpandRequest{SessionID: id, Rounds: 2, Branching: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Round 1 adds three distinct proposals under the root; round 2 extends
	// the suggested leaf with the same (deterministic) proposals.
	if len(res.Added) != 6 {
		t.Fatalf("added %v, want 6 thoughts", res.Added)
	}
	for _, th := range res.Overview.Thoughts[1:] {
		if th.Source != SourceSampler || th.Score != 0.7 || th.Scores.Method != MethodSampling {
			t.Errorf("thought %s: source %q score %v method %q", th.ID, th.Source, th.Score, th.Scores.Method)
		}
	}
	for _, th := range res.Overview.Thoughts[4:] {
		if th.Depth != 2 {
			t.Errorf("round 2 thought %s at depth %d, want under a round 1 thought", th.ID, th.Depth)
		}
	}
	if len(res.Overview.BestPath) == 0 {
		t.Error("no best path after expansion")
	}

	bad := &modelDouble{replies: map[string]string{"propose": "1. Cook pasta\n2. Make soup"}}
	res, err = r.Expand(ctx, bad, ExpandRequest{SessionID: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Added) != 0 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "no thoughts added") {
		t.Errorf("malformed proposals: added %v, warnings %q", res.Added, res.Warnings)
	}
}
