package embed

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
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

// distractors returns n natural sentences to bury the labelled memories
// in a larger corpus, as a real store would: WordNet's own definitions,
// read from the installed wordnet-base (every 7th noun and verb gloss, so
// the choice is stable). It skips the test if WordNet is not installed.
func distractors(t testing.TB, n int) []evalMemory {
	if n == 0 {
		return nil
	}
	var out []evalMemory
	for _, name := range []string{"data.noun", "data.verb"} {
		f, err := os.Open("/usr/share/wordnet/" + name)
		if err != nil {
			t.Skip("WordNet 3.0 not installed (apt-get install wordnet-base)")
		}
		sc := bufio.NewScanner(f)
		for i := 0; sc.Scan() && len(out) < n; i++ {
			_, gloss, ok := strings.Cut(sc.Text(), " | ")
			if !ok || i%7 != 0 {
				continue
			}
			gloss = strings.TrimSpace(strings.ReplaceAll(gloss, "\"", ""))
			out = append(out, evalMemory{ID: fmt.Sprintf("d%d", len(out)), Content: gloss})
		}
		f.Close()
	}
	return out
}

// evaluateWith ranks the labelled memories plus extra distractors for
// every query: by pooled-vector cosine, then, if rerank > 0, re-scores the
// top rerank candidates with max-sim.
func evaluateWith(t testing.TB, b *Builtin, rerank, extra int) evalResult {
	mems := readJSONL[evalMemory](t, "testdata/memories.jsonl")
	mems = append(mems, distractors(t, extra)...)
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
// labelled set. The floors are the measured recall@5 minus about three
// queries of margin (the pooled vectors move by a query or two whenever
// the data changes, through the hashed projection); raise them when a
// change improves recall. The last case buries the 60 memories among 3,000
// WordNet definitions to show how the scorer holds up in a larger store.
func TestRetrievalRecall(t *testing.T) {
	b := shared
	tests := []struct {
		name          string
		rerank, extra int
		floor         float64
	}{
		{"pooled", 0, 0, 0.74},
		{"pooled+maxsim", 200, 0, 0.92},
		{"pooled+maxsim among 3000 distractors", 200, 3000, 0.74},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.extra > 0 && testing.Short() {
				t.Skip("distractors take a few seconds")
			}
			r := evaluateWith(t, b, tt.rerank, tt.extra)
			t.Logf("recall@1 %.3f recall@5 %.3f recall@10 %.3f MRR %.3f", r.recall1, r.recall5, r.recall10, r.mrr)
			if r.recall5 < tt.floor {
				t.Errorf("recall@5 = %.3f, want at least %.3f", r.recall5, tt.floor)
			}
		})
	}
}
