package memory

import (
	"strings"
	"unicode"
)

// stopwords carry no signal for BM25 and make FTS5 scan long posting lists.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be but by can could did do does for from had has have how i if in
		into is it its me my no not of on or our should so than that the their them then there these they this to
		was we were what when where which who why will with would you your about after all also any been before both
		each few more most other over same some such through under until up very via`) {
		stopwords[w] = true
	}
}

// queryTerms splits a query into lower-case words for full-text search,
// keeping identifiers' parts (snake_case, camelCase, paths) as the FTS5
// unicode61 tokenizer would split them, and dropping stopwords.
//
// A joined word with a digit in it (team-5, gpt-4o, v1.2, utf-8) is an
// identifier: it stays one term, its parts in order, which matchExpr makes
// an FTS5 phrase. Its parts alone would match other identifiers (team-5's
// "5" is in sprint-5 and language-5) and rank hundreds of rows for it.
func queryTerms(q string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p)
	}
	for _, word := range strings.FieldsFunc(q, func(r rune) bool { return !isWordRune(r) && !isJoiner(r) }) {
		parts := strings.FieldsFunc(word, func(r rune) bool { return !isWordRune(r) })
		if len(parts) > 1 && strings.ContainsFunc(word, unicode.IsDigit) {
			add(strings.ToLower(strings.Join(parts, " ")))
			continue
		}
		for _, w := range parts {
			for _, part := range splitCamel(w) {
				p := strings.ToLower(part)
				if len(p) < 2 && !unicode.IsDigit(rune(p[0])) || stopwords[p] {
					continue
				}
				add(p)
			}
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isJoiner reports the characters that join an identifier's parts.
func isJoiner(r rune) bool { return strings.ContainsRune("-._/:", r) }

// splitCamel returns w and, when it is camelCase, its parts too.
func splitCamel(w string) []string {
	out := []string{w}
	start := 0
	rs := []rune(w)
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	if start > 0 {
		out = append(out, string(rs[start:]))
	}
	return out
}

// matchExpr builds an FTS5 MATCH expression that ORs the quoted terms, so no
// user text is ever parsed as FTS5 syntax.
func matchExpr(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(quoted, " OR ")
}
