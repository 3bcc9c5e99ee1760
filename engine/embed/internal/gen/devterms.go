package main

import (
	"fmt"
	"hash/crc32"
	"slices"
	"strings"
	"unicode"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
	"github.com/sweetmcp/sweet/engine/embed/internal/thes"
	"github.com/sweetmcp/sweet/engine/embed/internal/wndata"
)

// devEntry is what the thesaurus says about one word or phrase: the
// synonym sets it belongs to and the related sets it touches, directly or
// through one of its synonyms.
type devEntry struct {
	syn, rel []uint32
}

// devIndex collects the thesaurus index before it is laid out by
// wndata.BuildDev.
type devIndex struct {
	lx        lex.Lexicon
	words     map[string]*devEntry
	phrases   map[string]*devEntry
	first     map[string]bool
	prefix    map[string]bool
	maxPhrase int
	setWords  [][]string
}

// indexDevterms parses the developer thesaurus and indexes it with the
// morphology of lx, the WordNet data it ships with, so the embedder finds
// a phrase whatever inflection the text uses.
func indexDevterms(lx lex.Lexicon, raw []byte) (*wndata.DevTables, error) {
	sets, err := thes.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("index developer thesaurus: %w", err)
	}
	x := &devIndex{lx: lx, words: make(map[string]*devEntry), phrases: make(map[string]*devEntry),
		first: make(map[string]bool), prefix: make(map[string]bool)}
	var nRel uint32
	// directRel holds the related sets each entry is listed in.
	directRel := make(map[*devEntry][]uint32)
	for _, s := range sets {
		id := uint32(len(x.setWords))
		if s.Kind == thes.Related {
			id, nRel = nRel, nRel+1
		} else {
			x.setWords = append(x.setWords, termWords(s.Terms))
		}
		for _, term := range s.Terms {
			for _, e := range x.register(term) {
				if s.Kind == thes.Related {
					directRel[e] = appendUnique(directRel[e], id)
				} else {
					e.syn = appendUnique(e.syn, id)
				}
			}
		}
	}
	// A related set reaches every synonym of its terms: "~ bug, fix" makes
	// defect (a synonym of bug) related to fix too.
	relOfSyn := make(map[uint32][]uint32)
	for e, rel := range directRel {
		for _, s := range e.syn {
			for _, r := range rel {
				relOfSyn[s] = appendUnique(relOfSyn[s], r)
			}
		}
	}
	t := &wndata.DevTables{MaxPhrase: x.maxPhrase, SetWords: x.setWords, NumRelated: int(nRel),
		SourceCRC: crc32.Checksum(raw, crc32.MakeTable(crc32.Castagnoli))}
	finish := func(m map[string]*devEntry) []wndata.DevEntry {
		var out []wndata.DevEntry
		for key, e := range m {
			for _, r := range directRel[e] {
				e.rel = appendUnique(e.rel, r)
			}
			for _, s := range e.syn {
				for _, r := range relOfSyn[s] {
					e.rel = appendUnique(e.rel, r)
				}
			}
			slices.Sort(e.syn)
			slices.Sort(e.rel)
			out = append(out, wndata.DevEntry{Key: key, Syn: e.syn, Rel: e.rel})
		}
		return out
	}
	t.Words, t.Phrases = finish(x.words), finish(x.phrases)
	for k := range x.first {
		t.First = append(t.First, k)
	}
	for k := range x.prefix {
		t.Prefix = append(t.Prefix, k)
	}
	return t, nil
}

// register adds a term to the index and returns the entries it is matched
// by. A plain word is a word entry; an identifier-like word (k8s, node.js,
// pub/sub) is a word entry for the whole identifier token the tokeniser
// keeps; a hyphenated word is a word entry for its joined form
// (cherry-pick is cherrypick). Two or more content words, from one word or
// several, also make a phrase entry (pull request, cherry pick). A term
// left with one content word after dropping stopwords (out of memory, log
// in) is not matched at all, because that word means something else
// alone; Expand still writes it.
func (x *devIndex) register(term string) []*devEntry {
	words := strings.Fields(term)
	var parts []string
	var whole string // the single word's identifier or joined form
	plain := len(words) == 1
	for _, word := range words {
		var mine []string
		for _, t := range lex.Tokenize(word) {
			if t.Exact {
				whole, plain = t.Text, false
			} else {
				mine = append(mine, t.Text)
			}
		}
		if len(mine) > 1 && whole == "" && strings.Contains(word, "-") {
			whole, plain = mine[len(mine)-1], false
			mine = mine[:len(mine)-1]
		}
		if len(mine) != 1 {
			plain = false
		}
		parts = append(parts, mine...)
	}
	var out []*devEntry
	if plain {
		out = append(out, entry(x.words, parts[0]))
	}
	if whole != "" && len(words) == 1 {
		out = append(out, entry(x.words, whole))
	}
	if len(parts) > 1 {
		key := make([]string, len(parts))
		for i, p := range parts {
			key[i] = canon(x.lx, p)
		}
		out = append(out, entry(x.phrases, strings.Join(key, " ")))
		x.first[key[0]] = true
		for n := 2; n < len(key); n++ {
			x.prefix[strings.Join(key[:n], " ")] = true
		}
		x.maxPhrase = max(x.maxPhrase, len(parts))
	}
	return out
}

// canon returns the base form a word takes in phrase keys: the first base
// WordNet's morphology finds (requests gives request), or the word itself.
// The embedder computes the same for the words of a text.
func canon(lx lex.Lexicon, word string) string {
	out, found := word, false
	lex.Bases(lx, word, func(base string, _ uint8) {
		if !found {
			out, found = base, true
		}
	})
	return out
}

// entry returns m's entry for key, adding an empty one if there is none.
func entry(m map[string]*devEntry, key string) *devEntry {
	e := m[key]
	if e == nil {
		e = &devEntry{}
		m[key] = e
	}
	return e
}

// termWords returns the words full-text search sees in terms, without
// stopwords, single letters or repeats.
func termWords(terms []string) []string {
	var out []string
	for _, t := range terms {
		for _, w := range strings.FieldsFunc(t, notAlnum) {
			if len(w) > 1 && !lex.IsStopword(w) && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// notAlnum splits text the way SQLite's unicode61 tokeniser does by
// default: at every rune that is not a letter or digit.
func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func appendUnique(s []uint32, v uint32) []uint32 {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}
