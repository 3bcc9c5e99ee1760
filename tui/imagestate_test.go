package tui

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/sixel"
)

// fakeClock is a settable clock for imageState.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// testPlacement is a sixel placement of a 16×16 image at area.
func testPlacement(t *testing.T, area sixel.Rect) *sixel.Placement {
	t.Helper()
	p, err := sixel.Place(solidImage(16, 16), area, sixel.Capabilities{Sixel: true, Cell: sixel.CellSize{Width: 8, Height: 16}})
	if err != nil {
		t.Fatal(err)
	}
	return &p
}

// frameWith is a 10-line frame of 20 cells a line, with line y replaced.
func frameWith(edits map[int]string) string {
	lines := make([]string, 10)
	for i := range lines {
		lines[i] = "|" + strings.Repeat(" ", 18) + "|"
		if e, ok := edits[i]; ok {
			lines[i] = e
		}
	}
	return strings.Join(lines, "\n")
}

func TestImageStateDrawsAfterTheFrame(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	s := imageState{now: clk.now}
	p := testPlacement(t, sixel.Rect{Col: 2, Row: 1, Cols: 2, Rows: 1})
	want := []*sixel.Placement{p}

	if cmd := s.afterUpdate(want, frameWith(nil), false); cmd == nil || !s.due || !s.ticking {
		t.Fatalf("a new image schedules a draw: cmd %v, due %v, ticking %v", cmd != nil, s.due, s.ticking)
	}
	// Another frame 40 ms later repaints the image's row: no second tick,
	// but the draw waits for that frame.
	clk.advance(40 * time.Millisecond)
	if cmd := s.afterUpdate(want, frameWith(map[int]string{1: "|a                b|"}), false); cmd != nil {
		t.Error("a second tick was started while one runs")
	}
	// The tick fires 50 ms after the first frame: too soon after the last
	// frame that damaged the image.
	clk.advance(10 * time.Millisecond)
	if cmd, n := s.tick(); cmd == nil || n != 0 {
		t.Fatalf("tick drew %d bytes %v after the last frame; want a wait", n, 10*time.Millisecond)
	}
	clk.advance(50 * time.Millisecond)
	cmd, n := s.tick()
	if cmd == nil || n == 0 {
		t.Fatal("tick did not draw the image")
	}
	if raw, ok := cmd().(tea.RawMsg); !ok || !strings.Contains(raw.Msg.(string), "\x1b7\x1b[2;3H\x1bP") {
		t.Errorf("drew %#v, want the image at row 2, column 3", cmd())
	}
	if s.due || len(s.drawn) != 1 {
		t.Errorf("after drawing: due %v, drawn %d", s.due, len(s.drawn))
	}
	// An unchanged frame needs nothing.
	if cmd := s.afterUpdate(want, frameWith(map[int]string{1: "|a                b|"}), false); cmd != nil || s.due {
		t.Error("an unchanged frame scheduled a redraw")
	}
}

func TestImageStateDamage(t *testing.T) {
	area := sixel.Rect{Col: 5, Row: 2, Cols: 4, Rows: 2}
	tests := []struct {
		name   string
		edits  map[int]string
		damage bool
	}{
		{"same frame", nil, false},
		{"row above changed", map[int]string{1: "|x                 |"}, false},
		{"left of the image", map[int]string{2: "|abc               |"}, false},
		{"right of the image", map[int]string{3: "|             xyz  |"}, false},
		{"both sides: the span crosses it", map[int]string{2: "|a                b|"}, true},
		{"inside", map[int]string{3: "|      x           |"}, true},
		{"style only, across", map[int]string{2: "\x1b[31m|" + strings.Repeat(" ", 18) + "|\x1b[m"}, true},
		{"frame height changed", map[int]string{9: "|                  |\nextra"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &fakeClock{t: time.Unix(0, 0)}
			s := imageState{now: clk.now}
			want := []*sixel.Placement{testPlacement(t, area)}
			s.afterUpdate(want, frameWith(nil), false)
			s.ticking = false
			clk.advance(time.Second)
			if _, n := s.tick(); n == 0 {
				t.Fatal("not drawn")
			}
			s.afterUpdate(want, frameWith(tt.edits), false)
			if s.due != tt.damage {
				t.Errorf("due = %v, want %v", s.due, tt.damage)
			}
		})
	}
}

func TestImageStateStaleAndRepaint(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	s := imageState{now: clk.now}
	a := testPlacement(t, sixel.Rect{Col: 1, Row: 1, Cols: 2, Rows: 1})
	s.afterUpdate([]*sixel.Placement{a}, frameWith(nil), false)
	clk.advance(time.Second)
	s.tick()

	// The same image drawn anew in the same place (another selection)
	// simply covers the old one.
	b := testPlacement(t, a.Area)
	if s.afterUpdate([]*sixel.Placement{b}, frameWith(nil), false); !s.due || len(s.drawn) != 1 {
		t.Fatalf("replacement in place: due %v, drawn %d", s.due, len(s.drawn))
	}
	clk.advance(time.Second)
	s.tick()

	// The image goes away: the screen is repainted, nothing is drawn until
	// that repaint was asked for.
	if cmd := s.afterUpdate(nil, frameWith(map[int]string{1: "|help overlay      |"}), false); cmd == nil || s.drawn != nil || s.due {
		t.Fatalf("stale image: cmd %v, drawn %v, due %v; want a repaint and nothing due", cmd != nil, s.drawn, s.due)
	}
	// Back from the overlay before the repaint started: still nothing due.
	if s.afterUpdate([]*sixel.Placement{b}, frameWith(nil), false); s.due {
		t.Fatal("an image became due before the repaint started")
	}
	if s.afterUpdate([]*sixel.Placement{b}, frameWith(nil), true); !s.due {
		t.Fatal("the repaint did not make the image due")
	}
	clk.advance(time.Second)
	s.tick()
	// A resize repaints everything: the images are due again.
	s.afterUpdate([]*sixel.Placement{b}, frameWith(nil), false)
	clk.advance(time.Second)
	s.tick()
	if s.afterUpdate([]*sixel.Placement{b}, frameWith(nil), true); !s.due || s.drawn != nil {
		t.Errorf("after a repaint: due %v, drawn %v", s.due, s.drawn)
	}
	if got := s.clear(); len(got) == 0 && len(s.drawn) != 0 {
		t.Error("clear left images behind")
	}
}

// TestImageStateNotPostponed checks frames that leave an image's cells
// alone (a clock, the change feed) do not delay its first draw.
func TestImageStateNotPostponed(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	s := imageState{now: clk.now}
	want := []*sixel.Placement{testPlacement(t, sixel.Rect{Col: 2, Row: 1, Cols: 2, Rows: 1})}
	s.afterUpdate(want, frameWith(nil), false)
	for i := range 4 {
		clk.advance(10 * time.Millisecond)
		s.afterUpdate(want, frameWith(map[int]string{6: fmt.Sprintf("|tick %d            |", i)}), false)
	}
	clk.advance(10 * time.Millisecond)
	if _, n := s.tick(); n == 0 {
		t.Error("frames elsewhere on the screen postponed the first draw")
	}
}

// TestImageStateMaxWait checks a steady stream of damaging frames cannot
// postpone a redraw forever.
func TestImageStateMaxWait(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	s := imageState{now: clk.now}
	p := testPlacement(t, sixel.Rect{Col: 2, Row: 1, Cols: 2, Rows: 1})
	s.afterUpdate([]*sixel.Placement{p}, frameWith(nil), false)
	drawn := false
	for i := range 20 {
		clk.advance(40 * time.Millisecond)
		if _, n := s.tick(); n > 0 {
			drawn = true
			if elapsed := time.Duration(i+1) * 40 * time.Millisecond; elapsed < imageMaxWait {
				t.Errorf("drawn after %v, while frames kept coming", elapsed)
			}
			break
		}
		s.damage() // a frame through the image every 40 ms
	}
	if !drawn {
		t.Error("never drawn while frames kept coming every 40 ms")
	}
}

func TestChangedSpan(t *testing.T) {
	tests := []struct {
		a, b        string
		first, last int
	}{
		{"abcdef", "abcdef", 6, 5},
		{"abcdef", "abXdef", 2, 2},
		{"abcdef", "Xbcdef", 0, 0},
		{"abcdef", "abcdeX", 5, 5},
		{"abc", "abcdef", 3, 5},
		{"\x1b[1mab\x1b[m", "ab", 0, 1},
		{"日本x", "日本y", 4, 4},
	}
	for _, tt := range tests {
		first, last := changedSpan(tt.a, tt.b)
		if first != tt.first || last != tt.last {
			t.Errorf("changedSpan(%q, %q) = %d, %d; want %d, %d", tt.a, tt.b, first, last, tt.first, tt.last)
		}
	}
}

// solidImage is a w×h image of one colour.
func solidImage(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{200, 40, 40, 255}}, image.Point{}, draw.Src)
	return img
}
