//go:build !purego

package vector

import "golang.org/x/sys/cpu"

// dotAVX2 returns the dot product of a and b using AVX2 and FMA. It reads
// len(a) elements of b: callers must pass len(b) >= len(a).
//
//go:noescape
func dotAVX2(a, b []float32) float32

// dotInt8AVX2 returns the int8 dot product of a and b using AVX2. It reads
// len(a) elements of b: callers must pass len(b) >= len(a).
//
//go:noescape
func dotInt8AVX2(a, b []int8) int32

// hasAVX2 reports whether the assembly kernels can run on this CPU. FMA is a
// separate CPUID bit from AVX2, so both are checked.
var hasAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// dotF32AVX2 guards the length contract of dotAVX2 so a short b can never
// make the assembly read past its end.
func dotF32AVX2(a, b []float32) float32 {
	return dotAVX2(a, b[:len(a)])
}

// dotI8AVX2 guards the length contract of dotInt8AVX2.
func dotI8AVX2(a, b []int8) int32 {
	return dotInt8AVX2(a, b[:len(a)])
}

func init() {
	if hasAVX2 {
		defaultKernels = kernels{
			name:        "avx2",
			f32:         dotF32AVX2,
			i8:          dotI8AVX2,
			quantizeMin: DefaultQuantizeThreshold,
		}
	}
}
