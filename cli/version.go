package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	urfave "github.com/urfave/cli/v2"
)

type versionOptions struct {
	IO    *IOStreams
	Build BuildInfo
	JSON  bool
}

// versionInfo is what `sweet version` reports.
type versionInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Date      string `json:"date"`
	GoVersion string `json:"go_version"`
	Platform  string `json:"platform"`
}

func newVersionCmd(f *Factory, runF func(*versionOptions) error) *urfave.Command {
	return &urfave.Command{
		Name:  "version",
		Usage: "print sweet's version, commit, build date and Go version",
		Flags: []urfave.Flag{&urfave.BoolFlag{Name: "json", Usage: "print one JSON object"}},
		Action: func(c *urfave.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "version takes no arguments")
			}
			opts := &versionOptions{IO: f.IO, Build: f.Build, JSON: c.Bool("json")}
			if runF != nil {
				return runF(opts)
			}
			return versionRun(c.Context, opts)
		},
	}
}

// resolveVersion fills what ldflags left empty from the module build info,
// which `go install module@version` records.
func resolveVersion(b BuildInfo) versionInfo {
	v := versionInfo{Version: b.Version, Commit: b.Commit, Date: b.Date,
		GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v.Version == "" && bi.Main.Version != "" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && v.Commit == "":
				v.Commit = s.Value
			case s.Key == "vcs.time" && v.Date == "":
				v.Date = s.Value
			}
		}
	}
	if v.Version == "" {
		v.Version = "(devel)"
	}
	if v.Commit == "" {
		v.Commit = "unknown"
	}
	if v.Date == "" {
		v.Date = "unknown"
	}
	return v
}

func versionRun(_ context.Context, opts *versionOptions) error {
	v := resolveVersion(opts.Build)
	if opts.JSON {
		return writeJSON(opts.IO.Out, v)
	}
	_, err := fmt.Fprintf(opts.IO.Out, "sweet %s\ncommit %s\nbuilt %s\n%s %s\n", v.Version, v.Commit, v.Date, v.GoVersion, v.Platform)
	return err
}
