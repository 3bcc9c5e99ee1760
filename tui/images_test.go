package tui

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"github.com/sweetmcp/sweet/sixel"
)

// sixelMarker is what the test emulator puts in the cells a sixel image
// covers. x/vt does not draw sixel, so markSixel models a sixel terminal:
// the image's cells show the marker until text or an erase is written over
// them, which is exactly when a real terminal loses the image's pixels.
const sixelMarker = "░"

// markSixel makes emu paint sixelMarker over the cells of every sixel image
// it receives, sized from the raster attributes and the cell size, at the
// cursor position, as xterm, foot and mlterm place an image.
func markSixel(emu *vt.Emulator, cell sixel.CellSize) {
	emu.RegisterDcsHandler('q', func(_ ansi.Params, data []byte) bool {
		w, h, ok := rasterSize(data)
		if !ok {
			return false
		}
		pos := emu.CursorPosition()
		cols, rows := (w+cell.Width-1)/cell.Width, (h+cell.Height-1)/cell.Height
		for y := pos.Y; y < pos.Y+rows && y < emu.Height(); y++ {
			for x := pos.X; x < pos.X+cols && x < emu.Width(); x++ {
				emu.SetCell(x, y, &uv.Cell{Content: sixelMarker, Width: 1})
			}
		}
		return true
	})
}

// rasterSize reads the pixel size from a sixel body's raster attributes
// ("Pan;Pad;Ph;Pv).
func rasterSize(data []byte) (w, h int, ok bool) {
	if !bytes.HasPrefix(data, []byte(`"`)) {
		return 0, 0, false
	}
	end := bytes.IndexFunc(data[1:], func(r rune) bool { return r != ';' && (r < '0' || r > '9') })
	if end < 0 {
		end = len(data) - 1
	}
	f := strings.Split(string(data[1:1+end]), ";")
	if len(f) != 4 {
		return 0, 0, false
	}
	w, err1 := strconv.Atoi(f[2])
	h, err2 := strconv.Atoi(f[3])
	return w, h, err1 == nil && err2 == nil
}

// imageMask turns a screen into '#' where a cell shows an image and '.'
// elsewhere, so a test can see where images are, and whether whole.
func imageMask(screen string, w, h int) string {
	lines := strings.Split(screen, "\n")
	var b strings.Builder
	for y := range h {
		var row []rune
		if y < len(lines) {
			row = []rune(lines[y])
		}
		for x := range w {
			if x < len(row) && string(row[x]) == sixelMarker {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// rectMask is the imageMask of a screen showing images exactly at rects.
func rectMask(w, h int, rects ...sixel.Rect) string {
	var b strings.Builder
	for y := range h {
		for x := range w {
			c := byte('.')
			for _, r := range rects {
				if x >= r.Col && x < r.Col+r.Cols && y >= r.Row && y < r.Row+r.Rows {
					c = '#'
				}
			}
			b.WriteByte(c)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// waitImages reads output until the screen's images are exactly at rects
// and stay there for a while (a later frame painting over an image, or a
// late redraw, would show up as a change).
func (h *harness) waitImages(rects ...sixel.Rect) {
	h.t.Helper()
	want := rectMask(h.w, h.h, rects...)
	var got, screen string
	stable := 0
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		h.read()
		screen = h.screen()
		if got = imageMask(screen, h.w, h.h); got == want {
			if stable++; stable >= 10 {
				return
			}
		} else {
			stable = 0
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.mu.Lock()
	n := bytes.Count(h.out, []byte("\x1bP"))
	h.mu.Unlock()
	h.t.Fatalf("images never settled where expected (%d sixel images written)\nwant:\n%sgot:\n%sscreen:\n%s", n, want, got, screen)
}

// sixelOpts turns sixel on with 8×16 pixel cells.
func sixelOpts(o *Options) {
	o.Caps = sixel.Capabilities{Sixel: true, Answered: true, Cell: sixel.CellSize{Width: 8, Height: 16}}
}

// TestSixelGraph checks what a sixel terminal shows of the graph: the image
// at the graph pane's origin after the frame that reserved its cells, still
// whole after frames that repaint rows through it, gone under the help
// overlay, and moved when the layout changes.
func TestSixelGraph(t *testing.T) {
	const w, ht = 100, 30
	h := start(t, newFakeEngine(8), w, ht, sixelOpts)
	h.waitFor("Memory number 7")
	h.key("G", "enter") // the oldest memory has the links
	h.waitFor("6 nodes")

	// Right slot: x=50, 50 wide; the pane starts inside the border, below
	// the title, and the image one row below the pane's header. 25 pane rows
	// less 6 list rows and the header leave 18.
	graph := sixel.Rect{Col: 51, Row: 4, Cols: 48, Rows: 18}
	h.waitImages(graph)
	h.mu.Lock()
	raw := string(h.out)
	h.mu.Unlock()
	// DECSC, CUP to the image's origin (1-based), a sixel DCS of the pane's
	// pixel size.
	if at := regexp.MustCompile(`\x1b7\x1b\[5;52H\x1bP[0-9;]*q"1;1;384;288`); !at.MatchString(raw) {
		t.Errorf("output has no 384×288 sixel image at row 5, column 52 (%s)", at)
	}

	// A focus change restyles both slots' borders: the renderer rewrites
	// the rows through the image, which must then be drawn again.
	h.key("tab")
	h.waitImages(graph)
	h.key("right") // another node selected: a new image in the same place
	h.waitImages(graph)

	h.key("?")
	h.waitFor("toggle help")
	h.waitImages()
	h.key("esc")
	h.waitImages(graph)

	// One slot: the graph (focused) takes the whole width, 98×(25-6-1).
	h.key(`\`)
	h.waitImages(sixel.Rect{Col: 1, Row: 4, Cols: 98, Rows: 18})
	// Two slots, the graph on the left; then the stats replace it there.
	h.key(`\`)
	h.waitImages(sixel.Rect{Col: 1, Row: 4, Cols: 48, Rows: 18})
	h.key("5")
	h.waitFor("by type")
	h.waitImages(sixel.Rect{Col: 1, Row: 4, Cols: 48, Rows: 25 - statsTextRows - 1})
}

// TestSixelResize checks the image is drawn again after a resize, at the
// new size.
func TestSixelResize(t *testing.T) {
	h := start(t, newFakeEngine(8), 100, 30, sixelOpts)
	h.waitFor("Memory number 7")
	h.key("G", "enter")
	h.waitFor("6 nodes")
	h.waitImages(sixel.Rect{Col: 51, Row: 4, Cols: 48, Rows: 18})
	h.resize(120, 34)
	// Right slot at x=60, 60 wide; 29 pane rows: 7 list rows, 21 image rows.
	h.waitImages(sixel.Rect{Col: 61, Row: 4, Cols: 58, Rows: 21})
}

// TestSixelTerminal checks a sixel image printed by the terminal pane's
// child is drawn where the child printed it, and that the text after it
// stays below it.
func TestSixelTerminal(t *testing.T) {
	script := "printf 'hello from the pty\\n'; printf '" + strings.ReplaceAll(testSixel, "\x1b", "\\033") + "'; printf 'after the image\\n'; sleep 30"
	h := start(t, newFakeEngine(3), 100, 24, sixelOpts, func(o *Options) {
		o.Shell = []string{"/bin/sh", "-c", script}
	})
	h.waitFor("Memory number 2")
	h.key("4") // the terminal into the focused (left) slot: it starts
	screen := h.waitFor("hello from the pty", "after the image")
	// The left pane starts at column 1, row 3; the child's second line is
	// row 4. A 16×12 image in 8×16 cells covers 2×1 cells. The graph of the
	// newest memory (2 nodes) is on the right: 19 pane rows less 3 list
	// rows and the header.
	h.waitImages(sixel.Rect{Col: 1, Row: 4, Cols: 2, Rows: 1}, sixel.Rect{Col: 51, Row: 4, Cols: 48, Rows: 15})
	if lines := strings.Split(screen, "\n"); len(lines) < 6 || !strings.Contains(lines[5], "after the image") {
		t.Errorf("the text after the image is not on the row below it:\n%s", screen)
	}
}
