package wndata

import (
	"errors"
	"fmt"
	"strings"
)

// table is one compressed-row table of d, with the number of rows it must
// have and the bound of its entries.
type table struct {
	name      string
	off, vals []uint32
	rows, max uint32
}

func (d *Data) tables() []table {
	nl, ns := uint32(d.NumLemmas()), uint32(d.NumSynsets())
	nSets := uint32(max(len(d.Dev.SetOff)-1, 0))
	w, p := &d.Dev.Words, &d.Dev.Phrases
	return []table{
		{"senses", d.SenseOff, d.Senses, nl, ns},
		{"synsets", d.SynOff, d.Syn, ns, ^uint32(0)},
		{"exceptions", d.ExcOff, d.Exc, uint32(d.ExcForms.Len()), ^uint32(0)},
		{"thesaurus word synonyms", w.SynOff, w.Syn, uint32(w.Keys.Len()), nSets},
		{"thesaurus word relations", w.RelOff, w.Rel, uint32(w.Keys.Len()), d.Dev.NumRelated},
		{"thesaurus phrase synonyms", p.SynOff, p.Syn, uint32(p.Keys.Len()), nSets},
		{"thesaurus phrase relations", p.RelOff, p.Rel, uint32(p.Keys.Len()), d.Dev.NumRelated},
	}
}

func (d *Data) dicts() map[string]*Dict {
	return map[string]*Dict{
		"lemmas": &d.Lemmas, "exception forms": &d.ExcForms,
		"thesaurus words": &d.Dev.Words.Keys, "thesaurus phrases": &d.Dev.Phrases.Keys,
		"phrase starts": &d.Dev.First, "phrase prefixes": &d.Dev.Prefix,
	}
}

// checkShape checks what Open can check in constant time per table: that
// every table has as many rows as it should and ends where its entries
// do, and every hash index is a power of two.
func (d *Data) checkShape() error {
	for name, x := range d.dicts() {
		if err := x.checkShape(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := d.Dev.SetWords.checkShape(); err != nil {
		return fmt.Errorf("thesaurus set words: %w", err)
	}
	if len(d.LemmaPOS) != d.NumLemmas() {
		return errors.New("lemma part-of-speech table has a bad length")
	}
	for _, t := range d.tables() {
		if !spans(t.off, t.rows, len(t.vals)) {
			return fmt.Errorf("%s table has a bad shape", t.name)
		}
	}
	if !spans(d.Dev.SetOff, uint32(max(len(d.Dev.SetOff)-1, 0)), d.Dev.SetWords.Len()) {
		return errors.New("thesaurus set words table has a bad shape")
	}
	return nil
}

// spans reports whether off holds rows+1 offsets from 0 to n.
func spans(off []uint32, rows uint32, n int) bool {
	return uint32(len(off)) == rows+1 && off[0] == 0 && off[rows] == uint32(n)
}

func (s Strings) checkShape() error {
	if len(s.Off) == 0 || s.Off[0] != 0 || s.Off[len(s.Off)-1] != uint32(len(s.Blob)) {
		return errors.New("string offsets do not span the blob")
	}
	return nil
}

func (x *Dict) checkShape() error {
	if err := x.Keys.checkShape(); err != nil {
		return err
	}
	if n := len(x.Slots); n == 0 || n&(n-1) != 0 || n <= x.Len() {
		return fmt.Errorf("hash index of %d slots for %d keys", n, x.Len())
	}
	return nil
}

// Validate checks every table and id: shapes, ranges, that string offsets
// never decrease, that every key is found at its own id, that lemmas are
// sorted, and that synset records are consistent.
func (d *Data) Validate() error {
	if err := d.checkShape(); err != nil {
		return err
	}
	for name, x := range d.dicts() {
		if err := x.validate(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	for i := 1; i < d.NumLemmas(); i++ {
		if d.Lemma(uint32(i-1)) >= d.Lemma(uint32(i)) {
			return fmt.Errorf("lemmas are not sorted at %d", i)
		}
	}
	if err := d.Dev.SetWords.validate(); err != nil {
		return fmt.Errorf("thesaurus set words: %w", err)
	}
	if err := (Strings{Off: d.Dev.SetOff}).validate(); err != nil {
		return fmt.Errorf("thesaurus sets: %w", err)
	}
	for _, t := range d.tables() {
		if err := checkTable(t.name, t.off, t.vals, t.rows, t.max); err != nil {
			return err
		}
	}
	if err := checkPOS(d.POS); err != nil {
		return err
	}
	for i, e := range d.Exc {
		if e>>excPOSShift >= uint32(numPOS) || e&(1<<excPOSShift-1) >= uint32(d.NumLemmas()) {
			return fmt.Errorf("exception entry %d is out of range", i)
		}
	}
	return d.validateSynsets()
}

// validateSynsets checks each synset record's lists fit it and hold ids in
// range.
func (d *Data) validateSynsets() error {
	ns, nl := uint32(d.NumSynsets()), uint32(d.NumLemmas())
	for s := uint32(0); s < ns; s++ {
		r := d.Syn[d.SynOff[s]:d.SynOff[s+1]]
		if len(r) < recHeader {
			return fmt.Errorf("synset %d record is truncated", s)
		}
		n, h := 0, r[0]
		for _, f := range recordFields {
			n += int(h & (1<<f.bits - 1))
			h >>= f.bits
		}
		if h != 0 || n+recHeader > len(r) {
			return fmt.Errorf("synset %d record is shorter than its header says", s)
		}
		l := d.Links(s)
		for _, list := range [][]uint32{l.Hyper, l.Hypo, l.Similar, l.Part} {
			if err := below(list, ns); err != nil {
				return fmt.Errorf("synset %d: %w", s, err)
			}
		}
		for _, list := range [][]uint32{l.Member, l.Gloss} {
			if err := below(list, nl); err != nil {
				return fmt.Errorf("synset %d: %w", s, err)
			}
		}
	}
	return nil
}

func below(ids []uint32, n uint32) error {
	for _, id := range ids {
		if id >= n {
			return fmt.Errorf("id %d out of range (%d)", id, n)
		}
	}
	return nil
}

// validate checks offsets never decrease and every key is found at its id.
func (x *Dict) validate() error {
	if err := x.Keys.validate(); err != nil {
		return err
	}
	for i := range x.Len() {
		k := x.Keys.At(i)
		if id, ok := x.Find(k); !ok || id != uint32(i) {
			return fmt.Errorf("key %q is not found at its id %d", strings.Clone(k), i)
		}
	}
	return nil
}

// validate checks string offsets never decrease.
func (s Strings) validate() error {
	for i := 1; i < len(s.Off); i++ {
		if s.Off[i-1] > s.Off[i] {
			return fmt.Errorf("string offsets decrease at %d", i)
		}
	}
	return nil
}
