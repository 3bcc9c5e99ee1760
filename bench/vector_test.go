package bench

import (
	"context"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/philippgille/chromem-go"
	"github.com/sweetmcp/sweet/engine/vector"
)

const (
	benchN   = 100_000
	benchDim = 384 // all-MiniLM-L6-v2, the most common local embedding size
	benchK   = 10
)

// unitVectors returns n normalised Gaussian vectors from a fixed seed, so
// every run and every library sees the same data.
func unitVectors(seed uint64, n, dim int) [][]float32 {
	r := rand.New(rand.NewPCG(seed, 1))
	vs := make([][]float32, n)
	for i := range vs {
		v := make([]float32, dim)
		for j := range v {
			v[j] = float32(r.NormFloat64())
		}
		vector.Normalize(v)
		vs[i] = v
	}
	return vs
}

// BenchmarkVectorTop10_100k times one top-10 query over the same 100,000
// pre-normalised 384-d vectors in sweet's engine/vector and in chromem-go
// (in memory, exhaustive, QueryEmbedding with a precomputed query, so no
// embedding function runs). "sweet" is the index as the memory engine uses
// it (int8 pre-scan and exact re-scoring at this size); "sweet_exact" turns
// quantisation off to show the plain float32 scan.
func BenchmarkVectorTop10_100k(b *testing.B) {
	ctx := context.Background()
	docs := unitVectors(1, benchN, benchDim)
	queries := unitVectors(2, 64, benchDim)

	sweet := newSweet(b, docs)
	sweetExact := newSweet(b, docs, vector.WithQuantizeThreshold(0))
	chrome := newChromem(b, ctx, docs)
	checkAgree(b, ctx, sweet, chrome, queries)

	b.Run("sweet", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := sweet.Search(queries[i%len(queries)], benchK, nil); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("sweet_exact", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := sweetExact.Search(queries[i%len(queries)], benchK, nil); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("chromem", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := chrome.QueryEmbedding(ctx, queries[i%len(queries)], benchK, nil, nil); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

func newSweet(b *testing.B, docs [][]float32, opts ...vector.Option) *vector.Index {
	b.Helper()
	idx, err := vector.New(benchDim, opts...)
	if err != nil {
		b.Fatal(err)
	}
	idx.Grow(len(docs))
	for i, v := range docs {
		if err := idx.Upsert(int64(i), v); err != nil {
			b.Fatal(err)
		}
	}
	return idx
}

func newChromem(b *testing.B, ctx context.Context, docs [][]float32) *chromem.Collection {
	b.Helper()
	// A nil embedding function would default to OpenAI, but it is only
	// called for documents or queries without embeddings, and there are none.
	c, err := chromem.NewDB().CreateCollection("bench", nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	cd := make([]chromem.Document, len(docs))
	for i, v := range docs {
		cd[i] = chromem.Document{ID: strconv.Itoa(i), Embedding: v}
	}
	if err := c.AddDocuments(ctx, cd, runtime.GOMAXPROCS(0)); err != nil {
		b.Fatal(err)
	}
	return c
}

// checkAgree makes sure both libraries answer the same question before
// they are timed: the top-10 id sets must overlap by at least 95%.
func checkAgree(b *testing.B, ctx context.Context, s *vector.Index, c *chromem.Collection, queries [][]float32) {
	b.Helper()
	same := 0
	for _, q := range queries {
		hits, err := s.Search(q, benchK, nil)
		if err != nil {
			b.Fatal(err)
		}
		res, err := c.QueryEmbedding(ctx, q, benchK, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range hits {
			if slices.ContainsFunc(res, func(r chromem.Result) bool { return r.ID == strconv.FormatInt(h.ID, 10) }) {
				same++
			}
		}
	}
	if agree := float64(same) / float64(benchK*len(queries)); agree < 0.95 {
		b.Fatalf("sweet and chromem agree on %.3f of the top-%d ids, want at least 0.95", agree, benchK)
	}
}
