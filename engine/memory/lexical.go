package memory

import (
	"context"
	"strings"
	"sync"

	"github.com/sweetmcp/sweet/store"
)

// lexicalSearch ranks by BM25. It asks FTS5 for the best matches over all
// memories and filters them in memory, which avoids a join per matching row;
// only when the filter leaves too few does it ask again with the filter in SQL.
func (s *Service) lexicalSearch(ctx context.Context, query string, expansion float64, f store.Filter) ([]store.LexicalHit, error) {
	terms, all, err := s.selectiveTerms(ctx, queryTerms(query))
	if err != nil || len(terms) == 0 {
		return nil, err
	}
	match := matchExpr(terms)
	if all {
		// Every term is common: all of them must match, in the text itself.
		// A common word's synonyms in the expansion column match a large
		// share of the database more (at 100k memories one such term cost
		// 30 ms of ranking) for the weakest signal there is.
		match = strings.ReplaceAll(match, " OR ", " AND ")
		expansion = 0
	}
	// When every term is common and few memories hold them all, the
	// lexical side contributes just those few: ranking any-of-them would
	// score most of the database (thousands of rows at 10k memories, the
	// bulk of a query's time) for terms BM25 barely weighs, and the vector
	// side already ranks by meaning.
	const wide = 2 * candidateK
	hits, err := s.db.LexicalSearch(ctx, match, expansion, store.Filter{}, wide)
	if err != nil || f.Empty() {
		return hits, err
	}
	allowed, err := s.allowFunc(ctx, f)
	if err != nil || allowed == nil {
		return hits[:min(len(hits), candidateK)], err
	}
	kept := hits[:0]
	s.mu.RLock()
	for _, h := range hits {
		if allowed(h.RowID) {
			kept = append(kept, h)
		}
	}
	s.mu.RUnlock()
	if len(kept) >= candidateK || len(hits) < wide {
		return kept[:min(len(kept), candidateK)], nil
	}
	return s.db.LexicalSearch(ctx, match, expansion, f, candidateK)
}

// commonTermDocs is the document count above which a query term is too
// common to rank by: BM25 gives such a term little weight anyway, and FTS5
// scores every memory a term matches, so one common word in a query over
// 100k memories would cost tens of milliseconds for almost no signal.
const commonTermDocs = 400

// selectiveTerms drops terms that match more than commonTermDocs memories
// when rarer ones remain, probing each term with a bounded count. When every
// term is common, all of them are kept and must all match (all is true),
// which keeps the ranked set small.
func (s *Service) selectiveTerms(ctx context.Context, terms []string) (kept []string, all bool, err error) {
	s.mu.RLock()
	total := len(s.rows)
	s.mu.RUnlock()
	if len(terms) <= 1 || total <= commonTermDocs {
		return terms, false, nil // no term can be common: skip the probes
	}
	s.mu.RLock()
	gen := s.gen
	s.mu.RUnlock()
	var common []string
	for _, t := range terms {
		n, ok := s.terms.get(gen, t)
		if !ok {
			var err error
			if n, err = s.db.TermDocs(ctx, t, commonTermDocs+1); err != nil {
				return nil, false, err
			}
			s.terms.put(gen, t, n)
		}
		switch {
		case n == 0: // matches nothing: dropping it changes no score
		case n <= commonTermDocs:
			kept = append(kept, t)
		default:
			common = append(common, t)
		}
	}
	if len(kept) > 0 {
		return kept, false, nil
	}
	return common, len(common) > 1, nil
}

// termCounts remembers the bounded document counts of query terms. A probe
// is a full-text query of its own (about half a millisecond at 10k
// memories), an agent's queries share terms, and a count only changes when
// a memory does: the cache is dropped when the service's change generation
// moves on, and holds at most maxTermCounts terms.
type termCounts struct {
	mu  sync.Mutex
	gen uint64
	n   map[string]int
}

const maxTermCounts = 4096

func (c *termCounts) get(gen uint64, term string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return 0, false
	}
	n, ok := c.n[term]
	return n, ok
}

func (c *termCounts) put(gen uint64, term string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.n == nil || len(c.n) >= maxTermCounts {
		c.gen, c.n = gen, map[string]int{}
	}
	c.n[term] = n
}
