package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/sweetmcp/sweet/tui/canvas"
)

// Styles is every colour and text style the TUI uses, in one place. Panes
// receive it and define no colours of their own.
type Styles struct {
	Pane        lipgloss.Style // border of an unfocused slot
	PaneFocused lipgloss.Style // border of the focused slot
	Title       lipgloss.Style // a slot's title
	TitleActive lipgloss.Style
	Tab         lipgloss.Style
	TabActive   lipgloss.Style

	Selected lipgloss.Style // the selected row of a list
	Dim      lipgloss.Style // secondary text: ids, dates, hints
	Type     lipgloss.Style // a memory's type
	Tag      lipgloss.Style // a memory's tags
	Label    lipgloss.Style // field labels in detail views and forms
	Score    lipgloss.Style // numbers in the score breakdown
	Bar      lipgloss.Style // score bars
	Input    lipgloss.Style // the filter and search prompts

	Status      lipgloss.Style // the status bar
	StatusKey   lipgloss.Style // its labels
	StatusError lipgloss.Style // an error shown in it
	StatusInfo  lipgloss.Style // an informational message shown in it

	Help      lipgloss.Style // the help overlay's box
	Confirm   lipgloss.Style // a confirmation prompt
	TooSmall  lipgloss.Style
	HelpKey   lipgloss.Style
	HelpDesc  lipgloss.Style
	HelpGroup lipgloss.Style

	// Image colours for the graph and chart panes, drawn as pixels.
	Image canvas.Palette
}

// DefaultStyles returns sweet's styles for a dark terminal.
func DefaultStyles() Styles {
	accent := lipgloss.Color("#F25D94")
	muted := lipgloss.Color("#767676")
	green := lipgloss.Color("#04B575")
	blue := lipgloss.Color("#6C8EEF")
	yellow := lipgloss.Color("#E5C07B")
	red := lipgloss.Color("#FF5F5F")
	border := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(muted)
	return Styles{
		Pane:        border,
		PaneFocused: border.BorderForeground(accent),
		Title:       lipgloss.NewStyle().Foreground(muted).Bold(true),
		TitleActive: lipgloss.NewStyle().Foreground(accent).Bold(true),
		Tab:         lipgloss.NewStyle().Foreground(muted).Padding(0, 1),
		TabActive:   lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).Background(accent).Padding(0, 1),

		Selected: lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#5A3D6E")),
		Dim:      lipgloss.NewStyle().Foreground(muted),
		Type:     lipgloss.NewStyle().Foreground(blue),
		Tag:      lipgloss.NewStyle().Foreground(green),
		Label:    lipgloss.NewStyle().Foreground(yellow).Bold(true),
		Score:    lipgloss.NewStyle().Foreground(yellow),
		Bar:      lipgloss.NewStyle().Foreground(green),
		Input:    lipgloss.NewStyle().Foreground(accent),

		Status:      lipgloss.NewStyle().Foreground(lipgloss.Color("#DDDDDD")).Background(lipgloss.Color("#303030")),
		StatusKey:   lipgloss.NewStyle().Foreground(accent).Background(lipgloss.Color("#303030")).Bold(true),
		StatusError: lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).Background(red).Bold(true),
		StatusInfo:  lipgloss.NewStyle().Foreground(lipgloss.Color("#000000")).Background(green),

		Help:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		Confirm:   lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).Background(red).Bold(true).Padding(0, 1),
		TooSmall:  lipgloss.NewStyle().Foreground(yellow).Bold(true),
		HelpKey:   lipgloss.NewStyle().Foreground(accent).Bold(true),
		HelpDesc:  lipgloss.NewStyle().Foreground(lipgloss.Color("#BBBBBB")),
		HelpGroup: lipgloss.NewStyle().Foreground(yellow).Underline(true),

		Image: canvas.Palette{
			Background: color.RGBA{0x1C, 0x1C, 0x24, 0xFF},
			Text:       color.RGBA{0xE0, 0xE0, 0xE0, 0xFF},
			Axis:       color.RGBA{0x76, 0x76, 0x76, 0xFF},
			Node:       color.RGBA{0x6C, 0x8E, 0xEF, 0xFF},
			Center:     color.RGBA{0xF2, 0x5D, 0x94, 0xFF},
			Selected:   color.RGBA{0xE5, 0xC0, 0x7B, 0xFF},
			Series: []color.RGBA{
				{0x04, 0xB5, 0x75, 0xFF}, {0x6C, 0x8E, 0xEF, 0xFF}, {0xE5, 0xC0, 0x7B, 0xFF},
				{0xF2, 0x5D, 0x94, 0xFF}, {0x56, 0xB6, 0xC2, 0xFF}, {0xC6, 0x78, 0xDD, 0xFF},
				{0xFF, 0x87, 0x00, 0xFF}, {0x98, 0xC3, 0x79, 0xFF},
			},
		},
	}
}
