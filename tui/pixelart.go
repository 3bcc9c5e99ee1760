package tui

import (
	"image"
	"image/color"

	"github.com/sweetmcp/sweet/sixel"
)

// Tool images are often pixel art: a QR code is modules of n×n equal
// pixels, and scaling it by a fraction (116 pixels into 32) blurs and
// misaligns the modules until it no longer scans. So an image made of
// equal square blocks is reduced to one pixel per block, and the pane
// scales it by a whole number only.

// reduceBlocks returns img with one pixel per block when every run of
// equal pixels, across and down, is a multiple of some block size n > 1;
// otherwise img itself. n is the block size (1 when nothing was reduced).
func reduceBlocks(img image.Image) (image.Image, int) {
	b := img.Bounds()
	n := runGCD(b.Dx(), b.Dy(), func(i, j int) color.Color { return img.At(b.Min.X+j, b.Min.Y+i) })
	if n > 1 {
		n = gcd(n, runGCD(b.Dy(), b.Dx(), func(i, j int) color.Color { return img.At(b.Min.X+i, b.Min.Y+j) }))
	}
	if n <= 1 {
		return img, 1
	}
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()/n, b.Dy()/n))
	for y := range out.Bounds().Dy() {
		for x := range out.Bounds().Dx() {
			out.Set(x, y, img.At(b.Min.X+x*n, b.Min.Y+y*n))
		}
	}
	return out, n
}

// runGCD is the greatest common divisor of the lengths of the runs of
// equal colours along each of lines lines of length length; at(line, i)
// is the colour at position i of a line. It stops early at 1.
func runGCD(length, lines int, at func(line, i int) color.Color) int {
	g := 0
	for l := 0; l < lines && g != 1; l++ {
		run, prev := 1, at(l, 0)
		for i := 1; i <= length && g != 1; i++ {
			if i < length {
				c := at(l, i)
				if sameColor(c, prev) {
					run++
					continue
				}
				prev = c
			}
			g, run = gcd(g, run), 1
		}
	}
	return g
}

func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// crispArea shrinks area to the cells that the largest whole multiple of a
// w×h image fills, so it is scaled by whole pixels. An image larger than
// the area keeps the whole area (sixel.Place scales it down smoothly).
func crispArea(area sixel.Rect, caps sixel.Capabilities, w, h int) sixel.Rect {
	aw, ah := pixels(caps, area.Cols, area.Rows)
	k := min(aw/max(1, w), ah/max(1, h))
	if k < 1 {
		return area
	}
	cw, ch := 1, 2 // half-blocks: two pixels per cell, one above the other
	if caps.Sixel {
		cw, ch = caps.Cell.Width, caps.Cell.Height
	}
	area.Cols = min(area.Cols, (k*w+cw-1)/cw)
	area.Rows = min(area.Rows, (k*h+ch-1)/ch)
	return area
}
