package vector

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestQuantizedRecall checks the quantised search against an exact scan of
// the same index: the mean top-10 recall must reach 0.95 on evenly spread
// random vectors and on tight clusters, the two shapes that stress int8
// rounding most (tiny score gaps between neighbours). It runs with the
// build's default kernels only: the int8 kernels return identical integers
// (TestDotInt8KernelsAgree), so recall cannot differ between them.
func TestQuantizedRecall(t *testing.T) {
	const dim, k, queries = 256, 10, 40
	n := 20_000
	if testing.Short() {
		n = 5_000
	}
	r := rand.New(rand.NewPCG(31, 32))
	data := []struct {
		name string
		vs   [][]float32
	}{
		{"random", randomUnit(r, n+queries, dim)},
		{"clustered", clustered(r, n+queries, dim, 50, 0.5)},
		{"tight clusters", clustered(r, n+queries, dim, 10, 0.2)},
	}
	for _, d := range data {
		t.Run(d.name, func(t *testing.T) {
			// Queries come from the same distribution but are not stored.
			stored, qs := d.vs[:n], d.vs[n:]
			x := newTestIndex(t, dim, defaultKernels, defaultParallelMin, WithQuantizeThreshold(1))
			fill(t, x, stored)
			if !x.quantised {
				t.Fatal("the int8 copy was not built")
			}
			var found int
			for _, q := range qs {
				exact := x.searchExact(q, k, nil)
				got, err := x.Search(q, k, nil)
				if err != nil {
					t.Fatal(err)
				}
				found += overlap(got, exact)
			}
			recall := float64(found) / float64(k*len(qs))
			t.Logf("top-%d recall %.4f over %d queries, %d vectors", k, recall, len(qs), n)
			if recall < 0.95 {
				t.Errorf("top-%d recall %.4f, want at least 0.95", k, recall)
			}
		})
	}
}

// overlap counts the ids of got that are also in want.
func overlap(got, want []Hit) int {
	c := 0
	for _, h := range got {
		if slices.ContainsFunc(want, func(w Hit) bool { return w.ID == h.ID }) {
			c++
		}
	}
	return c
}

// TestQuantizedScoresAreExact checks that the quantised path returns exact
// float32 scores (re-scored), in order, passing the filter.
func TestQuantizedScoresAreExact(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	vs := clustered(r, 3000, 64, 8, 0.5)
	ref := toMap(vs)
	odd := func(id int64) bool { return id%2 == 1 }
	for _, kern := range testKernels() {
		for _, parallelMin := range []int{defaultParallelMin, 100} {
			t.Run(fmt.Sprintf("%s/parallelMin=%d", kern.name, parallelMin), func(t *testing.T) {
				x := newTestIndex(t, 64, kern, parallelMin, WithQuantizeThreshold(1))
				fill(t, x, vs)
				q := randFloats(r, 64)
				got, err := x.Search(q, 20, odd)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 20 {
					t.Fatalf("got %d hits, want 20", len(got))
				}
				Normalize(q)
				for i, h := range got {
					if !odd(h.ID) {
						t.Errorf("hit %d: id %d fails the filter", i, h.ID)
					}
					if want := x.kern.f32(q, ref[h.ID]); h.Score != want {
						t.Errorf("hit %d: score %v, exact %v", i, h.Score, want)
					}
					if i > 0 && better(h, got[i-1]) {
						t.Errorf("hit %d ranks above hit %d", i, i-1)
					}
				}
			})
		}
	}
}

func TestQuantize(t *testing.T) {
	tests := []struct {
		name      string
		src       []float32
		want      []int8
		wantScale float32
	}{
		{"zero", []float32{0, 0}, []int8{0, 0}, 0},
		{"extremes", []float32{-0.5, 0.5, 0.25}, []int8{-127, 127, 64}, 0.5 / 127},
		{"rounding", []float32{1, 0.004, -0.004}, []int8{127, 1, -1}, 1.0 / 127},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := []int8{9, 9, 9}[:len(tt.src)]
			scale := quantize(dst, tt.src)
			if scale != tt.wantScale || !slices.Equal(dst, tt.want) {
				t.Errorf("got %v scale %v, want %v scale %v", dst, scale, tt.want, tt.wantScale)
			}
		})
	}
}
