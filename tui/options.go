package tui

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/sixel"
)

// Options configure the TUI.
type Options struct {
	// Engine is the memory engine; Wrap turns an *engine.Engine into one.
	Engine Engine
	// Scope is what the panes read; Namespace is where new memories go.
	Scope     memory.Scope
	Namespace string
	// DBPath and Embedder are shown in the status bar.
	DBPath   string
	Embedder string
	// Caps describes the terminal's graphics (sixel.Detect). The zero value
	// draws images as half-blocks, which works everywhere.
	Caps sixel.Capabilities
	// Panes lists the panes in tab order; nil means DefaultPanes.
	Panes []PaneFactory
	// Shell is the terminal pane's command; nil means $SHELL, else /bin/sh.
	Shell []string
	// Editor is the program `E` opens a memory in; empty means $VISUAL,
	// $EDITOR, else vi.
	Editor string
	// WatchInterval is how often engine changes are polled; zero means
	// engine.DefaultWatchInterval.
	WatchInterval time.Duration
	// Getenv reads the environment (nil: os.Getenv).
	Getenv func(string) string
	// Logger receives diagnostics; nil is silent. Never point it at the
	// terminal the TUI draws on.
	Logger *slog.Logger
}

// Shared is the context every pane gets: the engine, styles, keys and what
// the user is looking at.
type Shared struct {
	Ctx       context.Context
	Engine    Engine
	Styles    Styles
	Keys      KeyMap
	Scope     memory.Scope
	Namespace string
	Caps      sixel.Capabilities
	Shell     []string
	Editor    string
	Logger    *slog.Logger
}

// DefaultPanes returns sweet's panes in tab order.
func DefaultPanes() []PaneFactory {
	return []PaneFactory{
		func(s *Shared) Pane { return newMemoriesPane(s) },
		func(s *Shared) Pane { return newSearchPane(s) },
		func(s *Shared) Pane { return newGraphPane(s) },
		func(s *Shared) Pane { return newTerminalPane(s) },
		func(s *Shared) Pane { return newStatsPane(s) },
		func(s *Shared) Pane { return newReasoningPane(s) },
		func(s *Shared) Pane { return newPluginsPane(s) },
	}
}

// shared fills defaults from the options.
func (o Options) shared(ctx context.Context) *Shared {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	shell := o.Shell
	if len(shell) == 0 {
		sh := getenv("SHELL")
		if sh == "" {
			sh = "/bin/sh"
		}
		shell = []string{sh}
	}
	editor := o.Editor
	for _, k := range []string{"VISUAL", "EDITOR"} {
		if editor == "" {
			editor = getenv(k)
		}
	}
	if editor == "" {
		editor = "vi"
	}
	caps := o.Caps
	if caps.Cell.Width == 0 || caps.Cell.Height == 0 {
		caps.Cell = sixel.DefaultCellSize
	}
	logger := o.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Shared{Ctx: ctx, Engine: o.Engine, Styles: DefaultStyles(), Keys: DefaultKeyMap(), Scope: o.Scope,
		Namespace: o.Namespace, Caps: caps, Shell: shell, Editor: editor, Logger: logger}
}

// watchInterval is the polling interval for live updates.
func (o Options) watchInterval() time.Duration {
	if o.WatchInterval > 0 {
		return o.WatchInterval
	}
	return engine.DefaultWatchInterval
}
