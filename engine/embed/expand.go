package embed

import (
	"strings"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
	"github.com/sweetmcp/sweet/engine/embed/internal/wndata"
)

// expandSenses is how many senses per part of speech Expand draws synonyms
// from: WordNet orders senses by frequency, and rare senses add noise.
const expandSenses = 2

// Expand returns the WordNet lemmas and synonyms of text's words, separated
// by spaces, for a separate full-text column written with the memory: a
// paraphrasing query then finds the memory by a synonym. Each word adds its
// base forms (ran gives run) and the single-word synonyms of its most
// frequent senses (car gives auto, automobile, machine, motorcar), without
// repeating the text's own words. It returns "" if the WordNet data cannot
// load (Load reports why).
func (b *Builtin) Expand(text string) string {
	if b.Load() != nil {
		return ""
	}
	toks := lex.Tokenize(text)
	seen := make(map[string]bool, len(toks))
	for _, t := range toks {
		seen[t.Text] = true
	}
	var out []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	d := b.wn.d
	for _, t := range toks {
		if t.Exact {
			continue
		}
		for _, l := range b.wn.lemmas(t.Text) {
			add(d.Lemmas[l])
			var perPOS [lex.NumPOS]int
			for _, s := range wndata.Row(d.SenseOff, d.Senses, int(l)) {
				if perPOS[d.POS[s]]++; perPOS[d.POS[s]] > expandSenses {
					continue
				}
				for _, m := range wndata.Row(b.wn.memberOff, b.wn.member, int(s)) {
					add(d.Lemmas[m])
				}
			}
		}
	}
	return strings.Join(out, " ")
}
