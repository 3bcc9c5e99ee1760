package reason

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// syntheticSession builds a session of n thoughts with seeded random
// shape and scores, without the embedder: the benchmark measures the
// search, not the scoring.
func syntheticSession(n int) *Session {
	rng := rand.New(rand.NewPCG(1, 2))
	s := newSession("01BENCHSESSION", "problem", "", MCTS, "", time.Time{})
	for i := 1; i < n; i++ {
		// A random recursive tree: wide near the root, about ln n deep,
		// like a session that explores many alternatives.
		parent := rng.IntN(i)
		t := &Thought{Text: "thought", Score: rng.Float64(), Final: rng.IntN(10) == 0}
		t.Scores.Parent, t.Scores.Novelty, t.Scores.Goal = rng.Float64(), rng.Float64(), rng.Float64()
		s.add(t, parent)
	}
	return s
}

// BenchmarkSearch1000 runs 150 simulations (beam search: one full beam)
// over a 1,000-thought tree, as one Process call does after scoring.
func BenchmarkSearch1000(b *testing.B) {
	ctx := context.Background()
	r := New(Config{Embedder: sharedBuiltin})
	for _, strategy := range Strategies {
		b.Run(string(strategy), func(b *testing.B) {
			s := syntheticSession(1000)
			s.Strategy, s.Simulations = strategy, MaxSimulations
			b.ReportAllocs()
			for b.Loop() {
				if err := r.research(ctx, s); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(s.Search.Expanded), "nodes-searched")
		})
	}
}

// BenchmarkIdleSessions holds 100 idle sessions of 20 scored thoughts each
// and reports the heap they keep, then the heap left once idle expiry has
// dropped them.
func BenchmarkIdleSessions(b *testing.B) {
	ctx := context.Background()
	chains := loadChains(b)
	for b.Loop() {
		clk := newClock()
		r := New(Config{Embedder: sharedBuiltin, Now: clk.Now, MaxSessions: 100, IdleTTL: time.Minute})
		before := heap()
		for i := range 100 {
			c := chains[i%len(chains)]
			resp, err := r.Process(ctx, nil, Request{Problem: c.Problem, Thought: c.Coherent[0], ThoughtNumber: 1, NextThoughtNeeded: true})
			if err != nil {
				b.Fatal(err)
			}
			for k := 2; k <= 20; k++ {
				text := fmt.Sprintf("%s (variant %d)", c.Coherent[k%3], k)
				if _, err := r.Process(ctx, nil, Request{SessionID: resp.SessionID, Thought: text, ThoughtNumber: k, NextThoughtNeeded: true}); err != nil {
					b.Fatal(err)
				}
			}
		}
		held := heap() - before
		clk.Advance(2 * time.Minute)
		if n := r.Expire(); n != 100 {
			b.Fatalf("expired %d sessions, want 100", n)
		}
		after := heap() - before
		b.ReportMetric(float64(held), "B-held-100-sessions")
		b.ReportMetric(float64(held)/100, "B/session")
		b.ReportMetric(float64(after), "B-after-expiry")
		runtime.KeepAlive(r)
	}
}

// heap returns the live heap after a full collection.
func heap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
