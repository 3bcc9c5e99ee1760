package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine"
)

// watchState follows engine.Watch: the channel the next batch comes from.
type watchState struct {
	ch <-chan []engine.Change
}

// watchMsg delivers the open watch channel.
type watchMsg struct{ ch <-chan []engine.Change }

// watchStoppedMsg says live updates stopped (the database went away, or
// Watch failed to start); the root retries after a pause.
type watchStoppedMsg struct{ err error }

// watchRetryMsg restarts the watch.
type watchRetryMsg struct{}

// watchRetry is how long the root waits before restarting a failed watch.
const watchRetry = 2 * time.Second

// startWatch subscribes to changes made by any sweet process.
func (m *Model) startWatch() tea.Cmd {
	eng, ctx, every := m.sh.Engine, m.sh.Ctx, m.opts.watchInterval()
	return func() tea.Msg {
		ch, err := eng.Watch(ctx, every)
		if err != nil {
			return watchStoppedMsg{err: err}
		}
		return watchMsg{ch: ch}
	}
}

// waitChanges blocks, inside a command, for the next batch of changes.
func (m *Model) waitChanges() tea.Cmd {
	ch, ctx := m.watch.ch, m.sh.Ctx
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		batch, ok := <-ch
		if !ok {
			if ctx.Err() != nil {
				return nil
			}
			return watchStoppedMsg{}
		}
		return changesMsg{changes: batch}
	}
}

// handleWatch keeps the subscription alive.
func (m *Model) handleWatch(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case watchMsg:
		m.watch.ch = msg.ch
		return m.waitChanges()
	case watchStoppedMsg:
		m.watch.ch = nil
		text := "live updates stopped; retrying"
		if msg.err != nil {
			text = describeErr("watch changes", msg.err) + "; retrying"
		}
		m.status.setError(text)
		return tea.Tick(watchRetry, func(time.Time) tea.Msg { return watchRetryMsg{} })
	case watchRetryMsg:
		return m.startWatch()
	}
	return nil
}
