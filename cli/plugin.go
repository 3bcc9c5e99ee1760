package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/plugins"
	"github.com/sweetmcp/sweet/store"
)

func newPluginCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "plugin",
		Usage: "install, grant and call sandboxed WebAssembly plugins (Extism)",
		Description: "Plugins are Extism WebAssembly modules whose tools sweet serves over MCP and runs here\n" +
			"with `sweet plugin call`. They run sandboxed: no network, files, environment or memory\n" +
			"access unless granted. Install shows every grant and asks before recording anything.\n" +
			"A plugin file that changes after install is refused until installed (approved) again.\n\n" +
			"Examples:\n" +
			"  sweet plugin install build/plugins/hash.wasm\n" +
			"  sweet plugin call --args '{\"data\":\"abc\",\"algorithm\":\"sha256\"}' hash hash\n" +
			"  sweet plugin install --allow-host go.dev build/plugins/fetch.wasm\n" +
			"  sweet plugin grant fetch 'host:*.golang.org'",
		Subcommands: []*urfave.Command{
			newPluginInstallCmd(f), newPluginListCmd(f), newPluginInfoCmd(f), newPluginRemoveCmd(f),
			newPluginEnableCmd(f, true), newPluginEnableCmd(f, false),
			newPluginGrantCmd(f, true), newPluginGrantCmd(f, false), newPluginCallCmd(f),
		},
	}
}

// pluginsFor opens the engine and its plugin facade for one command; both
// are closed when the command ends. Even listing opens the database for
// writing, as the memory commands do: on a fresh machine that creates it,
// and an older database gets the plugins table by migration.
func pluginsFor(ctx context.Context, f *Factory) (*engine.Plugins, error) {
	eng, err := f.Engine(ctx, false)
	if err != nil {
		return nil, err
	}
	p := eng.OpenPlugins(engine.PluginOptions{})
	f.onClose(func() error { return p.Close(context.Background()) })
	return p, nil
}

// oneArg returns the command's single argument, named what in messages.
func oneArg(c *urfave.Context, what string) (string, error) {
	if c.NArg() != 1 {
		return "", usageErrorf(c, "want one argument, %s; got %d%s", what, c.NArg(), flagsLast(c))
	}
	return c.Args().First(), nil
}

// flagsLast explains a common mistake: flags after the arguments are taken
// for arguments.
func flagsLast(c *urfave.Context) string {
	for _, a := range c.Args().Slice() {
		if strings.HasPrefix(a, "-") && a != "-" {
			return " (flags go before the arguments)"
		}
	}
	return ""
}

// installSpecs turns install's permission flags into grant specs.
func installSpecs(c *urfave.Context) []string {
	var specs []string
	for _, h := range c.StringSlice("allow-host") {
		specs = append(specs, "host:"+h)
	}
	for _, p := range c.StringSlice("allow-path") {
		specs = append(specs, "path:"+p)
	}
	for _, kv := range c.StringSlice("config") {
		specs = append(specs, "config:"+kv)
	}
	for _, kv := range c.StringSlice("secret") {
		specs = append(specs, "secret:"+kv)
	}
	if c.Bool("memory-read") {
		specs = append(specs, "memory:read")
	}
	if c.Bool("memory-write") {
		specs = append(specs, "memory:write")
	}
	if c.IsSet("memory-pages") {
		specs = append(specs, "pages:"+c.String("memory-pages"))
	}
	if c.IsSet("timeout") {
		specs = append(specs, "timeout:"+c.String("timeout"))
	}
	return specs
}

func newPluginInstallCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "install",
		Usage:     "check a plugin, show what it asks for and record it once approved",
		ArgsUsage: "PATH|URL",
		Description: "Reads the file (or downloads the URL), checks its sha256 against --sha256 when given,\n" +
			"compiles it, lists its tools under the requested grants and shows all of it. Nothing is\n" +
			"recorded until you approve: on a terminal sweet asks; elsewhere pass --yes. The sha256 is\n" +
			"always recorded, and a file that changes later is refused until installed again.\n" +
			"Installing a name that is already installed re-approves it: its grants are kept and the\n" +
			"flags add to them. A URL's download is kept in sweet's data directory.",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "sha256", Usage: "expected sha256 of the file (hex); a mismatch is refused"},
			&urfave.StringFlag{Name: "name", Usage: "plugin name (default: the file name without .wasm)"},
			&urfave.StringSliceFlag{Name: "allow-host", Usage: "host the plugin may reach over HTTP, exact or glob like *.example.com (repeatable)"},
			&urfave.StringSliceFlag{Name: "allow-path", Usage: "directory to mount: HOST[:GUEST][:ro|:rw], read-only unless :rw (repeatable)"},
			&urfave.StringSliceFlag{Name: "config", Usage: "configuration value key=value the plugin can read (repeatable)"},
			&urfave.StringSliceFlag{Name: "secret", Usage: "like --config, but masked in info and on the approval screen (repeatable)"},
			&urfave.BoolFlag{Name: "memory-read", Usage: "let the plugin search its own namespace of sweet's memory (plugin:NAME)"},
			&urfave.BoolFlag{Name: "memory-write", Usage: "let the plugin store memories in its own namespace (plugin:NAME)"},
			&urfave.StringFlag{Name: "memory-pages", Usage: "memory cap in 64 KiB pages", DefaultText: fmt.Sprint(plugins.DefaultMemoryPages)},
			&urfave.StringFlag{Name: "timeout", Usage: "time limit per call, e.g. 10s", DefaultText: plugins.DefaultTimeout.String()},
			&urfave.BoolFlag{Name: "yes", Aliases: []string{"y"}, Usage: "approve without asking (needed when stdin is not a terminal)"},
		},
		Action: func(c *urfave.Context) error {
			source, err := oneArg(c, "the plugin's PATH or URL")
			if err != nil {
				return err
			}
			if !strings.HasPrefix(source, "https://") && !strings.HasPrefix(source, "http://") {
				// Record where the file is, not where it was seen from, so
				// hints such as "install SOURCE again" work from anywhere.
				if source, err = filepath.Abs(source); err != nil {
					return fmt.Errorf("resolve %s: %w", c.Args().First(), err)
				}
			}
			name := c.String("name")
			if name == "" {
				name = plugins.NameFromSource(source)
			}
			if err := plugins.ValidateName(name); err != nil {
				return usageErrorf(c, "%v (choose one with --name)", err)
			}
			p, err := pluginsFor(c.Context, f)
			if err != nil {
				return err
			}
			old, err := p.Get(c.Context, name)
			replacing := err == nil
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			grants := old.Grants.Clone()
			for _, spec := range installSpecs(c) {
				if err := grants.Grant(spec); err != nil {
					return usageErrorf(c, "%v", err)
				}
			}
			cand, err := p.Prepare(c.Context, plugins.InstallRequest{Source: source, SHA256: c.String("sha256"), Name: name, Grants: grants})
			if err != nil {
				return err
			}
			if err := showCandidate(f.IO.Out, cand, old, replacing); err != nil {
				return err
			}
			if err := approve(c.Context, f.IO, c.Bool("yes"), name); err != nil {
				return err
			}
			rec, err := p.Install(c.Context, cand)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(f.IO.Out, "Installed %s (sha256 %s). Call a tool with: sweet plugin call --args JSON %s TOOL\n",
				rec.Name, rec.SHA256[:12], rec.Name)
			return err
		},
	}
}

// showCandidate writes the approval screen, saying what changes when an
// installed plugin is approved again.
func showCandidate(w io.Writer, cand *plugins.Candidate, old plugins.Record, replacing bool) error {
	if err := cand.Render(w); err != nil {
		return err
	}
	if !replacing {
		return nil
	}
	if old.SHA256 != cand.Record.SHA256 {
		_, err := fmt.Fprintf(w, "This replaces the installed %s (sha256 %s, from %s).\n", old.Name, old.SHA256, old.Source)
		return err
	}
	_, err := fmt.Fprintf(w, "The installed %s is this same file; approving records the grants above.\n", old.Name)
	return err
}

// approve asks on a terminal whether to install; without a terminal only
// --yes approves, since nobody can have seen the grants otherwise.
func approve(ctx context.Context, io *IOStreams, yes bool, name string) error {
	if yes {
		return nil
	}
	if !io.InTTY {
		return fmt.Errorf("plugin %s not installed: it needs your approval and stdin is not a terminal; review the permissions above and run again with --yes", name)
	}
	fmt.Fprintf(io.ErrOut, "Install %s with these permissions? [y/N] ", name)
	type answer struct {
		line string
		err  error
	}
	// Read in the background so Ctrl-C (which cancels ctx) ends the wait.
	answers := make(chan answer, 1)
	go func() {
		line, err := bufio.NewReader(io.In).ReadString('\n')
		answers <- answer{line, err}
	}()
	var a answer
	select {
	case <-ctx.Done():
		fmt.Fprintln(io.ErrOut)
		return ErrCancel
	case a = <-answers:
	}
	if a.err != nil && a.line == "" {
		fmt.Fprintln(io.ErrOut)
		return fmt.Errorf("plugin %s not installed: no answer", name)
	}
	switch strings.ToLower(strings.TrimSpace(a.line)) {
	case "y", "yes":
		return nil
	}
	fmt.Fprintf(io.ErrOut, "Plugin %s not installed.\n", name)
	return &SilentError{Code: ExitFailure}
}

func newPluginRemoveCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "remove",
		Usage:     "forget a plugin (and delete its downloaded copy)",
		ArgsUsage: "NAME",
		Action: func(c *urfave.Context) error {
			name, err := oneArg(c, "the plugin's NAME")
			if err != nil {
				return err
			}
			p, err := pluginsFor(c.Context, f)
			if err != nil {
				return err
			}
			rec, err := p.Remove(c.Context, name)
			if err != nil {
				return err
			}
			if rec.Downloaded() {
				_, err = fmt.Fprintf(f.IO.Out, "Removed %s and its downloaded copy %s.\n", name, rec.Path)
				return err
			}
			_, err = fmt.Fprintf(f.IO.Out, "Removed %s (the file %s is left in place).\n", name, rec.Path)
			return err
		},
	}
}

func newPluginEnableCmd(f *Factory, enable bool) *urfave.Command {
	cmd := &urfave.Command{
		Name:      "enable",
		Usage:     "let sweet mcp serve a plugin and sweet plugin call run it",
		ArgsUsage: "NAME",
	}
	if !enable {
		cmd.Name, cmd.Usage = "disable", "stop serving a plugin, keeping it installed with its grants"
	}
	cmd.Action = func(c *urfave.Context) error {
		name, err := oneArg(c, "the plugin's NAME")
		if err != nil {
			return err
		}
		p, err := pluginsFor(c.Context, f)
		if err != nil {
			return err
		}
		rec, err := p.SetEnabled(c.Context, name, enable)
		if err != nil {
			return err
		}
		verb := "Enabled"
		if !enable {
			verb = "Disabled"
		}
		fmt.Fprintf(f.IO.Out, "%s %s.\n", verb, name)
		if enable && pluginStatus(rec) != "ok" {
			fmt.Fprintf(f.IO.ErrOut, "Warning: %s's file is %s; it will be refused until installed again.\n", name, pluginStatus(rec))
		}
		return nil
	}
	return cmd
}

func newPluginGrantCmd(f *Factory, grant bool) *urfave.Command {
	cmd := &urfave.Command{
		Name:      "grant",
		Usage:     "give a plugin more permissions",
		ArgsUsage: "NAME SPEC...",
		Description: "SPEC is one of: host:PATTERN, path:HOST[:GUEST][:ro|:rw], config:KEY=VALUE,\n" +
			"secret:KEY=VALUE, memory:read, memory:write, pages:N, timeout:DURATION, http-bytes:N.\n" +
			"A running sweet mcp picks the change up and reloads the plugin.",
	}
	if !grant {
		cmd.Name, cmd.Usage = "revoke", "take permissions back from a plugin"
		cmd.Description = "SPEC is one of: host:PATTERN, path:HOSTDIR, config:KEY, secret:KEY, memory:read,\n" +
			"memory:write; pages:, timeout: and http-bytes: return the limit to its default."
	}
	cmd.Action = func(c *urfave.Context) error {
		if c.NArg() < 2 {
			return usageErrorf(c, "want the plugin's NAME and at least one SPEC")
		}
		name, specs := c.Args().First(), c.Args().Tail()
		p, err := pluginsFor(c.Context, f)
		if err != nil {
			return err
		}
		change := p.Grant
		if !grant {
			change = p.Revoke
		}
		rec, err := change(c.Context, name, specs...)
		if err != nil {
			return err
		}
		fmt.Fprintf(f.IO.Out, "Grants of %s now:\n", name)
		return rec.Grants.Render(f.IO.Out, plugins.MemoryNamespace(name))
	}
	return cmd
}
