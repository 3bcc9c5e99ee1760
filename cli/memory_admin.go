package cli

import (
	"fmt"
	"sort"
	"strconv"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/engine/memory"
)

func newMemoryReindexCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "reindex",
		Usage: "embed memories that have no vector for the configured embedder",
		Description: "Run it after changing [embed] in the configuration: vectors of different models are\n" +
			"never mixed, and search warns while the index is stale. Interrupting keeps the\n" +
			"progress made; run it again to continue. Vectors of other models are removed at the end.",
		Flags: []urfave.Flag{flagJSON()},
		Action: func(c *urfave.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "reindex takes no arguments")
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			rep, err := svc.Reindex(c.Context, progressBar(f.IO, "reindexing"))
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, rep)
			}
			fmt.Fprintf(f.IO.ErrOut, "Embedded %d memories with %s; removed %d vectors of other models\n", rep.Embedded, rep.Model, rep.Removed)
			return nil
		},
	}
}

func newMemoryStatsCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "stats",
		Usage: "count memories by type, namespace and tag; describe the index",
		Flags: append(scopeFlags(), flagJSON()),
		Action: func(c *urfave.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "stats takes no arguments")
			}
			sc, err := scope(f, c)
			if err != nil {
				return err
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			st, err := svc.Stats(c.Context, sc)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, st)
			}
			w := f.IO.Out
			fmt.Fprintf(w, "memories   %d\nrelations  %d\nentities   %d\ndatabase   %s\nembedder   %s (dim %d, %d indexed)\n",
				st.Memories, st.Relations, st.Entities, humanBytes(st.Bytes), st.Embedder, st.Dim, st.Indexed)
			if st.Stale != nil {
				fmt.Fprintf(w, "index      stale: %d of %d memories lack a vector; run `sweet memory reindex`\n", st.Stale.Missing, st.Stale.Total)
			}
			printCounts(w, "by type", st.ByType)
			printCounts(w, "by namespace", st.ByNamespace)
			printCounts(w, "top tags", st.TopTags)
			return nil
		},
	}
}

func printCounts(w interface{ Write([]byte) (int, error) }, title string, m map[string]int64) {
	if len(m) == 0 {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
	fmt.Fprintf(w, "\n%s\n", title)
	for _, k := range keys {
		fmt.Fprintf(w, "  %8d  %s\n", m[k], k)
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return strconv.FormatInt(n, 10) + " B"
}

func newMemoryPruneCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "prune",
		Usage: "forget old, unimportant memories (lists them; --apply deletes)",
		Description: "Every condition given must hold: created and last read before --older-than,\n" +
			"importance below --below-importance, type among --type. Without --apply nothing is\n" +
			"deleted: the memories that would go are listed.",
		Flags: append(scopeFlags(),
			&urfave.StringFlag{Name: "older-than", Usage: "age such as 90d, 2w or 720h"},
			&urfave.StringFlag{Name: "below-importance", Usage: "importance under this value (0 to 1)"},
			flagTypeFilter(),
			&urfave.BoolFlag{Name: "apply", Usage: "delete them (default: only list)"},
			flagJSON()),
		Action: func(c *urfave.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "prune takes no arguments")
			}
			age, err := parseAge(c.String("older-than"))
			if err != nil {
				return usageErrorf(c, "--older-than: %v", err)
			}
			var below float64
			if c.IsSet("below-importance") {
				if below, err = strconv.ParseFloat(c.String("below-importance"), 64); err != nil || below < 0 || below > 1 {
					return usageErrorf(c, "--below-importance %q: use a number from 0 to 1", c.String("below-importance"))
				}
			}
			sc, err := scope(f, c)
			if err != nil {
				return err
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			rep, err := svc.Prune(c.Context, memory.PruneRequest{Scope: sc, OlderThan: age, BelowImportance: below, Types: c.StringSlice("type"), Apply: c.Bool("apply")})
			if err != nil {
				return memoryError(c, err)
			}
			pr := newPrinter(f.IO, c.Bool("json"), false)
			for _, m := range rep.Memories {
				if err := pr.memory(m, nil); err != nil {
					return err
				}
			}
			if err := pr.flush(); err != nil {
				return err
			}
			if rep.Applied {
				fmt.Fprintf(f.IO.ErrOut, "Deleted %d memories\n", len(rep.Memories))
			} else {
				fmt.Fprintf(f.IO.ErrOut, "Would delete %d memories (dry run; add --apply to delete)\n", len(rep.Memories))
			}
			return nil
		},
	}
}

func newMemoryFeedbackCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "feedback",
		Usage:     "tell the strategy router whether a result of `query --strategy auto` helped",
		ArgsUsage: "ID",
		Description: "Credits the strategy that returned ID in a recent auto-routed search: useful by\n" +
			"default, --bad when it was not. Opening a result with `sweet memory get` counts as useful.",
		Flags: []urfave.Flag{
			&urfave.BoolFlag{Name: "bad", Usage: "the result did not help"},
			flagJSON(),
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() != 1 {
				return usageErrorf(c, "feedback takes one memory ID")
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			reward := 1.0
			if c.Bool("bad") {
				reward = 0
			}
			res, err := svc.Feedback(c.Context, c.Args().First(), reward)
			if err != nil {
				return memoryError(c, err)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, res)
			}
			fmt.Fprintf(f.IO.ErrOut, "Credited strategy %s with reward %.0f\n", res.Strategy, res.Reward)
			return nil
		},
	}
}
