package embed

import (
	"fmt"
	"testing"
)

// TestScoreWithKeptTokens: scores from kept tokens are the scores of
// tokenizing afresh, also after the cache has dropped entries.
func TestScoreWithKeptTokens(t *testing.T) {
	b := NewBuiltin()
	q := b.NewQuery("which database does the billing service use")
	texts := []string{
		"billing stores invoices in postgres",
		"The billing-service retries webhooks (3x) via src/retry.go",
		"frontend uses React and talks to the billing API",
		"",
	}
	fresh := make([]float64, len(texts))
	for i, s := range texts {
		fresh[i] = q.Score(s)
	}
	for round := range 2 {
		for i, s := range texts {
			if got := q.Score(s); got != fresh[i] {
				t.Fatalf("round %d: Score(%q) = %v with kept tokens, %v fresh", round, s, got, fresh[i])
			}
		}
		// Overflow the cache so that some of the texts are dropped.
		for i := range textTokensMax + 10 {
			q.Score(fmt.Sprintf("filler text number %d", i))
		}
		if n := len(b.texts.m); n > textTokensMax {
			t.Fatalf("cache holds %d texts, over its bound %d", n, textTokensMax)
		}
	}
}
