package embed

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
	"github.com/sweetmcp/sweet/engine/embed/internal/wndata"
)

//go:generate go run ./internal/gen -wordnet /usr/share/wordnet -devterms data/devterms.txt -out data/wordnet.bin

// wordnetData is the generated image of the WordNet 3.0 subset and the
// indexed developer thesaurus (see internal/gen and
// wordnet/LICENSE-WordNet). A string, so it lives in read-only memory and
// its tables are read in place.
//
//go:embed data/wordnet.bin
var wordnetData string

// wordnet is the WordNet data as the embedder uses it: a view over the
// embedded image, so loading it costs no decoding.
type wordnet struct {
	d *wndata.Data
	// dev is the developer thesaurus (devterms.go), indexed with this
	// WordNet's morphology by the generator.
	dev *wndata.Dev
}

// loadWordnet opens the embedded image; it checks the header and the
// shape of each table, not every id (wndata.Verify does, in tests).
func loadWordnet(img string) (*wordnet, error) {
	d, err := wndata.Open(img)
	if err != nil {
		return nil, fmt.Errorf("load wordnet: %w", err)
	}
	return &wordnet{d: d, dev: &d.Dev}, nil
}

// Has implements lex.Lexicon.
func (w *wordnet) Has(word string, pos uint8) bool { return w.d.Has(word, pos) }

// Exceptions implements lex.Lexicon.
func (w *wordnet) Exceptions(word string, pos uint8) []string { return w.d.Exceptions(word, pos) }

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
		id, _ := w.d.LemmaID(base)
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
