//go:build unix

package memory

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// readSnapshotFile maps the file copy-on-write: pages are read from the
// page cache when first touched (a search touches the int8 copy and a few
// hundred rows of the float matrix, not all of it), several processes share
// those pages, and the index may still write into its rows, privately.
// Writers never modify a snapshot in place (they rename a new file over
// it), so the mapping stays valid while it is used.
func readSnapshotFile(path string) (buf []byte, mapped bool, release func() error, err error) {
	f, size, err := openSnapshotFile(path)
	if err != nil {
		return nil, false, nil, err
	}
	defer f.Close()
	buf, err = unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE)
	if err != nil {
		return nil, false, nil, fmt.Errorf("map index snapshot: %w", err)
	}
	return buf, true, func() error { return unix.Munmap(buf) }, nil
}
