package sixel

import (
	"image"
	"strconv"
	"strings"
)

// ColorDepth selects the SGR colours the half-block renderer writes.
type ColorDepth int

const (
	// TrueColor writes 24-bit colours (SGR 38;2 and 48;2).
	TrueColor ColorDepth = iota
	// Color256 writes the nearest of the 240 fixed xterm colours (SGR 38;5
	// and 48;5), for terminals without 24-bit colour. The first 16 colours
	// are skipped because themes redefine them.
	Color256
)

// defaultColor stands for the terminal's own foreground or background.
const defaultColor = -1

// HalfBlocks draws img as cols×rows character cells for terminals without
// sixel. Each cell shows two stacked pixels: "▀" with the upper pixel as
// foreground and the lower one as background. Transparent pixels (alpha
// below 50%) show the terminal's background, using "▄" or a space where
// needed. The image is stretched to exactly cols×(2×rows) pixels; use Fit
// or Place to keep its aspect ratio. Rows are separated by "\n" and each
// ends with an SGR reset, so the string can go straight into a view.
func HalfBlocks(img image.Image, cols, rows int, depth ColorDepth) string {
	if cols <= 0 || rows <= 0 {
		return ""
	}
	px := Scale(img, cols, 2*rows)
	var sb strings.Builder
	sb.Grow(rows * cols * 24)
	for r := range rows {
		if r > 0 {
			sb.WriteByte('\n')
		}
		fg, bg := defaultColor, defaultColor
		for c := range cols {
			top := cellColor(px, c, 2*r, depth)
			bot := cellColor(px, c, 2*r+1, depth)
			glyph := "▀"
			wantFg, wantBg := top, bot
			switch {
			case top == defaultColor && bot == defaultColor:
				glyph, wantFg = " ", fg // the foreground does not show: keep it
			case top == defaultColor:
				glyph, wantFg, wantBg = "▄", bot, defaultColor
			}
			writeSGR(&sb, fg, wantFg, wantBg != bg, wantBg, depth)
			fg, bg = wantFg, wantBg
			sb.WriteString(glyph)
		}
		sb.WriteString("\x1b[0m")
	}
	return sb.String()
}

// cellColor returns the colour of pixel (x, y) as 0xRRGGBB or a 256-colour
// index, or defaultColor when it is transparent.
func cellColor(img *image.RGBA, x, y int, depth ColorDepth) int {
	p := img.Pix[img.PixOffset(x, y):]
	a := uint32(p[3])
	if a < alphaCutoff {
		return defaultColor
	}
	r, g, b := uint32(p[0])*255/a, uint32(p[1])*255/a, uint32(p[2])*255/a
	if depth == Color256 {
		return xterm256(int(r), int(g), int(b))
	}
	return int(r<<16 | g<<8 | b)
}

// writeSGR writes one SGR sequence for whatever changed.
func writeSGR(sb *strings.Builder, fg, wantFg int, bgChanged bool, wantBg int, depth ColorDepth) {
	fgChanged := wantFg != fg
	if !fgChanged && !bgChanged {
		return
	}
	sb.WriteString("\x1b[")
	if fgChanged {
		writeColor(sb, 38, wantFg, depth)
		if bgChanged {
			sb.WriteByte(';')
		}
	}
	if bgChanged {
		writeColor(sb, 48, wantBg, depth)
	}
	sb.WriteByte('m')
}

// writeColor writes the SGR parameters for one colour; base is 38 for the
// foreground and 48 for the background.
func writeColor(sb *strings.Builder, base, c int, depth ColorDepth) {
	var buf [24]byte
	out := buf[:0]
	switch {
	case c == defaultColor:
		out = strconv.AppendInt(out, int64(base+1), 10) // 39 or 49
	case depth == Color256:
		out = strconv.AppendInt(out, int64(base), 10)
		out = append(out, ";5;"...)
		out = strconv.AppendInt(out, int64(c), 10)
	default:
		out = strconv.AppendInt(out, int64(base), 10)
		out = append(out, ";2;"...)
		out = strconv.AppendInt(out, int64(c>>16), 10)
		out = append(out, ';')
		out = strconv.AppendInt(out, int64(c>>8&255), 10)
		out = append(out, ';')
		out = strconv.AppendInt(out, int64(c&255), 10)
	}
	sb.Write(out)
}

// cubeLevels are the channel values of xterm's 6×6×6 colour cube.
var cubeLevels = [6]int{0, 95, 135, 175, 215, 255}

// xterm256 returns the closest colour among the xterm cube (16–231) and the
// grey ramp (232–255), the same choice tmux makes.
func xterm256(r, g, b int) int {
	level := func(v int) int {
		switch {
		case v < 48:
			return 0
		case v < 115:
			return 1
		default:
			return (v - 35) / 40
		}
	}
	qr, qg, qb := level(r), level(g), level(b)
	cr, cg, cb := cubeLevels[qr], cubeLevels[qg], cubeLevels[qb]
	cube := 16 + 36*qr + 6*qg + qb
	if cr == r && cg == g && cb == b {
		return cube
	}
	avg := (r + g + b) / 3
	gi := 23
	if avg <= 238 {
		gi = max(avg-3, 0) / 10
	}
	grey := 8 + 10*gi
	dist := func(x, y, z int) int { return (x-r)*(x-r) + (y-g)*(y-g) + (z-b)*(z-b) }
	if dist(grey, grey, grey) < dist(cr, cg, cb) {
		return 232 + gi
	}
	return cube
}
