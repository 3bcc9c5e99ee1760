package plugins

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"os"
	"testing"

	"github.com/tetratelabs/wazero"
)

// memoryImage applies a module's data segments, in order, to a zeroed
// memory of pages pages: what a new instance's memory holds.
func memoryImage(t *testing.T, wasm []byte, pages int) []byte {
	t.Helper()
	segs := dataSegmentsOf(t, wasm)
	mem := make([]byte, pages*65536)
	for _, s := range segs {
		copy(mem[s.offset:], s.init)
	}
	return mem
}

// dataSegmentsOf returns the data segments of a module.
func dataSegmentsOf(t *testing.T, wasm []byte) []dataSegment {
	t.Helper()
	for pos := 8; pos < len(wasm); {
		size, n := binary.Uvarint(wasm[pos+1:])
		body := pos + 1 + n
		if wasm[pos] == wasmSectionData {
			segs, err := parseDataSegments(wasm[body : body+int(size)])
			if err != nil {
				t.Fatal(err)
			}
			return segs
		}
		pos = body + int(size)
	}
	return nil
}

// TestCompactDataKeepsMemory checks that a Go guest's new instance starts
// with exactly the memory its original data segments describe, on a
// recycled memory (the first instance ran the Go runtime and dirtied it).
func TestCompactDataKeepsMemory(t *testing.T) {
	path := fixture(t, "sandbox")
	wasm, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, m := len(dataSegmentsOf(t, wasm)), len(dataSegmentsOf(t, compactData(wasm))); m >= n/100 {
		t.Errorf("compactData left %d of %d data segments", m, n)
	}
	p := load(t, "compacted", path, Grants{})
	ctx := context.Background()
	used := startedInstance(t, p, true)
	used.close(ctx)
	if len(p.mem.free) == 0 {
		t.Fatal("closing an instance gave no memory back to the pool")
	}
	in, err := p.newInstance(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer in.close(ctx)
	mem := pluginModule(in.ep, "mainModule").Memory()
	got, _ := mem.Read(0, mem.Size())
	want := memoryImage(t, wasm, int(mem.Size()/65536))
	if len(got) != len(want) {
		t.Fatalf("memory is %d bytes, want %d", len(got), len(want))
	}
	if i := firstByteDiff(got, want); i >= 0 {
		t.Errorf("memory differs at byte %#x: got %#x, want %#x", i, got[i], want[i])
	}
}

// firstByteDiff returns the first index where a and b differ, or -1.
func firstByteDiff(a, b []byte) int {
	if bytes.Equal(a, b) {
		return -1
	}
	return firstDiff(string(a), string(b))
}

// segments returns n one-byte-apart segments starting at base, each a few
// non-zero bytes, separated by gap zero bytes.
func segments(base uint32, n, gap int) []dataSegment {
	var segs []dataSegment
	off := base
	for i := range n {
		init := bytes.Repeat([]byte{byte(i%255 + 1)}, 1+i%5)
		segs = append(segs, dataSegment{offset: off, init: init})
		off += uint32(len(init) + gap)
	}
	return segs
}

func TestCompactData(t *testing.T) {
	many := segments(100, 200, 3)
	reversed := append([]dataSegment(nil), many...)
	for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
		reversed[i], reversed[j] = reversed[j], reversed[i]
	}
	spread := append(segments(0, 100, 1), segments(40_000, 100, maxMergeGap+1)...)
	overlapping := append(segments(0, 100, 1), dataSegment{offset: 10, init: []byte{9, 9, 9}})
	importMemory := wasmSection(2, wasmVec(append(append(wasmName("env"), wasmName("memory")...), 0x02, 0x00, 0x01)))
	passive := append([]byte{}, wasmData(many...)...)
	tests := []struct {
		name     string
		wasm     []byte
		pages    int
		merged   bool
		segments int // after merging
	}{
		{"ascending", wasmModule(wasmMemory(1), wasmData(many...)), 1, true, 1},
		{"any order", wasmModule(wasmMemory(1), wasmData(reversed...)), 1, true, 1},
		{"gaps above the limit", wasmModule(wasmMemory(2), wasmData(spread...)), 2, true, 101},
		{"few segments", wasmModule(wasmMemory(1), wasmData(segments(0, 10, 1)...)), 1, false, 0},
		{"overlapping", wasmModule(wasmMemory(1), wasmData(overlapping...)), 1, false, 0},
		{"data count section", wasmModule(wasmMemory(1), wasmSection(12, []byte{200}), wasmData(many...)), 1, false, 0},
		{"imported memory", wasmModule(importMemory, wasmData(many...)), 0, false, 0},
		{"passive segment", wasmModule(wasmMemory(1), passiveFirst(passive)), 0, false, 0},
		{"truncated", wasmModule(wasmMemory(1), wasmData(many...))[:200], 0, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := compactData(tt.wasm)
			if !tt.merged {
				if !bytes.Equal(got, tt.wasm) {
					t.Fatal("compactData changed a module it must leave alone")
				}
				return
			}
			if n := len(dataSegmentsOf(t, got)); n != tt.segments {
				t.Errorf("%d segments after merging, want %d", n, tt.segments)
			}
			// Both modules instantiate to the same memory in wazero itself.
			ctx := context.Background()
			rt := wazero.NewRuntime(ctx)
			defer rt.Close(ctx)
			var mems [2][]byte
			for i, wasm := range [][]byte{tt.wasm, got} {
				mod, err := rt.InstantiateWithConfig(ctx, wasm, wazero.NewModuleConfig().WithName(""))
				if err != nil {
					t.Fatal(err)
				}
				mems[i], _ = mod.Memory().Read(0, mod.Memory().Size())
			}
			if i := firstByteDiff(mems[0], mems[1]); i >= 0 {
				t.Errorf("memories differ at byte %d (lengths %d and %d)", i, len(mems[0]), len(mems[1]))
			}
			if !bytes.Equal(mems[0], memoryImage(t, tt.wasm, tt.pages)) {
				t.Error("the memory is not the segments' image")
			}
		})
	}
}

// passiveFirst turns the first segment of an encoded data section passive.
func passiveFirst(section []byte) []byte {
	_, n := binary.Uvarint(section[1:])
	body := 1 + n
	_, m := binary.Uvarint(section[body:]) // segment count
	first := body + m
	// Active "00 41 <offset> 0b" becomes passive "01": drop the offset
	// expression and rebuild the section around the new body.
	end := first + 2
	for section[end] != 0x0b {
		end++
	}
	rest := append([]byte{0x01}, section[end+1:]...)
	newBody := append(append([]byte{}, section[body:first]...), rest...)
	return wasmSection(wasmSectionData, newBody)
}

func TestVarint32(t *testing.T) {
	for _, v := range []int32{0, 1, 63, 64, -1, -64, -65, 1 << 20, math.MaxInt32, math.MinInt32} {
		r := wasmReader{b: appendVarint32(nil, v)}
		if got := r.varint32(); got != v || r.err != nil || r.pos != len(r.b) {
			t.Errorf("varint32(appendVarint32(%d)) = %d, err %v, read %d of %d bytes", v, got, r.err, r.pos, len(r.b))
		}
	}
}
