// Package engine is the facade the front ends (CLI, MCP server, TUI) use:
// it opens the database, the embedder and the memory service as one unit,
// and tells subscribers what other sweet processes changed.
package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/store"
)

// Config is what Open needs; the CLI fills it from sweet's configuration.
type Config struct {
	DataDir  string
	ReadOnly bool
	Embed    embed.Config
	Memory   memory.Options
	Logger   *slog.Logger
	// PluginCacheDir holds compiled plugins between runs (sweet's cache
	// dir); empty compiles every plugin once per process.
	PluginCacheDir string
}

// Engine is an open sweet engine.
type Engine struct {
	DB     *store.DB
	Memory *memory.Service
	log    *slog.Logger
	cfg    Config
}

// Open opens the database in cfg.DataDir (creating it when missing and not
// read-only), the configured embedder and the memory service.
func Open(ctx context.Context, cfg Config) (*Engine, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	emb, err := embed.New(cfg.Embed)
	if err != nil {
		return nil, fmt.Errorf("configure embedder: %w", err)
	}
	db, err := store.Open(ctx, filepath.Join(cfg.DataDir, store.FileName), store.Options{ReadOnly: cfg.ReadOnly})
	if err != nil {
		return nil, err
	}
	mopts := cfg.Memory
	mopts.ReadOnly = cfg.ReadOnly
	mopts.Logger = log
	mem, err := memory.New(ctx, db, emb, mopts)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open memory: %w", err)
	}
	return &Engine{DB: db, Memory: mem, log: log, cfg: cfg}, nil
}

// Close flushes pending work and closes the database.
func (e *Engine) Close() error {
	return errors.Join(e.Memory.Close(), e.DB.Close())
}
