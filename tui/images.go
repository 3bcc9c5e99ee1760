package tui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/sweetmcp/sweet/sixel"
)

// Sixel images are written with tea.Raw over blank cells the frame
// reserves. bubbletea flushes raw output and frames on its renderer tick
// (every 1/60 s), raw output first, and repaints only the cells a frame
// changed. So an image must be sent only once the frame that reserved (or
// last painted over) its cells has reached the terminal, and sent again
// whenever a later frame repaints any of its cells.
const (
	// imageDelay is how long after the last frame that touched an image's
	// cells it is drawn: comfortably more than one renderer tick, and it
	// merges a burst of frames (typing, scrolling) into one redraw.
	imageDelay = 50 * time.Millisecond
	// imageFlush is the least that delay may shrink to when frames keep
	// coming: one renderer tick plus a margin.
	imageFlush = 25 * time.Millisecond
	// imageMaxWait bounds how long a steady stream of frames can postpone a
	// redraw.
	imageMaxWait = 300 * time.Millisecond
)

// imageState tracks the sixel images on the screen. Half-block images are
// plain text in the panes' views and need none of this.
type imageState struct {
	want     []*sixel.Placement // the visible panes' sixel placements
	drawn    []*sixel.Placement // written and not painted over since
	frame    []string           // the lines of the latest frame
	due      bool               // want must be (re)drawn
	since    time.Time          // the first damage not yet repaired
	last     time.Time          // the latest frame that damaged an image
	ticking  bool               // an imageTickMsg is on its way
	clearing bool               // a full repaint was asked for and has not started
	now      func() time.Time   // the clock (nil: time.Now)
}

// imageTickMsg asks for the images to be drawn if they are due.
type imageTickMsg struct{}

// imageRepaintMsg follows tea.ClearScreen: the renderer is about to repaint
// the whole screen, which erases every image.
type imageRepaintMsg struct{}

// afterUpdate is called with every frame the model renders (sixel
// terminals only). It works out whether that frame damages the images on
// screen or they moved, and arranges the redraw; see the constants above.
// repainted says bubbletea repaints the whole screen anyway (after a resize
// or a program run with tea.ExecProcess), which erases every image.
func (s *imageState) afterUpdate(want []*sixel.Placement, frame string, repainted bool) tea.Cmd {
	lines := strings.Split(frame, "\n")
	old, oldWant := s.frame, s.want
	s.frame, s.want = lines, want
	var cmd tea.Cmd
	switch {
	case repainted:
		s.drawn, s.clearing = nil, false
		s.damage()
	case s.stale(want):
		// An image must go. Erasing its cells ourselves could race with
		// the frame that draws over them, and the renderer would not
		// repaint cells it believes are already blank; a full repaint
		// erases it, then the remaining images are drawn again.
		s.drawn, s.clearing = nil, true
		cmd = tea.Sequence(tea.ClearScreen, func() tea.Msg { return imageRepaintMsg{} })
	case s.clearing:
		// The repaint erases everything; imageRepaintMsg starts the draw.
	case !samePlacements(want, oldWant) || s.touched(old, lines):
		// This frame reserves new cells or repaints some: it must reach
		// the terminal before the images do.
		s.damage()
	case !samePlacements(want, s.drawn):
		// Still waiting for a draw; frames that leave the images' cells
		// alone must not postpone it. During a full repaint, wait for it.
		if !s.due && !s.clearing {
			s.damage()
		}
	}
	return tea.Batch(cmd, s.schedule())
}

// damage records that the images must be drawn after the current frame.
func (s *imageState) damage() {
	now := s.clock()
	if !s.due {
		s.due, s.since = true, now
	}
	s.last = now
}

// schedule starts the tick that draws due images, unless one is running.
func (s *imageState) schedule() tea.Cmd {
	if !s.due || s.ticking {
		return nil
	}
	s.ticking = true
	return imageTick(imageDelay)
}

func imageTick(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return imageTickMsg{} })
}

// tick draws the due images once the frames that damaged them are old
// enough to have been flushed, or waits some more. n is how many bytes it
// writes.
func (s *imageState) tick() (cmd tea.Cmd, n int) {
	s.ticking = false
	if !s.due {
		return nil, 0
	}
	now := s.clock()
	delay := imageDelay
	if now.Sub(s.since) >= imageMaxWait {
		delay = imageFlush
	}
	if wait := s.last.Add(delay).Sub(now); wait > 0 {
		s.ticking = true
		return imageTick(wait), 0
	}
	s.due = false
	s.drawn = s.want
	var out []byte
	for _, p := range s.want {
		out = append(out, p.Draw()...)
	}
	if len(out) == 0 {
		return nil, 0
	}
	return tea.Raw(string(out)), len(out)
}

// clear returns the bytes that erase the images on screen and forgets them
// (the program is about to leave the alternate screen).
func (s *imageState) clear() []byte {
	var out []byte
	for _, p := range s.drawn {
		out = append(out, p.Clear()...)
	}
	s.drawn, s.due = nil, false
	return out
}

// stale reports whether a drawn image is not going to be covered by a
// wanted image of the same size in the same place: it must be erased.
func (s *imageState) stale(want []*sixel.Placement) bool {
	for _, d := range s.drawn {
		covered := false
		for _, w := range want {
			if w.Area == d.Area && w.Width == d.Width && w.Height == d.Height {
				covered = true
				break
			}
		}
		if !covered {
			return true
		}
	}
	return false
}

// touched reports whether going from frame old to frame cur repaints a cell
// of an image, drawn or about to be. The renderer rewrites each changed line
// from its first to its last changed cell, so a change on both sides of an
// image (a border changing colour) repaints the image's cells too.
func (s *imageState) touched(old, cur []string) bool {
	if len(s.drawn) == 0 && len(s.want) == 0 {
		return false
	}
	if len(old) != len(cur) {
		return true
	}
	for _, d := range append(s.drawn[:len(s.drawn):len(s.drawn)], s.want...) {
		for y := d.Area.Row; y < d.Area.Row+d.Area.Rows && y < len(cur); y++ {
			if old[y] == cur[y] {
				continue
			}
			first, last := changedSpan(old[y], cur[y])
			if first <= last && first < d.Area.Col+d.Area.Cols && last >= d.Area.Col {
				return true
			}
		}
	}
	return false
}

// changedSpan returns the first and last cell that differ between two
// rendered lines (first > last when none do).
func changedSpan(a, b string) (first, last int) {
	la, lb := lineCells(a), lineCells(b)
	n := max(len(la), len(lb))
	at := func(l uv.Line, i int) *uv.Cell {
		if i < len(l) {
			return &l[i]
		}
		return nil
	}
	same := func(i int) bool {
		ca, cb := at(la, i), at(lb, i)
		if ca == nil || cb == nil {
			return ca == cb
		}
		return ca.Equal(cb)
	}
	first, last = 0, n-1
	for first < n && same(first) {
		first++
	}
	for last >= first && same(last) {
		last--
	}
	return first, last
}

// lineCells splits a rendered line into cells as the renderer does, one
// per column: a wide character is followed by empty cells for the columns
// it also covers.
func lineCells(s string) uv.Line {
	lines := uv.NewStyledString(s).Lines(ansi.WcWidth)
	if len(lines) == 0 {
		return nil
	}
	var out uv.Line
	for _, c := range lines[0] {
		out = append(out, c)
		for i := 1; i < c.Width; i++ {
			out = append(out, uv.Cell{})
		}
	}
	return out
}

func (s *imageState) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

// sixelOnly keeps the placements drawn as sixel.
func sixelOnly(ps []*sixel.Placement) []*sixel.Placement {
	var out []*sixel.Placement
	for _, p := range ps {
		if p.Sixel {
			out = append(out, p)
		}
	}
	return out
}

// samePlacements reports whether a and b are the same images in the same
// places.
func samePlacements(a, b []*sixel.Placement) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
