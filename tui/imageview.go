package tui

import (
	"fmt"
	"image"

	"github.com/sweetmcp/sweet/sixel"
)

// imageView holds one rendered image of a pane and re-renders it only when
// what it shows, its size or its place changed. Drawing and encoding take
// a few milliseconds, so doing them once per change (not per frame) keeps
// the UI responsive.
type imageView struct {
	key       string
	placement *sixel.Placement
	err       error
}

// pixels is the image size to draw for a cols×rows cell area: real pixels
// for sixel, and 1×2 pixels per cell for half-blocks.
func pixels(caps sixel.Capabilities, cols, rows int) (w, h int) {
	if caps.Sixel {
		return cols * caps.Cell.Width, rows * caps.Cell.Height
	}
	return cols, rows * 2
}

// update re-renders when key or the area changed: draw makes the image at
// the given pixel size.
func (v *imageView) update(caps sixel.Capabilities, area sixel.Rect, key string, draw func(w, h int) image.Image) {
	full := fmt.Sprintf("%s|%v|%v", key, area, caps.Cell)
	if full == v.key {
		return
	}
	v.key = full
	v.placement, v.err = nil, nil
	if area.Empty() {
		return
	}
	w, h := pixels(caps, area.Cols, area.Rows)
	p, err := sixel.Place(draw(w, h), area, caps)
	if err != nil {
		v.err = fmt.Errorf("draw image: %w", err)
		return
	}
	v.placement = &p
}

// view is the placement's text (half-blocks or reserved blanks).
func (v *imageView) view() string {
	if v.placement == nil {
		return ""
	}
	return v.placement.View()
}
