package tui

import (
	"strings"
	"testing"
)

func TestGoldenReasoning(t *testing.T) {
	h := start(t, newFakeEngine(3), 100, 30)
	h.waitFor("Memory number 2")
	h.key(`\`, "6") // one slot: the tree needs the width
	h.waitFor("3 sessions", "Switch reads to the new column")
	requireGolden(t, h.settle())
}

func TestGoldenPlugins(t *testing.T) {
	h := start(t, newFakeEngine(3), 100, 30)
	h.waitFor("Memory number 2")
	h.key(`\`, "7")
	h.waitFor("3 plugins")
	h.key("down", "down") // the disabled plugin with a secret
	screen := h.waitFor("api_key (secret)", "units")
	if strings.Contains(screen, "s3cr3t") || strings.Contains(screen, "metric") {
		t.Errorf("a configuration value is on the screen:\n%s", screen)
	}
	requireGolden(t, h.settle())
}

func TestGoldenPluginImage(t *testing.T) {
	h := start(t, newFakeEngine(3), 100, 30)
	h.waitFor("Memory number 2")
	h.key(`\`, "7")
	h.waitFor("3 plugins")
	h.key("down", "enter")
	h.waitFor(`args> {"data":""}`)
	h.key("left", "left") // into the value's quotes
	h.typeText("https://example.com/")
	h.key("enter")
	h.waitFor("png image, 116×116 pixels")
	requireGolden(t, h.settle())
}

// TestGoldenNarrowTabs checks every pane keeps a tab in the narrowest
// window the layout allows.
func TestGoldenNarrowTabs(t *testing.T) {
	h := start(t, newFakeEngine(3), 60, 14)
	h.waitFor("3 shown", "7 Plug", "Memory number")
	requireGolden(t, h.settle())
}
