package sixel

import (
	"image"
	"image/color"
	"image/draw"
)

// transparentPixel marks a pixel that the encoder leaves unpainted. It lies
// outside the 24-bit RGB range, so it can never collide with a real colour.
const transparentPixel = 1 << 24

// alphaCutoff is the alpha below which a pixel counts as transparent when
// Options.Transparent is set. Sixel has no partial transparency: a pixel is
// painted or it is not, so half-covered pixels are rounded to the nearer side.
const alphaCutoff = 128

// loadPixels flattens img into e.pix as packed 0xRRGGBB values, row by row,
// compositing or cutting alpha according to the options. The common image
// types take allocation-free fast paths; anything else is first converted to
// RGBA once with image/draw, which has its own fast paths for YCbCr, Gray and
// Paletted images.
func (e *Encoder) loadPixels(img image.Image) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	e.pix = grow(e.pix, w*h)
	br, bg, bb := e.background()
	switch src := img.(type) {
	case *image.RGBA:
		e.loadRGBA(src, br, bg, bb)
	case *image.NRGBA:
		e.loadNRGBA(src, br, bg, bb)
	default:
		if e.conv == nil || e.conv.Bounds() != b {
			e.conv = image.NewRGBA(b)
		}
		draw.Draw(e.conv, b, img, b.Min, draw.Src)
		e.loadRGBA(e.conv, br, bg, bb)
	}
}

// background returns the compositing colour as 8-bit channels.
func (e *Encoder) background() (r, g, b uint32) {
	if e.Background == nil {
		return 0, 0, 0
	}
	c := color.RGBAModel.Convert(e.Background).(color.RGBA)
	return uint32(c.R), uint32(c.G), uint32(c.B)
}

func (e *Encoder) loadRGBA(src *image.RGBA, br, bg, bb uint32) {
	b := src.Bounds()
	w := b.Dx()
	i := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := src.Pix[src.PixOffset(b.Min.X, y):]
		for x := 0; x < w; x++ {
			p := row[x*4 : x*4+4 : x*4+4]
			r, g, bl, a := uint32(p[0]), uint32(p[1]), uint32(p[2]), uint32(p[3])
			switch {
			case a == 255:
				e.pix[i] = r<<16 | g<<8 | bl
			case e.Transparent && a < alphaCutoff:
				e.pix[i] = transparentPixel
			case e.Transparent:
				// Premultiplied: undo the multiplication to get the colour itself.
				e.pix[i] = (r*255/a)<<16 | (g*255/a)<<8 | bl*255/a
			default:
				// Premultiplied "over": src + bg×(1−a).
				inv := 255 - a
				e.pix[i] = (r+(br*inv+127)/255)<<16 | (g+(bg*inv+127)/255)<<8 | (bl + (bb*inv+127)/255)
			}
			i++
		}
	}
}

func (e *Encoder) loadNRGBA(src *image.NRGBA, br, bg, bb uint32) {
	b := src.Bounds()
	w := b.Dx()
	i := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := src.Pix[src.PixOffset(b.Min.X, y):]
		for x := 0; x < w; x++ {
			p := row[x*4 : x*4+4 : x*4+4]
			r, g, bl, a := uint32(p[0]), uint32(p[1]), uint32(p[2]), uint32(p[3])
			switch {
			case a == 255:
				e.pix[i] = r<<16 | g<<8 | bl
			case e.Transparent && a < alphaCutoff:
				e.pix[i] = transparentPixel
			case e.Transparent:
				e.pix[i] = r<<16 | g<<8 | bl
			default:
				inv := 255 - a
				e.pix[i] = ((r*a+br*inv+127)/255)<<16 | ((g*a+bg*inv+127)/255)<<8 | (bl*a+bb*inv+127)/255
			}
			i++
		}
	}
}

// grow returns s resized to n elements, reusing its storage when it can.
// The contents are not cleared: callers overwrite every element.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
