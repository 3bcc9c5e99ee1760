package vector

import "slices"

// Hit is one search result: the id of a stored vector and its cosine
// similarity to the query, from -1 to 1.
type Hit struct {
	ID    int64
	Score float32
}

// better reports whether a ranks before b: a higher score first, and the
// lower id on a tie, so results are the same on every run and kernel.
func better(a, b Hit) bool {
	return a.Score > b.Score || (a.Score == b.Score && a.ID < b.ID)
}

// topK keeps the k best hits seen so far in a binary min-heap whose root is
// the worst of them. A new hit costs one comparison when it loses to the
// root, which is almost always the case late in a scan, and O(log k) when it
// wins; nothing is sorted until the end, and then only k hits.
type topK struct {
	k    int
	hits []Hit
}

func newTopK(k int) *topK {
	return &topK{k: k, hits: make([]Hit, 0, k)}
}

// full reports whether the heap holds k hits, so min is meaningful.
func (h *topK) full() bool { return len(h.hits) == h.k }

// min returns the score of the worst hit kept. Callers check full first.
func (h *topK) min() float32 { return h.hits[0].Score }

// push offers a hit to the heap.
func (h *topK) push(id int64, score float32) {
	c := Hit{ID: id, Score: score}
	if len(h.hits) < h.k {
		h.hits = append(h.hits, c)
		h.up(len(h.hits) - 1)
		return
	}
	if h.k == 0 || !better(c, h.hits[0]) {
		return
	}
	h.hits[0] = c
	h.down(0)
}

// up restores the heap after an append at i.
func (h *topK) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !better(h.hits[p], h.hits[i]) {
			return
		}
		h.hits[p], h.hits[i] = h.hits[i], h.hits[p]
		i = p
	}
}

// down restores the heap after the root at i was replaced.
func (h *topK) down(i int) {
	n := len(h.hits)
	for {
		worst := i
		l, r := 2*i+1, 2*i+2
		if l < n && better(h.hits[worst], h.hits[l]) {
			worst = l
		}
		if r < n && better(h.hits[worst], h.hits[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		h.hits[i], h.hits[worst] = h.hits[worst], h.hits[i]
		i = worst
	}
}

// merge offers every hit of o to h.
func (h *topK) merge(o *topK) {
	for _, c := range o.hits {
		h.push(c.ID, c.Score)
	}
}

// sorted returns the kept hits best first. It reorders h's storage, so h
// must not be pushed to afterwards.
func (h *topK) sorted() []Hit {
	slices.SortFunc(h.hits, func(a, b Hit) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return h.hits
}
