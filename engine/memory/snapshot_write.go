package memory

import (
	"bufio"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"os"
	"path/filepath"
	"time"

	"github.com/sweetmcp/sweet/engine/vector"
)

// snapCapture is the row table and index shape captured, under the
// service's read lock, for one snapshot; the vectors are read later, in
// slices, through a snapView.
type snapCapture struct {
	seq, at int64
	gen     uint64
	strs    []string // strs[0] is the model id
	rowIDs  []int64  // ascending
	created []int64
	ns, typ []uint32
	ids     []string
	idBytes int
	dim     int
	vecs    int
	codes   bool
}

// errSnapshotStale stops a snapshot write when the index changed while it
// was being written: the file would not match its change-log position.
var errSnapshotStale = errors.New("the index changed while the snapshot was written")

// snapView hands fn rows lo to hi of the index as it was at capture time,
// or fails with errSnapshotStale.
type snapView func(lo, hi int, fn func(vector.Matrix)) error

// snapChunk is how many vectors are copied out per read lock: about 1 MB
// at 256-d, so a writer waiting for the service's lock waits a millisecond.
const snapChunk = 1024

// header returns the file header for c (checksums and size still unset).
func (c *snapCapture) header() snapHeader {
	h := snapHeader{seq: c.seq, at: c.at, rows: uint64(len(c.rowIDs)), vecs: uint64(c.vecs), dim: uint32(c.dim),
		strs: uint32(len(c.strs)), idBytes: uint64(c.idBytes), writtenAt: time.Now().UnixMilli()}
	for _, s := range c.strs {
		h.strBytes += uint64(len(s))
	}
	if c.codes {
		h.flags |= snapHasCodes
	}
	return h
}

// writeSnapshot writes c and the vectors view returns as the snapshot at
// path: into a temporary file in the same directory, synced, then renamed
// over path, so a reader only ever sees a whole file (and one that mapped
// the old file keeps it). Several processes may race; each file is whole
// and the last rename wins, unless the file there is already newer.
func writeSnapshot(path string, c *snapCapture, view snapView) (err error) {
	dir := filepath.Dir(path)
	removeStaleTemps(dir)
	f, err := os.CreateTemp(dir, ".sweet.idx-*.tmp")
	if err != nil {
		return fmt.Errorf("write index snapshot: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	h := c.header()
	lay, err := layoutOf(h)
	if err != nil {
		return err
	}
	h.size = uint64(lay.size)
	sw := &sectionWriter{w: bufio.NewWriterSize(f, 1<<20), crc: crc32.New(crcTable)}
	sw.pad(snapHeaderSize) // the header goes in last, once the checksums are known
	sw.crc.Reset()
	sw.writeRows(c, lay)
	if err := sw.section(lay.vecIDs, c.vecs, view, func(m vector.Matrix) []byte { return bytesOf(m.IDs) }); err != nil {
		return err
	}
	h.tableCRC = sw.crc.Sum32()
	sw.crc = crc32.New(crcTable)
	if err := sw.writeVectors(c, lay, view); err != nil {
		return err
	}
	h.vectorCRC = sw.crc.Sum32()
	if sw.err == nil {
		sw.err = sw.w.Flush()
	}
	if sw.err == nil && sw.off != lay.size {
		sw.err = fmt.Errorf("wrote %d bytes, the layout says %d", sw.off, lay.size)
	}
	if sw.err != nil {
		return fmt.Errorf("write index snapshot: %w", sw.err)
	}
	if _, err := f.WriteAt(h.encode(), 0); err != nil {
		return fmt.Errorf("write index snapshot: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync index snapshot: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write index snapshot: %w", err)
	}
	if seq, model, err := peekSnapshot(path); err == nil && seq > c.seq && model == c.strs[0] {
		os.Remove(f.Name()) // another process already wrote a newer one
		return nil
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("install index snapshot: %w", err)
	}
	syncDir(dir)
	return nil
}

// writeRows writes the string table and the row table.
func (sw *sectionWriter) writeRows(c *snapCapture, lay snapLayout) {
	offs := make([]uint32, 0, len(c.strs)+1)
	var n uint32
	for _, s := range c.strs {
		offs = append(offs, n)
		n += uint32(len(s))
	}
	sw.at(lay.strOffs, bytesOf(append(offs, n)))
	sw.pad(lay.strBytes)
	for _, s := range c.strs {
		sw.writeString(s)
	}
	sw.at(lay.rowIDs, bytesOf(c.rowIDs))
	sw.at(lay.created, bytesOf(c.created))
	sw.at(lay.ns, bytesOf(c.ns))
	sw.at(lay.typ, bytesOf(c.typ))
	idOffs := make([]uint32, 0, len(c.ids)+1)
	n = 0
	for _, id := range c.ids {
		idOffs = append(idOffs, n)
		n += uint32(len(id))
	}
	sw.at(lay.idOffs, bytesOf(append(idOffs, n)))
	sw.pad(lay.idBytes)
	for _, id := range c.ids {
		sw.writeString(id)
	}
}

// writeVectors writes the int8 copy, when flagged, and the float matrix.
func (sw *sectionWriter) writeVectors(c *snapCapture, lay snapLayout, view snapView) error {
	if c.codes {
		if err := sw.section(lay.scales, c.vecs, view, func(m vector.Matrix) []byte { return bytesOf(m.Scales) }); err != nil {
			return err
		}
		if err := sw.section(lay.codes, c.vecs, view, func(m vector.Matrix) []byte { return bytesOf(m.Codes) }); err != nil {
			return err
		}
	}
	return sw.section(lay.matrix, c.vecs, view, func(m vector.Matrix) []byte { return bytesOf(m.Data) })
}

// sectionWriter writes sections at their layout offsets, zero-padding the
// gaps, and checksums everything it writes.
type sectionWriter struct {
	w   *bufio.Writer
	crc hash.Hash32
	off int
	err error
}

var zeros [snapAlign]byte

func (sw *sectionWriter) write(b []byte) {
	if sw.err != nil {
		return
	}
	sw.crc.Write(b)
	_, sw.err = sw.w.Write(b)
	sw.off += len(b)
}

func (sw *sectionWriter) writeString(s string) {
	if sw.err == nil {
		sw.crc.Write([]byte(s))
		_, sw.err = sw.w.WriteString(s)
		sw.off += len(s)
	}
}

// pad writes zeros up to offset off.
func (sw *sectionWriter) pad(off int) {
	for sw.off < off && sw.err == nil {
		sw.write(zeros[:min(len(zeros), off-sw.off)])
	}
}

func (sw *sectionWriter) at(off int, b []byte) {
	sw.pad(off)
	sw.write(b)
}

// section writes one per-vector array at off, n vectors in all, a chunk
// per read lock; part picks the array out of each chunk.
func (sw *sectionWriter) section(off, n int, view snapView, part func(vector.Matrix) []byte) error {
	sw.pad(off)
	for lo := 0; lo < n && sw.err == nil; lo += snapChunk {
		hi := min(lo+snapChunk, n)
		err := view(lo, hi, func(m vector.Matrix) {
			if m.Len() != hi-lo || len(part(m)) == 0 && hi > lo {
				sw.err = errSnapshotStale
				return
			}
			sw.write(part(m))
		})
		if err != nil {
			return err
		}
	}
	return sw.err
}

// removeStaleTemps deletes temporary snapshot files that a killed process
// left behind; an hour is far longer than any write takes.
func removeStaleTemps(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, ".sweet.idx-*.tmp"))
	for _, p := range old {
		if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > time.Hour {
			os.Remove(p)
		}
	}
}

// syncDir makes a rename durable where the OS supports syncing a directory;
// elsewhere the rename is durable when the OS gets to it, and a lost
// snapshot only costs the next process a reload.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
