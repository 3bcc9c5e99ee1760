package tui

import (
	"os/exec"
	"testing"
)

// TestTmuxSmoke runs scripts/tui-smoke.sh: the real binary in a real
// terminal (tmux), adding a memory, searching it and quitting.
func TestTmuxSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sweet and drives it in tmux; skipped with -short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux); skipping the smoke test of sweet tui in a real terminal")
	}
	out, err := exec.Command("bash", "../scripts/tui-smoke.sh").CombinedOutput()
	if err != nil {
		t.Fatalf("tui-smoke.sh: %v\n%s", err, out)
	}
}
