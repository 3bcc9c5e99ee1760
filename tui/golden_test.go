package tui

import (
	"strings"
	"testing"

	"github.com/sweetmcp/sweet/sixel"
)

func TestGoldenMemories(t *testing.T) {
	h := start(t, newFakeEngine(40), 100, 24)
	h.waitFor("Memory number 39", "40 memories")
	requireGolden(t, h.settle())
}

func TestGoldenHelp(t *testing.T) {
	h := start(t, newFakeEngine(3), 100, 30)
	h.waitFor("Memory number 2")
	h.key("?")
	h.waitFor("toggle help")
	requireGolden(t, h.settle())
}

func TestGoldenTooSmall(t *testing.T) {
	h := start(t, newFakeEngine(3), 40, 10)
	requireGolden(t, h.waitFor("Terminal too small"))
}

func TestGoldenSearch(t *testing.T) {
	h := start(t, newFakeEngine(40), 100, 24)
	h.waitFor("Memory number 39")
	h.key("2") // search into the focused (left) slot
	h.typeText("tuis")
	h.waitFor("score 0.0500", "lexical")
	h.key("down")
	h.waitFor("score 0.0250")
	requireGolden(t, h.settle())
}

func TestGoldenGraph(t *testing.T) {
	eng := newFakeEngine(8)
	h := start(t, eng, 100, 30)
	h.waitFor("Memory number 7")
	h.key("G") // the oldest memory has the links
	h.key("enter")
	h.waitFor("6 nodes")
	h.key("tab", "right")
	requireGolden(t, h.settle())
}

func TestGoldenStats(t *testing.T) {
	h := start(t, newFakeEngine(40), 100, 30)
	h.waitFor("Memory number 39")
	h.key("5")
	h.waitFor("by type")
	requireGolden(t, h.settle())
}

// testSixel is a 16×12 pixel red-and-blue sixel image, two sixel bands.
const testSixel = "\x1bP0;1;0q\"1;1;16;12#1;2;100;0;0#2;2;0;0;100#1!16~-#2!16~\x1b\\"

func TestGoldenTerminal(t *testing.T) {
	script := "printf 'hello from the pty\\n'; printf '" + strings.ReplaceAll(testSixel, "\x1b", "\\033") + "'; printf 'after the image\\n'; sleep 30"
	h := start(t, newFakeEngine(3), 100, 24, func(o *Options) {
		o.Shell = []string{"/bin/sh", "-c", script}
		o.Caps.Cell = sixel.CellSize{Width: 8, Height: 6}
	})
	h.waitFor("Memory number 2")
	h.key("4") // the terminal into the focused slot: it starts
	h.waitFor("hello from the pty", "after the image")
	requireGolden(t, h.settle())
}
