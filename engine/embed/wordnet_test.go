package embed

import (
	"testing"
	"unsafe"

	"github.com/sweetmcp/sweet/engine/embed/internal/wndata"
)

// TestWordnetDataVerifies checks the embedded image fully (checksum,
// every id), which loading skips to stay cheap.
func TestWordnetDataVerifies(t *testing.T) {
	if err := wndata.Verify(wordnetData); err != nil {
		t.Fatal(err)
	}
}

// TestWordnetDataSize keeps the embedded image, which every sweet binary
// carries, within its budget.
func TestWordnetDataSize(t *testing.T) {
	const budget = 8 << 20
	if n := len(wordnetData); n > budget {
		t.Errorf("data/wordnet.bin is %d bytes, over the %d-byte budget", n, budget)
	}
}

// TestWordnetDataAligned checks the linker placed the embedded image at a
// 4-byte boundary (it aligns large symbols to the word size), so Open
// reads it in place; otherwise every process would copy it.
func TestWordnetDataAligned(t *testing.T) {
	if p := uintptr(unsafe.Pointer(unsafe.StringData(wordnetData))); p%4 != 0 {
		t.Errorf("data/wordnet.bin is embedded at %#x, not 4-byte aligned: wndata.Open copies it on every start", p)
	}
}
