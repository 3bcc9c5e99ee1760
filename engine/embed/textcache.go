package embed

import (
	"sync"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
)

// textTokens keeps the tokens (words and thesaurus phrases) of the texts
// the re-ranker scored lately. Every query re-ranks its sixty best
// candidates by their words, and tokenizing a candidate, phrase lookup
// included, was a seventh of a search_nodes call; an agent's searches
// keep meeting the same memories, so most candidates were tokenized
// before.
type textTokens struct {
	mu sync.Mutex
	m  map[string][]lex.Token
}

// textTokensMax bounds the texts kept: some 3 MB at a typical memory's
// twenty-odd tokens, and more than the distinct candidates of a few dozen
// queries.
const textTokensMax = 4096

// get returns text's tokens, tokenizing it when they are not kept. The
// slice is shared: callers must not modify it.
func (c *textTokens) get(b *Builtin, text string) []lex.Token {
	c.mu.Lock()
	toks, ok := c.m[text]
	c.mu.Unlock()
	if ok {
		return toks
	}
	toks = b.appendPhrases(lex.AppendTokens(nil, text))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string][]lex.Token)
	}
	if len(c.m) >= textTokensMax {
		// Drop an arbitrary quarter (map order): cheaper to keep than
		// recency, and the texts still in use come back at once.
		n := 0
		for k := range c.m {
			delete(c.m, k)
			if n++; n >= textTokensMax/4 {
				break
			}
		}
	}
	c.m[text] = toks
	return toks
}
