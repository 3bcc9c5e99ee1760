package sixel

import (
	"bytes"
	"image"
	"image/color"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the reply parser: it must never panic
// and must always produce a usable cell size.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"\x1b[?62;4c", "\x1b[6;17;8t\x1b[?1;0;1024S\x1b[?2;0;792;391S\x1bP>|foot(1.13.1)\x1b\\\x1b[?62;4;22c",
		"\x1b_Gi=31;OK\x1b\\\x1b[?62;52;c", "\x9b?6c", "\x1b[4;;t\x1b[8;0;0t", "\x1bP", "\x1b[?", "\x1b]11;x\x07",
	} {
		f.Add([]byte(s), 80, 24, 640, 480)
	}
	f.Fuzz(func(t *testing.T, b []byte, cols, rows, xp, yp int) {
		caps := Parse(b, Winsize{cols, rows, xp, yp}, nil)
		if caps.Cell.Width <= 0 || caps.Cell.Height <= 0 {
			t.Fatalf("cell size %v from %q", caps.Cell, b)
		}
		if caps.Sixel && !caps.Answered {
			t.Fatal("sixel without a DA1 reply")
		}
	})
}

// FuzzEncode encodes small images built from the fuzzer's bytes and checks
// them with the reference decoder: size always right, colours exact when the
// image has at most the palette's size of colours.
func FuzzEncode(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9}, uint8(3), uint8(7), uint8(0), false, false)
	f.Add(bytes.Repeat([]byte{200, 10}, 40), uint8(8), uint8(13), uint8(16), true, true)
	f.Fuzz(func(t *testing.T, data []byte, w, h, colors uint8, dither, transparent bool) {
		if w == 0 || h == 0 || len(data) == 0 || int(w)*int(h) > 4096 {
			return
		}
		img := image.NewNRGBA(image.Rect(0, 0, int(w), int(h)))
		distinct := map[color.NRGBA]bool{}
		for i := range int(w) * int(h) {
			v := data[i%len(data)]
			c := color.NRGBA{v, v * 3, v * 7, 255}
			if transparent && v%5 == 0 {
				c.A = 0
			} else {
				distinct[c] = true
			}
			img.SetNRGBA(i%int(w), i/int(w), c)
		}
		// colors is 0 (meaning 256) to 255, all valid palette sizes.
		opts := Options{Colors: int(colors), Dither: dither, Transparent: transparent}
		var buf bytes.Buffer
		if err := Encode(&buf, img, opts); err != nil {
			t.Fatal(err)
		}
		seq := buf.Bytes()
		got, err := refDecode(seq[bytes.IndexByte(seq, 'q')+1 : len(seq)-2])
		if err != nil {
			t.Fatalf("reference decode: %v", err)
		}
		if got.Bounds() != img.Bounds() {
			t.Fatalf("decoded %v, want %v", got.Bounds(), img.Bounds())
		}
		limit := opts.Colors
		if limit == 0 {
			limit = MaxColors
		}
		for y := range int(h) {
			for x := range int(w) {
				want, g := img.NRGBAAt(x, y), got.NRGBAAt(x, y)
				if transparent && want.A == 0 {
					if g.A != 0 {
						t.Fatalf("transparent pixel (%d,%d) painted", x, y)
					}
					continue
				}
				if g.A == 0 {
					t.Fatalf("pixel (%d,%d) not painted", x, y)
				}
				if len(distinct) <= limit && (g.R != viaPercent(want.R) || g.G != viaPercent(want.G) || g.B != viaPercent(want.B)) {
					t.Fatalf("pixel (%d,%d) = %v, want %v exactly (%d colours)", x, y, g, want, len(distinct))
				}
			}
		}
	})
}
