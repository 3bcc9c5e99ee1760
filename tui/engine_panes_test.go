package tui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/reason"
	"github.com/sweetmcp/sweet/plugins"
)

// buildQRCode compiles the qr-code example plugin to WebAssembly, as the
// plugins package's tests do (its build helper is internal to it).
func buildQRCode(t *testing.T) string {
	t.Helper()
	goBin := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		if goBin, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command to build the qr-code plugin with")
		}
	}
	out := filepath.Join(t.TempDir(), "qr-code.wasm")
	cmd := exec.Command(goBin, "build", "-buildmode=c-shared", "-trimpath", "-o", out, "github.com/sweetmcp/sweet/plugins/examples/qr-code")
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the qr-code plugin: %v\n%s", err, msg)
	}
	return out
}

// pluginTestCache is the compilation cache of the plugin tests. Compiling
// the plugin takes seconds (tens of seconds under -race), so it outlives
// the run, in the system temp dir, as the plugins package's tests do; the
// cache is keyed by module content and wazero version, so a stale entry is
// never used.
func pluginTestCache() string { return filepath.Join(os.TempDir(), "sweet-tui-test-plugin-cache") }

// TestRealEnginePanes runs the reasoning and plugins panes over a real
// engine: a session stored by a reasoner (as `sweet reason` would) shows
// with its tree, a thought added later appears after r, and the real
// qr-code plugin, installed with a secret configuration value, is listed
// without the value and its PNG comes back as an image.
func TestRealEnginePanes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and compiles a WebAssembly plugin; skipped with -short")
	}
	ctx := context.Background()
	dir := t.TempDir()
	eng, err := engine.Open(ctx, engine.Config{DataDir: dir, PluginCacheDir: pluginTestCache()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })

	b, _ := eng.Memory.Embedder().(*embed.Builtin)
	r := reason.New(reason.Config{Store: eng.DB, Embedder: b})
	o, err := r.Start(ctx, reason.StartRequest{Problem: "How should the nightly backup be verified?"})
	if err != nil {
		t.Fatal(err)
	}
	think := func(n int, text string) {
		t.Helper()
		if _, err := r.Process(ctx, nil, reason.Request{SessionID: o.ID, Thought: text, ThoughtNumber: n, TotalThoughts: 3, NextThoughtNeeded: true}); err != nil {
			t.Fatal(err)
		}
	}
	think(1, "Restore the backup into a scratch database every night")

	installer := eng.OpenPlugins(engine.PluginOptions{})
	cand, err := installer.Prepare(ctx, plugins.InstallRequest{Source: buildQRCode(t),
		Grants: plugins.Grants{Config: []plugins.ConfigValue{{Key: "token", Value: "hunter2", Secret: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := installer.Install(ctx, cand); err != nil {
		t.Fatal(err)
	}
	if err := installer.Close(ctx); err != nil {
		t.Fatal(err)
	}

	h := start(t, Wrap(eng), 100, 30)
	h.key(`\`, "6")
	h.waitFor("nightly backup be verified", "★ Restore the backup into a scratch")
	think(2, "Compare row counts of every table with production")
	h.key("r")
	h.waitFor("Compare row counts of every table")

	h.key("7")
	screen := h.waitFor("qr-code", "1 tool", "token (secret)")
	if strings.Contains(screen, "hunter2") {
		t.Errorf("the secret configuration value is on the screen:\n%s", screen)
	}
	h.key("enter")
	h.waitFor(`args> {"data":""}`)
	h.key("left", "left")
	h.typeText("https://example.com/")
	h.key("enter")
	h.waitFor("result of qr-code__qr-code", "png image")
}

// TestKeysOnly checks the live engine hands the TUI configuration keys
// without their values, and leaves the record it was given alone.
func TestKeysOnly(t *testing.T) {
	rec := plugins.Record{Name: "w", Grants: plugins.Grants{Config: []plugins.ConfigValue{{Key: "token", Value: "hunter2", Secret: true}, {Key: "units", Value: "metric"}}}}
	got := keysOnly(rec)
	for _, c := range got.Grants.Config {
		if c.Value != "" {
			t.Errorf("config %s kept its value %q", c.Key, c.Value)
		}
	}
	if len(got.Grants.Config) != 2 || got.Grants.Config[0].Key != "token" || !got.Grants.Config[0].Secret {
		t.Errorf("keys = %+v, want token (secret) and units", got.Grants.Config)
	}
	if rec.Grants.Config[0].Value != "hunter2" {
		t.Error("keysOnly changed the record it was given")
	}
}
