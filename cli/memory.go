package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/store"
)

func newMemoryCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "memory",
		Usage: "store, search and manage memories (scriptable: --json prints JSON Lines)",
		Description: "Memories live in namespaces. By default a command works in the current project's\n" +
			"namespace (the enclosing git repository's root, else the working directory) and\n" +
			"also reads the \"global\" namespace. --namespace N picks another one and\n" +
			"--all-namespaces reads them all.\n\n" +
			"Examples:\n" +
			"  sweet memory add --type fact --tag ops \"The staging DB restarts nightly at 3am\"\n" +
			"  echo \"Prefer table-driven tests\" | sweet memory add --type procedural -\n" +
			"  sweet memory query --json \"when does staging reboot\" | jq -r .id",
		Subcommands: []*urfave.Command{
			newMemoryAddCmd(f), newMemoryGetCmd(f), newMemoryListCmd(f), newMemoryQueryCmd(f),
			newMemoryUpdateCmd(f), newMemoryDeleteCmd(f), newMemoryLinkCmd(f), newMemoryUnlinkCmd(f),
			newMemoryRelatedCmd(f), newMemoryImportCmd(f), newMemoryExportCmd(f), newMemoryReindexCmd(f),
			newMemoryStatsCmd(f), newMemoryPruneCmd(f), newMemoryFeedbackCmd(f),
		},
	}
}

// Flags shared by memory commands. Each command gets fresh flag values:
// urfave keeps parse state in them.
func flagJSON() urfave.Flag {
	return &urfave.BoolFlag{Name: "json", Usage: "print JSON (one object per line)"}
}

func flagNamespace() urfave.Flag {
	return &urfave.StringFlag{Name: "namespace", Aliases: []string{"n"}, Usage: "namespace to use instead of the project's"}
}

func flagTypeFilter() urfave.Flag {
	return &urfave.StringSliceFlag{Name: "type", Aliases: []string{"t"}, Usage: "only memories of this type (repeatable)"}
}

func flagTagFilter() urfave.Flag {
	return &urfave.StringSliceFlag{Name: "tag", Usage: "only memories with this tag (repeatable: all must match)"}
}

func scopeFlags() []urfave.Flag {
	return []urfave.Flag{flagNamespace(),
		&urfave.BoolFlag{Name: "all-namespaces", Aliases: []string{"A"}, Usage: "read every namespace"},
		&urfave.BoolFlag{Name: "no-global", Usage: "do not also read the global namespace"}}
}

// namespace is the namespace a write goes to: --namespace, else the project's.
func namespace(f *Factory, c *urfave.Context) (string, error) {
	if c.IsSet("namespace") {
		ns, err := memory.ValidateNamespace(c.String("namespace"))
		if err != nil {
			return "", usageErrorf(c, "--namespace: %v", err)
		}
		return ns, nil
	}
	dir, err := f.workDir()
	if err != nil {
		return "", fmt.Errorf("find the working directory for the project namespace: %w (pass --namespace)", err)
	}
	return memory.ProjectNamespace(dir)
}

// scope is the set of namespaces a read sees.
func scope(f *Factory, c *urfave.Context) (memory.Scope, error) {
	if c.Bool("all-namespaces") {
		if c.IsSet("namespace") {
			return memory.Scope{}, usageErrorf(c, "--namespace and --all-namespaces exclude each other")
		}
		return memory.Scope{All: true}, nil
	}
	ns, err := namespace(f, c)
	if err != nil {
		return memory.Scope{}, err
	}
	if c.Bool("no-global") {
		return memory.Scope{Namespaces: []string{ns}}, nil
	}
	return memory.DefaultScope(ns), nil
}

// textArg returns the one text argument, reading stdin for "-".
func textArg(c *urfave.Context, in io.Reader, what string) (string, error) {
	if c.NArg() == 0 {
		return "", usageErrorf(c, "%s is missing: give it as an argument, or - to read stdin", what)
	}
	if c.NArg() > 1 {
		return "", usageErrorf(c, "%s must be one argument (quote it); got %d arguments. Flags go before it", what, c.NArg())
	}
	arg := c.Args().First()
	if arg != "-" {
		return arg, nil
	}
	b, err := io.ReadAll(io.LimitReader(in, 64<<20))
	if err != nil {
		return "", fmt.Errorf("read %s from stdin: %w", what, err)
	}
	return string(b), nil
}

// parseMeta turns k=v pairs into a JSON object; values that parse as JSON
// (numbers, true, arrays) keep their type, anything else is a string.
func parseMeta(c *urfave.Context, pairs []string) (json.RawMessage, error) {
	if len(pairs) == 0 {
		return nil, nil
	}
	obj := map[string]any{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, usageErrorf(c, "--meta %q: use key=value", p)
		}
		var parsed any
		if err := json.Unmarshal([]byte(v), &parsed); err == nil {
			obj[k] = parsed
		} else {
			obj[k] = v
		}
	}
	return json.Marshal(obj)
}

// parseImportance reads --importance with a clear message.
func parseImportance(c *urfave.Context) (*float64, error) {
	if !c.IsSet("importance") {
		return nil, nil
	}
	v, err := strconv.ParseFloat(c.String("importance"), 64)
	if err != nil || v < 0 || v > 1 {
		return nil, usageErrorf(c, "--importance %q: use a number from 0 to 1", c.String("importance"))
	}
	return &v, nil
}

// parseAge reads durations like 30d, 2w, 12h or 90m.
func parseAge(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour, "y": 365 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.ParseFloat(n, 64)
			if err == nil && v >= 0 {
				return time.Duration(v * float64(unit)), nil
			}
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration: use e.g. 90d, 2w, 12h", s)
	}
	return d, nil
}

// parseTime reads a date or an RFC 3339 time, or an age ("7d" = 7 days ago).
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if d, err := parseAge(s); err == nil {
		return time.Now().Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time: use 2026-11-29, 2026-11-29T15:04:05Z or an age such as 7d", s)
}

// memoryError turns engine errors into usage errors where the input was at
// fault, so they exit 2 with a hint.
func memoryError(c *urfave.Context, err error) error {
	if errors.Is(err, memory.ErrInvalid) {
		return &FlagError{Err: errors.New(strings.TrimPrefix(err.Error(), memory.ErrInvalid.Error()+": ")), Command: commandPath(c)}
	}
	if errors.Is(err, store.ErrReadOnly) {
		return fmt.Errorf("%w: this command writes", err)
	}
	return err
}

// engineFor opens the engine for a memory command.
func engineFor(ctx context.Context, f *Factory) (*memory.Service, error) {
	eng, err := f.Engine(ctx, false)
	if err != nil {
		return nil, err
	}
	return eng.Memory, nil
}
