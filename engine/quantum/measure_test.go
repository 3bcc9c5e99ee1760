package quantum

import (
	"math"
	"slices"
	"testing"
)

// chiSquare returns Pearson's statistic for observed counts against expected
// probabilities; outcomes with zero expected probability must not occur.
func chiSquare(t *testing.T, counts map[uint64]int, probs map[uint64]float64, shots int) float64 {
	t.Helper()
	var chi float64
	for k, c := range counts {
		if probs[k] == 0 {
			t.Fatalf("outcome %b occurred %d times but has probability 0", k, c)
		}
	}
	for k, p := range probs {
		e := p * float64(shots)
		d := float64(counts[k]) - e
		chi += d * d / e
	}
	return chi
}

// Critical values of the chi-square distribution at p = 0.001.
var chiCritical = map[int]float64{1: 10.828, 2: 13.816, 3: 16.266, 7: 24.322}

func TestEntangledStatistics(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		ops   []Op
		probs map[uint64]float64
	}{
		{"Bell", 2, []Op{H(0), CNOT(0, 1)}, map[uint64]float64{0b00: 0.5, 0b11: 0.5}},
		{"GHZ3", 3, []Op{H(0), CNOT(0, 1), CNOT(1, 2)}, map[uint64]float64{0: 0.5, 0b111: 0.5}},
		{"GHZ5", 5, []Op{H(0), CNOT(0, 1), CNOT(1, 2), CNOT(2, 3), CNOT(3, 4)}, map[uint64]float64{0: 0.5, 0b11111: 0.5}},
		{"uniform3", 3, []Op{H(0), H(1), H(2)}, map[uint64]float64{0: .125, 1: .125, 2: .125, 3: .125, 4: .125, 5: .125, 6: .125, 7: .125}},
	}
	const shots = 20000
	for _, tt := range tests {
		t.Run(tt.name+"/measure-all", func(t *testing.T) {
			s := newState(t, tt.n, 42)
			counts := map[uint64]int{}
			for range shots {
				s.Reset()
				mustApply(t, s, tt.ops...)
				counts[s.MeasureAll()]++
			}
			if chi := chiSquare(t, counts, tt.probs, shots); chi > chiCritical[len(tt.probs)-1] {
				t.Errorf("chi-square %.2f exceeds %.2f: counts %v", chi, chiCritical[len(tt.probs)-1], counts)
			}
		})
		t.Run(tt.name+"/sample", func(t *testing.T) {
			s := newState(t, tt.n, 43)
			mustApply(t, s, tt.ops...)
			got, err := s.Sample(shots)
			if err != nil {
				t.Fatal(err)
			}
			counts := map[uint64]int{}
			for _, k := range got {
				counts[k]++
			}
			if chi := chiSquare(t, counts, tt.probs, shots); chi > chiCritical[len(tt.probs)-1] {
				t.Errorf("chi-square %.2f exceeds %.2f: counts %v", chi, chiCritical[len(tt.probs)-1], counts)
			}
		})
	}
}

func TestMeasureOneQubitCollapses(t *testing.T) {
	s := newState(t, 2, 9)
	const trials = 4000
	ones := 0
	for range trials {
		s.Reset()
		mustApply(t, s, H(0), CNOT(0, 1))
		m0, err := s.Measure(0)
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(s.Norm() - 1); d > 1e-12 {
			t.Fatalf("norm after measurement off by %g", d)
		}
		// The partner qubit is now certain to agree.
		p1, _ := s.ProbabilityOne(1)
		if p1 != float64(m0) {
			t.Fatalf("after measuring q0 = %d, P(q1=1) = %v", m0, p1)
		}
		m1, _ := s.Measure(1)
		if m1 != m0 {
			t.Fatalf("Bell pair measured %d then %d", m0, m1)
		}
		ones += m0
	}
	counts := map[uint64]int{0: trials - ones, 1: ones}
	if chi := chiSquare(t, counts, map[uint64]float64{0: .5, 1: .5}, trials); chi > chiCritical[1] {
		t.Errorf("q0 outcomes %v are not fair (chi-square %.2f)", counts, chi)
	}
	if _, err := s.Measure(2); err == nil {
		t.Error("measuring qubit 2 of a 2-qubit register succeeded")
	}
}

func TestMeasurementNeverPicksZeroProbability(t *testing.T) {
	s := newState(t, 3, 1)
	mustApply(t, s, X(2), H(0))
	got, _ := s.Sample(5000)
	for _, k := range got {
		if k != 0b100 && k != 0b101 {
			t.Fatalf("sampled |%03b>, which has probability 0", k)
		}
	}
}

func TestSeedDeterminism(t *testing.T) {
	run := func(seed uint64) []uint64 {
		s := newState(t, 4, seed)
		mustApply(t, s, H(0), H(1), H(2), H(3))
		out, _ := s.Sample(64)
		c := s.Clone()
		a, _ := c.Sample(8)
		b, _ := s.Sample(8)
		if !slices.Equal(a, b) {
			t.Fatalf("a clone drew %v, the original %v", a, b)
		}
		return out
	}
	if a, b := run(11), run(11); !slices.Equal(a, b) {
		t.Error("the same seed gave different samples")
	}
	if a, b := run(11), run(12); slices.Equal(a, b) {
		t.Error("different seeds gave the same 64 samples")
	}
}
