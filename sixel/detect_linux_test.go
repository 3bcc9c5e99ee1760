//go:build linux

package sixel

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// openPTY opens a real pseudo-terminal pair without cgo: the master plays
// the terminal emulator, the slave is what Detect talks to.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Fatalf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Fatalf("pty number: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Fatalf("open pty slave: %v", err)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

// TestDetectPTY runs Detect against a real terminal device: raw mode, the
// kernel window size and the poll-based reader are all exercised, and the
// terminal mode must be restored afterwards.
func TestDetectPTY(t *testing.T) {
	master, slave := openPTY(t)
	fd := int(slave.Fd())
	ws := &unix.Winsize{Row: 23, Col: 99, Xpixel: 792, Ypixel: 391}
	if err := unix.IoctlSetWinsize(fd, unix.TIOCSWINSZ, ws); err != nil {
		t.Fatal(err)
	}
	before, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	rec := loadRecord(t, "foot")
	t.Setenv("TMUX", "")
	go func() {
		var seen []byte
		buf := make([]byte, 128)
		for !bytes.Contains(seen, []byte("\x1b[c")) {
			n, err := master.Read(buf)
			if err != nil {
				return
			}
			seen = append(seen, buf[:n]...)
		}
		master.Write(rec.reply)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := Detect(ctx, slave, slave, fd)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Sixel || got.Cell != (CellSize{8, 17}) || got.CellSource != SourceWinsize || got.MaxWidth != 792 {
		t.Fatalf("Detect over a pty = %+v", got)
	}
	after, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if *after != *before {
		t.Fatal("terminal mode was not restored after Detect")
	}
}

// TestDetectPTYSilent checks the poll path gives up at the deadline and
// leaves no reader behind: a byte typed afterwards is still readable.
func TestDetectPTYSilent(t *testing.T) {
	master, slave := openPTY(t)
	fd := int(slave.Fd())
	go func() {
		buf := make([]byte, 128)
		for {
			if _, err := master.Read(buf); err != nil {
				return
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := Detect(ctx, slave, slave, fd)
	if !errors.Is(err, ErrNoReply) {
		t.Fatalf("error %v, want ErrNoReply", err)
	}
	state, err := term.MakeRaw(fd)
	if err != nil {
		t.Fatal(err)
	}
	defer term.Restore(fd, state)
	if _, err := master.Write([]byte("k")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1)
	if n, err := slave.Read(buf); err != nil || n != 1 || buf[0] != 'k' {
		t.Fatalf("read after Detect = %q, %v; want the typed key", buf[:n], err)
	}
}
