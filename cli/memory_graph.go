package cli

import (
	"fmt"
	"strconv"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/engine/memory"
)

var relationTypesUsage = "relation type: " + strings.Join(memory.RelationTypes, ", ") + " or custom:NAME"

func newMemoryLinkCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "link",
		Usage:     "relate one memory to another (typed, with a strength)",
		ArgsUsage: "FROM_ID TO_ID",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "type", Aliases: []string{"t"}, Value: "related_to", Usage: relationTypesUsage},
			&urfave.StringFlag{Name: "strength", Usage: "strength from 0 to 1 (default 1)"},
			&urfave.StringSliceFlag{Name: "meta", Usage: "metadata key=value (repeatable)"},
			flagJSON(),
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() != 2 {
				return usageErrorf(c, "link takes FROM_ID and TO_ID")
			}
			r := memory.LinkRequest{From: c.Args().Get(0), To: c.Args().Get(1), Type: c.String("type")}
			if c.IsSet("strength") {
				v, err := strconv.ParseFloat(c.String("strength"), 64)
				if err != nil || v < 0 || v > 1 {
					return usageErrorf(c, "--strength %q: use a number from 0 to 1", c.String("strength"))
				}
				r.Strength = &v
			}
			var err error
			if r.Metadata, err = parseMeta(c, c.StringSlice("meta")); err != nil {
				return err
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			l, err := svc.Link(c.Context, r)
			if err != nil {
				return memoryError(c, err)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, l)
			}
			fmt.Fprintf(f.IO.ErrOut, "Linked %s -[%s %.2f]-> %s\n", l.From, l.Type, l.Strength, l.To)
			return nil
		},
	}
}

func newMemoryUnlinkCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "unlink",
		Usage:     "remove relations from one memory to another",
		ArgsUsage: "FROM_ID TO_ID",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "type", Aliases: []string{"t"}, Usage: "only this relation type (default: all)"},
			flagJSON(),
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() != 2 {
				return usageErrorf(c, "unlink takes FROM_ID and TO_ID")
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			n, err := svc.Unlink(c.Context, c.Args().Get(0), c.Args().Get(1), c.String("type"))
			if err != nil {
				return memoryError(c, err)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, map[string]any{"removed": n})
			}
			fmt.Fprintf(f.IO.ErrOut, "Removed %d relations\n", n)
			return nil
		},
	}
}

func newMemoryRelatedCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "related",
		Usage:     "memories reachable from one through relations (k hops)",
		ArgsUsage: "ID",
		Flags: []urfave.Flag{
			&urfave.IntFlag{Name: "depth", Aliases: []string{"d"}, Value: 1, Usage: "hops to follow (1 to 5)"},
			&urfave.StringSliceFlag{Name: "type", Aliases: []string{"t"}, Usage: "follow only this relation type (repeatable)"},
			&urfave.IntFlag{Name: "limit", Value: 50, Usage: "at most this many"},
			flagJSON(),
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() != 1 {
				return usageErrorf(c, "related takes one memory ID")
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			rel, err := svc.Related(c.Context, memory.RelatedRequest{ID: c.Args().First(), Depth: c.Int("depth"), Types: c.StringSlice("type"), Limit: c.Int("limit")})
			if err != nil {
				return memoryError(c, err)
			}
			for _, r := range rel {
				if c.Bool("json") {
					err = writeJSON(f.IO.Out, r)
				} else {
					_, err = fmt.Fprintf(f.IO.Out, "%s\t%d\t%.3f\t%s\t%s\n", r.ID, r.Depth, r.Strength, r.Via, oneLine(r.Content, 0))
				}
				if err != nil {
					return err
				}
			}
			return nil
		},
	}
}
