package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine/memory"
)

const searchName = "Search"

// searchDebounce is how long typing must pause before a query runs: long
// enough to skip the intermediate words of a fast typist, short enough to
// feel live.
const searchDebounce = 150 * time.Millisecond

// searchPane runs hybrid search as you type and explains the selected
// result's score.
type searchPane struct {
	sh            *Shared
	width, height int
	col, row      int
	typing        bool
	input         textinput.Model
	gen           int // bumped per keystroke; only the latest query's results count
	query         string
	results       []memory.Result
	sel           int
	searching     bool
}

// searchTickMsg fires when typing paused.
type searchTickMsg struct{ gen int }

// resultsMsg carries a query's results.
type resultsMsg struct {
	gen     int
	query   string
	results []memory.Result
}

func newSearchPane(sh *Shared) *searchPane {
	in := textinput.New()
	in.Prompt = "? "
	in.Placeholder = "search memories (hybrid: words, meaning, links, recency)"
	in.SetStyles(inputStyles(sh.Styles))
	return &searchPane{sh: sh, input: in}
}

func (p *searchPane) Name() string           { return searchName }
func (p *searchPane) Init() tea.Cmd          { return nil }
func (p *searchPane) SetOrigin(col, row int) { p.col, p.row = col, row }
func (p *searchPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.input.SetWidth(max(10, w-3))
}

// Focus starts typing: the pane exists to take a query.
func (p *searchPane) Focus() tea.Cmd {
	p.typing = true
	return p.input.Focus()
}

func (p *searchPane) Blur() {
	p.typing = false
	p.input.Blur()
}

func (p *searchPane) KeyMode() KeyMode {
	if p.typing {
		return KeysText
	}
	return KeysNormal
}

// Update handles typing, the debounce and results.
func (p *searchPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case searchTickMsg:
		if msg.gen != p.gen {
			return nil
		}
		return p.search()
	case resultsMsg:
		if msg.gen != p.gen {
			return nil
		}
		p.searching = false
		p.results, p.query = msg.results, msg.query
		p.sel = max(0, min(p.sel, len(p.results)-1))
		return nil
	case changesMsg:
		if p.query != "" {
			return p.search()
		}
		return nil
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			p.move(-1)
		} else if msg.Button == tea.MouseWheelDown {
			p.move(1)
		}
		return nil
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	return nil
}

func (p *searchPane) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.sh.Keys
	switch msg.String() {
	case "up":
		p.move(-1)
		return nil
	case "down":
		p.move(1)
		return nil
	case "enter":
		return p.open()
	case "esc":
		if p.typing {
			p.typing = false
			p.input.Blur()
			return nil
		}
	}
	if !p.typing {
		switch {
		case key.Matches(msg, k.Up):
			p.move(-1)
		case key.Matches(msg, k.Down):
			p.move(1)
		case key.Matches(msg, k.Filter), msg.String() == "i":
			return p.Focus()
		}
		return nil
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() == before {
		return cmd
	}
	p.gen++
	gen := p.gen
	return tea.Batch(cmd, tea.Tick(searchDebounce, func(time.Time) tea.Msg { return searchTickMsg{gen: gen} }))
}

func (p *searchPane) move(d int) {
	p.sel = max(0, min(p.sel+d, len(p.results)-1))
}

// open shows the selected result in the memories pane and the graph.
func (p *searchPane) open() tea.Cmd {
	if p.sel >= len(p.results) {
		return nil
	}
	id := p.results[p.sel].ID
	return tea.Batch(func() tea.Msg { return openMsg{id: id} }, selectCmd(id))
}

// search runs the query in a command.
func (p *searchPane) search() tea.Cmd {
	q := strings.TrimSpace(p.input.Value())
	gen := p.gen
	if q == "" {
		return func() tea.Msg { return resultsMsg{gen: gen} }
	}
	p.searching = true
	sh := p.sh
	return func() tea.Msg {
		res, err := sh.Engine.Search(sh.Ctx, memory.SearchRequest{Query: q, Scope: sh.Scope, Limit: 50, Explain: true})
		if err != nil {
			return errMsg{op: "search", err: err}
		}
		return resultsMsg{gen: gen, query: q, results: res.Results}
	}
}

// explainRows is how many lines the score breakdown takes.
const explainRows = 8

// View draws the input, the results and the selected result's breakdown.
func (p *searchPane) View() string {
	st := p.sh.Styles
	var b strings.Builder
	b.WriteString(p.input.View() + "\n")
	listH := max(1, p.height-1-explainRows)
	switch {
	case p.input.Value() == "":
		b.WriteString(st.Dim.Render("Type to search. ↑/↓ select · enter open · esc stop typing"))
		return b.String()
	case len(p.results) == 0 && !p.searching && p.query != "":
		b.WriteString(st.Dim.Render("No matches for " + fmt.Sprintf("%q", p.query)))
		return b.String()
	}
	off := max(0, p.sel-listH+1)
	lines := 0
	for i := off; i < len(p.results) && lines < listH; i++ {
		r := p.results[i]
		line := fmt.Sprintf("%5.3f %-10s %s", r.Score, r.Type, oneLine(r.Content, max(1, p.width-18)))
		if i == p.sel {
			line = st.Selected.Render(padRight(line, p.width))
		} else {
			line = st.Score.Render(fmt.Sprintf("%5.3f", r.Score)) + " " + st.Type.Render(fmt.Sprintf("%-10s", r.Type)) + " " +
				oneLine(r.Content, max(1, p.width-18))
		}
		b.WriteString(line + "\n")
		lines++
	}
	for ; lines < listH; lines++ {
		b.WriteString("\n")
	}
	if p.sel < len(p.results) {
		b.WriteString(p.explainView(p.results[p.sel]))
	}
	return b.String()
}

// explainView draws the score breakdown: each retriever's rank, raw score
// and contribution to the fused score, with a bar.
func (p *searchPane) explainView(r memory.Result) string {
	st := p.sh.Styles
	var b strings.Builder
	b.WriteString(st.Label.Render(fmt.Sprintf("score %.4f  %s", r.Score, shortID(r.ID))) + "\n")
	if r.Explain == nil {
		return b.String()
	}
	e := r.Explain
	comps := []struct {
		name string
		c    *memory.Component
	}{{"lexical", e.Lexical}, {"vector", e.Vector}, {"rerank", e.Rerank}, {"graph", e.Graph}, {"recency", e.Recency}}
	barW := max(4, p.width-44)
	for _, c := range comps {
		if c.c == nil {
			b.WriteString(st.Dim.Render(fmt.Sprintf("%-8s –", c.name)) + "\n")
			continue
		}
		frac := 0.0
		if r.Score > 0 {
			frac = c.c.Contribution / r.Score
		}
		bar := strings.Repeat("█", int(frac*float64(barW)+0.5))
		b.WriteString(fmt.Sprintf("%-8s rank %3d  score %6.3f  +%6.4f ", c.name, c.c.Rank, c.c.Score, c.c.Contribution) +
			st.Bar.Render(bar) + "\n")
	}
	if e.Via != "" {
		b.WriteString(st.Dim.Render("via "+e.Via) + "\n")
	}
	return b.String()
}
