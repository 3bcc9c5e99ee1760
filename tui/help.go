package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// helpGroups names the columns of KeyMap.FullHelp.
var helpGroups = []string{"Global", "Lists", "Memories", "Graph", "Reasoning, plugins"}

// helpView draws the help overlay, built from the key map, centred in
// width×height.
func (m *Model) helpView(width, height int) string {
	st := m.sh.Styles
	var cols []string
	for gi, group := range m.sh.Keys.FullHelp() {
		var b strings.Builder
		if gi < len(helpGroups) {
			b.WriteString(st.HelpGroup.Render(helpGroups[gi]) + "\n")
		}
		for _, k := range group {
			h := k.Help()
			b.WriteString(st.HelpKey.Render(padRight(h.Key, 10)) + st.HelpDesc.Render(h.Desc) + "\n")
		}
		cols = append(cols, strings.TrimRight(b.String(), "\n"))
	}
	// As many columns as fit: all groups side by side, else two columns
	// (the short groups under the global keys), else one.
	grid := lipgloss.JoinHorizontal(lipgloss.Top, joinWithGap(cols, "   ")...)
	if lipgloss.Width(grid) > width-4 && len(cols) == 5 {
		left := lipgloss.JoinVertical(lipgloss.Left, cols[0], "", cols[3], "", cols[4])
		right := lipgloss.JoinVertical(lipgloss.Left, cols[1], "", cols[2])
		grid = lipgloss.JoinHorizontal(lipgloss.Top, left, "   ", right)
	}
	if lipgloss.Width(grid) > width-4 {
		grid = lipgloss.JoinVertical(lipgloss.Left, cols...)
	}
	box := st.Help.Render("sweet — keys (any key closes)\n\n" + grid)
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, fit(box, min(width, lipgloss.Width(box)), min(height, lipgloss.Height(box))))
}

// joinWithGap puts gap between the columns.
func joinWithGap(cols []string, gap string) []string {
	out := make([]string, 0, 2*len(cols))
	for i, c := range cols {
		if i > 0 {
			out = append(out, gap)
		}
		out = append(out, c)
	}
	return out
}

// padRight pads s with spaces to n cells.
func padRight(s string, n int) string {
	if w := lipgloss.Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s + " "
}
