package mcpserver

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine"
)

// openEngine opens a real engine over a fresh database.
func openEngine(t testing.TB, dir string, readOnly bool) *engine.Engine {
	t.Helper()
	eng, err := engine.Open(context.Background(), engine.Config{DataDir: dir, ReadOnly: readOnly})
	if err != nil {
		t.Fatalf("open engine: %v", err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

// harness is a server and a connected client over in-memory transports.
type harness struct {
	srv    *Server
	eng    *engine.Engine
	client *mcp.ClientSession
}

func newHarness(t testing.TB, opts Options, copts *mcp.ClientOptions) *harness {
	t.Helper()
	eng := openEngine(t, t.TempDir(), false)
	return connectHarness(t, eng, opts, copts)
}

func connectHarness(t testing.TB, eng *engine.Engine, opts Options, copts *mcp.ClientOptions) *harness {
	t.Helper()
	if opts.Namespace == "" && opts.WorkDir == "" {
		opts.Namespace = "test"
	}
	if opts.WatchInterval == 0 {
		opts.WatchInterval = 20 * time.Millisecond
	}
	srv, err := New(eng, opts)
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, ct := mcp.NewInMemoryTransports()
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, st) }()
	client := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "0"}, copts)
	cs, err := client.Connect(ctx, ct, nil)
	if err != nil {
		cancel()
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() {
		cs.Close()
		cancel()
		<-done
	})
	return &harness{srv: srv, eng: eng, client: cs}
}

// call calls a tool and decodes its structured result into out (when not
// nil). It fails the test on protocol errors; tool errors are returned.
func (h *harness) call(t testing.TB, name string, args any, out any) *mcp.CallToolResult {
	t.Helper()
	res, err := h.client.CallTool(context.Background(), &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("call %s: %v", name, err)
	}
	if res.IsError {
		return res
	}
	if out != nil {
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatalf("encode %s result: %v", name, err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("decode %s result %s: %v", name, b, err)
		}
	}
	return res
}

// mustCall is call that fails the test on a tool error.
func (h *harness) mustCall(t testing.TB, name string, args any, out any) *mcp.CallToolResult {
	t.Helper()
	res := h.call(t, name, args, out)
	if res.IsError {
		t.Fatalf("call %s: tool error: %s", name, resultText(res))
	}
	return res
}

// resultText joins a result's text blocks.
func resultText(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}
