package vector

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

func TestNew(t *testing.T) {
	tests := []struct {
		dim     int
		wantErr bool
	}{
		{-1, true}, {0, true}, {1, false}, {384, false}, {MaxDim, false}, {MaxDim + 1, true},
	}
	for _, tt := range tests {
		x, err := New(tt.dim)
		if (err != nil) != tt.wantErr {
			t.Errorf("New(%d) err = %v, want error %v", tt.dim, err, tt.wantErr)
		}
		if err == nil && (x.Dim() != tt.dim || x.Len() != 0) {
			t.Errorf("New(%d): Dim %d Len %d", tt.dim, x.Dim(), x.Len())
		}
	}
}

func TestUpsertRejects(t *testing.T) {
	x := newTestIndex(t, 3, defaultKernels, defaultParallelMin)
	tests := []struct {
		name    string
		vec     []float32
		wantDim bool
	}{
		{"short", []float32{1, 2}, true},
		{"long", []float32{1, 2, 3, 4}, true},
		{"nil", nil, true},
		{"NaN", []float32{1, float32(math.NaN()), 0}, false},
		{"Inf", []float32{float32(math.Inf(-1)), 0, 0}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := x.Upsert(1, tt.vec)
			if err == nil {
				t.Fatal("Upsert accepted the vector")
			}
			if errors.Is(err, ErrDimMismatch) != tt.wantDim {
				t.Errorf("err = %v, want ErrDimMismatch %v", err, tt.wantDim)
			}
		})
	}
	if x.Len() != 0 {
		t.Errorf("Len = %d after rejected upserts, want 0", x.Len())
	}
}

func TestUpsertNormalisesAndCopies(t *testing.T) {
	x := newTestIndex(t, 2, defaultKernels, defaultParallelMin)
	v := []float32{3, 4}
	if err := x.Upsert(7, v); err != nil {
		t.Fatal(err)
	}
	v[0] = 100 // the index must not see the caller's later writes
	got, ok := x.Get(7)
	if !ok || !slices.Equal(got, []float32{0.6, 0.8}) {
		t.Fatalf("Get(7) = %v, %v; want [0.6 0.8], true", got, ok)
	}
	got[0] = 9 // nor may the caller reach into the index through Get
	if again, _ := x.Get(7); again[0] != 0.6 {
		t.Errorf("Get returned the index's own storage")
	}
	if err := x.Upsert(7, []float32{0, -2}); err != nil {
		t.Fatal(err)
	}
	if got, _ := x.Get(7); !slices.Equal(got, []float32{0, -1}) || x.Len() != 1 {
		t.Errorf("after replace: Get(7) = %v, Len %d; want [0 -1], 1", got, x.Len())
	}
	if _, ok := x.Get(8); ok {
		t.Error("Get(8) found a vector that was never stored")
	}
}

// TestDeleteKeepsRowsConsistent deletes in a random order, including the
// last row and rows that were just moved, and checks after every step that
// each remaining id still maps to its own vector in both matrices.
func TestDeleteKeepsRowsConsistent(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, quantMin := range []int{0, 1} {
		x := newTestIndex(t, 8, defaultKernels, defaultParallelMin, WithQuantizeThreshold(quantMin))
		vs := randomUnit(r, 200, 8)
		fill(t, x, vs)
		live := toMap(vs)
		for _, i := range r.Perm(len(vs)) {
			if !x.Delete(int64(i)) {
				t.Fatalf("Delete(%d) = false for a stored id", i)
			}
			if x.Delete(int64(i)) {
				t.Fatalf("Delete(%d) = true twice", i)
			}
			delete(live, int64(i))
			checkConsistent(t, x, live)
		}
		if x.Len() != 0 {
			t.Fatalf("Len = %d after deleting everything", x.Len())
		}
	}
}

// checkConsistent fails unless x holds exactly the vectors of live.
func checkConsistent(t *testing.T, x *Index, live map[int64][]float32) {
	t.Helper()
	if x.Len() != len(live) || len(x.rows) != len(live) || len(x.data) != len(live)*x.dim {
		t.Fatalf("Len %d rows %d data %d, want %d vectors", x.Len(), len(x.rows), len(x.data), len(live))
	}
	for id, v := range live {
		r := x.rows[id]
		if x.ids[r] != id {
			t.Fatalf("id %d maps to row %d, which holds id %d", id, r, x.ids[r])
		}
		if !slices.Equal(x.row(r), v) {
			t.Fatalf("id %d: row holds %v, want %v", id, x.row(r), v)
		}
		if x.quantised {
			codes := make([]int8, x.dim)
			scale := quantize(codes, v)
			if x.scales[r] != scale || !slices.Equal(x.codes[r*x.dim:(r+1)*x.dim], codes) {
				t.Fatalf("id %d: int8 row out of step with the float row", id)
			}
		}
	}
}

func TestQuantisedCopyTracksWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	x := newTestIndex(t, 16, defaultKernels, defaultParallelMin, WithQuantizeThreshold(50))
	vs := randomUnit(r, 120, 16)
	live := map[int64][]float32{}
	for i, v := range vs {
		if x.quantised != (i >= 50) {
			t.Fatalf("after %d upserts quantised = %v", i, x.quantised)
		}
		if err := x.Upsert(int64(i), v); err != nil {
			t.Fatal(err)
		}
		live[int64(i)] = v
	}
	checkConsistent(t, x, live)
	for i := range 30 { // replace some vectors after the copy was built
		v := randomUnit(r, 1, 16)[0]
		if err := x.Upsert(int64(i), v); err != nil {
			t.Fatal(err)
		}
		live[int64(i)] = v
	}
	checkConsistent(t, x, live)
	x.Reset()
	if x.Len() != 0 || x.quantised || x.Dim() != 16 {
		t.Fatalf("after Reset: Len %d quantised %v Dim %d", x.Len(), x.quantised, x.Dim())
	}
	fill(t, x, vs[:10])
	checkConsistent(t, x, toMap(vs[:10]))
}

func TestGrow(t *testing.T) {
	for _, quantMin := range []int{0, 1} {
		x := newTestIndex(t, 4, defaultKernels, defaultParallelMin, WithQuantizeThreshold(quantMin))
		vs := randomUnit(rand.New(rand.NewPCG(25, 26)), 10, 4)
		fill(t, x, vs[:3])
		x.Grow(100)
		x.Grow(-1)
		if cap(x.data) < 103*4 || cap(x.ids) < 103 {
			t.Errorf("after Grow(100): cap data %d ids %d", cap(x.data), cap(x.ids))
		}
		fill(t, x, vs)
		checkConsistent(t, x, toMap(vs))
	}
}

// TestConcurrentUse runs searches, upserts and deletes together; with -race
// it proves the locking, and the final check proves no write was lost.
func TestConcurrentUse(t *testing.T) {
	const dim, writers, perWriter = 32, 4, 150
	x := newTestIndex(t, dim, defaultKernels, 64, WithQuantizeThreshold(300))
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 27))
			for i := range perWriter {
				id := int64(w*perWriter + i)
				if err := x.Upsert(id, randFloats(r, dim)); err != nil {
					t.Error(err)
					return
				}
				if i%3 == 0 {
					x.Delete(id)
				}
			}
		})
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 28))
			for range perWriter {
				if _, err := x.Search(randFloats(r, dim), 10, nil); err != nil {
					t.Error(err)
					return
				}
				x.Len()
			}
		})
	}
	wg.Wait()
	if want := writers * perWriter * 2 / 3; x.Len() != want {
		t.Errorf("Len = %d, want %d", x.Len(), want)
	}
}
