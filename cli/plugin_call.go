package cli

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/plugins"
)

func newPluginCallCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "call",
		Usage:     "call one tool of a plugin and print its result",
		ArgsUsage: "PLUGIN TOOL",
		Description: "Prints text content as text and describes images and other binary content by type and\n" +
			"size (--json prints the whole MCP result). Exits 1 when the tool reports an error.",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "args", Value: "{}", Usage: "the tool's arguments as a JSON object, or - to read them from stdin"},
			&urfave.BoolFlag{Name: "json", Usage: "print the raw MCP result as JSON"},
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() != 2 {
				return usageErrorf(c, "want the PLUGIN and the TOOL; got %d arguments%s", c.NArg(), flagsLast(c))
			}
			name, tool := c.Args().Get(0), c.Args().Get(1)
			args, err := callArgs(c, f.IO.In)
			if err != nil {
				return err
			}
			p, err := pluginsFor(c.Context, f)
			if err != nil {
				return err
			}
			pl, err := p.Load(c.Context, name)
			if err != nil {
				return err
			}
			defer pl.Close(context.Background())
			if !pl.HasTool(tool) {
				var names []string
				for _, t := range pl.Tools() {
					names = append(names, t.Name)
				}
				return usageErrorf(c, "plugin %s has no tool %q; its tools: %s", name, tool, strings.Join(names, ", "))
			}
			res, err := pl.CallTool(c.Context, tool, args)
			if err != nil {
				return err
			}
			return printResult(f.IO, res, c.Bool("json"))
		},
	}
}

// callArgs reads --args: a JSON object, or stdin for "-".
func callArgs(c *urfave.Context, in io.Reader) (json.RawMessage, error) {
	raw := c.String("args")
	if raw == "-" {
		s, err := readAllLimited(in)
		if err != nil {
			return nil, err
		}
		raw = s
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(raw), &obj); err != nil || obj == nil {
		return nil, usageErrorf(c, "--args must be a JSON object, such as '{\"data\":\"abc\"}'")
	}
	return json.RawMessage(raw), nil
}

// printResult prints a tool result: text as text, other content described
// by type and size. An isError result goes to stderr and exits 1.
func printResult(s *IOStreams, res *plugins.CallResult, raw bool) error {
	w := s.Out
	if res.IsError && !raw {
		w = s.ErrOut
	}
	if raw {
		if err := writeJSON(w, res); err != nil {
			return err
		}
	} else {
		for _, ct := range res.Content {
			if _, err := fmt.Fprintln(w, describeContent(ct)); err != nil {
				return err
			}
		}
	}
	if res.IsError {
		return &SilentError{Code: ExitFailure}
	}
	return nil
}

func describeContent(ct plugins.Content) string {
	switch ct.Type {
	case "text":
		return strings.TrimSuffix(ct.Text, "\n")
	case "image", "audio":
		return fmt.Sprintf("[%s: %s, %s] (use --json for the data)", ct.Type, ct.MimeType, dataSize(ct.Data))
	case "resource":
		if r := ct.Resource; r != nil {
			if r.Text != "" {
				return r.Text
			}
			return fmt.Sprintf("[resource %s: %s, %s]", r.URI, r.MimeType, dataSize(r.Blob))
		}
	case "resource_link":
		return fmt.Sprintf("[link: %s]", ct.URI)
	}
	return fmt.Sprintf("[%s content]", ct.Type)
}

// dataSize is the decoded size of base64 data.
func dataSize(b64 string) string {
	n := base64.StdEncoding.DecodedLen(len(b64)) - strings.Count(b64[max(0, len(b64)-2):], "=")
	return fmt.Sprintf("%d bytes", n)
}
