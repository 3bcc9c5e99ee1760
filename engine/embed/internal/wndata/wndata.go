// Package wndata is the binary image of the WordNet 3.0 subset the built-in
// embedder ships: single-word lemmas, their senses, and for each synset its
// part of speech, hypernyms, hyponyms, similar-to and part links, member
// lemmas and its definition's content words, plus WordNet's exception
// lists and the developer thesaurus already indexed. The generator builds
// it (Build, BuildDev, Encode) and the embedder reads it (Open), so both
// sides share this one codec.
//
// The image is read in place, not decoded: every table is a little-endian
// uint32 or byte array at a 4-byte-aligned offset, strings are one blob
// plus offsets, and string lookups go through hash indexes the generator
// computed. Open only checks the header and the shape of each table and
// makes slices over the image, so first use costs microseconds; Verify
// checks the checksum and every id, for tests and the generator.
package wndata

// Part-of-speech codes stored per synset and per exception entry; they are
// lex's codes.
const (
	Noun uint8 = iota
	Verb
	Adj
	Adv
	numPOS
)

// Data is the WordNet subset as the embedder reads it. Lists use a
// compressed-row layout: the entries of row i are X[XOff[i]:XOff[i+1]], so
// a whole table is two arrays instead of one small slice per row.
type Data struct {
	// Lemmas are the single-word lemmas, lower case, sorted and unique;
	// a lemma's id is its index.
	Lemmas Dict
	// LemmaPOS has a bit per part of speech each lemma has senses in.
	LemmaPOS []uint8
	// SenseOff and Senses map a lemma to its synsets in WordNet's sense
	// order (most frequent first), nouns first, then verbs, adjectives and
	// adverbs.
	SenseOff, Senses []uint32
	// POS is the part of speech of each synset.
	POS []uint8
	// SynOff and Syn hold one record per synset; read it with Links.
	SynOff, Syn []uint32
	// ExcForms are the inflected forms of WordNet's morphological
	// exception lists; ExcOff and Exc list each form's entries, a part of
	// speech and a base lemma id packed by excEntry.
	ExcForms    Dict
	ExcOff, Exc []uint32
	// Dev is the developer thesaurus, indexed with this data's morphology.
	Dev Dev
}

// Links are a synset's links, each list sorted.
type Links struct {
	// Hyper are its hypernyms (class and instance), Hypo the synsets
	// that have it as a hypernym.
	Hyper, Hypo []uint32
	// Similar are adjective similar-to links, Part its part meronyms (the
	// parts of a whole).
	Similar, Part []uint32
	// Member are the ids of the lemmas that have it as a sense.
	Member []uint32
	// Gloss are the lemma ids of its definition's content words.
	Gloss []uint32
}

// A synset record is one header word holding the lengths of all lists
// but the hyponyms, then the lists in recordFields order; the hyponyms,
// the one list that can be long, take the rest. The field widths are part
// of the format, and Build rejects data that does not fit (WordNet 3.0's
// longest lists are 6 hypernyms, 146 similar, 77 parts, 25 members and 49
// definition words).
const recHeader = 1

// recordFields are the header's fields, from the low bits up: a list and
// its width in bits.
var recordFields = [...]struct {
	name string
	bits uint
}{{"hypernyms", 4}, {"similar", 8}, {"parts", 7}, {"members", 5}, {"definition words", 7}}

// Links returns synset s's links. The slices share the image's memory and
// have no spare capacity, so appending to one copies it.
func (d *Data) Links(s uint32) Links {
	r := d.Syn[d.SynOff[s]:d.SynOff[s+1]]
	h := r[0]
	r = r[recHeader:]
	var l Links
	for i, list := range [...]*[]uint32{&l.Hyper, &l.Similar, &l.Part, &l.Member, &l.Gloss} {
		n := h & (1<<recordFields[i].bits - 1)
		h >>= recordFields[i].bits
		*list, r = r[:n:n], r[n:]
	}
	l.Hypo = r
	return l
}

// Hyper returns synset s's hypernyms, the one list a hypernym walk needs.
func (d *Data) Hyper(s uint32) []uint32 {
	r := d.Syn[d.SynOff[s]:d.SynOff[s+1]]
	n := recHeader + r[0]&(1<<recordFields[0].bits-1)
	return r[recHeader:n:n]
}

// NumLemmas reports how many lemmas the data holds.
func (d *Data) NumLemmas() int { return d.Lemmas.Len() }

// NumSynsets reports how many synsets the data holds.
func (d *Data) NumSynsets() int { return len(d.POS) }

// Lemma returns lemma id's text.
func (d *Data) Lemma(id uint32) string { return d.Lemmas.Keys.At(int(id)) }

// LemmaID returns the id of a lemma.
func (d *Data) LemmaID(word string) (uint32, bool) { return d.Lemmas.Find(word) }

// SensesOf returns lemma id's synsets in sense order.
func (d *Data) SensesOf(id uint32) []uint32 { return Row(d.SenseOff, d.Senses, int(id)) }

// Has reports whether word is a lemma with senses in pos; with Exceptions
// it makes Data a lex.Lexicon.
func (d *Data) Has(word string, pos uint8) bool {
	id, ok := d.Lemmas.Find(word)
	return ok && d.LemmaPOS[id]&(1<<pos) != 0
}

// Exceptions returns the base lemmas WordNet's exception list gives for
// an inflected form in pos, or nil.
func (d *Data) Exceptions(word string, pos uint8) []string {
	i, ok := d.ExcForms.Find(word)
	if !ok {
		return nil
	}
	var out []string
	for _, e := range Row(d.ExcOff, d.Exc, int(i)) {
		if uint8(e>>excPOSShift) == pos {
			out = append(out, d.Lemma(e&(1<<excPOSShift-1)))
		}
	}
	return out
}

// excPOSShift places an exception entry's part of speech above its lemma
// id.
const excPOSShift = 28

func excEntry(pos uint8, lemma uint32) uint32 { return uint32(pos)<<excPOSShift | lemma }

// Row returns entries off[i]:off[i+1] of vals, with no spare capacity.
func Row(off, vals []uint32, i int) []uint32 {
	return vals[off[i]:off[i+1]:off[i+1]]
}
