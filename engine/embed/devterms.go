package embed

// Feature ids of the thesaurus's sets. WordNet's synsets and definition
// words stay far below 1<<29 and hashed unknown words all have 1<<31 set,
// so these ranges collide with neither.
const (
	synonymFeature = 1 << 30       // | synonym set id
	relatedFeature = 1<<30 | 1<<29 // | related set id
	featureKind    = synonymFeature | relatedFeature
)

// The developer thesaurus (data/devterms.txt) is indexed by the generator
// (internal/gen/devterms.go) into the WordNet image, with this WordNet's
// morphology: words and identifiers map to the synonym sets they are in
// and the related sets they touch, directly or through one of their
// synonyms; phrases are keyed by their content words' canonical base
// forms (see canon), joined by spaces.

// devWord returns the thesaurus entry of a single word or identifier.
func (w *wordnet) devWord(word string) (uint32, bool) { return w.dev.Words.Keys.Find(word) }

// isDevWord reports whether the thesaurus lists word.
func (w *wordnet) isDevWord(word string) bool { return w.dev.Words.Keys.Has(word) }

// setWords returns the full-text words of synonym set s's terms, which
// Expand writes for any member.
func (w *wordnet) setWords(s uint32, fn func(string)) {
	for i := w.dev.SetOff[s]; i < w.dev.SetOff[s+1]; i++ {
		fn(w.dev.SetWords.At(int(i)))
	}
}
