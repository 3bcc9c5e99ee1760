package embed

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeServer is a loopback embeddings server whose answers a test scripts.
type fakeServer struct {
	mu       sync.Mutex
	requests []map[string]any
	headers  []http.Header
	// answer returns status, headers and body for request number i (from 0).
	answer func(i int, req map[string]any) (int, map[string]string, string)
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req map[string]any
	_ = json.Unmarshal(body, &req)
	f.mu.Lock()
	i := len(f.requests)
	f.requests = append(f.requests, req)
	f.headers = append(f.headers, r.Header.Clone())
	f.mu.Unlock()
	code, hdr, resp := f.answer(i, req)
	for k, v := range hdr {
		w.Header().Set(k, v)
	}
	w.WriteHeader(code)
	io.WriteString(w, resp)
}

func (f *fakeServer) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// inputs returns the "input" texts of request i.
func (f *fakeServer) inputs(i int) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, v := range f.requests[i]["input"].([]any) {
		out = append(out, v.(string))
	}
	return out
}

// vectorFor is the deterministic unnormalised vector the fake servers
// return for a text: its length and first byte, then a constant.
func vectorFor(text string, dim int) []float32 {
	v := make([]float32, dim)
	v[0] = float32(len(text))
	if dim > 1 && text != "" {
		v[1] = float32(text[0])
	}
	if dim > 2 {
		v[2] = 1
	}
	return v
}

func ollamaBody(texts []string, dim int) string {
	var r ollamaResponse
	for _, t := range texts {
		r.Embeddings = append(r.Embeddings, vectorFor(t, dim))
	}
	b, _ := json.Marshal(r)
	return string(b)
}

// openAIBody answers in reverse order, as servers may, to test sorting.
func openAIBody(texts []string, dim int) string {
	var items []string
	for i := len(texts) - 1; i >= 0; i-- {
		v, _ := json.Marshal(vectorFor(texts[i], dim))
		items = append(items, fmt.Sprintf(`{"object":"embedding","index":%d,"embedding":%s}`, i, v))
	}
	return `{"object":"list","data":[` + strings.Join(items, ",") + `],"model":"m"}`
}

func inputsOf(req map[string]any) []string {
	var out []string
	for _, v := range req["input"].([]any) {
		out = append(out, v.(string))
	}
	return out
}

// newTestEmbedder starts srv and returns an embedder for it whose waits
// between retries are recorded, not slept.
func newTestEmbedder(t *testing.T, provider string, srv http.Handler, cfg Config) (*httpEmbedder, *[]time.Duration) {
	t.Helper()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	cfg.Provider = provider
	if cfg.BaseURL == "" {
		cfg.BaseURL = ts.URL
	}
	emb, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e := emb.(*httpEmbedder)
	var waits []time.Duration
	e.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}
	return e, &waits
}

func checkUnit(t *testing.T, vecs [][]float32) {
	t.Helper()
	for i, v := range vecs {
		var s float64
		for _, x := range v {
			s += float64(x) * float64(x)
		}
		if math.Abs(s-1) > 1e-5 {
			t.Errorf("vector %d has squared norm %v, want 1", i, s)
		}
	}
}

func TestHTTPEmbedBatchesInOrder(t *testing.T) {
	texts := []string{"alpha", "be", "gamma ray", "d", "epsilon"}
	tests := []struct {
		provider, path string
		body           func([]string, int) string
		wantModel      string
	}{
		{ProviderOllama, "/api/embed", ollamaBody, "ollama:test-model"},
		{ProviderOpenAI, "/v1/embeddings", openAIBody, "openai:test-model"},
	}
	for _, tt := range tests {
		t.Run(tt.provider, func(t *testing.T) {
			var paths []string
			srv := &fakeServer{}
			srv.answer = func(i int, req map[string]any) (int, map[string]string, string) {
				return 200, nil, tt.body(inputsOf(req), 3)
			}
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				paths = append(paths, r.Method+" "+r.URL.Path)
				srv.ServeHTTP(w, r)
			})
			e, _ := newTestEmbedder(t, tt.provider, h, Config{Model: "test-model", BatchSize: 2, APIKey: "sk-test"})
			if e.Dim() != 0 {
				t.Errorf("Dim before any call = %d, want 0", e.Dim())
			}
			vecs, err := e.Embed(context.Background(), texts)
			if err != nil {
				t.Fatal(err)
			}
			if srv.count() != 3 {
				t.Fatalf("made %d requests, want 3 batches", srv.count())
			}
			if got := srv.inputs(2); len(got) != 1 || got[0] != "epsilon" {
				t.Errorf("last batch = %q, want [epsilon]", got)
			}
			if paths[0] != "POST "+tt.path {
				t.Errorf("request = %q, want POST %s", paths[0], tt.path)
			}
			if got := srv.headers[0].Get("Authorization"); got != "Bearer sk-test" {
				t.Errorf("Authorization = %q", got)
			}
			if srv.requests[0]["model"] != "test-model" {
				t.Errorf("model sent = %v", srv.requests[0]["model"])
			}
			checkUnit(t, vecs)
			for i, text := range texts {
				want := vectorFor(text, 3)
				normalizeChecked(want)
				if math.Abs(float64(vecs[i][0]-want[0])) > 1e-6 || math.Abs(float64(vecs[i][1]-want[1])) > 1e-6 {
					t.Errorf("vector %d = %v, want %v (order lost?)", i, vecs[i], want)
				}
			}
			if e.Dim() != 3 || e.Model() != tt.wantModel {
				t.Errorf("Dim, Model = %d, %q; want 3, %q", e.Dim(), e.Model(), tt.wantModel)
			}
		})
	}
}

func TestOpenAISendsDimensions(t *testing.T) {
	srv := &fakeServer{answer: func(_ int, req map[string]any) (int, map[string]string, string) {
		return 200, nil, openAIBody(inputsOf(req), 4)
	}}
	e, _ := newTestEmbedder(t, ProviderOpenAI, srv, Config{Dimensions: 4})
	if e.Dim() != 4 {
		t.Errorf("Dim = %d, want the configured 4 before any call", e.Dim())
	}
	if _, err := e.Embed(context.Background(), []string{"x"}); err != nil {
		t.Fatal(err)
	}
	if got := srv.requests[0]["dimensions"]; got != float64(4) {
		t.Errorf("dimensions sent = %v, want 4", got)
	}
	if got := srv.requests[0]["model"]; got != DefaultOpenAIModel {
		t.Errorf("default model sent = %v, want %s", got, DefaultOpenAIModel)
	}
}

func TestHTTPRetries(t *testing.T) {
	ok := func(req map[string]any) (int, map[string]string, string) {
		return 200, nil, ollamaBody(inputsOf(req), 3)
	}
	tests := []struct {
		name      string
		fail      func(i int) (int, map[string]string, string)
		failures  int
		wantWaits []time.Duration
	}{
		{"503 then backoff doubles", func(int) (int, map[string]string, string) {
			return 503, nil, "overloaded"
		}, 2, []time.Duration{500 * time.Millisecond, time.Second}},
		{"429 honours Retry-After seconds", func(int) (int, map[string]string, string) {
			return 429, map[string]string{"Retry-After": "7"}, `{"error":"slow down"}`
		}, 1, []time.Duration{7 * time.Second}},
		{"Retry-After is capped", func(int) (int, map[string]string, string) {
			return 429, map[string]string{"Retry-After": "86400"}, ""
		}, 1, []time.Duration{time.Minute}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &fakeServer{answer: func(i int, req map[string]any) (int, map[string]string, string) {
				if i < tt.failures {
					return tt.fail(i)
				}
				return ok(req)
			}}
			e, waits := newTestEmbedder(t, ProviderOllama, srv, Config{})
			if _, err := e.Embed(context.Background(), []string{"a"}); err != nil {
				t.Fatal(err)
			}
			if srv.count() != tt.failures+1 {
				t.Errorf("made %d requests, want %d", srv.count(), tt.failures+1)
			}
			if fmt.Sprint(*waits) != fmt.Sprint(tt.wantWaits) {
				t.Errorf("waits = %v, want %v", *waits, tt.wantWaits)
			}
		})
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name      string
		cfg       Config
		wantModel string
		wantErr   string
	}{
		{"zero value is builtin", Config{}, BuiltinModel, ""},
		{"builtin by name", Config{Provider: " Builtin "}, BuiltinModel, ""},
		{"ollama defaults", Config{Provider: "ollama"}, "ollama:" + DefaultOllamaModel, ""},
		{"openai model", Config{Provider: "openai", Model: "bge-small"}, "openai:bge-small", ""},
		{"unknown provider", Config{Provider: "cohere"}, "", `unknown provider "cohere": use one of builtin, ollama, openai`},
		{"bad URL", Config{Provider: "ollama", BaseURL: "localhost:11434"}, "", "not an http(s) URL"},
		{"negative batch", Config{Provider: "openai", BatchSize: -1}, "", "must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := New(tt.cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.Model() != tt.wantModel {
				t.Errorf("Model = %q, want %q", e.Model(), tt.wantModel)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"3", 3 * time.Second},
		{"-3", 0},
		{"soon", 0},
		{now.Add(10 * time.Second).Format(http.TimeFormat), 10 * time.Second},
		{"999999", time.Minute},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestHTTPBlankTexts(t *testing.T) {
	srv := &fakeServer{answer: func(_ int, req map[string]any) (int, map[string]string, string) {
		return 200, nil, openAIBody(inputsOf(req), 3)
	}}
	e, _ := newTestEmbedder(t, ProviderOpenAI, srv, Config{})
	if _, err := e.Embed(context.Background(), []string{" "}); err == nil {
		t.Error("embedding only blank texts before the dimension is known succeeded")
	}
	vecs, err := e.Embed(context.Background(), []string{"", "alpha", "\t"})
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.inputs(0); len(got) != 1 || got[0] != "alpha" {
		t.Errorf("sent %q, want only the non-blank text", got)
	}
	if len(vecs) != 3 || len(vecs[0]) != 3 || len(vecs[2]) != 3 || vecs[0][0] != 0 || vecs[1][0] == 0 {
		t.Errorf("vectors = %v, want zero vectors around alpha's", vecs)
	}
	if _, err := e.Embed(context.Background(), nil); err != nil {
		t.Errorf("embedding no texts: %v", err)
	}
}

func TestHTTPBaseURLWithVersion(t *testing.T) {
	tests := []struct{ provider, suffix, want string }{
		{ProviderOpenAI, "/v1", "/v1/embeddings"},
		{ProviderOpenAI, "/v1/", "/v1/embeddings"},
		{ProviderOllama, "/api", "/api/embed"},
		{ProviderOllama, "", "/api/embed"},
	}
	for _, tt := range tests {
		t.Run(tt.provider+tt.suffix, func(t *testing.T) {
			var path string
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				path = r.URL.Path
				io.WriteString(w, `{"embeddings":[[1,0]],"data":[{"index":0,"embedding":[1,0]}]}`)
			})
			ts := httptest.NewServer(h)
			defer ts.Close()
			e, err := New(Config{Provider: tt.provider, BaseURL: ts.URL + tt.suffix})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.Embed(context.Background(), []string{"a"}); err != nil {
				t.Fatal(err)
			}
			if path != tt.want {
				t.Errorf("posted to %s, want %s", path, tt.want)
			}
		})
	}
}
