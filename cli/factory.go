package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/sweetmcp/sweet/cli/config"
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

	mu     sync.Mutex
	db     *store.DB
	closer []func() error
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
}

// getenv is the factory's environment lookup (os.Getenv unless injected).
func (f *Factory) getenv(k string) string {
	if f.Getenv != nil {
		return f.Getenv(k)
	}
	return os.Getenv(k)
}

// dataDirHint explains how to pick another data directory in error messages.
func dataDirHint(dir string) string {
	return fmt.Sprintf("data dir %s (set --data-dir or SWEET_DATA_DIR to use another)", dir)
}
