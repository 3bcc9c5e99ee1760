package tui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// deliver hands msg to the model, running the commands of a batch
// except ticks (tea.Tick's commands sleep).
func deliver(m *Model, msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			if c == nil {
				continue
			}
			if inner, ok := c().(pageMsg); ok {
				m.Update(inner)
			}
		}
	default:
		m.Update(msg)
	}
}

// firstFrame builds the model, loads the memories pane's first page (all
// a first frame needs) and renders.
func firstFrame(b *testing.B, eng Engine) string {
	m, err := New(context.Background(), Options{Engine: eng, Namespace: "proj"})
	if err != nil {
		b.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	mp := m.panes[0].(*memoriesPane)
	msg := mp.Init()()
	for msg != nil {
		cmd := mp.Update(msg)
		if cmd == nil {
			break
		}
		msg = cmd()
	}
	return m.View().Content
}

// BenchmarkFirstFrame measures opening the TUI over 100k memories: the
// first page loaded and the first frame rendered. Lazy paging makes it
// independent of the database size.
func BenchmarkFirstFrame(b *testing.B) {
	eng := newFakeEngine(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if firstFrame(b, eng) == "" {
			b.Fatal("empty frame")
		}
	}
	eng.mu.Lock()
	b.ReportMetric(float64(eng.lists)/float64(b.N), "lists/op")
	eng.mu.Unlock()
}

// BenchmarkListNavigation measures one key press in the memories list:
// Update plus View, as the program does per key.
func BenchmarkListNavigation(b *testing.B) {
	eng := newFakeEngine(100_000)
	m, err := New(context.Background(), Options{Engine: eng, Namespace: "proj"})
	if err != nil {
		b.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	mp := m.panes[0].(*memoriesPane)
	mp.Update(mp.Init()())
	down := tea.KeyPressMsg{Code: 'j', Text: "j"}
	b.ReportAllocs()
	for b.Loop() {
		_, cmd := m.Update(down)
		if cmd != nil { // a page ahead: load it as the program would
			deliver(m, cmd())
		}
		_ = m.View()
	}
}
