// Package wndata is the compact binary form of the WordNet 3.0 subset that
// the built-in embedder ships: single-word lemmas, their senses, and for
// each synset its part of speech, hypernyms, similar-to and part links and
// its definition's content words. The generator writes it and the embedder
// reads it, so both sides share this one codec.
//
// The stream is gzip around a sequence of unsigned varints. Lemma strings
// are front-coded (they are sorted), every link list is stored as a count
// followed by its entries, and lists whose order carries no meaning are
// sorted and delta-coded so gzip has less to do.
package wndata

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Part-of-speech codes stored per synset and per exception entry.
const (
	Noun uint8 = iota
	Verb
	Adj
	Adv
	numPOS
)

// magic opens every stream; the last byte is the format version.
var magic = []byte("SWWN\x01")

// Data is the decoded WordNet subset. Lists use a compressed-row layout: the
// entries of row i are X[XOff[i]:XOff[i+1]], so a whole table is two slices
// instead of one small slice per row.
type Data struct {
	// Lemmas are the single-word lemmas, lower case, sorted and unique.
	Lemmas []string
	// SenseOff and Senses map a lemma to its synsets in WordNet's sense
	// order (most frequent first), nouns first, then verbs, adjectives and
	// adverbs.
	SenseOff, Senses []uint32
	// POS is the part of speech of each synset.
	POS []uint8
	// HyperOff and Hyper list each synset's hypernyms (class and instance).
	HyperOff, Hyper []uint32
	// SimilarOff and Similar list adjective similar-to links.
	SimilarOff, Similar []uint32
	// PartOff and Part list part meronyms (the parts of a whole).
	PartOff, Part []uint32
	// GlossOff and Gloss list the lemma ids of each definition's content
	// words, sorted and unique.
	GlossOff, Gloss []uint32
	// ExcForm, ExcPOS, ExcOff and ExcBase are WordNet's morphological
	// exception lists: inflected form, its part of speech, and its base
	// lemma ids. ExcForm is sorted.
	ExcForm         []string
	ExcPOS          []uint8
	ExcOff, ExcBase []uint32
}

// NumSynsets reports how many synsets the data holds.
func (d *Data) NumSynsets() int { return len(d.POS) }

// Row returns entries off[i]:off[i+1] of vals.
func Row(off, vals []uint32, i int) []uint32 { return vals[off[i]:off[i+1]] }

// Encode writes d to w as a gzip stream. The output depends only on d, so
// running the generator twice yields identical bytes.
func Encode(w io.Writer, d *Data) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("encode wordnet data: %w", err)
	}
	var b bytes.Buffer
	b.Write(magic)
	e := encoder{buf: &b}
	e.strings(d.Lemmas)
	e.lists(d.SenseOff, d.Senses, false)
	e.bytes(d.POS)
	e.lists(d.HyperOff, d.Hyper, true)
	e.lists(d.SimilarOff, d.Similar, true)
	e.lists(d.PartOff, d.Part, true)
	e.lists(d.GlossOff, d.Gloss, true)
	e.strings(d.ExcForm)
	e.bytes(d.ExcPOS)
	e.lists(d.ExcOff, d.ExcBase, false)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("encode wordnet data: %w", err)
	}
	if _, err := zw.Write(b.Bytes()); err != nil {
		return fmt.Errorf("encode wordnet data: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("encode wordnet data: %w", err)
	}
	return nil
}

// Decode reads a stream written by Encode and checks that every id is in
// range, so the embedder can index without bounds surprises.
func Decode(data []byte) (*Data, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode wordnet data: %w", err)
	}
	// gzip's trailer holds the uncompressed size: reading into a buffer of
	// that size avoids growing and copying it, a third of the decode time.
	var size int
	if len(data) >= 4 {
		size = int(binary.LittleEndian.Uint32(data[len(data)-4:]))
	}
	// A corrupt trailer must not cause a huge allocation: this data
	// compresses about 2.5 to 1, so 16 to 1 is a generous ceiling.
	buf := bytes.NewBuffer(make([]byte, 0, min(size, 16*len(data))+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(zr, maxStreamBytes)); err != nil {
		return nil, fmt.Errorf("decode wordnet data: %w", err)
	}
	raw := buf.Bytes()
	if !bytes.HasPrefix(raw, magic) {
		return nil, errors.New("decode wordnet data: bad magic or version; regenerate it with go generate ./engine/embed")
	}
	dec := decoder{buf: raw[len(magic):]}
	d := &Data{}
	d.Lemmas = dec.strings()
	d.SenseOff, d.Senses = dec.lists(false)
	d.POS = dec.bytes()
	d.HyperOff, d.Hyper = dec.lists(true)
	d.SimilarOff, d.Similar = dec.lists(true)
	d.PartOff, d.Part = dec.lists(true)
	d.GlossOff, d.Gloss = dec.lists(true)
	d.ExcForm = dec.strings()
	d.ExcPOS = dec.bytes()
	d.ExcOff, d.ExcBase = dec.lists(false)
	if dec.err != nil {
		return nil, fmt.Errorf("decode wordnet data: %w", dec.err)
	}
	if len(dec.buf) != 0 {
		return nil, fmt.Errorf("decode wordnet data: %d trailing bytes", len(dec.buf))
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("decode wordnet data: %w", err)
	}
	return d, nil
}

// Validate checks the shape of every table and the range of every id.
func (d *Data) Validate() error {
	nl, ns := uint32(len(d.Lemmas)), uint32(len(d.POS))
	if !sort.StringsAreSorted(d.Lemmas) || !sort.StringsAreSorted(d.ExcForm) {
		return errors.New("lemmas or exception forms are not sorted")
	}
	checks := []struct {
		name      string
		off, vals []uint32
		rows, max uint32
	}{
		{"senses", d.SenseOff, d.Senses, nl, ns},
		{"hypernyms", d.HyperOff, d.Hyper, ns, ns},
		{"similar", d.SimilarOff, d.Similar, ns, ns},
		{"parts", d.PartOff, d.Part, ns, ns},
		{"gloss", d.GlossOff, d.Gloss, ns, nl},
		{"exceptions", d.ExcOff, d.ExcBase, uint32(len(d.ExcForm)), nl},
	}
	for _, c := range checks {
		if uint32(len(c.off)) != c.rows+1 || c.off[0] != 0 || c.off[c.rows] != uint32(len(c.vals)) {
			return fmt.Errorf("%s table has a bad shape", c.name)
		}
		for i := uint32(0); i < c.rows; i++ {
			if c.off[i] > c.off[i+1] {
				return fmt.Errorf("%s offsets decrease at row %d", c.name, i)
			}
		}
		for _, v := range c.vals {
			if v >= c.max {
				return fmt.Errorf("%s id %d out of range (%d)", c.name, v, c.max)
			}
		}
	}
	if len(d.ExcPOS) != len(d.ExcForm) {
		return errors.New("exception part-of-speech table has a bad length")
	}
	for _, p := range append(d.POS[:len(d.POS):len(d.POS)], d.ExcPOS...) {
		if p >= numPOS {
			return fmt.Errorf("unknown part of speech %d", p)
		}
	}
	return nil
}

type encoder struct{ buf *bytes.Buffer }

func (e encoder) uvarint(v uint64) {
	var tmp [binary.MaxVarintLen64]byte
	e.buf.Write(tmp[:binary.PutUvarint(tmp[:], v)])
}

// strings front-codes a sorted list: shared prefix length, suffix length,
// suffix bytes.
func (e encoder) strings(ss []string) {
	e.uvarint(uint64(len(ss)))
	total := 0
	for _, s := range ss {
		total += len(s)
	}
	e.uvarint(uint64(total))
	prev := ""
	for _, s := range ss {
		n := 0
		for n < len(s) && n < len(prev) && s[n] == prev[n] {
			n++
		}
		e.uvarint(uint64(n))
		e.uvarint(uint64(len(s) - n))
		e.buf.WriteString(s[n:])
		prev = s
	}
}

func (e encoder) bytes(bs []uint8) {
	e.uvarint(uint64(len(bs)))
	e.buf.Write(bs)
}

// lists writes each row as its length and entries; sorted rows are
// delta-coded.
func (e encoder) lists(off, vals []uint32, sorted bool) {
	rows := len(off) - 1
	e.uvarint(uint64(rows))
	e.uvarint(uint64(len(vals)))
	for i := 0; i < rows; i++ {
		row := vals[off[i]:off[i+1]]
		e.uvarint(uint64(len(row)))
		prev := uint32(0)
		for _, v := range row {
			if sorted {
				e.uvarint(uint64(v - prev))
				prev = v
				continue
			}
			e.uvarint(uint64(v))
		}
	}
}

// decoder reads what encoder wrote; the first error sticks and later reads
// return zero values, so callers check err once at the end.
// maxStreamBytes bounds the decompressed stream, so corrupt data cannot
// exhaust memory.
const maxStreamBytes = 1 << 28

// maxStringBytes bounds a string table's decoded size; front coding means
// it may exceed the bytes left in the stream, so count cannot bound it.
const maxStringBytes = 1 << 26

type decoder struct {
	buf []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	if len(d.buf) > 0 && d.buf[0] < 0x80 {
		v := uint64(d.buf[0])
		d.buf = d.buf[1:]
		return v
	}
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.err = errors.New("truncated or malformed varint")
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// count reads a length and rejects one larger than the bytes left, which
// bounds allocations on corrupt input.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.buf)) {
		if d.err == nil {
			d.err = fmt.Errorf("length %d exceeds the %d bytes left", n, len(d.buf))
		}
		return 0
	}
	return int(n)
}

func (d *decoder) strings() []string {
	n, total := d.count(), int(d.uvarint())
	if total > maxStringBytes {
		d.err = fmt.Errorf("string table of %d bytes is implausibly large", total)
		return nil
	}
	// All strings share one backing string: one allocation instead of one
	// per lemma, which is most of the decode time otherwise.
	back := make([]byte, 0, total)
	ends := make([]int, 0, n)
	prev := 0 // start of the previous string in back
	for i := 0; i < n && d.err == nil; i++ {
		shared, suffix := int(d.uvarint()), d.count()
		if shared > len(back)-prev || len(back)+shared+suffix > total {
			d.err = errors.New("front-coded strings are inconsistent")
			return nil
		}
		start := len(back)
		back = append(back, back[prev:prev+shared]...)
		back = append(back, d.buf[:suffix]...)
		d.buf = d.buf[suffix:]
		ends = append(ends, len(back))
		prev = start
	}
	all := string(back)
	out := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		out[i] = all[start:end]
		start = end
	}
	return out
}

func (d *decoder) bytes() []uint8 {
	n := d.count()
	out := append([]uint8(nil), d.buf[:n]...)
	d.buf = d.buf[n:]
	return out
}

func (d *decoder) lists(sorted bool) (off, vals []uint32) {
	rows, total := d.count(), d.count()
	off = make([]uint32, 1, rows+1)
	vals = make([]uint32, 0, total)
	for i := 0; i < rows && d.err == nil; i++ {
		n := d.count()
		prev := uint32(0)
		for j := 0; j < n; j++ {
			v := uint32(d.uvarint())
			if sorted {
				v += prev
				prev = v
			}
			vals = append(vals, v)
		}
		off = append(off, uint32(len(vals)))
	}
	if d.err != nil {
		return []uint32{0}, nil
	}
	return off, vals
}
