package plugins

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sweetmcp/sweet/plugins/internal/wasmbuild"
)

// testDir holds the built plugins and the compilation cache for one run of
// the test binary, so each module is built and compiled once per run.
var testDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sweet-plugins-test-")
	if err != nil {
		panic(err)
	}
	testDir = dir
	code := m.Run()
	if sharedHost != nil {
		_ = sharedHost.Close(context.Background())
	}
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

type build struct {
	once sync.Once
	path string
	err  error
}

var builds sync.Map // package import path -> *build

// wasmFile builds a plugin package once per test run and returns its path.
func wasmFile(t testing.TB, pkg string) string {
	t.Helper()
	v, _ := builds.LoadOrStore(pkg, &build{})
	b := v.(*build)
	b.once.Do(func() {
		b.path, b.err = wasmbuild.Build(context.Background(), pkg, filepath.Join(testDir, "wasm"))
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

func fixture(t testing.TB, name string) string {
	return wasmFile(t, wasmbuild.FixturePackage(name))
}

func example(t testing.TB, name string) string {
	return wasmFile(t, wasmbuild.ExamplePackage(name))
}

var (
	hostOnce   sync.Once
	sharedHost *Host
)

// testMemory records what plugins store and answers searches from it: a
// stand-in for the engine at the MemoryHost boundary.
type testMemory struct {
	mu     sync.Mutex
	stored map[string][]string // namespace -> contents
}

func (m *testMemory) SearchMemory(_ context.Context, ns string, req MemorySearch) (any, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return map[string]any{"namespace": ns, "query": req.Query, "limit": req.Limit, "hits": m.stored[ns]}, nil
}

func (m *testMemory) StoreMemory(_ context.Context, ns string, req MemoryStore) (any, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stored == nil {
		m.stored = map[string][]string{}
	}
	m.stored[ns] = append(m.stored[ns], req.Content)
	return map[string]any{"namespace": ns, "stored": len(m.stored[ns])}, nil
}

var memory = &testMemory{}

// testCacheDir is the compilation cache the tests share. Compiling a Go
// plugin takes seconds (far more under -race), so by default it outlives
// the run, in the system temp dir; the cache is keyed by module content and
// wazero version, so a stale entry cannot be used. SWEET_PLUGIN_TEST_CACHE
// overrides the location ("fresh" uses a new directory each run).
func testCacheDir() string {
	switch dir := os.Getenv("SWEET_PLUGIN_TEST_CACHE"); dir {
	case "":
		return filepath.Join(os.TempDir(), "sweet-plugins-test-cache")
	case "fresh":
		return filepath.Join(testDir, "cache")
	default:
		return dir
	}
}

// testHost returns the host shared by the tests: one compilation cache, so
// each module is compiled once however many tests load it.
func testHost(t testing.TB) *Host {
	t.Helper()
	hostOnce.Do(func() {
		h, err := NewHost(Options{CacheDir: testCacheDir(), Memory: memory})
		if err != nil {
			panic(err)
		}
		sharedHost = h
	})
	return sharedHost
}

// recordFor returns an approved record for the file at path.
func recordFor(t testing.TB, name, path string, g Grants) Record {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Record{Name: name, Source: path, Path: path, SHA256: SHA256Hex(b), Size: int64(len(b)), Grants: g, Enabled: true}
}

// load loads the file at path under grants g and closes it after the test.
func load(t testing.TB, name, path string, g Grants) *Plugin {
	t.Helper()
	p, err := testHost(t).Load(context.Background(), recordFor(t, name, path, g))
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	t.Cleanup(func() { _ = p.Close(context.Background()) })
	return p
}
