package embed

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
	"github.com/sweetmcp/sweet/engine/embed/internal/wndata"
)

//go:generate go run ./internal/gen -wordnet /usr/share/wordnet -out data/wordnet.bin.gz

// wordnetData is the generated WordNet 3.0 subset (see internal/gen and
// wordnet/LICENSE-WordNet).
//
//go:embed data/wordnet.bin.gz
var wordnetData []byte

// wordnet is the decoded data plus the indexes the embedder needs at run
// time, all built once on first use.
type wordnet struct {
	d       *wndata.Data
	lemmaID map[string]uint32
	mask    []uint8 // per lemma: bit per part of speech
	exc     map[excKey][]uint32
	// hypoOff/hypo invert the hypernym links; memberOff/member invert the
	// sense table (synset -> its lemmas), for Expand.
	hypoOff, hypo     []uint32
	memberOff, member []uint32
	// dev is the developer thesaurus (devterms.go), indexed with this
	// WordNet's morphology.
	dev *devIndex
}

type excKey struct {
	form string
	pos  uint8
}

// loadWordnet decodes the embedded data, builds the inverse indexes and
// indexes the developer thesaurus.
func loadWordnet(raw []byte) (*wordnet, error) {
	d, err := wndata.Decode(raw)
	if err != nil {
		return nil, fmt.Errorf("load wordnet: %w", err)
	}
	w := &wordnet{
		d:       d,
		lemmaID: make(map[string]uint32, len(d.Lemmas)),
		mask:    make([]uint8, len(d.Lemmas)),
		exc:     make(map[excKey][]uint32, len(d.ExcForm)),
	}
	for i, l := range d.Lemmas {
		w.lemmaID[l] = uint32(i)
		for _, s := range wndata.Row(d.SenseOff, d.Senses, i) {
			w.mask[i] |= 1 << d.POS[s]
		}
	}
	for i, f := range d.ExcForm {
		w.exc[excKey{f, d.ExcPOS[i]}] = wndata.Row(d.ExcOff, d.ExcBase, i)
	}
	w.hypoOff, w.hypo = invert(d.HyperOff, d.Hyper, d.NumSynsets())
	w.memberOff, w.member = invert(d.SenseOff, d.Senses, d.NumSynsets())
	if w.dev, err = loadDevterms(w, devtermsData); err != nil {
		return nil, err
	}
	return w, nil
}

// invert turns a compressed-row table from rows to targets into one from
// targets to rows, by counting sort.
func invert(off, vals []uint32, n int) (ioff, ivals []uint32) {
	ioff = make([]uint32, n+1)
	for _, v := range vals {
		ioff[v+1]++
	}
	for i := 1; i <= n; i++ {
		ioff[i] += ioff[i-1]
	}
	ivals = make([]uint32, len(vals))
	next := append([]uint32(nil), ioff[:n]...)
	for row := 0; row+1 < len(off); row++ {
		for _, v := range vals[off[row]:off[row+1]] {
			ivals[next[v]] = uint32(row)
			next[v]++
		}
	}
	return ioff, ivals
}

// Has implements lex.Lexicon.
func (w *wordnet) Has(word string, pos uint8) bool {
	id, ok := w.lemmaID[word]
	return ok && w.mask[id]&(1<<pos) != 0
}

// Exceptions implements lex.Lexicon.
func (w *wordnet) Exceptions(word string, pos uint8) []string {
	ids := w.exc[excKey{word, pos}]
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = w.d.Lemmas[id]
	}
	return out
}

// lemmas returns the lemma ids WordNet's morphology finds for a token, in
// discovery order without duplicates. A developer abbreviation is looked up
// as the word it stands for. Numbers get none: WordNet knows "3" as
// "three, trio, troika", but a port or a version should match only itself.
func (w *wordnet) lemmas(token string) []uint32 {
	if strings.Trim(token, "0123456789") == "" {
		return nil
	}
	if full, ok := lex.Expansion(token); ok {
		token = full
	}
	var out []uint32
	lex.Bases(w, token, func(base string, _ uint8) {
		id := w.lemmaID[base]
		for _, o := range out {
			if o == id {
				return
			}
		}
		out = append(out, id)
	})
	return out
}

var _ lex.Lexicon = (*wordnet)(nil)
