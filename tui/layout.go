package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// slotRect is where a slot sits on the screen, border included.
type slotRect struct{ x, y, w, h int }

// tooSmall reports whether the window cannot hold the layout.
func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// slotRects returns the rectangles of the visible slots.
func (m *Model) slotRects() []slotRect {
	bodyH := m.height - 2 // tab bar and status bar
	if !m.split {
		return []slotRect{{0, 1, m.width, bodyH}}
	}
	left := m.width * m.ratio / 100
	return []slotRect{{0, 1, left, bodyH}, {left, 1, m.width - left, bodyH}}
}

// layout gives every visible pane its size and screen position. Inside a
// slot's border the first row is the title, the rest is the pane's.
func (m *Model) layout() {
	if m.tooSmall() {
		return
	}
	for i, r := range m.slotRects() {
		p := m.panes[m.slots[i]]
		p.SetSize(r.w-2, r.h-3)
		p.SetOrigin(r.x+1, r.y+2)
	}
}

// View draws the screen.
func (m *Model) View() tea.View {
	content := m.frame
	if !m.frameFresh {
		content = m.render()
	}
	m.frameFresh = false
	v := tea.NewView(content)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "sweet"
	return v
}

// render returns the screen's text.
func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.tooSmall() {
		msg := fmt.Sprintf("Terminal too small: %d×%d.\nsweet needs at least %d×%d.\nEnlarge the window, or press q to quit.",
			m.width, m.height, MinWidth, MinHeight)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, m.sh.Styles.TooSmall.Render(msg))
	}
	var body string
	if m.showHelp {
		body = m.helpView(m.width, m.height-2)
	} else {
		var cols []string
		for i, r := range m.slotRects() {
			cols = append(cols, m.slotView(i, r))
		}
		body = lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	}
	return m.tabsView() + "\n" + body + "\n" + m.status.view(m.sh.Styles, m.width)
}

// slotView draws one slot: border, title and the pane's clipped content.
func (m *Model) slotView(i int, r slotRect) string {
	st := m.sh.Styles
	p := m.panes[m.slots[i]]
	border, title := st.Pane, st.Title
	if i == m.focus {
		border, title = st.PaneFocused, st.TitleActive
	}
	head := fit(title.Render(fmt.Sprintf("%d %s", m.slots[i]+1, p.Name())), r.w-2, 1)
	content := fit(p.View(), r.w-2, r.h-3)
	return border.Render(head + "\n" + content)
}

// tabLabel is the text of pane i's tab. When the names do not all fit in
// the window, each is cut to the longest length that fits (at least three
// letters), so every pane keeps a visible, clickable tab.
func (m *Model) tabLabel(i int) string {
	return fmt.Sprintf("%d %s", i+1, ansi.Truncate(m.panes[i].Name(), m.tabNameWidth(), ""))
}

// tabNameWidth is how many cells of each pane name the tab bar shows.
func (m *Model) tabNameWidth() int {
	longest := 0
	for _, p := range m.panes {
		longest = max(longest, ansi.StringWidth(p.Name()))
	}
	for n := longest; n > 3; n-- {
		total := 0
		for i, p := range m.panes {
			total += len(fmt.Sprint(i+1)) + 1 + min(n, ansi.StringWidth(p.Name())) + 2 // padding
		}
		if total <= m.width {
			return n
		}
	}
	return 3
}

// tabsView draws the tab bar; the focused slot's pane is highlighted.
func (m *Model) tabsView() string {
	var b strings.Builder
	for i := range m.panes {
		st := m.sh.Styles.Tab
		if i == m.slots[m.focus] {
			st = m.sh.Styles.TabActive
		}
		b.WriteString(st.Render(m.tabLabel(i)))
	}
	return fit(b.String(), m.width, 1)
}

// tabAt returns the pane whose tab is at column x, or -1.
func (m *Model) tabAt(x int) int {
	pos := 0
	for i := range m.panes {
		w := ansi.StringWidth(m.tabLabel(i)) + 2 // the tab style's padding
		if x >= pos && x < pos+w {
			return i
		}
		pos += w
	}
	return -1
}

// handleMouse focuses what was clicked and forwards the event to the pane
// under the pointer.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.tooSmall() || m.showHelp {
		return nil
	}
	mouse := msg.Mouse()
	if _, click := msg.(tea.MouseClickMsg); click && mouse.Y == 0 {
		if i := m.tabAt(mouse.X); i >= 0 {
			return m.showPane(i)
		}
		return nil
	}
	for i, r := range m.slotRects() {
		if mouse.X < r.x || mouse.X >= r.x+r.w || mouse.Y < r.y || mouse.Y >= r.y+r.h {
			continue
		}
		var cmd tea.Cmd
		if _, click := msg.(tea.MouseClickMsg); click && i != m.focus {
			m.focused().Blur()
			m.focus = i
			cmd = m.focused().Focus()
		}
		return tea.Batch(cmd, m.panes[m.slots[i]].Update(msg))
	}
	return nil
}

// fit clips or pads s to exactly w cells by h lines, so a pane can never
// push the layout out of shape.
func fit(s string, w, h int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		l = strings.ReplaceAll(l, "\t", "    ")
		if ansi.StringWidth(l) > w {
			l = ansi.Truncate(l, w, "")
		}
		if pad := w - ansi.StringWidth(l); pad > 0 {
			l += strings.Repeat(" ", pad)
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
