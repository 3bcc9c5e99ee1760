package embed

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
)

// BuiltinModel is the model id the built-in embedder records with every
// vector. It changes whenever the data or the projection changes, so stored
// vectors are re-embedded rather than compared across versions.
const BuiltinModel = "sweet-wordnet-v2"

// BuiltinDim is the dimension of the built-in embedder's pooled vectors.
const BuiltinDim = 256

// projectionNonzeros is how many of the BuiltinDim coordinates each sparse
// feature lands on (with random signs) in the pooled vector.
const projectionNonzeros = 4

// maxCachedTokens bounds the token cache (about 0.8 KB a token on average,
// so at most about 50 MB; ten thousand distinct words is a large store).
// Identifiers are never cached, so a long import cannot grow it past this.
const maxCachedTokens = 64_000

// Builtin is the offline embedder derived from WordNet 3.0. It has two
// stages: Embed returns a pooled dense vector per text for a fast scan of
// the whole corpus, and MaxSim (or a Query) re-scores the best few hundred
// candidates word by word, which is where most of its recall comes from.
// Expand gives WordNet synonyms for a full-text index column.
//
// The data is opened on first use (see Load), which costs microseconds. A Builtin is safe for
// concurrent use; the zero value is not usable, call NewBuiltin.
type Builtin struct {
	dim, nonzeros int
	once          sync.Once
	wn            *wordnet
	err           error
	cache         sync.Map // token string -> *tokenEntry
	cached        atomic.Int64
	texts         textTokens // tokens of texts the re-ranker scored lately
}

// tokenEntry is a token's sparse WordNet vector and its dense projection,
// quantised to int8 (dense[i] is about q[i] * scale), which keeps the cache
// four times smaller and costs the first-stage scan nothing measurable.
type tokenEntry struct {
	vec   sparse
	q     []int8
	scale float32
	// canon is the word's base form in thesaurus phrase keys.
	canon string
}

// newTokenEntry projects vec and quantises the result.
func (b *Builtin) newTokenEntry(vec sparse) *tokenEntry {
	dense := b.project(vec)
	var peak float32
	for _, x := range dense {
		peak = max(peak, x, -x)
	}
	e := &tokenEntry{vec: vec, q: make([]int8, len(dense))}
	if peak == 0 {
		return e
	}
	e.scale = peak / 127
	for i, x := range dense {
		e.q[i] = int8(math.Round(float64(x / e.scale)))
	}
	return e
}

// NewBuiltin returns the built-in embedder. It is cheap: the embedded
// WordNet data is opened on first use.
func NewBuiltin() *Builtin {
	return &Builtin{dim: BuiltinDim, nonzeros: projectionNonzeros}
}

// Load opens the embedded WordNet data if that has not happened yet and
// reports whether it is usable. Embed calls it; calling it at start-up
// surfaces a broken build early. The data is read in place, so this costs
// microseconds and almost no memory.
func (b *Builtin) Load() error {
	b.once.Do(func() { b.wn, b.err = openedWordnet() })
	return b.err
}

// openedWordnet opens the embedded data once per process: its tables are
// read-only and already shared by every goroutine of a Builtin, so every
// Builtin (one per engine opened) can share them too.
var openedWordnet = sync.OnceValues(func() (*wordnet, error) { return loadWordnet(wordnetData) })

// Model returns BuiltinModel.
func (b *Builtin) Model() string { return BuiltinModel }

// Dim returns the pooled vector dimension, known without loading.
func (b *Builtin) Dim() int { return b.dim }

// Embed returns one L2-normalised pooled vector per text: the mean of the
// projected word vectors. A text with no words (only stopwords or
// punctuation) gets the zero vector, which is similar to nothing.
func (b *Builtin) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if err := b.Load(); err != nil {
		return nil, err
	}
	out := make([][]float32, len(texts))
	var toks []lex.Token
	for i, t := range texts {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("embed texts: %w", err)
			}
		}
		toks = b.appendPhrases(lex.AppendTokens(toks[:0], t))
		out[i] = b.pool(toks)
	}
	return out, nil
}

// pool averages the dense vectors of toks and normalises the sum.
func (b *Builtin) pool(toks []lex.Token) []float32 {
	v := make([]float32, b.dim)
	for _, t := range toks {
		if t.Exact && !b.wn.isDevWord(t.Text) {
			// An identifier is one hashed feature: project it directly,
			// scaled to unit length like every other word, rather than
			// build and quantise an entry nobody caches.
			b.projectFeature(v, unknownFeature(t.Text), float32(1/math.Sqrt(float64(b.nonzeros))))
			continue
		}
		e := b.token(t)
		for j, x := range e.q {
			v[j] += float32(x) * e.scale
		}
	}
	normalize(v)
	return v
}

// token returns the cached entry of a token, building it on a miss.
// Exact (identifier) tokens are cheap and unbounded in number, so they are
// never cached.
func (b *Builtin) token(t lex.Token) *tokenEntry {
	if !t.Exact {
		if e, ok := b.cache.Load(t.Text); ok {
			return e.(*tokenEntry)
		}
	}
	vec := b.wn.tokenVector(t.Text, t.Exact)
	e := b.newTokenEntry(vec)
	if !t.Exact {
		e.canon = b.wn.canon(t.Text)
	}
	if !t.Exact && b.cached.Load() < maxCachedTokens {
		if prev, loaded := b.cache.LoadOrStore(t.Text, e); loaded {
			return prev.(*tokenEntry)
		}
		b.cached.Add(1)
	}
	return e
}

// project maps a sparse vector to the dense space: each feature adds its
// weight, with a pseudo-random sign, to a few pseudo-random coordinates
// chosen by hashing its id (sparse random projection). The result is
// normalised.
func (b *Builtin) project(v sparse) []float32 {
	out := make([]float32, b.dim)
	for i, id := range v.ids {
		b.projectFeature(out, id, v.w[i])
	}
	normalize(out)
	return out
}

// projectFeature adds feature id with weight w to dst: to b.nonzeros
// coordinates, each with its own sign, all drawn from 21-bit slices of the
// feature's hash.
func (b *Builtin) projectFeature(dst []float32, id uint32, w float32) {
	h := splitmix64(uint64(id))
	for k := 0; k < b.nonzeros; k++ {
		if k%3 == 0 && k > 0 {
			h = splitmix64(h)
		}
		chunk := h >> (21 * (k % 3))
		x := w
		if chunk&1 != 0 {
			x = -x
		}
		dst[(chunk>>1&0xfffff)%uint64(b.dim)] += x
	}
}

// splitmix64 is a fast, well-mixed 64-bit hash (SplitMix64's finaliser).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// normalize scales v to unit length in place; a zero vector stays zero.
func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}
