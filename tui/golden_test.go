package tui

import (
	"testing"
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
	h.key("4")
	h.waitFor("by type")
	requireGolden(t, h.settle())
}
