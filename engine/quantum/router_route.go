package quantum

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Route chooses an arm for a request with the given features and reports
// how: see Router for the model and Decision.Explain for a readable account.
func (r *Router) Route(features []float64) (Decision, error) {
	x, err := r.vector(features)
	if err != nil {
		return Decision{}, fmt.Errorf("route: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	d := r.assess(x)
	s := &State{n: r.qubits, amp: make([]complex128, 1<<r.qubits), src: r.src, rng: rand.New(r.src)}
	s.amp[0] = 1
	if err := r.amplify(s, &d); err != nil {
		return Decision{}, fmt.Errorf("route: %w", err)
	}
	d.Arm = int(s.MeasureAll())
	d.Name = d.Arms[d.Arm]
	return d, nil
}

// assess fills in everything about a decision that comes from the arm
// models: predictions, uncertainties, feature contributions, prior, the good
// set and the amplification target.
func (r *Router) assess(x []float64) Decision {
	n := len(r.cfg.Arms)
	d := Decision{
		Arms:          append([]string(nil), r.cfg.Arms...),
		FeatureNames:  append([]string{"bias"}, r.cfg.Features...),
		Features:      append([]float64(nil), x...),
		Predicted:     make([]float64, n),
		Uncertainty:   make([]float64, n),
		Contributions: make([][]float64, n),
		Prior:         make([]float64, n),
	}
	best := math.Inf(-1)
	for a := range n {
		w := r.models[a].weights()
		d.Contributions[a] = make([]float64, len(x))
		for j := range x {
			d.Contributions[a][j] = w[j] * x[j]
			d.Predicted[a] += w[j] * x[j]
		}
		d.Uncertainty[a] = r.models[a].uncertainty(x)
		best = max(best, d.Predicted[a])
	}
	// Softmax of predicted reward over temperature, shifted by the best
	// prediction so the exponentials cannot overflow.
	var sum float64
	for a := range n {
		d.Prior[a] = math.Exp((d.Predicted[a] - best) / r.cfg.Temperature)
		sum += d.Prior[a]
	}
	var goodPrior float64
	for a := range n {
		d.Prior[a] /= sum
		if d.Predicted[a]+r.cfg.Confidence*d.Uncertainty[a] >= best {
			d.Good = append(d.Good, a)
			d.Evidence += r.models[a].RewardSum
			goodPrior += d.Prior[a]
		}
	}
	d.Target = goodPrior
	if goodPrior < r.cfg.MaxAmplified {
		d.Target += (r.cfg.MaxAmplified - goodPrior) * d.Evidence / (d.Evidence + r.cfg.HalfLife)
	}
	return d
}

// amplify prepares the prior on s, raises the good arms' probability to
// d.Target by amplitude amplification, and records the probabilities before
// and after.
func (r *Router) amplify(s *State, d *Decision) error {
	n := len(d.Arms)
	qubits := make([]int, r.qubits)
	for q := range qubits {
		qubits[q] = q
	}
	prep := NewCircuit(r.qubits).Add(prepareOps(d.Prior, qubits)...)
	if err := prep.Run(s); err != nil {
		return fmt.Errorf("prepare prior: %w", err)
	}
	unprep := prep.Inverse()
	// The reflections below are built from the validated preparation and
	// from PhaseBasis on the register's own qubits, so they are applied
	// without validating each op again.
	iteration := func(s *State, phi float64) {
		for _, a := range d.Good {
			s.applyAll(PhaseBasis(uint64(a), phi, qubits...))
		}
		s.applyAll(unprep.Ops)
		s.applyAll(PhaseBasis(0, phi, qubits...))
		s.applyAll(prep.Ops)
	}
	d.Prior = s.Probabilities()[:n]
	pGood := goodProbability(s, d.Good)

	// Whole iterations move the good amplitude's angle from θ to (2k+1)θ;
	// take as many as stay at or below the target without passing π/2.
	theta := math.Asin(math.Sqrt(min(1, pGood)))
	for float64(2*d.Iterations+3)*theta <= math.Pi/2 &&
		math.Pow(math.Sin(float64(2*d.Iterations+3)*theta), 2) <= d.Target {
		d.Iterations++
	}
	for range d.Iterations {
		iteration(s, math.Pi)
	}
	if goodProbability(s, d.Good) < d.Target-1e-12 {
		d.Phase = matchPhase(s, d.Good, d.Target, iteration)
		iteration(s, d.Phase)
	}
	// Rounding can leave amplitudes of order 1e-17 on basis states past the
	// last arm; project them away so they can never be measured.
	amp := s.Amplitudes()
	clear(amp[n:])
	if err := s.SetAmplitudes(amp); err != nil {
		return fmt.Errorf("amplify: %w", err)
	}
	d.Amplified = s.Probabilities()[:n]
	return nil
}

// matchPhase finds the phase φ for which one partial iteration takes the good
// probability from its current value to target. The probability rises from
// its current value at φ = 0; a scan finds the first grid point past the
// target and bisection refines it. If the target is out of reach, the best
// grid phase is returned.
func matchPhase(s *State, good []int, target float64, iteration func(*State, float64)) float64 {
	trial := &State{n: s.n, amp: make([]complex128, len(s.amp))}
	prob := func(phi float64) float64 {
		copy(trial.amp, s.amp)
		iteration(trial, phi)
		return goodProbability(trial, good)
	}
	const steps = 16
	lo, bestPhi, bestP := 0.0, 0.0, prob(0)
	for i := 1; i <= steps; i++ {
		phi := math.Pi * float64(i) / steps
		p := prob(phi)
		if p >= target {
			hi := phi
			for range 32 { // π/32 / 2^32: far below the 1e-12 the target needs
				mid := (lo + hi) / 2
				if prob(mid) >= target {
					hi = mid
				} else {
					lo = mid
				}
			}
			return hi
		}
		if p > bestP {
			bestPhi, bestP = phi, p
		}
		lo = phi
	}
	return bestPhi
}

func goodProbability(s *State, good []int) float64 {
	var p float64
	for _, a := range good {
		v := s.amp[a]
		p += real(v)*real(v) + imag(v)*imag(v)
	}
	return p
}

// prepareOps returns RY and multi-controlled RY rotations that take |0…0>
// to Σ √p_i |i> on qubits (least significant first), for p summing to 1 and
// no longer than 2^len(qubits). Level by level from the top qubit down, the
// rotation for each value v of the higher qubits splits v's probability
// between the two halves below it; X gates around the controls select v.
func prepareOps(p []float64, qubits []int) []Op {
	m := len(qubits)
	weight := func(lo, hi int) float64 { // Σ p[lo:hi], clipped to len(p)
		var w float64
		for i := lo; i < min(hi, len(p)); i++ {
			w += p[i]
		}
		return w
	}
	var ops []Op
	for level := range m {
		q := m - 1 - level
		for v := range 1 << level {
			w0 := weight((2*v)<<q, (2*v+1)<<q)
			w1 := weight((2*v+1)<<q, (2*v+2)<<q)
			theta := 2 * math.Atan2(math.Sqrt(w1), math.Sqrt(w0))
			if theta == 0 {
				continue
			}
			var flips, controls []Op
			var ctrl []int
			for c := q + 1; c < m; c++ {
				ctrl = append(ctrl, qubits[c])
				if v&(1<<(c-q-1)) == 0 {
					flips = append(flips, X(qubits[c]))
				}
			}
			controls = append(controls, flips...)
			controls = append(controls, Controlled(RY(qubits[q], theta), ctrl...))
			ops = append(ops, append(controls, flips...)...)
		}
	}
	return ops
}
