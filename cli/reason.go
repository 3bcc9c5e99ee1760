package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/reason"
)

func newReasonCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "reason",
		Usage: "reason about a problem as a tree of thoughts, scored and searched for the best path",
		Description: "A session is a problem and the thoughts you add about it. Each thought is scored by\n" +
			"coherence with the problem and its parent, novelty, and agreement with your stored\n" +
			"memories; the session's strategy (" + strategyNames() + ")\n" +
			"then searches the tree for the best path. Sessions live in sweet's database, so\n" +
			"every command (and `sweet mcp`) sees the same ones.\n\n" +
			"Examples:\n" +
			"  id=$(sweet reason start --strategy mcts \"Why did p99 latency double after the deploy?\")\n" +
			"  sweet reason think $id \"Compare the deploy's diff for new database queries\"\n" +
			"  sweet reason think --parent n0 $id \"Check whether traffic grew at the same time\"\n" +
			"  sweet reason show $id\n" +
			"  sweet reason export --format markdown $id > reasoning.md\n" +
			"  sweet reason save $id",
		Subcommands: []*urfave.Command{
			newReasonStartCmd(f), newReasonThinkCmd(f), newReasonShowCmd(f), newReasonExportCmd(f),
			newReasonSaveCmd(f), newReasonListCmd(f), newReasonDeleteCmd(f),
		},
	}
}

func strategyNames() string {
	names := make([]string, len(reason.Strategies))
	for i, s := range reason.Strategies {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// reasonerFor opens the engine and a reasoner that stores its sessions in
// the database and checks thoughts against the memory service.
func reasonerFor(ctx context.Context, f *Factory, readOnly bool) (*reason.Reasoner, error) {
	eng, err := f.Engine(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	// Reuse the engine's built-in embedder (its WordNet data is decoded
	// once); another provider leaves the reasoner its own.
	b, _ := eng.Memory.Embedder().(*embed.Builtin)
	return reason.New(reason.Config{Store: eng.DB, Memory: eng.Memory, Embedder: b}), nil
}

// reasonError maps the reasoner's errors like memory errors: its invalid
// input is memory.ErrInvalid, so bad input exits 2 with usage.
func reasonError(c *urfave.Context, err error) error {
	return memoryError(c, err)
}

// sessionArg returns the SESSION argument and checks the argument count.
func sessionArg(c *urfave.Context, extra string) (string, error) {
	want := 1
	if extra != "" {
		want = 2
	}
	if c.NArg() != want {
		if extra != "" {
			return "", usageErrorf(c, "want SESSION and %s, got %d arguments (quote the %s; flags go before it)", extra, c.NArg(), extra)
		}
		return "", usageErrorf(c, "want one SESSION argument, got %d", c.NArg())
	}
	return strings.ToUpper(c.Args().First()), nil
}

func newReasonStartCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "start",
		Usage:     "start a session for a problem and print its id",
		ArgsUsage: "PROBLEM|-",
		Description: "The problem becomes the root of the session's tree. --goal names the statement\n" +
			"mcts_002alt_alpha searches toward (the problem when not given). The session checks\n" +
			"thoughts against the memories of the project's namespace (or --namespace) and global.",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "strategy", Aliases: []string{"s"}, Value: string(reason.DefaultStrategy), Usage: "search strategy: " + strategyNames()},
			&urfave.StringFlag{Name: "goal", Usage: "goal statement to search toward"},
			flagNamespace(),
			flagJSON(),
		},
		Action: func(c *urfave.Context) error {
			problem, err := textArg(c, f.IO.In, "PROBLEM")
			if err != nil {
				return err
			}
			if _, err := reason.ParseStrategy(c.String("strategy")); err != nil {
				return reasonError(c, err)
			}
			ns, err := namespace(f, c)
			if err != nil {
				return err
			}
			r, err := reasonerFor(c.Context, f, false)
			if err != nil {
				return err
			}
			o, err := r.Start(c.Context, reason.StartRequest{Problem: problem, Goal: c.String("goal"), Strategy: c.String("strategy"), Namespace: ns})
			if err != nil {
				return reasonError(c, err)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, o)
			}
			_, err = fmt.Fprintln(f.IO.Out, o.ID)
			return err
		},
	}
}

func newReasonThinkCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "think",
		Usage:     "add a thought to a session, score it and search the tree again",
		ArgsUsage: "SESSION THOUGHT|-",
		Description: "Without --parent the thought follows the newest thought of the main line (or of\n" +
			"--branch). --parent n0 starts another line of thought from the problem. Prints the\n" +
			"new thought's id and score, the best path and the thought worth extending next.",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "parent", Aliases: []string{"p"}, Usage: "id of the thought this one follows (n0 is the problem)"},
			&urfave.StringFlag{Name: "branch", Usage: "branch label: continue or start this branch"},
			&urfave.BoolFlag{Name: "final", Usage: "this thought concludes its line of reasoning"},
			&urfave.StringFlag{Name: "strategy", Aliases: []string{"s"}, Usage: "switch the session's strategy: " + strategyNames()},
			&urfave.IntFlag{Name: "simulations", Usage: fmt.Sprintf("MCTS simulations, 1 to %d (default %d)", reason.MaxSimulations, reason.DefaultSimulations)},
			&urfave.IntFlag{Name: "beam-width", Usage: fmt.Sprintf("beam width, 1 to %d (default %d)", reason.MaxBeamWidth, reason.DefaultBeamWidth)},
			flagJSON(),
		},
		Action: func(c *urfave.Context) error {
			id, err := sessionArg(c, "THOUGHT")
			if err != nil {
				return err
			}
			thought := c.Args().Get(1)
			if thought == "-" {
				if thought, err = readAllLimited(f.IO.In); err != nil {
					return err
				}
			}
			r, err := reasonerFor(c.Context, f, false)
			if err != nil {
				return err
			}
			o, err := r.Show(c.Context, id)
			if err != nil {
				return reasonError(c, err)
			}
			n := len(o.Thoughts) // the root is thought 0, so this is the next number
			resp, err := r.Process(c.Context, nil, reason.Request{
				SessionID: id, Thought: thought, ThoughtNumber: n, TotalThoughts: n,
				NextThoughtNeeded: !c.Bool("final"), ParentID: c.String("parent"), BranchID: c.String("branch"),
				StrategyType: c.String("strategy"), NumSimulations: c.Int("simulations"), BeamWidth: c.Int("beam-width"),
			})
			if err != nil {
				return reasonError(c, err)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, resp)
			}
			return printThought(f, resp)
		},
	}
}

// printThought is think's human-readable answer.
func printThought(f *Factory, resp *reason.Response) error {
	var path []string
	for _, p := range resp.BestPath {
		path = append(path, p.ID)
	}
	s := resp.Scores
	_, err := fmt.Fprintf(f.IO.Out, "%s score=%.3f (problem %.2f, parent %.2f, novelty %.2f%s)\nbest path: %s (value %.3f, %s)\nnext: extend %s\n",
		resp.NodeID, resp.Score, s.Problem, s.Parent, s.Novelty, memoryNote(s),
		strings.Join(path, " > "), resp.BestScore, resp.StrategyUsed, resp.SuggestedParentID)
	return err
}

func memoryNote(s reason.Scores) string {
	var b strings.Builder
	if len(s.SupportedBy) > 0 {
		fmt.Fprintf(&b, ", supported by %s", strings.Join(s.SupportedBy, " "))
	}
	if len(s.ContradictedBy) > 0 {
		fmt.Fprintf(&b, ", contradicted by %s", strings.Join(s.ContradictedBy, " "))
	}
	return b.String()
}

func newReasonShowCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "show",
		Usage:     "show a session's tree and best path",
		ArgsUsage: "SESSION",
		Description: "One thought per line, indented under its parent, with its score and the last\n" +
			"search's visits and value. * marks the best path, > the thought to extend next.",
		Flags: []urfave.Flag{flagJSON()},
		Action: func(c *urfave.Context) error {
			id, err := sessionArg(c, "")
			if err != nil {
				return err
			}
			r, err := reasonerFor(c.Context, f, true)
			if err != nil {
				return err
			}
			o, err := r.Show(c.Context, id)
			if err != nil {
				return reasonError(c, err)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, o)
			}
			_, err = fmt.Fprintf(f.IO.Out, "session %s  strategy %s  thoughts %d  best path value %.3f\n%s",
				o.ID, o.Strategy, o.Stats.TotalNodes-1, o.BestScore, o.Tree())
			return err
		},
	}
}

func newReasonExportCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "export",
		Usage:     "export a session as JSON or Markdown",
		ArgsUsage: "SESSION",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "json", Usage: "json or markdown"},
			&urfave.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file instead of stdout", TakesFile: true},
		},
		Action: func(c *urfave.Context) error {
			id, err := sessionArg(c, "")
			if err != nil {
				return err
			}
			r, err := reasonerFor(c.Context, f, true)
			if err != nil {
				return err
			}
			b, err := r.Export(c.Context, id, c.String("format"))
			if err != nil {
				return reasonError(c, err)
			}
			if out := c.String("output"); out != "" {
				if err := os.WriteFile(out, b, 0o644); err != nil {
					return fmt.Errorf("write export: %w", err)
				}
				return nil
			}
			_, err = f.IO.Out.Write(b)
			return err
		},
	}
}

func newReasonSaveCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "save",
		Usage:     "save a session's best path as linked memories",
		ArgsUsage: "SESSION",
		Description: "The problem and each thought on the best path become memories (tagged reasoning and\n" +
			"session:ID), linked problem -related_to-> first thought -causes-> next thought ....\n" +
			"Saving again adds only thoughts not saved before. Prints the memory ids.",
		Flags: []urfave.Flag{flagNamespace(), flagJSON()},
		Action: func(c *urfave.Context) error {
			id, err := sessionArg(c, "")
			if err != nil {
				return err
			}
			ns := ""
			if c.IsSet("namespace") {
				if ns, err = namespace(f, c); err != nil {
					return err
				}
			}
			r, err := reasonerFor(c.Context, f, false)
			if err != nil {
				return err
			}
			res, err := r.Save(c.Context, id, ns)
			if err != nil {
				return reasonError(c, err)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, res)
			}
			_, err = fmt.Fprintln(f.IO.Out, strings.Join(append([]string{res.Problem}, res.Memories...), "\n"))
			return err
		},
	}
}

func newReasonListCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "list",
		Usage: "list stored sessions, most recently updated first",
		Flags: []urfave.Flag{&urfave.IntFlag{Name: "limit", Value: 20, Usage: "at most this many (0: all)"}, flagJSON()},
		Action: func(c *urfave.Context) error {
			eng, err := f.Engine(c.Context, true)
			if err != nil {
				return err
			}
			list, err := eng.DB.ListReasonSessions(c.Context, c.Int("limit"))
			if err != nil {
				return err
			}
			r, err := reasonerFor(c.Context, f, true)
			if err != nil {
				return err
			}
			for _, info := range list {
				o, err := r.Show(c.Context, info.ID)
				if err != nil {
					return reasonError(c, err)
				}
				if c.Bool("json") {
					err = writeJSON(f.IO.Out, struct {
						ID        string          `json:"id"`
						Problem   string          `json:"problem"`
						Strategy  reason.Strategy `json:"strategy"`
						Thoughts  int             `json:"thoughts"`
						BestScore float64         `json:"best_score"`
						UpdatedAt string          `json:"updated_at"`
					}{o.ID, o.Problem, o.Strategy, o.Stats.TotalNodes - 1, o.BestScore, info.UpdatedAt.Format("2006-01-02T15:04:05Z")})
				} else {
					_, err = fmt.Fprintf(f.IO.Out, "%s  %-17s %3d thoughts  %s\n", o.ID, o.Strategy, o.Stats.TotalNodes-1, oneLine(o.Problem, 60))
				}
				if err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func newReasonDeleteCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "delete",
		Usage:     "delete a session (memories saved from it stay)",
		ArgsUsage: "SESSION",
		Action: func(c *urfave.Context) error {
			id, err := sessionArg(c, "")
			if err != nil {
				return err
			}
			r, err := reasonerFor(c.Context, f, false)
			if err != nil {
				return err
			}
			return reasonError(c, r.Delete(c.Context, id))
		},
	}
}
