package plugins

import (
	"cmp"
	"encoding/binary"
	"errors"
	"slices"
)

// Why data segments are merged: Go's linker writes a module's initial data
// as tens of thousands of small data segments (39,403 in the test fixture,
// split at every run of zero bytes), and wazero evaluates each segment's
// offset with a few allocations every time it instantiates the module, which
// made up about half of the cost of a new instance. compactData rewrites the
// data section into a few segments holding the same bytes at the same
// addresses, before compiling. The memory a new instance starts with is
// byte for byte the same; only the number of copies wazero makes changes.

const (
	wasmSectionImport    = 2
	wasmSectionData      = 11
	wasmSectionDataCount = 12

	// minSegmentsToMerge leaves modules with few segments as they are.
	minSegmentsToMerge = 64
	// maxMergeGap is the longest run of zero bytes a merged segment spans
	// rather than starting a new segment: copying a few hundred zeros costs
	// about what wazero spends setting up one segment.
	maxMergeGap = 256
)

// dataSegment is an active data segment of memory 0 with a constant offset.
type dataSegment struct {
	offset uint32
	init   []byte
}

// errNotMergeable stops compactData on anything it does not rewrite.
var errNotMergeable = errors.New("data section not mergeable")

// compactData returns wasm with its data segments merged, or wasm itself
// when merging could change what a new instance holds or gains nothing.
// It merges only when every segment is active, targets the module's own
// memory (not an imported one, whose bytes between segments are not known
// to be zero) at a constant offset, no two segments overlap (so their order
// does not matter) and there is no data count section (so no instruction
// refers to a segment by index). A malformed module is returned unchanged,
// for the compiler to report.
func compactData(wasm []byte) []byte {
	if len(wasm) < 8 {
		return wasm
	}
	var dataStart, dataEnd int
	var segs []dataSegment
	for pos := 8; pos < len(wasm); {
		id := wasm[pos]
		size, n := binary.Uvarint(wasm[pos+1:])
		body := pos + 1 + n
		if n <= 0 || size > uint64(len(wasm)-body) {
			return wasm
		}
		end := body + int(size)
		switch id {
		case wasmSectionDataCount:
			return wasm
		case wasmSectionImport:
			if importsMemory(wasm[body:end]) {
				return wasm
			}
		case wasmSectionData:
			var err error
			if segs, err = parseDataSegments(wasm[body:end]); err != nil {
				return wasm
			}
			dataStart, dataEnd = pos, end
		}
		pos = end
	}
	if len(segs) < minSegmentsToMerge {
		return wasm
	}
	runs, ok := mergeSegments(segs)
	if !ok {
		return wasm
	}
	out := make([]byte, 0, len(wasm)-(dataEnd-dataStart)+1+binary.MaxVarintLen64+dataSectionSize(runs))
	out = append(out, wasm[:dataStart]...)
	out = appendDataSection(out, runs)
	return append(out, wasm[dataEnd:]...)
}

// importsMemory reports whether an import section imports a memory, or
// cannot be read (which keeps the module as it is).
func importsMemory(b []byte) bool {
	r := wasmReader{b: b}
	count := r.uvarint()
	for range count {
		r.name()
		r.name()
		switch kind := r.byte(); kind {
		case 0x00: // function: type index
			r.uvarint()
		case 0x01: // table: reference type, limits
			r.byte()
			r.limits()
		case 0x03: // global: value type, mutability
			r.byte()
			r.byte()
		case 0x04: // tag: attribute, type index
			r.byte()
			r.uvarint()
		default: // 0x02 memory, or a kind this reader does not know
			return true
		}
	}
	return r.err != nil
}

// parseDataSegments reads a data section of active, constant-offset
// segments of memory 0.
func parseDataSegments(b []byte) ([]dataSegment, error) {
	r := wasmReader{b: b}
	count := r.uvarint()
	if count > uint64(len(b)) {
		return nil, errNotMergeable
	}
	segs := make([]dataSegment, 0, count)
	for range count {
		switch r.uvarint() {
		case 0:
		case 2:
			if r.uvarint() != 0 {
				return nil, errNotMergeable
			}
		default: // passive segments are referred to by index
			return nil, errNotMergeable
		}
		if r.byte() != 0x41 { // i32.const
			return nil, errNotMergeable
		}
		offset := uint32(r.varint32())
		if r.byte() != 0x0b { // end
			return nil, errNotMergeable
		}
		init := r.bytes(r.uvarint())
		if r.err != nil {
			return nil, r.err
		}
		segs = append(segs, dataSegment{offset: offset, init: init})
	}
	if r.err != nil || r.pos != len(b) {
		return nil, errNotMergeable
	}
	return segs, nil
}

// dataRun is one merged segment: the bytes from start to end, zero but
// where its segments lie.
type dataRun struct {
	start, end uint64
	segs       []dataSegment
}

// encodedSize is the size of the run's segment in a data section.
func (r dataRun) encodedSize() int {
	n := r.end - r.start
	return 3 + len(appendVarint32(nil, int32(r.start))) + len(binary.AppendUvarint(nil, n)) + int(n)
}

// mergeSegments sorts segs by address (in place) and groups those separated
// by at most maxMergeGap zero bytes into runs. It fails if two segments
// overlap: then the order in which they are applied decides the result, and
// it is kept.
func mergeSegments(segs []dataSegment) ([]dataRun, bool) {
	slices.SortStableFunc(segs, func(a, b dataSegment) int { return cmp.Compare(a.offset, b.offset) })
	var runs []dataRun
	for i := 0; i < len(segs); {
		run := dataRun{start: uint64(segs[i].offset), end: uint64(segs[i].offset) + uint64(len(segs[i].init))}
		j := i + 1
		for ; j < len(segs); j++ {
			next := uint64(segs[j].offset)
			if next < run.end {
				return nil, false
			}
			if next-run.end > maxMergeGap {
				break
			}
			run.end = next + uint64(len(segs[j].init))
		}
		run.segs = segs[i:j]
		runs = append(runs, run)
		i = j
	}
	return runs, true
}

// dataSectionSize is the size of the body of a data section of runs.
func dataSectionSize(runs []dataRun) int {
	size := len(binary.AppendUvarint(nil, uint64(len(runs))))
	for _, r := range runs {
		size += r.encodedSize()
	}
	return size
}

// appendDataSection appends a data section of one active segment per run
// to b, writing each run's bytes in place.
func appendDataSection(b []byte, runs []dataRun) []byte {
	size := dataSectionSize(runs)
	b = slices.Grow(b, 1+binary.MaxVarintLen64+size)
	b = append(b, wasmSectionData)
	b = binary.AppendUvarint(b, uint64(size))
	b = binary.AppendUvarint(b, uint64(len(runs)))
	for _, r := range runs {
		b = append(b, 0x00, 0x41)
		b = appendVarint32(b, int32(r.start))
		b = append(b, 0x0b)
		b = binary.AppendUvarint(b, r.end-r.start)
		base := len(b)
		b = b[:base+int(r.end-r.start)]
		clear(b[base:])
		for _, s := range r.segs {
			copy(b[base+int(uint64(s.offset)-r.start):], s.init)
		}
	}
	return b
}

// appendVarint32 appends v in signed LEB128.
func appendVarint32(b []byte, v int32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// wasmReader reads the LEB128 and byte fields of a module section; the
// first error sticks and later reads return zero.
type wasmReader struct {
	b   []byte
	pos int
	err error
}

func (r *wasmReader) fail() {
	if r.err == nil {
		r.err = errNotMergeable
	}
	r.pos = len(r.b)
}

func (r *wasmReader) byte() byte {
	if r.pos >= len(r.b) {
		r.fail()
		return 0
	}
	r.pos++
	return r.b[r.pos-1]
}

func (r *wasmReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b[r.pos:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.pos += n
	return v
}

// varint32 reads a signed LEB128 i32, as in an i32.const (Go's
// binary.Varint is zigzag, a different encoding).
func (r *wasmReader) varint32() int32 {
	var v int64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		v |= int64(c&0x7f) << shift
		if c&0x80 == 0 {
			if shift+7 < 64 && c&0x40 != 0 {
				v |= -1 << (shift + 7)
			}
			return int32(v)
		}
	}
	r.fail()
	return 0
}

func (r *wasmReader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)-r.pos) {
		r.fail()
		return nil
	}
	r.pos += int(n)
	return r.b[r.pos-int(n) : r.pos]
}

func (r *wasmReader) name() { r.bytes(r.uvarint()) }

func (r *wasmReader) limits() {
	flags := r.byte()
	r.uvarint()
	if flags&1 != 0 {
		r.uvarint()
	}
}
