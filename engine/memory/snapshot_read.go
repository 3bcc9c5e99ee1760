package memory

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"slices"

	"github.com/sweetmcp/sweet/engine/vector"
)

// snapFile is a snapshot file checked and ready to decode: its bytes
// (mapped or read), its header and layout.
type snapFile struct {
	buf     []byte
	hdr     snapHeader
	lay     snapLayout
	strs    []string     // strs[0] is the model id; the rest namespaces and types
	release func() error // unmaps the file; the views into buf die with it
}

// openSnapshot reads or maps the file at path and checks it: header,
// size, and the checksum of the tables (and of the vectors too when the
// file was read rather than mapped; see the format).
func openSnapshot(path string) (*snapFile, error) {
	buf, mapped, release, err := readSnapshotFile(path)
	if err != nil {
		return nil, err
	}
	sf, err := checkSnapshot(buf, mapped)
	if err != nil {
		release()
		return nil, err
	}
	sf.release = release
	return sf, nil
}

func checkSnapshot(buf []byte, mapped bool) (*snapFile, error) {
	h, err := decodeHeader(buf)
	if err != nil {
		return nil, err
	}
	lay, err := layoutOf(h)
	if err != nil {
		return nil, err
	}
	if h.size != uint64(lay.size) || uint64(len(buf)) != h.size {
		return nil, fmt.Errorf("%w: the file has %d bytes, its header says %d and its counts %d (truncated?)",
			errBadSnapshot, len(buf), h.size, lay.size)
	}
	if crc32.Checksum(buf[snapHeaderSize:lay.tablesEnd], crcTable) != h.tableCRC {
		return nil, fmt.Errorf("%w: table checksum mismatch", errBadSnapshot)
	}
	if !mapped && crc32.Checksum(buf[lay.tablesEnd:], crcTable) != h.vectorCRC {
		return nil, fmt.Errorf("%w: vector checksum mismatch", errBadSnapshot)
	}
	strs, err := stringTable(buf, h, lay)
	if err != nil {
		return nil, err
	}
	return &snapFile{buf: buf, hdr: h, lay: lay, strs: strs}, nil
}

// stringTable returns the model id, namespaces and types, copied to the
// Go heap so no string points into the file.
func stringTable(buf []byte, h snapHeader, lay snapLayout) ([]string, error) {
	offs := arrayAt[uint32](buf, lay.strOffs, int(h.strs)+1)
	if h.strs == 0 || offs[0] != 0 || uint64(offs[h.strs]) != h.strBytes {
		return nil, fmt.Errorf("%w: damaged string table", errBadSnapshot)
	}
	all := string(buf[lay.strBytes : lay.strBytes+int(h.strBytes)])
	strs := make([]string, h.strs)
	for i := range strs {
		if offs[i] > offs[i+1] {
			return nil, fmt.Errorf("%w: damaged string table", errBadSnapshot)
		}
		strs[i] = all[offs[i]:offs[i+1]]
	}
	return strs, nil
}

// snapState is the service state decoded from a snapshot.
type snapState struct {
	rows    map[int64]rowInfo
	nsCount map[string]int
	ids     idTable
	idx     *vector.Index
}

// decode builds the row maps and adopts the vector matrix in place.
func (sf *snapFile) decode() (*snapState, error) {
	h, lay, buf, strs := sf.hdr, sf.lay, sf.buf, sf.strs
	n := int(h.rows)
	rowIDs := arrayAt[int64](buf, lay.rowIDs, n)
	created := arrayAt[int64](buf, lay.created, n)
	nss, typs := arrayAt[uint32](buf, lay.ns, n), arrayAt[uint32](buf, lay.typ, n)
	idOffs := arrayAt[uint32](buf, lay.idOffs, n+1)
	if idOffs[0] != 0 || uint64(idOffs[n]) != h.idBytes {
		return nil, fmt.Errorf("%w: damaged id table", errBadSnapshot)
	}
	ids := string(buf[lay.idBytes : lay.idBytes+int(h.idBytes)]) // one copy; the ids are substrings of it
	st := &snapState{rows: make(map[int64]rowInfo, n), nsCount: map[string]int{}}
	for i, rid := range rowIDs {
		if i > 0 && rid <= rowIDs[i-1] || idOffs[i] > idOffs[i+1] || nss[i] >= h.strs || typs[i] >= h.strs {
			return nil, fmt.Errorf("%w: damaged row %d", errBadSnapshot, i)
		}
		ri := rowInfo{ns: strs[nss[i]], typ: strs[typs[i]], created: created[i]}
		st.rows[rid] = ri
		st.nsCount[ri.ns]++
	}
	// Copies: the table outlives the mapping when the index is reloaded.
	st.ids = idTable{rids: slices.Clone(rowIDs), offs: slices.Clone(idOffs), all: ids}
	if h.vecs == 0 {
		return st, nil
	}
	m := vector.Matrix{Dim: int(h.dim), IDs: arrayAt[int64](buf, lay.vecIDs, int(h.vecs)),
		Data: arrayAt[float32](buf, lay.matrix, int(h.vecs)*int(h.dim))}
	if h.flags&snapHasCodes != 0 {
		m.Codes = arrayAt[int8](buf, lay.codes, int(h.vecs)*int(h.dim))
		m.Scales = arrayAt[float32](buf, lay.scales, int(h.vecs))
	}
	var err error
	if st.idx, err = vector.Adopt(m); err != nil {
		return nil, fmt.Errorf("%w: %w", errBadSnapshot, err)
	}
	return st, nil
}

// peekSnapshot reads the change-log position and model id of the snapshot
// at path without reading the rest: a writer checks it before replacing a
// newer file with an older one.
func peekSnapshot(path string) (seq int64, model string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	hb := make([]byte, snapHeaderSize)
	if _, err := io.ReadFull(f, hb); err != nil {
		return 0, "", err
	}
	h, err := decodeHeader(hb)
	if err != nil {
		return 0, "", err
	}
	lay, err := layoutOf(h)
	if err != nil {
		return 0, "", err
	}
	var offs [8]byte
	if _, err := f.ReadAt(offs[:], int64(lay.strOffs)); err != nil {
		return 0, "", err
	}
	end := binary.LittleEndian.Uint32(offs[4:])
	if binary.LittleEndian.Uint32(offs[:4]) != 0 || end > 4096 || uint64(end) > h.strBytes {
		return 0, "", fmt.Errorf("%w: damaged string table", errBadSnapshot)
	}
	mb := make([]byte, end)
	if _, err := f.ReadAt(mb, int64(lay.strBytes)); err != nil {
		return 0, "", err
	}
	return h.seq, string(mb), nil
}

// openSnapshotFile opens a snapshot file and checks that its size can hold
// a snapshot and be addressed in memory; readSnapshotFile maps or reads it.
func openSnapshotFile(path string) (*os.File, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	size := st.Size()
	if size < snapHeaderSize || size != int64(int(size)) {
		f.Close()
		return nil, 0, fmt.Errorf("%w: %d bytes is no snapshot (truncated?)", errBadSnapshot, size)
	}
	return f, int(size), nil
}
