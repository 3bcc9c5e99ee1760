package embed

import (
	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
)

// filterWords sizes Query.filter: 2^18 bits cover every WordNet feature id
// without collisions, in 32 KB.
const filterWords = 1 << 12

// Query is a parsed query for the second-stage word-level scorer. It keeps
// the similarity of every text word it has seen to each query word, so
// re-scoring a few hundred candidates pays for each distinct word once.
// A Query is not safe for concurrent use; make one per search.
type Query struct {
	b  *Builtin
	nq int
	// rows maps a feature id to its row in weights: the feature's weight in
	// each query word's vector, nq floats per row.
	rows    map[uint32]int32
	weights []float32
	// filter has a bit set for every query feature (hashed ids modulo its
	// size), so most text features are rejected without a map lookup.
	filter []uint64
	// seen caches each text token's similarities to the query words.
	seen  map[string][]float32
	best  []float32
	floor []float32 // scratch for thesaurus matches in similarities
}

// NewQuery parses query for repeated scoring with Score. A query with no
// words scores every text 0, and so does every query if the WordNet data
// cannot load (Load reports why).
func (b *Builtin) NewQuery(query string) *Query {
	q := &Query{b: b, rows: make(map[uint32]int32), seen: make(map[string][]float32),
		filter: make([]uint64, filterWords)}
	if b.Load() != nil {
		return q
	}
	var vecs []sparse
	dup := make(map[lex.Token]bool)
	for _, t := range b.queryWords(query) {
		if !dup[t] {
			dup[t] = true
			vecs = append(vecs, b.token(t).vec)
		}
	}
	q.nq = len(vecs)
	q.best = make([]float32, q.nq)
	q.floor = make([]float32, q.nq)
	zero := make([]float32, q.nq)
	for qi, v := range vecs {
		for i, id := range v.ids {
			r, ok := q.rows[id]
			if !ok {
				r = int32(len(q.weights) / q.nq)
				q.rows[id] = r
				q.weights = append(q.weights, zero...)
			}
			q.weights[int(r)*q.nq+qi] = v.w[i]
			q.filter[id/64%filterWords] |= 1 << (id % 64)
		}
	}
	return q
}

// Score returns the word-level max-sim of the query against text: for each
// query word its best cosine against the text's words, averaged over the
// query words. It is in [0, 1]; 1 means every query word occurs in text
// (after lemmatisation).
func (q *Query) Score(text string) float64 {
	if q.nq == 0 {
		return 0
	}
	clear(q.best)
	for _, t := range q.b.texts.get(q.b, text) {
		sims := q.similarities(t)
		for i, s := range sims {
			if s > q.best[i] {
				q.best[i] = s
			}
		}
	}
	var sum float64
	for _, s := range q.best {
		sum += float64(s)
	}
	return sum / float64(q.nq)
}

// similarities returns the similarity of token t with each query word:
// their cosine, raised to devSynonymSim when the thesaurus lists them as
// synonyms or devRelatedSim when it lists them as related.
func (q *Query) similarities(t lex.Token) []float32 {
	key := t.Text
	if t.Exact {
		key = "\x00" + key // an exact token is a different word from its plain twin
	}
	if s, ok := q.seen[key]; ok {
		return s
	}
	sims := make([]float32, q.nq)
	var v sparse
	if t.Exact && !q.b.wn.isDevWord(t.Text) {
		v = sparse{ids: []uint32{unknownFeature(t.Text)}, w: []float32{1}}
	} else {
		v = q.b.token(t).vec
	}
	clear(q.floor)
	for i, id := range v.ids {
		if q.filter[id/64%filterWords]&(1<<(id%64)) == 0 {
			continue
		}
		r, ok := q.rows[id]
		if !ok {
			continue
		}
		row := q.weights[int(r)*q.nq : int(r+1)*q.nq]
		for j, w := range row {
			sims[j] += w * v.w[i]
		}
		if kind := devFeatureKind(id); kind != 0 {
			f := float32(devRelatedSim)
			if kind == 1 {
				f = devSynonymSim
			}
			for j, w := range row {
				if w > 0 && f > q.floor[j] {
					q.floor[j] = f
				}
			}
		}
	}
	for j, f := range q.floor {
		sims[j] = max(sims[j], f)
	}
	q.seen[key] = sims
	return sims
}

// queryWords tokenises a query for NewQuery. A thesaurus phrase stands in
// for the words it is made of ("pull request" is one query word, which
// then matches "PR" as a synonym), so the phrase is not counted three
// times.
func (b *Builtin) queryWords(query string) []lex.Token {
	toks := lex.Tokenize(query)
	covered := make([]bool, len(toks))
	var out []lex.Token
	b.findPhrases(toks, func(key string, idx []int) {
		for _, i := range idx {
			covered[i] = true
		}
		out = append(out, lex.Token{Text: key})
	})
	for i, t := range toks {
		if !covered[i] {
			out = append(out, t)
		}
	}
	return out
}

// MaxSim scores one text against a query with the word-level max-sim of
// Query.Score. To score many texts against one query, use NewQuery.
func (b *Builtin) MaxSim(query, text string) float64 {
	return b.NewQuery(query).Score(text)
}

// Rerank scores each text against query with Query.Score, in order.
func (b *Builtin) Rerank(query string, texts []string) []float64 {
	q := b.NewQuery(query)
	out := make([]float64, len(texts))
	for i, t := range texts {
		out[i] = q.Score(t)
	}
	return out
}
