package term

import (
	"context"
	"strings"
	"testing"
	"time"

	uv "github.com/charmbracelet/ultraviolet"

	"github.com/sweetmcp/sweet/sixel"
)

// waitView waits until the child's screen shows s.
func waitView(t *testing.T, tm *Term, s string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !strings.Contains(tm.View(0), s) {
		select {
		case <-tm.Updates():
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatalf("the screen never showed %q:\n%s", s, tm.View(0))
		}
	}
}

func TestStartTypeClose(t *testing.T) {
	tm, err := Start(context.Background(), []string{"/bin/sh"}, 40, 10, sixel.CellSize{Width: 8, Height: 16}, []string{"PS1=$ "})
	if err != nil {
		t.Fatal(err)
	}
	tm.Paste("echo hello-$((6*7))")
	tm.SendKey(uv.KeyPressEvent{Code: uv.KeyEnter})
	waitView(t, tm, "hello-42")
	if err := tm.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	<-tm.Done() // the shell got SIGHUP
	if err := tm.Close(); err != nil {
		t.Errorf("second close: %v", err)
	}
}

// TestCloseWhileQuerying closes the terminal while the child keeps asking
// it questions: x/vt blocks a write with a query until the answer is read,
// and closing must neither hang nor race with that.
func TestCloseWhileQuerying(t *testing.T) {
	for i := range 5 {
		tm, err := Start(context.Background(), []string{"/bin/sh", "-c", `while :; do printf '\033[c\033[6n'; done`}, 40, 10, sixel.CellSize{Width: 8, Height: 16}, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The answers go back to the child as input and the tty echoes
		// them: once they show, queries and answers are flowing.
		waitView(t, tm, "[?62;")
		time.Sleep(time.Duration(i) * 10 * time.Millisecond)
		closed := make(chan error, 1)
		go func() { closed <- tm.Close() }()
		select {
		case <-closed:
		case <-time.After(20 * time.Second):
			t.Fatal("Close did not return")
		}
		<-tm.Done()
	}
}

func TestStartErrors(t *testing.T) {
	if _, err := Start(context.Background(), nil, 10, 10, sixel.CellSize{}, nil); err == nil {
		t.Error("no command: no error")
	}
	if _, err := Start(context.Background(), []string{"/nonexistent/sweet-shell"}, 10, 10, sixel.CellSize{}, nil); err == nil || !strings.Contains(err.Error(), "/nonexistent/sweet-shell") {
		t.Errorf("missing program: %v", err)
	}
}
