package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/plugins"
)

// pluginStatus says whether a plugin's file is still the approved one.
func pluginStatus(rec plugins.Record) string {
	err := plugins.Verify(rec)
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, plugins.ErrChanged):
		return "changed"
	case errors.Is(err, os.ErrNotExist):
		return "missing"
	}
	return "unreadable"
}

// maskedRecord is a record fit to print: secret configuration values are
// replaced, so `info` and `list --json` never show them.
func maskedRecord(rec plugins.Record) plugins.Record {
	rec.Grants = rec.Grants.Clone()
	for i, c := range rec.Grants.Config {
		if c.Secret {
			rec.Grants.Config[i].Value = "******"
		}
	}
	return rec
}

type pluginJSON struct {
	plugins.Record
	Status string `json:"status"`
}

func newPluginListCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "list",
		Usage: "list installed plugins, whether enabled, and whether the file changed since install",
		Flags: []urfave.Flag{flagJSON()},
		Action: func(c *urfave.Context) error {
			p, err := pluginsFor(c.Context, f)
			if err != nil {
				return err
			}
			recs, err := p.List(c.Context)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				for _, rec := range recs {
					if err := writeJSON(f.IO.Out, pluginJSON{maskedRecord(rec), pluginStatus(rec)}); err != nil {
						return err
					}
				}
				return nil
			}
			if len(recs) == 0 {
				_, err := fmt.Fprintln(f.IO.ErrOut, "No plugins installed. Install one with: sweet plugin install PATH|URL")
				return err
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tENABLED\tFILE\tTOOLS\tSOURCE")
			for _, rec := range recs {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", rec.Name, yesNo(rec.Enabled), pluginStatus(rec),
					oneLine(strings.Join(rec.Tools, ","), 40), rec.Source)
			}
			return tw.Flush()
		},
	}
}

func newPluginInfoCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "info",
		Usage:     "show a plugin's source, sha256, ABI, tools and grants (secrets masked)",
		ArgsUsage: "NAME",
		Flags:     []urfave.Flag{flagJSON()},
		Action: func(c *urfave.Context) error {
			name, err := oneArg(c, "the plugin's NAME")
			if err != nil {
				return err
			}
			p, err := pluginsFor(c.Context, f)
			if err != nil {
				return err
			}
			rec, err := p.Get(c.Context, name)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, pluginJSON{maskedRecord(rec), pluginStatus(rec)})
			}
			return writePluginInfo(f.IO.Out, rec)
		},
	}
}

func writePluginInfo(w io.Writer, rec plugins.Record) error {
	status := pluginStatus(rec)
	switch status {
	case "changed":
		status = "changed since install: refused until approved again with: sweet plugin install " + rec.Source
	case "missing":
		status = "missing: " + rec.Path + " is gone; install the plugin again"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "name\t%s\n", rec.Name)
	fmt.Fprintf(tw, "enabled\t%s\n", yesNo(rec.Enabled))
	fmt.Fprintf(tw, "source\t%s\n", rec.Source)
	if rec.Path != rec.Source {
		fmt.Fprintf(tw, "file\t%s\n", rec.Path)
	}
	fmt.Fprintf(tw, "sha256\t%s\n", rec.SHA256)
	fmt.Fprintf(tw, "size\t%d bytes\n", rec.Size)
	fmt.Fprintf(tw, "abi\t%s\n", rec.ABI)
	fmt.Fprintf(tw, "installed\t%s\n", rec.InstalledAt.Format("2006-01-02 15:04:05 MST"))
	fmt.Fprintf(tw, "status\t%s\n", status)
	fmt.Fprintf(tw, "tools\t%s\n", strings.Join(rec.Tools, ", "))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "grants:")
	return rec.Grants.Render(w, plugins.MemoryNamespace(rec.Name))
}
