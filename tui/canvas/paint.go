package canvas

import (
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// face is the bitmap font every label uses: 7×13 pixels per glyph, ASCII
// only (other runes draw as a box), crisp at any terminal cell size.
var face = basicfont.Face7x13

// Glyph size of face, for layout.
const (
	glyphW = 7
	glyphH = 13
)

// newImage returns a w×h image filled with bg.
func newImage(w, h int, bg color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(1, w), max(1, h)))
	draw.Draw(img, img.Bounds(), &image.Uniform{bg}, image.Point{}, draw.Src)
	return img
}

// text draws s with its top-left corner at (x, y).
func text(img *image.RGBA, x, y int, s string, c color.RGBA) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face, Dot: fixed.P(x, y+face.Ascent)}
	d.DrawString(s)
}

// textWidth is s's width in pixels.
func textWidth(s string) int { return len([]rune(s)) * glyphW }

// clipText shortens s to at most px pixels wide, marking the cut with "~"
// (the font has no ellipsis).
func clipText(s string, px int) string {
	r := []rune(s)
	n := px / glyphW
	if len(r) <= n {
		return s
	}
	if n <= 1 {
		return ""
	}
	return string(r[:n-1]) + "~"
}

// rect fills r with c.
func rect(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	draw.Draw(img, r.Intersect(img.Bounds()), &image.Uniform{c}, image.Point{}, draw.Src)
}

// line draws a line of the given thickness from (x0, y0) to (x1, y1)
// (Bresenham, with a square pen).
func line(img *image.RGBA, x0, y0, x1, y1, thick int, c color.RGBA) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	half := thick / 2
	for {
		rect(img, image.Rect(x0-half, y0-half, x0-half+thick, y0-half+thick), c)
		if x0 == x1 && y0 == y1 {
			return
		}
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			x0 += sx
		}
		if e2 <= dx {
			e += dx
			y0 += sy
		}
	}
}

// disc fills a circle of radius r around (cx, cy).
func disc(img *image.RGBA, cx, cy, r int, c color.RGBA) {
	b := img.Bounds()
	for y := max(b.Min.Y, cy-r); y <= min(b.Max.Y-1, cy+r); y++ {
		for x := max(b.Min.X, cx-r); x <= min(b.Max.X-1, cx+r); x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r {
				img.SetRGBA(x, y, c)
			}
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func sign(v int) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}
