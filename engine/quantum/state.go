package quantum

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"strings"
)

// MaxQubits is the largest register a [State] accepts. At 16 bytes per
// amplitude, 24 qubits already take 256 MiB, and every qubit more doubles it.
const MaxQubits = 24

// ErrTooManyQubits is returned when a register larger than [MaxQubits] is
// requested.
var ErrTooManyQubits = errors.New("too many qubits")

// ErrBadQubit is returned when an operation names a qubit outside the register
// or names the same qubit twice.
var ErrBadQubit = errors.New("bad qubit index")

// State is the state vector of an n-qubit register together with the seeded
// random source its measurements draw from. A State is not safe for
// concurrent use.
type State struct {
	n   int
	amp []complex128
	src *rand.PCG
	rng *rand.Rand
}

// NewState returns an n-qubit register in |0…0>, whose measurements draw from
// a PCG generator seeded with seed.
func NewState(n int, seed uint64) (*State, error) {
	if n < 1 {
		return nil, fmt.Errorf("new state: %d qubits: a register needs at least 1 qubit", n)
	}
	if n > MaxQubits {
		return nil, fmt.Errorf("new state: %d qubits: %w (the maximum is %d, which takes %d MiB)",
			n, ErrTooManyQubits, MaxQubits, (16<<MaxQubits)>>20)
	}
	s := &State{n: n, amp: make([]complex128, 1<<n)}
	s.amp[0] = 1
	s.Seed(seed)
	return s, nil
}

// Seed restarts the state's random source from seed.
func (s *State) Seed(seed uint64) {
	s.src = rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	s.rng = rand.New(s.src)
}

// NumQubits returns the number of qubits in the register.
func (s *State) NumQubits() int { return s.n }

// Dim returns the number of amplitudes, 2^NumQubits.
func (s *State) Dim() int { return len(s.amp) }

// Reset returns the register to |0…0>. The random source is left as it is.
func (s *State) Reset() {
	clear(s.amp)
	s.amp[0] = 1
}

// Clone returns an independent copy of the state, including the position of
// its random source.
func (s *State) Clone() *State {
	c := &State{n: s.n, amp: append([]complex128(nil), s.amp...)}
	c.src = &rand.PCG{}
	b, _ := s.src.MarshalBinary() // a PCG always marshals
	_ = c.src.UnmarshalBinary(b)
	c.rng = rand.New(c.src)
	return c
}

// Amplitude returns the amplitude of basis state i.
func (s *State) Amplitude(i uint64) (complex128, error) {
	if i >= uint64(len(s.amp)) {
		return 0, fmt.Errorf("read amplitude: basis state %d outside a %d-qubit register", i, s.n)
	}
	return s.amp[i], nil
}

// Amplitudes returns a copy of all 2^n amplitudes, indexed by basis state.
func (s *State) Amplitudes() []complex128 {
	return append([]complex128(nil), s.amp...)
}

// Probabilities returns |amplitude|² for every basis state.
func (s *State) Probabilities() []float64 {
	p := make([]float64, len(s.amp))
	for i, a := range s.amp {
		p[i] = real(a)*real(a) + imag(a)*imag(a)
	}
	return p
}

// ProbabilityOne returns the probability that measuring qubit q gives 1.
func (s *State) ProbabilityOne(q int) (float64, error) {
	if q < 0 || q >= s.n {
		return 0, fmt.Errorf("read probability: qubit %d: %w (register has %d)", q, ErrBadQubit, s.n)
	}
	bit := 1 << q
	var p float64
	for i, a := range s.amp {
		if i&bit != 0 {
			p += real(a)*real(a) + imag(a)*imag(a)
		}
	}
	return p, nil
}

// Norm returns the Euclidean norm of the state vector, 1 for a valid state.
func (s *State) Norm() float64 {
	return math.Sqrt(sumSquares(s.amp))
}

// sumSquares adds |a|² pairwise, so the rounding error grows with the log of
// the length rather than the length: a plain loop over 2^20 amplitudes is
// already off by about 1e-12.
func sumSquares(amp []complex128) float64 {
	if len(amp) <= 256 {
		var sum float64
		for _, a := range amp {
			sum += real(a)*real(a) + imag(a)*imag(a)
		}
		return sum
	}
	h := len(amp) / 2
	return sumSquares(amp[:h]) + sumSquares(amp[h:])
}

// SetAmplitudes prepares the register directly in the given state, scaled to
// unit norm. It fails if the length is not 2^n or the vector is zero or not
// finite.
func (s *State) SetAmplitudes(a []complex128) error {
	if len(a) != len(s.amp) {
		return fmt.Errorf("set amplitudes: got %d values, a %d-qubit register needs %d", len(a), s.n, len(s.amp))
	}
	var sum float64
	for i, v := range a {
		if cmplx.IsNaN(v) || cmplx.IsInf(v) {
			return fmt.Errorf("set amplitudes: value %d is %v, not a finite number", i, v)
		}
		sum += real(v)*real(v) + imag(v)*imag(v)
	}
	if sum == 0 {
		return errors.New("set amplitudes: the zero vector is not a state; give at least one non-zero amplitude")
	}
	scale := complex(1/math.Sqrt(sum), 0)
	for i, v := range a {
		s.amp[i] = v * scale
	}
	return nil
}

// String prints the non-zero amplitudes in ket notation, highest qubit first,
// for example "0.7071|00> + 0.7071|11>".
func (s *State) String() string {
	var b strings.Builder
	for i, a := range s.amp {
		if cmplx.Abs(a) < 1e-12 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" + ")
		}
		b.WriteString(formatComplex(a))
		fmt.Fprintf(&b, "|%0*b>", s.n, i)
	}
	if b.Len() == 0 {
		return "0"
	}
	return b.String()
}

func formatComplex(a complex128) string {
	switch {
	case math.Abs(imag(a)) < 1e-12:
		return fmt.Sprintf("%.4g", real(a))
	case math.Abs(real(a)) < 1e-12:
		return fmt.Sprintf("%.4gi", imag(a))
	default:
		return fmt.Sprintf("(%.4g%+.4gi)", real(a), imag(a))
	}
}
