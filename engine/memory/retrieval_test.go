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

// TestRetrievalRecall measures hybrid search: recall@5 on the labelled set
// for lexical-only, vector-only and hybrid; hybrid must not fall below
// either, nor below the floor measured when the weights were tuned.
func TestRetrievalRecall(t *testing.T) {
	s := newTestService(t, Options{})
	ids, queries := loadRetrievalSet(t, s)
	lex, lexKinds := recallAt5(t, s, ids, queries, lexicalOnly)
	lexE, lexEKinds := recallAt5(t, s, ids, queries, lexicalExp)
	t.Logf("lexical with WordNet expansion: %.1f %v", lexE, lexEKinds)
	vec, vecKinds := recallAt5(t, s, ids, queries, vectorOnly)
	hyb, hybKinds := recallAt5(t, s, ids, queries, DefaultWeights())
	t.Logf("recall@5 over %d queries: lexical %.1f %v, vector %.1f %v, hybrid %.1f %v", len(queries), lex, lexKinds, vec, vecKinds, hyb, hybKinds)
	// Floors measured on this set (docs/BENCHMARKS.md), less one query.
	if hyb < 72 || hyb < lex {
		t.Errorf("hybrid recall@5 %.1f fell below its measured floor or below lexical-only %.1f", hyb, lex)
	}
	if hyb < vec {
		t.Errorf("hybrid recall@5 %.1f is below vector-only %.1f", hyb, vec)
	}
}
