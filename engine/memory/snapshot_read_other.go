//go:build !unix

package memory

import (
	"fmt"
	"io"
	"unsafe"
)

// readSnapshotFile reads the whole file into memory on systems where the
// service does not map it. The buffer is made of uint64s so that every
// section (64-byte aligned in the file) is aligned for its element type.
func readSnapshotFile(path string) (buf []byte, mapped bool, release func() error, err error) {
	f, size, err := openSnapshotFile(path)
	if err != nil {
		return nil, false, nil, err
	}
	defer f.Close()
	words := make([]uint64, (size+7)/8)
	buf = unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), size)
	if _, err := io.ReadFull(f, buf); err != nil {
		return nil, false, nil, fmt.Errorf("read index snapshot: %w", err)
	}
	return buf, false, func() error { return nil }, nil
}
