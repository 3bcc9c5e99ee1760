package tui

import (
	"errors"
	"testing"
)

func TestFlowAdd(t *testing.T) {
	eng := newFakeEngine(2)
	h := start(t, eng, 100, 24)
	h.waitFor("Memory number 1")
	h.key("a")
	h.waitFor("New memory")
	h.typeText("Remember the milk")
	h.key("tab")
	h.typeText("fact")
	h.key("tab")
	h.typeText("home,errands")
	h.key("ctrl+s")
	h.waitFor("Remember the mi", "#home")
	if got := eng.mems[len(eng.mems)-1]; got.Content != "Remember the milk" || got.Type != "fact" || len(got.Tags) != 2 {
		t.Errorf("stored %+v", got)
	}
}

func TestFlowOpenAndDelete(t *testing.T) {
	eng := newFakeEngine(3)
	h := start(t, eng, 100, 24)
	h.waitFor("Memory number 2")
	h.key("enter")
	h.waitFor("importance", "Memory number 2 about deploys")
	h.key("d")
	h.waitFor("Delete m0000002")
	h.key("n")
	h.waitGone("Delete m0000002")
	h.key("esc", "d")
	h.waitFor("Delete m0000002")
	h.key("y")
	h.waitFor("2 shown")
	if len(eng.mems) != 2 {
		t.Errorf("%d memories left, want 2", len(eng.mems))
	}
}

func TestFlowErrorInStatusBar(t *testing.T) {
	eng := newFakeEngine(3)
	h := start(t, eng, 100, 24)
	h.waitFor("Memory number 2")
	eng.mu.Lock()
	eng.failed = errors.New("database is gone")
	eng.mu.Unlock()
	h.key("s") // reload in the other order: the engine fails
	h.waitFor("list memories: database is gone")
	eng.mu.Lock()
	eng.failed = nil
	eng.mu.Unlock()
	h.key("s")
	h.waitFor("3 shown · newest first") // the app lives on
}

func TestFlowLiveUpdate(t *testing.T) {
	eng := newFakeEngine(2)
	h := start(t, eng, 100, 24)
	h.waitFor("Memory number 1")
	eng.addExternal("Written by another process")
	h.waitFor("Written by another proc", "3 shown")
}
