package tui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/sweetmcp/sweet/sixel"
)

// harness runs the TUI under teatest and replays its output into an x/vt
// emulator, so tests wait for and compare what a terminal would show
// rather than the renderer's byte-level diffs.
type harness struct {
	t    *testing.T
	tm   *teatest.TestModel
	m    *Model
	w, h int
	mu   sync.Mutex
	out  []byte
	fed  int // bytes of out already written to emu
	emu  *vt.Emulator
	// cell is the pixel size of a cell when the model draws sixel: the
	// emulator then marks the cells each sixel image covers (see
	// sixelMarker).
	cell sixel.CellSize
}

// start runs a model over eng at w×h.
func start(t *testing.T, eng Engine, w, ht int, tweak ...func(*Options)) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	opts := Options{Engine: eng, Namespace: "proj", DBPath: "/data/sweet.db", Embedder: "fake-64",
		WatchInterval: 20 * time.Millisecond, Editor: "true", Shell: []string{"/bin/sh"}}
	for _, f := range tweak {
		f(&opts)
	}
	m, err := New(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, m: m, w: w, h: ht}
	if opts.Caps.Sixel {
		h.cell = m.sh.Caps.Cell
	}
	h.tm = teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, ht))
	t.Cleanup(func() {
		_ = h.tm.Quit()
		h.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
		m.closePanes()
	})
	return h
}

// screen is what a terminal shows after all output so far. One emulator
// per test takes the output as it comes; its reply drain goroutine ends
// with the test binary (closing the emulator while it reads is a race
// inside x/vt).
func (h *harness) screen() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.emu == nil {
		h.emu = vt.NewEmulator(h.w, h.h)
		if h.cell.Width > 0 {
			markSixel(h.emu, h.cell)
		}
		go func(e *vt.Emulator) { _, _ = io.Copy(io.Discard, e) }(h.emu)
	}
	_, _ = h.emu.Write(bytes.ReplaceAll(h.out[h.fed:], []byte("\n"), []byte("\r\n"))) // no tty to do ONLCR
	h.fed = len(h.out)
	return trimLines(h.emu.String())
}

// read takes the output written so far.
func (h *harness) read() {
	b, _ := io.ReadAll(h.tm.Output())
	h.mu.Lock()
	h.out = append(h.out, b...)
	h.mu.Unlock()
}

// resize changes the terminal's size, as a window resize would.
func (h *harness) resize(w, ht int) {
	h.read()
	h.screen() // what was drawn at the old size lands at the old size
	h.mu.Lock()
	h.w, h.h = w, ht
	h.emu.Resize(w, ht)
	h.mu.Unlock()
	h.tm.Send(tea.WindowSizeMsg{Width: w, Height: ht})
}

// waitFor reads output until the screen contains every one of want.
func (h *harness) waitFor(want ...string) string {
	h.t.Helper()
	var last string
	ok := func() bool {
		last = h.screen()
		for _, w := range want {
			if !strings.Contains(last, w) {
				return false
			}
		}
		return true
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		h.read()
		if ok() {
			return last
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.t.Fatalf("screen never showed %q; last screen:\n%s", want, last)
	return ""
}

// waitGone reads output until the screen no longer contains s.
func (h *harness) waitGone(s string) string {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		h.read()
		if last = h.screen(); !strings.Contains(last, s) {
			return last
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.t.Fatalf("screen still shows %q:\n%s", s, last)
	return ""
}

// settle waits until the screen stops changing, so a golden is not taken
// mid-update.
func (h *harness) settle() string {
	h.t.Helper()
	prev := ""
	stable := 0
	for i := 0; i < 200; i++ {
		h.read()
		cur := h.screen()
		if cur == prev {
			stable++
			if stable >= 5 {
				return cur
			}
		} else {
			stable = 0
		}
		prev = cur
		time.Sleep(20 * time.Millisecond)
	}
	return prev
}

// key sends key presses by name ("enter", "ctrl+s", "a").
func (h *harness) key(names ...string) {
	for _, n := range names {
		h.tm.Send(keyPress(n))
	}
}

// typeText types s.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// keyPress builds the key message for a name as tea prints it.
func keyPress(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+]":
		return tea.KeyPressMsg{Code: ']', Mod: tea.ModCtrl}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// trimLines drops trailing blanks from every line.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// requireGolden compares a screen with testdata/<TestName>.golden.
func requireGolden(t *testing.T, screen string) {
	t.Helper()
	golden.RequireEqual(t, []byte(screen+"\n"))
}
