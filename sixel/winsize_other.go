//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package sixel

import (
	"context"
	"errors"
	"io"
)

// canPoll is false: Detect falls back to reading on a goroutine.
const canPoll = false

// ReadWinsize is not available on this platform: it always fails, and the
// cell size then comes from the terminal's replies.
func ReadWinsize(fd int) (Winsize, error) {
	return Winsize{}, errors.New("read window size: TIOCGWINSZ is not available on this platform")
}

func readPolled(ctx context.Context, in io.Reader, fd int) ([]byte, error) {
	return readAsync(ctx, in)
}
