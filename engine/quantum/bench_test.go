package quantum

import "testing"

func BenchmarkHadamardLayer20(b *testing.B) {
	s := newState(b, 20, 1)
	layer := make([]Op, 20)
	for q := range layer {
		layer[q] = H(q)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := s.Apply(layer...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGate20 measures one gate on a 20-qubit register (2^20 amplitudes)
// for each kernel, on a low and a high target qubit.
func BenchmarkGate20(b *testing.B) {
	ops := []Op{
		H(0), H(19), X(10), Z(10), T(10), RZ(10, 0.3), RY(10, 0.3), RX(10, 0.3), Y(10),
		CNOT(3, 10), CZ(3, 10), CRY(3, 10, 0.3), Toffoli(3, 4, 10), SWAP(3, 10),
	}
	for _, op := range ops {
		b.Run(op.String(), func(b *testing.B) {
			s := newState(b, 20, 1)
			for b.Loop() {
				s.apply(op)
			}
		})
	}
}

func BenchmarkMeasureAll20(b *testing.B) {
	s := newState(b, 20, 1)
	for b.Loop() {
		b.StopTimer()
		for q := range 20 {
			s.apply(H(q))
		}
		b.StartTimer()
		s.MeasureAll()
	}
}
