//go:build !purego

package vector

import (
	"testing"

	"golang.org/x/sys/cpu"
)

// TestDispatch checks that amd64 picks the assembly kernels exactly when
// the CPU has both AVX2 and FMA, and that quantisation defaults follow.
func TestDispatch(t *testing.T) {
	want := genericKernels.name
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		want = "avx2"
	}
	if defaultKernels.name != want {
		t.Errorf("default kernels %q, want %q", defaultKernels.name, want)
	}
	x, err := New(8)
	if err != nil {
		t.Fatal(err)
	}
	wantQuant := 0
	if want == "avx2" {
		wantQuant = DefaultQuantizeThreshold
	}
	if x.quantMin != wantQuant {
		t.Errorf("default quantisation threshold %d, want %d", x.quantMin, wantQuant)
	}
}
