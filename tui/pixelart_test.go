package tui

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/sweetmcp/sweet/sixel"
)

func decodePNG(t *testing.T, b64 string) image.Image {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestReduceBlocks(t *testing.T) {
	t.Run("checkerboard of 4×4 blocks", func(t *testing.T) {
		img := decodePNG(t, checkerPNG(5, 4))
		got, n := reduceBlocks(img)
		if n != 4 || got.Bounds().Dx() != 5 || got.Bounds().Dy() != 5 {
			t.Fatalf("reduced to %v with block %d, want 5×5 with block 4", got.Bounds(), n)
		}
		for y := range 5 {
			for x := range 5 {
				if !sameColor(got.At(x, y), img.At(x*4, y*4)) {
					t.Errorf("pixel %d,%d = %v, want %v", x, y, got.At(x, y), img.At(x*4, y*4))
				}
			}
		}
	})
	t.Run("blocks only across", func(t *testing.T) {
		// Runs of 2 across, but rows alternate one by one: not square
		// blocks, so nothing is reduced.
		img := image.NewGray(image.Rect(0, 0, 4, 4))
		for y := range 4 {
			for x := range 4 {
				if (x/2+y)%2 == 0 {
					img.SetGray(x, y, color.Gray{Y: 255})
				}
			}
		}
		if got, n := reduceBlocks(img); n != 1 || got != image.Image(img) {
			t.Errorf("reduced with block %d, want the image unchanged", n)
		}
	})
	t.Run("one colour", func(t *testing.T) {
		img := image.NewGray(image.Rect(0, 0, 6, 6))
		got, n := reduceBlocks(img)
		if n != 6 || got.Bounds().Dx() != 1 {
			t.Errorf("plain 6×6 reduced to %v with block %d, want 1×1 with block 6", got.Bounds(), n)
		}
	})
	t.Run("offset bounds", func(t *testing.T) {
		img := image.NewGray(image.Rect(10, 10, 14, 12))
		for x := 12; x < 14; x++ {
			img.SetGray(x, 10, color.Gray{Y: 255})
			img.SetGray(x, 11, color.Gray{Y: 255})
		}
		got, n := reduceBlocks(img)
		if n != 2 || got.Bounds() != image.Rect(0, 0, 2, 1) || !sameColor(got.At(1, 0), color.Gray{Y: 255}) {
			t.Errorf("reduced to %v with block %d, want 2×1 with block 2 and white on the right", got.Bounds(), n)
		}
	})
}

func TestCrispArea(t *testing.T) {
	half := sixel.Capabilities{}
	six := sixel.Capabilities{Sixel: true, Cell: sixel.CellSize{Width: 8, Height: 16}}
	area := sixel.Rect{Col: 1, Row: 12, Cols: 98, Rows: 16}
	tests := []struct {
		name string
		caps sixel.Capabilities
		w, h int
		want sixel.Rect
	}{
		{"half-blocks, once", half, 29, 29, sixel.Rect{Col: 1, Row: 12, Cols: 29, Rows: 15}},
		{"half-blocks, twice", half, 15, 15, sixel.Rect{Col: 1, Row: 12, Cols: 30, Rows: 15}},
		{"sixel, eight times", six, 29, 29, sixel.Rect{Col: 1, Row: 12, Cols: 29, Rows: 15}},
		{"larger than the area", six, 2000, 1000, area},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := crispArea(area, tt.caps, tt.w, tt.h); got != tt.want {
				t.Errorf("crispArea = %+v, want %+v", got, tt.want)
			}
		})
	}
}
