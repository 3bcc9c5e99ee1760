package plugins

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Render writes the grants as a short table for a person to approve, one
// line per kind of access. Secret configuration values are masked.
// namespace is the plugin's memory namespace (see MemoryNamespace).
func (g Grants) Render(w io.Writer, namespace string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(label, value string) { fmt.Fprintf(tw, "  %s\t%s\n", label, value) }

	line("network", orNone(strings.Join(g.AllowedHosts, ", "), "no HTTP"))
	var paths []string
	for _, p := range g.Paths {
		mode := "read-only"
		if p.Writable {
			mode = "read-write"
		}
		paths = append(paths, fmt.Sprintf("%s -> %s (%s)", p.Host, p.Guest, mode))
	}
	line("files", orNone(strings.Join(paths, ", "), "no files"))
	var cfg []string
	for _, c := range g.Config {
		v := fmt.Sprintf("%q", c.Value)
		if c.Secret {
			v = "****** (secret)"
		}
		cfg = append(cfg, c.Key+"="+v)
	}
	line("config", orNone(strings.Join(cfg, ", "), "none"))
	memory := "no access"
	if access := g.MemoryAccess(); access != "" {
		memory = access + " in namespace " + namespace
	}
	line("memory", memory)
	pages := g.EffectiveMemoryPages()
	line("limits", fmt.Sprintf("%s RAM (%d pages), %s per call, %s per HTTP response",
		sizeString(int64(pages)*65536), pages, g.EffectiveTimeout(), sizeString(g.EffectiveMaxHTTPResponseBytes())))
	line("always", "real clock and random numbers; no environment variables, no other host access")
	return tw.Flush()
}

// String renders the grants on one line per kind (see Render), with the
// namespace left generic.
func (g Grants) String() string {
	var b strings.Builder
	_ = g.Render(&b, "plugin:<name>")
	return b.String()
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
