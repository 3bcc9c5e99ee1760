package vector

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	tests := [][]float32{
		{0},
		{1, -1, 0.5, float32(math.Inf(1)), math.SmallestNonzeroFloat32, math.MaxFloat32},
		randFloats(newRand(), 384),
	}
	for _, v := range tests {
		b := EncodeFloat32LE(v)
		if len(b) != 4*len(v) {
			t.Fatalf("encoded %d values into %d bytes", len(v), len(b))
		}
		got, err := DecodeFloat32LE(b, len(v))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, v) {
			t.Errorf("round trip: got %v, want %v", got, v)
		}
	}
}

// TestEncodeLittleEndian pins the byte layout the store depends on.
func TestEncodeLittleEndian(t *testing.T) {
	got := EncodeFloat32LE([]float32{1, -2})
	want := []byte{0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0}
	if !slices.Equal(got, want) {
		t.Errorf("got % x, want % x", got, want)
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name    string
		b       []byte
		dim     int
		wantDim bool
	}{
		{"short", make([]byte, 7), 2, true},
		{"long", make([]byte, 12), 2, true},
		{"empty", nil, 1, true},
		{"zero dim", nil, 0, false},
		{"negative dim", make([]byte, 4), -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeFloat32LE(tt.b, tt.dim)
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, ErrDimMismatch) != tt.wantDim {
				t.Errorf("err = %v, want ErrDimMismatch %v", err, tt.wantDim)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name     string
		v, want  []float32
		wantNorm float32
	}{
		{"3-4-5", []float32{3, 4}, []float32{0.6, 0.8}, 5},
		{"zero stays zero", []float32{0, 0}, []float32{0, 0}, 0},
		{"empty", nil, nil, 0},
		{"tiny values", []float32{1e-30, 0}, []float32{1, 0}, 1e-30},
		{"already unit", []float32{0.6, 0.8}, []float32{0.6, 0.8}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := Normalize(tt.v)
			again := slices.Clone(tt.v)
			if Normalize(again); !slices.Equal(again, tt.v) {
				t.Errorf("normalising twice changed %v to %v", tt.v, again)
			}
			if n != tt.wantNorm || !slices.Equal(tt.v, tt.want) {
				t.Errorf("got %v (norm %v), want %v (norm %v)", tt.v, n, tt.want, tt.wantNorm)
			}
		})
	}
}

// TestNormalizeIdempotent checks the property the store relies on: a
// normalised vector of a real dimension survives a second Normalize exactly.
func TestNormalizeIdempotent(t *testing.T) {
	r := newRand()
	for _, dim := range []int{3, 384, 1536, MaxDim} {
		for range 20 {
			v := randFloats(r, dim)
			Normalize(v)
			w := slices.Clone(v)
			Normalize(w)
			if !slices.Equal(v, w) {
				t.Fatalf("dim %d: a second Normalize changed the vector", dim)
			}
		}
	}
}

// FuzzDecodeFloat32LE checks that any BLOB either decodes to values that
// encode back to the same bytes or is rejected, and never panics.
func FuzzDecodeFloat32LE(f *testing.F) {
	f.Add([]byte{0, 0, 0x80, 0x3f}, 1)
	f.Add([]byte{1, 2, 3}, 1)
	f.Add([]byte{}, 0)
	f.Fuzz(func(t *testing.T, b []byte, dim int) {
		v, err := DecodeFloat32LE(b, dim)
		if err != nil {
			return
		}
		if got := EncodeFloat32LE(v); !slices.Equal(got, b) {
			t.Fatalf("round trip changed % x to % x", b, got)
		}
	})
}
