package embed

import (
	"strings"
	"unicode"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
)

// expandSenses is how many senses per part of speech Expand draws synonyms
// from: WordNet orders senses by frequency, and rare senses add noise.
const expandSenses = 2

// Expand returns the lemmas and synonyms of text's words, separated by
// spaces, for a separate full-text column written with the memory: a
// paraphrasing query then finds the memory by a synonym. Each word adds its
// base forms (ran gives run), the words of its developer-thesaurus
// synonyms (reboot gives restart, relaunch, bounce; PR gives pull, request,
// merge), the single-word WordNet synonyms of its most frequent senses (car
// gives auto, automobile, machine, motorcar), and the
// parts of camelCase identifiers and hyphenated words, which a full-text
// tokeniser keeps whole (fetchUserProfile gives fetch user profile). Words
// already in the text, as a full-text tokeniser splits it, are not
// repeated. It returns "" if the WordNet data cannot load (Load reports
// why).
func (b *Builtin) Expand(text string) string {
	if b.Load() != nil {
		return ""
	}
	seen := make(map[string]bool)
	for _, w := range strings.FieldsFunc(strings.ToLower(text), notAlnum) {
		seen[w] = true
	}
	var out []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	d := b.wn.d
	toks := b.appendPhrases(lex.Tokenize(text))
	for _, t := range toks {
		if !t.Exact && strings.IndexByte(t.Text, ' ') < 0 {
			add(t.Text)
		}
	}
	for _, t := range toks {
		var syn []uint32
		if !t.Exact {
			syn, _ = b.wn.devSets(t.Text)
		} else if id, ok := b.wn.devWord(t.Text); ok {
			syn, _ = b.wn.dev.Words.Sets(id)
		}
		for _, s := range syn {
			b.wn.setWords(s, add)
		}
		if t.Exact {
			continue
		}
		for _, l := range b.wn.lemmas(t.Text) {
			add(d.Lemma(l))
			var perPOS [lex.NumPOS]int
			for _, s := range d.SensesOf(l) {
				if perPOS[d.POS[s]]++; perPOS[d.POS[s]] > expandSenses {
					continue
				}
				for _, m := range d.Links(s).Member {
					add(d.Lemma(m))
				}
			}
		}
	}
	return strings.Join(out, " ")
}

// notAlnum splits text the way SQLite's unicode61 tokeniser does by
// default: at every rune that is not a letter or digit.
func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
