package tui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/sixel"
)

// TestFlowPluginCall calls a tool through the form: the arguments start as
// the schema's skeleton, bad JSON is refused without a call, and the
// result replaces the plugin's permissions.
func TestFlowPluginCall(t *testing.T) {
	eng := newFakeEngine(3)
	h := start(t, eng, 100, 30)
	h.waitFor("Memory number 2")
	h.key(`\`, "7") // one slot: the whole digest on one line
	h.waitFor("3 plugins")
	h.key("enter")
	h.waitFor(`args> {"data":"","algorithm":"sha256"}`)
	h.typeText("x")
	h.key("enter")
	h.waitFor("arguments are not valid JSON")
	h.key("esc", "enter") // leave the form; enter opens it on the arguments last used
	h.waitFor(`args> {"data":"","algorithm":"sha256"}`)
	for range len(`","algorithm":"sha256"}`) {
		h.key("left")
	}
	h.typeText("abc")
	h.key("enter")
	h.waitFor("result of hash__hash", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
	eng.mu.Lock()
	calls := slices.Clone(eng.calls)
	eng.mu.Unlock()
	if want := []string{`hash__hash {"data":"abc","algorithm":"sha256"}`}; !slices.Equal(calls, want) {
		t.Errorf("calls = %q, want %q", calls, want)
	}
	h.key("esc")
	h.waitFor("network", "no HTTP") // the permissions are back
}

// TestFlowPluginsUnavailable shows the failure in the pane, and the list
// once the engine recovers.
func TestFlowPluginsUnavailable(t *testing.T) {
	eng := newFakeEngine(3)
	eng.failed = errors.New("plugin runtime failed to start")
	h := start(t, eng, 100, 30)
	h.key("7")
	h.waitFor("list plugins: plugin runtime failed to start", "r retries")
	eng.mu.Lock()
	eng.failed = nil
	eng.mu.Unlock()
	h.key("r")
	h.waitFor("3 plugins", "qr-code")
}

// TestFlowNoPlugins shows the empty state.
func TestFlowNoPlugins(t *testing.T) {
	eng := newFakeEngine(3)
	eng.plugins = nil
	h := start(t, eng, 100, 30)
	h.key("7")
	h.waitFor("No plugins installed.", "sweet plugin install")
	h.key("enter", "right", "esc") // nothing to select or call: nothing breaks
	h.key("6")
	h.waitFor("3 sessions")
}

// TestFlowReasoningLive selects another session, and sees a thought added
// by another process: after r, and by itself while the pane has focus.
func TestFlowReasoningLive(t *testing.T) {
	eng := newFakeEngine(3)
	h := start(t, eng, 100, 30)
	h.waitFor("Memory number 2")
	h.key("6")
	h.waitFor("Switch reads to the new column")
	h.key("down")
	h.waitFor("Which cache eviction policy", "LRU with a size bound")
	eng.addThought("01JCACHEBBBBBBBBBBBBBBBBBB", "Two-queue LFU for hot queries", 0.71)
	h.key("r")
	h.waitFor("Two-queue LFU for hot queries", "2 thoughts")
	eng.addThought("01JCACHEBBBBBBBBBBBBBBBBBB", "ARC adapts between recency and frequency", 0.66)
	h.waitFor("ARC adapts between recency", "3 thoughts") // the poll, no key
}

// TestSixelPluginImage checks an image result is drawn as a sixel image
// in the rows below the result's heading, and goes when the result is
// closed.
func TestSixelPluginImage(t *testing.T) {
	h := start(t, newFakeEngine(3), 100, 30, sixelOpts)
	h.waitFor("Memory number 2")
	h.key(`\`, "7")
	h.waitFor("3 plugins")
	h.key("down", "enter")
	h.waitFor(`args> {"data":""}`)
	h.key("enter")
	h.waitFor("png image, 116×116 pixels")
	// One slot: the pane's content starts at column 1, row 3; nine lines
	// of list, tools and heading leave 16 rows (256 pixels). The 29×29
	// modules of the code are drawn 8 pixels each: 232 pixels, 29 columns
	// of 8 pixels and 15 rows of 16.
	h.waitImages(sixel.Rect{Col: 1, Row: 12, Cols: 29, Rows: 15})
	h.key("esc")
	h.waitFor("network")
	h.waitImages()
}

// TestFlowPaneClicks selects a session and a plugin with the mouse. One
// slot: the content starts at row 3, the lists at row 4.
func TestFlowPaneClicks(t *testing.T) {
	h := start(t, newFakeEngine(3), 100, 30)
	h.waitFor("Memory number 2")
	h.key(`\`, "6")
	h.waitFor("3 sessions", "Switch reads to the new column")
	h.tm.Send(tea.MouseClickMsg{X: 10, Y: 5, Button: tea.MouseLeft})
	h.waitFor("LRU with a size bound")
	h.key("7")
	h.waitFor("3 plugins")
	h.tm.Send(tea.MouseClickMsg{X: 10, Y: 6, Button: tea.MouseLeft})
	h.waitFor("api.weather.example")
}

// TestFlowPluginCallCancel stops a call that does not return: esc cancels
// its context and the pane is ready for the next call.
func TestFlowPluginCallCancel(t *testing.T) {
	eng := newFakeEngine(3)
	eng.hold = true
	h := start(t, eng, 100, 30)
	h.key(`\`, "7")
	h.waitFor("3 plugins")
	h.key("enter", "enter")
	h.waitFor("calling hash__hash…")
	h.key("esc")
	h.waitFor("call of hash__hash cancelled", "network")
	deadline := time.Now().Add(5 * time.Second)
	for {
		eng.mu.Lock()
		n := eng.cancelled
		eng.mu.Unlock()
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the call's context was not cancelled (%d calls ended)", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if screen := h.settle(); strings.Contains(screen, "call failed") {
		t.Errorf("the cancelled call's error was shown as its result:\n%s", screen)
	}
}
