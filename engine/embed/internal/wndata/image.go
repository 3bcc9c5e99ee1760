package wndata

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"unsafe"
)

// magic opens every image; the fifth byte is the format version.
var magic = [8]byte{'S', 'W', 'W', 'N', 4, 0, 0, 0}

// The header is the magic, the section count and the CRC-32 (Castagnoli)
// of everything after it; a directory of (offset, length) pairs follows,
// one per section in sections order.
const headerLen = 16

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// sections lists d's tables in image order. Encode and Open both walk it,
// so the order is defined once. Each element is a *[]uint32, *[]uint8,
// *string or *uint32.
func (d *Data) sections() []any {
	var out []any
	dict := func(x *Dict) { out = append(out, &x.Keys.Blob, &x.Keys.Off, &x.Slots) }
	entries := func(e *DevEntries) {
		dict(&e.Keys)
		out = append(out, &e.SynOff, &e.Syn, &e.RelOff, &e.Rel)
	}
	dict(&d.Lemmas)
	out = append(out, &d.LemmaPOS, &d.SenseOff, &d.Senses, &d.POS, &d.SynOff, &d.Syn)
	dict(&d.ExcForms)
	out = append(out, &d.ExcOff, &d.Exc)
	entries(&d.Dev.Words)
	entries(&d.Dev.Phrases)
	dict(&d.Dev.First)
	dict(&d.Dev.Prefix)
	out = append(out, &d.Dev.MaxPhrase, &d.Dev.SetOff, &d.Dev.SetWords.Blob, &d.Dev.SetWords.Off,
		&d.Dev.NumRelated, &d.Dev.SourceCRC)
	return out
}

// Encode writes d's image to w after validating every table. The output
// depends only on d, so running the generator twice yields identical
// bytes.
func Encode(w io.Writer, d *Data) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("encode wordnet data: %w", err)
	}
	secs := d.sections()
	dirEnd := headerLen + 8*len(secs)
	img := make([]byte, dirEnd)
	copy(img, magic[:])
	binary.LittleEndian.PutUint32(img[8:], uint32(len(secs)))
	for i, s := range secs {
		for len(img)%4 != 0 {
			img = append(img, 0)
		}
		start := len(img)
		switch p := s.(type) {
		case *[]uint32:
			for _, v := range *p {
				img = binary.LittleEndian.AppendUint32(img, v)
			}
		case *[]uint8:
			img = append(img, *p...)
		case *string:
			img = append(img, *p...)
		case *uint32:
			img = binary.LittleEndian.AppendUint32(img, *p)
		}
		binary.LittleEndian.PutUint32(img[headerLen+8*i:], uint32(start))
		binary.LittleEndian.PutUint32(img[headerLen+8*i+4:], uint32(len(img)-start))
	}
	binary.LittleEndian.PutUint32(img[12:], crc32.Checksum(img[headerLen:], castagnoli))
	if _, err := w.Write(img); err != nil {
		return fmt.Errorf("encode wordnet data: %w", err)
	}
	return nil
}

// Open returns the Data of an image, reading it in place: tables are
// slices over img's memory, which must stay unchanged. It checks the
// header and the shape of every table, which costs microseconds, but not
// each id: the image is built into the binary, Verify checks it fully in
// tests, and a bad id could only cause an index-out-of-range panic, never
// a read outside the image. If img is not 4-byte aligned or the machine
// is big-endian, Open copies the tables instead.
func Open(img string) (*Data, error) {
	if len(img) < headerLen || img[:len(magic)] != string(magic[:]) {
		return nil, errors.New("open wordnet data: bad magic or version; regenerate it with go generate ./engine/embed")
	}
	d := &Data{}
	secs := d.sections()
	if n := le32(img[8:]); n != uint32(len(secs)) {
		return nil, fmt.Errorf("open wordnet data: %d sections, want %d", n, len(secs))
	}
	if len(img) < headerLen+8*len(secs) {
		return nil, errors.New("open wordnet data: truncated directory")
	}
	if uintptr(unsafe.Pointer(unsafe.StringData(img)))%4 != 0 {
		img = alignedCopy(img)
	}
	for i, s := range secs {
		off, n := le32(img[headerLen+8*i:]), le32(img[headerLen+8*i+4:])
		if off%4 != 0 || uint64(off)+uint64(n) > uint64(len(img)) {
			return nil, fmt.Errorf("open wordnet data: section %d is misaligned or lies outside the image", i)
		}
		b := img[off : off+n]
		switch p := s.(type) {
		case *[]uint32:
			if n%4 != 0 {
				return nil, fmt.Errorf("open wordnet data: section %d has a partial entry", i)
			}
			*p = uint32s(b)
		case *[]uint8:
			if n > 0 {
				*p = unsafe.Slice(unsafe.StringData(b), n)
			}
		case *string:
			*p = b
		case *uint32:
			if n != 4 {
				return nil, fmt.Errorf("open wordnet data: section %d is not one number", i)
			}
			*p = le32(b)
		}
	}
	if err := d.checkShape(); err != nil {
		return nil, fmt.Errorf("open wordnet data: %w", err)
	}
	return d, nil
}

// Verify checks an image's checksum, opens it and validates every table
// and id: what Open skips.
func Verify(img string) error {
	if len(img) < headerLen {
		return errors.New("verify wordnet data: truncated header")
	}
	if got := crc32.Checksum([]byte(img[headerLen:]), castagnoli); got != le32(img[12:]) {
		return fmt.Errorf("verify wordnet data: checksum %08x, want %08x", got, le32(img[12:]))
	}
	d, err := Open(img)
	if err != nil {
		return err
	}
	if err := d.Validate(); err != nil {
		return fmt.Errorf("verify wordnet data: %w", err)
	}
	return nil
}

func le32(s string) uint32 {
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// littleEndian reports whether the machine stores uint32s as the image
// does; a variable so tests can exercise the copying path.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// uint32s returns the little-endian uint32s of b, which starts 4-byte
// aligned: in place when the machine is little-endian, else copied.
func uint32s(b string) []uint32 {
	n := len(b) / 4
	if n == 0 {
		return nil
	}
	if littleEndian {
		return unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.StringData(b))), n)
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = le32(b[4*i:])
	}
	return out
}

// alignedCopy copies img into memory allocated as uint32s, which Go
// aligns to 4 bytes; one memmove.
func alignedCopy(img string) string {
	buf := make([]uint32, (len(img)+3)/4)
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(buf))), len(img))
	copy(b, img)
	return unsafe.String(unsafe.SliceData(b), len(b))
}
