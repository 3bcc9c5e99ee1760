package embed

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
	"github.com/sweetmcp/sweet/engine/embed/internal/thes"
)

// devtermsData is the hand-written developer thesaurus (see the file's
// header for its format and the thes package for the parser).
//
//go:embed data/devterms.txt
var devtermsData []byte

// Feature ids of the thesaurus's sets. WordNet's synsets and definition
// words stay far below 1<<29 and hashed unknown words all have 1<<31 set,
// so these ranges collide with neither.
const (
	synonymFeature = 1 << 30       // | synonym set id
	relatedFeature = 1<<30 | 1<<29 // | related set id
	featureKind    = synonymFeature | relatedFeature
)

// devEntry is what the thesaurus says about one word or phrase: the
// synonym sets it belongs to and the related sets it touches, directly or
// through one of its synonyms. Both are sorted.
type devEntry struct {
	syn, rel []uint32
}

// devIndex is the thesaurus arranged for lookups.
type devIndex struct {
	// words maps a single word, as written in the file, to its entry.
	words map[string]*devEntry
	// phrases maps the content words of a phrase, each in its canonical
	// base form (see canon) and joined by spaces, to its entry.
	phrases map[string]*devEntry
	// maxPhrase is the most content words in a phrase key, and first
	// holds the first word of every phrase key, so most tokens are
	// rejected with one lookup.
	maxPhrase int
	first     map[string]bool
	// prefix holds every proper prefix of two or more words of a phrase
	// key, so a scan stops as soon as no longer phrase can match.
	prefix map[string]bool
	// setWords lists, per synonym set, the full-text words of its terms,
	// which Expand writes for any member.
	setWords [][]string
}

// loadDevterms parses the thesaurus and indexes it with w's morphology.
func loadDevterms(w *wordnet, raw []byte) (*devIndex, error) {
	sets, err := thes.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("load developer thesaurus: %w", err)
	}
	x := &devIndex{words: make(map[string]*devEntry), phrases: make(map[string]*devEntry), first: make(map[string]bool), prefix: make(map[string]bool)}
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
			for _, e := range x.register(w, term) {
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
	for _, m := range []map[string]*devEntry{x.words, x.phrases} {
		for _, e := range m {
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
		}
	}
	return x, nil
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
func (x *devIndex) register(w *wordnet, term string) []*devEntry {
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
		out = append(out, x.entry(x.words, parts[0]))
	}
	if whole != "" && len(words) == 1 {
		out = append(out, x.entry(x.words, whole))
	}
	if len(parts) > 1 {
		key := make([]string, len(parts))
		for i, p := range parts {
			key[i] = w.canon(p)
		}
		out = append(out, x.entry(x.phrases, strings.Join(key, " ")))
		x.first[key[0]] = true
		for n := 2; n < len(key); n++ {
			x.prefix[strings.Join(key[:n], " ")] = true
		}
		x.maxPhrase = max(x.maxPhrase, len(parts))
	}
	return out
}

// entry returns m's entry for key, adding an empty one if there is none.
func (x *devIndex) entry(m map[string]*devEntry, key string) *devEntry {
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

func appendUnique(s []uint32, v uint32) []uint32 {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}
