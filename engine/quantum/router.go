package quantum

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
)

// MaxArms is the most arms a Router accepts: six qubits of arm register.
const MaxArms = 64

// RouterConfig describes a router's arms and features and tunes its policy.
// Zero tuning fields take the defaults named on each.
type RouterConfig struct {
	// Arms names the choices, 2..MaxArms of them.
	Arms []string `json:"arms"`
	// Features names the entries of the feature vectors given to Route and
	// Feedback; a constant bias feature is added internally.
	Features []string `json:"features"`
	// Seed seeds the router's random source.
	Seed uint64 `json:"seed"`
	// Ridge is the ridge regulariser λ of each arm's reward model
	// (default 1).
	Ridge float64 `json:"ridge"`
	// Confidence is the width α of the upper confidence bound that decides
	// which arms are still plausibly best (default 1).
	Confidence float64 `json:"confidence"`
	// Temperature scales predicted rewards into prior logits (default 0.25):
	// lower is greedier before amplification.
	Temperature float64 `json:"temperature"`
	// HalfLife is the accumulated reward of the good arms at which
	// amplification has gone half way to MaxAmplified (default 10).
	HalfLife float64 `json:"half_life"`
	// MaxAmplified caps the probability amplification may give the good
	// arms, so some exploration always remains (default 0.97).
	MaxAmplified float64 `json:"max_amplified"`
}

func (c *RouterConfig) setDefaults() error {
	if len(c.Arms) < 2 || len(c.Arms) > MaxArms {
		return fmt.Errorf("check router config: %d arms: give 2..%d", len(c.Arms), MaxArms)
	}
	seen := map[string]bool{}
	for _, a := range c.Arms {
		if a == "" || seen[a] {
			return fmt.Errorf("check router config: arm name %q is empty or repeated", a)
		}
		seen[a] = true
	}
	def := func(v *float64, d float64, name string, lo, hi float64) error {
		if *v == 0 {
			*v = d
		}
		if math.IsNaN(*v) || *v <= lo || *v > hi {
			return fmt.Errorf("check router config: %s %v: must be in (%v, %v]", name, *v, lo, hi)
		}
		return nil
	}
	for _, f := range []struct {
		v      *float64
		d      float64
		name   string
		lo, hi float64
	}{
		{&c.Ridge, 1, "Ridge", 0, 1e6},
		{&c.Confidence, 1, "Confidence", 0, 100},
		{&c.Temperature, 0.25, "Temperature", 0, 100},
		{&c.HalfLife, 10, "HalfLife", 0, 1e9},
		{&c.MaxAmplified, 0.97, "MaxAmplified", 0, 1},
	} {
		if err := def(f.v, f.d, f.name, f.lo, f.hi); err != nil {
			return err
		}
	}
	return nil
}

// armModel is one arm's ridge-regression reward model, LinUCB style: the
// inverse of A = λI + Σ x xᵀ is kept up to date with Sherman–Morrison, and
// b = Σ r x, so the weights are θ = A⁻¹ b.
type armModel struct {
	Ainv      [][]float64 `json:"ainv"`
	B         []float64   `json:"b"`
	Count     int         `json:"count"`
	RewardSum float64     `json:"reward_sum"`
}

func newArmModel(d int, ridge float64) armModel {
	m := armModel{Ainv: make([][]float64, d), B: make([]float64, d)}
	for i := range m.Ainv {
		m.Ainv[i] = make([]float64, d)
		m.Ainv[i][i] = 1 / ridge
	}
	return m
}

func (m *armModel) weights() []float64 {
	w := make([]float64, len(m.B))
	for i, row := range m.Ainv {
		for j, v := range row {
			w[i] += v * m.B[j]
		}
	}
	return w
}

// uncertainty returns √(xᵀ A⁻¹ x), the width of the arm's confidence
// interval at x in units of the reward noise.
func (m *armModel) uncertainty(x []float64) float64 {
	var q float64
	for i, row := range m.Ainv {
		for j, v := range row {
			q += x[i] * v * x[j]
		}
	}
	return math.Sqrt(max(0, q))
}

func (m *armModel) update(x []float64, r float64) {
	ax := make([]float64, len(x))
	for i, row := range m.Ainv {
		for j, v := range row {
			ax[i] += v * x[j]
		}
	}
	var denom float64 = 1
	for i := range x {
		denom += x[i] * ax[i]
	}
	for i, row := range m.Ainv {
		for j := range row {
			row[j] -= ax[i] * ax[j] / denom
		}
	}
	for i := range x {
		m.B[i] += r * x[i]
	}
	m.Count++
	m.RewardSum += r
}

// Router is a quantum-inspired stochastic policy that learns which arm to
// use for a request described by a feature vector. It is a contextual
// bandit, not a quantum speed-up; the simulator is how it turns beliefs into
// a random choice:
//
//  1. Each arm keeps a ridge-regression model of its reward given the
//     features (LinUCB). Predicted rewards, divided by Temperature, pass
//     through a softmax to give prior probabilities p.
//  2. A circuit of RY and multi-controlled RY rotations prepares amplitudes
//     √p on a register of ⌈log₂ N⌉ qubits.
//  3. The "good" arms are those whose upper confidence bound reaches the
//     best prediction: the arms that may still be best. Grover-style
//     amplitude amplification (oracle on the good arms, reflection about
//     the prepared state) raises their total probability towards a target
//     that grows with the reward they have accumulated, up to MaxAmplified.
//     Whole Grover iterations are followed by one phase-matched partial
//     iteration, so the target is met exactly rather than overshot.
//  4. The register is measured with Born-rule sampling to choose the arm.
//
// Early on every arm is uncertain, so all are good, nothing is amplified
// and the router explores by the prior; as feedback accumulates, the good
// set shrinks to the arms that earn reward and their probability is raised.
//
// A Router is safe for concurrent use. Its state, including the position
// of its random source, round-trips through JSON (MarshalJSON and
// LoadRouter), so a stored router continues exactly where it stopped.
type Router struct {
	mu     sync.Mutex
	cfg    RouterConfig
	models []armModel
	src    *rand.PCG
	qubits int
}

// NewRouter returns an untrained router.
func NewRouter(cfg RouterConfig) (*Router, error) {
	cfg.Arms = append([]string(nil), cfg.Arms...)
	cfg.Features = append([]string(nil), cfg.Features...)
	if err := cfg.setDefaults(); err != nil {
		return nil, fmt.Errorf("new router: %w", err)
	}
	r := &Router{cfg: cfg, src: rand.NewPCG(cfg.Seed, cfg.Seed^0xbb67ae8584caa73b)}
	r.qubits = registerSize(len(cfg.Arms))
	for range cfg.Arms {
		r.models = append(r.models, newArmModel(len(cfg.Features)+1, cfg.Ridge))
	}
	return r, nil
}

// registerSize returns ⌈log₂ n⌉, at least 1.
func registerSize(n int) int {
	q := 1
	for 1<<q < n {
		q++
	}
	return q
}

// Arms returns the arm names.
func (r *Router) Arms() []string { return append([]string(nil), r.cfg.Arms...) }

// Features returns the feature names.
func (r *Router) Features() []string { return append([]string(nil), r.cfg.Features...) }

// vector validates features and returns them with the bias term in front.
func (r *Router) vector(features []float64) ([]float64, error) {
	if len(features) != len(r.cfg.Features) {
		return nil, fmt.Errorf("got %d features, the router expects %d (%v)", len(features), len(r.cfg.Features), r.cfg.Features)
	}
	x := make([]float64, 0, len(features)+1)
	x = append(x, 1)
	for i, f := range features {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("feature %q is %v, not a finite number", r.cfg.Features[i], f)
		}
		x = append(x, f)
	}
	return x, nil
}

// Feedback records the reward, in [0, 1], that arm earned for a request
// with these features, updating that arm's model.
func (r *Router) Feedback(arm int, features []float64, reward float64) error {
	if arm < 0 || arm >= len(r.cfg.Arms) {
		return fmt.Errorf("record feedback: arm %d: the router has arms 0..%d", arm, len(r.cfg.Arms)-1)
	}
	if math.IsNaN(reward) || reward < 0 || reward > 1 {
		return fmt.Errorf("record feedback: reward %v: must be in [0, 1]", reward)
	}
	x, err := r.vector(features)
	if err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.models[arm].update(x, reward)
	return nil
}
