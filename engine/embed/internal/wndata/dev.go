package wndata

import (
	"fmt"
	"slices"
	"strings"
)

// Dev is the developer thesaurus (engine/embed/data/devterms.txt) indexed
// for lookups: synonym sets and related sets by id, reached from single
// words and from phrases.
type Dev struct {
	// Words are the single words and identifiers the thesaurus matches;
	// Phrases the content words of its phrases, each in its canonical
	// base form and joined by spaces.
	Words, Phrases DevEntries
	// First holds the first word of every phrase and Prefix every proper
	// prefix of two or more words, so a phrase scan stops early.
	First, Prefix Dict
	// MaxPhrase is the most words in a phrase.
	MaxPhrase uint32
	// SetOff and SetWords list, per synonym set, the full-text words of
	// its terms.
	SetOff   []uint32
	SetWords Strings
	// NumRelated is how many related sets there are.
	NumRelated uint32
	// SourceCRC is the CRC-32 (Castagnoli) of the thesaurus file the
	// index was built from, so a test can tell a stale index.
	SourceCRC uint32
}

// DevEntries are thesaurus keys with the synonym and related sets each is
// in, both sorted.
type DevEntries struct {
	Keys        Dict
	SynOff, Syn []uint32
	RelOff, Rel []uint32
}

// Sets returns the synonym and related sets of entry id.
func (e *DevEntries) Sets(id uint32) (syn, rel []uint32) {
	return Row(e.SynOff, e.Syn, int(id)), Row(e.RelOff, e.Rel, int(id))
}

// DevEntry is one thesaurus key and its sets, as the generator collects
// them.
type DevEntry struct {
	Key      string
	Syn, Rel []uint32
}

// DevTables is the thesaurus index in the generator's form.
type DevTables struct {
	Words, Phrases []DevEntry
	First, Prefix  []string
	MaxPhrase      int
	SetWords       [][]string
	NumRelated     int
	SourceCRC      uint32
}

// BuildDev lays the thesaurus index out as the image stores it; keys are
// sorted so the output depends only on the tables' contents.
func BuildDev(t *DevTables) (Dev, error) {
	d := Dev{MaxPhrase: uint32(t.MaxPhrase), NumRelated: uint32(t.NumRelated), SourceCRC: t.SourceCRC}
	var err error
	if d.Words, err = devEntries(t.Words); err != nil {
		return Dev{}, fmt.Errorf("build thesaurus index: words: %w", err)
	}
	if d.Phrases, err = devEntries(t.Phrases); err != nil {
		return Dev{}, fmt.Errorf("build thesaurus index: phrases: %w", err)
	}
	if d.First, err = NewDict(sortedCopy(t.First)); err != nil {
		return Dev{}, fmt.Errorf("build thesaurus index: phrase starts: %w", err)
	}
	if d.Prefix, err = NewDict(sortedCopy(t.Prefix)); err != nil {
		return Dev{}, fmt.Errorf("build thesaurus index: phrase prefixes: %w", err)
	}
	var words []string
	d.SetOff = []uint32{0}
	for _, ws := range t.SetWords {
		words = append(words, ws...)
		d.SetOff = append(d.SetOff, uint32(len(words)))
	}
	d.SetWords = NewStrings(words)
	return d, nil
}

func devEntries(es []DevEntry) (DevEntries, error) {
	es = slices.Clone(es)
	slices.SortFunc(es, func(a, b DevEntry) int { return strings.Compare(a.Key, b.Key) })
	keys := make([]string, len(es))
	out := DevEntries{SynOff: []uint32{0}, RelOff: []uint32{0}}
	for i, e := range es {
		keys[i] = e.Key
		out.Syn = append(out.Syn, e.Syn...)
		out.SynOff = append(out.SynOff, uint32(len(out.Syn)))
		out.Rel = append(out.Rel, e.Rel...)
		out.RelOff = append(out.RelOff, uint32(len(out.Rel)))
	}
	var err error
	out.Keys, err = NewDict(keys)
	return out, err
}

func sortedCopy(ss []string) []string {
	ss = slices.Clone(ss)
	slices.Sort(ss)
	return ss
}
