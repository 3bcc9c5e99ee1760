package memory

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"unsafe"

	"github.com/sweetmcp/sweet/engine/vector"
)

// The snapshot file, version 1. Every number is little-endian; every
// section starts at a multiple of snapAlign, so on a little-endian host the
// arrays are used in place, straight from the mapped file.
//
//	header (snapHeaderSize bytes, layout in snapHeader.encode)
//	strings:  uint32 offsets[nstr+1], then the bytes; string 0 is the
//	          embedder's model id, the rest are namespaces and types
//	rows, sorted by rowid, one array per field:
//	          int64 rowid and created (Unix ms); uint32 namespace and type
//	          (string numbers);
//	          (importance and access times are left out: search reads
//	          them from the rows it ranks, and recording a read does not
//	          pass through the change log, so a copy would go stale)
//	          uint32 id offsets[nrows+1], then the public ids' bytes
//	vectors, in index row order:
//	          int64 ids; float32 scales and int8 codes (when flagged);
//	          float32 matrix (nvecs × dim)
//
// The tables (strings, rows and vector ids), which opening reads in full
// and whose damage could mislead it, are covered by tableCRC, checked at
// every open: about 8 MB at 100k memories. The vector data (scales, codes
// and the float matrix) has its own checksum, vectorCRC, checked only when
// the file is read rather than mapped: checking it would fault in all of it,
// 125 MB at 100k × 256-d, where a search reads the int8 codes and a few
// hundred float rows, and a CRC-32C over it measured 18 ms of CPU for the
// codes alone here. Its length is checked, and snapshots are only ever
// replaced by rename, never written in place, so a torn or short write
// cannot reach it; what stays unchecked in a mapped file is bit rot inside
// the vectors, which would perturb scores, not crash or read out of bounds.
const (
	snapMagic      = "SWEETIDX"
	snapVersion    = 1
	snapHeaderSize = 128
	snapAlign      = 64
	snapHasCodes   = 1 << 0
)

// crcTable is CRC-32C (Castagnoli), which hash/crc32 computes with the
// SSE4.2 or ARMv8 CRC instructions where the CPU has them.
var crcTable = crc32.MakeTable(crc32.Castagnoli)

// errBadSnapshot marks a snapshot that is damaged or not sweet's; the
// service ignores it and rebuilds from the database.
var errBadSnapshot = errors.New("bad index snapshot")

// snapHeader is the fixed part at the start of the file.
type snapHeader struct {
	flags      uint32
	seq, at    int64 // change-log position and that entry's time: the database's fingerprint
	rows, vecs uint64
	dim        uint32
	strs       uint32 // entries in the string table
	strBytes   uint64
	idBytes    uint64
	writtenAt  int64 // Unix ms, for people reading the file
	size       uint64
	tableCRC   uint32
	vectorCRC  uint32
}

func (h *snapHeader) encode() []byte {
	b := make([]byte, snapHeaderSize)
	le := binary.LittleEndian
	copy(b, snapMagic)
	le.PutUint32(b[8:], snapVersion)
	le.PutUint32(b[12:], h.flags)
	le.PutUint64(b[16:], uint64(h.seq))
	le.PutUint64(b[24:], uint64(h.at))
	le.PutUint64(b[32:], h.rows)
	le.PutUint64(b[40:], h.vecs)
	le.PutUint32(b[48:], h.dim)
	le.PutUint32(b[52:], h.strs)
	le.PutUint64(b[56:], h.strBytes)
	le.PutUint64(b[64:], h.idBytes)
	le.PutUint64(b[72:], uint64(h.writtenAt))
	le.PutUint64(b[80:], h.size)
	le.PutUint32(b[88:], h.tableCRC)
	le.PutUint32(b[92:], h.vectorCRC)
	// Bytes 96 to 123 are reserved (zero); 124 holds the header's own checksum.
	le.PutUint32(b[124:], crc32.Checksum(b[:124], crcTable))
	return b
}

func decodeHeader(b []byte) (snapHeader, error) {
	var h snapHeader
	if len(b) < snapHeaderSize || string(b[:8]) != snapMagic {
		return h, fmt.Errorf("%w: not a sweet index snapshot", errBadSnapshot)
	}
	le := binary.LittleEndian
	if v := le.Uint32(b[8:]); v != snapVersion {
		return h, fmt.Errorf("%w: format version %d, this sweet reads version %d", errBadSnapshot, v, snapVersion)
	}
	if le.Uint32(b[124:]) != crc32.Checksum(b[:124], crcTable) {
		return h, fmt.Errorf("%w: header checksum mismatch", errBadSnapshot)
	}
	h = snapHeader{flags: le.Uint32(b[12:]), seq: int64(le.Uint64(b[16:])), at: int64(le.Uint64(b[24:])),
		rows: le.Uint64(b[32:]), vecs: le.Uint64(b[40:]), dim: le.Uint32(b[48:]), strs: le.Uint32(b[52:]),
		strBytes: le.Uint64(b[56:]), idBytes: le.Uint64(b[64:]), writtenAt: int64(le.Uint64(b[72:])),
		size: le.Uint64(b[80:]), tableCRC: le.Uint32(b[88:]), vectorCRC: le.Uint32(b[92:])}
	return h, nil
}

// snapLayout is where each section of a file with a given header starts.
// Writer and reader compute it with the same function, so the file needs
// no table of offsets to get wrong.
type snapLayout struct {
	strOffs, strBytes                   int
	rowIDs, created                     int
	ns, typ, idOffs, idBytes            int
	vecIDs, scales, codes, matrix, size int
	tablesEnd                           int // where the vector data, under its own checksum, starts
}

// maxSnapRows bounds the counts a header may claim, so a damaged header
// cannot make the layout arithmetic overflow before the size check.
const maxSnapRows = 1 << 32

func layoutOf(h snapHeader) (snapLayout, error) {
	if h.rows > maxSnapRows || h.vecs > maxSnapRows || uint64(h.strs) > maxSnapRows ||
		h.strBytes > 1<<40 || h.idBytes > 1<<40 || h.dim > vector.MaxDim || h.vecs > 0 && h.dim == 0 {
		return snapLayout{}, fmt.Errorf("%w: implausible counts in the header", errBadSnapshot)
	}
	var l snapLayout
	off := snapHeaderSize
	next := func(n uint64) int {
		at := (off + snapAlign - 1) &^ (snapAlign - 1)
		off = at + int(n)
		return at
	}
	rows, vecs := h.rows, h.vecs
	l.strOffs = next(4 * (uint64(h.strs) + 1))
	l.strBytes = next(h.strBytes)
	l.rowIDs, l.created = next(8*rows), next(8*rows)
	l.ns, l.typ = next(4*rows), next(4*rows)
	l.idOffs, l.idBytes = next(4*(rows+1)), next(h.idBytes)
	l.vecIDs = next(8 * vecs)
	l.tablesEnd = off
	if h.flags&snapHasCodes != 0 {
		l.scales, l.codes = next(4*vecs), next(vecs*uint64(h.dim))
	}
	l.matrix = next(4 * vecs * uint64(h.dim))
	l.size = off
	return l, nil
}

// hostLittleEndian is true where the file's arrays can be used in place.
var hostLittleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// fixed is the element types of the file's arrays.
type fixed interface {
	int8 | int32 | uint32 | int64 | float32
}

// arrayAt returns the n elements of type T at b[off:]. On a little-endian
// host it is a view of b (which the caller keeps alive and 8-byte aligned);
// elsewhere a decoded copy.
func arrayAt[T fixed](b []byte, off, n int) []T {
	if n == 0 {
		return nil
	}
	var zero T
	raw := b[off : off+n*int(unsafe.Sizeof(zero))]
	if hostLittleEndian {
		return unsafe.Slice((*T)(unsafe.Pointer(&raw[0])), n)
	}
	out := make([]T, n)
	if _, err := binary.Decode(raw, binary.LittleEndian, out); err != nil {
		panic(err) // unreachable: raw holds exactly n elements
	}
	return out
}

// bytesOf returns s as little-endian bytes: a view on a little-endian host.
func bytesOf[T fixed](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	if hostLittleEndian {
		return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0])))
	}
	b, err := binary.Append(nil, binary.LittleEndian, s)
	if err != nil {
		panic(err) // unreachable: T is a fixed-size type
	}
	return b
}
