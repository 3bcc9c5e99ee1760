package embed

import (
	"context"
	"fmt"
	"testing"
)

// benchTexts are the labelled memories, repeated with a numeric suffix so
// bulk runs see distinct texts.
func benchTexts(b *testing.B, n int) []string {
	mems := readJSONL[evalMemory](b, "testdata/memories.jsonl")
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s (item %d)", mems[i%len(mems)].Content, i)
	}
	return out
}

// BenchmarkLoad measures the first-use cost: decoding the embedded WordNet
// data and building its indexes.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadWordnet(wordnetData); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbed20Words embeds one 20-word text with a warm token cache,
// the steady state of an import.
func BenchmarkEmbed20Words(b *testing.B) {
	e := NewBuiltin()
	text := []string{"The staging server restarts every night at three to clear leaked file handles, so long jobs must checkpoint their progress before midnight."}
	ctx := context.Background()
	if _, err := e.Embed(ctx, text); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Embed(ctx, text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbedBulk embeds batches of 1,000 memories on a fresh embedder
// each time, so the token cache starts cold as in a first import.
func BenchmarkEmbedBulk(b *testing.B) {
	texts := benchTexts(b, 1000)
	ctx := context.Background()
	warm := NewBuiltin()
	if err := warm.Load(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		e := NewBuiltin()
		e.once.Do(func() { e.wn = warm.wn })
		if _, err := e.Embed(ctx, texts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "texts/s")
}

// BenchmarkMaxSim200 re-scores 200 candidates against one query, the
// second stage of a search, including parsing the query.
func BenchmarkMaxSim200(b *testing.B) {
	e := NewBuiltin()
	texts := benchTexts(b, 200)
	query := "how are API keys provided to the application in production"
	e.Rerank(query, texts)
	b.ReportAllocs()
	for b.Loop() {
		e.Rerank(query, texts)
	}
}
