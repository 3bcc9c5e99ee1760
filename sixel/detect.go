package sixel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"
)

// Queries is what Detect sends, in this order: cell size (CSI 16 t), text
// area in pixels (CSI 14 t) and in cells (CSI 18 t), XTSMGRAPHICS colour
// registers and maximum geometry, XTVERSION, and DA1 last. Terminals answer
// in order and every terminal answers DA1, so its reply marks the end of
// everything that is coming; queries a terminal does not know are ignored.
const Queries = "\x1b[16t\x1b[14t\x1b[18t\x1b[?1;1;0S\x1b[?2;1;0S\x1b[>0q\x1b[c"

// DefaultTimeout bounds Detect when the context has no deadline. Local
// terminals answer within milliseconds; the margin is for SSH links.
const DefaultTimeout = 2 * time.Second

// ErrNoReply means no DA1 reply arrived before the deadline.
var ErrNoReply = errors.New("terminal did not answer the device attributes query")

// Detect asks the terminal on in/out about its graphics and returns what it
// learnt. fd is the terminal's file descriptor (os.Stdin.Fd()), or -1 when
// there is none; with a terminal fd Detect reads the kernel window size,
// switches the terminal to raw mode for the duration (replies would otherwise
// wait for Enter and be echoed) and polls fd so that nothing is left blocked
// reading from it afterwards. Call it before the TUI takes over the input.
//
// Detect stops at the DA1 reply or at the context's deadline (DefaultTimeout
// if it has none). On timeout it returns the fallback capabilities (no
// sixel) together with an error wrapping ErrNoReply; the capabilities are
// usable either way. Keystrokes typed while Detect runs are consumed.
func Detect(ctx context.Context, in io.Reader, out io.Writer, fd int) (Capabilities, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	var ws Winsize
	isTerm := fd >= 0 && term.IsTerminal(fd)
	if isTerm {
		if w, err := ReadWinsize(fd); err == nil {
			ws = w
		}
		state, err := term.MakeRaw(fd)
		if err != nil {
			return Parse(nil, ws, os.Getenv), fmt.Errorf("detect terminal: set raw mode: %w", err)
		}
		defer term.Restore(fd, state) //nolint:errcheck // nothing useful to do if restoring fails
	}
	if _, err := io.WriteString(out, Queries); err != nil {
		return Parse(nil, ws, os.Getenv), fmt.Errorf("detect terminal: send queries: %w", err)
	}
	var got []byte
	var err error
	if isTerm && canPoll {
		got, err = readPolled(ctx, in, fd)
	} else {
		got, err = readAsync(ctx, in)
	}
	caps := Parse(got, ws, os.Getenv)
	if err != nil {
		return caps, fmt.Errorf("detect terminal: %w", err)
	}
	return caps, nil
}

// readAsync reads in on a goroutine until a DA1 reply arrives. If the
// context ends first the goroutine stays blocked in Read until in yields
// data or an error, so pass a reader that will be closed or that ends.
func readAsync(ctx context.Context, in io.Reader) ([]byte, error) {
	type chunk struct {
		b   []byte
		err error
	}
	ch := make(chan chunk, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			buf := make([]byte, 256)
			n, err := in.Read(buf)
			select {
			case ch <- chunk{buf[:n], err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var got []byte
	for {
		select {
		case <-ctx.Done():
			return got, fmt.Errorf("%w (%v)", ErrNoReply, ctx.Err())
		case c := <-ch:
			got = append(got, c.b...)
			if hasDA1(got) {
				return got, nil
			}
			if c.err != nil {
				return got, fmt.Errorf("%w: read replies: %v", ErrNoReply, c.err)
			}
		}
	}
}
