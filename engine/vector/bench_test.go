package vector

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

var sinkHits []Hit

// BenchmarkSearch times a top-10 query over n random normalised vectors,
// scanning the float32 matrix (exact) or the int8 copy plus re-scoring
// (quantised). Run it with
//
//	go test -run '^$' -bench Search -benchmem ./engine/vector
func BenchmarkSearch(b *testing.B) {
	for _, dim := range []int{256, 384} {
		for _, n := range benchSizes {
			r := rand.New(rand.NewPCG(uint64(n), uint64(dim)))
			x := newTestIndex(b, dim, defaultKernels, defaultParallelMin, WithQuantizeThreshold(1))
			x.Grow(n)
			for i := range n {
				if err := x.Upsert(int64(i), randFloats(r, dim)); err != nil {
					b.Fatal(err)
				}
			}
			qs := randomUnit(r, 64, dim)
			modes := []struct {
				name   string
				search func(q []float32) []Hit
			}{
				{"exact", func(q []float32) []Hit { return x.searchExact(q, 10, nil) }},
				{"quantized", func(q []float32) []Hit { return x.searchQuantized(q, 10, nil) }},
			}
			for _, m := range modes {
				b.Run(fmt.Sprintf("n=%d/d=%d/%s", n, dim, m.name), func(b *testing.B) {
					i := 0
					for b.Loop() {
						sinkHits = m.search(qs[i%len(qs)])
						i++
					}
				})
			}
		}
	}
}

// benchSizes are the index sizes BenchmarkSearch runs over.
var benchSizes = []int{10_000, 100_000}

// BenchmarkScanParallel compares one goroutine with GOMAXPROCS chunks on a
// 100k × 384 index, for both scans; it chose defaultParallelMin.
func BenchmarkScanParallel(b *testing.B) {
	const n, dim = 100_000, 384
	r := rand.New(rand.NewPCG(41, 42))
	x := newTestIndex(b, dim, defaultKernels, defaultParallelMin, WithQuantizeThreshold(1))
	x.Grow(n)
	for i := range n {
		if err := x.Upsert(int64(i), randFloats(r, dim)); err != nil {
			b.Fatal(err)
		}
	}
	qs := randomUnit(r, 64, dim)
	for _, parallelMin := range []int{n + 1, defaultParallelMin} {
		name := "serial"
		if parallelMin <= n {
			name = "parallel"
		}
		for _, quantized := range []bool{false, true} {
			mode := "exact"
			if quantized {
				mode = "quantized"
			}
			b.Run(mode+"/"+name, func(b *testing.B) {
				x.parallelMin = parallelMin
				i := 0
				for b.Loop() {
					if quantized {
						sinkHits = x.searchQuantized(qs[i%len(qs)], 10, nil)
					} else {
						sinkHits = x.searchExact(qs[i%len(qs)], 10, nil)
					}
					i++
				}
			})
		}
	}
}

// BenchmarkLoad times filling an empty index with 20,000 384-d vectors,
// as the memory engine does at open, with and without a Grow call first.
// It crosses the quantisation threshold, so the one-off int8 build is
// included; ns/row is the cost per vector.
func BenchmarkLoad(b *testing.B) {
	const n, dim = 20_000, 384
	r := rand.New(rand.NewPCG(43, 44))
	vs := make([][]float32, n)
	for i := range vs {
		vs[i] = randFloats(r, dim)
	}
	for _, grow := range []bool{false, true} {
		name := "append"
		if grow {
			name = "grow"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				x := newTestIndex(b, dim, defaultKernels, defaultParallelMin)
				if grow {
					x.Grow(n)
				}
				for i, v := range vs {
					if err := x.Upsert(int64(i), v); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
		})
	}
}
