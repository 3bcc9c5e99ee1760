package vector

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrDimMismatch is returned (wrapped) when a vector or BLOB does not have
// the dimension the index or caller expects. It usually means the embedding
// model changed since the vectors were stored.
var ErrDimMismatch = errors.New("dimension mismatch")

// EncodeFloat32LE returns v as little-endian IEEE-754 float32 bytes, the
// format the store keeps vectors in (4 bytes per element, no header).
func EncodeFloat32LE(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

// DecodeFloat32LE decodes a BLOB written by [EncodeFloat32LE] holding
// exactly dim elements. A BLOB of any other length is an error wrapping
// [ErrDimMismatch], so a vector from a different model is never misread.
func DecodeFloat32LE(b []byte, dim int) ([]float32, error) {
	if dim <= 0 {
		return nil, fmt.Errorf("decode vector: dimension %d is not positive: pass the index dimension", dim)
	}
	if len(b) != 4*dim {
		return nil, fmt.Errorf("decode vector: %d bytes is not %d float32 values (%d bytes): %w",
			len(b), dim, 4*dim, ErrDimMismatch)
	}
	v := make([]float32, dim)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v, nil
}

// Normalize scales v in place to unit length and returns its length before
// scaling. A zero vector is left unchanged and 0 is returned, since it has
// no direction. A vector already of unit length to within float32 rounding
// is left bit for bit as it is, so normalising twice changes nothing and a
// vector read back from the store equals the one written. The norm is
// computed in float64 so long vectors of small values do not lose precision.
func Normalize(v []float32) float32 {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if ss == 0 {
		return 0
	}
	n := math.Sqrt(ss)
	if math.Abs(n-1) < unitTolerance {
		return float32(n)
	}
	inv := 1 / n
	for i, x := range v {
		v[i] = float32(float64(x) * inv)
	}
	return float32(n)
}

// unitTolerance is how far from 1 a norm may be and still count as unit
// length. Rounding each element of a normalised vector to float32 moves its
// norm by about 1e-7 times the square root of its dimension; 1e-5 covers
// dimensions up to MaxDim while changing cosines by less than float32 noise.
const unitTolerance = 1e-5

// checkFinite reports an error naming the first NaN or infinite element of
// v: one such value would poison every score it touches.
func checkFinite(v []float32) error {
	for i, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return fmt.Errorf("element %d is %v: vectors must hold finite numbers", i, x)
		}
	}
	return nil
}
