package wndata

import (
	"errors"
	"fmt"
	"sort"
)

// Tables is the WordNet subset in the generator's form, one table per
// relation as WordNet states it; Build derives the image's layout from it.
type Tables struct {
	// Lemmas are the single-word lemmas, lower case, sorted and unique.
	Lemmas []string
	// SenseOff and Senses map a lemma to its synsets in sense order.
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
	// lemma ids. Entries are sorted by form, then part of speech.
	ExcForm         []string
	ExcPOS          []uint8
	ExcOff, ExcBase []uint32
}

// Validate checks the shape of every table and the range of every id.
func (t *Tables) Validate() error {
	nl, ns := uint32(len(t.Lemmas)), uint32(len(t.POS))
	if !sort.StringsAreSorted(t.Lemmas) || !sort.StringsAreSorted(t.ExcForm) {
		return errors.New("lemmas or exception forms are not sorted")
	}
	checks := []struct {
		name      string
		off, vals []uint32
		rows, max uint32
	}{
		{"senses", t.SenseOff, t.Senses, nl, ns},
		{"hypernyms", t.HyperOff, t.Hyper, ns, ns},
		{"similar", t.SimilarOff, t.Similar, ns, ns},
		{"parts", t.PartOff, t.Part, ns, ns},
		{"gloss", t.GlossOff, t.Gloss, ns, nl},
		{"exceptions", t.ExcOff, t.ExcBase, uint32(len(t.ExcForm)), nl},
	}
	for _, c := range checks {
		if err := checkTable(c.name, c.off, c.vals, c.rows, c.max); err != nil {
			return err
		}
	}
	if len(t.ExcPOS) != len(t.ExcForm) {
		return errors.New("exception part-of-speech table has a bad length")
	}
	return checkPOS(t.POS, t.ExcPOS)
}

// checkTable checks a compressed-row table has rows rows, offsets that
// never decrease, and entries below max.
func checkTable(name string, off, vals []uint32, rows, max uint32) error {
	if uint32(len(off)) != rows+1 || off[0] != 0 || off[rows] != uint32(len(vals)) {
		return fmt.Errorf("%s table has a bad shape", name)
	}
	for i := uint32(0); i < rows; i++ {
		if off[i] > off[i+1] {
			return fmt.Errorf("%s offsets decrease at row %d", name, i)
		}
	}
	for _, v := range vals {
		if v >= max {
			return fmt.Errorf("%s id %d out of range (%d)", name, v, max)
		}
	}
	return nil
}

func checkPOS(lists ...[]uint8) error {
	for _, l := range lists {
		for _, p := range l {
			if p >= numPOS {
				return fmt.Errorf("unknown part of speech %d", p)
			}
		}
	}
	return nil
}

// Build derives the image's layout from t: the lemma and exception hash
// indexes, each lemma's parts of speech, and one record per synset with
// the inverted tables (hyponyms, member lemmas) the embedder would
// otherwise build at load time. Dev is left empty; set it with BuildDev.
func Build(t *Tables) (*Data, error) {
	if err := t.Validate(); err != nil {
		return nil, fmt.Errorf("build wordnet data: %w", err)
	}
	ns := len(t.POS)
	lemmas, err := NewDict(t.Lemmas)
	if err != nil {
		return nil, fmt.Errorf("build wordnet data: lemmas: %w", err)
	}
	d := &Data{
		Lemmas:   lemmas,
		LemmaPOS: make([]uint8, len(t.Lemmas)),
		SenseOff: t.SenseOff,
		Senses:   t.Senses,
		POS:      t.POS,
	}
	for i := range t.Lemmas {
		for _, s := range Row(t.SenseOff, t.Senses, i) {
			d.LemmaPOS[i] |= 1 << t.POS[s]
		}
	}
	hypoOff, hypo := invert(t.HyperOff, t.Hyper, ns)
	memberOff, member := invert(t.SenseOff, t.Senses, ns)
	d.SynOff = make([]uint32, 1, ns+1)
	for s := range ns {
		l := Links{
			Hyper:   Row(t.HyperOff, t.Hyper, s),
			Hypo:    Row(hypoOff, hypo, s),
			Similar: Row(t.SimilarOff, t.Similar, s),
			Part:    Row(t.PartOff, t.Part, s),
			Member:  Row(memberOff, member, s),
			Gloss:   Row(t.GlossOff, t.Gloss, s),
		}
		if d.Syn, err = appendRecord(d.Syn, l); err != nil {
			return nil, fmt.Errorf("build wordnet data: synset %d: %w", s, err)
		}
		d.SynOff = append(d.SynOff, uint32(len(d.Syn)))
	}
	if d.ExcForms, d.ExcOff, d.Exc, err = buildExceptions(t); err != nil {
		return nil, fmt.Errorf("build wordnet data: exceptions: %w", err)
	}
	return d, nil
}

// appendRecord appends a synset record (see Links) to syn.
func appendRecord(syn []uint32, l Links) ([]uint32, error) {
	lists := [...][]uint32{l.Hyper, l.Similar, l.Part, l.Member, l.Gloss}
	var h uint32
	shift := uint(0)
	for i, list := range lists {
		f := recordFields[i]
		if len(list) >= 1<<f.bits {
			return nil, fmt.Errorf("%d %s do not fit the record header's %d bits", len(list), f.name, f.bits)
		}
		h |= uint32(len(list)) << shift
		shift += f.bits
	}
	syn = append(syn, h)
	for _, list := range lists {
		syn = append(syn, list...)
	}
	return append(syn, l.Hypo...), nil
}

// buildExceptions groups t's exception entries by form.
func buildExceptions(t *Tables) (forms Dict, off, entries []uint32, err error) {
	var keys []string
	off = []uint32{0}
	for i, f := range t.ExcForm {
		if len(keys) == 0 || keys[len(keys)-1] != f {
			keys = append(keys, f)
			off = append(off, off[len(off)-1])
		}
		for _, b := range Row(t.ExcOff, t.ExcBase, i) {
			entries = append(entries, excEntry(t.ExcPOS[i], b))
		}
		off[len(off)-1] = uint32(len(entries))
	}
	forms, err = NewDict(keys)
	return forms, off, entries, err
}

// invert turns a compressed-row table from rows to targets into one from
// targets to rows, by counting sort; each inverted row is ascending.
func invert(off, vals []uint32, n int) (ioff, ivals []uint32) {
	ioff = make([]uint32, n+1)
	for _, v := range vals {
		ioff[v+1]++
	}
	for i := 1; i <= n; i++ {
		ioff[i] += ioff[i-1]
	}
	ivals = make([]uint32, len(vals))
	next := append([]uint32(nil), ioff[:n]...)
	for row := 0; row+1 < len(off); row++ {
		for _, v := range vals[off[row]:off[row+1]] {
			ivals[next[v]] = uint32(row)
			next[v]++
		}
	}
	return ioff, ivals
}
