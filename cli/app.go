// Package cli is sweet's command-line front end: the urfave/cli app, one file
// per command group, IO streams injected through a Factory, and the single
// place where errors become exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/cli/config"
)

// Main runs sweet with args (os.Args) on the given streams and returns the
// process exit code. main calls it; tests call it in-process.
func Main(args []string, streams *IOStreams, build BuildInfo) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A reader that goes away (`sweet memory list | head -1`) is a normal
	// end: get EPIPE from the write instead of dying of SIGPIPE, and exit 0.
	signal.Ignore(syscall.SIGPIPE)
	f := &Factory{IO: streams, Build: build}
	return run(ctx, f, args)
}

// run executes the app with a prepared factory; tests use it with an
// injected environment.
func run(ctx context.Context, f *Factory, args []string) int {
	app := NewApp(f)
	var notFound *FlagError
	app.CommandNotFound = func(c *urfave.Context, name string) {
		notFound = &FlagError{Err: fmt.Errorf("unknown command %q", name), Command: commandPath(c)}
		var cmds []*urfave.Command
		if c.Command != nil && len(c.Command.Subcommands) > 0 {
			cmds = c.Command.Subcommands
		} else {
			cmds = c.App.Commands
		}
		if urfave.SuggestCommand != nil {
			if s := urfave.SuggestCommand(cmds, name); s != "" {
				notFound.Hint = s // already phrased "Did you mean ...?"
			}
		}
	}
	err := app.RunContext(ctx, args)
	f.close()
	if err == nil && notFound != nil {
		err = notFound
	}
	if err != nil && ctx.Err() != nil && !errors.Is(err, context.Canceled) {
		// The command failed because the user interrupted it.
		err = errors.Join(err, context.Canceled)
	}
	return exitCode(err, ctx, f.IO.ErrOut)
}

// Global flag names. Environment overrides are documented in each flag's usage.
const (
	flagDataDir  = "data-dir"
	flagConfig   = "config"
	flagLogLevel = "log-level"
	flagNoColor  = "no-color"
)

// NewApp builds the command tree over the factory.
func NewApp(f *Factory) *urfave.App {
	app := &urfave.App{
		Name:  "sweet",
		Usage: "memory, reasoning and tools for AI agents, in your terminal",
		Description: "sweet keeps your agents' memories in one local SQLite file and finds them again with\n" +
			"hybrid (lexical + vector + graph + recency) search, offline. Use it from the shell\n" +
			"(sweet memory ...), from your editor as an MCP server (sweet mcp), or interactively.",
		Version:              f.Build.Version,
		HideVersion:          true,
		EnableBashCompletion: true,
		Suggest:              true,
		Reader:               f.IO.In,
		Writer:               f.IO.Out,
		ErrWriter:            f.IO.ErrOut,
		ExitErrHandler:       func(*urfave.Context, error) {}, // exit codes are decided in run, not inside Run
		OnUsageError:         onUsageError,
		Flags: []urfave.Flag{
			// The environment variables are read by config.Load, not by urfave,
			// so that `sweet config show` can tell a flag from the environment.
			&urfave.StringFlag{Name: flagDataDir, Usage: "directory holding sweet's database (env SWEET_DATA_DIR)", DefaultText: "$XDG_DATA_HOME/sweet", TakesFile: true},
			&urfave.StringFlag{Name: flagConfig, Usage: "configuration file, TOML (env SWEET_CONFIG)", DefaultText: "$XDG_CONFIG_HOME/sweet/config.toml", TakesFile: true},
			&urfave.StringFlag{Name: flagLogLevel, Usage: "log level: debug, info, warn or error", DefaultText: "warn"},
			&urfave.BoolFlag{Name: flagNoColor, Usage: "disable colour (NO_COLOR does too)"},
		},
		Before: func(c *urfave.Context) error {
			setupFactory(f, c)
			return nil
		},
		Commands: []*urfave.Command{
			newVersionCmd(f, nil),
			newDoctorCmd(f, nil),
			newConfigCmd(f),
			newMemoryCmd(f),
			newInstallCmd(f, false, nil),
			newInstallCmd(f, true, nil),
			newReasonCmd(f),
			newPluginCmd(f),
			newBackupCmd(f, nil),
			newMCPCmd(f, nil),
			newTUICmd(f, nil),
			newCompletionCmd(f),
			newManCmd(f),
			newDocsCmd(f),
		},
	}
	for _, cmd := range app.Commands {
		setUsageHandler(cmd)
	}
	return app
}

// setUsageHandler gives every command the same usage-error handling.
func setUsageHandler(cmd *urfave.Command) {
	cmd.OnUsageError = onUsageError
	for _, sub := range cmd.Subcommands {
		setUsageHandler(sub)
	}
}

// setupFactory wires the lazy config and the logger from the global flags.
// Environment values for --data-dir and --config are handled by config.Load,
// so a flag set on the command line is the only "flag" source.
func setupFactory(f *Factory, c *urfave.Context) {
	flags := map[string]string{}
	if c.IsSet(flagDataDir) {
		flags["data_dir"] = c.String(flagDataDir)
	}
	if c.IsSet(flagLogLevel) {
		flags["log_level"] = c.String(flagLogLevel)
	}
	if c.Bool(flagNoColor) {
		flags["no_color"] = "true"
	}
	in := config.Input{Getenv: f.getenv, Flags: flags}
	if p := c.String(flagConfig); p != "" {
		in.Path, in.PathIsSet = p, true
	} else if p := f.getenv("SWEET_CONFIG"); p != "" {
		in.Path, in.PathIsSet = p, true
	}
	var loaded *config.Loaded
	var loadErr error
	var once bool
	f.Config = func() (*config.Loaded, error) {
		if !once {
			once = true
			loaded, loadErr = config.Load(in)
			if loadErr == nil && loaded.NoColor {
				f.IO.ColorDisabled = true
			}
		}
		return loaded, loadErr
	}
	level := "warn"
	if cfg, err := f.Config(); err == nil {
		level = cfg.LogLevel
	}
	if f.Logger == nil {
		f.Logger = newStderrLogger(f.IO.ErrOut, level)
	}
}
