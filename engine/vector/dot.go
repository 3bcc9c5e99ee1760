package vector

// kernels is the pair of dot-product functions an index scans with. Each
// index copies the process default at construction, so tests can run the
// same index code over every kernel without touching shared state.
type kernels struct {
	name string
	f32  func(a, b []float32) float32
	i8   func(a, b []int8) int32
	// quantizeMin is the default quantisation threshold with these
	// kernels; 0 means the int8 scan does not pay for itself.
	quantizeMin int
}

// genericKernels are the pure-Go kernels, used on every architecture
// without assembly, when AVX2 or FMA is missing, and under the purego tag.
// Quantisation is off by default with them: the pure-Go int8 loop is slower
// than the float32 one, and BenchmarkSearch -tags purego measured the
// quantised search of 100k × 384-d at 63-68 ms against 26-36 ms exact.
var genericKernels = kernels{name: "generic", f32: dotGeneric, i8: dotInt8Generic}

// defaultKernels is what New uses. The amd64 build replaces it at init with
// the assembly kernels when the CPU supports them.
var defaultKernels = genericKernels

// Dot returns the dot product of a and b, which is their cosine similarity
// when both are normalised. It uses the fastest kernel for this CPU and
// returns 0 when the lengths differ.
func Dot(a, b []float32) float32 {
	if len(a) != len(b) {
		return 0
	}
	return defaultKernels.f32(a, b)
}

// MaxDim is the largest dimension an index accepts. It keeps the int8 dot
// product (at most 127*127 per element) far from int32 overflow and covers
// every embedding model in use (the largest common ones are 3072-d).
const MaxDim = 1 << 16
