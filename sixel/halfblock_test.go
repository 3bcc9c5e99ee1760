package sixel

import (
	"image"
	"image/color"
	"strings"
	"testing"
	"unicode/utf8"
)

// quadImage has four coloured quadrants.
func quadImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cols := [4]color.RGBA{{230, 30, 30, 255}, {30, 200, 60, 255}, {40, 60, 220, 255}, {250, 250, 250, 255}}
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, cols[(2*y/h)*2+2*x/w])
		}
	}
	return img
}

func TestHalfBlocksGolden(t *testing.T) {
	tests := []struct {
		name       string
		img        image.Image
		cols, rows int
		depth      ColorDepth
	}{
		{"quad_truecolor", quadImage(8, 8), 4, 2, TrueColor},
		{"quad_256", quadImage(8, 8), 4, 2, Color256},
		{"gradient_truecolor", gradientImage(24, 12), 6, 3, TrueColor},
		{"gradient_256", gradientImage(24, 12), 6, 3, Color256},
		{"transparent_disc", discImage(12, 12), 6, 3, TrueColor},
		{"one_pixel", solidImage(1, 1, color.RGBA{0, 128, 255, 255}), 1, 1, TrueColor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HalfBlocks(tt.img, tt.cols, tt.rows, tt.depth)
			checkGolden(t, []byte(got))
			lines := strings.Split(got, "\n")
			if len(lines) != tt.rows {
				t.Fatalf("%d lines, want %d", len(lines), tt.rows)
			}
			for i, l := range lines {
				if n := visibleCells(l); n != tt.cols {
					t.Fatalf("line %d shows %d cells, want %d: %q", i, n, tt.cols, l)
				}
				if !strings.HasSuffix(l, "\x1b[0m") {
					t.Fatalf("line %d does not end with an SGR reset: %q", i, l)
				}
			}
		})
	}
}

// visibleCells counts the runes outside CSI sequences.
func visibleCells(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == esc && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j + 1
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return n
}

func TestHalfBlocksCells(t *testing.T) {
	red := color.RGBA{255, 0, 0, 255}
	blue := color.RGBA{0, 0, 255, 255}
	img := image.NewRGBA(image.Rect(0, 0, 4, 2))
	img.SetRGBA(0, 0, red) // red over blue
	img.SetRGBA(0, 1, blue)
	img.SetRGBA(1, 0, red)  // red over transparent
	img.SetRGBA(2, 1, blue) // transparent over blue
	// column 3 fully transparent
	got := HalfBlocks(img, 4, 1, TrueColor)
	want := "\x1b[38;2;255;0;0;48;2;0;0;255m▀" + "\x1b[49m▀" + "\x1b[38;2;0;0;255m▄" + " " + "\x1b[0m"
	if got != want {
		t.Fatalf("HalfBlocks =\n%q\nwant\n%q", got, want)
	}
}

func TestHalfBlocksEmpty(t *testing.T) {
	if got := HalfBlocks(quadImage(4, 4), 0, 3, TrueColor); got != "" {
		t.Fatalf("zero columns gave %q", got)
	}
}

func TestXterm256(t *testing.T) {
	tests := []struct {
		r, g, b, want int
	}{
		{0, 0, 0, 16},
		{255, 255, 255, 231},
		{255, 0, 0, 196},
		{0, 95, 135, 24},
		{128, 128, 128, 244}, // grey ramp beats the cube's 102
		{8, 8, 8, 232},
		{238, 238, 238, 255},
		{250, 250, 250, 231},
	}
	for _, tt := range tests {
		if got := xterm256(tt.r, tt.g, tt.b); got != tt.want {
			t.Errorf("xterm256(%d,%d,%d) = %d, want %d", tt.r, tt.g, tt.b, got, tt.want)
		}
	}
}

func TestScale(t *testing.T) {
	// Shrinking a 2×2 checker of black and white to one pixel averages it.
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.SetRGBA(0, 0, color.RGBA{255, 255, 255, 255})
	img.SetRGBA(1, 1, color.RGBA{255, 255, 255, 255})
	img.SetRGBA(1, 0, color.RGBA{0, 0, 0, 255})
	img.SetRGBA(0, 1, color.RGBA{0, 0, 0, 255})
	if got := Scale(img, 1, 1).RGBAAt(0, 0); got != (color.RGBA{128, 128, 128, 255}) {
		t.Errorf("2×2 checker averaged to %v, want mid grey", got)
	}
	// Enlarging repeats pixels.
	up := Scale(img, 4, 4)
	if up.RGBAAt(1, 1) != img.RGBAAt(0, 0) || up.RGBAAt(3, 0) != img.RGBAAt(1, 0) {
		t.Errorf("enlarged image does not repeat pixels: %v %v", up.RGBAAt(1, 1), up.RGBAAt(3, 0))
	}
	// A sub-image keeps its own origin.
	sub := quadImage(8, 8).SubImage(image.Rect(4, 4, 8, 8))
	if got := Scale(sub, 2, 2).RGBAAt(0, 0); got != (color.RGBA{250, 250, 250, 255}) {
		t.Errorf("scaled sub-image starts with %v, want its own corner colour", got)
	}
}
