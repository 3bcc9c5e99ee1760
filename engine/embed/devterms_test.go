package embed

import (
	_ "embed"
	"hash/crc32"
	"slices"
	"strings"
	"testing"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
	"github.com/sweetmcp/sweet/engine/embed/internal/thes"
)

// devtermsData is the thesaurus source; the binary carries only its index
// in the WordNet image.
//
//go:embed data/devterms.txt
var devtermsData []byte

// TestDevtermsIndexFresh checks the WordNet image was generated from the
// committed thesaurus, so an edit to it is not silently ignored.
func TestDevtermsIndexFresh(t *testing.T) {
	if err := shared.Load(); err != nil {
		t.Fatal(err)
	}
	got := crc32.Checksum(devtermsData, crc32.MakeTable(crc32.Castagnoli))
	if want := shared.wn.dev.SourceCRC; got != want {
		t.Errorf("data/devterms.txt has CRC %08x, the WordNet image was built from %08x: run go generate ./engine/embed and commit data/wordnet.bin", got, want)
	}
}

// TestDevtermsData checks the thesaurus file itself: small, parseable, and
// every one-word term reachable, so a term the tokeniser drops (a
// stopword, a single letter, a bare number part) is caught here instead of
// silently matching nothing.
func TestDevtermsData(t *testing.T) {
	if n := len(devtermsData); n > 200_000 {
		t.Errorf("data/devterms.txt is %d bytes, want under 200 KB", n)
	}
	sets, err := thes.Parse(devtermsData)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) < 300 {
		t.Errorf("thesaurus has %d sets, want a few hundred", len(sets))
	}
	if err := shared.Load(); err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		for _, term := range s.Terms {
			if strings.ContainsRune(term, ' ') {
				continue
			}
			toks := lex.Tokenize(term)
			if len(toks) == 0 {
				t.Errorf("line %d: %q is dropped by the tokeniser (a stopword or single letter)", s.Line, term)
				continue
			}
			last := toks[len(toks)-1].Text
			if syn, rel := shared.wn.devSets(last); len(syn)+len(rel) == 0 && !shared.wn.isDevWord(last) {
				t.Errorf("line %d: %q matches no thesaurus entry", s.Line, term)
			}
		}
	}
}

// TestDevtermsSimilarity checks how max-sim scores thesaurus pairs:
// synonyms (through morphology, phrases, identifiers and abbreviations) at
// devSynonymSim or more, related terms (also through a synonym) at
// devRelatedSim, and the thesaurus inventing nothing for unrelated words.
func TestDevtermsSimilarity(t *testing.T) {
	tests := []struct {
		name, query, text string
		lo, hi            float64
	}{
		{"synonyms", "reboot", "restart", devSynonymSim, 1},
		{"inflected forms", "rebooted", "restarting", devSynonymSim, 1},
		{"phrase to abbreviation", "pull request", "PR", devSynonymSim, 1},
		{"abbreviation to phrase", "MR", "open pull requests", devSynonymSim, 1},
		{"word WordNet lacks", "memoized", "cache", devSynonymSim, 1},
		{"identifier", "node.js", "javascript", devSynonymSim, 1},
		{"hyphenated", "post-mortem", "retrospective", devSynonymSim, 1},
		{"config", "settings", "config", devSynonymSim, 1},
		{"ship", "ship it", "deploy", devSynonymSim, 1},
		{"flaky", "flaky", "intermittent", devSynonymSim, 1},
		{"related", "outage", "postmortem", devRelatedSim, devSynonymSim - 0.01},
		{"related through a synonym", "defect", "fix", devRelatedSim, devSynonymSim - 0.01},
		{"unrelated", "reboot", "invoice", 0, 0.3},
		{"ambiguous word left out", "make", "compile", 0, devRelatedSim},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shared.MaxSim(tt.query, tt.text)
			if got < tt.lo-1e-6 || got > tt.hi+1e-6 {
				t.Errorf("MaxSim(%q, %q) = %.3f, want between %.2f and %.2f", tt.query, tt.text, got, tt.lo, tt.hi)
			}
		})
	}
}

// TestDevtermsExpand checks Expand writes thesaurus synonyms, for words,
// inflected words, phrases and identifiers.
func TestDevtermsExpand(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"we rebooted the staging box", []string{"restart", "preprod"}},
		{"open a PR", []string{"pull", "request", "merge"}},
		{"pull requests wait for review", []string{"pr", "mr"}},
		{"k8s manifests", []string{"kubernetes"}},
		{"memoized lookups", []string{"cache"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := strings.Fields(shared.Expand(tt.text))
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Expand(%q) = %v, missing %q", tt.text, got, w)
				}
			}
		})
	}
}

// TestFindPhrases checks phrases are found after lemmatisation, across an
// identifier's parts, longest first and without overlaps.
func TestFindPhrases(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"two pull requests on the staging server", []string{"pull request", "staging server"}},
		{"see pull_request.go", []string{"pull request"}},
		{"raised the rate limits", []string{"rate limit"}},
		{"time to first byte went up", []string{"time first byte"}},
		{"pull the old request", nil}, // stopwords drop out, other words break a phrase
	}
	if err := shared.Load(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			shared.findPhrases(lex.Tokenize(tt.text), func(key string, _ []int) { got = append(got, key) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("phrases in %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
