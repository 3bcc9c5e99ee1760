//lint:file-ignore SA1019 the server still takes namespaces from roots (handshake-era clients)

package mcpserver

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine/memory"
)

func TestResources(t *testing.T) {
	h := newHarness(t, Options{}, nil)
	ctx := context.Background()
	var st StoreOutput
	h.mustCall(t, "memory_store", map[string]any{"content": "Resources are JSON", "namespace": "a/b c"}, &st)

	res, err := h.client.ReadResource(ctx, &mcp.ReadResourceParams{URI: MemoryURI(st.Memory.ID)})
	if err != nil {
		t.Fatal(err)
	}
	var m Memory
	if err := json.Unmarshal([]byte(res.Contents[0].Text), &m); err != nil || m.Content != "Resources are JSON" {
		t.Errorf("memory resource: %v %+v", err, m)
	}
	res, err = h.client.ReadResource(ctx, &mcp.ReadResourceParams{URI: NamespaceURI("a/b c")})
	if err != nil {
		t.Fatal(err)
	}
	var nsr NamespaceResource
	if err := json.Unmarshal([]byte(res.Contents[0].Text), &nsr); err != nil || len(nsr.Memories) != 1 || nsr.Namespace != "a/b c" {
		t.Errorf("namespace resource: %v %+v", err, nsr)
	}
	_, err = h.client.ReadResource(ctx, &mcp.ReadResourceParams{URI: MemoryURI("01NOSUCHMEMORY000000000000")})
	if err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("unknown memory: err = %v", err)
	}
	list, err := h.client.ListResources(ctx, nil)
	if err != nil || len(list.Resources) == 0 {
		t.Fatalf("list resources: %v %v", err, list)
	}
	tmpls, err := h.client.ListResourceTemplates(ctx, nil)
	if err != nil || len(tmpls.ResourceTemplates) != 2 {
		t.Fatalf("templates: %v %v", err, tmpls)
	}
}

// TestSubscriptionSeesOtherProcessWrites subscribes through one server and
// writes through a second engine on the same database, as another sweet
// process would.
func TestSubscriptionSeesOtherProcessWrites(t *testing.T) {
	dir := t.TempDir()
	updated := make(chan string, 16)
	h := connectHarness(t, openEngine(t, dir, false), Options{}, &mcp.ClientOptions{
		ResourceUpdatedHandler: func(_ context.Context, r *mcp.ResourceUpdatedNotificationRequest) { updated <- r.Params.URI },
	})
	other := openEngine(t, dir, false)
	ctx := context.Background()
	res, err := other.Memory.Add(ctx, memory.AddRequest{Content: "first version", Namespace: "test"})
	if err != nil {
		t.Fatal(err)
	}
	uri := MemoryURI(res.Memory.ID)
	if err := h.client.Subscribe(ctx, &mcp.SubscribeParams{URI: uri}); err != nil {
		t.Fatal(err)
	}
	if err := h.client.Subscribe(ctx, &mcp.SubscribeParams{URI: NamespaceURI("test")}); err != nil {
		t.Fatal(err)
	}
	content := "second version"
	if _, err := other.Memory.Update(ctx, memory.UpdateRequest{ID: res.Memory.ID, Content: &content}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{uri: true, NamespaceURI("test"): true}
	timeout := time.After(5 * time.Second)
	for len(want) > 0 {
		select {
		case u := <-updated:
			delete(want, u)
		case <-timeout:
			t.Fatalf("no notifications/resources/updated for %v", want)
		}
	}
}

func TestPrompts(t *testing.T) {
	h := newHarness(t, Options{}, nil)
	ctx := context.Background()
	for i, c := range []string{"The release train leaves every second Tuesday", "Releases are tagged vX.Y.Z by the release manager", "Lunch is at noon"} {
		h.mustCall(t, "memory_store", map[string]any{"content": c, "importance": 0.5 + float64(i)/10}, nil)
	}
	got, err := h.client.GetPrompt(ctx, &mcp.GetPromptParams{Name: "recall", Arguments: map[string]string{"topic": "release schedule", "budget_tokens": "60"}})
	if err != nil {
		t.Fatal(err)
	}
	text := got.Messages[0].Content.(*mcp.TextContent).Text
	if !strings.Contains(text, "release") || len(text) > 60*bytesPerToken {
		t.Errorf("recall (%d bytes): %s", len(text), text)
	}
	if _, err := h.client.GetPrompt(ctx, &mcp.GetPromptParams{Name: "recall", Arguments: map[string]string{}}); err == nil {
		t.Error("recall without a topic: no error")
	}
	if _, err := h.client.GetPrompt(ctx, &mcp.GetPromptParams{Name: "recall", Arguments: map[string]string{"topic": "x", "budget_tokens": "lots"}}); err == nil {
		t.Error("recall with a bad budget: no error")
	}
	rem, err := h.client.GetPrompt(ctx, &mcp.GetPromptParams{Name: "remember", Arguments: map[string]string{"focus": "API design"}})
	if err != nil {
		t.Fatal(err)
	}
	if text := rem.Messages[0].Content.(*mcp.TextContent).Text; !strings.Contains(text, "memory_store") || !strings.Contains(text, "API design") {
		t.Errorf("remember: %s", text)
	}
}

func TestNamespaceResolution(t *testing.T) {
	t.Parallel()
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(repo, "pkg", "x")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	repoNS, err := memory.ProjectNamespace(repo)
	if err != nil {
		t.Fatal(err)
	}
	rootDir := t.TempDir()
	rootNS, _ := memory.ProjectNamespace(rootDir)
	for _, tc := range []struct {
		name  string
		opts  Options
		roots []*mcp.Root
		want  string
	}{
		{"fixed", Options{Namespace: "fixed"}, []*mcp.Root{{URI: "file://" + rootDir}}, "fixed"},
		{"roots", Options{WorkDir: sub}, []*mcp.Root{{URI: "file://" + filepath.ToSlash(rootDir)}}, rootNS},
		{"git root of launch dir", Options{WorkDir: sub}, nil, repoNS},
		{"global outside git", Options{WorkDir: t.TempDir()}, nil, memory.GlobalNamespace},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newRootsHarness(t, tc.opts, tc.roots)
			var st StoreOutput
			h.mustCall(t, "memory_store", map[string]any{"content": "where am I"}, &st)
			if st.Memory.Namespace != tc.want {
				t.Errorf("namespace = %q, want %q", st.Memory.Namespace, tc.want)
			}
		})
	}
}

// newRootsHarness connects a client that offers roots when given some.
func newRootsHarness(t *testing.T, opts Options, roots []*mcp.Root) *harness {
	t.Helper()
	if roots == nil {
		return connectHarness(t, openEngine(t, t.TempDir(), false), opts, nil)
	}
	eng := openEngine(t, t.TempDir(), false)
	srv, err := New(eng, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, ct := mcp.NewInMemoryTransports()
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, st) }()
	client := mcp.NewClient(&mcp.Implementation{Name: "t", Version: "0"}, nil)
	client.AddRoots(roots...)
	// Roots reach the server only in the legacy era (2026-07-28 clients
	// pass paths in arguments instead).
	cs, err := client.Connect(ctx, ct, &mcp.ClientSessionOptions{ProtocolVersion: "2025-11-25"})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close(); cancel(); <-done })
	return &harness{srv: srv, eng: eng, client: cs}
}
