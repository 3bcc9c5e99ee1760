package sixel

import (
	"slices"
	"strings"
)

// CellSize is the size of one character cell in pixels.
type CellSize struct {
	Width, Height int
}

// DefaultCellSize is assumed when the terminal reveals nothing: a common
// 10×20 pixel cell.
var DefaultCellSize = CellSize{Width: 10, Height: 20}

// Winsize is the window size the kernel reports for a terminal (TIOCGWINSZ).
// XPixel and YPixel are zero when the terminal does not fill them in.
type Winsize struct {
	Cols, Rows     int
	XPixel, YPixel int
}

// Where a cell size came from, in order of preference.
const (
	SourceWinsize  = "TIOCGWINSZ"
	SourceCSI16t   = "CSI 16 t"
	SourceCSI14t   = "CSI 14 t / CSI 18 t"
	SourceDefault  = "default"
	attributeSixel = 4 // DA1 attribute: sixel graphics
)

// Capabilities is what is known about the terminal's graphics.
type Capabilities struct {
	// Sixel is true when images should be drawn as sixel: the terminal lists
	// attribute 4 in its DA1 reply and the program is not inside tmux.
	// Otherwise use the half-block fallback.
	Sixel bool
	// Answered is true when a DA1 reply arrived. Every terminal answers DA1,
	// so false means the input is not a terminal or the reply was lost.
	Answered bool
	// DA1 holds the attributes of the DA1 reply, e.g. [62 4 22] for foot.
	DA1 []int
	// InTmux is true when the TMUX environment variable is set. tmux 3.3a
	// has no sixel and newer ones redraw images only with a matching build,
	// so images fall back to half-blocks there.
	InTmux bool
	// TrueColor is true when COLORTERM says the terminal takes 24-bit SGR
	// colours; the half-block renderer uses 256 colours otherwise.
	TrueColor bool
	// Terminal names the terminal, from its XTVERSION reply or TERM_PROGRAM.
	Terminal string
	// Cell is the pixel size of one cell; never zero.
	Cell CellSize
	// CellSource says where Cell came from: one of the Source constants.
	CellSource string
	// Colors is the number of sixel colour registers from XTSMGRAPHICS, or 0
	// when the terminal did not say.
	Colors int
	// MaxWidth and MaxHeight bound a sixel image in pixels, from
	// XTSMGRAPHICS, or are 0 when the terminal did not say.
	MaxWidth, MaxHeight int
}

// Parse builds Capabilities from the bytes a terminal sent back to Queries,
// the kernel's window size and the environment (nil means an empty one). It
// never fails: whatever is missing falls back to a safe default.
func Parse(replies []byte, ws Winsize, getenv func(string) string) Capabilities {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var caps Capabilities
	var cell16, area14, chars18 []int
	rs, _ := scanReplies(replies)
	for _, r := range rs {
		switch {
		case r.dcs && strings.HasPrefix(r.text, ">|"):
			caps.Terminal = r.text[2:]
		case isDA1(r):
			caps.Answered = true
			caps.DA1 = slices.DeleteFunc(slices.Clone(r.params), func(v int) bool { return v < 0 })
		case r.private == 0 && r.final == 't' && len(r.params) == 3:
			switch r.params[0] {
			case 6:
				cell16 = r.params
			case 4:
				area14 = r.params
			case 8:
				chars18 = r.params
			}
		case r.private == '?' && r.final == 'S':
			caps.graphicsAttribute(r.params)
		}
	}
	caps.InTmux = getenv("TMUX") != ""
	caps.Sixel = caps.Answered && !caps.InTmux && slices.Contains(caps.DA1, attributeSixel)
	switch getenv("COLORTERM") {
	case "truecolor", "24bit":
		caps.TrueColor = true
	}
	if caps.Terminal == "" {
		caps.Terminal = getenv("TERM_PROGRAM")
	}
	caps.Cell, caps.CellSource = cellSize(ws, cell16, area14, chars18)
	return caps
}

// graphicsAttribute reads an XTSMGRAPHICS reply: item;status;value...
// Status 0 is success; anything else (3 = unsupported) is ignored.
func (c *Capabilities) graphicsAttribute(p []int) {
	if len(p) < 3 || p[1] != 0 {
		return
	}
	switch {
	case p[0] == 1 && p[2] > 0:
		c.Colors = p[2]
	case p[0] == 2 && len(p) >= 4 && p[2] > 0 && p[3] > 0:
		c.MaxWidth, c.MaxHeight = p[2], p[3]
	}
}

// cellSize picks the cell size from the best source available: the kernel's
// pixel size, then CSI 16 t, then CSI 14 t divided by CSI 18 t (or by the
// kernel's cell count), then the default.
func cellSize(ws Winsize, cell16, area14, chars18 []int) (CellSize, string) {
	if ws.Cols > 0 && ws.Rows > 0 && ws.XPixel >= ws.Cols && ws.YPixel >= ws.Rows {
		return CellSize{ws.XPixel / ws.Cols, ws.YPixel / ws.Rows}, SourceWinsize
	}
	if cell16 != nil && cell16[1] > 0 && cell16[2] > 0 {
		return CellSize{Width: cell16[2], Height: cell16[1]}, SourceCSI16t
	}
	if area14 != nil && area14[1] > 0 && area14[2] > 0 {
		rows, cols := ws.Rows, ws.Cols
		if chars18 != nil && chars18[1] > 0 && chars18[2] > 0 {
			rows, cols = chars18[1], chars18[2]
		}
		if rows > 0 && cols > 0 && area14[2] >= cols && area14[1] >= rows {
			return CellSize{Width: area14[2] / cols, Height: area14[1] / rows}, SourceCSI14t
		}
	}
	return DefaultCellSize, SourceDefault
}

// Resized returns c with the cell size re-read from a new window size. Call
// it on every resize: a font change or a compositor resizing the window right
// after start both change the cell size, and images sized with a stale one
// come out wrong. Without pixel data in ws the old cell size is kept.
func (c Capabilities) Resized(ws Winsize) Capabilities {
	if cell, src := cellSize(ws, nil, nil, nil); src == SourceWinsize {
		c.Cell, c.CellSource = cell, src
	}
	return c
}

// Options returns encoder options suited to the terminal: as many colours as
// it has registers, up to MaxColors, and a transparent background so the
// image never paints outside its own pixels.
func (c Capabilities) Options() Options {
	n := MaxColors
	if c.Colors > 0 {
		n = min(c.Colors, MaxColors)
	}
	return Options{Colors: n, Transparent: true}
}
