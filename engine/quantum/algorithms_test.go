package quantum

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"
)

func TestGroverMatchesTheory(t *testing.T) {
	tests := []struct {
		n      int
		marked []uint64
	}{
		{3, []uint64{5}},
		{3, []uint64{0, 6}},
		{4, []uint64{11}},
		{4, []uint64{1, 2, 12}},
	}
	for _, tt := range tests {
		N := float64(int(1) << tt.n)
		theta := math.Asin(math.Sqrt(float64(len(tt.marked)) / N))
		for k := 0; k <= 4; k++ {
			t.Run(fmt.Sprintf("n=%d/marked=%v/k=%d", tt.n, tt.marked, k), func(t *testing.T) {
				s := newState(t, tt.n, 1)
				if err := Grover(tt.n, tt.marked, k).Run(s); err != nil {
					t.Fatal(err)
				}
				probs := s.Probabilities()
				var got float64
				for _, m := range tt.marked {
					got += probs[m]
				}
				want := math.Pow(math.Sin(float64(2*k+1)*theta), 2)
				if math.Abs(got-want) > 1e-9 {
					t.Errorf("success probability %.12f, want sin²((2k+1)θ) = %.12f", got, want)
				}
			})
		}
	}
}

func TestQFTOfBasisStates(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5} {
		qubits := make([]int, n)
		for i := range qubits {
			qubits[i] = i
		}
		N := 1 << n
		for x := range N {
			t.Run(fmt.Sprintf("n=%d/x=%d", n, x), func(t *testing.T) {
				s := newState(t, n, 1)
				in := make([]complex128, N)
				in[x] = 1
				if err := s.SetAmplitudes(in); err != nil {
					t.Fatal(err)
				}
				mustApply(t, s, QFT(qubits...)...)
				for y, got := range s.Amplitudes() {
					want := cmplx.Rect(1/math.Sqrt(float64(N)), 2*math.Pi*float64(x*y)/float64(N))
					if cmplx.Abs(got-want) > 1e-12 {
						t.Fatalf("amplitude of |%d> = %v, want %v", y, got, want)
					}
				}
			})
		}
	}
}

func ExampleCircuit() {
	c := NewCircuit(2).Add(H(0), CNOT(0, 1))
	s, _ := NewState(2, 1)
	_ = c.Run(s)
	fmt.Print(c)
	fmt.Println(s)
	// Output:
	// circuit: 2 qubits, 2 ops
	//    0  H q0
	//    1  CNOT q0 -> q1
	// 0.7071|00> + 0.7071|11>
}
