package plugins

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Hand-encoded WebAssembly for tests and benchmarks: a minimal servlet
// plugin with no language runtime, to measure the host's own costs next to a
// Go guest's, and small modules for the data segment rewriting.

const (
	tinyDescribe = `{"tools":[{"name":"noop","description":"does nothing","inputSchema":{"type":"object"}}]}`
	tinyResult   = `{"content":[{"type":"text","text":"ok"}]}`
	tinyResultAt = 1024
)

// wasmSection encodes one section.
func wasmSection(id byte, body []byte) []byte {
	return append(binary.AppendUvarint([]byte{id}, uint64(len(body))), body...)
}

// wasmVec encodes a vector of already encoded items.
func wasmVec(items ...[]byte) []byte {
	b := binary.AppendUvarint(nil, uint64(len(items)))
	for _, it := range items {
		b = append(b, it...)
	}
	return b
}

// wasmName encodes a name.
func wasmName(s string) []byte { return append(binary.AppendUvarint(nil, uint64(len(s))), s...) }

// wasmModule encodes a module of the given sections.
func wasmModule(sections ...[]byte) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	for _, s := range sections {
		b = append(b, s...)
	}
	return b
}

// wasmMemory encodes a memory section with one memory of min pages.
func wasmMemory(pages uint64) []byte {
	return wasmSection(5, wasmVec(binary.AppendUvarint([]byte{0x00}, pages)))
}

// wasmData encodes a data section of active segments of memory 0.
func wasmData(segs ...dataSegment) []byte {
	var items [][]byte
	for _, s := range segs {
		b := appendVarint32([]byte{0x00, 0x41}, int32(s.offset))
		b = append(b, 0x0b)
		b = append(binary.AppendUvarint(b, uint64(len(s.init))), s.init...)
		items = append(items, b)
	}
	return wasmSection(11, wasmVec(items...))
}

// emitBody encodes a function that copies n bytes at guest address ptr into
// a new kernel block (alloc, then store_u8 byte by byte), makes the block the
// call's output, and returns 0. Locals: $off i64, $i i32.
func emitBody(ptr, n int32) []byte {
	c := []byte{0x02, 0x01, 0x7e, 0x01, 0x7f} // 1 i64 local, 1 i32 local
	i64 := func(v int32) []byte { return appendVarint32([]byte{0x42}, v) }
	i32 := func(v int32) []byte { return appendVarint32([]byte{0x41}, v) }
	c = append(c, i64(n)...)
	c = append(c, 0x10, 0x00, 0x21, 0x00) // call alloc; local.set $off
	c = append(c, 0x02, 0x40, 0x03, 0x40) // block; loop
	c = append(c, 0x20, 0x01)             // local.get $i
	c = append(c, i32(n)...)
	c = append(c, 0x4f, 0x0d, 0x01)                   // i32.ge_u; br_if 1
	c = append(c, 0x20, 0x00, 0x20, 0x01, 0xad, 0x7c) // $off + i64($i)
	c = append(c, 0x20, 0x01, 0x2d, 0x00)             // i32.load8_u, align 1, at $i
	c = binary.AppendUvarint(c, uint64(ptr))          // + offset ptr
	c = append(c, 0x10, 0x01)                         // call store_u8
	c = append(c, 0x20, 0x01)
	c = append(c, i32(1)...)
	c = append(c, 0x6a, 0x21, 0x01)       // $i = $i + 1
	c = append(c, 0x0c, 0x00, 0x0b, 0x0b) // br 0; end loop; end block
	c = append(c, 0x20, 0x00)
	c = append(c, i64(n)...)
	c = append(c, 0x10, 0x02) // call output_set
	c = append(c, i32(0)...)
	c = append(c, 0x0b)
	return append(binary.AppendUvarint(nil, uint64(len(c))), c...)
}

// tinyPlugin returns a minimal servlet plugin: describe lists one tool,
// call answers every call with "ok", and noop does nothing. It is a few
// hundred bytes with one data page, where a Go guest is megabytes.
func tinyPlugin() []byte {
	types := wasmSection(1, wasmVec(
		[]byte{0x60, 0x01, 0x7e, 0x01, 0x7e}, // (i64) -> i64: alloc
		[]byte{0x60, 0x02, 0x7e, 0x7f, 0x00}, // (i64, i32): store_u8
		[]byte{0x60, 0x02, 0x7e, 0x7e, 0x00}, // (i64, i64): output_set
		[]byte{0x60, 0x00, 0x01, 0x7f},       // () -> i32: exports
	))
	imp := func(name string, typ byte) []byte {
		return append(append(wasmName("extism:host/env"), wasmName(name)...), 0x00, typ)
	}
	imports := wasmSection(2, wasmVec(imp("alloc", 0), imp("store_u8", 1), imp("output_set", 2)))
	funcs := wasmSection(3, wasmVec([]byte{3}, []byte{3}, []byte{3}))
	exp := func(name string, idx byte) []byte { return append(wasmName(name), 0x00, idx) }
	exports := wasmSection(7, wasmVec(exp("describe", 3), exp("call", 4), exp("noop", 5)))
	noop := []byte{0x04, 0x00, 0x41, 0x00, 0x0b}
	code := wasmSection(10, wasmVec(
		emitBody(0, int32(len(tinyDescribe))),
		emitBody(tinyResultAt, int32(len(tinyResult))),
		noop,
	))
	data := wasmData(
		dataSegment{offset: 0, init: []byte(tinyDescribe)},
		dataSegment{offset: tinyResultAt, init: []byte(tinyResult)},
	)
	return wasmModule(types, imports, funcs, wasmMemory(1), exports, code, data)
}

var (
	tinyOnce sync.Once
	tinyPath string
	tinyErr  error
)

// tinyFile writes the minimal plugin once per test run and returns its path.
func tinyFile(t testing.TB) string {
	t.Helper()
	tinyOnce.Do(func() {
		tinyPath = filepath.Join(testDir, "tiny.wasm")
		tinyErr = os.WriteFile(tinyPath, tinyPlugin(), 0o644)
	})
	if tinyErr != nil {
		t.Fatal(tinyErr)
	}
	return tinyPath
}

// TestTinyPlugin checks the minimal plugin the benchmarks compare with.
func TestTinyPlugin(t *testing.T) {
	p := load(t, "tiny", tinyFile(t), Grants{})
	if tools := p.Tools(); len(tools) != 1 || tools[0].Name != "noop" {
		t.Fatalf("tools = %+v, want one named noop", tools)
	}
	for range 3 { // the first call takes extism's path, the next ones the fast path
		if res := call(t, p, "noop", `{}`); text(res) != "ok" {
			t.Errorf("noop = %+v, want ok", res)
		}
	}
}
