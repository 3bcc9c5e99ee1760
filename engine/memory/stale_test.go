package memory

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/store"
)

// fakeEmbeddingServer is an OpenAI-compatible /v1/embeddings endpoint on
// loopback (the remote API is the boundary): 4-dimensional vectors from
// letter counts, so similar texts get similar vectors. down makes it fail.
func fakeEmbeddingServer(t *testing.T, down *atomic.Bool) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "model is loading", http.StatusBadRequest)
			return
		}
		var req struct {
			Input []string `json:"input"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		type item struct {
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		}
		var data []item
		for i, in := range req.Input {
			v := make([]float32, 4)
			for _, c := range strings.ToLower(in) {
				if c >= 'a' && c <= 'z' {
					v[int(c-'a')%4]++
				}
			}
			data = append(data, item{i, v})
		}
		json.NewEncoder(w).Encode(map[string]any{"data": data, "model": "test"})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestStaleIndexAfterModelChangeAndReindex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), store.FileName)
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first, err := New(ctx, db, sharedBuiltin, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"The staging server reboots nightly.", "Billing uses PostgreSQL.", "Docs live in the wiki."} {
		add(t, first, "p", c)
	}
	first.Close()

	var down atomic.Bool
	srv := fakeEmbeddingServer(t, &down)
	emb, err := embed.New(embed.Config{Provider: embed.ProviderOpenAI, BaseURL: srv.URL, Model: "tiny", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, db, emb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	resp, err := s.Search(ctx, SearchRequest{Query: "billing postgresql", Scope: DefaultScope("p")})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Stale == nil || resp.Stale.Missing != 3 || !strings.Contains(resp.Stale.String(), "sweet memory reindex") {
		t.Fatalf("stale = %+v", resp.Stale)
	}
	if len(resp.Results) == 0 || !strings.Contains(resp.Results[0].Content, "PostgreSQL") {
		t.Fatalf("lexical search should still answer: %+v", resp.Results)
	}
	rep, err := s.Reindex(ctx, nil)
	if err != nil || rep.Embedded != 3 || rep.Removed != 3 {
		t.Fatalf("reindex = %+v, %v", rep, err)
	}
	resp, _ = s.Search(ctx, SearchRequest{Query: "billing postgresql", Scope: DefaultScope("p")})
	if resp.Stale != nil {
		t.Fatalf("still stale after reindex: %+v", resp.Stale)
	}
	// The embedding server going away degrades search, it does not break it.
	down.Store(true)
	resp, err = s.Search(ctx, SearchRequest{Query: "billing postgresql", Scope: DefaultScope("p")})
	if err != nil || len(resp.Warnings) == 0 || len(resp.Results) == 0 {
		t.Fatalf("with the server down: %+v, %v", resp, err)
	}
	// A memory added while it is down is kept, without a vector, and says so.
	res, err := s.Add(ctx, AddRequest{Content: "Added while the model server was down.", Namespace: "p"})
	if err != nil || res.Warning == "" {
		t.Fatalf("add while down: %+v, %v", res, err)
	}
}
