package sixel

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"math"
	"testing"
)

func solidImage(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return img
}

// gradientImage has w×h distinct colours: red across, green down.
func gradientImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / max(w-1, 1)), uint8(y * 255 / max(h-1, 1)), 96, 255})
		}
	}
	return img
}

// discImage is a green disc on a transparent background, with a soft edge.
func discImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	cx, cy, r := float64(w-1)/2, float64(h-1)/2, float64(min(w, h))/2
	for y := range h {
		for x := range w {
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			a := math.Max(0, math.Min(1, r-d)) * 255
			img.SetNRGBA(x, y, color.NRGBA{40, 200, 90, uint8(a)})
		}
	}
	return img
}

// stripesImage has one colour per row, cycling through four.
func stripesImage(w, h int) *image.Paletted {
	pal := color.Palette{
		color.RGBA{255, 0, 0, 255}, color.RGBA{0, 255, 0, 255},
		color.RGBA{0, 0, 255, 255}, color.RGBA{255, 255, 255, 255},
	}
	img := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	for y := range h {
		for x := range w {
			img.SetColorIndex(x, y, uint8(y%len(pal)))
		}
	}
	return img
}

func TestEncodeGolden(t *testing.T) {
	tests := []struct {
		name string
		img  image.Image
		opts Options
	}{
		{"solid", solidImage(12, 6, color.RGBA{200, 30, 30, 255}), Options{}},
		{"gradient16", gradientImage(24, 12), Options{Colors: 16}},
		{"gradient16_dither", gradientImage(24, 12), Options{Colors: 16, Dither: true}},
		{"transparent", discImage(10, 8), Options{Transparent: true}},
		{"composited", discImage(10, 8), Options{Background: color.White}},
		{"one_pixel", solidImage(1, 1, color.RGBA{0, 128, 255, 255}), Options{}},
		{"height7", stripesImage(5, 7), Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, tt.img, tt.opts); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, buf.Bytes())
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name string
		img  image.Image
		opts Options
		want error
	}{
		{"nil image", nil, Options{}, ErrEmptyImage},
		{"empty image", image.NewRGBA(image.Rect(0, 0, 0, 5)), Options{}, ErrEmptyImage},
		{"too many colours", solidImage(2, 2, color.RGBA{A: 255}), Options{Colors: 300}, nil},
		{"negative colours", solidImage(2, 2, color.RGBA{A: 255}), Options{Colors: -1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Encode(&buf, tt.img, tt.opts)
			if err == nil {
				t.Fatal("Encode succeeded, want an error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Fatalf("wrote %d bytes on error", buf.Len())
			}
		})
	}
}

// TestEncodeHeader checks the parts of the sequence terminals depend on.
func TestEncodeHeader(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		prefix string
	}{
		{"opaque", Options{}, "\x1bP0;0;0q\"1;1;5;7#"},
		{"transparent", Options{Transparent: true}, "\x1bP0;1;0q\"1;1;5;7#"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, stripesImage(5, 7), tt.opts); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if !bytes.HasPrefix(buf.Bytes(), []byte(tt.prefix)) {
				t.Fatalf("output starts %q, want prefix %q", out[:min(len(out), 40)], tt.prefix)
			}
			if !bytes.HasSuffix(buf.Bytes(), []byte("\x1b\\")) {
				t.Fatalf("output does not end with ST: %q", out[max(0, len(out)-10):])
			}
		})
	}
}

func TestAppendRun(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, ""}, {1, "~"}, {3, "~~~"}, {4, "!4~"}, {120, "!120~"}}
	for _, tt := range tests {
		if got := string(appendRun(nil, '~', tt.n)); got != tt.want {
			t.Errorf("appendRun(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestEncoderReuse checks that buffers kept between calls do not leak state
// from one image into the next.
func TestEncoderReuse(t *testing.T) {
	var e Encoder
	first, err := e.Append(nil, gradientImage(40, 30))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Append(nil, stripesImage(7, 13)); err != nil {
		t.Fatal(err)
	}
	again, err := e.Append(nil, gradientImage(40, 30))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Fatal("re-encoding the same image with a reused Encoder gave different bytes")
	}
}

// TestEncodeSubImage checks that images whose bounds do not start at (0, 0)
// are read from their own origin, on every pixel-loading path.
func TestEncodeSubImage(t *testing.T) {
	full := gradientImage(30, 20)
	rect := image.Rect(7, 5, 19, 16)
	tests := []struct {
		name string
		img  image.Image
	}{
		{"RGBA", full.SubImage(rect)},
		{"NRGBA", toNRGBA(full).SubImage(rect)},
		{"Gray via draw", image.NewGray(image.Rect(3, 3, 9, 9))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.img.Bounds()
			flat := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
			for y := range b.Dy() {
				for x := range b.Dx() {
					flat.Set(x, y, tt.img.At(b.Min.X+x, b.Min.Y+y))
				}
			}
			var got, want bytes.Buffer
			if err := Encode(&got, tt.img, Options{}); err != nil {
				t.Fatal(err)
			}
			if err := Encode(&want, flat, Options{}); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("sub-image encodes differently from its copy:\n got %q\nwant %q", got.String(), want.String())
			}
		})
	}
}

func toNRGBA(img *image.RGBA) *image.NRGBA {
	out := image.NewNRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

func TestEncodeFullyTransparent(t *testing.T) {
	var buf bytes.Buffer
	img := image.NewNRGBA(image.Rect(0, 0, 4, 9))
	if err := Encode(&buf, img, Options{Transparent: true}); err != nil {
		t.Fatal(err)
	}
	if want := "\x1bP0;1;0q\"1;1;4;9\x1b\\"; buf.String() != want {
		t.Fatalf("fully transparent image encoded as %q, want %q", buf.String(), want)
	}
}
