package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/sweetmcp/sweet/sixel"
	"github.com/sweetmcp/sweet/tui/term"
)

const terminalName = "Terminal"

// terminalPane runs the user's shell in a pseudo-terminal. It starts when
// first focused, takes every key while focused (ctrl+] leaves), scrolls
// back with the mouse wheel, and redraws the sixel images the child prints.
type terminalPane struct {
	sh            *Shared
	width, height int
	col, row      int
	focused       bool
	t             *term.Term
	scroll        int
	exited        string
	images        map[imageKey]*sixel.Placement
}

// imageKey identifies a child image at one place on the screen.
type imageKey struct {
	img      any
	row, col int
	area     sixel.Rect
}

// termOutputMsg says the child's screen changed; termExitMsg that it ended.
type (
	termOutputMsg struct{ t *term.Term }
	termExitMsg   struct {
		t   *term.Term
		err error
	}
)

func newTerminalPane(sh *Shared) *terminalPane { return &terminalPane{sh: sh} }

func (p *terminalPane) Name() string  { return terminalName }
func (p *terminalPane) Init() tea.Cmd { return nil }
func (p *terminalPane) Blur()         { p.focused = false }
func (p *terminalPane) SetOrigin(col, row int) {
	p.col, p.row = col, row
}

// SetSize resizes the child's terminal with the pane.
func (p *terminalPane) SetSize(w, h int) {
	p.width, p.height = w, h
	if p.t != nil {
		if err := p.t.Resize(w, h); err != nil {
			p.sh.Logger.Warn("Resize terminal failed", "err", err)
		}
	}
}

func (p *terminalPane) KeyMode() KeyMode {
	if p.t != nil && p.exited == "" {
		return KeysRaw
	}
	return KeysNormal
}

// Focus starts the shell the first time (and after it exited).
func (p *terminalPane) Focus() tea.Cmd {
	p.focused = true
	if p.t != nil && p.exited == "" || p.width <= 0 || p.height <= 0 {
		return nil
	}
	return p.start()
}

func (p *terminalPane) start() tea.Cmd {
	t, err := term.Start(p.sh.Ctx, p.sh.Shell, p.width, p.height, p.sh.Caps.Cell, nil)
	if err != nil {
		p.exited = err.Error()
		return errorCmd("start terminal", err)
	}
	p.t, p.exited, p.scroll = t, "", 0
	return tea.Batch(waitOutput(t), waitExit(t))
}

func waitOutput(t *term.Term) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-t.Updates():
			return termOutputMsg{t: t}
		case <-t.Done():
			return nil
		}
	}
}

func waitExit(t *term.Term) tea.Cmd {
	return func() tea.Msg {
		<-t.Done()
		return termExitMsg{t: t, err: t.Err()}
	}
}

func (p *terminalPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case termOutputMsg:
		if msg.t == p.t {
			return waitOutput(p.t)
		}
	case termExitMsg:
		if msg.t != p.t {
			return nil
		}
		p.exited = "exited"
		if msg.err != nil {
			p.exited = msg.err.Error()
		}
		_ = p.t.Close()
		return infoCmd("terminal: %s %s; press enter in the pane to start it again", p.sh.Shell[0], p.exited)
	case tea.MouseWheelMsg:
		if p.t == nil {
			return nil
		}
		switch msg.Button {
		case tea.MouseWheelUp:
			p.scroll = min(p.scroll+3, p.t.ScrollbackLen())
		case tea.MouseWheelDown:
			p.scroll = max(p.scroll-3, 0)
		}
	case tea.PasteMsg:
		if p.t != nil && p.exited == "" {
			p.t.Paste(msg.Content)
		}
	case tea.KeyPressMsg:
		if p.t == nil || p.exited != "" {
			if msg.String() == "enter" {
				return p.start()
			}
			return nil
		}
		p.scroll = 0
		p.t.SendKey(uv.KeyPressEvent(uv.Key{Code: msg.Code, Text: msg.Text, Mod: msg.Mod}))
	}
	return nil
}

// View is the child's screen.
func (p *terminalPane) View() string {
	st := p.sh.Styles
	if p.t == nil {
		return st.Dim.Render(fmt.Sprintf("Focus this pane (tab) to start %s.", strings.Join(p.sh.Shell, " ")))
	}
	v := p.t.View(p.scroll)
	if !p.sh.Caps.Sixel {
		v = p.overlay(v)
	}
	if p.exited != "" {
		lines := strings.Split(v, "\n")
		lines[len(lines)-1] = st.StatusError.Render(fmt.Sprintf(" %s: %s — enter restarts ", p.sh.Shell[0], p.exited))
		v = strings.Join(lines, "\n")
	}
	return v
}

// overlay writes the half-block form of the child's images over the
// blank cells the emulator left for them.
func (p *terminalPane) overlay(v string) string {
	lines := strings.Split(v, "\n")
	for _, pl := range p.Placements() {
		a := pl.Area
		for i, row := range strings.Split(pl.Text, "\n") {
			y := a.Row - p.row + i
			if y < 0 || y >= len(lines) {
				continue
			}
			x := a.Col - p.col
			l := lines[y]
			if w := ansi.StringWidth(l); w < x {
				l += strings.Repeat(" ", x-w)
			}
			lines[y] = ansi.Truncate(l, x, "") + row + "\x1b[m" + ansi.TruncateLeft(l, x+a.Cols, "")
		}
	}
	return strings.Join(lines, "\n")
}

// Placements implements imagePane: the child's images still on screen,
// placed at their cells and re-encoded for this terminal.
func (p *terminalPane) Placements() []*sixel.Placement {
	if p.t == nil {
		return nil
	}
	next := map[imageKey]*sixel.Placement{}
	var out []*sixel.Placement
	for _, im := range p.t.Images(p.scroll) {
		area := sixel.Rect{Col: p.col + im.Col, Row: p.row + im.Line, Cols: min(im.Cols, p.width-im.Col), Rows: im.Rows}
		k := imageKey{img: im.Img, row: im.Line, col: im.Col, area: area}
		pl := p.images[k]
		if pl == nil {
			placed, err := sixel.Place(im.Img, area, p.sh.Caps)
			if err != nil {
				continue
			}
			pl = &placed
		}
		next[k] = pl
		out = append(out, pl)
	}
	p.images = next
	return out
}

// Close ends the child.
func (p *terminalPane) Close() error {
	if p.t == nil {
		return nil
	}
	return p.t.Close()
}
