package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/sixel"
)

// KeyMode says how much of the keyboard the focused pane takes.
type KeyMode int

const (
	// KeysNormal leaves the global keys (q, ?, 1-9, tab, …) to the root.
	KeysNormal KeyMode = iota
	// KeysText is for a pane typing into an input: the root keeps only
	// ctrl+c; esc is the pane's, to leave the input.
	KeysText
	// KeysRaw is for the terminal pane: every key goes to the child except
	// the one that leaves the pane (ctrl+]).
	KeysRaw
)

// Pane is one view the root model can show in a slot. Panes are plain
// structs: the root owns layout, focus and routing, and a pane never calls
// the engine from Update, only from the commands it returns.
type Pane interface {
	// Name is the pane's title in the tab bar and its slot border.
	Name() string
	// Init returns the pane's first command (an initial load).
	Init() tea.Cmd
	// SetSize gives the pane the cells its content may use.
	SetSize(width, height int)
	// SetOrigin tells the pane where its content starts on the screen, for
	// mouse hits and images drawn at absolute positions.
	SetOrigin(col, row int)
	Focus() tea.Cmd
	Blur()
	// Update handles a message. Key and mouse messages only reach the
	// focused (or pointed-at) pane; everything else reaches every pane.
	Update(msg tea.Msg) tea.Cmd
	// View is exactly the pane's content: the root clips and pads it.
	View() string
	// KeyMode says which keys the root keeps while the pane is focused.
	KeyMode() KeyMode
}

// imagePane is a pane that shows images drawn at absolute positions.
type imagePane interface {
	// Placements returns the images currently in the pane's view.
	Placements() []*sixel.Placement
}

// closer is a pane holding resources (the terminal's child process).
type closer interface{ Close() error }

// PaneFactory builds a pane over the shared context. The registry in
// [Options.Panes] is a list of these, so a new pane is one entry.
type PaneFactory func(*Shared) Pane
