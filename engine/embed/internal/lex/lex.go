// Package lex turns text into the word tokens the built-in embedder scores:
// an identifier-aware tokeniser, an English stopword list, and WordNet's
// morphology (morphy's detachment rules plus exception lists). The WordNet
// generator uses the same code for definitions, so stored glosses and live
// text are normalised alike.
package lex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one unit of text to embed.
type Token struct {
	// Text is the lower-case token.
	Text string
	// Exact marks a whole identifier or path (fetchUserID, src/main.go)
	// kept beside its parts; it matches only itself and is never looked up
	// in WordNet.
	Exact bool
}

// Tokenize splits text into tokens. Plain words become lower-case tokens
// without stopwords. An identifier or path is split into its parts
// (snake_case, camelCase, dotted and slashed names, letters and digits) and
// also kept whole as an Exact token, so "fetch user" finds fetchUser while
// fetchUser still matches itself best. A hyphenated word also yields its
// joined form (e-mail gives e, mail and email).
func Tokenize(text string) []Token {
	return AppendTokens(nil, text)
}

// AppendTokens appends the tokens of text to dst and returns it, so hot
// paths can reuse one slice.
func AppendTokens(dst []Token, text string) []Token {
	for _, chunk := range strings.FieldsFunc(text, unicode.IsSpace) {
		chunk = strings.TrimFunc(chunk, isTrim)
		chunk = stripPossessive(chunk)
		if chunk == "" {
			continue
		}
		dst = appendChunk(dst, chunk)
	}
	return dst
}

// isTrim reports runes stripped from both ends of a chunk: punctuation and
// symbols, so "(done)." is "done" and "--force" is "force".
func isTrim(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func stripPossessive(s string) string {
	for _, suf := range []string{"'s", "’s"} {
		if len(s) > len(suf) && strings.HasSuffix(strings.ToLower(s), suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// appendChunk handles one whitespace-delimited chunk.
func appendChunk(dst []Token, chunk string) []Token {
	chunk = strings.NewReplacer("'", "", "’", "").Replace(chunk)
	parts, ident := splitParts(chunk)
	for _, p := range parts {
		if keepPart(p) {
			dst = append(dst, Token{Text: p})
		}
	}
	switch {
	case ident:
		dst = append(dst, Token{Text: strings.ToLower(chunk), Exact: true})
	case len(parts) > 1:
		joined := strings.Join(parts, "")
		if keepPart(joined) {
			dst = append(dst, Token{Text: joined})
		}
	}
	return dst
}

// keepPart drops stopwords and single letters; numbers of any length stay
// because ports and versions are worth matching exactly.
func keepPart(p string) bool {
	if p == "" || IsStopword(p) {
		return false
	}
	r, n := utf8.DecodeRuneInString(p)
	return n < len(p) || unicode.IsDigit(r)
}

// splitParts cuts a chunk at non-alphanumeric runes, camelCase humps and
// letter-digit boundaries, lower-casing each part. It reports whether the
// chunk looks like an identifier: anything but a plain or hyphenated word.
func splitParts(chunk string) (parts []string, ident bool) {
	runes := []rune(chunk)
	start := 0
	flush := func(end int) {
		if end > start {
			parts = append(parts, strings.ToLower(string(runes[start:end])))
		}
	}
	for i, r := range runes {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case !alnum:
			flush(i)
			start = i + 1
			if r != '-' {
				ident = true
			}
		case i > start && isBoundary(runes, i):
			flush(i)
			start = i
			ident = true
		}
	}
	flush(len(runes))
	return parts, ident
}

// isBoundary reports a camelCase or letter-digit boundary before runes[i]:
// fooBar, HTTPServer (before the S), utf8.
func isBoundary(runes []rune, i int) bool {
	prev, cur := runes[i-1], runes[i]
	switch {
	case unicode.IsDigit(prev) != unicode.IsDigit(cur):
		return true
	case unicode.IsLower(prev) && unicode.IsUpper(cur):
		return true
	case unicode.IsUpper(prev) && unicode.IsUpper(cur) && i+1 < len(runes) && unicode.IsLower(runes[i+1]):
		return true
	}
	return false
}

// Words splits plain prose (a WordNet definition) into lower-case words
// without stopwords, with none of the identifier handling.
func Words(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) > 1 && !IsStopword(w) {
			out = append(out, w)
		}
	}
	return out
}
