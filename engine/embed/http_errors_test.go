package embed

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestHTTPErrors(t *testing.T) {
	tests := []struct {
		name     string
		provider string
		cfg      Config
		answer   func(i int, req map[string]any) (int, map[string]string, string)
		wantReqs int
		want     []string // substrings of the error
	}{
		{"server error exhausts retries", ProviderOllama, Config{MaxRetries: 2},
			func(int, map[string]any) (int, map[string]string, string) { return 500, nil, "boom" },
			3, []string{"/api/embed", "500 Internal Server Error", "boom", "gave up after 3 attempts", "check its logs"}},
		{"no retries when negative", ProviderOllama, Config{MaxRetries: -1},
			func(int, map[string]any) (int, map[string]string, string) { return 502, nil, "bad gateway" },
			1, []string{"502"}},
		{"bad request is not retried", ProviderOpenAI, Config{Model: "nope"},
			func(int, map[string]any) (int, map[string]string, string) {
				return 400, nil, `{"error":{"message":"invalid model"}}`
			},
			1, []string{"/v1/embeddings", "400 Bad Request", "invalid model", `model name "nope"`}},
		{"unauthorised names the key", ProviderOpenAI, Config{},
			func(int, map[string]any) (int, map[string]string, string) { return 401, nil, "no key" },
			1, []string{"401", "check the API key"}},
		{"missing ollama model says pull", ProviderOllama, Config{Model: "mxbai"},
			func(int, map[string]any) (int, map[string]string, string) {
				return 404, nil, `{"error":"model \"mxbai\" not found, try pulling it first"}`
			},
			1, []string{"404", "ollama pull mxbai"}},
		{"bad JSON", ProviderOllama, Config{},
			func(int, map[string]any) (int, map[string]string, string) {
				return 200, nil, "<html>proxy login</html>"
			},
			1, []string{"decode response", "proxy login"}},
		{"wrong count", ProviderOllama, Config{},
			func(_ int, req map[string]any) (int, map[string]string, string) {
				return 200, nil, ollamaBody(append(inputsOf(req), "extra"), 3)
			},
			1, []string{"returned 3 vectors for 2 texts"}},
		{"openai wrong count", ProviderOpenAI, Config{},
			func(_ int, req map[string]any) (int, map[string]string, string) {
				return 200, nil, openAIBody(inputsOf(req)[:1], 3)
			},
			1, []string{"got 1 embeddings for 2 texts"}},
		{"openai repeated index", ProviderOpenAI, Config{},
			func(int, map[string]any) (int, map[string]string, string) {
				return 200, nil, `{"data":[{"index":0,"embedding":[1,0]},{"index":0,"embedding":[0,1]}]}`
			},
			1, []string{"repeated"}},
		{"zero vector", ProviderOllama, Config{},
			func(int, map[string]any) (int, map[string]string, string) {
				return 200, nil, `{"embeddings":[[0,0,0],[1,2,3]]}`
			},
			1, []string{"zero or not finite"}},
		{"configured dimension differs", ProviderOllama, Config{Dimensions: 768},
			func(_ int, req map[string]any) (int, map[string]string, string) {
				return 200, nil, ollamaBody(inputsOf(req), 3)
			},
			1, []string{"returned 3-dimensional vectors, expected 768"}},
		{"dimension changes within a response", ProviderOllama, Config{},
			func(int, map[string]any) (int, map[string]string, string) {
				return 200, nil, `{"embeddings":[[1,2,3],[1,2]]}`
			},
			1, []string{"returned 2-dimensional vectors, expected 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &fakeServer{answer: tt.answer}
			e, _ := newTestEmbedder(t, tt.provider, srv, tt.cfg)
			_, err := e.Embed(context.Background(), []string{"one", "two"})
			if err == nil {
				t.Fatal("Embed succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if srv.count() != tt.wantReqs {
				t.Errorf("made %d requests, want %d", srv.count(), tt.wantReqs)
			}
		})
	}
}

func TestHTTPDimensionChangeAcrossCalls(t *testing.T) {
	srv := &fakeServer{answer: func(i int, req map[string]any) (int, map[string]string, string) {
		return 200, nil, ollamaBody(inputsOf(req), 3+i)
	}}
	e, _ := newTestEmbedder(t, ProviderOllama, srv, Config{})
	if _, err := e.Embed(context.Background(), []string{"a"}); err != nil {
		t.Fatal(err)
	}
	_, err := e.Embed(context.Background(), []string{"a"})
	if err == nil || !strings.Contains(err.Error(), "expected 3") {
		t.Fatalf("second call with a new dimension: err = %v, want a dimension error", err)
	}
}

// hangingServer never answers until the test ends; the returned cleanup
// must run before the server closes, which waits for its handlers.
func hangingServer() (http.Handler, func()) {
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	return h, func() { close(release) }
}

func TestHTTPTimeoutAndCancel(t *testing.T) {
	t.Run("timeout is retried then reported", func(t *testing.T) {
		hang, release := hangingServer()
		e, waits := newTestEmbedder(t, ProviderOllama, hang, Config{Timeout: 20 * time.Millisecond, MaxRetries: 1})
		t.Cleanup(release)
		_, err := e.Embed(context.Background(), []string{"a"})
		if err == nil || !strings.Contains(err.Error(), "no answer within 20ms") {
			t.Fatalf("err = %v, want a timeout error", err)
		}
		if len(*waits) != 1 {
			t.Errorf("retried %d times, want 1", len(*waits))
		}
	})
	t.Run("cancel stops at once", func(t *testing.T) {
		hang, release := hangingServer()
		e, waits := newTestEmbedder(t, ProviderOllama, hang, Config{})
		t.Cleanup(release)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		_, err := e.Embed(ctx, []string{"a"})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if len(*waits) != 0 {
			t.Errorf("retried after cancellation: waits %v", *waits)
		}
	})
}

func TestHTTPServerDown(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	url := ts.URL
	ts.Close()
	emb, err := New(Config{Provider: "ollama", BaseURL: url, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = emb.Embed(context.Background(), []string{"a"})
	if err == nil || !strings.Contains(err.Error(), "is the server running at "+url) {
		t.Fatalf("err = %v, want a connection error naming %s", err, url)
	}
}
