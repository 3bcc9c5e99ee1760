package tui

import "charm.land/bubbles/v2/key"

// KeyMap holds every key binding of the TUI. The help overlay is built from
// it, so a binding added here shows up there without further work.
type KeyMap struct {
	// Global keys, active whenever the focused pane is not taking text.
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding
	NextFocus key.Binding
	PrevFocus key.Binding
	Pane      key.Binding // 1-9: show pane N in the focused slot
	Grow      key.Binding
	Shrink    key.Binding
	Split     key.Binding
	LeaveTerm key.Binding

	// Keys shared by the list-like panes.
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding
	Back     key.Binding

	// Memories pane.
	Filter  key.Binding
	Sort    key.Binding
	Add     key.Binding
	Edit    key.Binding
	EditExt key.Binding
	Delete  key.Binding
	Confirm key.Binding
	Cancel  key.Binding
	Save    key.Binding
	NextFld key.Binding

	// Graph pane.
	NextNode key.Binding
	PrevNode key.Binding
	Center   key.Binding
	Depth    key.Binding

	// Reasoning and plugins panes.
	Refresh  key.Binding
	NextTool key.Binding
	PrevTool key.Binding
	Call     key.Binding
	Clear    key.Binding
}

// DefaultKeyMap returns the bindings sweet ships with.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Quit:      b([]string{"q"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit from anywhere"),
		Help:      b([]string{"?"}, "?", "toggle help"),
		NextFocus: b([]string{"tab"}, "tab", "focus next slot"),
		PrevFocus: b([]string{"shift+tab"}, "shift+tab", "focus previous slot"),
		Pane:      b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-7", "show pane in focused slot"),
		Grow:      b([]string{">", "ctrl+right"}, ">", "widen left slot"),
		Shrink:    b([]string{"<", "ctrl+left"}, "<", "narrow left slot"),
		Split:     b([]string{"\\"}, "\\", "toggle split view"),
		LeaveTerm: b([]string{"ctrl+]"}, "ctrl+]", "leave the terminal pane"),

		Up:       b([]string{"up", "k"}, "↑/k", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:   b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
		Top:      b([]string{"home", "g"}, "g", "first"),
		Bottom:   b([]string{"end", "G"}, "G", "last"),
		Open:     b([]string{"enter"}, "enter", "open / select"),
		Back:     b([]string{"esc"}, "esc", "back"),

		Filter:  b([]string{"/"}, "/", "filter (type:x tag:y ns:z words)"),
		Sort:    b([]string{"s"}, "s", "sort newest/oldest"),
		Add:     b([]string{"a"}, "a", "add memory"),
		Edit:    b([]string{"e"}, "e", "edit inline"),
		EditExt: b([]string{"E"}, "E", "edit in $EDITOR"),
		Delete:  b([]string{"d"}, "d", "delete"),
		Confirm: b([]string{"y"}, "y", "confirm"),
		Cancel:  b([]string{"n", "esc"}, "n/esc", "cancel"),
		Save:    b([]string{"ctrl+s"}, "ctrl+s", "save form"),
		NextFld: b([]string{"tab"}, "tab", "next field"),

		NextNode: b([]string{"right", "l"}, "→/l", "next node"),
		PrevNode: b([]string{"left", "h"}, "←/h", "previous node"),
		Center:   b([]string{"enter"}, "enter", "centre on node"),
		Depth:    b([]string{"+"}, "+", "more hops (1-3)"),

		Refresh:  b([]string{"r"}, "r", "refresh"),
		NextTool: b([]string{"right", "l"}, "→/l", "next tool"),
		PrevTool: b([]string{"left", "h"}, "←/h", "previous tool"),
		Call:     b([]string{"enter"}, "enter", "edit arguments, call"),
		Clear:    b([]string{"esc"}, "esc", "close result / stop call"),
	}
}

// ShortHelp is the one-line help in the status area.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.NextFocus, k.Pane, k.Quit}
}

// FullHelp is the help overlay, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Help, k.Quit, k.ForceQuit, k.NextFocus, k.PrevFocus, k.Pane, k.Grow, k.Shrink, k.Split, k.LeaveTerm},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open, k.Back},
		{k.Filter, k.Sort, k.Add, k.Edit, k.EditExt, k.Delete, k.Confirm, k.Save, k.NextFld},
		{k.NextNode, k.PrevNode, k.Center, k.Depth},
		{k.Refresh, k.NextTool, k.PrevTool, k.Call, k.Clear},
	}
}
