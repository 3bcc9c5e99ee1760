package sixel

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"strconv"
)

// MaxColors is the largest palette the encoder produces. Terminals that
// report more colour registers (foot and mlterm report 1024) still get 256:
// the index buffer is 16-bit, and 256 well-chosen colours are plenty for the
// charts and graphs the TUI draws.
const MaxColors = 256

// Options control how an image is encoded. The zero value is ready to use:
// up to 256 colours, no dithering, alpha composited over black.
type Options struct {
	// Colors is the palette size, 1 to MaxColors. Zero means MaxColors.
	// Images with at most Colors distinct colours keep them exactly.
	Colors int
	// Dither spreads quantisation error with Floyd–Steinberg. It smooths
	// gradients in photographs but adds noise to flat charts, so it is off by
	// default; it has no effect when the image's exact colours fit.
	Dither bool
	// Transparent leaves pixels with alpha below 50% unpainted (the DCS P2=1
	// "transparent background" mode), so whatever the terminal showed there
	// stays visible. Without it, alpha is composited over Background.
	Transparent bool
	// Background is the colour alpha is composited over when Transparent is
	// false. Nil means black.
	Background color.Color
}

// Encoder turns images into sixel DCS sequences. The zero value is ready to
// use; set the embedded Options first. An Encoder keeps its scratch buffers
// between calls, so reusing one for every frame avoids allocations. It is not
// safe for concurrent use.
type Encoder struct {
	Options

	pix       []uint32 // packed 0xRRGGBB, or transparentPixel
	conv      *image.RGBA
	idx       []int16 // register per pixel, noIndex for unpainted
	palette   []uint32
	exactKeys []uint32
	exactVals []uint8
	hist      []histBin
	bins      []uint16
	sortTmp   []uint16
	boxes     []box
	binBox    []int16 // median-cut box of each histogram bin
	cache     []int16
	order     []int16 // registers sorted by green
	sr        []int32 // channels of e.order, contiguous for the search
	sg        []int32
	sb        []int32
	pr        []int32
	pg        []int32
	pb        []int32
	errs      []int32
	band      []byte // one row of sixel bits per register for the current band
	bandList  []int16
	bandMin   []int
	bandMax   []int
	bandUsed  []bool
	out       []byte
}

// ErrEmptyImage is returned for a nil image or one without pixels.
var ErrEmptyImage = errors.New("image has no pixels")

// Encode writes img to w as a complete sixel sequence, from ESC P to ESC \.
func Encode(w io.Writer, img image.Image, opts Options) error {
	e := Encoder{Options: opts}
	return e.Encode(w, img)
}

// Encode writes img to w as a complete sixel sequence, from ESC P to ESC \.
func (e *Encoder) Encode(w io.Writer, img image.Image) error {
	out, err := e.Append(e.out[:0], img)
	e.out = out
	if err != nil {
		return err
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("write sixel: %w", err)
	}
	return nil
}

// Append appends the sixel sequence for img to dst and returns the result.
func (e *Encoder) Append(dst []byte, img image.Image) ([]byte, error) {
	if img == nil || img.Bounds().Empty() {
		return dst, fmt.Errorf("encode sixel: %w; pass an image at least 1×1 in size", ErrEmptyImage)
	}
	n := e.Colors
	if n == 0 {
		n = MaxColors
	}
	if n < 1 || n > MaxColors {
		return dst, fmt.Errorf("encode sixel: palette size %d is out of range; use 1 to %d (0 means %d)", e.Colors, MaxColors, MaxColors)
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	e.loadPixels(img)
	e.idx = grow(e.idx, w*h)
	switch {
	case e.exactPalette(n):
		e.mapExact()
	case e.Dither:
		e.medianCut(n)
		e.mapDithered(w, h)
	default:
		e.medianCut(n)
		e.mapNearest()
	}
	dst = e.appendHeader(dst, w, h)
	dst = e.appendBands(dst, w, h)
	return append(dst, "\x1b\\"...), nil
}

// appendHeader writes the DCS introducer, the raster attributes and the
// colour register definitions.
func (e *Encoder) appendHeader(dst []byte, w, h int) []byte {
	// P1=0 (aspect from raster attributes), P2 selects whether zero bits are
	// painted with the background (0) or left alone (1), P3=0 grid size.
	if e.Transparent {
		dst = append(dst, "\x1bP0;1;0q"...)
	} else {
		dst = append(dst, "\x1bP0;0;0q"...)
	}
	// Raster attributes: 1:1 pixel aspect and the exact size, so terminals
	// neither stretch pixels nor round the height up to a multiple of six.
	dst = append(dst, `"1;1;`...)
	dst = strconv.AppendInt(dst, int64(w), 10)
	dst = append(dst, ';')
	dst = strconv.AppendInt(dst, int64(h), 10)
	for i, p := range e.palette {
		dst = append(dst, '#')
		dst = strconv.AppendInt(dst, int64(i), 10)
		dst = append(dst, ";2;"...)
		dst = strconv.AppendInt(dst, int64(percent(p>>16&255)), 10)
		dst = append(dst, ';')
		dst = strconv.AppendInt(dst, int64(percent(p>>8&255)), 10)
		dst = append(dst, ';')
		dst = strconv.AppendInt(dst, int64(percent(p&255)), 10)
	}
	return dst
}

// percent converts an 8-bit channel to sixel's 0–100 scale, rounding.
func percent(v uint32) uint32 {
	return (v*100 + 127) / 255
}
