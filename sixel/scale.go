package sixel

import (
	"image"
	"image/draw"
)

// Scale resizes img to w×h pixels. Shrinking averages every source pixel
// that falls into a destination pixel (a box filter), so thin chart lines
// fade instead of vanishing; enlarging repeats pixels, so lines stay crisp.
// Averaging is done on premultiplied colour, so transparent pixels do not
// darken their neighbours. The result always starts at (0, 0).
func Scale(img image.Image, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if w <= 0 || h <= 0 || img == nil || img.Bounds().Empty() {
		return dst
	}
	src, ok := img.(*image.RGBA)
	if !ok {
		src = image.NewRGBA(img.Bounds())
		draw.Draw(src, src.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	b := src.Bounds()
	xs := spans(b.Dx(), w)
	ys := spans(b.Dy(), h)
	for y := range h {
		y0, y1 := ys[2*y], ys[2*y+1]
		for x := range w {
			x0, x1 := xs[2*x], xs[2*x+1]
			var sum [4]uint32
			for sy := y0; sy < y1; sy++ {
				off := src.PixOffset(b.Min.X+x0, b.Min.Y+sy)
				for i := 0; i < (x1-x0)*4; i += 4 {
					p := src.Pix[off+i : off+i+4 : off+i+4]
					sum[0] += uint32(p[0])
					sum[1] += uint32(p[1])
					sum[2] += uint32(p[2])
					sum[3] += uint32(p[3])
				}
			}
			n := uint32((x1 - x0) * (y1 - y0))
			o := dst.PixOffset(x, y)
			for c := range 4 {
				dst.Pix[o+c] = uint8((sum[c] + n/2) / n)
			}
		}
	}
	return dst
}

// spans maps each of n destination pixels to the source range [lo, hi) it
// covers out of size source pixels; every range holds at least one pixel.
func spans(size, n int) []int {
	out := make([]int, 2*n)
	for i := range n {
		lo := i * size / n
		hi := max((i+1)*size/n, lo+1)
		out[2*i], out[2*i+1] = lo, min(hi, size)
	}
	return out
}
