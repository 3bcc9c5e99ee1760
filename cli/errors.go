package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	urfave "github.com/urfave/cli/v2"
)

// Exit codes, in one place.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// FlagError is a usage problem: a wrong flag, a missing argument, a bad value.
// It exits 2 and points at --help.
type FlagError struct {
	Err     error
	Command string // full command name, for the --help hint
	Hint    string // e.g. "Did you mean --json?"
}

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// usageErrorf builds a FlagError for the command running in c.
func usageErrorf(c *urfave.Context, format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...), Command: commandPath(c)}
}

// SilentError means the command already told the user what went wrong.
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// ErrCancel means the user stopped the command (Ctrl-C, or declined a prompt).
var ErrCancel = errors.New("cancelled")

// exitCode turns the error a command returned into the process exit code and
// prints it. It is the only place where errors become exit codes.
func exitCode(err error, ctx context.Context, errOut io.Writer) int {
	if err == nil {
		return ExitOK
	}
	if isClosedPipe(err) {
		return ExitOK
	}
	var silent *SilentError
	if errors.As(err, &silent) {
		return silent.Code
	}
	if errors.Is(err, ErrCancel) || (ctx.Err() != nil && errors.Is(err, context.Canceled)) {
		fmt.Fprintln(errOut, "sweet: interrupted")
		return ExitInterrupted
	}
	var fe *FlagError
	if errors.As(err, &fe) {
		fmt.Fprintf(errOut, "sweet: %s\n", fe.Err)
		if fe.Hint != "" {
			fmt.Fprintln(errOut, fe.Hint)
		}
		cmd := strings.TrimSpace("sweet " + fe.Command)
		fmt.Fprintf(errOut, "Run '%s --help' for usage.\n", cmd)
		return ExitUsage
	}
	var ec urfave.ExitCoder
	if errors.As(err, &ec) {
		if msg := ec.Error(); msg != "" {
			fmt.Fprintf(errOut, "sweet: %s\n", msg)
		}
		return ec.ExitCode()
	}
	fmt.Fprintf(errOut, "sweet: %s\n", err)
	return ExitFailure
}

// commandPath is the command's name below the root, e.g. "memory add".
func commandPath(c *urfave.Context) string {
	if c == nil {
		return ""
	}
	var names []string
	for _, cc := range c.Lineage() {
		if cc.Command != nil && cc.Command.Name != "" {
			names = append([]string{cc.Command.Name}, names...)
		}
	}
	// The root context's command carries the app's own name.
	if len(names) > 0 && c.App != nil && names[0] == c.App.Name {
		names = names[1:]
	}
	return strings.Join(names, " ")
}

// onUsageError converts urfave's flag-parsing errors into a FlagError with a
// "did you mean" hint when the flag is close to a real one.
func onUsageError(c *urfave.Context, err error, _ bool) error {
	fe := &FlagError{Err: err, Command: commandPath(c)}
	msg := err.Error()
	if _, name, ok := strings.Cut(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		flags := c.App.Flags
		if c.Command != nil && c.Command.Name != "" {
			flags = c.Command.Flags
		}
		fe.Err = fmt.Errorf("unknown flag --%s", name)
		if urfave.SuggestFlag != nil {
			if s := urfave.SuggestFlag(flags, name, false); s != "" {
				fe.Hint = fmt.Sprintf("Did you mean %s?", s)
			}
		}
	}
	return fe
}
