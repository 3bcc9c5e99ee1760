package engine

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/plugins"
	"github.com/sweetmcp/sweet/store"
)

const sha256ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

// install prepares and records the plugin at source under the given grants.
func install(t *testing.T, p *Plugins, source, name string, specs ...string) plugins.Record {
	t.Helper()
	var g plugins.Grants
	for _, s := range specs {
		if err := g.Grant(s); err != nil {
			t.Fatal(err)
		}
	}
	c, err := p.Prepare(context.Background(), plugins.InstallRequest{Source: source, Name: name, Grants: g})
	if err != nil {
		t.Fatalf("prepare %s: %v", name, err)
	}
	rec, err := p.Install(context.Background(), c)
	if err != nil {
		t.Fatalf("install %s: %v", name, err)
	}
	return rec
}

func toolNames(p *Plugins) []string {
	var names []string
	for _, t := range p.Tools() {
		names = append(names, t.Name)
	}
	return names
}

func resultText(t *testing.T, res *plugins.CallResult, err error) string {
	t.Helper()
	if err != nil {
		t.Fatalf("call: %v", err)
	}
	if len(res.Content) == 0 {
		t.Fatalf("call: empty result %+v", res)
	}
	return res.Content[0].Text
}

// copyFile copies a built plugin so a test can change it without touching
// the shared build.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPluginToolName(t *testing.T) {
	tests := []struct{ plugin, tool, want string }{
		{"hash", "hash", "hash__hash"},
		{"qr-code", "qr_code", "qr-code__qr_code"},
		{"my.tools", "get time", "my_tools__get_time"},
		{"memory", "search", "memory__search"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := PluginToolName(tt.plugin, tt.tool); got != tt.want {
				t.Errorf("PluginToolName(%q, %q) = %q, want %q", tt.plugin, tt.tool, got, tt.want)
			}
		})
	}
}

// TestPluginsServe installs the hash plugin, serves it and calls it, then
// changes its record the way the CLI does and checks what Sync does.
func TestPluginsServe(t *testing.T) {
	t.Parallel() // each loads wasm: overlap them
	ctx := context.Background()
	e := openEngine(t, t.TempDir())
	changes := 0
	p := openPlugins(t, e, PluginOptions{OnChange: func() { changes++ }})
	rec := install(t, p, examplePlugin(t, "hash"), "", "config:salt=x")
	if rec.Name != "hash" || !rec.Enabled || rec.ABI != plugins.ABIServlet {
		t.Fatalf("installed record = %+v", rec)
	}
	got, err := p.Get(ctx, "hash")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rec, got); diff != "" {
		t.Errorf("stored record (-installed +stored):\n%s", diff)
	}

	if err := p.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"hash__hash"}, toolNames(p)); diff != "" {
		t.Errorf("tools (-want +got):\n%s", diff)
	}
	res, err := p.CallTool(ctx, "hash__hash", json.RawMessage(`{"data":"abc","algorithm":"sha256"}`))
	if text := resultText(t, res, err); text != sha256ABC {
		t.Errorf("hash__hash = %q, want %q", text, sha256ABC)
	}
	if served := p.Served(); len(served) != 1 || served[0].Name() != "hash" {
		t.Errorf("Served = %v, want the hash plugin", served)
	}
	if _, err := p.CallTool(ctx, "hash", nil); !errors.Is(err, plugins.ErrUnknownTool) {
		t.Errorf("call by the bare tool name: err = %v, want ErrUnknownTool", err)
	}

	// A sync with nothing changed loads nothing and notifies nobody.
	if err := p.Sync(ctx); err != nil || changes != 1 {
		t.Errorf("idle sync: err = %v, OnChange calls = %d, want 1", err, changes)
	}
	if _, err := p.Grant(ctx, "hash", "timeout:5s"); err != nil {
		t.Fatal(err)
	}
	if err := p.Sync(ctx); err != nil || changes != 2 {
		t.Errorf("sync after grant: err = %v, OnChange calls = %d, want 2", err, changes)
	}
	if pl, ok := p.set.Plugin("hash"); !ok || pl.Record().Grants.EffectiveTimeout() != 5*time.Second {
		t.Errorf("after grant, the served plugin was not reloaded with the new timeout")
	}
	if _, err := p.SetEnabled(ctx, "hash", false); err != nil {
		t.Fatal(err)
	}
	if err := p.Sync(ctx); err != nil || len(p.Tools()) != 0 || changes != 3 {
		t.Errorf("sync after disable: err = %v, tools = %v, OnChange calls = %d", err, toolNames(p), changes)
	}
	if _, err := p.Load(ctx, "hash"); err == nil || !strings.Contains(err.Error(), "sweet plugin enable hash") {
		t.Errorf("load of a disabled plugin: err = %v, want the hint to enable it", err)
	}
}

func TestPluginsRecordErrors(t *testing.T) {
	t.Parallel() // each loads wasm: overlap them
	ctx := context.Background()
	e := openEngine(t, t.TempDir())
	p := openPlugins(t, e, PluginOptions{})
	install(t, p, examplePlugin(t, "time"), "")
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"get unknown", func() error { _, err := p.Get(ctx, "nope"); return err }, "not installed"},
		{"grant unknown plugin", func() error { _, err := p.Grant(ctx, "nope", "memory:read"); return err }, "not installed"},
		{"remove unknown", func() error { _, err := p.Remove(ctx, "nope"); return err }, "not installed"},
		{"bad grant spec", func() error { _, err := p.Grant(ctx, "time", "host:"); return err }, "plugin time"},
		{"bad revoke spec", func() error { _, err := p.Revoke(ctx, "time", "bogus:1"); return err }, "plugin time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
	if _, err := p.Get(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get unknown: err = %v, want store.ErrNotFound", err)
	}
	rec, err := p.Get(ctx, "time")
	if err != nil || len(rec.Grants.AllowedHosts) != 0 {
		t.Errorf("a failed grant changed the record: %+v, %v", rec.Grants, err)
	}
}

// TestPluginsChangedFile checks that a plugin whose file changed after
// install is neither served nor callable until it is installed again.
func TestPluginsChangedFile(t *testing.T) {
	t.Parallel() // each loads wasm: overlap them
	ctx := context.Background()
	e := openEngine(t, t.TempDir())
	p := openPlugins(t, e, PluginOptions{})
	file := filepath.Join(t.TempDir(), "time.wasm")
	copyFile(t, examplePlugin(t, "time"), file)
	install(t, p, file, "")
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte{0}) // a custom-section-free byte: the digest changes, the module stays loadable
	f.Close()
	if err := p.Sync(ctx); !errors.Is(err, plugins.ErrChanged) || len(p.Tools()) != 0 {
		t.Errorf("sync of a changed plugin: err = %v, tools = %v; want ErrChanged and nothing served", err, toolNames(p))
	}
	if _, err := p.Load(ctx, "time"); !errors.Is(err, plugins.ErrChanged) {
		t.Errorf("load of a changed plugin: err = %v, want ErrChanged", err)
	}
	copyFile(t, examplePlugin(t, "time"), file)
	install(t, p, file, "") // approve again
	if err := p.Sync(ctx); err != nil || len(p.Tools()) != 1 {
		t.Errorf("sync after reinstall: err = %v, tools = %v", err, toolNames(p))
	}
}

// TestPluginsMemory runs the sandbox fixture's memory tools against the real
// memory service: confined to plugin:NAME and only with the grants.
func TestPluginsMemory(t *testing.T) {
	t.Parallel() // each loads wasm: overlap them
	ctx := context.Background()
	e := openEngine(t, t.TempDir())
	p := openPlugins(t, e, PluginOptions{})
	install(t, p, fixturePlugin(t, "sandbox"), "", "memory:read", "memory:write")
	if err := p.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := p.CallTool(ctx, "sandbox__memory_store", json.RawMessage(`{"content":"the deploy key rotates every ninety days"}`))
	if text := resultText(t, res, err); !strings.Contains(text, `"status":"created"`) {
		t.Fatalf("memory_store = %s", text)
	}
	list, err := e.Memory.List(ctx, memory.ListRequest{Scope: memory.Scope{Namespaces: []string{"plugin:sandbox"}}})
	if err != nil || len(list.Memories) != 1 || list.Memories[0].Source != "plugin:sandbox" {
		t.Fatalf("memories in plugin:sandbox = %+v, %v", list, err)
	}
	res, err = p.CallTool(ctx, "sandbox__memory_search", json.RawMessage(`{"query":"deploy key rotation"}`))
	if text := resultText(t, res, err); !strings.Contains(text, "ninety days") {
		t.Errorf("memory_search = %s, want the stored memory", text)
	}

	if _, err := p.Revoke(ctx, "sandbox", "memory:write"); err != nil {
		t.Fatal(err)
	}
	if err := p.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	res, err = p.CallTool(ctx, "sandbox__memory_store", json.RawMessage(`{"content":"not allowed"}`))
	if text := resultText(t, res, err); !strings.Contains(text, "permission denied") {
		t.Errorf("memory_store without memory:write = %s, want permission denied", text)
	}
}

// TestPluginsFollow changes plugins through a second engine on the same
// database, as another sweet process would, and waits for the first to
// notice.
func TestPluginsFollow(t *testing.T) {
	t.Parallel() // each loads wasm: overlap them
	ctx := context.Background()
	dir := t.TempDir()
	e := openEngine(t, dir)
	notified := make(chan struct{}, 8)
	p := openPlugins(t, e, PluginOptions{OnChange: func() { notified <- struct{}{} }})
	if err := p.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.Follow(ctx, 20*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	other := openPlugins(t, openEngine(t, dir), PluginOptions{})
	wait := func(what string, want []string) {
		t.Helper()
		select {
		case <-notified:
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: no change notification", what)
		}
		if diff := cmp.Diff(want, toolNames(p)); diff != "" {
			t.Errorf("%s: tools (-want +got):\n%s", what, diff)
		}
	}
	install(t, other, examplePlugin(t, "time"), "")
	wait("install elsewhere", []string{"time__time"})
	if _, err := other.Remove(ctx, "time"); err != nil {
		t.Fatal(err)
	}
	wait("remove elsewhere", nil)
}

// TestPluginsURL installs from an HTTP server: the download is kept in the
// data directory with its checksum recorded, and remove deletes it.
func TestPluginsURL(t *testing.T) {
	t.Parallel() // each loads wasm: overlap them
	ctx := context.Background()
	wasm, err := os.ReadFile(examplePlugin(t, "hash"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(wasm) }))
	defer srv.Close()
	e := openEngine(t, t.TempDir())
	p := openPlugins(t, e, PluginOptions{})

	_, err = p.Prepare(ctx, plugins.InstallRequest{Source: srv.URL + "/hash.wasm", SHA256: strings.Repeat("0", 64)})
	if !errors.Is(err, plugins.ErrChecksum) {
		t.Fatalf("prepare with a wrong checksum: err = %v, want ErrChecksum", err)
	}
	if recs, _ := p.List(ctx); len(recs) != 0 {
		t.Errorf("a refused install was recorded: %+v", recs)
	}
	rec := install(t, p, srv.URL+"/hash.wasm", "")
	if rec.SHA256 != plugins.SHA256Hex(wasm) || filepath.Dir(rec.Path) != p.DownloadDir() || !fileExists(rec.Path) {
		t.Fatalf("URL install recorded %+v", rec)
	}
	if _, err := p.Remove(ctx, "hash"); err != nil {
		t.Fatal(err)
	}
	if fileExists(rec.Path) {
		t.Errorf("remove left the downloaded copy %s", rec.Path)
	}
}
