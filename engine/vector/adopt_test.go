package vector

import (
	"errors"
	"slices"
	"testing"
)

// copyMatrix takes a deep copy of x's whole matrix through View, as the
// memory engine does when it writes its snapshot.
func copyMatrix(x *Index) Matrix {
	var m Matrix
	x.View(0, x.Len(), func(v Matrix) {
		m = Matrix{Dim: v.Dim, IDs: slices.Clone(v.IDs), Data: slices.Clone(v.Data),
			Codes: slices.Clone(v.Codes), Scales: slices.Clone(v.Scales)}
	})
	return m
}

func TestAdoptSearchesLikeTheOriginal(t *testing.T) {
	const dim = 32
	vs := clustered(newRand(), 3000, dim, 12, 0.6)
	for _, tc := range []struct {
		name     string
		quantMin int
		dropCode bool
	}{
		{"exact", 0, false},
		{"quantised with codes", 1000, false},
		{"quantised, codes rebuilt", 1000, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			orig := newTestIndex(t, dim, genericKernels, 1<<30, WithQuantizeThreshold(tc.quantMin))
			fill(t, orig, vs)
			m := copyMatrix(orig)
			if tc.dropCode {
				m.Codes, m.Scales = nil, nil
			}
			x, err := Adopt(m, WithQuantizeThreshold(tc.quantMin))
			if err != nil {
				t.Fatal(err)
			}
			x.kern, x.parallelMin = genericKernels, 1<<30
			if x.Quantized() != orig.Quantized() {
				t.Fatalf("Quantized() = %v, the original %v", x.Quantized(), orig.Quantized())
			}
			if &x.data[0] != &m.Data[0] {
				t.Error("Adopt copied the matrix")
			}
			even := func(id int64) bool { return id%2 == 0 }
			for _, q := range vs[:20] {
				for _, f := range []func(int64) bool{nil, even} {
					want, _ := orig.Search(q, 10, f)
					got, err := x.Search(q, 10, f)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, want) {
						t.Fatalf("adopted index found %v, the original %v", got, want)
					}
				}
			}
		})
	}
}

func TestAdoptedIndexTakesWrites(t *testing.T) {
	const dim = 16
	vs := randomUnit(newRand(), 200, dim)
	orig := newTestIndex(t, dim, genericKernels, 1<<30, WithQuantizeThreshold(50))
	fill(t, orig, vs)
	x, err := Adopt(copyMatrix(orig), WithQuantizeThreshold(50))
	if err != nil {
		t.Fatal(err)
	}
	if x.rows != nil {
		t.Fatal("Adopt built the id map; it should wait for the first write")
	}
	live := toMap(vs)
	if got, ok := x.Get(7); !ok || !slices.Equal(got, vs[7]) {
		t.Fatalf("Get(7) = %v, %v", got, ok)
	}
	for id := int64(0); id < 200; id += 3 {
		if !x.Delete(id) {
			t.Fatalf("Delete(%d) found nothing", id)
		}
		delete(live, id)
	}
	extra := randomUnit(newRand(), 30, dim)
	for i, v := range extra {
		id := int64(1000 + i)
		if err := x.Upsert(id, v); err != nil {
			t.Fatal(err)
		}
		live[id] = v
	}
	if err := x.Upsert(1, extra[0]); err != nil {
		t.Fatal(err)
	}
	live[1] = extra[0]
	if x.Len() != len(live) {
		t.Fatalf("Len() = %d, want %d", x.Len(), len(live))
	}
	for _, q := range extra[:5] {
		got, err := x.Search(q, 10, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkHits(t, live, q, got, bruteForce(live, q, 10, nil))
	}
}

func TestAdoptRejectsBadLengths(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    Matrix
	}{
		{"short data", Matrix{Dim: 4, IDs: []int64{1, 2}, Data: make([]float32, 7)}},
		{"short codes", Matrix{Dim: 4, IDs: []int64{1}, Data: make([]float32, 4), Codes: make([]int8, 3), Scales: make([]float32, 1)}},
		{"scales without codes", Matrix{Dim: 4, IDs: []int64{1}, Data: make([]float32, 4), Scales: make([]float32, 1)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Adopt(tc.m); !errors.Is(err, ErrDimMismatch) {
				t.Fatalf("Adopt: %v, want ErrDimMismatch", err)
			}
		})
	}
	if _, err := Adopt(Matrix{Dim: 0}); err == nil {
		t.Fatal("Adopt accepted dimension 0")
	}
}

func TestViewClampsRows(t *testing.T) {
	x := newTestIndex(t, 4, genericKernels, 1<<30)
	fill(t, x, randomUnit(newRand(), 10, 4))
	for _, tc := range []struct{ lo, hi, want int }{{0, 10, 10}, {5, 100, 5}, {-3, 2, 2}, {8, 3, 0}, {20, 30, 0}} {
		var got int
		if n := x.View(tc.lo, tc.hi, func(m Matrix) { got = m.Len() }); n != 10 {
			t.Errorf("View(%d, %d) reported %d rows in the index", tc.lo, tc.hi, n)
		}
		if got != tc.want {
			t.Errorf("View(%d, %d) gave %d rows, want %d", tc.lo, tc.hi, got, tc.want)
		}
	}
}
