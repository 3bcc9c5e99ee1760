package tui

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine/reason"
)

const reasoningName = "Reasoning"

const (
	// reasonListLimit bounds the sessions listed: the most recently
	// updated ones are the ones a user follows.
	reasonListLimit = 50
	// reasonPoll is how often the focused pane looks for sessions changed
	// by other processes. Reasoning sessions are not in the change log
	// engine.Watch follows, and listing them is one indexed query plus a
	// version check per session the reasoner already holds.
	reasonPoll = 2 * time.Second
)

// reasoningPane lists reasoning sessions and shows the selected one's best
// path and thought tree.
type reasoningPane struct {
	sh            *Shared
	width, height int
	row           int // the screen row the pane's content starts at
	focused       bool
	polling       bool // a reasonPollMsg is on its way

	loaded   bool // the first list arrived
	listErr  string
	sessions []ReasonSummary
	sel      int

	overview *reason.Overview
	version  int64 // the shown overview's version
	scroll   int   // first detail line shown
}

// reasonListMsg carries a fresh session list.
type reasonListMsg struct {
	sessions []ReasonSummary
	err      error
}

// reasonOverviewMsg carries one session's overview.
type reasonOverviewMsg struct {
	version  int64
	overview *reason.Overview
}

// reasonPollMsg asks the focused pane to look for changed sessions.
type reasonPollMsg struct{}

func newReasoningPane(sh *Shared) *reasoningPane { return &reasoningPane{sh: sh} }

func (p *reasoningPane) Name() string           { return reasoningName }
func (p *reasoningPane) Init() tea.Cmd          { return nil }
func (p *reasoningPane) SetSize(w, h int)       { p.width, p.height = w, h }
func (p *reasoningPane) SetOrigin(col, row int) { p.row = row }
func (p *reasoningPane) KeyMode() KeyMode       { return KeysNormal }
func (p *reasoningPane) Blur()                  { p.focused = false }

// Focus (re)loads the list and keeps it fresh while the pane has focus.
// Nothing is read before the pane is first shown, so start-up does not
// wait on sessions nobody looks at.
func (p *reasoningPane) Focus() tea.Cmd {
	p.focused = true
	return tea.Batch(p.loadList(), p.poll())
}

// poll schedules the next look for changes, unless one is on its way.
func (p *reasoningPane) poll() tea.Cmd {
	if p.polling {
		return nil
	}
	p.polling = true
	return tea.Tick(reasonPoll, func(time.Time) tea.Msg { return reasonPollMsg{} })
}

// loadList lists the sessions in a command.
func (p *reasoningPane) loadList() tea.Cmd {
	sh := p.sh
	return func() tea.Msg {
		list, err := sh.Engine.ReasonSessions(sh.Ctx, reasonListLimit)
		return reasonListMsg{sessions: list, err: err}
	}
}

// loadOverview reads one session in a command.
func (p *reasoningPane) loadOverview(s ReasonSummary) tea.Cmd {
	sh := p.sh
	return func() tea.Msg {
		o, err := sh.Engine.ReasonSession(sh.Ctx, s.ID)
		if err != nil {
			return errMsg{op: "show reasoning session " + shortID(s.ID), err: err}
		}
		return reasonOverviewMsg{version: s.Version, overview: o}
	}
}

func (p *reasoningPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case reasonListMsg:
		return p.gotList(msg)
	case reasonOverviewMsg:
		if s, ok := p.selected(); ok && s.ID == msg.overview.ID {
			if p.overview == nil || p.overview.ID != s.ID {
				p.scroll = 0
			}
			p.overview, p.version = msg.overview, msg.version
		}
		return nil
	case reasonPollMsg:
		p.polling = false
		if !p.focused {
			return nil
		}
		return tea.Batch(p.loadList(), p.poll())
	case changesMsg:
		// Saving a session writes memories: the change feed is a hint
		// that reasoning happened.
		if !p.loaded {
			return nil
		}
		return p.loadList()
	case tea.MouseClickMsg:
		return p.click(msg.Mouse())
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			p.scrollBy(-3)
		} else if msg.Button == tea.MouseWheelDown {
			p.scrollBy(3)
		}
		return nil
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	return nil
}

// gotList applies a new list, keeping the selected session selected, and
// reloads the shown tree when that session changed.
func (p *reasoningPane) gotList(msg reasonListMsg) tea.Cmd {
	p.loaded = true
	if msg.err != nil {
		p.listErr = describeErr("list reasoning sessions", msg.err)
		return nil
	}
	p.listErr = ""
	var keep string
	if s, ok := p.selected(); ok {
		keep = s.ID
	}
	p.sessions = msg.sessions
	if i := slices.IndexFunc(p.sessions, func(s ReasonSummary) bool { return s.ID == keep }); i >= 0 {
		p.sel = i
	}
	p.sel = max(0, min(p.sel, len(p.sessions)-1))
	s, ok := p.selected()
	switch {
	case !ok:
		p.overview = nil
		return nil
	case p.overview == nil || p.overview.ID != s.ID || p.version != s.Version:
		return p.loadOverview(s)
	}
	return nil
}

func (p *reasoningPane) selected() (ReasonSummary, bool) {
	if p.sel < 0 || p.sel >= len(p.sessions) {
		return ReasonSummary{}, false
	}
	return p.sessions[p.sel], true
}

func (p *reasoningPane) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.sh.Keys
	switch {
	case key.Matches(msg, k.Up):
		return p.move(-1)
	case key.Matches(msg, k.Down):
		return p.move(1)
	case key.Matches(msg, k.Top):
		return p.move(-len(p.sessions))
	case key.Matches(msg, k.Bottom):
		return p.move(len(p.sessions))
	case key.Matches(msg, k.PageUp):
		p.scrollBy(-max(1, p.detailHeight()-1))
	case key.Matches(msg, k.PageDown):
		p.scrollBy(max(1, p.detailHeight()-1))
	case key.Matches(msg, k.Refresh):
		return p.loadList()
	}
	return nil
}

// move selects another session and loads its tree.
func (p *reasoningPane) move(d int) tea.Cmd {
	next := max(0, min(p.sel+d, len(p.sessions)-1))
	if next == p.sel || len(p.sessions) == 0 {
		return nil
	}
	p.sel = next
	return p.loadOverview(p.sessions[p.sel])
}

// click selects the session whose row is under the pointer.
func (p *reasoningPane) click(m tea.Mouse) tea.Cmd {
	row, listH := m.Y-p.row-1, p.listHeight() // the heading line comes first
	if m.Button != tea.MouseLeft || row < 0 || row >= listH {
		return nil
	}
	off := max(0, p.sel-listH+1)
	return p.move(off + row - p.sel)
}

// listHeight is how many rows the session list takes: a quarter of the
// pane, at least three, no more than there are sessions.
func (p *reasoningPane) listHeight() int {
	return max(1, min(len(p.sessions), max(3, p.height/4)))
}

// detailHeight is what is left for the selected session under the list,
// its header and the blank line between them.
func (p *reasoningPane) detailHeight() int { return max(1, p.height-p.listHeight()-2) }

// scrollBy scrolls the selected session's lines, stopping where the last
// line is at the bottom.
func (p *reasoningPane) scrollBy(d int) {
	last := 0
	if p.overview != nil {
		last = max(0, len(reasonDetail(p.overview, p.sh.Styles, p.width))-p.detailHeight())
	}
	p.scroll = max(0, min(p.scroll+d, last))
}

// View draws the session list and the selected session.
func (p *reasoningPane) View() string {
	st := p.sh.Styles
	switch {
	case !p.loaded:
		return st.Dim.Render("loading…")
	case p.listErr != "":
		return st.StatusError.Render(p.listErr) + "\n" + st.Dim.Render("r retries")
	case len(p.sessions) == 0:
		return st.Dim.Render("No reasoning sessions yet.") + "\n\n" +
			st.Dim.Render("Start one with `sweet reason start \"problem\"` and add thoughts with") + "\n" +
			st.Dim.Render("`sweet reason think`, or let an MCP client call the reasoner tool.") + "\n" +
			st.Dim.Render("Sessions appear here as they change (r refreshes).")
	}
	var b strings.Builder
	b.WriteString(st.Label.Render(plural(len(p.sessions), "session")) + st.Dim.Render(" · ↑/↓ select · pgup/pgdn scroll · r refresh") + "\n")
	listH := p.listHeight()
	off := max(0, p.sel-listH+1)
	for i := off; i < min(len(p.sessions), off+listH); i++ {
		row := "  " + reasonRow(p.sessions[i], max(1, p.width-2))
		if i == p.sel {
			row = st.Selected.Render(padRight("▸ "+row[2:], p.width))
		}
		b.WriteString(row + "\n")
	}
	b.WriteString("\n")
	if p.overview == nil {
		b.WriteString(st.Dim.Render("loading…"))
		return b.String()
	}
	lines := reasonDetail(p.overview, st, p.width)
	from := min(p.scroll, max(0, len(lines)-p.detailHeight()))
	b.WriteString(strings.Join(lines[from:min(len(lines), from+p.detailHeight())], "\n"))
	return b.String()
}
