package canvas

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata")

var testPalette = Palette{
	Background: color.RGBA{0x1C, 0x1C, 0x24, 0xFF},
	Text:       color.RGBA{0xE0, 0xE0, 0xE0, 0xFF},
	Axis:       color.RGBA{0x76, 0x76, 0x76, 0xFF},
	Node:       color.RGBA{0x6C, 0x8E, 0xEF, 0xFF},
	Center:     color.RGBA{0xF2, 0x5D, 0x94, 0xFF},
	Selected:   color.RGBA{0xE5, 0xC0, 0x7B, 0xFF},
	Series:     []color.RGBA{{0x04, 0xB5, 0x75, 0xFF}, {0x6C, 0x8E, 0xEF, 0xFF}, {0xE5, 0xC0, 0x7B, 0xFF}},
}

func TestChartSizes(t *testing.T) {
	labels := []string{"2026-11-01", "2026-11-02", "2026-11-03"}
	values := []int64{3, 0, 12}
	sizes := []struct{ w, h, wantW, wantH int }{
		{320, 200, 320, 200}, {41, 17, 41, 17}, {1, 1, 1, 1}, {0, 0, 1, 1}, {-5, 3, 1, 3},
	}
	for _, sz := range sizes {
		for _, textOn := range []bool{true, false} {
			for _, vals := range [][]int64{values, nil} {
				name := fmt.Sprintf("%dx%d_text%v_%dvalues", sz.w, sz.h, textOn, len(vals))
				t.Run(name, func(t *testing.T) {
					want := image.Rect(0, 0, sz.wantW, sz.wantH)
					labs := labels[:len(vals)]
					if b := Bars("by type", labs, vals, sz.w, sz.h, textOn, testPalette).Bounds(); b != want {
						t.Errorf("Bars is %v, want %v", b, want)
					}
					if b := Line("per day", labs, vals, sz.w, sz.h, textOn, testPalette).Bounds(); b != want {
						t.Errorf("Line is %v, want %v", b, want)
					}
					g := randomGraph(1, 1+len(vals))
					g.Labels = textOn
					if img, _ := DrawGraph(g, sz.w, sz.h, testPalette); img.Bounds() != want {
						t.Errorf("DrawGraph is %v, want %v", img.Bounds(), want)
					}
				})
			}
		}
	}
}

// TestBarsLengths checks bar lengths follow the values: the longest value
// fills the room, zero still shows a 1-pixel bar, and the rest are in
// proportion.
func TestBarsLengths(t *testing.T) {
	img := Bars("", []string{"a", "b", "c"}, []int64{10, 5, 0}, 200, 30, false, testPalette)
	widths := make([]int, 3)
	for i := range widths {
		y := i * 10
		for x := 0; x < 200; x++ {
			if img.RGBAAt(x, y) == testPalette.series(i) {
				widths[i]++
			}
		}
	}
	if widths[0] != 199 || widths[1] != 99 || widths[2] != 1 {
		t.Errorf("bar widths %v, want [199 99 1]", widths)
	}
}

func TestGoldenImages(t *testing.T) {
	days := []string{"2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"}
	tests := []struct {
		name string
		img  func() *image.RGBA
	}{
		{"graph", func() *image.RGBA { img, _ := DrawGraph(randomGraph(7, 8), 320, 200, testPalette); return img }},
		{"graph_nolabels", func() *image.RGBA {
			g := randomGraph(7, 8)
			g.Labels = false
			img, _ := DrawGraph(g, 48, 32, testPalette)
			return img
		}},
		{"bars", func() *image.RGBA {
			return Bars("by type", []string{"semantic", "episodic", "fact"}, []int64{40, 25, 3}, 240, 100, true, testPalette)
		}},
		{"line", func() *image.RGBA {
			return Line("memories per day", days, []int64{2, 9, 4, 0, 7}, 320, 120, true, testPalette)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.img()
			path := filepath.Join("testdata", tt.name+".png")
			if *update {
				var buf bytes.Buffer
				if err := png.Encode(&buf, got); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatalf("%v (run go test ./tui/canvas -update to create it)", err)
			}
			defer f.Close()
			want, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if want.Bounds() != got.Bounds() {
				t.Fatalf("image is %v, golden %v", got.Bounds(), want.Bounds())
			}
			diff := 0
			for y := 0; y < got.Bounds().Dy(); y++ {
				for x := 0; x < got.Bounds().Dx(); x++ {
					if color.RGBAModel.Convert(want.At(x, y)) != got.RGBAAt(x, y) {
						diff++
					}
				}
			}
			if diff > 0 {
				t.Errorf("%d pixels differ from %s (look at it; refresh with -update if the change is intended)", diff, path)
			}
		})
	}
}
