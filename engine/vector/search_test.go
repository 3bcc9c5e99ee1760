package vector

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func TestSearchMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	const n, dim = 3000, 96
	data := map[string][][]float32{
		"random":    randomUnit(r, n, dim),
		"clustered": clustered(r, n, dim, 12, 0.6),
	}
	evens := func(id int64) bool { return id%2 == 0 }
	for _, kern := range testKernels() {
		for _, parallelMin := range []int{defaultParallelMin, 40} {
			for dname, vs := range data {
				name := fmt.Sprintf("%s/parallelMin=%d/%s", kern.name, parallelMin, dname)
				t.Run(name, func(t *testing.T) {
					x := newTestIndex(t, dim, kern, parallelMin, WithQuantizeThreshold(0))
					fill(t, x, vs)
					ref := toMap(vs)
					tests := []struct {
						name   string
						k      int
						filter func(int64) bool
					}{
						{"top1", 1, nil},
						{"top10", 10, nil},
						{"top100", 100, nil},
						{"top10 even ids", 10, evens},
						{"k beyond len", n + 5, evens},
					}
					for _, tt := range tests {
						q := randFloats(r, dim)
						got, err := x.Search(q, tt.k, tt.filter)
						if err != nil {
							t.Fatalf("%s: Search: %v", tt.name, err)
						}
						if tt.filter != nil {
							for _, h := range got {
								if !tt.filter(h.ID) {
									t.Fatalf("%s: id %d does not pass the filter", tt.name, h.ID)
								}
							}
						}
						checkHits(t, ref, q, got, bruteForce(ref, q, tt.k, tt.filter))
					}
				})
			}
		}
	}
}

func TestSearchEdgeCases(t *testing.T) {
	x := newTestIndex(t, 3, defaultKernels, defaultParallelMin)
	q := []float32{1, 0, 0}
	if got, err := x.Search(q, 5, nil); err != nil || len(got) != 0 {
		t.Fatalf("empty index: got %v, %v; want no hits", got, err)
	}
	fill(t, x, [][]float32{{1, 0, 0}, {0, 1, 0}, {2, 0, 0}, {0, 0, 0}})
	tests := []struct {
		name    string
		query   []float32
		k       int
		filter  func(int64) bool
		want    []Hit
		wantErr error
	}{
		{"k zero", q, 0, nil, nil, nil},
		{"k negative", q, -1, nil, nil, nil},
		// Ids 0 and 2 are the same direction: the tie goes to the lower id.
		{"tie by id", []float32{5, 0, 0}, 2, nil, []Hit{{0, 1}, {2, 1}}, nil},
		{"zero vector scores 0", []float32{0, 0, 1}, 1, func(id int64) bool { return id == 3 }, []Hit{{3, 0}}, nil},
		{"filter rejects all", q, 3, func(int64) bool { return false }, nil, nil},
		{"negative cosine", []float32{-1, 0, 0}, 1, func(id int64) bool { return id == 0 }, []Hit{{0, -1}}, nil},
		{"k far beyond len", q, 1 << 50, func(id int64) bool { return id < 2 }, []Hit{{0, 1}, {1, 0}}, nil},
		{"wrong dimension", []float32{1, 0}, 1, nil, nil, ErrDimMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := x.Search(tt.query, tt.k, tt.filter)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("hit %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
	if _, err := x.Search([]float32{1, float32(math.NaN()), 0}, 1, nil); err == nil {
		t.Error("a NaN query was accepted")
	}
}

func TestSearchKernelsAgree(t *testing.T) {
	if !hasAVX2Kernels() {
		t.Skip("only the generic kernels are available on this build or CPU")
	}
	r := rand.New(rand.NewPCG(13, 14))
	vs := clustered(r, 5000, 384, 20, 0.5)
	generic := newTestIndex(t, 384, genericKernels, 40)
	asm := newTestIndex(t, 384, defaultKernels, 40)
	fill(t, generic, vs)
	fill(t, asm, vs)
	ref := toMap(vs)
	for i := range 20 {
		q := randFloats(r, 384)
		g, err := generic.Search(q, 10, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, err := asm.Search(q, 10, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(fmt.Sprint("query", i), func(t *testing.T) { checkHits(t, ref, q, a, g) })
	}
}
