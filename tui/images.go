package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/sixel"
)

// imageDelay is how long after a frame sixel images are (re)drawn. Raw
// writes are flushed before the frame of the same tick, so an image sent in
// the Update that first lays out its blank cells would be painted over; the
// delay lets that frame reach the terminal first (see sixel's package docs).
const imageDelay = 60 * time.Millisecond

// imageState tracks the sixel images on the screen. Half-block images are
// plain text in the panes' views and need none of this.
type imageState struct {
	gen   int                // bumped whenever what should be on screen changes
	want  []*sixel.Placement // the visible panes' placements
	drawn []*sixel.Placement // what was last written to the terminal
	dirty bool               // the layout changed: repaint, then redraw
}

// imageTickMsg fires imageDelay after a change; stale generations are
// ignored, which debounces bursts of changes.
type imageTickMsg struct{ gen int }

// invalidate marks the layout as changed: images must be cleared and drawn
// again where they now belong.
func (s *imageState) invalidate() { s.dirty = true }

// schedule is called after every update; it arranges a redraw when the
// visible placements changed.
func (s *imageState) schedule(m *Model) tea.Cmd {
	if !m.sh.Caps.Sixel {
		return nil
	}
	cur := m.placements()
	if !s.dirty && samePlacements(cur, s.want) {
		return nil
	}
	s.want = cur
	s.gen++
	gen := s.gen
	return tea.Tick(imageDelay, func(time.Time) tea.Msg { return imageTickMsg{gen: gen} })
}

// tick writes the images. When images must go away or move, the screen is
// first cleared and repainted by the renderer, and the images follow on the
// next tick: erasing only their cells could wipe text the renderer has just
// drawn there and does not know is gone.
func (s *imageState) tick(m *Model, msg imageTickMsg) tea.Cmd {
	if msg.gen != s.gen {
		return nil
	}
	if len(s.drawn) > 0 && (s.dirty || !samePlacements(s.drawn, s.want)) {
		var clear []byte
		for _, p := range s.drawn {
			clear = append(clear, p.Clear()...)
		}
		s.drawn, s.dirty = nil, false
		m.sh.Logger.Debug("Clear images before a redraw", "bytes", len(clear))
		gen := s.gen
		return tea.Sequence(tea.Raw(string(clear)), tea.ClearScreen,
			tea.Tick(imageDelay, func(time.Time) tea.Msg { return imageTickMsg{gen: gen} }))
	}
	s.dirty = false
	var out []byte
	for _, p := range s.want {
		if p.Sixel {
			out = append(out, p.Draw()...)
		}
	}
	s.drawn = s.want
	m.sh.Logger.Debug("Draw images", "images", len(s.want), "bytes", len(out))
	if len(out) == 0 {
		return nil
	}
	return tea.Raw(string(out))
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
