//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package sixel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"golang.org/x/sys/unix"
)

// canPoll tells Detect that readPolled works on this platform.
const canPoll = true

// ReadWinsize returns the kernel's window size for the terminal on fd.
func ReadWinsize(fd int) (Winsize, error) {
	ws, err := unix.IoctlGetWinsize(fd, unix.TIOCGWINSZ)
	if err != nil {
		return Winsize{}, fmt.Errorf("read window size: %w", err)
	}
	return Winsize{Cols: int(ws.Col), Rows: int(ws.Row), XPixel: int(ws.Xpixel), YPixel: int(ws.Ypixel)}, nil
}

// readPolled reads in (which must read fd) until a DA1 reply arrives,
// calling Read only after poll says data is waiting. Unlike readAsync it
// leaves no reader behind when the deadline passes, so no later keystroke is
// swallowed.
func readPolled(ctx context.Context, in io.Reader, fd int) ([]byte, error) {
	var got []byte
	buf := make([]byte, 256)
	for {
		if err := ctx.Err(); err != nil {
			return got, fmt.Errorf("%w (%v)", ErrNoReply, err)
		}
		wait := 50 * time.Millisecond
		if dl, ok := ctx.Deadline(); ok {
			wait = min(wait, time.Until(dl))
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(max(wait.Milliseconds(), 1)))
		if errors.Is(err, unix.EINTR) || n == 0 {
			continue
		}
		if err != nil {
			return got, fmt.Errorf("%w: poll terminal: %v", ErrNoReply, err)
		}
		if fds[0].Revents&(unix.POLLIN|unix.POLLHUP|unix.POLLERR) == 0 {
			continue
		}
		m, err := in.Read(buf)
		got = append(got, buf[:m]...)
		if hasDA1(got) {
			return got, nil
		}
		if err != nil {
			return got, fmt.Errorf("%w: read replies: %v", ErrNoReply, err)
		}
	}
}
