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
// paths can reuse one slice. Parts share text's memory where they are
// already lower case.
func AppendTokens(dst []Token, text string) []Token {
	for i := 0; i < len(text); {
		j := i
		for j < len(text) {
			c := text[j]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if j > i {
			if chunk := stripPossessive(trim(text[i:j])); chunk != "" {
				dst = appendChunk(dst, chunk)
			}
		}
		if j < len(text) {
			_, size := utf8.DecodeRuneInString(text[j:])
			j += size
		}
		i = j
	}
	return dst
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// trim strips punctuation and symbols from both ends of a chunk, so
// "(done)." is "done" and "--force" is "force"; ASCII is the fast path.
func trim(s string) string {
	for len(s) > 0 && s[0] < utf8.RuneSelf && !isAlnum(rune(s[0])) {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] < utf8.RuneSelf && !isAlnum(rune(s[len(s)-1])) {
		s = s[:len(s)-1]
	}
	return strings.TrimFunc(s, isTrim)
}

// isTrim reports runes trim strips.
func isTrim(r rune) bool { return !isAlnum(r) }

func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func stripPossessive(s string) string {
	if len(s) < 3 || (s[len(s)-1] != 's' && s[len(s)-1] != 'S') {
		return s
	}
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if len(s) > len(suf) && strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// apostrophes joins contractions (don't is dont, a stopword).
var apostrophes = strings.NewReplacer("'", "", "’", "")

// appendChunk handles one whitespace-delimited chunk.
func appendChunk(dst []Token, chunk string) []Token {
	if hasApostrophe(chunk) {
		chunk = apostrophes.Replace(chunk)
	}
	var buf [16]string
	parts, ident := splitParts(buf[:0], chunk)
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

// hasApostrophe reports a ' or ’ (whose UTF-8 starts with 0xE2) in s.
func hasApostrophe(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' || (s[i] == 0xE2 && strings.HasPrefix(s[i:], "’")) {
			return true
		}
	}
	return false
}

// keepPart drops stopwords and single letters; numbers of any length stay
// because ports and versions are worth matching exactly.
func keepPart(p string) bool {
	if p == "" || IsStopword(p) {
		return false
	}
	r, n := utf8.DecodeRuneInString(p)
	return n < len(p) || isDigit(r)
}

// splitParts appends to parts the pieces of a chunk cut at
// non-alphanumeric runes, camelCase humps and letter-digit boundaries,
// lower-cased. It reports whether the chunk looks like an identifier:
// anything but a plain or hyphenated word.
func splitParts(parts []string, chunk string) (_ []string, ident bool) {
	start := 0
	prev := rune(-1)
	for i := 0; i < len(chunk); {
		r, size := utf8.DecodeRuneInString(chunk[i:])
		switch {
		case !isAlnum(r):
			if i > start {
				parts = append(parts, strings.ToLower(chunk[start:i]))
			}
			start = i + size
			if r != '-' {
				ident = true
			}
			r = -1
		case i > start && isBoundary(prev, r, chunk[i+size:]):
			parts = append(parts, strings.ToLower(chunk[start:i]))
			start = i
			ident = true
		}
		prev = r
		i += size
	}
	if start < len(chunk) {
		parts = append(parts, strings.ToLower(chunk[start:]))
	}
	return parts, ident
}

// isBoundary reports a camelCase or letter-digit boundary between prev and
// cur, where rest follows cur: fooBar, HTTPServer (before the S), utf8.
func isBoundary(prev, cur rune, rest string) bool {
	switch {
	case isDigit(prev) != isDigit(cur):
		return true
	case unicode.IsLower(prev) && unicode.IsUpper(cur):
		return true
	case unicode.IsUpper(prev) && unicode.IsUpper(cur) && rest != "":
		next, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsLower(next)
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
