package vector

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// newTestIndex builds an index that scans with the given kernels and splits
// scans across goroutines above parallelMin rows.
func newTestIndex(t testing.TB, dim int, k kernels, parallelMin int, opts ...Option) *Index {
	t.Helper()
	x, err := New(dim, opts...)
	if err != nil {
		t.Fatalf("New(%d): %v", dim, err)
	}
	x.kern = k
	x.parallelMin = parallelMin
	return x
}

// randomUnit returns n normalised Gaussian vectors: directions spread
// evenly over the sphere, the hard case for quantisation because the
// neighbours of a query are barely closer than everything else.
func randomUnit(r *rand.Rand, n, dim int) [][]float32 {
	vs := make([][]float32, n)
	for i := range vs {
		vs[i] = randFloats(r, dim)
		Normalize(vs[i])
	}
	return vs
}

// clustered returns n normalised vectors drawn around a few centres, like
// embeddings of texts on a handful of topics: the neighbours of a query are
// many near-equal members of one cluster.
func clustered(r *rand.Rand, n, dim, clusters int, spread float64) [][]float32 {
	centres := randomUnit(r, clusters, dim)
	vs := make([][]float32, n)
	for i := range vs {
		c := centres[r.IntN(clusters)]
		v := make([]float32, dim)
		for j := range v {
			v[j] = c[j] + float32(r.NormFloat64()*spread/math.Sqrt(float64(dim)))
		}
		Normalize(v)
		vs[i] = v
	}
	return vs
}

func fill(t testing.TB, x *Index, vs [][]float32) {
	t.Helper()
	for i, v := range vs {
		if err := x.Upsert(int64(i), v); err != nil {
			t.Fatalf("Upsert(%d): %v", i, err)
		}
	}
}

// bruteForce is the reference search: float64 dot products of the stored
// vectors (already normalised) against the normalised query, fully sorted.
func bruteForce(vs map[int64][]float32, query []float32, k int, filter func(int64) bool) []Hit {
	q := slices.Clone(query)
	Normalize(q)
	var all []Hit
	for id, v := range vs {
		if filter != nil && !filter(id) {
			continue
		}
		all = append(all, Hit{ID: id, Score: float32(naiveDot(q, v))})
	}
	h := &topK{k: len(all), hits: all}
	all = h.sorted()
	return all[:min(k, len(all))]
}

// checkHits fails unless got has the length of want, holds distinct ids,
// and ranks each id at a score within tol of want's score at that rank. The
// score check (rather than an id check) accepts near-ties that a different
// float32 summation order may swap.
func checkHits(t *testing.T, vs map[int64][]float32, query []float32, got, want []Hit) {
	t.Helper()
	const tol = 1e-5
	if len(got) != len(want) {
		t.Fatalf("got %d hits, want %d", len(got), len(want))
	}
	q := slices.Clone(query)
	Normalize(q)
	seen := map[int64]bool{}
	for i, h := range got {
		if seen[h.ID] {
			t.Fatalf("hit %d: id %d appears twice", i, h.ID)
		}
		seen[h.ID] = true
		v, ok := vs[h.ID]
		if !ok {
			t.Fatalf("hit %d: id %d is not stored", i, h.ID)
		}
		if exact := float32(naiveDot(q, v)); math.Abs(float64(exact-h.Score)) > tol {
			t.Errorf("hit %d: id %d scored %v, its exact score is %v", i, h.ID, h.Score, exact)
		}
		if math.Abs(float64(h.Score-want[i].Score)) > tol {
			t.Errorf("hit %d: id %d score %v, want id %d score %v", i, h.ID, h.Score, want[i].ID, want[i].Score)
		}
	}
}

func toMap(vs [][]float32) map[int64][]float32 {
	m := make(map[int64][]float32, len(vs))
	for i, v := range vs {
		m[int64(i)] = v
	}
	return m
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(99, 100)) }
