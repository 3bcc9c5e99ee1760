package vector

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// testKernels lists every kernel set this build can run on this CPU, so each
// kernel is checked against the pure-Go reference.
func testKernels() []kernels {
	ks := []kernels{genericKernels}
	if defaultKernels.name != genericKernels.name {
		ks = append(ks, defaultKernels)
	}
	return ks
}

// naiveDot is the reference every kernel is checked against: one float64
// accumulator, no unrolling.
func naiveDot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func naiveDotInt8(a, b []int8) int32 {
	var s int32
	for i := range a {
		s += int32(a[i]) * int32(b[i])
	}
	return s
}

func randFloats(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(r.NormFloat64())
	}
	return v
}

func randInt8s(r *rand.Rand, n int) []int8 {
	v := make([]int8, n)
	for i := range v {
		v[i] = int8(r.IntN(255) - 127)
	}
	return v
}

// kernelLengths covers the empty vector, every tail length of the 32- and
// 64-wide loops, and the dimensions real embedders produce.
func kernelLengths() []int {
	var ns []int
	for n := 0; n <= 130; n++ {
		ns = append(ns, n)
	}
	return append(ns, 255, 256, 384, 385, 512, 768, 1024, 1536)
}

func TestDotKernelsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range testKernels() {
		t.Run(k.name, func(t *testing.T) {
			for _, n := range kernelLengths() {
				a, b := randFloats(r, n), randFloats(r, n)
				want := naiveDot(a, b)
				got := float64(k.f32(a, b))
				// float32 accumulation in a different order: allow a
				// relative error against the norm product, which bounds it.
				tol := 1e-5 * math.Sqrt(naiveDot(a, a)*naiveDot(b, b))
				if math.Abs(got-want) > tol+1e-6 {
					t.Errorf("n=%d: got %v, want %v (tol %v)", n, got, want, tol)
				}
			}
		})
	}
}

func TestDotInt8KernelsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, k := range testKernels() {
		t.Run(k.name, func(t *testing.T) {
			for _, n := range kernelLengths() {
				a, b := randInt8s(r, n), randInt8s(r, n)
				if got, want := k.i8(a, b), naiveDotInt8(a, b); got != want {
					t.Errorf("n=%d: got %d, want %d", n, got, want)
				}
			}
			// The extremes: every product is 127*127 or (-127)*(-127).
			a, b := make([]int8, MaxDim), make([]int8, MaxDim)
			for i := range a {
				a[i], b[i] = -127, -127
				if i%2 == 0 {
					a[i], b[i] = 127, 127
				}
			}
			if got, want := k.i8(a, b), naiveDotInt8(a, b); got != want {
				t.Errorf("n=MaxDim extremes: got %d, want %d", got, want)
			}
		})
	}
}

func TestDotKernelsIgnoreLongerB(t *testing.T) {
	for _, k := range testKernels() {
		t.Run(k.name, func(t *testing.T) {
			a := []float32{1, 2, 3}
			b := []float32{1, 1, 1, 100, 100}
			if got := k.f32(a, b); got != 6 {
				t.Errorf("f32: got %v, want 6", got)
			}
			if got := k.i8([]int8{1, 2, 3}, []int8{1, 1, 1, 100}); got != 6 {
				t.Errorf("i8: got %v, want 6", got)
			}
		})
	}
}

func TestDot(t *testing.T) {
	tests := []struct {
		name string
		a, b []float32
		want float32
	}{
		{"empty", nil, nil, 0},
		{"orthogonal", []float32{1, 0}, []float32{0, 1}, 0},
		{"same", []float32{0.6, 0.8}, []float32{0.6, 0.8}, 1},
		{"length mismatch", []float32{1, 2}, []float32{1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Dot(tt.a, tt.b); math.Abs(float64(got-tt.want)) > 1e-6 {
				t.Errorf("Dot = %v, want %v", got, tt.want)
			}
		})
	}
}

var sinkF32 float32
var sinkI32 int32

func naiveDotF32(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// BenchmarkDot compares the float32 kernels; the numbers in dot.go come from
// `go test -run '^$' -bench Dot -count 3 ./engine/vector`.
func BenchmarkDot(b *testing.B) {
	fs := []struct {
		name string
		f    func(a, b []float32) float32
	}{
		{"naive", naiveDotF32},
		{"unroll4", dotGeneric4},
		{"unroll8", dotGeneric},
	}
	if hasAVX2Kernels() {
		fs = append(fs, struct {
			name string
			f    func(a, b []float32) float32
		}{"avx2", defaultKernels.f32})
	}
	r := rand.New(rand.NewPCG(5, 6))
	for _, dim := range []int{256, 384, 768} {
		x, y := randFloats(r, dim), randFloats(r, dim)
		for _, f := range fs {
			b.Run(fmt.Sprintf("%s/d=%d", f.name, dim), func(b *testing.B) {
				for b.Loop() {
					sinkF32 = f.f(x, y)
				}
			})
		}
	}
}

// BenchmarkDotInt8 compares the int8 kernels.
func BenchmarkDotInt8(b *testing.B) {
	fs := []struct {
		name string
		f    func(a, b []int8) int32
	}{
		{"naive", naiveDotInt8},
		{"unroll8", dotInt8Generic},
	}
	if hasAVX2Kernels() {
		fs = append(fs, struct {
			name string
			f    func(a, b []int8) int32
		}{"avx2", defaultKernels.i8})
	}
	r := rand.New(rand.NewPCG(7, 8))
	for _, dim := range []int{256, 384, 768} {
		x, y := randInt8s(r, dim), randInt8s(r, dim)
		for _, f := range fs {
			b.Run(fmt.Sprintf("%s/d=%d", f.name, dim), func(b *testing.B) {
				for b.Loop() {
					sinkI32 = f.f(x, y)
				}
			})
		}
	}
}

func hasAVX2Kernels() bool { return defaultKernels.name != genericKernels.name }

// dotGeneric4 is the plain four-way unrolled loop that BenchmarkDot
// measured against dotGeneric's eight-wide one.
func dotGeneric4(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		x := a[i : i+4 : i+4]
		y := b[i : i+4 : i+4]
		s0 += x[0] * y[0]
		s1 += x[1] * y[1]
		s2 += x[2] * y[2]
		s3 += x[3] * y[3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}
