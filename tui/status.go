package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sweetmcp/sweet/engine/memory"
)

// status is the bottom bar: where the data lives, how much there is, which
// embedder and namespace are in use, and the latest message or error.
type status struct {
	dbPath, embedder, namespace string
	counts                      *memory.Stats
	message                     string
	isError                     bool
}

func newStatus(dbPath, embedder, namespace string) status {
	return status{dbPath: dbPath, embedder: embedder, namespace: namespace}
}

// setError shows an error until the next message replaces it.
func (s *status) setError(msg string) { s.message, s.isError = msg, true }

// setInfo shows a confirmation.
func (s *status) setInfo(msg string) { s.message, s.isError = msg, false }

// view draws the bar, exactly width cells wide. The message comes first:
// an error must not be cut off by the fixed fields.
func (s status) view(st Styles, width int) string {
	var parts []string
	if s.dbPath != "" {
		parts = append(parts, st.StatusKey.Render("db ")+st.Status.Render(s.dbPath))
	}
	if s.counts != nil {
		parts = append(parts, st.Status.Render(fmt.Sprintf("%d memories · %d links", s.counts.Memories, s.counts.Relations)))
	}
	emb := s.embedder
	if emb == "" && s.counts != nil {
		emb = s.counts.Embedder
	}
	if emb != "" {
		parts = append(parts, st.StatusKey.Render("embed ")+st.Status.Render(emb))
	}
	if s.namespace != "" {
		parts = append(parts, st.StatusKey.Render("ns ")+st.Status.Render(s.namespace))
	}
	right := strings.Join(parts, st.Status.Render(" │ "))
	left := ""
	if s.message != "" {
		msgStyle := st.StatusInfo
		if s.isError {
			msgStyle = st.StatusError
		}
		room := max(width/2, width-ansi.StringWidth(right)-3)
		left = msgStyle.Render(ansi.Truncate(" "+s.message+" ", room, "…"))
	}
	gap := width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		right = ansi.Truncate(right, max(0, width-ansi.StringWidth(left)-1), "…")
		gap = max(0, width-ansi.StringWidth(left)-ansi.StringWidth(right))
	}
	return ansi.Truncate(left+st.Status.Render(strings.Repeat(" ", gap))+right, width, "")
}

// countsMsg carries fresh statistics. The status bar's counts and the
// stats pane's charts come from the same call.
type countsMsg struct {
	stats *memory.Stats
	err   error
}

// countsState keeps statistics calls from piling up: on a large database
// one takes a second or more (longer than the watch interval), and every
// call holds one of the store's few reader connections, which the list and
// search need. At most one runs; changes meanwhile ask for one more.
type countsState struct{ running, again bool }

// loadCounts reads the statistics, unless a read is running already.
func (m *Model) loadCounts() tea.Cmd {
	if m.counts.running {
		m.counts.again = true
		return nil
	}
	m.counts.running = true
	eng, ctx, scope := m.sh.Engine, m.sh.Ctx, m.sh.Scope
	return func() tea.Msg {
		st, err := eng.Stats(ctx, scope)
		return countsMsg{stats: st, err: err}
	}
}

// gotCounts shows fresh statistics and hands them to the panes.
func (m *Model) gotCounts(msg countsMsg) tea.Cmd {
	m.counts.running = false
	var again tea.Cmd
	if m.counts.again {
		m.counts.again = false
		again = m.loadCounts()
	}
	if msg.err != nil {
		m.sh.Logger.Warn("Engine call failed", "op", "read stats", "err", msg.err)
		m.status.setError(describeErr("read stats", msg.err))
		return again
	}
	m.status.counts = msg.stats
	return tea.Batch(again, m.broadcast(msg))
}
