package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/cli/config"
	"github.com/sweetmcp/sweet/completions"
	"github.com/sweetmcp/sweet/install"
	"github.com/sweetmcp/sweet/man"
)

// installOptions is what `sweet install` and `sweet uninstall` act on.
type installOptions struct {
	IO        *IOStreams
	Env       func() (install.Environment, error)
	Exe       func() (string, error)
	Config    func() (*config.Loaded, error)
	App       *urfave.App
	Clients   []string
	Uninstall bool
	Project   bool
	DryRun    bool
	Force     bool
	List      bool
	Shell     bool
}

func clientNames() string {
	var names []string
	for _, c := range install.Clients() {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}

func newInstallCmd(f *Factory, uninstall bool, runF func(*installOptions) error) *urfave.Command {
	name, usage := "install", "register `sweet mcp` with your MCP clients (all detected ones by default)"
	if uninstall {
		name, usage = "uninstall", "remove sweet's entry from your MCP clients' configuration"
	}
	flags := []urfave.Flag{
		&urfave.BoolFlag{Name: "project", Usage: "write the project-level config in this directory (.mcp.json, .cursor/, .vscode/, .zed/)"},
		&urfave.BoolFlag{Name: "dry-run", Usage: "print the exact changes and write nothing"},
		&urfave.BoolFlag{Name: "shell", Usage: "also (un)install shell completions and the man page for your user"},
	}
	if !uninstall {
		flags = append(flags,
			&urfave.BoolFlag{Name: "list", Usage: "show each client, its config file and whether sweet is registered"},
			&urfave.BoolFlag{Name: "force", Usage: "replace a sweet entry that runs another command"})
	}
	return &urfave.Command{
		Name:      name,
		Usage:     usage,
		ArgsUsage: "[CLIENT...]",
		Description: "Clients: " + clientNames() + ".\n" +
			"Config files are merged, never overwritten: other servers, comments and formatting\n" +
			"stay; a timestamped backup is written next to each changed file, then the file is\n" +
			"replaced atomically. Running it twice changes nothing. A config file that does not\n" +
			"parse stops the command before anything is written.",
		Flags: flags,
		Action: func(c *urfave.Context) error {
			opts := &installOptions{IO: f.IO, Env: install.HostEnvironment, Exe: install.ExecutablePath, Config: f.Config, App: c.App,
				Clients: c.Args().Slice(), Uninstall: uninstall, Project: c.Bool("project"), DryRun: c.Bool("dry-run"),
				Force: c.Bool("force"), List: c.Bool("list"), Shell: c.Bool("shell")}
			for _, n := range opts.Clients {
				if _, err := install.ParseClient(n); err != nil {
					return usageErrorf(c, "%v", err)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return installRun(c.Context, opts)
		},
	}
}

func installRun(ctx context.Context, opts *installOptions) error {
	env, err := opts.Env()
	if err != nil {
		return fmt.Errorf("inspect this machine: %w", err)
	}
	if opts.List {
		return installList(opts, env)
	}
	clients, err := selectClients(opts, env)
	if err != nil {
		return err
	}
	entry, err := mcpEntry(opts)
	if err != nil {
		return err
	}
	plans, err := install.PlanAll(env, clients, entry, install.Options{Project: opts.Project, Uninstall: opts.Uninstall, Force: opts.Force})
	if err != nil {
		return fmt.Errorf("%w (nothing was written)", err)
	}
	for _, p := range plans {
		fmt.Fprintln(opts.IO.ErrOut, p.Summary())
		if opts.DryRun {
			fmt.Fprint(opts.IO.Out, p.Diff)
			for _, cmd := range p.Commands {
				fmt.Fprintf(opts.IO.Out, "would run: %s\n", strings.Join(cmd, " "))
			}
		}
	}
	if !opts.DryRun {
		results, err := install.Apply(ctx, env, plans)
		if err != nil {
			return err
		}
		applied := false
		for _, r := range results {
			applied = applied || r.Applied
			if r.Applied && r.Backup != "" {
				fmt.Fprintf(opts.IO.ErrOut, "  backup: %s\n", r.Backup)
			}
		}
		if applied && !opts.Uninstall {
			fmt.Fprintln(opts.IO.ErrOut, "Restart the clients (or reload their MCP servers) to pick sweet up.")
		}
	}
	if opts.Shell {
		return installShell(opts, env)
	}
	return nil
}

// selectClients is the clients named on the command line, else every
// client found on this machine.
func selectClients(opts *installOptions, env install.Environment) ([]install.Client, error) {
	if len(opts.Clients) == 0 {
		found := install.Detect(env)
		if len(found) == 0 && !opts.Shell {
			return nil, fmt.Errorf("no MCP client found on this machine; name one: sweet %s CLIENT (clients: %s)",
				map[bool]string{true: "uninstall", false: "install"}[opts.Uninstall], clientNames())
		}
		return found, nil
	}
	out := make([]install.Client, 0, len(opts.Clients))
	for _, n := range opts.Clients {
		c, err := install.ParseClient(n)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// mcpEntry is the command clients run: this binary's absolute path and
// `mcp`, with --data-dir when it is not the default.
func mcpEntry(opts *installOptions) (install.Entry, error) {
	exe, err := opts.Exe()
	if err != nil {
		return install.Entry{}, fmt.Errorf("find the sweet binary: %w", err)
	}
	cfg, err := opts.Config()
	if err != nil {
		return install.Entry{}, err
	}
	e := install.Entry{Command: exe, Args: []string{"mcp"}}
	if filepath.Clean(cfg.DataDir) != filepath.Clean(config.DefaultDataDir()) {
		dir, err := filepath.Abs(cfg.DataDir)
		if err != nil {
			return e, fmt.Errorf("resolve data dir: %w", err)
		}
		e.Args = []string{"--data-dir", dir, "mcp"}
	}
	return e, nil
}

func installList(opts *installOptions, env install.Environment) error {
	statuses, err := install.List(env, install.Options{Project: opts.Project})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CLIENT\tDETECTED\tSWEET\tCONFIG")
	for _, s := range statuses {
		reg := "no"
		switch {
		case s.Err != nil:
			reg = "error: " + s.Err.Error()
		case s.Registered:
			reg = "yes (" + strings.Join(append([]string{s.Entry.Command}, s.Entry.Args...), " ") + ")"
		}
		path := s.Path
		if s.ViaCLI {
			path += " (via the claude CLI)"
		}
		fmt.Fprintf(tw, "%s\t%v\t%s\t%s\n", s.Client, yesNo(s.Detected), reg, path)
	}
	return tw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// installShell writes (or removes) the completion script for the user's
// shell and the man page, unless a package manager already installed them.
func installShell(opts *installOptions, env install.Environment) error {
	shell, err := install.UserShell(env)
	if err != nil {
		return err
	}
	script, err := completions.Script(shell, opts.App)
	if err != nil {
		return err
	}
	page, err := man.Page(opts.App)
	if err != nil {
		return err
	}
	ct, err := install.CompletionTarget(env, shell)
	if err != nil {
		return err
	}
	mt, err := install.ManPageTarget(env)
	if err != nil {
		return err
	}
	for _, t := range []struct {
		target  install.Target
		content []byte
		what    string
	}{{ct, []byte(script), shell + " completion"}, {mt, []byte(page), "man page"}} {
		switch {
		case t.target.PackagePath != "":
			fmt.Fprintf(opts.IO.ErrOut, "%s: installed by a package manager at %s; leaving it alone\n", t.what, t.target.PackagePath)
		case opts.DryRun:
			fmt.Fprintf(opts.IO.ErrOut, "%s: would %s %s\n", t.what, map[bool]string{true: "remove", false: "write"}[opts.Uninstall], t.target.Path)
		case opts.Uninstall:
			if gone, err := install.RemoveTarget(t.target); err != nil {
				return err
			} else if gone {
				fmt.Fprintf(opts.IO.ErrOut, "%s: removed %s\n", t.what, t.target.Path)
			}
		default:
			wrote, err := install.WriteTarget(t.target, t.content)
			if err != nil {
				return err
			}
			if wrote {
				fmt.Fprintf(opts.IO.ErrOut, "%s: wrote %s\n", t.what, t.target.Path)
				if t.target.Note != "" {
					fmt.Fprintf(opts.IO.ErrOut, "  %s\n", t.target.Note)
				}
			} else {
				fmt.Fprintf(opts.IO.ErrOut, "%s: %s is up to date\n", t.what, t.target.Path)
			}
		}
	}
	return nil
}
