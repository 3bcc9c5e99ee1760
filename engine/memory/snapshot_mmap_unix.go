//go:build unix

package memory

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// readSnapshotFile maps the file copy-on-write: pages are read from the
// page cache when first touched (a search touches the int8 copy and a few
// hundred rows of the float matrix, not all of it), several processes share
// those pages, and the index may still write into its rows, privately.
// Writers never modify a snapshot in place (they rename a new file over
// it), so the mapping stays valid while it is used.
func readSnapshotFile(path string) (buf []byte, mapped bool, release func() error, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, false, nil, err
	}
	size := st.Size()
	if size < snapHeaderSize || size != int64(int(size)) {
		return nil, false, nil, fmt.Errorf("%w: %d bytes is no snapshot (truncated?)", errBadSnapshot, size)
	}
	buf, err = unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE)
	if err != nil {
		return nil, false, nil, fmt.Errorf("map index snapshot: %w", err)
	}
	return buf, true, func() error { return unix.Munmap(buf) }, nil
}
