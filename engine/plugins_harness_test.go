package engine

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/plugins"
)

// wasmDir holds the plugins the tests build, once per run of the test binary.
var wasmDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sweet-engine-test-")
	if err != nil {
		panic(err)
	}
	wasmDir = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

type wasmBuild struct {
	once sync.Once
	path string
	err  error
}

var wasmBuilds sync.Map // package import path -> *wasmBuild

// buildPlugin builds a plugin package from source with the standard
// toolchain, the way plugins/internal/wasmbuild does (same flags, so the
// modules are byte-identical to the plugins tests' and share their
// compilation cache entries).
func buildPlugin(t testing.TB, pkg string) string {
	t.Helper()
	v, _ := wasmBuilds.LoadOrStore(pkg, &wasmBuild{})
	b := v.(*wasmBuild)
	b.once.Do(func() {
		b.path = filepath.Join(wasmDir, path.Base(pkg)+".wasm")
		cmd := exec.Command(goCommand(), "build", "-buildmode=c-shared", "-trimpath", "-o", b.path, pkg)
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("build %s: %v\n%s", pkg, err, strings.TrimSpace(string(out)))
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

func goCommand() string {
	if root := os.Getenv("GOROOT"); root != "" {
		if p := filepath.Join(root, "bin", "go"); fileExists(p) {
			return p
		}
	}
	return "go"
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

const module = "github.com/sweetmcp/sweet"

func examplePlugin(t testing.TB, name string) string {
	return buildPlugin(t, module+"/plugins/examples/"+name)
}

func fixturePlugin(t testing.TB, name string) string {
	return buildPlugin(t, module+"/plugins/internal/fixtures/"+name)
}

// pluginCacheDir is the compilation cache shared with the plugins package's
// tests: compiling a Go plugin takes seconds (far more under -race), and
// the cache is keyed by module content and wazero version, so reusing it
// across runs is safe. SWEET_PLUGIN_TEST_CACHE moves it ("fresh": a new
// directory per run).
func pluginCacheDir() string {
	switch dir := os.Getenv("SWEET_PLUGIN_TEST_CACHE"); dir {
	case "":
		return filepath.Join(os.TempDir(), "sweet-plugins-test-cache")
	case "fresh":
		return filepath.Join(wasmDir, "cache")
	default:
		return dir
	}
}

// installRequest asks to install the file at path with no grants.
func installRequest(path string) plugins.InstallRequest {
	return plugins.InstallRequest{Source: path}
}

// openEngine opens an engine on dataDir with the built-in embedder and the
// shared plugin compilation cache; it is closed after the test.
func openEngine(t testing.TB, dataDir string) *Engine {
	t.Helper()
	e, err := Open(context.Background(), Config{DataDir: dataDir, Embed: embed.Config{}, PluginCacheDir: pluginCacheDir()})
	if err != nil {
		t.Fatalf("open engine: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// openPlugins opens the engine's plugin facade and closes it after the test
// (before the engine, since cleanups run last-registered first).
func openPlugins(t testing.TB, e *Engine, opts PluginOptions) *Plugins {
	t.Helper()
	p := e.OpenPlugins(opts)
	t.Cleanup(func() {
		if err := p.Close(context.Background()); err != nil {
			t.Errorf("close plugins: %v", err)
		}
	})
	return p
}
