package quantum

import (
	"fmt"
	"math"
	"sort"
)

// Measure measures qubit q in the computational basis: it returns 1 with
// probability ProbabilityOne(q), then collapses the state onto the outcome
// and renormalises it.
func (s *State) Measure(q int) (int, error) {
	p1, err := s.ProbabilityOne(q)
	if err != nil {
		return 0, fmt.Errorf("measure: %w", err)
	}
	outcome := 0
	if s.rng.Float64() < p1 {
		outcome = 1
	}
	keep := p1
	if outcome == 0 {
		keep = 1 - p1
	}
	scale := complex(1/math.Sqrt(keep), 0)
	bit := 1 << q
	for i := range s.amp {
		if (i&bit != 0) == (outcome == 1) {
			s.amp[i] *= scale
		} else {
			s.amp[i] = 0
		}
	}
	return outcome, nil
}

// MeasureAll measures every qubit at once: it samples a basis state with
// probability |amplitude|², collapses the register onto it, and returns its
// index (bit q is the outcome of qubit q).
func (s *State) MeasureAll() uint64 {
	i := s.sampleOne()
	clear(s.amp)
	s.amp[i] = 1
	return uint64(i)
}

// sampleOne draws a basis index by the Born rule with a linear scan. If
// rounding leaves the draw past the last non-zero probability, the last
// non-zero basis state is chosen, so a zero-probability state is never
// returned.
func (s *State) sampleOne() int {
	r := s.rng.Float64() * sumSquares(s.amp)
	last := 0
	for i, a := range s.amp {
		p := real(a)*real(a) + imag(a)*imag(a)
		if p == 0 {
			continue
		}
		last = i
		if r < p {
			return i
		}
		r -= p
	}
	return last
}

// Sample draws shots basis states by the Born rule without collapsing the
// state, as repeated preparation and measurement of the same circuit would.
func (s *State) Sample(shots int) ([]uint64, error) {
	if shots < 0 {
		return nil, fmt.Errorf("sample: %d shots: the count cannot be negative", shots)
	}
	cum := make([]float64, len(s.amp))
	var total float64
	last := 0 // the last basis state with non-zero probability
	for i, a := range s.amp {
		p := real(a)*real(a) + imag(a)*imag(a)
		if p > 0 {
			last = i
		}
		total += p
		cum[i] = total
	}
	out := make([]uint64, shots)
	for k := range out {
		r := s.rng.Float64() * total
		// The first index whose cumulative probability passes r; zero
		// probability states never do, as their cumulative value equals the
		// one before them.
		i := sort.Search(len(cum), func(j int) bool { return cum[j] > r })
		if i == len(cum) {
			i = last
		}
		out[k] = uint64(i)
	}
	return out, nil
}
