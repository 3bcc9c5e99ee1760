package memory

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// labelled is the held-out retrieval set in testdata/retrieval: agent
// memories from several projects and queries, most of them paraphrases that
// share at most two content words with their answer.
type labelledMemory struct {
	ID      string   `json:"id"`
	Content string   `json:"content"`
	Type    string   `json:"type"`
	Tags    []string `json:"tags"`
}

type labelledQuery struct {
	Query   string   `json:"query"`
	Answers []string `json:"answers"`
	Kind    string   `json:"kind"`
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
	return out
}

// loadRetrievalSet stores the labelled memories and maps labels to ids.
func loadRetrievalSet(t testing.TB, s *Service) (map[string]string, []labelledQuery) {
	return loadSet(t, s, filepath.Join("testdata", "retrieval"))
}

func loadSet(t testing.TB, s *Service, dir string) (map[string]string, []labelledQuery) {
	mems := readJSONL[labelledMemory](t, filepath.Join(dir, "memories.jsonl"))
	queries := readJSONL[labelledQuery](t, filepath.Join(dir, "queries.jsonl"))
	ids := map[string]string{}
	for _, m := range mems {
		typ := m.Type
		if _, err := ValidateType(typ); err != nil {
			typ = "custom:" + typ
		}
		res, err := s.Add(context.Background(), AddRequest{Content: m.Content, Namespace: "eval", Type: typ, Tags: m.Tags})
		if err != nil {
			t.Fatal(err)
		}
		ids[res.Memory.ID] = m.ID
	}
	return ids, queries
}

// recallAt5 is the share of queries with an answer among the first five.
func recallAt5(t testing.TB, s *Service, ids map[string]string, queries []labelledQuery, w Weights) (float64, map[string]float64) {
	hit := 0
	byKind, nKind := map[string]float64{}, map[string]float64{}
	for _, q := range queries {
		resp, err := s.Search(context.Background(), SearchRequest{Query: q.Query, Scope: Scope{Namespaces: []string{"eval"}}, Limit: 5, Weights: &w})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range resp.Results {
			for _, a := range q.Answers {
				found = found || ids[r.ID] == a
			}
		}
		nKind[q.Kind]++
		if found {
			hit++
			byKind[q.Kind]++
		}
	}
	for k := range byKind {
		byKind[k] = 100 * byKind[k] / nKind[k]
	}
	return 100 * float64(hit) / float64(len(queries)), byKind
}

// Search-component configurations reported in docs/BENCHMARKS.md.
var (
	lexicalOnly = Weights{Lexical: 1, RRFK: 10} // plain BM25 over content and tags
	lexicalExp  = Weights{Lexical: 1, RRFK: 10, Expansion: 0.35}
	vectorOnly  = Weights{Vector: 1, Rerank: 2, RRFK: 10} // the embedder's two stages
)

// retrievalSets are the two labelled sets: the held-out one written for
// this package, and the built-in embedder's own (partly in-sample for its
// developer thesaurus, see docs/BENCHMARKS.md).
var retrievalSets = []string{filepath.Join("testdata", "retrieval"), filepath.Join("..", "embed", "testdata")}

// TestRetrievalRecall is the acceptance test of hybrid search: recall@5 for
// lexical-only (plain BM25), vector-only and hybrid on each labelled set and
// on both together; hybrid must beat lexical-only by 20 points over both
// sets, and stay above the floors measured on the held-out set.
func TestRetrievalRecall(t *testing.T) {
	var total, lexHits, vecHits, hybHits float64
	for i, set := range retrievalSets {
		s := newTestService(t, Options{})
		ids, queries := loadSet(t, s, set)
		lex, lexKinds := recallAt5(t, s, ids, queries, lexicalOnly)
		lexE, _ := recallAt5(t, s, ids, queries, lexicalExp)
		vec, _ := recallAt5(t, s, ids, queries, vectorOnly)
		hyb, hybKinds := recallAt5(t, s, ids, queries, DefaultWeights())
		t.Logf("%s (%d queries): recall@5 lexical %.1f %v, lexical+expansion %.1f, vector %.1f, hybrid %.1f %v",
			set, len(queries), lex, lexKinds, lexE, vec, hyb, hybKinds)
		n := float64(len(queries))
		total += n
		lexHits += lex * n
		vecHits += vec * n
		hybHits += hyb * n
		if i == 0 && (hyb < 85 || hyb < lex+12) {
			t.Errorf("held-out set: hybrid %.1f fell below its measured floor (85, and lexical %.1f + 12)", hyb, lex)
		}
		if hyb < vec-2 {
			t.Errorf("%s: hybrid %.1f is below vector-only %.1f", set, hyb, vec)
		}
	}
	lex, vec, hyb := lexHits/total, vecHits/total, hybHits/total
	t.Logf("both sets (%.0f queries): lexical %.1f, vector %.1f, hybrid %.1f", total, lex, vec, hyb)
	if hyb < lex+20 {
		t.Errorf("hybrid recall@5 %.1f is not 20 points above lexical-only %.1f", hyb, lex)
	}
}

// trainRouter runs the labelled queries through auto-routed search for a
// few epochs, rewarding the chosen strategy when an answer is in the top 5,
// as an agent opening the right result would.
func trainRouter(t testing.TB, s *Service, ids map[string]string, queries []labelledQuery, epochs int) {
	ctx := context.Background()
	for range epochs {
		for _, q := range queries {
			resp, err := s.Search(ctx, SearchRequest{Query: q.Query, Scope: Scope{Namespaces: []string{"eval"}}, Limit: 5, Strategy: StrategyAuto})
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Results) == 0 {
				continue
			}
			credit, reward := resp.Results[0].ID, 0.0
			for _, r := range resp.Results {
				for _, a := range q.Answers {
					if ids[r.ID] == a {
						credit, reward = r.ID, 1
					}
				}
			}
			if _, err := s.Feedback(ctx, credit, reward); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRouterMatchesHybridAfterFeedback: after feedback, auto-routed search
// keeps recall@5 within 2 points of fixed hybrid (its latency advantage is
// BenchmarkStrategy's to show).
func TestRouterMatchesHybridAfterFeedback(t *testing.T) {
	s := newTestService(t, Options{RouterSeed: 42})
	ids, queries := loadRetrievalSet(t, s)
	trainRouter(t, s, ids, queries, 6)
	hyb, _ := recallAt5(t, s, ids, queries, DefaultWeights())
	auto := autoRecall(t, s, ids, queries)
	t.Logf("recall@5 after feedback: hybrid %.1f, auto %.1f", hyb, auto)
	if auto < hyb-2 {
		t.Errorf("auto recall@5 %.1f is more than 2 points below hybrid %.1f", auto, hyb)
	}
}

func autoRecall(t testing.TB, s *Service, ids map[string]string, queries []labelledQuery) float64 {
	hit := 0
	for _, q := range queries {
		resp, err := s.Search(context.Background(), SearchRequest{Query: q.Query, Scope: Scope{Namespaces: []string{"eval"}}, Limit: 5, Strategy: StrategyAuto})
		if err != nil {
			t.Fatal(err)
		}
	found:
		for _, r := range resp.Results {
			for _, a := range q.Answers {
				if ids[r.ID] == a {
					hit++
					break found
				}
			}
		}
	}
	return 100 * float64(hit) / float64(len(queries))
}

// BenchmarkStrategy times the labelled queries with fixed hybrid and with
// the router after feedback: auto should be cheaper on average, because the
// lexical and vector strategies skip the other retriever.
func BenchmarkStrategy(b *testing.B) {
	s := newTestService(b, Options{RouterSeed: 42})
	ids, queries := loadRetrievalSet(b, s)
	trainRouter(b, s, ids, queries, 6)
	for _, st := range []string{StrategyHybrid, StrategyAuto} {
		b.Run(st, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				q := queries[i%len(queries)]
				if _, err := s.Search(context.Background(), SearchRequest{Query: q.Query, Scope: Scope{Namespaces: []string{"eval"}}, Limit: 5, Strategy: st}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
