package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/cli/config"
	"github.com/sweetmcp/sweet/store"
)

type doctorOptions struct {
	IO     *IOStreams
	Config func() (*config.Loaded, error)
	Getenv func(string) string
	JSON   bool
}

// check is one line of the doctor's report.
type check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"`
}

func newDoctorCmd(f *Factory, runF func(*doctorOptions) error) *urfave.Command {
	return &urfave.Command{
		Name:  "doctor",
		Usage: "check the data directory, database, configuration and terminal",
		Description: "Runs each check and prints one line per check. Exits 1 when a check fails,\n" +
			"naming the fix.",
		Flags: []urfave.Flag{&urfave.BoolFlag{Name: "json", Usage: "print one JSON object"}},
		Action: func(c *urfave.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "doctor takes no arguments")
			}
			opts := &doctorOptions{IO: f.IO, Config: f.Config, Getenv: f.getenv, JSON: c.Bool("json")}
			if runF != nil {
				return runF(opts)
			}
			return doctorRun(c.Context, opts)
		},
	}
}

func doctorRun(ctx context.Context, opts *doctorOptions) error {
	var checks []check
	cfg, err := opts.Config()
	if err != nil {
		checks = append(checks, check{Name: "config", Detail: err.Error(), Fix: "correct the file or the environment variable named above"})
	} else {
		detail := cfg.Path
		if !cfg.Exists {
			detail += " (absent: using defaults)"
		}
		checks = append(checks, check{Name: "config", OK: true, Detail: detail})
		checks = append(checks, checkDataDir(cfg.DataDir))
		if checks[len(checks)-1].OK {
			checks = append(checks, checkDatabase(ctx, filepath.Join(cfg.DataDir, store.FileName))...)
		}
	}
	checks = append(checks, checkTerminal(opts.IO, opts.Getenv))

	ok := true
	for _, c := range checks {
		ok = ok && c.OK
	}
	if opts.JSON {
		if err := writeJSON(opts.IO.Out, map[string]any{"ok": ok, "checks": checks}); err != nil {
			return err
		}
	} else {
		for _, c := range checks {
			mark := "ok  "
			if !c.OK {
				mark = "FAIL"
			}
			fmt.Fprintf(opts.IO.Out, "%s %-9s %s\n", mark, c.Name, c.Detail)
			if c.Fix != "" {
				fmt.Fprintf(opts.IO.Out, "     %-9s fix: %s\n", "", c.Fix)
			}
		}
	}
	if !ok {
		return &SilentError{Code: ExitFailure}
	}
	return nil
}

// checkDataDir creates the directory if needed and proves it is writable by
// writing and removing a file (permission bits alone lie for root and ACLs).
func checkDataDir(dir string) check {
	c := check{Name: "data dir", Detail: dir}
	fix := "make the directory writable, or point --data-dir / SWEET_DATA_DIR at a writable one"
	if err := os.MkdirAll(dir, 0o700); err != nil {
		c.Detail, c.Fix = fmt.Sprintf("%s: cannot create: %v", dir, unwrapPath(err)), fix
		return c
	}
	f, err := os.CreateTemp(dir, ".doctor-*")
	if err != nil {
		c.Detail, c.Fix = fmt.Sprintf("%s: not writable: %v", dir, unwrapPath(err)), fix
		return c
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	c.OK = true
	c.Detail += " (writable)"
	return c
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkDatabase opens the database (creating and migrating it if new) and
// runs PRAGMA quick_check and the FTS5 probe.
func checkDatabase(ctx context.Context, path string) []check {
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		fix := "restore a backup made with `sweet backup`, or move " + path + " away to start a new database"
		if errors.Is(err, store.ErrNewerSchema) {
			fix = "install a newer sweet (`sweet version` shows this one)"
		} else if errors.Is(err, store.ErrNotSweet) {
			fix = "point --data-dir at a directory for sweet; this file belongs to another program"
		}
		return []check{{Name: "database", Detail: err.Error(), Fix: fix}}
	}
	defer db.Close()
	out := []check{}
	problems, err := db.QuickCheck(ctx)
	switch {
	case err != nil:
		out = append(out, check{Name: "database", Detail: fmt.Sprintf("%s: %v", path, err), Fix: "restore a backup made with `sweet backup`"})
	case len(problems) > 0:
		out = append(out, check{Name: "database", Detail: fmt.Sprintf("%s: quick_check found %d problem(s): %s", path, len(problems), strings.Join(problems[:min(3, len(problems))], "; ")),
			Fix: "restore a backup made with `sweet backup`, or export what is readable with `sweet memory export`"})
	default:
		sv, _ := db.SQLiteVersion(ctx)
		out = append(out, check{Name: "database", OK: true, Detail: fmt.Sprintf("%s (quick_check ok, SQLite %s)", path, sv)})
	}
	v, err := db.Version(ctx)
	if err != nil {
		out = append(out, check{Name: "schema", Detail: err.Error(), Fix: "restore a backup made with `sweet backup`"})
	} else {
		out = append(out, check{Name: "schema", OK: v == store.SchemaVersion(), Detail: fmt.Sprintf("version %d (this sweet writes %d)", v, store.SchemaVersion())})
	}
	fts, err := db.HasFTS5(ctx)
	if err != nil || !fts {
		out = append(out, check{Name: "fts5", Detail: "FTS5 is missing from this SQLite build", Fix: "use an official sweet build (modernc.org/sqlite includes FTS5)"})
	} else {
		out = append(out, check{Name: "fts5", OK: true, Detail: "available"})
	}
	return out
}

// checkTerminal summarises what the front ends can use, in one line. It
// never fails: a pipe is a fine place to run sweet.
func checkTerminal(io *IOStreams, getenv func(string) string) check {
	var parts []string
	if io.OutTTY {
		parts = append(parts, fmt.Sprintf("stdout is a terminal %dx%d", io.TermWidth, io.TermHeight))
	} else {
		parts = append(parts, "stdout is not a terminal")
	}
	termName := getenv("TERM")
	if termName == "" {
		termName = "unset"
	}
	parts = append(parts, "TERM="+termName)
	switch ct := getenv("COLORTERM"); {
	case ct == "truecolor" || ct == "24bit":
		parts = append(parts, "24-bit colour")
	case strings.Contains(termName, "256color"):
		parts = append(parts, "256 colours")
	}
	if getenv("TMUX") != "" {
		parts = append(parts, "inside tmux (images use half blocks)")
	}
	if io.Color() {
		parts = append(parts, "colour on")
	} else {
		parts = append(parts, "colour off")
	}
	return check{Name: "terminal", OK: true, Detail: strings.Join(parts, ", ")}
}
