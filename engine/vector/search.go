package vector

import (
	"fmt"
	"runtime"
	"sync"
)

// Search returns the k stored vectors most similar to query, best first,
// scored by cosine similarity. The query is normalised on a copy, so its
// magnitude does not matter. When filter is not nil, only ids for which it returns true
// are considered; on a large index it is called from several goroutines at
// once, so it must be safe for concurrent use (a read-only map lookup is).
//
// Indexes at or above the quantisation threshold scan an int8 copy first and
// re-score the best candidates exactly: the scores are exact, and the top-10
// recall against a full exact scan was 1.0 on the random and clustered
// 20,000-vector sets of TestQuantizedRecall, which fails below 0.95 (a miss
// would be a near-tie the int8 scan ranked just too low). A query of the wrong
// length is an error wrapping [ErrDimMismatch]; k of zero or less returns
// no hits.
func (x *Index) Search(query []float32, k int, filter func(id int64) bool) ([]Hit, error) {
	if len(query) != x.dim {
		return nil, fmt.Errorf("search: the query has %d elements, the index holds %d: %w",
			len(query), x.dim, ErrDimMismatch)
	}
	if err := checkFinite(query); err != nil {
		return nil, fmt.Errorf("search: query %w", err)
	}
	if k <= 0 {
		return nil, nil
	}
	q := append([]float32(nil), query...)
	Normalize(q)

	x.mu.RLock()
	defer x.mu.RUnlock()
	// The heaps are sized by k, so a huge k must not allocate beyond the
	// rows that exist.
	k = min(k, len(x.ids))
	if k == 0 {
		return nil, nil
	}
	if x.quantised && candidates(k) < len(x.ids) {
		return x.searchQuantized(q, k, filter), nil
	}
	return x.searchExact(q, k, filter), nil
}

// searchExact scores every row against q, which must be normalised.
func (x *Index) searchExact(q []float32, k int, filter func(int64) bool) []Hit {
	return x.scan(k, func(lo, hi int, h *topK) {
		x.scanRows(q, lo, hi, filter, h)
	}).sorted()
}

// scanRows pushes rows lo to hi of the float matrix into h, keyed by id.
func (x *Index) scanRows(q []float32, lo, hi int, filter func(int64) bool, h *topK) {
	dot := x.kern.f32
	dim := x.dim
	for r := lo; r < hi; r++ {
		id := x.ids[r]
		if filter != nil && !filter(id) {
			continue
		}
		s := dot(q, x.data[r*dim:(r+1)*dim])
		if h.full() && s < h.min() {
			continue
		}
		h.push(id, s)
	}
}

// scan runs part over all rows and returns the best k hits it pushed. On a
// large index the rows are split into one contiguous chunk per GOMAXPROCS,
// each with its own heap, and the heaps are merged at the end; contiguous
// chunks keep each goroutine streaming through its own stretch of memory.
func (x *Index) scan(k int, part func(lo, hi int, h *topK)) *topK {
	n := len(x.ids)
	workers := min(runtime.GOMAXPROCS(0), n/max(x.parallelMin/4, 1))
	if n < x.parallelMin || workers < 2 {
		h := newTopK(k)
		part(0, n, h)
		return h
	}
	heaps := make([]*topK, workers)
	var wg sync.WaitGroup
	for w := range workers {
		heaps[w] = newTopK(k)
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { part(lo, hi, heaps[w]) })
	}
	wg.Wait()
	for _, h := range heaps[1:] {
		heaps[0].merge(h)
	}
	return heaps[0]
}
