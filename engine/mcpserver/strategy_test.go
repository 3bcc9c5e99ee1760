package mcpserver

import (
	"slices"
	"strings"
	"testing"

	"github.com/sweetmcp/sweet/engine/memory"
)

// TestSearchStrategies runs memory_search with every strategy and rates an
// auto-routed result with memory_feedback.
func TestSearchStrategies(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{}, nil)
	for _, c := range []string{"The staging database restarts nightly at 3am", "Deploys go out on Tuesdays after the release review",
		"The billing service is written in Go"} {
		h.mustCall(t, "memory_store", map[string]any{"content": c}, nil)
	}
	for _, strategy := range memory.Strategies {
		t.Run(strategy, func(t *testing.T) {
			var out SearchOutput
			h.mustCall(t, "memory_search", map[string]any{"query": "when does the staging database restart", "strategy": strategy, "explain": true}, &out)
			switch {
			case len(out.Results) == 0:
				t.Fatalf("no results: %+v", out)
			case strategy == memory.StrategyAuto && (out.Strategy == memory.StrategyAuto || !slices.Contains(memory.Strategies, out.Strategy) || out.Why == ""):
				t.Errorf("auto: ran %q because %q; want the router's choice and its reason", out.Strategy, out.Why)
			case strategy != memory.StrategyAuto && out.Strategy != strategy:
				t.Errorf("ran %q, want %q", out.Strategy, strategy)
			}
		})
	}

	t.Run("feedback", func(t *testing.T) {
		// A server of its own: no earlier auto-routed search to credit.
		h := newHarness(t, Options{}, nil)
		h.mustCall(t, "memory_store", map[string]any{"content": "The billing service is written in Go"}, nil)
		var auto SearchOutput
		h.mustCall(t, "memory_search", map[string]any{"query": "billing language", "strategy": "auto"}, &auto)
		if len(auto.Results) == 0 {
			t.Fatalf("auto search found nothing: %+v", auto)
		}
		var fb FeedbackOutput
		h.mustCall(t, "memory_feedback", map[string]any{"id": auto.Results[0].ID, "useful": false}, &fb)
		if fb.Strategy != auto.Strategy || fb.Reward != 0 {
			t.Errorf("feedback %+v, want reward 0 credited to %q", fb, auto.Strategy)
		}
		res := h.call(t, "memory_feedback", map[string]any{"id": auto.Results[0].ID}, nil)
		if !res.IsError || !strings.Contains(resultText(res), "strategy auto") {
			t.Errorf("second feedback for one search: %v %q", res.IsError, resultText(res))
		}
	})
	res := h.call(t, "memory_search", map[string]any{"query": "x", "strategy": "psychic"}, nil)
	if !res.IsError || !strings.Contains(resultText(res), "strategy") {
		t.Errorf("unknown strategy: %v %q", res.IsError, resultText(res))
	}
}
