package mcpserver

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/plugins"
)

var (
	sandboxOnce sync.Once
	sandboxDir  string // removed by TestMain
	sandboxWasm string
	sandboxErr  error
)

// sandboxPlugin builds the plugins package's sandbox fixture from source,
// once per test run, with the flags plugins/internal/wasmbuild uses, so the
// module is byte-identical to the plugins tests' and shares their
// compilation cache entry.
func sandboxPlugin(t testing.TB) string {
	t.Helper()
	sandboxOnce.Do(func() {
		sandboxDir, sandboxErr = os.MkdirTemp("", "sweet-mcp-wasm-")
		if sandboxErr != nil {
			return
		}
		sandboxWasm = filepath.Join(sandboxDir, "sandbox.wasm")
		goBin := "go"
		if p := filepath.Join(os.Getenv("GOROOT"), "bin", "go"); os.Getenv("GOROOT") != "" {
			goBin = p // the toolchain running the tests
		}
		cmd := exec.Command(goBin, "build", "-buildmode=c-shared", "-trimpath", "-o", sandboxWasm,
			"github.com/sweetmcp/sweet/plugins/internal/fixtures/sandbox")
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			sandboxErr = fmt.Errorf("build the sandbox fixture: %v\n%s", err, out)
		}
	})
	if sandboxErr != nil {
		t.Fatal(sandboxErr)
	}
	return sandboxWasm
}

// pluginCacheDir is the compilation cache shared with the plugins and
// engine tests (keyed by module content and wazero version, so reusing it
// across runs is safe); SWEET_PLUGIN_TEST_CACHE moves it.
func pluginCacheDir() string {
	if dir := os.Getenv("SWEET_PLUGIN_TEST_CACHE"); dir != "" && dir != "fresh" {
		return dir
	}
	return filepath.Join(os.TempDir(), "sweet-plugins-test-cache")
}

func openPluginEngine(t testing.TB, dir string) *engine.Engine {
	t.Helper()
	eng, err := engine.Open(context.Background(), engine.Config{DataDir: dir, Embed: embed.Config{}, PluginCacheDir: pluginCacheDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

// installPlugin installs the file as another sweet process would (the CLI
// on the same database), under the given grants.
func installPlugin(t *testing.T, p *engine.Plugins, path, name string, specs ...string) {
	t.Helper()
	var g plugins.Grants
	for _, s := range specs {
		if err := g.Grant(s); err != nil {
			t.Fatal(err)
		}
	}
	c, err := p.Prepare(context.Background(), plugins.InstallRequest{Source: path, Name: name, Grants: g})
	if err != nil {
		t.Fatalf("prepare %s: %v", name, err)
	}
	if _, err := p.Install(context.Background(), c); err != nil {
		t.Fatalf("install %s: %v", name, err)
	}
}

// waitTools waits for a tools/list_changed notification after which
// tools/list satisfies ok, and returns the names listed.
func waitTools(t *testing.T, h *harness, changed <-chan struct{}, ok func([]string) bool) []string {
	t.Helper()
	deadline := time.After(2 * time.Minute) // the first compilation under -race is slow
	for {
		select {
		case <-changed:
		case <-deadline:
			t.Fatal("no notifications/tools/list_changed with the expected tools")
		}
		res, err := h.client.ListTools(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, tool := range res.Tools {
			names = append(names, tool.Name)
		}
		if ok(names) {
			return names
		}
	}
}

// TestPluginTools installs a fixture plugin from another "process" while the
// server runs: its tools appear (with tools/list_changed), calls that trap,
// time out or exhaust memory are isError results, the server and the plugin
// go on serving, and removing the plugin withdraws its tools.
func TestPluginTools(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and compiles a WebAssembly plugin")
	}
	wasm := sandboxPlugin(t)
	dir := t.TempDir()
	changed := make(chan struct{}, 16)
	h := connectHarness(t, openPluginEngine(t, dir), Options{Plugins: true}, &mcp.ClientOptions{
		ToolListChangedHandler: func(context.Context, *mcp.ToolListChangedRequest) { changed <- struct{}{} },
	})
	other := openPluginEngine(t, dir).OpenPlugins(engine.PluginOptions{})
	t.Cleanup(func() { other.Close(context.Background()) })
	installPlugin(t, other, wasm, "quick", "timeout:1s")
	installPlugin(t, other, wasm, "small", "pages:512", "timeout:2m")

	names := waitTools(t, h, changed, func(n []string) bool {
		return slices.Contains(n, "quick__echo") && slices.Contains(n, "small__membomb")
	})
	if !slices.Contains(names, "memory_search") || !slices.Contains(names, "sequentialthinking") {
		t.Errorf("built-in tools missing beside the plugin's: %v", names)
	}
	ctx := context.Background()
	for _, tc := range []struct{ tool, want string }{
		{"quick__trap", "crashed"},
		{"quick__loop", "timed out"},
		{"small__membomb", "memory"},
		{"quick__panic", "panicked on purpose"},
		{"quick__fail", "failed on purpose"},
	} {
		t.Run(tc.tool, func(t *testing.T) {
			res, err := h.client.CallTool(ctx, &mcp.CallToolParams{Name: tc.tool, Arguments: map[string]any{}})
			if err != nil {
				t.Fatalf("protocol error: %v", err)
			}
			if !res.IsError || !strings.Contains(resultText(res), tc.want) {
				t.Errorf("isError %v, text %q: want an isError result mentioning %q", res.IsError, resultText(res), tc.want)
			}
			echo, err := h.client.CallTool(ctx, &mcp.CallToolParams{Name: "quick__echo", Arguments: map[string]any{"content": "still here"}})
			if err != nil || echo.IsError || resultText(echo) != "still here" {
				t.Errorf("echo after %s: %v %+v", tc.tool, err, echo)
			}
		})
	}

	if _, err := other.Remove(ctx, "quick"); err != nil {
		t.Fatal(err)
	}
	waitTools(t, h, changed, func(n []string) bool {
		return !slices.Contains(n, "quick__echo") && slices.Contains(n, "small__echo")
	})
	if _, err := h.client.CallTool(ctx, &mcp.CallToolParams{Name: "quick__echo", Arguments: map[string]any{}}); err == nil {
		t.Error("a removed plugin's tool can still be called")
	}
}
