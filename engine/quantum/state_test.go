package quantum

import (
	"errors"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

func newState(t testing.TB, n int, seed uint64) *State {
	t.Helper()
	s, err := NewState(n, seed)
	if err != nil {
		t.Fatalf("NewState(%d): %v", n, err)
	}
	return s
}

func mustApply(t testing.TB, s *State, ops ...Op) {
	t.Helper()
	if err := s.Apply(ops...); err != nil {
		t.Fatalf("Apply: %v", err)
	}
}

func closeTo(a, b complex128) bool { return cmplx.Abs(a-b) < 1e-12 }

func TestNewStateLimits(t *testing.T) {
	for _, n := range []int{0, -1, MaxQubits + 1, 40} {
		if _, err := NewState(n, 1); err == nil {
			t.Errorf("NewState(%d) succeeded, want an error", n)
		}
	}
	_, err := NewState(MaxQubits+1, 1)
	if !errors.Is(err, ErrTooManyQubits) {
		t.Errorf("NewState(%d) error = %v, want ErrTooManyQubits", MaxQubits+1, err)
	}
}

func TestSingleQubitGates(t *testing.T) {
	r := 1 / math.Sqrt2
	th := 0.7
	c, sn := math.Cos(th/2), math.Sin(th/2)
	tests := []struct {
		name   string
		prep   []Op
		op     Op
		a0, a1 complex128
	}{
		{"H|0>", nil, H(0), complex(r, 0), complex(r, 0)},
		{"H|1>", []Op{X(0)}, H(0), complex(r, 0), complex(-r, 0)},
		{"X|0>", nil, X(0), 0, 1},
		{"Y|0>", nil, Y(0), 0, 1i},
		{"Y|1>", []Op{X(0)}, Y(0), -1i, 0},
		{"Z|1>", []Op{X(0)}, Z(0), 0, -1},
		{"S|1>", []Op{X(0)}, S(0), 0, 1i},
		{"T|1>", []Op{X(0)}, T(0), 0, cmplx.Rect(1, math.Pi/4)},
		{"Phase|1>", []Op{X(0)}, Phase(0, th), 0, cmplx.Rect(1, th)},
		{"RX|0>", nil, RX(0, th), complex(c, 0), complex(0, -sn)},
		{"RY|0>", nil, RY(0, th), complex(c, 0), complex(sn, 0)},
		{"RY|1>", []Op{X(0)}, RY(0, th), complex(-sn, 0), complex(c, 0)},
		{"RZ|+>", []Op{H(0)}, RZ(0, th), complex(r, 0) * cmplx.Rect(1, -th/2), complex(r, 0) * cmplx.Rect(1, th/2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newState(t, 1, 1)
			mustApply(t, s, tt.prep...)
			mustApply(t, s, tt.op)
			got := s.Amplitudes()
			if !closeTo(got[0], tt.a0) || !closeTo(got[1], tt.a1) {
				t.Errorf("amplitudes = %v, want [%v %v]", got, tt.a0, tt.a1)
			}
		})
	}
}

// TestGatesOnHighQubit checks that the kernels select the right pairs when the
// target is not qubit 0 and controls are set: each case prepares a basis
// state and checks the basis state it becomes.
func TestMultiQubitGates(t *testing.T) {
	tests := []struct {
		name string
		in   uint64
		op   Op
		out  uint64
	}{
		{"CNOT control set", 0b01, CNOT(0, 1), 0b11},
		{"CNOT control clear", 0b10, CNOT(0, 1), 0b10},
		{"CNOT high control", 0b100, CNOT(2, 0), 0b101},
		{"Toffoli both set", 0b011, Toffoli(0, 1, 2), 0b111},
		{"Toffoli one set", 0b001, Toffoli(0, 1, 2), 0b001},
		{"SWAP", 0b001, SWAP(0, 2), 0b100},
		{"SWAP equal bits", 0b101, SWAP(0, 2), 0b101},
		{"Fredkin", 0b011, Controlled(SWAP(0, 2), 1), 0b110},
		{"Fredkin off", 0b001, Controlled(SWAP(0, 2), 1), 0b001},
		{"X on qubit 2", 0b000, X(2), 0b100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newState(t, 3, 1)
			a := make([]complex128, 8)
			a[tt.in] = 1
			if err := s.SetAmplitudes(a); err != nil {
				t.Fatal(err)
			}
			mustApply(t, s, tt.op)
			if got, _ := s.Amplitude(tt.out); !closeTo(got, 1) {
				t.Errorf("after %s on |%03b>: state %v, want |%03b>", tt.op, tt.in, s, tt.out)
			}
		})
	}
}

func TestControlledPhases(t *testing.T) {
	th := 1.1
	tests := []struct {
		name string
		op   Op
		want [4]complex128 // on |++>, amplitudes times 2
	}{
		{"CZ", CZ(0, 1), [4]complex128{1, 1, 1, -1}},
		{"CPhase", CPhase(0, 1, th), [4]complex128{1, 1, 1, cmplx.Rect(1, th)}},
		{"CRZ", CRZ(0, 1, th), [4]complex128{1, cmplx.Rect(1, -th/2), 1, cmplx.Rect(1, th/2)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newState(t, 2, 1)
			mustApply(t, s, H(0), H(1), tt.op)
			for i, a := range s.Amplitudes() {
				if !closeTo(2*a, tt.want[i]) {
					t.Errorf("amplitude %d = %v, want %v", i, 2*a, tt.want[i])
				}
			}
		})
	}
}

func TestControlledRotationsMatchUncontrolled(t *testing.T) {
	th := 0.9
	for _, pair := range [][2]Op{{CRX(1, 0, th), RX(0, th)}, {CRY(1, 0, th), RY(0, th)}} {
		t.Run(pair[0].Name(), func(t *testing.T) {
			on, off := newState(t, 2, 1), newState(t, 2, 1)
			mustApply(t, on, X(1), pair[0])
			mustApply(t, off, pair[0])
			if p, _ := off.ProbabilityOne(0); p != 0 {
				t.Errorf("control off: P(q0=1) = %v, want 0", p)
			}
			ref := newState(t, 1, 1)
			mustApply(t, ref, pair[1])
			want := ref.Amplitudes()
			got := on.Amplitudes()
			if !closeTo(got[2], want[0]) || !closeTo(got[3], want[1]) {
				t.Errorf("control on: %v, want %v on the q1=1 half", got, want)
			}
		})
	}
}

func TestApplyRejectsBadOps(t *testing.T) {
	tests := []struct {
		name string
		op   Op
	}{
		{"target out of range", H(3)},
		{"negative target", X(-1)},
		{"control equals target", CNOT(1, 1)},
		{"control out of range", CNOT(5, 0)},
		{"NaN angle", RY(0, math.NaN())},
		{"unknown gate", Op{Gate: 99}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newState(t, 3, 1)
			mustApply(t, s, H(0))
			before := s.Amplitudes()
			if err := s.Apply(X(1), tt.op); err == nil {
				t.Fatalf("Apply(%v) succeeded, want an error", tt.op)
			}
			for i, a := range s.Amplitudes() {
				if a != before[i] {
					t.Fatalf("state changed by a rejected Apply")
				}
			}
		})
	}
}

func TestNormPreservedOverRandomGates(t *testing.T) {
	const n, gates = 8, 10000
	s := newState(t, n, 7)
	rng := rand.New(rand.NewPCG(1, 2))
	for range gates {
		mustApply(t, s, randomOp(rng, n))
	}
	if d := math.Abs(s.Norm() - 1); d > 1e-12 {
		t.Errorf("norm drifted by %g after %d random gates, want < 1e-12", d, gates)
	}
}

func randomOp(rng *rand.Rand, n int) Op {
	q := rng.Perm(n)
	th := rng.Float64() * 2 * math.Pi
	ops := []Op{
		H(q[0]), X(q[0]), Y(q[0]), Z(q[0]), S(q[0]), T(q[0]),
		RX(q[0], th), RY(q[0], th), RZ(q[0], th), Phase(q[0], th),
		CNOT(q[0], q[1]), CZ(q[0], q[1]), SWAP(q[0], q[1]), Toffoli(q[0], q[1], q[2]),
		CRX(q[0], q[1], th), CRY(q[0], q[1], th), CRZ(q[0], q[1], th), CPhase(q[0], q[1], th),
	}
	return ops[rng.IntN(len(ops))]
}

func TestCircuitInverseRestoresState(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	c := NewCircuit(5)
	for range 200 {
		c.Add(randomOp(rng, 5))
	}
	s := newState(t, 5, 1)
	if err := c.Run(s); err != nil {
		t.Fatal(err)
	}
	if err := c.Inverse().Run(s); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Amplitude(0); !closeTo(a, 1) {
		t.Errorf("circuit then inverse gave %v, want |00000>", s)
	}
}

func TestCircuitString(t *testing.T) {
	c := NewCircuit(3).Add(H(0), CNOT(0, 1), CRY(2, 0, 0.5), Toffoli(0, 1, 2), SWAP(0, 2))
	want := "circuit: 3 qubits, 5 ops\n" +
		"   0  H q0\n" +
		"   1  CNOT q0 -> q1\n" +
		"   2  CRY(0.5) q2 -> q0\n" +
		"   3  Toffoli q0,q1 -> q2\n" +
		"   4  SWAP q0,q2\n"
	if got := c.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

func TestCircuitRunRejectsMismatch(t *testing.T) {
	c := NewCircuit(3).Add(H(0))
	if err := c.Run(newState(t, 2, 1)); err == nil {
		t.Error("running a 3-qubit circuit on 2 qubits succeeded")
	}
	if err := NewCircuit(2).Add(H(2)).Run(newState(t, 2, 1)); err == nil {
		t.Error("running an op on qubit 2 of a 2-qubit register succeeded")
	}
}

func TestStateString(t *testing.T) {
	s := newState(t, 2, 1)
	mustApply(t, s, H(0), CNOT(0, 1))
	if got, want := s.String(), "0.7071|00> + 0.7071|11>"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestSetAmplitudesValidates(t *testing.T) {
	s := newState(t, 1, 1)
	for name, a := range map[string][]complex128{
		"wrong length": {1, 0, 0},
		"zero vector":  {0, 0},
		"NaN":          {complex(math.NaN(), 0), 1},
	} {
		if err := s.SetAmplitudes(a); err == nil {
			t.Errorf("%s: SetAmplitudes(%v) succeeded", name, a)
		}
	}
	if err := s.SetAmplitudes([]complex128{3, 4i}); err != nil {
		t.Fatal(err)
	}
	if a := s.Amplitudes(); !closeTo(a[0], 0.6) || !closeTo(a[1], 0.8i) {
		t.Errorf("SetAmplitudes did not normalise: %v", a)
	}
}

func TestTwentyQubits(t *testing.T) {
	s := newState(t, 20, 5)
	for q := range 20 {
		mustApply(t, s, H(q))
	}
	want := 1.0 / (1 << 20)
	for i, p := range s.Probabilities() {
		if math.Abs(p-want) > 1e-15 {
			t.Fatalf("P(%d) = %g, want %g", i, p, want)
		}
	}
	mustApply(t, s, CNOT(19, 0), Toffoli(3, 17, 9), CRY(0, 19, 0.3))
	if d := math.Abs(s.Norm() - 1); d > 1e-12 {
		t.Errorf("norm off by %g", d)
	}
	got := s.MeasureAll()
	if a, _ := s.Amplitude(got); !closeTo(a, 1) {
		t.Errorf("MeasureAll returned %d but the state did not collapse onto it", got)
	}
}
