package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/cli/config"
)

type configOptions struct {
	IO     *IOStreams
	Config func() (*config.Loaded, error)
	JSON   bool
}

func newConfigCmd(f *Factory) *urfave.Command {
	opts := func(c *urfave.Context) *configOptions {
		return &configOptions{IO: f.IO, Config: f.Config, JSON: c.Bool("json")}
	}
	noArgs := func(c *urfave.Context) error {
		if c.NArg() > 0 {
			return usageErrorf(c, "%s takes no arguments", c.Command.Name)
		}
		return nil
	}
	return &urfave.Command{
		Name:  "config",
		Usage: "show the effective configuration and where it comes from",
		Description: "Configuration comes from defaults, then the TOML file, then SWEET_* environment\n" +
			"variables, then flags; the later wins.",
		Subcommands: []*urfave.Command{
			{
				Name:  "show",
				Usage: "print every setting, its value and its source (default, file:line, env, flag)",
				Flags: []urfave.Flag{&urfave.BoolFlag{Name: "json", Usage: "print JSON Lines, one object per setting"}},
				Action: func(c *urfave.Context) error {
					if err := noArgs(c); err != nil {
						return err
					}
					return configShowRun(c.Context, opts(c))
				},
			},
			{
				Name:  "path",
				Usage: "print the path of the configuration file sweet reads",
				Flags: []urfave.Flag{&urfave.BoolFlag{Name: "json", Usage: "print one JSON object"}},
				Action: func(c *urfave.Context) error {
					if err := noArgs(c); err != nil {
						return err
					}
					return configPathRun(c.Context, opts(c))
				},
			},
		},
	}
}

func configShowRun(_ context.Context, opts *configOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	if opts.JSON {
		for _, e := range cfg.Entries() {
			if err := writeJSON(opts.IO.Out, e); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tVALUE\tSOURCE")
	for _, e := range cfg.Entries() {
		fmt.Fprintf(tw, "%s\t%v\t%s\n", e.Key, e.Value, e.Source)
	}
	return tw.Flush()
}

func configPathRun(_ context.Context, opts *configOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSON(opts.IO.Out, map[string]any{"path": cfg.Path, "exists": cfg.Exists})
	}
	_, err = fmt.Fprintln(opts.IO.Out, cfg.Path)
	return err
}
