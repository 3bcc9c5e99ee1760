package embed

import (
	"context"
	"sync"
	"testing"
)

// TestBuiltinConcurrent runs Embed, Query and Expand from several
// goroutines on a fresh embedder, so the lazy load and the token cache are
// exercised under the race detector, and checks they agree with a serial
// run.
func TestBuiltinConcurrent(t *testing.T) {
	b := NewBuiltin()
	mems := readJSONL[evalMemory](t, "testdata/memories.jsonl")
	texts := make([]string, len(mems))
	for i, m := range mems {
		texts[i] = m.Content
	}
	var wg sync.WaitGroup
	results := make([][][]float32, 4)
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vecs, err := b.Embed(context.Background(), texts)
			if err != nil {
				t.Error(err)
				return
			}
			results[g] = vecs
			q := b.NewQuery("which database do we use")
			for _, text := range texts {
				q.Score(text)
				b.Expand(text)
			}
		}()
	}
	wg.Wait()
	serial, err := shared.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	for g, vecs := range results {
		for i := range vecs {
			if dot(vecs[i], serial[i]) < 0.99999 {
				t.Fatalf("goroutine %d, text %d: vector differs from a serial run", g, i)
			}
		}
	}
}
