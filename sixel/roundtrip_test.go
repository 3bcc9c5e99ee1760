package sixel

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	xsixel "github.com/charmbracelet/x/ansi/sixel"
)

// decode parses our output twice, with our own small reference decoder and
// with charmbracelet/x/ansi's independent one, and fails unless both agree.
//
// x/ansi/sixel v0.11.9 drops the sixel characters that directly follow a
// "!n c" repeat (its repeat reader swallows them), so repeats are expanded
// before its turn; the reference decoder reads them as written.
func decode(t *testing.T, seq []byte) image.Image {
	t.Helper()
	start := bytes.IndexByte(seq, 'q')
	if !bytes.HasPrefix(seq, []byte("\x1bP")) || start < 0 || !bytes.HasSuffix(seq, []byte("\x1b\\")) {
		t.Fatalf("not a sixel DCS sequence: %q", seq[:min(len(seq), 30)])
	}
	body := seq[start+1 : len(seq)-2]
	ref, err := refDecode(body)
	if err != nil {
		t.Fatalf("reference decode: %v", err)
	}
	var d xsixel.Decoder
	other, err := d.Decode(bytes.NewReader(expandRepeats(body)))
	if err != nil {
		t.Fatalf("x/ansi decode: %v", err)
	}
	if other.Bounds() != ref.Bounds() {
		t.Fatalf("decoders disagree on size: x/ansi %v, reference %v", other.Bounds(), ref.Bounds())
	}
	b := ref.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, a1 := ref.At(x, y).RGBA()
			r2, g2, b2, a2 := other.At(x, y).RGBA()
			if a1 == 0 && a2 == 0 {
				continue
			}
			if r1>>8 != r2>>8 || g1>>8 != g2>>8 || b1>>8 != b2>>8 || a1>>8 != a2>>8 {
				t.Fatalf("decoders disagree at (%d,%d): x/ansi %v, reference %v", x, y, other.At(x, y), ref.At(x, y))
			}
		}
	}
	return ref
}

// expandRepeats rewrites every "!n c" as n copies of c.
func expandRepeats(body []byte) []byte {
	var out []byte
	for i := 0; i < len(body); i++ {
		if body[i] != '!' {
			out = append(out, body[i])
			continue
		}
		n, j := 0, i+1
		for ; j < len(body) && body[j] >= '0' && body[j] <= '9'; j++ {
			n = n*10 + int(body[j]-'0')
		}
		if j < len(body) {
			out = append(out, bytes.Repeat(body[j:j+1], n)...)
		}
		i = j
	}
	return out
}

// refDecode is a reference decoder for the subset of sixel the encoder
// writes: raster attributes, RGB colour definitions, register selection,
// sixel characters, repeats, "$" and "-". Unpainted pixels stay transparent.
func refDecode(body []byte) (*image.NRGBA, error) {
	num := func(i int) (int, int) {
		n := 0
		for ; i < len(body) && body[i] >= '0' && body[i] <= '9'; i++ {
			n = n*10 + int(body[i]-'0')
		}
		return n, i
	}
	params := func(i int) ([]int, int) {
		var ps []int
		for {
			var n int
			n, i = num(i)
			ps = append(ps, n)
			if i >= len(body) || body[i] != ';' {
				return ps, i
			}
			i++
		}
	}
	if len(body) == 0 || body[0] != '"' {
		return nil, fmt.Errorf("no raster attributes")
	}
	ra, i := params(1)
	if len(ra) != 4 {
		return nil, fmt.Errorf("raster attributes %v, want 4 values", ra)
	}
	img := image.NewNRGBA(image.Rect(0, 0, ra[2], ra[3]))
	regs := map[int]color.NRGBA{}
	var cur color.NRGBA
	x, band := 0, 0
	for i < len(body) {
		c := body[i]
		switch {
		case c == '#':
			ps, j := params(i + 1)
			i = j
			if len(ps) == 5 {
				if ps[1] != 2 {
					return nil, fmt.Errorf("colour space %d, want 2 (RGB)", ps[1])
				}
				to8 := func(v int) uint8 { return uint8((v*255 + 50) / 100) }
				regs[ps[0]] = color.NRGBA{to8(ps[2]), to8(ps[3]), to8(ps[4]), 255}
				continue
			}
			col, ok := regs[ps[0]]
			if !ok {
				return nil, fmt.Errorf("register %d selected before it was defined", ps[0])
			}
			cur = col
		case c == '$':
			x, i = 0, i+1
		case c == '-':
			x, band, i = 0, band+1, i+1
		case c == '!' || (c >= '?' && c <= '~'):
			n := 1
			if c == '!' {
				n, i = num(i + 1)
				if i >= len(body) || body[i] < '?' || body[i] > '~' {
					return nil, fmt.Errorf("repeat without a sixel character at byte %d", i)
				}
				c = body[i]
			}
			i++
			for range n {
				for bit := range 6 {
					if (c-'?')&(1<<bit) != 0 {
						y := band*6 + bit
						if x >= ra[2] || y >= ra[3] {
							return nil, fmt.Errorf("pixel (%d,%d) outside the %d×%d raster", x, y, ra[2], ra[3])
						}
						img.SetNRGBA(x, y, cur)
					}
				}
				x++
			}
		default:
			return nil, fmt.Errorf("unexpected byte %q at %d", c, i)
		}
	}
	return img, nil
}

// viaPercent is what a channel becomes after sixel's 0–100 scale and the
// decoder's conversion back, i.e. the best any sixel encoder can do.
func viaPercent(v uint8) uint8 {
	return uint8((int(percent(uint32(v)))*255 + 50) / 100)
}

// randomPaletteImage is a "chart": n colours scattered in blocks.
func randomPaletteImage(w, h, n int, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, 7))
	cols := make([]color.RGBA, n)
	for i := range cols {
		cols[i] = color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, cols[(x/3+y/2*7+rng.IntN(2))%n])
		}
	}
	return img
}

// photoImage is a smooth, many-coloured image with no exact palette.
func photoImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			r := x * 255 / max(w-1, 1)
			g := y * 255 / max(h-1, 1)
			b := (x + y) * 255 / max(w+h-2, 1)
			img.SetRGBA(x, y, color.RGBA{uint8(r), uint8(g), uint8(255 - b), 255})
		}
	}
	return img
}

func channelErr(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestRoundTripExact(t *testing.T) {
	tests := []struct {
		name string
		img  *image.RGBA
	}{
		{"2 colours", randomPaletteImage(31, 17, 2, 1)},
		{"200 colours", randomPaletteImage(97, 61, 200, 2)},
		{"256 colours", randomPaletteImage(128, 77, 256, 3)},
		{"height 1", randomPaletteImage(50, 1, 9, 4)},
		{"height 13", randomPaletteImage(9, 13, 30, 5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, tt.img, Options{}); err != nil {
				t.Fatal(err)
			}
			got := decode(t, buf.Bytes())
			if got.Bounds() != tt.img.Bounds() {
				t.Fatalf("decoded size %v, want %v", got.Bounds(), tt.img.Bounds())
			}
			b := tt.img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					want := tt.img.RGBAAt(x, y)
					r, g, bl, a := got.At(x, y).RGBA()
					gr, gg, gb := uint8(r>>8), uint8(g>>8), uint8(bl>>8)
					if a != 0xffff || gr != viaPercent(want.R) || gg != viaPercent(want.G) || gb != viaPercent(want.B) {
						t.Fatalf("pixel (%d,%d) decoded as %d,%d,%d,a=%d; want %v through sixel percent", x, y, gr, gg, gb, a>>8, want)
					}
				}
			}
		})
	}
}

// TestRoundTripQuantised bounds the colour error of median cut on an image
// with 14,400 colours. With 256 registers spread over a smooth 2-D gradient
// each register covers about 16 levels per channel, so a mean error near 4
// is the best a palette can do; dithering trades a larger per-pixel error
// for a better local average.
func TestRoundTripQuantised(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		maxErr  int
		meanErr float64
	}{
		{"256 colours", Options{}, 16, 4.5},
		{"256 colours dithered", Options{Dither: true}, 48, 6},
		{"64 colours", Options{Colors: 64}, 32, 9},
	}
	img := photoImage(160, 90)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := encodeDecode(t, img, tt.opts)
			worst, mean := pixelError(img, got)
			t.Logf("worst channel error %d, mean %.2f", worst, mean)
			if worst > tt.maxErr {
				t.Errorf("worst channel error %d, want ≤ %d", worst, tt.maxErr)
			}
			if mean > tt.meanErr {
				t.Errorf("mean channel error %.2f, want ≤ %.1f", mean, tt.meanErr)
			}
		})
	}
}

// TestDitherImprovesLocalAverage checks that Floyd–Steinberg does its job:
// averaged over 4×4 blocks (roughly what the eye does), the dithered image
// is closer to the original than the plainly quantised one.
func TestDitherImprovesLocalAverage(t *testing.T) {
	img := photoImage(160, 90)
	plain := blockError(img, encodeDecode(t, img, Options{Colors: 16}))
	dithered := blockError(img, encodeDecode(t, img, Options{Colors: 16, Dither: true}))
	t.Logf("4×4 block error: plain %.2f, dithered %.2f", plain, dithered)
	if dithered >= plain {
		t.Fatalf("dithered block error %.2f is not below plain %.2f", dithered, plain)
	}
}

func encodeDecode(t *testing.T, img image.Image, opts Options) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, img, opts); err != nil {
		t.Fatal(err)
	}
	got := decode(t, buf.Bytes())
	if got.Bounds() != img.Bounds() {
		t.Fatalf("decoded size %v, want %v", got.Bounds(), img.Bounds())
	}
	return got
}

// pixelError returns the worst and the mean per-channel error.
func pixelError(want *image.RGBA, got image.Image) (int, float64) {
	b := want.Bounds()
	worst, sum := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			w := want.RGBAAt(x, y)
			r, g, bl, _ := got.At(x, y).RGBA()
			for _, e := range []int{channelErr(uint8(r>>8), w.R), channelErr(uint8(g>>8), w.G), channelErr(uint8(bl>>8), w.B)} {
				worst = max(worst, e)
				sum += e
			}
		}
	}
	return worst, float64(sum) / float64(3*b.Dx()*b.Dy())
}

// blockError is the mean per-channel error between 4×4 block averages.
func blockError(want *image.RGBA, got image.Image) float64 {
	b := want.Bounds()
	total, blocks := 0.0, 0
	for by := b.Min.Y; by+4 <= b.Max.Y; by += 4 {
		for bx := b.Min.X; bx+4 <= b.Max.X; bx += 4 {
			var dw, dg [3]int
			for y := by; y < by+4; y++ {
				for x := bx; x < bx+4; x++ {
					w := want.RGBAAt(x, y)
					r, g, bl, _ := got.At(x, y).RGBA()
					dw[0], dw[1], dw[2] = dw[0]+int(w.R), dw[1]+int(w.G), dw[2]+int(w.B)
					dg[0], dg[1], dg[2] = dg[0]+int(r>>8), dg[1]+int(g>>8), dg[2]+int(bl>>8)
				}
			}
			for c := range 3 {
				total += math.Abs(float64(dw[c]-dg[c])) / 16
			}
			blocks++
		}
	}
	return total / float64(3*blocks)
}

func TestRoundTripTransparent(t *testing.T) {
	// A disc shifted down so the first two bands are fully transparent and
	// must still be skipped with band separators.
	low := image.NewNRGBA(image.Rect(0, 0, 23, 31))
	disc := discImage(23, 19)
	for y := range 19 {
		for x := range 23 {
			low.SetNRGBA(x, y+12, disc.NRGBAAt(x, y))
		}
	}
	for name, img := range map[string]*image.NRGBA{"disc": disc, "empty top bands": low} {
		t.Run(name, func(t *testing.T) {
			got := encodeDecode(t, img, Options{Transparent: true})
			b := img.Bounds()
			for y := range b.Dy() {
				for x := range b.Dx() {
					_, _, _, a := got.At(x, y).RGBA()
					painted := a != 0
					if want := img.NRGBAAt(x, y).A >= alphaCutoff; painted != want {
						t.Fatalf("pixel (%d,%d) painted=%v, want %v (alpha %d)", x, y, painted, want, img.NRGBAAt(x, y).A)
					}
				}
			}
		})
	}
}
