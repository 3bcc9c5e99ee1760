package tui

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/memory"
)

// Messages that cross pane boundaries live here; messages private to one
// pane live next to it.

// errMsg reports a failed engine call; the status bar shows it and the app
// carries on.
type errMsg struct {
	op  string
	err error
}

// errorCmd turns an error into a command that reports it.
func errorCmd(op string, err error) tea.Cmd {
	return func() tea.Msg { return errMsg{op: op, err: err} }
}

// infoMsg is a short confirmation for the status bar ("memory added").
type infoMsg string

// infoCmd reports a confirmation.
func infoCmd(format string, args ...any) tea.Cmd {
	s := fmt.Sprintf(format, args...)
	return func() tea.Msg { return infoMsg(s) }
}

// selectMsg says the user picked a memory; the graph pane centres on it and
// the memories pane opens it.
type selectMsg struct {
	id string
	// initial marks the graph pane's own start-up pick, which must not
	// override a choice the user already made.
	initial bool
}

// openMsg asks the memories pane to show one memory's details and the root to
// bring that pane into view.
type openMsg struct{ id string }

// changesMsg carries a batch of changes from engine.Watch to every pane.
type changesMsg struct{ changes []engine.Change }

// describeErr makes an engine error readable in one status line, with a hint
// for the failures a user can fix.
func describeErr(op string, err error) string {
	msg := err.Error()
	switch {
	case errors.Is(err, memory.ErrInvalid):
		msg = strings.TrimPrefix(msg, memory.ErrInvalid.Error()+": ")
	case errors.Is(err, memory.ErrNotFound):
		msg += " (it was deleted; the view refreshes)"
	}
	if op == "" {
		return msg
	}
	return op + ": " + msg
}
