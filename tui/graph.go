package tui

import (
	"fmt"
	"image"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/sixel"
	"github.com/sweetmcp/sweet/tui/canvas"
)

const graphName = "Graph"

// graphLimit caps the neighbourhood drawn: beyond about 30 nodes labels
// overlap and the picture stops helping.
const graphLimit = 30

// graphPane draws the neighbourhood of the selected memory and lets the
// user walk it node by node.
type graphPane struct {
	sh            *Shared
	width, height int
	col, row      int
	focused       bool
	center        string
	depth         int
	nodes         []*memory.Memory // nodes[0] is the centre
	links         []memory.Link
	sel           int
	gen           int
	img           imageView
	positions     []canvas.Point
}

// graphMsg carries a loaded neighbourhood.
type graphMsg struct {
	gen   int
	nodes []*memory.Memory
	links []memory.Link
}

func newGraphPane(sh *Shared) *graphPane { return &graphPane{sh: sh, depth: 1} }

func (p *graphPane) Name() string           { return graphName }
func (p *graphPane) SetSize(w, h int)       { p.width, p.height = w, h }
func (p *graphPane) SetOrigin(col, row int) { p.col, p.row = col, row }
func (p *graphPane) Focus() tea.Cmd         { p.focused = true; return nil }
func (p *graphPane) Blur()                  { p.focused = false }
func (p *graphPane) KeyMode() KeyMode       { return KeysNormal }

// Init centres on the newest memory until the user picks one.
func (p *graphPane) Init() tea.Cmd {
	sh := p.sh
	return func() tea.Msg {
		page, err := sh.Engine.List(sh.Ctx, memory.ListRequest{Scope: sh.Scope, Limit: 1, NewestFirst: true})
		if err != nil {
			return errMsg{op: "list memories", err: err}
		}
		if len(page.Memories) == 0 {
			return nil
		}
		return selectMsg{id: page.Memories[0].ID, initial: true}
	}
}

func (p *graphPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case selectMsg:
		if msg.initial && p.center != "" {
			return nil
		}
		p.center, p.sel = msg.id, 0
		return p.load()
	case graphMsg:
		if msg.gen == p.gen {
			p.nodes, p.links = msg.nodes, msg.links
			p.sel = max(0, min(p.sel, len(p.nodes)-1))
		}
		return nil
	case changesMsg:
		if p.center == "" {
			return p.Init()
		}
		return p.load()
	case tea.MouseClickMsg:
		return p.click(msg.Mouse())
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	return nil
}

func (p *graphPane) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.sh.Keys
	switch {
	case key.Matches(msg, k.NextNode), key.Matches(msg, k.Down):
		if len(p.nodes) > 0 {
			p.sel = (p.sel + 1) % len(p.nodes)
		}
	case key.Matches(msg, k.PrevNode), key.Matches(msg, k.Up):
		if len(p.nodes) > 0 {
			p.sel = (p.sel + len(p.nodes) - 1) % len(p.nodes)
		}
	case key.Matches(msg, k.Center):
		if p.sel < len(p.nodes) && p.sel > 0 {
			return selectCmd(p.nodes[p.sel].ID)
		}
	case key.Matches(msg, k.Depth):
		p.depth = p.depth%3 + 1
		return p.load()
	case key.Matches(msg, k.Edit), msg.String() == "o":
		if p.sel < len(p.nodes) {
			id := p.nodes[p.sel].ID
			return func() tea.Msg { return openMsg{id: id} }
		}
	}
	return nil
}

// click selects the node nearest to the pointer, if it is close.
func (p *graphPane) click(m tea.Mouse) tea.Cmd {
	if p.img.placement == nil || len(p.positions) == 0 {
		return nil
	}
	a := p.img.placement.Area
	if m.X < a.Col || m.X >= a.Col+a.Cols || m.Y < a.Row || m.Y >= a.Row+a.Rows {
		return nil
	}
	// Map the cell to image pixels (placement size over area size).
	px := (float64(m.X-a.Col) + 0.5) * float64(p.img.placement.Width) / float64(a.Cols)
	py := (float64(m.Y-a.Row) + 0.5) * float64(p.img.placement.Height) / float64(a.Rows)
	best, bestD := -1, 1e18
	for i, q := range p.positions {
		if d := (q.X-px)*(q.X-px) + (q.Y-py)*(q.Y-py); d < bestD {
			best, bestD = i, d
		}
	}
	if best >= 0 {
		if best == p.sel && best > 0 {
			return selectCmd(p.nodes[best].ID)
		}
		p.sel = best
	}
	return nil
}

// load reads the centre's neighbourhood and the links among its nodes.
func (p *graphPane) load() tea.Cmd {
	p.gen++
	gen, sh, center, depth := p.gen, p.sh, p.center, p.depth
	return func() tea.Msg {
		ms, err := sh.Engine.Get(sh.Ctx, center)
		if err != nil || len(ms) == 0 {
			if err == nil {
				err = memory.ErrNotFound
			}
			return errMsg{op: "graph of " + shortID(center), err: err}
		}
		rel, err := sh.Engine.Related(sh.Ctx, memory.RelatedRequest{ID: center, Depth: depth, Limit: graphLimit})
		if err != nil {
			return errMsg{op: "graph of " + shortID(center), err: err}
		}
		nodes := []*memory.Memory{ms[0]}
		in := map[string]bool{center: true}
		for _, r := range rel {
			if !in[r.ID] {
				in[r.ID] = true
				nodes = append(nodes, r.Memory)
			}
		}
		var links []memory.Link
		seen := map[string]bool{}
		for _, n := range nodes {
			ls, err := sh.Engine.Links(sh.Ctx, n.ID)
			if err != nil {
				return errMsg{op: "links of " + shortID(n.ID), err: err}
			}
			for _, l := range ls {
				k := l.From + l.To + l.Type
				if in[l.From] && in[l.To] && !seen[k] {
					seen[k] = true
					links = append(links, l)
				}
			}
		}
		return graphMsg{gen: gen, nodes: nodes, links: links}
	}
}

// listRows is how many text rows under the image list the nodes.
func (p *graphPane) listRows() int { return min(len(p.nodes)+1, max(3, p.height/4)) }

// graph builds the canvas graph from the loaded nodes.
func (p *graphPane) graph() canvas.Graph {
	g := canvas.Graph{Center: 0, Selected: p.sel, Labels: p.sh.Caps.Sixel}
	index := map[string]int{}
	for i, n := range p.nodes {
		index[n.ID] = i
		g.Nodes = append(g.Nodes, canvas.Node{Label: oneLineASCII(n.Content, 24)})
	}
	for _, l := range p.links {
		t := slices.Index(g.Types, l.Type)
		if t < 0 {
			t = len(g.Types)
			g.Types = append(g.Types, l.Type)
		}
		g.Edges = append(g.Edges, canvas.Edge{From: index[l.From], To: index[l.To], Type: t, Strength: l.Strength})
	}
	return g
}

// refresh re-renders the image if the graph, selection or area changed.
func (p *graphPane) refresh() {
	rows := p.height - p.listRows() - 1
	area := sixel.Rect{Col: p.col, Row: p.row + 1, Cols: p.width, Rows: max(0, rows)}
	if len(p.nodes) == 0 || rows < 3 {
		area = sixel.Rect{}
	}
	key := fmt.Sprintf("%d|%d|%d", p.gen, p.sel, len(p.nodes))
	p.img.update(p.sh.Caps, area, key, func(w, h int) image.Image {
		img, pos := canvas.DrawGraph(p.graph(), w, h, p.sh.Styles.Image)
		p.positions = pos
		return img
	})
}

// Placements implements imagePane.
func (p *graphPane) Placements() []*sixel.Placement {
	p.refresh()
	if p.img.placement == nil {
		return nil
	}
	return []*sixel.Placement{p.img.placement}
}

// View draws a header, the image and the node list.
func (p *graphPane) View() string {
	st := p.sh.Styles
	if len(p.nodes) == 0 {
		return st.Dim.Render("No memory selected. Open one in Memories or Search (enter).")
	}
	p.refresh()
	var b strings.Builder
	b.WriteString(st.Dim.Render(fmt.Sprintf("%s · %d nodes · %d links · depth %d (+)", shortID(p.center), len(p.nodes), len(p.links), p.depth)) + "\n")
	if v := p.img.view(); v != "" {
		b.WriteString(v + "\n")
	} else if p.img.err != nil {
		b.WriteString(st.StatusError.Render(p.img.err.Error()) + "\n")
	}
	off := max(0, p.sel-p.listRows()+1)
	for i := off; i < len(p.nodes) && i < off+p.listRows(); i++ {
		n := p.nodes[i]
		mark := "  "
		if i == 0 {
			mark = "◉ "
		}
		line := fmt.Sprintf("%s%-10s %s", mark, n.Type, oneLine(n.Content, max(1, p.width-14)))
		if i == p.sel {
			line = st.Selected.Render(padRight(line, p.width))
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// oneLineASCII is oneLine restricted to ASCII, which the bitmap font has.
func oneLineASCII(s string, n int) string {
	s = oneLine(s, n)
	return strings.Map(func(r rune) rune {
		if r < 32 || r > 126 {
			return '?'
		}
		return r
	}, strings.ReplaceAll(s, "…", "~"))
}
