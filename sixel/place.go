package sixel

import (
	"fmt"
	"image"
	"strconv"
	"strings"
	"sync"
)

// Rect is a rectangle of character cells: the column and row of its
// top-left cell, counted from 0 at the screen's top-left corner, and its size.
type Rect struct {
	Col, Row   int
	Cols, Rows int
}

// Empty reports whether r holds no cells.
func (r Rect) Empty() bool { return r.Cols <= 0 || r.Rows <= 0 }

// Placement is an image prepared for one spot on the screen. Build it with
// Place; see the package documentation for how to use it.
type Placement struct {
	// Area is the cells the image covers: the pane's top-left corner and as
	// many cells as the fitted image needs, never more than the pane.
	Area Rect
	// Sixel tells which form the image takes: sixel or half-blocks.
	Sixel bool
	// Width and Height are the image size in pixels as drawn: sixel pixels,
	// or for half-blocks the cell columns and twice the cell rows.
	Width, Height int
	// Text is the half-block form: Area.Rows lines of Area.Cols cells joined
	// by "\n", to put in a view. It is empty for sixel placements.
	Text string
	// seq is the sixel DCS sequence; nil for half-blocks.
	seq []byte
}

var encoders = sync.Pool{New: func() any { return new(Encoder) }}

// Place fits img into pane, keeping its aspect ratio, and renders it the way
// caps says the terminal can show it: as sixel sized in pixels from caps.Cell
// (and no larger than the terminal's sixel limit), or as half-blocks.
func Place(img image.Image, pane Rect, caps Capabilities) (Placement, error) {
	if img == nil || img.Bounds().Empty() {
		return Placement{}, fmt.Errorf("place image: %w; pass an image at least 1×1 in size", ErrEmptyImage)
	}
	if pane.Empty() {
		return Placement{}, fmt.Errorf("place image: pane %dx%d at (%d,%d) has no cells; give it at least one column and row", pane.Cols, pane.Rows, pane.Col, pane.Row)
	}
	cell := caps.Cell
	if cell.Width <= 0 || cell.Height <= 0 {
		cell = DefaultCellSize
	}
	b := img.Bounds()
	w, h := Fit(b.Dx(), b.Dy(), pane, cell, caps.MaxWidth, caps.MaxHeight)
	if !caps.Sixel {
		cols := min(pane.Cols, max(1, (w+cell.Width/2)/cell.Width))
		rows := min(pane.Rows, max(1, (h+cell.Height/2)/cell.Height))
		depth := Color256
		if caps.TrueColor {
			depth = TrueColor
		}
		return Placement{
			Area:   Rect{pane.Col, pane.Row, cols, rows},
			Width:  cols,
			Height: 2 * rows,
			Text:   HalfBlocks(img, cols, rows, depth),
		}, nil
	}
	e := encoders.Get().(*Encoder)
	defer encoders.Put(e)
	e.Options = caps.Options()
	seq, err := e.Append(nil, Scale(img, w, h))
	if err != nil {
		return Placement{}, fmt.Errorf("place image: %w", err)
	}
	cols := min(pane.Cols, (w+cell.Width-1)/cell.Width)
	rows := min(pane.Rows, (h+cell.Height-1)/cell.Height)
	return Placement{
		Area:   Rect{pane.Col, pane.Row, cols, rows},
		Sixel:  true,
		Width:  w,
		Height: h,
		seq:    seq,
	}, nil
}

// Fit returns the largest size with the aspect ratio of a imgW×imgH image
// that fits in area, given the cell size in pixels, and also within
// maxW×maxH pixels when those are positive. Both results are at least 1.
func Fit(imgW, imgH int, area Rect, cell CellSize, maxW, maxH int) (w, h int) {
	if imgW <= 0 || imgH <= 0 {
		return 1, 1
	}
	availW, availH := area.Cols*cell.Width, area.Rows*cell.Height
	if maxW > 0 {
		availW = min(availW, maxW)
	}
	if maxH > 0 {
		availH = min(availH, maxH)
	}
	// Compare availW/imgW with availH/imgH without floating point.
	if availW*imgH <= availH*imgW {
		w, h = availW, availW*imgH/imgW
	} else {
		w, h = availH*imgW/imgH, availH
	}
	return max(w, 1), max(h, 1)
}

// Draw returns the bytes that draw the image at its Area: save the cursor
// (DECSC), move to the area (CUP), write the image, restore the cursor
// (DECRC). It can be sent as a raw write at any time; the cursor and its
// attributes end up where they were.
func (p Placement) Draw() []byte {
	var out []byte
	out = append(out, "\x1b7"...)
	if p.Sixel {
		out = appendCUP(out, p.Area.Row, p.Area.Col)
		out = append(out, p.seq...)
	} else {
		for i, line := range strings.Split(p.Text, "\n") {
			out = appendCUP(out, p.Area.Row+i, p.Area.Col)
			out = append(out, line...)
		}
	}
	return append(out, "\x1b8"...)
}

// View returns what the pane's view should hold in the image's place: the
// half-block rows, or for sixel Area.Rows lines of Area.Cols spaces that
// reserve the cells the image is then drawn over with Draw.
func (p Placement) View() string {
	if !p.Sixel {
		return p.Text
	}
	row := strings.Repeat(" ", p.Area.Cols)
	return strings.TrimSuffix(strings.Repeat(row+"\n", p.Area.Rows), "\n")
}

// Clear returns the bytes that blank the image's Area; see ClearRect.
func (p Placement) Clear() []byte { return ClearRect(p.Area) }

// ClearRect returns the bytes that blank every cell of r with the default
// background, without moving the cursor: DECSC, then for each row a CUP and
// ECH (erase characters), then DECRC. Erasing cells also removes sixel pixels
// under them in xterm, foot and mlterm.
func ClearRect(r Rect) []byte {
	if r.Empty() {
		return nil
	}
	out := []byte("\x1b7\x1b[0m")
	for i := range r.Rows {
		out = appendCUP(out, r.Row+i, r.Col)
		out = append(out, "\x1b["...)
		out = strconv.AppendInt(out, int64(r.Cols), 10)
		out = append(out, 'X')
	}
	return append(out, "\x1b8"...)
}

// appendCUP moves the cursor to a 0-based row and column.
func appendCUP(out []byte, row, col int) []byte {
	out = append(out, "\x1b["...)
	out = strconv.AppendInt(out, int64(row+1), 10)
	out = append(out, ';')
	out = strconv.AppendInt(out, int64(col+1), 10)
	return append(out, 'H')
}
