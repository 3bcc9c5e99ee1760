package embed

import (
	"math"
	"slices"
	"strings"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
)

// Similarity floors the max-sim scorer gives thesaurus matches: a curated
// synonym counts almost as the word itself (which scores 1), a related
// term about as much as a close WordNet neighbour. Round a-priori values,
// like the feature weights.
const (
	devSynonymSim = 0.9
	devRelatedSim = 0.5
)

// Weights of the thesaurus features in a word's sparse vector, next to its
// unit-length WordNet part: two synonyms share a feature as heavy as all of
// WordNet's, so their cosine is at least one half.
const (
	weightDevSynonym = 1.0
	weightDevRelated = 0.5
)

// canon returns the base form a word takes in phrase keys: the first base
// WordNet's morphology finds (requests gives request), or the word itself.
func (w *wordnet) canon(word string) string {
	out, found := word, false
	lex.Bases(w, word, func(base string, _ uint8) {
		if !found {
			out, found = base, true
		}
	})
	return out
}

// devLexicon lets WordNet's detachment rules find thesaurus words that
// WordNet lacks (memoized gives memoize, k8s stays k8s).
type devLexicon struct{ w *wordnet }

func (l devLexicon) Has(word string, pos uint8) bool {
	return (pos == lex.Noun || pos == lex.Verb) && l.w.isDevWord(word)
}

func (l devLexicon) Exceptions(word string, pos uint8) []string { return l.w.Exceptions(word, pos) }

// devSets returns the synonym and related sets of a token: a phrase token
// (words joined by spaces) is looked up as a phrase; a word as itself, or
// failing that by its base forms, or failing those as the word a developer
// abbreviation stands for. Both results are sorted and may share memory with the index.
func (w *wordnet) devSets(token string) (syn, rel []uint32) {
	if strings.IndexByte(token, ' ') >= 0 {
		if id, ok := w.dev.Phrases.Keys.Find(token); ok {
			return w.dev.Phrases.Sets(id)
		}
		return nil, nil
	}
	var found []uint32
	add := func(word string, _ uint8) {
		if id, ok := w.devWord(word); ok && !slices.Contains(found, id) {
			found = append(found, id)
		}
	}
	// The word as written wins over its bases (paged is the on-call word,
	// not a web page) and both over the abbreviation's expansion (ui is
	// the frontend, not an interface type).
	add(token, 0)
	if len(found) == 0 {
		lex.Bases(devLexicon{w}, token, add)
	}
	if full, ok := lex.Expansion(token); ok && len(found) == 0 {
		add(full, 0)
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		return w.dev.Words.Sets(found[0])
	}
	for _, id := range found {
		esyn, erel := w.dev.Words.Sets(id)
		for _, s := range esyn {
			syn = appendUnique(syn, s)
		}
		for _, r := range erel {
			rel = appendUnique(rel, r)
		}
	}
	slices.Sort(syn)
	slices.Sort(rel)
	return syn, rel
}

// addDevFeatures adds a token's thesaurus sets to its feature set, which
// must already be unit length.
func (w *wordnet) addDevFeatures(fs featureSet, syn, rel []uint32) {
	for _, s := range syn {
		fs[synonymFeature|s] += weightDevSynonym / sqrtLen(syn)
	}
	for _, r := range rel {
		fs[relatedFeature|r] += weightDevRelated / sqrtLen(rel)
	}
}

// devFeatureKind reports whether a feature id is a thesaurus synonym set
// (1), related set (2) or neither (0).
func devFeatureKind(id uint32) int {
	switch id & (unknownBit | featureKind) {
	case synonymFeature:
		return 1
	case relatedFeature:
		return 2
	}
	return 0
}

// findPhrases calls fn for every thesaurus phrase in toks (greedily,
// longest first, without overlaps) with its key and the indexes of the
// tokens it covers. Identifier tokens are skipped over, so the parts of
// pull_request still form "pull request". It allocates only where a
// phrase could start.
func (b *Builtin) findPhrases(toks []lex.Token, fn func(key string, covered []int)) {
	x := b.wn.dev
	var buf []byte
	var cover []int
	for i := 0; i < len(toks); i++ {
		if !phraseWord(toks[i]) {
			continue
		}
		c := b.token(toks[i]).canon
		if !x.First.Has(c) {
			continue
		}
		buf = append(buf[:0], c...)
		cover = append(cover[:0], i)
		bestLen, bestN := 0, 0
		for j := i + 1; j < len(toks) && len(cover) < int(x.MaxPhrase); j++ {
			if toks[j].Exact {
				continue
			}
			if !phraseWord(toks[j]) {
				break
			}
			buf = append(append(buf, ' '), b.token(toks[j]).canon...)
			cover = append(cover, j)
			if _, ok := x.Phrases.Keys.FindBytes(buf); ok {
				bestLen, bestN = len(buf), len(cover)
			}
			if _, ok := x.Prefix.FindBytes(buf); !ok {
				break
			}
		}
		if bestN > 0 {
			fn(string(buf[:bestLen]), cover[:bestN])
			i = cover[bestN-1]
		}
	}
}

// phraseWord reports whether t can be part of a phrase: a plain word, not
// an identifier nor a phrase token already.
func phraseWord(t lex.Token) bool { return !t.Exact && strings.IndexByte(t.Text, ' ') < 0 }

// appendPhrases appends a token for each thesaurus phrase in toks, beside
// the words it is made of.
func (b *Builtin) appendPhrases(toks []lex.Token) []lex.Token {
	n := len(toks)
	b.findPhrases(toks[:n], func(key string, _ []int) {
		toks = append(toks, lex.Token{Text: key})
	})
	return toks
}

// sqrtLen is the square root of len(s), which spreads a fixed weight over
// a token's sets so the total stays the same however many it is in.
func sqrtLen(s []uint32) float32 { return float32(math.Sqrt(float64(len(s)))) }

func appendUnique(s []uint32, v uint32) []uint32 {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}
