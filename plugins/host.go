package plugins

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero"
)

// Options configure a Host. The zero value is usable: no compilation cache
// on disk, no memory or MCP client behind the host functions.
type Options struct {
	// CacheDir holds compiled plugins between runs (the XDG cache dir, for
	// example). Empty keeps compiled code in memory only, so each process
	// compiles every plugin once (seconds for a Go plugin).
	CacheDir string
	// Memory backs the sweet_memory_* host functions. Nil makes them answer
	// every plugin with an error.
	Memory MemoryHost
	// Client backs the hyper-mcp v2 client host functions (sampling,
	// elicitation, roots, notifications). Nil makes sampling and
	// elicitation fail, roots empty, and notifications go to Logger.
	Client Client
	// Logger receives plugin diagnostics and the messages plugins log
	// (log_info, ...); nil discards them. Setting it raises Extism's
	// process-wide plugin log level, so every Host then forwards logs.
	Logger *slog.Logger
	// MaxInstances bounds how many instances of one plugin run at once;
	// idle ones are kept for reuse. 0 means 4.
	MaxInstances int
	// HTTPClient downloads plugins installed from a URL; nil means a client
	// with a 2 minute timeout.
	HTTPClient *http.Client
	// MaxDownloadBytes bounds a downloaded plugin; 0 means 128 MiB.
	MaxDownloadBytes int64
}

// Host loads and runs plugins. It owns the compilation cache shared by all
// plugins it loads. A Host is safe for concurrent use.
type Host struct {
	opts   Options
	log    *slog.Logger
	cache  wazero.CompilationCache
	mu     sync.Mutex
	closed bool
}

// NewHost returns a Host with the given options.
func NewHost(opts Options) (*Host, error) {
	h := &Host{opts: opts, log: opts.Logger}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	} else {
		// Extism drops plugin log messages below a process-wide level that
		// is off by default; with a logger given, pass debug and up to it and
		// let its handler filter. Trace would also make Extism print its own
		// "WASI runtime detected" lines through the standard logger.
		extism.SetLogLevel(extism.LogLevelDebug)
	}
	if _, ok := os.LookupEnv("EXTISM_ENABLE_WASI_OUTPUT"); ok {
		// Extism would then wire every plugin's stdout to the process's,
		// which under `sweet mcp` is the JSON-RPC channel: a plugin could
		// write protocol messages. Plugin output stays captured instead.
		h.log.Warn("Ignoring EXTISM_ENABLE_WASI_OUTPUT: plugin output must not reach sweet's stdout")
		_ = os.Unsetenv("EXTISM_ENABLE_WASI_OUTPUT")
	}
	if h.opts.MaxInstances <= 0 {
		h.opts.MaxInstances = 4
	}
	if h.opts.HTTPClient == nil {
		h.opts.HTTPClient = &http.Client{Timeout: 2 * time.Minute}
	}
	if h.opts.MaxDownloadBytes <= 0 {
		h.opts.MaxDownloadBytes = 128 << 20
	}
	if opts.CacheDir == "" {
		h.cache = wazero.NewCompilationCache()
		return h, nil
	}
	cache, err := wazero.NewCompilationCacheWithDir(opts.CacheDir)
	if err != nil {
		return nil, fmt.Errorf("open plugin compilation cache %s: %w", opts.CacheDir, err)
	}
	h.cache = cache
	return h, nil
}

// Close releases the compilation cache. Plugins loaded from the host must be
// closed first.
func (h *Host) Close(ctx context.Context) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	h.closed = true
	if err := h.cache.Close(ctx); err != nil {
		return fmt.Errorf("close plugin compilation cache: %w", err)
	}
	return nil
}

// runtimeConfig is the one wazero configuration every plugin runs under.
// It must be the same for inspection and loading, since the compilation
// cache keys compiled code by it.
func (h *Host) runtimeConfig(pages uint32) wazero.RuntimeConfig {
	return wazero.NewRuntimeConfig().
		WithCompilationCache(h.cache).
		// Without this a guest in an endless loop holds its goroutine (and
		// an OS thread) forever; with it, cancelling the call's context
		// stops the guest.
		WithCloseOnContextDone(true).
		WithMemoryLimitPages(pages)
}

// compile builds the extism plugin for wasm under grants g, with sweet's
// host functions bound to the plugin called name.
func (h *Host) compile(ctx context.Context, name string, wasm []byte, g Grants) (*extism.CompiledPlugin, error) {
	pages := g.EffectiveMemoryPages()
	manifest := extism.Manifest{
		Wasm: []extism.Wasm{extism.WasmData{Data: compactData(wasm), Name: "main"}},
		Memory: &extism.ManifestMemory{
			MaxPages:             pages,
			MaxHttpResponseBytes: g.EffectiveMaxHTTPResponseBytes(),
			MaxVarBytes:          1 << 20,
		},
		Config:       g.ConfigMap(),
		AllowedHosts: g.AllowedHosts,
		// AllowedPaths and Timeout stay unset: the filesystem is configured
		// per instance (see instanceConfig) and calls are timed by Plugin.
	}
	if manifest.AllowedHosts == nil {
		// Extism denies every host when the list is empty; keep it explicit.
		manifest.AllowedHosts = []string{}
	}
	cfg := extism.PluginConfig{RuntimeConfig: h.runtimeConfig(pages), EnableWasi: true}
	cp, err := extism.NewCompiledPlugin(ctx, manifest, cfg, h.hostFunctions(name, g))
	if err != nil {
		if strings.Contains(err.Error(), "over limit of") {
			// The module's own minimum memory is above the granted cap.
			return nil, fmt.Errorf("compile plugin %s: %w: %w (raise it with: sweet plugin grant %s pages:N)", name, ErrMemoryLimit, err, name)
		}
		return nil, fmt.Errorf("compile plugin %s: %w: %w", name, ErrInvalidModule, err)
	}
	return cp, nil
}
