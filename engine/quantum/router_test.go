package quantum

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

var memoryArms = []string{"lexical", "vector", "graph", "recency", "hybrid"}

func newRouter(t testing.TB, seed uint64) *Router {
	t.Helper()
	r, err := NewRouter(RouterConfig{
		Arms:     memoryArms,
		Features: []string{"quoted", "question", "recent"},
		Seed:     seed,
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The synthetic world: quoted queries are best served by lexical search,
// questions by vector search, and "recent" queries pay every arm the same,
// so nothing can be learnt about them.
var (
	patQuoted   = []float64{1, 0, 0}
	patQuestion = []float64{0, 1, 0}
	patRecent   = []float64{0, 0, 1}
)

func syntheticReward(rng *rand.Rand, pattern []float64, arm int) float64 {
	p := 0.5
	switch {
	case pattern[0] == 1 && arm == 0, pattern[1] == 1 && arm == 1:
		p = 0.9
	case pattern[0] == 1, pattern[1] == 1:
		p = 0.25
	}
	if rng.Float64() < p {
		return 1
	}
	return 0
}

func train(t testing.TB, r *Router, rounds int, seed uint64) {
	t.Helper()
	world := rand.New(rand.NewPCG(seed, 1))
	patterns := [][]float64{patQuoted, patQuestion, patRecent}
	for i := range rounds {
		x := patterns[i%len(patterns)]
		d, err := r.Route(x)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Feedback(d.Arm, x, syntheticReward(world, x, d.Arm)); err != nil {
			t.Fatal(err)
		}
	}
}

func choices(t testing.TB, r *Router, x []float64, n int) []int {
	t.Helper()
	counts := make([]int, len(memoryArms))
	for range n {
		d, err := r.Route(x)
		if err != nil {
			t.Fatal(err)
		}
		counts[d.Arm]++
	}
	return counts
}

func TestRouterLearnsBestArm(t *testing.T) {
	r := newRouter(t, 1)
	// Untrained, the router explores: no arm dominates.
	if c := choices(t, r, patQuoted, 500); maxCount(c) > 200 {
		t.Errorf("untrained router is not exploring: %v", c)
	}
	train(t, r, 600, 2)
	const n = 1000
	for _, tt := range []struct {
		name    string
		x       []float64
		best    int
		atLeast float64
	}{{"quoted", patQuoted, 0, 0.9}, {"question", patQuestion, 1, 0.9}} {
		c := choices(t, r, tt.x, n)
		if got := float64(c[tt.best]) / n; got < tt.atLeast {
			d, _ := r.Route(tt.x)
			t.Errorf("%s: best arm chosen %.3f of the time, want ≥ %.2f; counts %v\n%s", tt.name, got, tt.atLeast, c, d.Explain())
		}
	}
	// Where every arm pays the same, the router keeps exploring.
	c := choices(t, r, patRecent, n)
	used := 0
	for _, k := range c {
		if k >= n/20 {
			used++
		}
	}
	if used < 3 || maxCount(c) >= 9*n/10 {
		d, _ := r.Route(patRecent)
		t.Errorf("recent: counts %v, want at least 3 arms used ≥ 5%% and none ≥ 90%%\n%s", c, d.Explain())
	}
}

func maxCount(c []int) int {
	m := 0
	for _, v := range c {
		m = max(m, v)
	}
	return m
}

func TestRouterAmplificationHitsTarget(t *testing.T) {
	r := newRouter(t, 3)
	train(t, r, 300, 4)
	for _, x := range [][]float64{patQuoted, patQuestion, patRecent} {
		d, err := r.Route(x)
		if err != nil {
			t.Fatal(err)
		}
		var before, after, sumA float64
		for _, a := range d.Good {
			before += d.Prior[a]
			after += d.Amplified[a]
		}
		for _, p := range d.Amplified {
			sumA += p
		}
		if math.Abs(sumA-1) > 1e-9 {
			t.Errorf("amplified probabilities sum to %v", sumA)
		}
		if before < d.Target && math.Abs(after-d.Target) > 1e-6 {
			t.Errorf("good arms amplified from %.4f to %.4f, target %.4f\n%s", before, after, d.Target, d.Explain())
		}
		if after < before-1e-9 {
			t.Errorf("amplification lowered the good arms from %.4f to %.4f", before, after)
		}
	}
}

func TestPrepareOpsGivesAmplitudes(t *testing.T) {
	for _, p := range [][]float64{
		{0.5, 0.5},
		{0.1, 0.2, 0.3, 0.4},
		{0.05, 0.3, 0.15, 0.2, 0.3},
		{0, 0, 1},
		{0.2, 0, 0.8},
	} {
		m := registerSize(len(p))
		qubits := make([]int, m)
		for q := range qubits {
			qubits[q] = q
		}
		s := newState(t, m, 1)
		mustApply(t, s, prepareOps(p, qubits)...)
		for i, a := range s.Amplitudes() {
			want := 0.0
			if i < len(p) {
				want = math.Sqrt(p[i])
			}
			if math.Abs(real(a)-want) > 1e-12 || math.Abs(imag(a)) > 1e-12 {
				t.Errorf("p=%v: amplitude %d = %v, want %v", p, i, a, want)
			}
		}
	}
}

func TestRouterJSONRoundTrip(t *testing.T) {
	r := newRouter(t, 5)
	train(t, r, 90, 6)
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadRouter(data)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(loaded)
	if string(again) != string(data) {
		t.Errorf("state changed in the round trip:\n%s\n%s", data, again)
	}
	for i := range 50 {
		x := []float64{float64(i % 2), 0.5, float64(i % 3)}
		a, _ := r.Route(x)
		b, _ := loaded.Route(x)
		if a.Arm != b.Arm || a.Target != b.Target {
			t.Fatalf("route %d: original chose %d, loaded chose %d", i, a.Arm, b.Arm)
		}
	}
	for name, bad := range map[string]string{
		"not json":      "{",
		"wrong version": strings.Replace(string(data), `"version":1`, `"version":9`, 1),
		"no models":     strings.Replace(string(data), `"models":[`, `"models":[],"x":[`, 1),
	} {
		if _, err := LoadRouter([]byte(bad)); err == nil {
			t.Errorf("%s: LoadRouter succeeded", name)
		}
	}
}

func TestRouterDeterministicUnderSeed(t *testing.T) {
	run := func(seed uint64) []int {
		r := newRouter(t, seed)
		train(t, r, 60, 9)
		return choices(t, r, patQuoted, 40)
	}
	a, b := run(21), run(21)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, different choices: %v vs %v", a, b)
		}
	}
}

func TestExplainMentionsChoice(t *testing.T) {
	r := newRouter(t, 7)
	train(t, r, 150, 8)
	d, err := r.Route(patQuoted)
	if err != nil {
		t.Fatal(err)
	}
	e := d.Explain()
	for _, want := range []string{`chose "` + d.Name + `"`, "<- chosen", "amplification:", "why " + d.Name, "quoted"} {
		if !strings.Contains(e, want) {
			t.Errorf("explanation lacks %q:\n%s", want, e)
		}
	}
}

func TestRouterRejectsBadInput(t *testing.T) {
	r := newRouter(t, 1)
	if _, err := r.Route([]float64{1, 2}); err == nil {
		t.Error("Route with 2 of 3 features succeeded")
	}
	if _, err := r.Route([]float64{1, math.NaN(), 0}); err == nil {
		t.Error("Route with a NaN feature succeeded")
	}
	for _, tt := range []struct {
		arm    int
		reward float64
	}{{-1, 0.5}, {5, 0.5}, {0, 1.5}, {0, math.NaN()}} {
		if err := r.Feedback(tt.arm, patQuoted, tt.reward); err == nil {
			t.Errorf("Feedback(%d, %v) succeeded", tt.arm, tt.reward)
		}
	}
	for _, cfg := range []RouterConfig{
		{Arms: []string{"only"}},
		{Arms: []string{"a", "a"}},
		{Arms: []string{"a", "b"}, Temperature: -1},
		{Arms: []string{"a", "b"}, MaxAmplified: 2},
	} {
		if _, err := NewRouter(cfg); err == nil {
			t.Errorf("NewRouter(%+v) succeeded", cfg)
		}
	}
}

func TestRouterConcurrentUse(t *testing.T) {
	r := newRouter(t, 1)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				x := []float64{float64(g % 2), float64(i % 2), 0}
				d, err := r.Route(x)
				if err != nil {
					t.Error(err)
					return
				}
				if err := r.Feedback(d.Arm, x, 0.5); err != nil {
					t.Error(err)
					return
				}
				if i%10 == 0 {
					if _, err := json.Marshal(r); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkRouterRoute(b *testing.B) {
	r := newRouter(b, 1)
	train(b, r, 300, 2)
	for b.Loop() {
		if _, err := r.Route(patQuoted); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAmplifyWholeAndPartialIterations drives amplify directly with priors
// where the good arms start rare, so whole Grover iterations are needed
// before the partial one.
func TestAmplifyWholeAndPartialIterations(t *testing.T) {
	tests := []struct {
		name   string
		prior  []float64
		good   []int
		target float64
		iters  int
	}{
		{"one rare arm of 8", []float64{0.01, 0.14, 0.14, 0.14, 0.14, 0.14, 0.14, 0.15}, []int{0}, 0.95, 6},
		{"two arms of 5", []float64{0.02, 0.3, 0.03, 0.3, 0.35}, []int{0, 2}, 0.9, 2},
		{"target below prior", []float64{0.5, 0.5}, []int{1}, 0.5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := make([]string, len(tt.prior))
			for i := range names {
				names[i] = string(rune('a' + i))
			}
			r, err := NewRouter(RouterConfig{Arms: names})
			if err != nil {
				t.Fatal(err)
			}
			d := Decision{Arms: names, Prior: tt.prior, Good: tt.good, Target: tt.target}
			s := newState(t, r.qubits, 1)
			if err := r.amplify(s, &d); err != nil {
				t.Fatal(err)
			}
			var after float64
			for _, a := range tt.good {
				after += d.Amplified[a]
			}
			if math.Abs(after-tt.target) > 1e-9 {
				t.Errorf("good probability %.12f, want %.12f", after, tt.target)
			}
			if d.Iterations != tt.iters {
				t.Errorf("%d whole iterations, want %d", d.Iterations, tt.iters)
			}
			for i, p := range tt.prior {
				if math.Abs(d.Prior[i]-p) > 1e-12 {
					t.Errorf("prepared prior %d = %v, want %v", i, d.Prior[i], p)
				}
			}
		})
	}
}
