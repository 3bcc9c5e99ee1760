package tui

import (
	"fmt"
	"image"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sweetmcp/sweet/plugins"
	"github.com/sweetmcp/sweet/sixel"
)

// minImageRows is the least room worth drawing a result image in.
const minImageRows = 3

// View draws the plugin list, the selected plugin's permissions and tools,
// the call form and the latest result.
func (p *pluginsPane) View() string {
	st := p.sh.Styles
	switch {
	case !p.loaded:
		return st.Dim.Render("loading plugins…")
	case p.listErr != "":
		return st.StatusError.Render(oneLine(p.listErr, max(1, p.width))) + "\n" + st.Dim.Render("r retries")
	case len(p.list.Plugins) == 0:
		return st.Dim.Render("No plugins installed.") + "\n\n" +
			st.Dim.Render("Install one with `sweet plugin install PATH|URL` (it shows what the") + "\n" +
			st.Dim.Render("plugin asks for before you approve it); sweet's examples are in") + "\n" +
			st.Dim.Render("plugins/examples. Press r to look again.")
	}
	top := p.topLines()
	var b strings.Builder
	b.WriteString(strings.Join(top, "\n"))
	if p.result == nil {
		return b.String()
	}
	if p.result.img != nil {
		p.refreshImage(len(top))
		switch {
		case p.img.placement != nil:
			b.WriteString("\n" + p.img.view())
		case p.img.err != nil:
			b.WriteString("\n" + st.StatusError.Render(p.img.err.Error()))
		default:
			b.WriteString("\n" + st.Dim.Render("(make the pane larger to see the image)"))
		}
		return b.String()
	}
	room := max(1, p.height-len(top))
	lines := wrapLines(p.result.lines, max(1, p.width))
	from := max(0, min(p.scroll, len(lines)-room))
	for _, l := range lines[from:min(len(lines), from+room)] {
		b.WriteString("\n" + l)
	}
	return b.String()
}

// topLines is everything above the result's body: the list, the selected
// plugin, the form and the result's heading (and, for an image result, its
// text). The image goes right below, so its row is len(topLines()).
func (p *pluginsPane) topLines() []string {
	st := p.sh.Styles
	lines := []string{st.Label.Render(plural(len(p.list.Plugins), "plugin")) +
		st.Dim.Render(" "+oneLine("· ↑/↓ plugin · ←/→ tool · enter call · r refresh", max(1, p.width-12)))}
	off := p.listOffset()
	for i := off; i < min(len(p.list.Plugins), off+p.listHeight()); i++ {
		row := "  " + pluginRow(p.list.Plugins[i], p.width-2)
		if i == p.sel {
			row = st.Selected.Render(padRight("▸ "+row[2:], p.width))
		}
		lines = append(lines, row)
	}
	if p.list.LoadErr != "" {
		lines = append(lines, st.StatusError.Render(oneLine("not loaded: "+p.list.LoadErr, max(1, p.width))))
	}
	pi, _ := p.plugin()
	lines = append(lines, "")
	if p.result == nil && p.calling == "" {
		lines = append(lines, grantLines(pi.Record, st, p.width)...)
	}
	lines = append(lines, p.toolLines(pi)...)
	switch {
	case p.typing:
		lines = append(lines, p.input.View())
	case p.calling != "":
		lines = append(lines, st.Dim.Render("calling "+p.calling+"…"))
	case p.result != nil:
		head := "result of " + p.result.tool
		if p.result.isError {
			lines = append(lines, st.StatusError.Render(head+" (error)")+st.Dim.Render(" · esc closes"))
		} else {
			lines = append(lines, st.Label.Render(head)+st.Dim.Render(" · esc closes"))
		}
		if p.result.img != nil {
			lines = append(lines, p.result.lines...)
		}
	}
	return lines
}

// pluginRow is one plugin in the list.
func pluginRow(pi PluginInfo, width int) string {
	r := pi.Record
	state := "enabled"
	if !r.Enabled {
		state = "disabled"
	}
	n := len(pi.Tools)
	if !r.Enabled {
		n = len(r.Tools)
	}
	return oneLine(fmt.Sprintf("%-16s %-8s %-8s  %-7s %s", r.Name, state, plural(n, "tool"), r.ABI, sha(r.SHA256)), max(1, width))
}

// sha shortens a digest for display.
func sha(s string) string {
	if len(s) > 12 {
		return "sha256:" + s[:12]
	}
	return s
}

// grantLines shows what the plugin may do. Configuration is shown by key
// only: values, secret or not, stay out of the screen (and out of the TUI).
func grantLines(r plugins.Record, st Styles, width int) []string {
	g := r.Grants
	line := func(label, value string) string {
		return st.Label.Render(fmt.Sprintf("%-8s", label)) + oneLine(value, max(1, width-8))
	}
	network := "no HTTP"
	if len(g.AllowedHosts) > 0 {
		network = strings.Join(g.AllowedHosts, ", ")
	}
	var paths []string
	for _, pg := range g.Paths {
		mode := "ro"
		if pg.Writable {
			mode = "rw"
		}
		paths = append(paths, fmt.Sprintf("%s → %s (%s)", pg.Host, pg.Guest, mode))
	}
	var keys []string
	for _, c := range g.Config {
		k := c.Key
		if c.Secret {
			k += " (secret)"
		}
		keys = append(keys, k)
	}
	memory := "no access"
	if access := g.MemoryAccess(); access != "" {
		memory = access + " in " + plugins.MemoryNamespace(r.Name)
	}
	pages := g.EffectiveMemoryPages()
	return []string{
		st.Dim.Render(oneLine(r.Source, max(1, width))),
		line("network", network),
		line("files", orDefault(strings.Join(paths, ", "), "no files")),
		line("config", orDefault(strings.Join(keys, ", "), "none")),
		line("memory", memory),
		line("limits", fmt.Sprintf("%d MiB RAM, %s per call", int64(pages)*65536>>20, g.EffectiveTimeout())),
	}
}

// toolLines shows the plugin's tools, the selected one highlighted, and
// its description.
func (p *pluginsPane) toolLines(pi PluginInfo) []string {
	st := p.sh.Styles
	switch {
	case !pi.Record.Enabled:
		return []string{st.Dim.Render(oneLine(fmt.Sprintf("tools %s (disabled: sweet plugin enable %s)",
			strings.Join(pi.Record.Tools, ", "), pi.Record.Name), max(1, p.width)))}
	case len(pi.Tools) == 0:
		return []string{st.Dim.Render("no tools served (the plugin did not load; r retries)")}
	}
	var chips []string
	for i, t := range pi.Tools {
		if i == p.tool {
			chips = append(chips, st.Selected.Render(" "+t.Tool.Name+" "))
		} else {
			chips = append(chips, " "+t.Tool.Name+" ")
		}
	}
	t := pi.Tools[p.tool]
	desc := t.Tool.Description
	if desc == "" {
		desc = t.Tool.Title
	}
	return []string{
		st.Label.Render("tools ") + strings.Join(chips, ""),
		st.Dim.Render(oneLine(t.Name+": "+desc, max(1, p.width))),
	}
}

// refreshImage places the result's image below the top lines, in the rest
// of the pane, scaled by a whole number when it fits (see crispArea).
func (p *pluginsPane) refreshImage(topRows int) {
	area := sixel.Rect{Col: p.col, Row: p.row + topRows, Cols: p.width, Rows: p.height - topRows}
	if p.result == nil || p.result.img == nil || area.Rows < minImageRows || area.Cols < 1 {
		area = sixel.Rect{}
	}
	var img image.Image
	if p.result != nil && p.result.img != nil {
		img = p.result.img
		area = crispArea(area, p.sh.Caps, img.Bounds().Dx(), img.Bounds().Dy())
	}
	p.img.update(p.sh.Caps, area, fmt.Sprint(p.gen), func(int, int) image.Image { return img })
}

// wrapLines wraps each line to width cells, breaking long words (hashes,
// JSON) where they must.
func wrapLines(lines []string, width int) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.Split(ansi.Wrap(strings.ReplaceAll(l, "\t", "    "), width, ""), "\n")...)
	}
	return out
}

// orDefault is s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// plural is "1 tool", "2 tools".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
