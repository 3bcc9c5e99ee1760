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
