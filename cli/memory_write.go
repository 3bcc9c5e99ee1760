package cli

import (
	"fmt"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/engine/memory"
)

func newMemoryAddCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "add",
		Usage:     "store a memory and print its id",
		ArgsUsage: "CONTENT|-",
		Description: "Stores CONTENT (or stdin for -) in the project's namespace. An identical memory is\n" +
			"returned instead of a copy; near-duplicates are reported on stderr (--merge folds the\n" +
			"new text into the closest one). Likely secrets (API keys, tokens, private keys) are\n" +
			"redacted unless --no-redact is given, and the command says what it redacted.\n" +
			"Types: " + strings.Join(memory.Types, ", ") + ", or custom:NAME.",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "type", Aliases: []string{"t"}, Value: memory.TypeSemantic, Usage: "memory type"},
			&urfave.StringSliceFlag{Name: "tag", Usage: "tag (repeatable)"},
			flagNamespace(),
			&urfave.StringFlag{Name: "importance", Usage: "importance from 0 to 1 (default 0.5)"},
			&urfave.StringSliceFlag{Name: "meta", Usage: "metadata key=value (repeatable; JSON values keep their type)"},
			&urfave.StringFlag{Name: "source", Usage: "where the memory came from (free text)"},
			&urfave.BoolFlag{Name: "no-redact", Usage: "keep likely secrets as written"},
			&urfave.BoolFlag{Name: "merge", Usage: "fold into a near-duplicate instead of adding beside it"},
			flagJSON(),
		},
		Action: func(c *urfave.Context) error {
			content, err := textArg(c, f.IO.In, "CONTENT")
			if err != nil {
				return err
			}
			meta, err := parseMeta(c, c.StringSlice("meta"))
			if err != nil {
				return err
			}
			imp, err := parseImportance(c)
			if err != nil {
				return err
			}
			if _, err := memory.ValidateType(c.String("type")); err != nil {
				return usageErrorf(c, "--type: %v", err)
			}
			ns, err := namespace(f, c)
			if err != nil {
				return err
			}
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			res, err := svc.Add(c.Context, memory.AddRequest{Content: content, Namespace: ns, Type: c.String("type"),
				Tags: c.StringSlice("tag"), Metadata: meta, Importance: imp, Source: c.String("source"),
				NoRedact: c.Bool("no-redact") || !cfg.Memory.Redact, Merge: c.Bool("merge")})
			if err != nil {
				return memoryError(c, err)
			}
			reportAdd(f.IO, res)
			if c.Bool("json") {
				return writeJSON(f.IO.Out, struct {
					ID string `json:"id"`
					*memory.AddResult
				}{res.Memory.ID, res})
			}
			_, err = fmt.Fprintln(f.IO.Out, res.Memory.ID)
			return err
		},
	}
}

// reportAdd tells the user on stderr what hygiene did to their memory.
func reportAdd(io *IOStreams, res *memory.AddResult) {
	for _, r := range res.Redactions {
		fmt.Fprintf(io.ErrOut, "sweet: redacted %d %s (use --no-redact to keep it)\n", r.Count, r.Kind)
	}
	switch res.Status {
	case "duplicate":
		fmt.Fprintf(io.ErrOut, "sweet: identical to memory %s; nothing new was stored\n", res.Memory.ID)
	case "merged":
		fmt.Fprintf(io.ErrOut, "sweet: merged into near-duplicate %s\n", res.Memory.ID)
	default:
		for _, n := range res.NearDuplicates {
			fmt.Fprintf(io.ErrOut, "sweet: near-duplicate of %s (similarity %.2f): %s\n", n.ID, n.Similarity, oneLine(n.Content, 60))
		}
		if len(res.NearDuplicates) > 0 {
			fmt.Fprintln(io.ErrOut, "sweet: use --merge to fold new text into the closest one instead")
		}
	}
	if res.Warning != "" {
		fmt.Fprintf(io.ErrOut, "sweet: warning: %s\n", res.Warning)
	}
}

func newMemoryUpdateCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "update",
		Usage:     "change a memory's content, type, tags, metadata or importance",
		ArgsUsage: "ID",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "content", Usage: "new content (- reads stdin)"},
			&urfave.StringFlag{Name: "type", Aliases: []string{"t"}, Usage: "new type"},
			&urfave.StringSliceFlag{Name: "tag", Usage: "replace the tags with these (repeatable)"},
			&urfave.StringSliceFlag{Name: "add-tag", Usage: "add a tag (repeatable)"},
			&urfave.StringSliceFlag{Name: "remove-tag", Usage: "remove a tag (repeatable)"},
			&urfave.StringSliceFlag{Name: "meta", Usage: "set metadata key=value (repeatable; key=null removes it)"},
			&urfave.StringFlag{Name: "importance", Usage: "importance from 0 to 1"},
			&urfave.StringFlag{Name: "move-to", Usage: "move the memory to another namespace"},
			&urfave.BoolFlag{Name: "no-redact", Usage: "keep likely secrets in the new content"},
			flagJSON(),
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() != 1 {
				return usageErrorf(c, "update takes one memory ID")
			}
			r := memory.UpdateRequest{ID: c.Args().First(), AddTags: c.StringSlice("add-tag"), RemoveTags: c.StringSlice("remove-tag"), NoRedact: c.Bool("no-redact")}
			if c.IsSet("content") {
				text := c.String("content")
				if text == "-" {
					b, err := readAllLimited(f.IO.In)
					if err != nil {
						return err
					}
					text = b
				}
				r.Content = &text
			}
			if c.IsSet("type") {
				t := c.String("type")
				r.Type = &t
			}
			if c.IsSet("tag") {
				tags := c.StringSlice("tag")
				r.Tags = &tags
			}
			if c.IsSet("move-to") {
				ns := c.String("move-to")
				r.Namespace = &ns
			}
			var err error
			if r.Metadata, err = parseMeta(c, c.StringSlice("meta")); err != nil {
				return err
			}
			if r.Importance, err = parseImportance(c); err != nil {
				return err
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			res, err := svc.Update(c.Context, r)
			if err != nil {
				return memoryError(c, err)
			}
			for _, red := range res.Redactions {
				fmt.Fprintf(f.IO.ErrOut, "sweet: redacted %d %s (use --no-redact to keep it)\n", red.Count, red.Kind)
			}
			if res.Warning != "" {
				fmt.Fprintf(f.IO.ErrOut, "sweet: warning: %s\n", res.Warning)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, res.Memory)
			}
			_, err = fmt.Fprintln(f.IO.Out, res.Memory.ID)
			return err
		},
	}
}

func newMemoryDeleteCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "delete",
		Usage:     "delete memories (all or none: every ID must exist)",
		ArgsUsage: "ID...",
		Flags:     []urfave.Flag{flagJSON()},
		Action: func(c *urfave.Context) error {
			if c.NArg() == 0 {
				return usageErrorf(c, "delete takes one or more memory IDs")
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			n, err := svc.Delete(c.Context, c.Args().Slice()...)
			if err != nil {
				return memoryError(c, err)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, map[string]any{"deleted": n, "ids": c.Args().Slice()})
			}
			fmt.Fprintf(f.IO.ErrOut, "Deleted %d memories\n", n)
			return nil
		},
	}
}
