package lex

import (
	"fmt"
	"strings"
	"testing"
)

// show renders tokens compactly; exact tokens are marked with '='.
func show(toks []Token) string {
	var parts []string
	for _, t := range toks {
		if t.Exact {
			parts = append(parts, "="+t.Text)
			continue
		}
		parts = append(parts, t.Text)
	}
	return strings.Join(parts, " ")
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"prose drops stopwords and case", "The Cat sat on the mat.", "cat sat mat"},
		{"punctuation trimmed", "(done), --force \"quoted\"", "done force quoted"},
		{"possessive and contraction", "the server's disk doesn't fill", "server disk fill"},
		{"camelCase", "call fetchUserID now", "call fetch user id =fetchuserid now"},
		{"acronym run", "HTTPServer", "http server =httpserver"},
		{"snake_case", "max_body_size", "max body size =max_body_size"},
		{"path", "src/api/users.ts", "src api users ts =src/api/users.ts"},
		{"letters and digits", "utf8 v2 port 8080", "utf 8 =utf8 2 =v2 port 8080"},
		{"hyphenated word joins", "an e-mail and long-term plan", "mail email long term longterm plan"},
		{"url", "https://example.com/a", "https example com =https://example.com/a"},
		{"unicode", "Café naïve straße", "café naïve straße"},
		{"empty", "  \t\n ", ""},
		{"only stopwords", "it is what it is", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(Tokenize(tt.in)); got != tt.want {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	got := strings.Join(Words("a motor vehicle with four wheels; usually propelled"), " ")
	if want := "motor vehicle four wheels usually propelled"; got != want {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

// mapLexicon is a tiny hand-written lexicon: the real one is WordNet, which
// package embed tests end to end.
type mapLexicon struct {
	lemmas map[string]uint8 // lemma -> part-of-speech bits
	exc    map[string][]string
}

func (m mapLexicon) Has(w string, pos uint8) bool { return m.lemmas[w]&(1<<pos) != 0 }
func (m mapLexicon) Exceptions(w string, pos uint8) []string {
	return m.exc[fmt.Sprint(w, pos)]
}

func TestBases(t *testing.T) {
	n, v, a := uint8(1<<Noun), uint8(1<<Verb), uint8(1<<Adj)
	lx := mapLexicon{
		lemmas: map[string]uint8{"box": n, "run": n | v, "running": n, "glass": n, "church": n, "fly": n | v,
			"man": n, "big": a, "make": v, "child": n, "bus": n},
		// As in WordNet, doubled consonants come from the exception lists.
		exc: map[string][]string{fmt.Sprint("children", Noun): {"child"}, fmt.Sprint("made", Verb): {"make"},
			fmt.Sprint("running", Verb): {"run"}, fmt.Sprint("bigger", Adj): {"big"}},
	}
	tests := []struct{ in, want string }{
		{"boxes", "box/n"},
		{"running", "running/n run/v"},
		{"runs", "run/n run/v"},
		{"glass", "glass/n"},
		{"churches", "church/n"},
		{"flies", "fly/n fly/v"},
		{"men", "man/n"},
		{"bigger", "big/a"},
		{"children", "child/n"},
		{"made", "make/v"},
		{"bus", "bus/n"},
		{"zzz", ""},
	}
	letters := "nvar"
	for _, tt := range tests {
		var got []string
		Bases(lx, tt.in, func(b string, pos uint8) { got = append(got, b+"/"+letters[pos:pos+1]) })
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Bases(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := "The staging server restarts every night at three to clear leaked file handles; see fetchUserProfile in src/api/users.ts."
	var dst []Token
	b.ReportAllocs()
	for b.Loop() {
		dst = AppendTokens(dst[:0], text)
	}
}
