package vector

import "fmt"

// Matrix is the contents of an index as it lies in memory: the layout a
// persisted copy of the index needs, so that loading one is a matter of
// pointing an index at its bytes (see [Adopt] and [Index.View]).
type Matrix struct {
	// Dim is the number of elements in each vector.
	Dim int
	// IDs holds the id of each row, in row order; ids are unique.
	IDs []int64
	// Data holds len(IDs) normalised vectors, row after row.
	Data []float32
	// Codes is the int8 copy of Data (len(IDs)*Dim codes) and Scales the
	// scale of each row: Data[r*Dim+i] is about Codes[r*Dim+i]*Scales[r].
	// Both are nil when the index keeps no int8 copy.
	Codes  []int8
	Scales []float32
}

// Len returns the number of rows in m.
func (m Matrix) Len() int { return len(m.IDs) }

// Adopt returns an index over the slices of m, without copying them: the
// memory engine adopts a matrix read (or mapped) from its index snapshot, so
// a process that only searches never holds a second copy of the vectors.
//
// The index takes ownership. It writes into the slices when a vector is
// replaced or deleted, so memory mapped from a file must be mapped
// copy-on-write (private); appending beyond their capacity moves the index
// to memory of its own. The caller must keep the memory valid for as long
// as the index is used.
//
// Adopt checks the lengths but not the values: Data must hold normalised,
// finite vectors and IDs must be unique, as they are in a matrix taken from
// an index with [Index.View]. Codes and Scales are used when the index is
// quantised at this size (see [WithQuantizeThreshold]) and built from Data
// when they are needed but missing. The id-to-row map is built on the first
// write or Get, not here, so a process that only searches never pays for it.
func Adopt(m Matrix, opts ...Option) (*Index, error) {
	x, err := New(m.Dim, opts...)
	if err != nil {
		return nil, fmt.Errorf("adopt matrix: %w", err)
	}
	n := len(m.IDs)
	if len(m.Data) != n*m.Dim {
		return nil, fmt.Errorf("adopt matrix: %d values for %d rows of %d: %w", len(m.Data), n, m.Dim, ErrDimMismatch)
	}
	hasCodes := m.Codes != nil || m.Scales != nil
	if hasCodes && (len(m.Codes) != n*m.Dim || len(m.Scales) != n) {
		return nil, fmt.Errorf("adopt matrix: %d codes and %d scales for %d rows of %d: %w",
			len(m.Codes), len(m.Scales), n, m.Dim, ErrDimMismatch)
	}
	x.ids, x.data, x.rows = m.IDs, m.Data, nil
	switch {
	case x.quantMin <= 0 || n < x.quantMin:
		// Not quantised at this size: the codes are not needed.
	case hasCodes:
		x.codes, x.scales, x.quantised = m.Codes, m.Scales, true
	default:
		x.buildCodes()
	}
	return x, nil
}

// rowMap returns the id-to-row map, building it first in an adopted index.
// The caller holds x.mu for writing.
func (x *Index) rowMap() map[int64]int {
	if x.rows == nil {
		x.rows = make(map[int64]int, len(x.ids))
		for r, id := range x.ids {
			x.rows[id] = r
		}
	}
	return x.rows
}

// View calls fn with rows lo to hi (clamped to the rows there are) of the
// index's matrices, under the index's read lock, and returns the number of
// rows in the index. Codes and Scales are nil when the index keeps no int8
// copy. fn must not keep or modify the slices, and must not call back into
// the index. Writing a large index out in slices of a few thousand rows
// keeps writers from waiting behind one long read.
func (x *Index) View(lo, hi int, fn func(Matrix)) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := len(x.ids)
	lo, hi = max(0, min(lo, n)), max(0, min(hi, n))
	if lo > hi {
		lo = hi
	}
	m := Matrix{Dim: x.dim, IDs: x.ids[lo:hi:hi], Data: x.data[lo*x.dim : hi*x.dim : hi*x.dim]}
	if x.quantised {
		m.Codes, m.Scales = x.codes[lo*x.dim:hi*x.dim:hi*x.dim], x.scales[lo:hi:hi]
	}
	fn(m)
	return n
}

// Quantized reports whether the index keeps an int8 copy of its vectors.
func (x *Index) Quantized() bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.quantised
}
