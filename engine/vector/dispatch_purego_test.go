//go:build purego || !amd64

package vector

import "testing"

// TestDispatch checks that builds without the assembly use the pure-Go
// kernels and leave quantisation off by default.
func TestDispatch(t *testing.T) {
	if defaultKernels.name != genericKernels.name {
		t.Errorf("default kernels %q, want %q", defaultKernels.name, genericKernels.name)
	}
	x, err := New(8)
	if err != nil {
		t.Fatal(err)
	}
	if x.quantMin != 0 {
		t.Errorf("default quantisation threshold %d, want 0 (off)", x.quantMin)
	}
}
