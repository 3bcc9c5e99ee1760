package vector

import (
	"fmt"
	"sync"
)

// DefaultQuantizeThreshold is the row count at which an index builds its
// int8 copy and scans it first, on CPUs with the int8 assembly kernel
// (amd64 with AVX2); elsewhere quantisation is off unless asked for with
// [WithQuantizeThreshold]. BenchmarkSearch (2-core AMD EPYC, top-10)
// put the crossover near 5,000 rows: at 1,000 × 256-d the exact scan took
// 65 µs and the quantised one 145 µs (its 80-candidate heap is the largest part), at
// 5,000 both about 0.36 ms, at 10,000 × 384-d exact 1.18 ms against
// quantised 0.42 ms. 10,000 keeps small indexes exact and 25% smaller.
const DefaultQuantizeThreshold = 10_000

// defaultParallelMin is the row count above which a scan is split across
// GOMAXPROCS goroutines. Below it the goroutine start-up and the heap merge
// are a visible share of a sub-millisecond scan. BenchmarkScanParallel
// (100k × 384-d, -count 5, ns/op) on the project's 2-vCPU EPYC VM, which
// other jobs kept at a load average of 8 to 12, so a second goroutine
// mostly competed with them:
//
//	                     serial          parallel
//	quantised (avx2)     3.2 – 4.8 ms    1.6 – 3.3 ms
//	exact (avx2)        11.1 – 13.6 ms  12.7 – 18.0 ms
//	exact (purego)      24.5 – 37.9 ms  28.1 – 36.5 ms
//
// The quantised scan, the default path at this size, gains; the exact scans
// are bound by this VM's memory bandwidth and CPU share and do not. Both
// still split: with idle cores a second stream is expected to add
// bandwidth, which this VM could not show either way.
const defaultParallelMin = 20_000

// Index is an in-memory vector index with a fixed dimension. It keeps every
// vector normalised in one row-major float32 matrix, so a cosine similarity
// is a single dot product over contiguous memory.
//
// An Index is safe for concurrent use: any number of searches run together,
// and a write waits for them.
type Index struct {
	mu          sync.RWMutex
	dim         int
	kern        kernels
	quantMin    int // rows at which the int8 copy is built; 0 disables it
	parallelMin int

	data []float32     // row r is data[r*dim : (r+1)*dim]
	ids  []int64       // ids[r] is the id of row r
	rows map[int64]int // id to row; nil until first needed in an adopted index (see rowMap)

	// The int8 copy, kept in step with data once quantised is set.
	quantised bool
	codes     []int8    // row r is codes[r*dim : (r+1)*dim]
	scales    []float32 // row r's float values are about codes*scales[r]
}

// Option configures an [Index] at construction.
type Option func(*Index)

// WithQuantizeThreshold sets the row count at which the index keeps an int8
// copy of its vectors and searches it first, re-scoring the best candidates
// exactly. A value of zero or less turns quantisation off, so every search
// is exact. The default is [DefaultQuantizeThreshold] where the int8 scan
// runs in assembly, and off where it would be slower than the exact scan.
func WithQuantizeThreshold(rows int) Option {
	return func(x *Index) {
		x.quantMin = max(rows, 0)
	}
}

// New returns an empty index for vectors of dim elements. It fails when dim
// is not between 1 and [MaxDim].
func New(dim int, opts ...Option) (*Index, error) {
	if dim < 1 || dim > MaxDim {
		return nil, fmt.Errorf("new index: dimension %d is out of range: use 1 to %d", dim, MaxDim)
	}
	x := &Index{
		dim:         dim,
		kern:        defaultKernels,
		quantMin:    defaultKernels.quantizeMin,
		parallelMin: defaultParallelMin,
		rows:        make(map[int64]int),
	}
	for _, o := range opts {
		o(x)
	}
	return x, nil
}

// Dim returns the number of elements in each vector of the index.
func (x *Index) Dim() int { return x.dim }

// Len returns the number of vectors in the index.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.ids)
}

// Grow makes room for n more vectors, so loading a known number of rows at
// open does not re-allocate the matrix as it grows.
func (x *Index) Grow(n int) {
	if n <= 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.ids = growTo(x.ids, len(x.ids)+n)
	x.data = growTo(x.data, len(x.data)+n*x.dim)
	if x.quantised {
		x.codes = growTo(x.codes, len(x.codes)+n*x.dim)
		x.scales = growTo(x.scales, len(x.scales)+n)
	}
}

// growTo returns s with capacity for at least n elements.
func growTo[T any](s []T, n int) []T {
	if n <= cap(s) {
		return s
	}
	t := make([]T, len(s), n)
	copy(t, s)
	return t
}

// growDouble makes room for n more elements, doubling the capacity when it
// runs out. append grows a large slice by a quarter, and every growth is
// freshly mapped memory the kernel faults in page by page: six thousand
// single upserts (one create_entities call's worth of observations,
// replayed) spent 80 ms there.
func growDouble[T any](s []T, n int) []T {
	if len(s)+n <= cap(s) {
		return s
	}
	return growTo(s, max(2*cap(s), len(s)+n))
}

// Upsert stores vec under id, replacing any vector already there. The index
// keeps its own normalised copy, so the caller may reuse vec. A vector of
// the wrong length, or with a NaN or infinite element, is rejected.
// A zero vector is stored as is and scores 0 against every query.
func (x *Index) Upsert(id int64, vec []float32) error {
	if len(vec) != x.dim {
		return fmt.Errorf("upsert vector %d: it has %d elements, the index holds %d: %w",
			id, len(vec), x.dim, ErrDimMismatch)
	}
	if err := checkFinite(vec); err != nil {
		return fmt.Errorf("upsert vector %d: %w", id, err)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	r, ok := x.rowMap()[id]
	if !ok {
		r = len(x.ids)
		x.rows[id] = r
		x.ids = append(x.ids, id)
		x.data = append(growDouble(x.data, x.dim), vec...)
		if x.quantised {
			x.codes = growDouble(x.codes, x.dim)[:len(x.codes)+x.dim]
			x.scales = append(x.scales, 0)
		}
	}
	row := x.row(r)
	copy(row, vec)
	Normalize(row)
	if x.quantised {
		x.scales[r] = quantize(x.codes[r*x.dim:(r+1)*x.dim], row)
	} else if x.quantMin > 0 && len(x.ids) >= x.quantMin {
		x.buildCodes()
	}
	return nil
}

// Delete removes the vector stored under id and reports whether there was
// one. The last row moves into the freed slot, so a delete costs one row
// copy whatever the size of the index.
func (x *Index) Delete(id int64) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	r, ok := x.rowMap()[id]
	if !ok {
		return false
	}
	last := len(x.ids) - 1
	if r != last {
		moved := x.ids[last]
		x.ids[r] = moved
		x.rows[moved] = r
		copy(x.row(r), x.row(last))
		if x.quantised {
			copy(x.codes[r*x.dim:(r+1)*x.dim], x.codes[last*x.dim:])
			x.scales[r] = x.scales[last]
		}
	}
	delete(x.rows, id)
	x.ids = x.ids[:last]
	x.data = x.data[:last*x.dim]
	if x.quantised {
		x.codes = x.codes[:last*x.dim]
		x.scales = x.scales[:last]
	}
	return true
}

// Get returns a copy of the normalised vector stored under id, and whether
// there is one.
func (x *Index) Get(id int64) ([]float32, bool) {
	x.mu.RLock()
	if x.rows == nil {
		// Building the map of an adopted index is a write.
		x.mu.RUnlock()
		x.mu.Lock()
		x.rowMap()
		x.mu.Unlock()
		x.mu.RLock()
	}
	defer x.mu.RUnlock()
	r, ok := x.rows[id]
	if !ok {
		return nil, false
	}
	return append([]float32(nil), x.row(r)...), true
}

// Reset removes every vector and releases the memory they used, keeping the
// dimension and options. The memory engine calls it before rebuilding the
// index from the store.
func (x *Index) Reset() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.data, x.ids, x.codes, x.scales = nil, nil, nil, nil
	x.rows = make(map[int64]int)
	x.quantised = false
}

// row returns row r of the float matrix. The three-index slice stops an
// append through it from spilling into the next row.
func (x *Index) row(r int) []float32 {
	return x.data[r*x.dim : (r+1)*x.dim : (r+1)*x.dim]
}
