package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sweetmcp/sweet/engine/memory"
)

// detailMsg carries a memory and its links for the detail view.
type detailMsg struct {
	mem   *memory.Memory
	links []memory.Link
}

// deletedMsg says a memory was deleted.
type deletedMsg struct{ id string }

// loadDetail reads one memory and its links.
func loadDetail(sh *Shared, id string) tea.Cmd {
	return func() tea.Msg {
		ms, err := sh.Engine.Get(sh.Ctx, id)
		if err != nil {
			return errMsg{op: "open memory " + shortID(id), err: err}
		}
		if len(ms) == 0 {
			return errMsg{op: "open memory " + shortID(id), err: memory.ErrNotFound}
		}
		links, err := sh.Engine.Links(sh.Ctx, id)
		if err != nil {
			return errMsg{op: "read links of " + shortID(id), err: err}
		}
		return detailMsg{mem: ms[0], links: links}
	}
}

// deleteMemory deletes one memory.
func deleteMemory(sh *Shared, id string) tea.Cmd {
	return func() tea.Msg {
		if _, err := sh.Engine.Delete(sh.Ctx, id); err != nil {
			return errMsg{op: "delete memory " + shortID(id), err: err}
		}
		return tea.BatchMsg{func() tea.Msg { return deletedMsg{id: id} }, infoCmd("deleted memory %s", shortID(id))}
	}
}

// View draws the pane in its current mode.
func (p *memoriesPane) View() string {
	switch p.mode {
	case modeDetail:
		return p.detailView()
	case modeForm:
		return p.form.view(p.sh.Styles)
	}
	st := p.sh.Styles
	var b strings.Builder
	switch p.mode {
	case modeFilter:
		b.WriteString(p.filter.View())
	case modeConfirm:
		if m := p.confirmTarget(); m != nil {
			b.WriteString(st.Confirm.Render(fmt.Sprintf("Delete %s %q? y/n", shortID(m.ID), oneLine(m.Content, 30))))
		}
	default:
		order := "newest first"
		if !p.list.newestFirst {
			order = "oldest first"
		}
		head := st.Dim.Render(fmt.Sprintf("%s · %s", p.countText(), order))
		if p.list.filter.raw != "" {
			head = st.Input.Render("/ "+p.list.filter.raw) + "  " + head
		}
		b.WriteString(head)
	}
	b.WriteString("\n")
	b.WriteString(p.rowsView())
	return b.String()
}

// countText says how many rows are loaded, and whether more exist.
func (p *memoriesPane) countText() string {
	n := len(p.list.rows)
	switch {
	case p.list.loading && n == 0:
		return "loading…"
	case p.list.done:
		return fmt.Sprintf("%d shown", n)
	}
	return fmt.Sprintf("%d+ loaded", n)
}

// rowsView draws the visible rows: type, first line, tags, date.
func (p *memoriesPane) rowsView() string {
	st := p.sh.Styles
	h := p.listHeight()
	if len(p.list.rows) == 0 && !p.list.loading {
		return st.Dim.Render("No memories here. Press a to add one.")
	}
	lines := make([]string, 0, h)
	end := min(len(p.list.rows), p.list.offset+h)
	for i := p.list.offset; i < end; i++ {
		lines = append(lines, p.rowView(p.list.rows[i], i == p.list.sel))
	}
	return strings.Join(lines, "\n")
}

// rowView draws one memory as one line.
func (p *memoriesPane) rowView(m *memory.Memory, sel bool) string {
	st := p.sh.Styles
	date := m.CreatedAt.Format("01-02 15:04")
	tags := ""
	for _, t := range m.Tags {
		tags += " #" + t
	}
	room := p.width - 11 - len(date) - 2
	tagRoom := min(ansi.StringWidth(tags), room/3)
	tags = ansi.Truncate(tags, tagRoom, "…")
	text := oneLine(m.Content, max(1, room-tagRoom))
	if sel {
		line := fmt.Sprintf("%-10s %s%s", m.Type, text, tags)
		return st.Selected.Render(padRight(ansi.Truncate(line, p.width-len(date)-1, ""), p.width-len(date)-1) + date)
	}
	gap := max(1, room-ansi.StringWidth(text)-tagRoom+1)
	return st.Type.Render(fmt.Sprintf("%-10s", m.Type)) + " " + text + st.Tag.Render(tags) +
		strings.Repeat(" ", gap) + st.Dim.Render(date)
}

// detailView shows one memory with its fields and links.
func (p *memoriesPane) detailView() string {
	st := p.sh.Styles
	m := p.detail
	if m == nil || m.Content == "" && m.Type == "" {
		return st.Dim.Render("loading…")
	}
	field := func(label, value string) string { return st.Label.Render(padRight(label, 11)) + value + "\n" }
	var b strings.Builder
	if p.mode == modeConfirm {
		b.WriteString(st.Confirm.Render(fmt.Sprintf("Delete %s? y/n", shortID(m.ID))) + "\n")
	}
	b.WriteString(field("id", m.ID))
	b.WriteString(field("type", st.Type.Render(m.Type)))
	b.WriteString(field("namespace", m.Namespace))
	b.WriteString(field("tags", st.Tag.Render(strings.Join(m.Tags, ", "))))
	b.WriteString(field("importance", fmt.Sprintf("%.2f", m.Importance)))
	b.WriteString(field("created", m.CreatedAt.Format("2006-01-02 15:04")))
	if m.Source != "" {
		b.WriteString(field("source", m.Source))
	}
	if len(m.Metadata) > 0 && string(m.Metadata) != "{}" && string(m.Metadata) != "null" {
		b.WriteString(field("metadata", string(m.Metadata)))
	}
	b.WriteString("\n" + lipgloss.NewStyle().Width(max(10, p.width)).Render(m.Content) + "\n")
	if len(p.links) > 0 {
		b.WriteString("\n" + st.Label.Render("links") + "\n")
		for _, l := range p.links {
			other, dir := l.To, "→"
			if l.To == m.ID {
				other, dir = l.From, "←"
			}
			b.WriteString(fmt.Sprintf("  %s %s %s %s\n", dir, st.Type.Render(l.Type), shortID(other), st.Dim.Render(fmt.Sprintf("%.2f", l.Strength))))
		}
	}
	b.WriteString("\n" + st.Dim.Render("esc back · e edit · E $EDITOR · d delete"))
	return b.String()
}

// shortID is the first 8 characters of an id, enough to tell memories apart
// on screen.
func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// oneLine is s's first line, cut to n cells.
func oneLine(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	return ansi.Truncate(s, n, "…")
}

// inputStyles styles the text inputs from the shared styles.
func inputStyles(st Styles) textinput.Styles {
	s := textinput.DefaultDarkStyles()
	s.Focused.Prompt, s.Blurred.Prompt = st.Input, st.Dim
	s.Cursor.Blink = false // a blinking cursor would make every golden frame differ
	return s
}

// areaStyles styles the content editor.
func areaStyles(st Styles) textarea.Styles {
	s := textarea.DefaultDarkStyles()
	s.Cursor.Blink = false
	s.Focused.Prompt = st.Input
	return s
}
