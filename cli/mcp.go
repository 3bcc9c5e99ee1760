package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/cli/config"
	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/mcpserver"
)

type mcpOptions struct {
	IO        *IOStreams
	Engine    func(ctx context.Context, readOnly bool) (*engine.Engine, error)
	Config    func() (*config.Loaded, error)
	SetLogger func(*slog.Logger)
	WorkDir   func() (string, error)
	OnClose   func(func() error)
	Version   string

	Namespace string
	ReadOnly  bool
	LogFile   string
}

func newMCPCmd(f *Factory, runF func(*mcpOptions) error) *urfave.Command {
	return &urfave.Command{
		Name:  "mcp",
		Usage: "serve sweet's memory to an MCP client over stdio (editors launch this)",
		Description: "Speaks the Model Context Protocol on stdin/stdout: memory tools (memory_store,\n" +
			"memory_search, ...), the knowledge-graph tools of the official memory server\n" +
			"(create_entities, search_nodes, ...), reasoning (reason, sequentialthinking), the\n" +
			"tools of installed plugins (PLUGIN__TOOL), memory resources with change\n" +
			"subscriptions, and the recall and remember prompts. Serves both the 2025-11-25\n" +
			"handshake and the 2026-07-28 protocol. Nothing but protocol messages goes to\n" +
			"stdout; logs go to --log-file (default $XDG_STATE_HOME/sweet/sweet.log).\n\n" +
			"The namespace is --namespace, else the client's first root, else the launch\n" +
			"directory's git root, else \"global\".\n\n" +
			"Example client configuration:\n" +
			"  {\"mcpServers\": {\"sweet\": {\"command\": \"sweet\", \"args\": [\"mcp\"]}}}",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "namespace", Aliases: []string{"n"}, Usage: "namespace every session uses (instead of the client's roots or the git root)"},
			&urfave.BoolFlag{Name: "read-only", Usage: "serve only the tools that read (no plugins); open the database read-only"},
			&urfave.StringFlag{Name: "log-file", Usage: "where to write logs", DefaultText: "$XDG_STATE_HOME/sweet/sweet.log", TakesFile: true},
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "mcp takes no arguments; the client talks to it over stdin and stdout")
			}
			opts := &mcpOptions{
				IO: f.IO, Engine: f.Engine, Config: f.Config, WorkDir: f.workDir, OnClose: f.onClose, Version: f.Build.Version,
				SetLogger: func(l *slog.Logger) { f.Logger = l },
				Namespace: c.String("namespace"), ReadOnly: c.Bool("read-only"), LogFile: c.String("log-file"),
			}
			if runF != nil {
				return runF(opts)
			}
			return mcpRun(c.Context, opts)
		},
	}
}

func mcpRun(ctx context.Context, opts *mcpOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	logger := mcpLogger(opts, cfg.LogLevel)
	opts.SetLogger(logger) // the engine, opened next, logs there too
	// stdout belongs to the protocol: anything that prints to os.Stdout by
	// mistake lands on stderr instead.
	if out, ok := opts.IO.Out.(*os.File); ok && out == os.Stdout {
		os.Stdout = os.Stderr
		defer func() { os.Stdout = out }()
	}
	wd, err := opts.WorkDir()
	if err != nil {
		wd = ""
	}
	// The engine opens while the server answers the handshake: opening the
	// database, the embedder and the vector index is most of a cold start.
	open := func(ctx context.Context) (*engine.Engine, error) { return opts.Engine(ctx, opts.ReadOnly) }
	srv, err := mcpserver.Open(ctx, open, mcpserver.Options{
		Namespace: opts.Namespace, ReadOnly: opts.ReadOnly, WorkDir: wd, Version: opts.Version, Logger: logger,
		// Plugin tools can write (files, memory, the network): a read-only
		// server leaves them out.
		Plugins: !opts.ReadOnly,
	})
	if err != nil {
		return &FlagError{Err: err, Command: "sweet mcp"}
	}
	logger.Info("MCP server started", "data_dir", cfg.DataDir, "read_only", opts.ReadOnly, "pid", os.Getpid())
	err = srv.ServeStdio(ctx, opts.IO.In, opts.IO.Out)
	logger.Info("MCP server stopped", "err", err)
	return err
}

// mcpLogger opens the rotating log file; when it cannot, logs go to stderr,
// which MCP clients read as logs, never to stdout.
func mcpLogger(opts *mcpOptions, level string) *slog.Logger {
	path := opts.LogFile
	if path == "" {
		path = filepath.Join(config.StateDir(), "sweet.log")
	}
	l, closer, err := newFileLogger(path, level)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "sweet mcp: %v; logging to stderr instead\n", err)
		return newStderrLogger(opts.IO.ErrOut, level)
	}
	opts.OnClose(func() error { return closer.Close() })
	return l
}
