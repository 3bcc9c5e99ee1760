package mcpserver

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine"
)

// runOpening serves a server made by Open over in-memory transports and
// connects a client; the returned channel yields Run's error.
func runOpening(t *testing.T, open func(context.Context) (*engine.Engine, error)) (*mcp.ClientSession, <-chan error) {
	t.Helper()
	srv, err := Open(context.Background(), open, Options{Namespace: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, ct := mcp.NewInMemoryTransports()
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, st) }()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "0"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close(); cancel() })
	return cs, done
}

// TestOpenAnswersBeforeTheEngine: the handshake and tools/list are answered
// while the engine is still opening; a tool call waits for it.
func TestOpenAnswersBeforeTheEngine(t *testing.T) {
	release := make(chan struct{})
	dir := t.TempDir()
	cs, done := runOpening(t, func(ctx context.Context) (*engine.Engine, error) {
		<-release
		return engine.Open(ctx, engine.Config{DataDir: dir})
	})
	ctx := context.Background()
	tools, err := cs.ListTools(ctx, nil)
	if err != nil || len(tools.Tools) == 0 {
		t.Fatalf("tools/list before the engine opened: %v", err)
	}
	called := make(chan *mcp.CallToolResult, 1)
	go func() {
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "memory_store", Arguments: map[string]any{"content": "stored once the engine is open"}})
		if err != nil {
			t.Error(err)
		}
		called <- res
	}()
	select {
	case <-called:
		t.Fatal("a tool call was answered before the engine opened")
	default:
	}
	close(release)
	if res := <-called; res == nil || res.IsError {
		t.Fatalf("memory_store after the engine opened: %+v", res)
	}
	cs.Close()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
}

// TestOpenFailure: an engine that cannot open fails the calls waiting for
// it, and Run returns the error (the CLI prints it and exits non-zero).
func TestOpenFailure(t *testing.T) {
	release := make(chan struct{})
	cs, done := runOpening(t, func(context.Context) (*engine.Engine, error) {
		<-release
		return nil, errors.New("open store: database is locked")
	})
	called := make(chan error, 1)
	go func() {
		_, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "memory_search", Arguments: map[string]any{"query": "x"}})
		called <- err
	}()
	close(release)
	if err := <-called; err == nil {
		t.Error("a call needing the engine succeeded without one")
	}
	if err := <-done; err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Errorf("run: err = %v, want the open error", err)
	}
}
