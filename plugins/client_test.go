package plugins

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

// recordingClient stands in for the MCP client session at the Client
// boundary and records the notifications plugins send.
type recordingClient struct {
	mu      sync.Mutex
	methods []string
	params  []string
}

func (c *recordingClient) CreateMessage(_ context.Context, params json.RawMessage) (json.RawMessage, error) {
	var req struct {
		Messages []struct {
			Content struct{ Text string }
		}
	}
	if err := json.Unmarshal(params, &req); err != nil || len(req.Messages) == 0 {
		return nil, fmt.Errorf("bad sampling request %s: %v", params, err)
	}
	return json.Marshal(map[string]any{"role": "assistant", "model": "test", "content": map[string]string{"type": "text", "text": "model says: " + req.Messages[0].Content.Text}})
}

func (c *recordingClient) Elicit(context.Context, json.RawMessage) (json.RawMessage, error) {
	return nil, errors.New("elicitation declined")
}

func (c *recordingClient) ListRoots(context.Context) (json.RawMessage, error) {
	return json.RawMessage(`{"roots":[]}`), nil
}

func (c *recordingClient) Notify(_ context.Context, method string, params json.RawMessage) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.methods = append(c.methods, method)
	c.params = append(c.params, string(params))
	return nil
}

// TestHostWithoutMemoryButWithClient uses a second host: one with an MCP
// client and no memory engine behind it.
func TestHostWithoutMemoryButWithClient(t *testing.T) {
	ctx := context.Background()
	client := &recordingClient{}
	h, err := NewHost(Options{CacheDir: testCacheDir(), Client: client})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(ctx)

	v2, err := h.Load(ctx, recordFor(t, "v2", fixture(t, "v2"), Grants{}))
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close(ctx)
	if res := call(t, v2, "shout", `{"text":"hi"}`); text(res) != "HI" {
		t.Errorf("shout = %+v", res)
	}
	if res := call(t, v2, "ask", `{"text":"2+2?"}`); !strings.Contains(text(res), `"text":"model says: 2+2?"`) {
		t.Errorf("ask (sampling through the client) = %+v", res)
	}
	client.mu.Lock()
	got := fmt.Sprint(client.methods, client.params)
	client.mu.Unlock()
	if want := `[notifications/progress] [{"progressToken":"t","progress":1}]`; got != want {
		t.Errorf("notifications = %s, want %s", got, want)
	}

	sandbox, err := h.Load(ctx, recordFor(t, "sandbox", fixture(t, "sandbox"), Grants{MemoryRead: true}))
	if err != nil {
		t.Fatal(err)
	}
	defer sandbox.Close(ctx)
	if res := call(t, sandbox, "memory_search", `{"query":"x"}`); !res.IsError || !strings.Contains(text(res), "not available") {
		t.Errorf("memory_search with no memory engine = %+v, want an error result", res)
	}
}

func TestHTTPResponseLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, strings.Repeat("x", 4096))
	}))
	defer srv.Close()
	p := load(t, "small-http", fixture(t, "sandbox"), Grants{AllowedHosts: []string{"127.0.0.1"}, MaxHTTPResponseBytes: 1024})
	_, err := p.CallTool(context.Background(), "http_get", json.RawMessage(mustJSON(map[string]string{"url": srv.URL})))
	if !errors.Is(err, ErrDenied) || !strings.Contains(err.Error(), "larger than the 1 KiB allowed") {
		t.Errorf("4 KiB response with a 1 KiB limit: err = %v", err)
	}
}

func TestPluginStdoutNeverReachesTheProcess(t *testing.T) {
	t.Setenv("EXTISM_ENABLE_WASI_OUTPUT", "1")
	h, err := NewHost(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(context.Background())
	if _, ok := os.LookupEnv("EXTISM_ENABLE_WASI_OUTPUT"); ok {
		t.Error("NewHost left EXTISM_ENABLE_WASI_OUTPUT set, so plugins would write to sweet's stdout")
	}
}
