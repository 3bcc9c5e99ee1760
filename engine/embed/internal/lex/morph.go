package lex

import "strings"

// Parts of speech, numbered as in package wndata.
const (
	Noun uint8 = iota
	Verb
	Adj
	Adv
	NumPOS
)

// Lexicon answers the two questions WordNet's morphology needs: whether a
// lemma exists for a part of speech, and which irregular bases an inflected
// form has (from the *.exc exception lists).
type Lexicon interface {
	Has(word string, pos uint8) bool
	Exceptions(word string, pos uint8) []string
}

// rule is one of WordNet's detachment rules: replace suffix with repl.
type rule struct{ suffix, repl string }

// rules are morphy's detachment rules per part of speech, in WordNet's order
// (morph.c). Adverbs have none.
var rules = [NumPOS][]rule{
	Noun: {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	Verb: {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
	Adj:  {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
}

// Bases calls fn for every base form WordNet's morphology finds for word,
// across all parts of speech: the exception-list bases, the word itself if
// it is a lemma, and each detachment-rule result that is a lemma. A base may
// be reported once per part of speech; callers dedupe if they care.
func Bases(lx Lexicon, word string, fn func(base string, pos uint8)) {
	for pos := uint8(0); pos < NumPOS; pos++ {
		for _, b := range lx.Exceptions(word, pos) {
			fn(b, pos)
		}
		if lx.Has(word, pos) {
			fn(word, pos)
		}
		// WordNet leaves nouns ending in "ss" (glass, boss) and very short
		// words alone: stripping them only finds false bases.
		if len(word) <= 2 || (pos == Noun && strings.HasSuffix(word, "ss")) {
			continue
		}
		for _, r := range rules[pos] {
			if !strings.HasSuffix(word, r.suffix) {
				continue
			}
			cand := word[:len(word)-len(r.suffix)] + r.repl
			if cand != "" && cand != word && lx.Has(cand, pos) {
				fn(cand, pos)
			}
		}
	}
}
