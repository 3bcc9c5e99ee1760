package memory

import "fmt"

// Weights sets how much each search component counts in the fused score.
// Fusion is reciprocal-rank: a memory ranked r by a component adds
// weight/(RRFK + r). A weight of 0 turns a component off.
type Weights struct {
	Lexical float64 `json:"lexical"`
	Vector  float64 `json:"vector"`
	Rerank  float64 `json:"rerank"`
	Graph   float64 `json:"graph"`
	Recency float64 `json:"recency"`
	RRFK    float64 `json:"rrf_k"`
	// Expansion weighs the WordNet synonym column inside BM25 (0 leaves it
	// out, which makes the lexical component plain BM25 over content and tags).
	Expansion float64 `json:"expansion"`
}

// DefaultWeights are tuned on the labelled retrieval set in testdata (see
// docs/BENCHMARKS.md): the word-level re-ranker carries paraphrases, BM25
// exact terms, and graph and recency break near-ties without outvoting them.
func DefaultWeights() Weights {
	return Weights{Lexical: 1.0, Vector: 0.8, Rerank: 2.0, Graph: 0.3, Recency: 0.2, RRFK: 10, Expansion: 0.35}
}

// Validate rejects negative weights and a non-positive RRF constant.
func (w Weights) Validate() error {
	for name, v := range map[string]float64{"lexical": w.Lexical, "vector": w.Vector, "rerank": w.Rerank, "graph": w.Graph, "recency": w.Recency, "expansion": w.Expansion} {
		if v < 0 {
			return fmt.Errorf("search weight %s is %v: weights are 0 or more", name, v)
		}
	}
	if w.RRFK <= 0 {
		return fmt.Errorf("search rrf_k is %v: it must be above 0", w.RRFK)
	}
	return nil
}
