package tui

import (
	"context"
	"errors"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestCountsOneAtATime checks statistics reads never overlap: changes that
// arrive while one runs ask for exactly one more, and the result reaches
// the status bar and the stats pane alike.
func TestCountsOneAtATime(t *testing.T) {
	eng := newFakeEngine(5)
	m, err := New(context.Background(), Options{Engine: eng, Namespace: "proj"})
	if err != nil {
		t.Fatal(err)
	}
	first := m.loadCounts()
	if first == nil {
		t.Fatal("no statistics read started")
	}
	for range 3 { // three change batches while it runs
		if cmd := m.loadCounts(); cmd != nil {
			t.Fatal("a second statistics read started while one runs")
		}
	}
	msg := first()
	eng.addExternal("one more") // what the follow-up read must see
	_, next := m.Update(msg)
	if m.status.counts == nil || m.status.counts.Memories != 5 {
		t.Errorf("status counts %+v, want 5 memories", m.status.counts)
	}
	if sp := m.panes[4].(*statsPane); sp.stats == nil {
		t.Error("the stats pane did not get the statistics")
	}
	// next holds the one follow-up read (batched with the broadcast).
	msgs := runBatch(next)
	var again *countsMsg
	for _, msg := range msgs {
		if c, ok := msg.(countsMsg); ok {
			if again != nil {
				t.Fatal("more than one follow-up read")
			}
			again = &c
		}
	}
	if again == nil {
		t.Fatal("the changes during the read got no follow-up read")
	}
	_, cmd := m.Update(*again)
	if m.status.counts.Memories != 6 {
		t.Errorf("after the follow-up read: %d memories, want 6", m.status.counts.Memories)
	}
	if hasCounts(runBatch(cmd)) {
		t.Error("another read started with no change pending")
	}

	// An error is shown and does not wedge the reads.
	eng.failed = errors.New("disk I/O error")
	m.Update(m.loadCounts()())
	if !m.status.isError {
		t.Error("a failed statistics read is not shown")
	}
	if m.loadCounts() == nil {
		t.Error("no read starts after a failed one")
	}
}

// runBatch runs cmd (and the commands of a batch) and returns the messages.
func runBatch(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runBatch(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func hasCounts(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(countsMsg); ok {
			return true
		}
	}
	return false
}
