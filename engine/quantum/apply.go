package quantum

import (
	"fmt"
	"math"
	"math/cmplx"
)

// Apply runs the ops on the state in order. Every op is validated first, so
// an invalid op leaves the state untouched.
func (s *State) Apply(ops ...Op) error {
	for i, op := range ops {
		if err := op.Validate(s.n); err != nil {
			return fmt.Errorf("apply op %d: %w", i, err)
		}
	}
	for _, op := range ops {
		s.apply(op)
	}
	return nil
}

// applyAll runs ops that are valid by construction.
func (s *State) applyAll(ops []Op) {
	for _, op := range ops {
		s.apply(op)
	}
}

// apply runs one validated op, choosing the cheapest kernel for its gate.
func (s *State) apply(o Op) {
	var cmask int
	for _, c := range o.Controls {
		cmask |= 1 << c
	}
	t := o.Target
	switch o.Gate {
	case GateH:
		s.hadamard(t, cmask)
	case GateX:
		s.pauliX(t, cmask)
	case GateSwap:
		s.swap(t, o.Target2, cmask)
	case GateZ:
		s.diagonal(t, cmask, 1, -1)
	case GateS:
		s.diagonal(t, cmask, 1, 1i)
	case GateSdg:
		s.diagonal(t, cmask, 1, -1i)
	case GateT:
		s.diagonal(t, cmask, 1, cmplx.Rect(1, math.Pi/4))
	case GateTdg:
		s.diagonal(t, cmask, 1, cmplx.Rect(1, -math.Pi/4))
	case GatePhase:
		s.diagonal(t, cmask, 1, cmplx.Rect(1, o.Theta))
	case GateRZ:
		s.diagonal(t, cmask, cmplx.Rect(1, -o.Theta/2), cmplx.Rect(1, o.Theta/2))
	case GateY:
		s.matrix(t, cmask, [4]complex128{0, -1i, 1i, 0})
	case GateRX:
		c, sn := math.Cos(o.Theta/2), math.Sin(o.Theta/2)
		s.matrix(t, cmask, [4]complex128{complex(c, 0), complex(0, -sn), complex(0, -sn), complex(c, 0)})
	case GateRY:
		s.ry(t, cmask, math.Cos(o.Theta/2), math.Sin(o.Theta/2))
	}
}

// The kernels below walk the amplitude pairs (i, i+stride) that differ only
// in the target bit: blocks of 2·stride amplitudes, the low half with the
// target 0 and the high half with it 1. Sub-slicing each block lets the
// compiler drop bounds checks. A pair is skipped unless all control bits are
// set in its index.

func (s *State) hadamard(t, cmask int) {
	const r = 1 / math.Sqrt2
	stride := 1 << t
	for base := 0; base < len(s.amp); base += 2 * stride {
		lo, hi := s.amp[base:base+stride], s.amp[base+stride:base+2*stride]
		for j := range lo {
			if (base+j)&cmask != cmask {
				continue
			}
			a, b := lo[j], hi[j]
			lo[j] = complex(r*(real(a)+real(b)), r*(imag(a)+imag(b)))
			hi[j] = complex(r*(real(a)-real(b)), r*(imag(a)-imag(b)))
		}
	}
}

func (s *State) pauliX(t, cmask int) {
	stride := 1 << t
	for base := 0; base < len(s.amp); base += 2 * stride {
		lo, hi := s.amp[base:base+stride], s.amp[base+stride:base+2*stride]
		for j := range lo {
			if (base+j)&cmask == cmask {
				lo[j], hi[j] = hi[j], lo[j]
			}
		}
	}
}

// diagonal multiplies the target-0 amplitudes by d0 and the target-1
// amplitudes by d1; phase gates have d0 = 1 and touch only half the vector.
func (s *State) diagonal(t, cmask int, d0, d1 complex128) {
	stride := 1 << t
	for base := 0; base < len(s.amp); base += 2 * stride {
		lo, hi := s.amp[base:base+stride], s.amp[base+stride:base+2*stride]
		for j := range hi {
			if (base+j)&cmask != cmask {
				continue
			}
			if d0 != 1 {
				lo[j] *= d0
			}
			hi[j] *= d1
		}
	}
}

// ry applies the real rotation [[c, −s], [s, c]] with real arithmetic.
func (s *State) ry(t, cmask int, c, sn float64) {
	stride := 1 << t
	for base := 0; base < len(s.amp); base += 2 * stride {
		lo, hi := s.amp[base:base+stride], s.amp[base+stride:base+2*stride]
		for j := range lo {
			if (base+j)&cmask != cmask {
				continue
			}
			a, b := lo[j], hi[j]
			lo[j] = complex(c*real(a)-sn*real(b), c*imag(a)-sn*imag(b))
			hi[j] = complex(sn*real(a)+c*real(b), sn*imag(a)+c*imag(b))
		}
	}
}

// matrix applies the general 2×2 unitary m = [m00, m01, m10, m11].
func (s *State) matrix(t, cmask int, m [4]complex128) {
	stride := 1 << t
	for base := 0; base < len(s.amp); base += 2 * stride {
		lo, hi := s.amp[base:base+stride], s.amp[base+stride:base+2*stride]
		for j := range lo {
			if (base+j)&cmask != cmask {
				continue
			}
			a, b := lo[j], hi[j]
			lo[j] = m[0]*a + m[1]*b
			hi[j] = m[2]*a + m[3]*b
		}
	}
}

// swap exchanges the amplitudes of |…1…0…> and |…0…1…> for qubits a and b.
func (s *State) swap(a, b, cmask int) {
	abit, bbit := 1<<a, 1<<b
	for i := range s.amp {
		if i&abit != 0 && i&bbit == 0 && i&cmask == cmask {
			j := i ^ abit ^ bbit
			s.amp[i], s.amp[j] = s.amp[j], s.amp[i]
		}
	}
}
