// Package canvas draws the TUI's images: a force-directed graph layout
// with labelled nodes and typed edges, and simple bar and line charts. It
// draws with image/draw and golang.org/x/image's 7×13 bitmap font, so the
// pictures are the same on every machine and cheap to make; the tui
// package then shows them as sixel or half-blocks.
package canvas

import "image/color"

// Palette holds the colours of drawn images.
type Palette struct {
	Background color.RGBA
	Text       color.RGBA
	Axis       color.RGBA
	Node       color.RGBA
	Center     color.RGBA
	Selected   color.RGBA
	// Series colours: bars, lines and edge types cycle through them.
	Series []color.RGBA
}

// series returns the i-th series colour, cycling.
func (p Palette) series(i int) color.RGBA {
	if len(p.Series) == 0 {
		return p.Text
	}
	return p.Series[((i%len(p.Series))+len(p.Series))%len(p.Series)]
}
