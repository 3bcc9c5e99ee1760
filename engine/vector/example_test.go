package vector_test

import (
	"fmt"

	"github.com/sweetmcp/sweet/engine/vector"
)

func Example() {
	idx, err := vector.New(3)
	if err != nil {
		panic(err)
	}
	// Vectors need not be normalised: the index keeps a normalised copy.
	_ = idx.Upsert(1, []float32{1, 0, 0})
	_ = idx.Upsert(2, []float32{1, 1, 0})
	_ = idx.Upsert(3, []float32{0, 0, 5})

	hits, err := idx.Search([]float32{2, 1, 0}, 2, nil)
	if err != nil {
		panic(err)
	}
	for _, h := range hits {
		fmt.Printf("%d %.3f\n", h.ID, h.Score)
	}
	// Output:
	// 2 0.949
	// 1 0.894
}

func ExampleDecodeFloat32LE() {
	blob := vector.EncodeFloat32LE([]float32{0.6, 0.8})
	v, err := vector.DecodeFloat32LE(blob, 2)
	fmt.Println(len(blob), v, err)

	_, err = vector.DecodeFloat32LE(blob, 384)
	fmt.Println(err)
	// Output:
	// 8 [0.6 0.8] <nil>
	// decode vector: 8 bytes is not 384 float32 values (1536 bytes): dimension mismatch
}
