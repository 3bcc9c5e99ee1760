package main

import (
	"fmt"
	"slices"
	"sort"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
	"github.com/sweetmcp/sweet/engine/embed/internal/wndata"
)

// options are the generator's tunables; the defaults are the shipped data.
type options struct {
	// maxGlossDF drops definition words found in more than this fraction of
	// synsets ("person", "act", "used"): they link unrelated words.
	maxGlossDF float64
}

// lexicon answers morphology questions from the parsed index and
// exception lists.
type lexicon struct {
	mask map[string]uint8 // lemma -> bit per part of speech
	exc  map[[2]string][]string
}

func (l *lexicon) Has(w string, pos uint8) bool { return l.mask[w]&(1<<pos) != 0 }

func (l *lexicon) Exceptions(w string, pos uint8) []string {
	var out []string
	for _, b := range l.exc[[2]string{w, posFiles[pos]}] {
		if l.Has(b, pos) {
			out = append(out, b)
		}
	}
	return out
}

// build reads the WordNet directory and assembles the shipped tables.
func build(dir string, opt options) (*wndata.Tables, error) {
	raw, ids, err := readSynsets(dir)
	if err != nil {
		return nil, err
	}
	entries, err := readIndex(dir)
	if err != nil {
		return nil, err
	}
	exc, err := readExceptions(dir)
	if err != nil {
		return nil, err
	}
	lx := &lexicon{mask: make(map[string]uint8), exc: exc}
	senses := make(map[string][]uint32)
	for _, e := range entries {
		lx.mask[e.lemma] |= 1 << e.pos
		for _, k := range e.keys {
			id, ok := ids[k]
			if !ok {
				return nil, fmt.Errorf("index lemma %q points at missing synset %s", e.lemma, k)
			}
			if !slices.Contains(senses[e.lemma], id) {
				senses[e.lemma] = append(senses[e.lemma], id)
			}
		}
	}
	d := &wndata.Tables{}
	for l := range senses {
		d.Lemmas = append(d.Lemmas, l)
	}
	sort.Strings(d.Lemmas)
	lemmaID := make(map[string]uint32, len(d.Lemmas))
	for i, l := range d.Lemmas {
		lemmaID[l] = uint32(i)
	}
	d.SenseOff, d.Senses = table(len(d.Lemmas), func(i int) []uint32 { return senses[d.Lemmas[i]] })
	for _, s := range raw {
		d.POS = append(d.POS, s.pos)
	}
	resolve := func(keys []string) []uint32 { return sortedIDs(keys, ids) }
	d.HyperOff, d.Hyper = table(len(raw), func(i int) []uint32 { return resolve(raw[i].hyper) })
	d.SimilarOff, d.Similar = table(len(raw), func(i int) []uint32 { return resolve(raw[i].similar) })
	d.PartOff, d.Part = table(len(raw), func(i int) []uint32 { return resolve(raw[i].parts) })
	gloss := glossWords(raw, lx, lemmaID, opt.maxGlossDF)
	d.GlossOff, d.Gloss = table(len(raw), func(i int) []uint32 { return gloss[i] })
	addExceptions(d, lx, lemmaID)
	return d, nil
}

// table lays rows out in the compressed-row form wndata uses.
func table(n int, row func(int) []uint32) (off, vals []uint32) {
	off = make([]uint32, 1, n+1)
	for i := 0; i < n; i++ {
		vals = append(vals, row(i)...)
		off = append(off, uint32(len(vals)))
	}
	return off, vals
}

func sortedIDs(keys []string, ids map[string]uint32) []uint32 {
	var out []uint32
	for _, k := range keys {
		if id, ok := ids[k]; ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// glossWords lemmatises each definition's content words with WordNet's own
// morphology and drops the ones too common to carry meaning.
func glossWords(raw []rawSynset, lx *lexicon, lemmaID map[string]uint32, maxDF float64) [][]uint32 {
	out := make([][]uint32, len(raw))
	df := make(map[uint32]int)
	for i, s := range raw {
		var row []uint32
		for _, w := range lex.Words(s.gloss) {
			base := ""
			lex.Bases(lx, w, func(b string, _ uint8) {
				if base == "" || b == w {
					base = b
				}
			})
			if id, ok := lemmaID[base]; ok {
				row = append(row, id)
			}
		}
		slices.Sort(row)
		row = slices.Compact(row)
		for _, id := range row {
			df[id]++
		}
		out[i] = row
	}
	limit := int(maxDF * float64(len(raw)))
	for i, row := range out {
		out[i] = slices.DeleteFunc(row, func(id uint32) bool { return df[id] > limit })
	}
	return out
}

// addExceptions stores the exception lists, keeping entries whose bases are
// shipped lemmas.
func addExceptions(d *wndata.Tables, lx *lexicon, lemmaID map[string]uint32) {
	type entry struct {
		form string
		pos  uint8
	}
	var es []entry
	for k := range lx.exc {
		for pos := uint8(0); pos < lex.NumPOS; pos++ {
			if posFiles[pos] == k[1] && len(lx.Exceptions(k[0], pos)) > 0 {
				es = append(es, entry{k[0], pos})
			}
		}
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].form != es[j].form {
			return es[i].form < es[j].form
		}
		return es[i].pos < es[j].pos
	})
	d.ExcOff = []uint32{0}
	for _, e := range es {
		d.ExcForm = append(d.ExcForm, e.form)
		d.ExcPOS = append(d.ExcPOS, e.pos)
		for _, b := range lx.Exceptions(e.form, e.pos) {
			d.ExcBase = append(d.ExcBase, lemmaID[b])
		}
		d.ExcOff = append(d.ExcOff, uint32(len(d.ExcBase)))
	}
}
