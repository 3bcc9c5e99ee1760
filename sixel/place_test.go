package sixel

import (
	"bytes"
	"image"
	"strings"
	"testing"
)

func TestFit(t *testing.T) {
	cell := CellSize{10, 20}
	tests := []struct {
		name       string
		imgW, imgH int
		area       Rect
		maxW, maxH int
		w, h       int
	}{
		{"wide image, width-bound", 800, 400, Rect{Cols: 40, Rows: 20}, 0, 0, 400, 200},
		{"tall image, height-bound", 100, 400, Rect{Cols: 40, Rows: 10}, 0, 0, 50, 200},
		{"enlarges small images", 10, 10, Rect{Cols: 10, Rows: 10}, 0, 0, 100, 100},
		{"terminal limit", 800, 400, Rect{Cols: 200, Rows: 100}, 640, 408, 640, 320},
		{"never zero", 10000, 1, Rect{Cols: 1, Rows: 1}, 0, 0, 10, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, h := Fit(tt.imgW, tt.imgH, tt.area, cell, tt.maxW, tt.maxH)
			if w != tt.w || h != tt.h {
				t.Fatalf("Fit = %dx%d, want %dx%d", w, h, tt.w, tt.h)
			}
		})
	}
}

func TestPlaceSixel(t *testing.T) {
	caps := Capabilities{Sixel: true, Cell: CellSize{8, 17}, Colors: 1024}
	pane := Rect{Col: 3, Row: 2, Cols: 20, Rows: 6}
	p, err := Place(quadImage(40, 20), pane, caps)
	if err != nil {
		t.Fatal(err)
	}
	// 20 cols × 8 px = 160 wide, 6 rows × 17 px = 102 high: width-bound,
	// 160×80 px, which covers 20 columns and ceil(80/17) = 5 rows.
	if p.Width != 160 || p.Height != 80 || p.Area != (Rect{3, 2, 20, 5}) || !p.Sixel {
		t.Fatalf("Place = %dx%d px in %+v (sixel %v), want 160x80 in {3 2 20 5}", p.Width, p.Height, p.Area, p.Sixel)
	}
	draw := p.Draw()
	prefix := []byte("\x1b7\x1b[3;4H\x1bP0;1;0q\"1;1;160;80")
	if !bytes.HasPrefix(draw, prefix) || !bytes.HasSuffix(draw, []byte("\x1b\\\x1b8")) {
		t.Fatalf("Draw = %q…%q, want DECSC, CUP 3;4, a transparent sixel of 160x80, DECRC", draw[:min(40, len(draw))], draw[max(0, len(draw)-6):])
	}
	start := bytes.Index(draw, []byte("\x1bP"))
	img := decode(t, draw[start:len(draw)-2])
	if img.Bounds() != image.Rect(0, 0, 160, 80) {
		t.Fatalf("decoded %v", img.Bounds())
	}
	if want := strings.TrimSuffix(strings.Repeat(strings.Repeat(" ", 20)+"\n", 5), "\n"); p.View() != want {
		t.Fatalf("View = %q, want 5 rows of 20 spaces", p.View())
	}
	checkGolden(t, p.Clear())
}

func TestPlaceHalfBlocks(t *testing.T) {
	caps := Capabilities{Cell: CellSize{10, 20}, TrueColor: true}
	p, err := Place(quadImage(40, 20), Rect{Col: 1, Row: 1, Cols: 30, Rows: 10}, caps)
	if err != nil {
		t.Fatal(err)
	}
	// 300×200 px available; a 2:1 image fits as 300×150 px = 30 cols × 7.5
	// rows, rounded to 8.
	if p.Sixel || p.Area != (Rect{1, 1, 30, 8}) || len(strings.Split(p.Text, "\n")) != 8 {
		t.Fatalf("Place = %+v with %d lines", p.Area, len(strings.Split(p.Text, "\n")))
	}
	if p.View() != p.Text {
		t.Fatal("View of a half-block placement is not its Text")
	}
	checkGolden(t, p.Draw())
}

func TestPlaceErrors(t *testing.T) {
	if _, err := Place(nil, Rect{Cols: 3, Rows: 3}, Capabilities{}); err == nil {
		t.Error("Place(nil) succeeded")
	}
	if _, err := Place(quadImage(4, 4), Rect{Cols: 0, Rows: 3}, Capabilities{}); err == nil {
		t.Error("Place into an empty pane succeeded")
	}
}

func TestClearRect(t *testing.T) {
	got := string(ClearRect(Rect{Col: 4, Row: 1, Cols: 12, Rows: 2}))
	want := "\x1b7\x1b[0m\x1b[2;5H\x1b[12X\x1b[3;5H\x1b[12X\x1b8"
	if got != want {
		t.Fatalf("ClearRect = %q, want %q", got, want)
	}
	if ClearRect(Rect{Cols: 0, Rows: 4}) != nil {
		t.Fatal("ClearRect of an empty rectangle wrote bytes")
	}
}

// TestPlaceFollowsDetection checks the whole decision on recorded replies:
// sixel where DA1 lists 4 outside tmux, half-blocks everywhere else, with
// 256 colours unless COLORTERM promises 24-bit.
func TestPlaceFollowsDetection(t *testing.T) {
	tests := []struct {
		terminal  string
		sixel     bool
		trueColor bool
	}{
		{"xterm-vt340", true, false},
		{"xterm-default", false, false},
		{"mlterm", true, false},
		{"foot", true, false},
		{"wezterm", true, true},
		{"iterm2", true, true},
		{"tmux-3.3a", false, false},
		{"tmux-3.6", false, false},
		{"linux-console", false, false},
		{"kitty", false, true},
		{"alacritty", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.terminal, func(t *testing.T) {
			rec := loadRecord(t, tt.terminal)
			caps := Parse(rec.reply, rec.ws, rec.getenv)
			p, err := Place(quadImage(16, 16), Rect{Cols: 8, Rows: 4}, caps)
			if err != nil {
				t.Fatal(err)
			}
			if p.Sixel != tt.sixel {
				t.Fatalf("sixel = %v, want %v (DA1 %v, tmux %v)", p.Sixel, tt.sixel, caps.DA1, caps.InTmux)
			}
			if tt.sixel {
				return
			}
			has24 := strings.Contains(p.Text, "38;2;")
			has256 := strings.Contains(p.Text, "38;5;")
			if has24 != tt.trueColor || has256 == tt.trueColor {
				t.Fatalf("half-blocks use 24-bit %v, 256-colour %v; want 24-bit %v", has24, has256, tt.trueColor)
			}
		})
	}
}
