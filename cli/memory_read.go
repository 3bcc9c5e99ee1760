package cli

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/engine/memory"
)

func newMemoryGetCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "get",
		Usage:     "print memories by id",
		ArgsUsage: "ID...",
		Flags:     []urfave.Flag{flagJSON()},
		Action: func(c *urfave.Context) error {
			if c.NArg() == 0 {
				return usageErrorf(c, "get takes one or more memory IDs")
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			mems, err := svc.Get(c.Context, c.Args().Slice()...)
			if err != nil {
				return memoryError(c, err)
			}
			for _, m := range mems {
				if c.Bool("json") {
					err = writeJSON(f.IO.Out, m)
				} else {
					err = printMemoryDetail(f.IO.Out, m)
				}
				if err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func printMemoryDetail(w io.Writer, m *memory.Memory) error {
	last := "never"
	if m.LastAccessedAt != nil {
		last = m.LastAccessedAt.Format("2006-01-02 15:04:05Z07:00")
	}
	_, err := fmt.Fprintf(w, "id:         %s\nnamespace:  %s\ntype:       %s\ntags:       %s\nimportance: %.2f\ncreated:    %s\nupdated:    %s\nread:       %d times, last %s\nsource:     %s\nmetadata:   %s\n\n%s\n\n",
		m.ID, m.Namespace, m.Type, strings.Join(m.Tags, ", "), m.Importance, m.CreatedAt.Format("2006-01-02 15:04:05Z07:00"),
		m.UpdatedAt.Format("2006-01-02 15:04:05Z07:00"), m.AccessCount, last, m.Source, m.Metadata, m.Content)
	return err
}

func newMemoryListCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "list",
		Usage: "list memories in scope, oldest first",
		Flags: append(scopeFlags(), flagTypeFilter(), flagTagFilter(),
			&urfave.IntFlag{Name: "limit", Usage: "at most this many (0: all)"},
			&urfave.BoolFlag{Name: "newest-first", Usage: "newest first"},
			flagJSON()),
		Action: func(c *urfave.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "list takes no arguments; filter with --type and --tag")
			}
			if c.Int("limit") < 0 {
				return usageErrorf(c, "--limit %d: use 0 (all) or more", c.Int("limit"))
			}
			sc, err := scope(f, c)
			if err != nil {
				return err
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			pr := newPrinter(f.IO, c.Bool("json"), false)
			cursor, remaining := "", c.Int("limit")
			for {
				page := 1000
				if remaining > 0 {
					page = min(page, remaining)
				}
				res, err := svc.List(c.Context, memory.ListRequest{Scope: sc, Types: c.StringSlice("type"), Tags: c.StringSlice("tag"),
					Limit: page, Cursor: cursor, NewestFirst: c.Bool("newest-first")})
				if err != nil {
					return memoryError(c, err)
				}
				for _, m := range res.Memories {
					if err := pr.memory(m, nil); err != nil {
						return err
					}
				}
				remaining -= len(res.Memories)
				if res.NextCursor == "" || c.Int("limit") > 0 && remaining <= 0 {
					return pr.flush()
				}
				cursor = res.NextCursor
			}
		},
	}
}

func newMemoryQueryCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "query",
		Aliases:   []string{"search"},
		Usage:     "hybrid search: best matches first",
		ArgsUsage: "QUERY|-",
		Description: "Fuses full-text BM25, vector similarity, word-level re-ranking, graph neighbours\n" +
			"and recency. --explain shows each component's rank and share of the score.\n" +
			"Exits 0 with no output when nothing matches.",
		Flags: append(scopeFlags(), flagTypeFilter(), flagTagFilter(),
			&urfave.IntFlag{Name: "limit", Aliases: []string{"k"}, Usage: "at most this many results (default: search.limit, 10)"},
			&urfave.BoolFlag{Name: "explain", Usage: "show the score breakdown of each result (on a pipe: a last tab-separated column)"},
			&urfave.IntFlag{Name: "budget-tokens", Usage: "return as many whole results as fit this many tokens"},
			&urfave.StringFlag{Name: "since", Usage: "only memories created at or after (2026-11-01, RFC 3339, or an age: 7d)"},
			&urfave.StringFlag{Name: "until", Usage: "only memories created before"},
			&urfave.StringFlag{Name: "strategy", Value: memory.StrategyHybrid, Usage: "retrieval strategy: " + strings.Join(memory.Strategies, ", ") + " (auto: a learning router chooses)"},
			flagJSON()),
		Action: func(c *urfave.Context) error {
			q, err := textArg(c, f.IO.In, "QUERY")
			if err != nil {
				return err
			}
			if strings.TrimSpace(q) == "" {
				return usageErrorf(c, "QUERY is empty")
			}
			req := memory.SearchRequest{Query: q, Types: c.StringSlice("type"), Tags: c.StringSlice("tag"), Explain: c.Bool("explain"), Strategy: c.String("strategy")}
			if !slices.Contains(memory.Strategies, req.Strategy) {
				return usageErrorf(c, "--strategy %q: use %s", req.Strategy, strings.Join(memory.Strategies, ", "))
			}
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			req.Limit = cfg.Search.Limit
			if c.IsSet("limit") {
				if req.Limit = c.Int("limit"); req.Limit <= 0 {
					return usageErrorf(c, "--limit %d: use 1 or more", req.Limit)
				}
			}
			if req.BudgetTokens = c.Int("budget-tokens"); req.BudgetTokens < 0 {
				return usageErrorf(c, "--budget-tokens %d: use a positive number", req.BudgetTokens)
			}
			if req.Since, err = parseTime(c.String("since")); err != nil {
				return usageErrorf(c, "--since: %v", err)
			}
			if req.Until, err = parseTime(c.String("until")); err != nil {
				return usageErrorf(c, "--until: %v", err)
			}
			if req.Scope, err = scope(f, c); err != nil {
				return err
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			resp, err := svc.Search(c.Context, req)
			if err != nil {
				return memoryError(c, err)
			}
			if resp.Stale != nil {
				fmt.Fprintf(f.IO.ErrOut, "sweet: warning: %s\n", resp.Stale)
			}
			for _, w := range resp.Warnings {
				fmt.Fprintf(f.IO.ErrOut, "sweet: warning: %s\n", w)
			}
			if req.Explain && !c.Bool("json") {
				fmt.Fprintf(f.IO.ErrOut, "strategy: %s\n", resp.Strategy)
				if resp.Why != "" {
					fmt.Fprintln(f.IO.ErrOut, resp.Why)
				}
			}
			pr := newPrinter(f.IO, c.Bool("json"), true)
			for i := range resp.Results {
				r := &resp.Results[i]
				if err := pr.memory(r.Memory, r); err != nil {
					return err
				}
			}
			if resp.Truncated {
				fmt.Fprintf(f.IO.ErrOut, "sweet: stopped at %d results to stay within %d tokens\n", len(resp.Results), req.BudgetTokens)
			}
			return pr.flush()
		},
	}
}

// printer writes memories as JSON Lines, a table on a terminal, or plain
// tab-separated lines on a pipe.
type printer struct {
	io     *IOStreams
	json   bool
	scored bool
	tw     *tabwriter.Writer
	n      int
}

func newPrinter(io *IOStreams, json, scored bool) *printer {
	p := &printer{io: io, json: json, scored: scored}
	if !json && io.OutTTY {
		p.tw = tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
	}
	return p
}

func (p *printer) memory(m *memory.Memory, r *memory.Result) error {
	p.n++
	if p.json {
		if r != nil {
			return writeJSON(p.io.Out, r)
		}
		return writeJSON(p.io.Out, m)
	}
	score := ""
	if r != nil {
		score = strconv.FormatFloat(r.Score, 'f', 3, 64)
	}
	if p.tw == nil {
		fields := []string{m.ID}
		if p.scored {
			fields = append(fields, score)
		}
		fields = append(fields, m.Type, strings.Join(m.Tags, ","), oneLine(m.Content, 0))
		if r != nil && r.Explain != nil {
			// A last column, so that the columns before it keep their places.
			fields = append(fields, explainLine(r.Explain))
		}
		_, err := fmt.Fprintln(p.io.Out, strings.Join(fields, "\t"))
		return err
	}
	if p.n == 1 {
		if p.scored {
			fmt.Fprintln(p.tw, "SCORE\tID\tTYPE\tTAGS\tCONTENT")
		} else {
			fmt.Fprintln(p.tw, "ID\tTYPE\tTAGS\tCONTENT")
		}
	}
	width := p.io.TermWidth
	if width <= 0 {
		width = 100
	}
	content := oneLine(m.Content, max(20, width-60))
	if p.scored {
		fmt.Fprintf(p.tw, "%s\t%s\t%s\t%s\t%s\n", score, m.ID, m.Type, oneLine(strings.Join(m.Tags, ","), 20), content)
	} else {
		fmt.Fprintf(p.tw, "%s\t%s\t%s\t%s\n", m.ID, m.Type, oneLine(strings.Join(m.Tags, ","), 20), content)
	}
	if r != nil && r.Explain != nil {
		fmt.Fprintf(p.tw, "\t%s\t\t\t\n", explainLine(r.Explain))
	}
	return nil
}

func (p *printer) flush() error {
	if p.tw != nil {
		return p.tw.Flush()
	}
	return nil
}

// explainLine renders a score breakdown compactly.
func explainLine(e *memory.Explanation) string {
	var parts []string
	add := func(name string, c *memory.Component) {
		if c != nil {
			parts = append(parts, fmt.Sprintf("%s #%d (%.3f → %.3f)", name, c.Rank, c.Score, c.Contribution))
		}
	}
	add("lexical", e.Lexical)
	add("vector", e.Vector)
	add("rerank", e.Rerank)
	add("graph", e.Graph)
	add("recency", e.Recency)
	s := strings.Join(parts, ", ")
	if e.Via != "" {
		s += ", via " + e.Via
	}
	return s
}
