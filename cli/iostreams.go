package cli

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes. Commands never touch
// os.Stdout directly, so every command runs in tests with buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool
	// TermWidth and TermHeight are the terminal size when Out is a terminal.
	TermWidth, TermHeight int
	// ColorDisabled is set by --no-color, NO_COLOR or a non-terminal Out.
	ColorDisabled bool
}

// System returns the process's real streams with TTY detection.
func System() *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	s.InTTY = term.IsTerminal(int(os.Stdin.Fd()))
	s.OutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	s.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	if s.OutTTY {
		s.TermWidth, s.TermHeight, _ = term.GetSize(int(os.Stdout.Fd()))
	}
	s.ColorDisabled = !s.OutTTY
	return s
}

// TestIOStreams returns streams over buffers (no TTYs) and the buffers.
func TestIOStreams() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, ColorDisabled: true}, in, out, errOut
}

// Color reports whether output may carry ANSI colour.
func (s *IOStreams) Color() bool { return !s.ColorDisabled && s.OutTTY }
