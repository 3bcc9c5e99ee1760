package cli

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/sweetmcp/sweet/cli/config"
	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/store"
)

// BuildInfo is set from main's ldflags.
type BuildInfo struct {
	Version string
	Commit  string
	Date    string
}

// Factory carries what commands need. Expensive pieces are lazy functions,
// so `sweet completion` never opens the database.
type Factory struct {
	IO     *IOStreams
	Build  BuildInfo
	Getenv func(string) string

	// Config returns the effective configuration (loaded once, after global
	// flags are parsed).
	Config func() (*config.Loaded, error)
	// Logger is where diagnostics go; commands whose stdout is data log to stderr.
	Logger *slog.Logger

	// WorkDir is the directory the project namespace is derived from
	// (os.Getwd unless injected).
	WorkDir func() (string, error)

	mu     sync.Mutex
	db     *store.DB
	eng    *engine.Engine
	closer []func() error
}

// Engine opens the engine (database, embedder, memory service) once from the
// configuration; it is closed when the command finishes.
func (f *Factory) Engine(ctx context.Context, readOnly bool) (*engine.Engine, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.eng != nil {
		return f.eng, nil
	}
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	ec, err := engineConfig(cfg, f.getenv)
	if err != nil {
		return nil, err
	}
	ec.ReadOnly = readOnly
	ec.Logger = f.Logger
	eng, err := engine.Open(ctx, ec)
	if err != nil {
		return nil, err
	}
	f.eng = eng
	f.closer = append(f.closer, eng.Close)
	return eng, nil
}

// workDir returns the working directory for namespace detection.
func (f *Factory) workDir() (string, error) {
	if f.WorkDir != nil {
		return f.WorkDir()
	}
	return os.Getwd()
}

// OpenStore opens the database in the configured data directory once and
// returns it; it is closed when the command finishes.
func (f *Factory) OpenStore(ctx context.Context) (*store.DB, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.db != nil {
		return f.db, nil
	}
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, filepath.Join(cfg.DataDir, store.FileName), store.Options{})
	if err != nil {
		return nil, err
	}
	f.db = db
	f.closer = append(f.closer, db.Close)
	return db, nil
}

// onClose registers cleanup to run when the command ends.
func (f *Factory) onClose(fn func() error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closer = append(f.closer, fn)
}

// close releases everything opened through the factory, newest first.
func (f *Factory) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.closer) - 1; i >= 0; i-- {
		if err := f.closer[i](); err != nil && f.Logger != nil {
			f.Logger.Warn("Close failed", "err", err)
		}
	}
	f.closer = nil
	f.db = nil
	f.eng = nil
}

// getenv is the factory's environment lookup (os.Getenv unless injected).
func (f *Factory) getenv(k string) string {
	if f.Getenv != nil {
		return f.Getenv(k)
	}
	return os.Getenv(k)
}
