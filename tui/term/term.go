// Package term runs a program in a pseudo-terminal and emulates its screen
// for the TUI's terminal pane: creack/pty starts the child, x/vt keeps its
// screen and scrollback, and sixel images the child prints (which x/vt
// drops) are taken out of the stream and kept with their position, for the
// pane to draw through package sixel.
package term

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"sync"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
	ansisixel "github.com/charmbracelet/x/ansi/sixel"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/sweetmcp/sweet/sixel"
)

// maxImages bounds the child's images kept for redrawing; older ones have
// scrolled far out of view.
const maxImages = 16

// Image is a sixel image the child printed.
type Image struct {
	// Line is the image's top row counted from the first scrollback line,
	// so it stays put while output scrolls; Col is its left column.
	Line, Col int
	// Rows and Cols are the cells it covered when printed.
	Rows, Cols int
	// Img is the decoded picture.
	Img image.Image
}

// Term is a child process in a pseudo-terminal with an emulated screen.
// All methods are safe for concurrent use.
type Term struct {
	emu  *vt.SafeEmulator
	ptmx *os.File
	cmd  *exec.Cmd
	cell sixel.CellSize

	mu      sync.Mutex
	images  []Image
	filter  dcsFilter
	updates chan struct{}
	done    chan struct{}
	readEnd chan struct{} // closed when readLoop has returned
	tail    chan struct{} // closed when replyLoop has closed the emulator
	exitErr error
	closed  bool
}

// closeWait bounds how long Close waits for the child's output to end.
const closeWait = 2 * time.Second

// Start runs argv in a new pseudo-terminal of cols×rows cells, each
// cell.Width×cell.Height pixels (programs that draw images size them from
// this).
func Start(ctx context.Context, argv []string, cols, rows int, cell sixel.CellSize, env []string) (*Term, error) {
	if len(argv) == 0 {
		return nil, errors.New("start terminal: no command")
	}
	cols, rows = max(cols, 1), max(rows, 1)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(append(os.Environ(), env...), "TERM=xterm-256color", "COLUMNS=", "LINES=")
	ws := &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows), X: uint16(cols * cell.Width), Y: uint16(rows * cell.Height)}
	ptmx, err := pty.StartWithSize(cmd, ws)
	if err != nil {
		return nil, fmt.Errorf("start terminal %s: %w", argv[0], err)
	}
	t := &Term{emu: vt.NewSafeEmulator(cols, rows), ptmx: ptmx, cmd: cmd, cell: cell,
		updates: make(chan struct{}, 1), done: make(chan struct{}), readEnd: make(chan struct{}), tail: make(chan struct{})}
	t.emu.SetScrollbackSize(vt.DefaultScrollbackSize)
	go t.readLoop()
	go t.replyLoop()
	go t.wait()
	return t, nil
}

// Updates signals (coalesced) that the screen changed.
func (t *Term) Updates() <-chan struct{} { return t.updates }

// Done is closed when the child has exited.
func (t *Term) Done() <-chan struct{} { return t.done }

// Err is the child's exit error once Done is closed (nil for status 0).
func (t *Term) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.exitErr
}

func (t *Term) notify() {
	select {
	case t.updates <- struct{}{}:
	default:
	}
}

// readLoop copies the child's output through the sixel filter into the
// emulator.
func (t *Term) readLoop() {
	defer close(t.readEnd)
	buf := make([]byte, 32<<10)
	for {
		n, err := t.ptmx.Read(buf)
		if n > 0 {
			t.mu.Lock()
			chunks := t.filter.feed(buf[:n])
			t.mu.Unlock()
			for _, c := range chunks {
				if c.sixel != nil {
					t.addImage(c.sixel)
					continue
				}
				_, _ = t.emu.Write(c.text)
			}
			t.notify()
		}
		if err != nil {
			return
		}
	}
}

// replyLoop forwards what the emulator sends back (answers to queries, and
// the keys the pane sends) to the child. x/vt blocks writes that contain
// queries until their answer is read, so this must always run. It also
// closes the emulator when it ends: x/vt's Read and Close touch the same
// field without a lock, so only the reading goroutine may close.
func (t *Term) replyLoop() {
	defer close(t.tail)
	buf := make([]byte, 4<<10)
	broken := false // the pty is gone: keep reading (a blocked Write waits for it), drop what comes
	for {
		n, err := t.emu.Read(buf)
		if n > 0 && !broken {
			_, werr := t.ptmx.Write(buf[:n])
			broken = werr != nil
		}
		if err != nil {
			break
		}
		if broken {
			select {
			case <-t.readEnd:
				_ = t.emu.Close()
				return
			default:
			}
		}
	}
	<-t.readEnd
	_ = t.emu.Close()
}

// reapWait is how long a child may take to end after its terminal closed.
const reapWait = 2 * time.Second

// reap kills the child if it is still running a while after its terminal
// closed: a shell that ignores SIGHUP (inherited from nohup, or set by the
// user) would otherwise outlive its pane, and so would anything waiting
// for it.
func (t *Term) reap() {
	select {
	case <-t.done:
	case <-time.After(reapWait):
		if t.cmd.Process != nil {
			_ = t.cmd.Process.Kill()
		}
	}
}

func (t *Term) wait() {
	err := t.cmd.Wait()
	t.mu.Lock()
	t.exitErr = err
	t.mu.Unlock()
	close(t.done)
	t.notify()
}

// addImage decodes a sixel sequence, records where it sits and moves the
// emulator's cursor below it, as a real terminal would, so the child's
// next output does not land on the picture.
func (t *Term) addImage(seq []byte) {
	body := seq[bytes.IndexByte(seq, 'q')+1:]
	body = bytes.TrimSuffix(bytes.TrimSuffix(body, []byte("\x1b\\")), []byte{0x9c})
	var d ansisixel.Decoder
	img, err := d.Decode(bytes.NewReader(body))
	if err != nil || img.Bounds().Empty() {
		return
	}
	rows := (img.Bounds().Dy() + t.cell.Height - 1) / t.cell.Height
	cols := (img.Bounds().Dx() + t.cell.Width - 1) / t.cell.Width
	pos := t.emu.CursorPosition()
	t.mu.Lock()
	t.images = append(t.images, Image{Line: t.emu.ScrollbackLen() + pos.Y, Col: pos.X, Rows: rows, Cols: cols, Img: img})
	if len(t.images) > maxImages {
		t.images = t.images[len(t.images)-maxImages:]
	}
	t.mu.Unlock()
	_, _ = t.emu.Write(append(bytes.Repeat([]byte("\n"), rows), '\r'))
}

// Images returns the images with their rows relative to the top of the
// screen as seen with the view scrolled back by scroll lines; only images
// fully on screen are returned.
func (t *Term) Images(scroll int) []Image {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.emu.IsAltScreen() {
		return nil
	}
	top := t.emu.ScrollbackLen() - scroll
	var out []Image
	for _, im := range t.images {
		row := im.Line - top
		if row >= 0 && row+im.Rows <= t.emu.Height() {
			im.Line = row
			out = append(out, im)
		}
	}
	return out
}

// SendKey types a key into the child.
func (t *Term) SendKey(k uv.KeyPressEvent) { t.emu.SendKey(k) }

// Paste pastes text into the child (bracketed if it asked for that).
func (t *Term) Paste(s string) { t.emu.Paste(s) }

// Resize changes the terminal size; the child gets SIGWINCH.
func (t *Term) Resize(cols, rows int) error {
	cols, rows = max(cols, 1), max(rows, 1)
	if cols == t.emu.Width() && rows == t.emu.Height() {
		return nil
	}
	t.emu.Resize(cols, rows)
	ws := &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows), X: uint16(cols * t.cell.Width), Y: uint16(rows * t.cell.Height)}
	if err := pty.Setsize(t.ptmx, ws); err != nil {
		return fmt.Errorf("resize terminal: %w", err)
	}
	return nil
}

// ScrollbackLen is how many lines have scrolled off the top.
func (t *Term) ScrollbackLen() int { return t.emu.ScrollbackLen() }

// View renders the screen with colours; scrolled back by scroll lines, the
// top part comes from the scrollback (as plain text).
func (t *Term) View(scroll int) string {
	if scroll <= 0 {
		return t.emu.Render()
	}
	sb := t.emu.Scrollback()
	h := t.emu.Height()
	scroll = min(scroll, sb.Len())
	lines := make([]string, 0, h)
	for i := sb.Len() - scroll; i < sb.Len() && len(lines) < h; i++ {
		lines = append(lines, sb.Line(i).Render())
	}
	screen := bytes.Split([]byte(t.emu.Render()), []byte("\n"))
	for i := 0; len(lines) < h && i < len(screen); i++ {
		lines = append(lines, string(screen[i]))
	}
	return string(bytes.Join(toBytes(lines), []byte("\n")))
}

func toBytes(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

// Close ends the child (SIGHUP, as when a terminal window closes) and
// releases the pseudo-terminal.
func (t *Term) Close() error {
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return nil
	}
	t.closed = true
	t.mu.Unlock()
	select {
	case <-t.done:
	default:
		if t.cmd.Process != nil {
			_ = t.cmd.Process.Signal(hangup)
		}
	}
	err := t.ptmx.Close()
	go t.reap()
	select {
	case <-t.readEnd:
	case <-time.After(closeWait):
		// The output never ended: leave the emulator open rather than
		// close it under a running Write.
		return err
	}
	// Wake replyLoop: the byte it reads goes to the closed pty, which
	// fails, and it closes the emulator. If it has ended already, closing
	// the emulator closed the pipe and this write returns.
	go func() { _, _ = t.emu.InputPipe().Write([]byte{0}) }()
	<-t.tail
	return err
}
