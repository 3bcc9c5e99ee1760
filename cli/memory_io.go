package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/engine/memory"
)

func newMemoryImportCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:      "import",
		Usage:     "import memories: sweet's JSON Lines, server-memory's memory.jsonl, or an Obsidian vault",
		ArgsUsage: "FILE|DIR|-",
		Description: "Formats:\n" +
			"  jsonl          sweet's own export (round-trips exactly)\n" +
			"  server-memory  memory.jsonl of @modelcontextprotocol/server-memory (entities and relations)\n" +
			"  obsidian       a folder of Markdown notes: front matter becomes tags and metadata,\n" +
			"                 [[wikilinks]] become relations\n" +
			"All or nothing: a bad record fails the import with its line number and nothing is\n" +
			"written, unless --skip-invalid is given.",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "format", Aliases: []string{"f"}, Value: memory.FormatSweet, Usage: "jsonl, server-memory or obsidian"},
			flagNamespace(),
			&urfave.BoolFlag{Name: "skip-invalid", Usage: "import the valid records and report the others"},
			&urfave.BoolFlag{Name: "no-redact", Usage: "keep likely secrets as written"},
			flagJSON(),
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() != 1 {
				return usageErrorf(c, "import takes one FILE, DIR or - (stdin)")
			}
			format := c.String("format")
			ns, err := namespace(f, c)
			if err != nil {
				return err
			}
			opts := memory.ImportOptions{Namespace: ns, SkipInvalid: c.Bool("skip-invalid"), NoRedact: c.Bool("no-redact"),
				Progress: progressBar(f.IO, "embedding")}
			src := c.Args().First()
			var run func(*memory.Service) (*memory.ImportReport, error)
			switch format {
			case memory.FormatSweet, memory.FormatServerMemory:
				in, closeIn, err := openInput(f, src)
				if err != nil {
					return err
				}
				defer closeIn()
				run = func(s *memory.Service) (*memory.ImportReport, error) {
					return s.ImportJSONL(c.Context, format, in, opts)
				}
			case memory.FormatObsidian:
				st, err := os.Stat(src)
				if err != nil || !st.IsDir() {
					return usageErrorf(c, "--format obsidian needs a vault directory; %s is not one", src)
				}
				run = func(s *memory.Service) (*memory.ImportReport, error) {
					return s.ImportObsidian(c.Context, os.DirFS(src), opts)
				}
			default:
				return usageErrorf(c, "--format %q: use %s", format, strings.Join(memory.ImportFormats, ", "))
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			rep, err := run(svc)
			if err != nil {
				return memoryError(c, err)
			}
			for _, s := range rep.Skipped {
				fmt.Fprintf(f.IO.ErrOut, "sweet: skipped %s\n", s)
			}
			for _, w := range rep.Warnings {
				fmt.Fprintf(f.IO.ErrOut, "sweet: warning: %s\n", w)
			}
			if c.Bool("json") {
				return writeJSON(f.IO.Out, rep)
			}
			fmt.Fprintf(f.IO.ErrOut, "Imported %d memories (%d already present), %d relations, %d entities, %d entity relations; redacted secrets in %d\n",
				rep.Memories, rep.Duplicates, rep.Relations, rep.Entities, rep.EntityRelations, rep.Redacted)
			return nil
		},
	}
}

// openInput opens a file argument, or stdin for "-".
func openInput(f *Factory, path string) (io.Reader, func(), error) {
	if path == "-" {
		return f.IO.In, func() {}, nil
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", path, unwrapPath(err))
	}
	return bufio.NewReaderSize(fh, 1<<20), func() { fh.Close() }, nil
}

func newMemoryExportCmd(f *Factory) *urfave.Command {
	return &urfave.Command{
		Name:  "export",
		Usage: "write memories, relations and entities in scope as JSON Lines",
		Flags: append(scopeFlags(),
			&urfave.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file instead of stdout", TakesFile: true}),
		Action: func(c *urfave.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "export takes no arguments; use --output FILE or redirect stdout")
			}
			sc, err := scope(f, c)
			if err != nil {
				return err
			}
			svc, err := engineFor(c.Context, f)
			if err != nil {
				return err
			}
			w := f.IO.Out
			var fh *os.File
			if out := c.String("output"); out != "" {
				if fh, err = os.Create(out); err != nil {
					return fmt.Errorf("create %s: %w", out, unwrapPath(err))
				}
				defer fh.Close()
				w = fh
			}
			bw := bufio.NewWriterSize(w, 1<<20)
			n, err := svc.Export(c.Context, sc, bw)
			if err == nil {
				err = bw.Flush()
			}
			if err == nil && fh != nil {
				err = fh.Close()
			}
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			fmt.Fprintf(f.IO.ErrOut, "Exported %d memories\n", n)
			return nil
		},
	}
}

// progressBar returns a progress callback that draws on stderr when it is a
// terminal, and nothing otherwise (pipes and CI logs stay clean).
func progressBar(io *IOStreams, label string) func(done, total int) {
	if !io.ErrTTY {
		return nil
	}
	return func(done, total int) {
		if total <= 0 {
			return
		}
		const width = 30
		filled := width * done / total
		fmt.Fprintf(io.ErrOut, "\r%s [%s%s] %d/%d", label, strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done, total)
		if done >= total {
			fmt.Fprintln(io.ErrOut)
		}
	}
}
