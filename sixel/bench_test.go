package sixel

import (
	"image"
	"image/color"
	"io"
	"math"
	"testing"
)

// benchPhoto is an 800×400 image with tens of thousands of colours: the
// worst case for the quantiser, unlike the few-colour charts the TUI draws.
func benchPhoto() *image.RGBA {
	const w, h = 800, 400
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			fx, fy := float64(x)/w, float64(y)/h
			r := 127 + 127*math.Sin(fx*9+fy*3)
			g := 127 + 127*math.Sin(fy*7-fx*2)
			b := 255 * (fx + fy) / 2
			img.SetRGBA(x, y, color.RGBA{uint8(r), uint8(g), uint8(b), 255})
		}
	}
	return img
}

// benchChart is an 800×400 line chart: a white background, grid lines and
// three coloured series, with antialiasing-like blends at the edges.
func benchChart() *image.RGBA {
	const w, h = 800, 400
	img := solidImage(w, h, color.RGBA{255, 255, 255, 255})
	for x := 0; x < w; x += 40 {
		for y := range h {
			img.SetRGBA(x, y, color.RGBA{220, 220, 220, 255})
		}
	}
	series := []color.RGBA{{220, 50, 47, 255}, {38, 139, 210, 255}, {133, 153, 0, 255}}
	for i, c := range series {
		for x := range w {
			y := h/2 + int(float64(h/3)*math.Sin(float64(x)/60+float64(i)*2))
			for dy := -1; dy <= 1; dy++ {
				img.SetRGBA(x, y+dy, c)
			}
			img.SetRGBA(x, y-2, color.RGBA{(c.R + 255) / 2, (c.G + 255) / 2, (c.B + 255) / 2, 255})
		}
	}
	return img
}

func benchEncode(b *testing.B, img image.Image, opts Options) {
	e := Encoder{Options: opts}
	b.ReportAllocs()
	b.SetBytes(int64(len(img.(*image.RGBA).Pix)))
	for b.Loop() {
		if err := e.Encode(io.Discard, img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode800x400(b *testing.B)       { benchEncode(b, benchPhoto(), Options{}) }
func BenchmarkEncode800x400Dither(b *testing.B) { benchEncode(b, benchPhoto(), Options{Dither: true}) }
func BenchmarkEncode800x400Chart(b *testing.B)  { benchEncode(b, benchChart(), Options{}) }

// BenchmarkEncode800x400Cold uses a fresh Encoder per image, as the
// package-level Encode does, so it includes allocating the scratch buffers.
func BenchmarkEncode800x400Cold(b *testing.B) {
	img := benchPhoto()
	b.ReportAllocs()
	for b.Loop() {
		if err := Encode(io.Discard, img, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
