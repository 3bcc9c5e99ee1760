package tui

import (
	"context"
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/sixel"
)

// Minimum terminal size for the full layout; below it a message asks for a
// larger window instead of drawing a broken one.
const (
	MinWidth  = 60
	MinHeight = 14
)

// Model is the TUI's root model. It owns the layout (a tab bar, one or two
// slots side by side, a status bar), which slot has focus, and routes every
// message: keys to the focused pane, mouse events to the pane under the
// pointer, everything else to all panes.
type Model struct {
	sh    *Shared
	opts  Options
	panes []Pane

	width, height int
	slots         [2]int // pane index shown in each slot
	focus         int    // focused slot
	split         bool   // two slots side by side
	ratio         int    // left slot's share of the width, in percent
	showHelp      bool

	status status
	counts countsState
	watch  watchState
	images imageState

	// frame is the screen Update rendered for sixel bookkeeping; View
	// returns it instead of rendering the same state twice.
	frame      string
	frameFresh bool
}

// New builds the root model. ctx bounds every engine call and the terminal
// pane's child process.
func New(ctx context.Context, opts Options) (*Model, error) {
	if opts.Engine == nil {
		return nil, errors.New("start tui: no engine given")
	}
	sh := opts.shared(ctx)
	factories := opts.Panes
	if factories == nil {
		factories = DefaultPanes()
	}
	m := &Model{sh: sh, opts: opts, split: true, ratio: 50}
	for _, f := range factories {
		m.panes = append(m.panes, f(sh))
	}
	if len(m.panes) == 0 {
		return nil, errors.New("start tui: no panes configured")
	}
	m.slots = [2]int{0, min(1, len(m.panes)-1)}
	if len(m.panes) > 2 {
		m.slots[1] = 2 // memories beside the graph of the selected memory
	}
	m.status = newStatus(opts.DBPath, opts.Embedder, opts.Namespace)
	return m, nil
}

// Init loads every pane, the status counts and starts live updates.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.panes[m.slots[0]].Focus(), m.loadCounts(), m.startWatch()}
	for _, p := range m.panes {
		cmds = append(cmds, p.Init())
	}
	return tea.Batch(cmds...)
}

// Update routes msg; see Model. On a sixel terminal it also renders the
// frame, to see whether the images must be drawn again (images.go).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if !m.sh.Caps.Sixel {
		return m, cmd
	}
	m.frame, m.frameFresh = m.render(), true
	var repainted bool
	switch msg.(type) {
	case tea.WindowSizeMsg, editorDoneMsg, imageRepaintMsg:
		repainted = true
	}
	return m, tea.Batch(cmd, m.images.afterUpdate(sixelOnly(m.placements()), m.frame, repainted))
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)
	case errMsg:
		m.sh.Logger.Warn("Engine call failed", "op", msg.op, "err", msg.err)
		m.status.setError(describeErr(msg.op, msg.err))
		return nil
	case infoMsg:
		m.status.setInfo(string(msg))
		return nil
	case countsMsg:
		return m.gotCounts(msg)
	case imageTickMsg:
		cmd, n := m.images.tick()
		if n > 0 {
			m.sh.Logger.Debug("Draw images", "images", len(m.images.drawn), "bytes", n)
		}
		return cmd
	case imageRepaintMsg:
		return nil
	case openMsg:
		m.showPaneNamed(memoriesName)
	case watchMsg, watchStoppedMsg, watchRetryMsg:
		return m.handleWatch(msg)
	case changesMsg:
		return tea.Batch(m.broadcast(msg), m.loadCounts(), m.waitChanges())
	case quitMsg:
		return m.quit()
	}
	return m.broadcast(msg)
}

// broadcast sends msg to every pane.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.panes))
	for _, p := range m.panes {
		cmds = append(cmds, p.Update(msg))
	}
	return tea.Batch(cmds...)
}

// focused is the pane in the focused slot.
func (m *Model) focused() Pane { return m.panes[m.slots[m.focus]] }

// handleKey applies the global keys the focused pane leaves to the root,
// then hands the key to that pane.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.Keys
	mode := m.focused().KeyMode()
	if m.showHelp {
		if key.Matches(msg, k.ForceQuit) || key.Matches(msg, k.Quit) {
			return m.quit()
		}
		m.showHelp = false
		return nil
	}
	switch {
	case mode == KeysRaw:
		if key.Matches(msg, k.LeaveTerm) {
			return m.moveFocus(1)
		}
		return m.focused().Update(msg)
	case key.Matches(msg, k.ForceQuit):
		return m.quit()
	case mode == KeysText:
		return m.focused().Update(msg)
	case key.Matches(msg, k.NextFocus):
		return m.moveFocus(1)
	case key.Matches(msg, k.PrevFocus):
		return m.moveFocus(-1)
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return nil
	case key.Matches(msg, k.Pane):
		return m.showPane(int(msg.Code - '1'))
	case key.Matches(msg, k.Grow):
		return m.resize(+5)
	case key.Matches(msg, k.Shrink):
		return m.resize(-5)
	case key.Matches(msg, k.Split):
		m.split = !m.split
		if !m.split && m.focus == 1 {
			// The focused pane fills the screen; the other one comes back
			// beside it when the split does.
			m.slots[0], m.slots[1] = m.slots[1], m.slots[0]
			m.focus = 0
		}
		m.layout()
		return nil
	}
	return m.focused().Update(msg)
}

// moveFocus focuses the next (+1) or previous (-1) slot.
func (m *Model) moveFocus(delta int) tea.Cmd {
	if !m.split {
		return nil
	}
	m.focused().Blur()
	m.focus = (m.focus + 2 + delta) % 2
	return m.focused().Focus()
}

// showPane puts pane i into the focused slot; if the other slot shows it,
// the two swap, so a pane is never shown twice.
func (m *Model) showPane(i int) tea.Cmd {
	if i < 0 || i >= len(m.panes) || m.slots[m.focus] == i {
		return nil
	}
	m.focused().Blur()
	other := 1 - m.focus
	if m.split && m.slots[other] == i {
		m.slots[other] = m.slots[m.focus]
	}
	m.slots[m.focus] = i
	m.layout()
	return m.focused().Focus()
}

// showPaneNamed shows the named pane, focused, unless it is already visible.
func (m *Model) showPaneNamed(name string) {
	for slot := 0; slot < 2; slot++ {
		if (slot == 0 || m.split) && m.panes[m.slots[slot]].Name() == name {
			return
		}
	}
	for i, p := range m.panes {
		if p.Name() == name {
			m.showPane(i)
		}
	}
}

// resize moves the split by delta percent, within 20–80 %.
func (m *Model) resize(delta int) tea.Cmd {
	m.ratio = max(20, min(80, m.ratio+delta))
	m.layout()
	return nil
}

// quitMsg asks the root to quit (sent by panes, e.g. on a fatal error).
type quitMsg struct{}

// quit closes the panes that hold resources and ends the program; bubbletea
// restores the terminal on the way out.
func (m *Model) quit() tea.Cmd {
	m.closePanes()
	if clear := m.images.clear(); len(clear) > 0 {
		return tea.Sequence(tea.Raw(string(clear)), tea.Quit)
	}
	return tea.Quit
}

// closePanes releases the panes' resources (the terminal's child) and the
// engine's (the plugin runtime); it is safe to call more than once.
func (m *Model) closePanes() {
	for _, p := range m.panes {
		if c, ok := p.(closer); ok {
			if err := c.Close(); err != nil {
				m.sh.Logger.Warn("Close pane failed", "pane", p.Name(), "err", err)
			}
		}
	}
	if r, ok := m.sh.Engine.(releaser); ok {
		if err := r.release(context.WithoutCancel(m.sh.Ctx)); err != nil {
			m.sh.Logger.Warn("Close plugins failed", "err", err)
		}
	}
}

// placements lists the images of the visible panes.
func (m *Model) placements() []*sixel.Placement {
	if m.showHelp || m.tooSmall() {
		return nil
	}
	var out []*sixel.Placement
	for slot := 0; slot < 2; slot++ {
		if slot == 1 && !m.split {
			break
		}
		if ip, ok := m.panes[m.slots[slot]].(imagePane); ok {
			out = append(out, ip.Placements()...)
		}
	}
	return out
}

// String names the model in test failures.
func (m *Model) String() string {
	return fmt.Sprintf("tui.Model{%dx%d focus=%s}", m.width, m.height, m.focused().Name())
}
