package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/cli/config"
	"github.com/sweetmcp/sweet/sixel"
	"github.com/sweetmcp/sweet/store"
	"github.com/sweetmcp/sweet/tui"
)

type tuiOptions struct {
	IO        *IOStreams
	Config    func() (*config.Loaded, error)
	SetLogger func(*slog.Logger)
	OnClose   func(func() error)
	Open      func(ctx context.Context) (tui.Options, error)
	LogFile   string
	NoImages  bool
}

func newTUICmd(f *Factory, runF func(*tuiOptions) error) *urfave.Command {
	return &urfave.Command{
		Name:  "tui",
		Usage: "browse, search and edit memories interactively (graph and chart images, a terminal pane)",
		Description: "Opens a full-screen terminal UI over the memory engine: Memories (list, filter, add,\n" +
			"edit, delete), Search (live hybrid search with the score breakdown), Graph (the selected\n" +
			"memory's neighbourhood as an image), Terminal ($SHELL in a pane), Stats (charts),\n" +
			"Reasoning (sessions, thought trees, the best path) and Plugins (grants; call a tool,\n" +
			"see its text or image result).\n" +
			"Images use sixel when the terminal supports it, else Unicode half-blocks. Changes made\n" +
			"by other sweet processes appear within a second. Press ? for the keys, q to quit.\n" +
			"Logs go to --log-file (default $XDG_STATE_HOME/sweet/sweet.log), never to the screen.",
		Flags: append(scopeFlags(),
			&urfave.StringFlag{Name: "log-file", Usage: "where to write logs", DefaultText: "$XDG_STATE_HOME/sweet/sweet.log", TakesFile: true},
			&urfave.BoolFlag{Name: "no-images", Usage: "draw images as half-blocks even when the terminal has sixel"},
		),
		Action: func(c *urfave.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "tui takes no arguments")
			}
			sc, err := scope(f, c)
			if err != nil {
				return err
			}
			ns, err := namespace(f, c)
			if err != nil {
				return err
			}
			opts := &tuiOptions{IO: f.IO, Config: f.Config, OnClose: f.onClose,
				SetLogger: func(l *slog.Logger) { f.Logger = l },
				LogFile:   c.String("log-file"), NoImages: c.Bool("no-images")}
			opts.Open = func(ctx context.Context) (tui.Options, error) {
				eng, err := f.Engine(ctx, false)
				if err != nil {
					return tui.Options{}, err
				}
				cfg, _ := f.Config()
				emb := eng.Memory.Embedder()
				return tui.Options{Engine: tui.Wrap(eng), Scope: sc, Namespace: ns,
					DBPath:   filepath.Join(cfg.DataDir, store.FileName),
					Embedder: fmt.Sprintf("%s (%d-d)", emb.Model(), emb.Dim()), Getenv: f.getenv, Logger: f.Logger}, nil
			}
			if runF != nil {
				return runF(opts)
			}
			return tuiRun(c.Context, opts)
		},
	}
}

func tuiRun(ctx context.Context, opts *tuiOptions) error {
	in, inOK := opts.IO.In.(*os.File)
	out, outOK := opts.IO.Out.(*os.File)
	if !inOK || !outOK || !opts.IO.InTTY || !opts.IO.OutTTY {
		return fmt.Errorf("sweet tui needs a terminal on stdin and stdout; for scripts use sweet memory ... --json")
	}
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	logger, closer := tuiLogger(opts, cfg.LogLevel)
	if closer != nil {
		opts.OnClose(closer.Close)
	}
	opts.SetLogger(logger) // the engine, opened next, logs there too
	topts, err := opts.Open(ctx)
	if err != nil {
		return err
	}
	// Ask the terminal about images before bubbletea owns the input.
	dctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	caps, derr := sixel.Detect(dctx, in, out, int(in.Fd()))
	cancel()
	if derr != nil {
		logger.Info("Terminal graphics detection incomplete", "err", derr)
	}
	if opts.NoImages {
		caps.Sixel = false
	}
	logger.Info("TUI started", "sixel", caps.Sixel, "terminal", caps.Terminal, "cell", caps.Cell, "pid", os.Getpid())
	topts.Caps = caps
	topts.Logger = logger
	err = tui.Run(ctx, topts, tea.WithInput(in), tea.WithOutput(out))
	logger.Info("TUI stopped", "err", err)
	return err
}

// tuiLogger opens the rotating log file. The screen belongs to the TUI, so
// when the file cannot be opened logs are dropped (after saying so once).
func tuiLogger(opts *tuiOptions, level string) (*slog.Logger, io.Closer) {
	path := opts.LogFile
	if path == "" {
		path = filepath.Join(config.StateDir(), "sweet.log")
	}
	l, closer, err := newFileLogger(path, level)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "sweet tui: %v; running without a log\n", err)
		return slog.New(slog.DiscardHandler), nil
	}
	return l, closer
}
