package tui

import (
	"cmp"
	"fmt"
	"image"
	"image/draw"
	"maps"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/sixel"
	"github.com/sweetmcp/sweet/tui/canvas"
)

const statsName = "Stats"

// statsDays is how many days of history the time chart shows.
const statsDays = 60

// statsPane charts the memories over time, by type and by namespace.
type statsPane struct {
	sh            *Shared
	width, height int
	col, row      int
	stats         *memory.Stats
	gen           int
	img           imageView
}

func newStatsPane(sh *Shared) *statsPane { return &statsPane{sh: sh} }

func (p *statsPane) Name() string           { return statsName }
func (p *statsPane) SetSize(w, h int)       { p.width, p.height = w, h }
func (p *statsPane) SetOrigin(col, row int) { p.col, p.row = col, row }
func (p *statsPane) Focus() tea.Cmd         { return nil }
func (p *statsPane) Blur()                  {}
func (p *statsPane) KeyMode() KeyMode       { return KeysNormal }

// Init loads nothing: the root reads the statistics once for the status
// bar and this pane (countsMsg), and again after changes.
func (p *statsPane) Init() tea.Cmd { return nil }

func (p *statsPane) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(countsMsg); ok && msg.stats != nil {
		p.stats = msg.stats
		p.gen++
	}
	return nil
}

// series is a chart's labels and values.
type series struct {
	labels []string
	values []int64
}

// top returns the n largest entries of m, largest first (ties by name).
func top(m map[string]int64, n int) series {
	keys := slices.SortedFunc(maps.Keys(m), func(a, b string) int {
		return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b))
	})
	var s series
	for _, k := range keys[:min(n, len(keys))] {
		s.labels = append(s.labels, k)
		s.values = append(s.values, m[k])
	}
	return s
}

// perDay returns the last statsDays days that have data, oldest first.
func perDay(m map[string]int64) series {
	days := slices.Sorted(maps.Keys(m))
	if len(days) > statsDays {
		days = days[len(days)-statsDays:]
	}
	var s series
	for _, d := range days {
		s.labels = append(s.labels, d)
		s.values = append(s.values, m[d])
	}
	return s
}

// textRows is how many rows the text summary under the image takes.
const statsTextRows = 4

// refresh redraws the charts when the numbers or the area changed: the
// time line across the top half, type and namespace bars below.
func (p *statsPane) refresh() {
	rows := p.height - statsTextRows - 1
	area := sixel.Rect{Col: p.col, Row: p.row + 1, Cols: p.width, Rows: max(0, rows)}
	if p.stats == nil || rows < 4 {
		area = sixel.Rect{}
	}
	st, pal, labels := p.stats, p.sh.Styles.Image, p.sh.Caps.Sixel
	p.img.update(p.sh.Caps, area, fmt.Sprint(p.gen), func(w, h int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		days, types, nss := perDay(st.PerDay), top(st.ByType, 8), top(st.ByNamespace, 8)
		gap := max(1, w/100)
		line := canvas.Line("memories per day", days.labels, days.values, w, h/2-gap, labels, pal)
		left := canvas.Bars("by type", types.labels, types.values, w/2-gap, h-h/2, labels, pal)
		right := canvas.Bars("by namespace", nss.labels, nss.values, w-w/2, h-h/2, labels, pal)
		draw.Draw(img, line.Bounds(), line, image.Point{}, draw.Src)
		draw.Draw(img, left.Bounds().Add(image.Pt(0, h/2)), left, image.Point{}, draw.Src)
		draw.Draw(img, right.Bounds().Add(image.Pt(w/2, h/2)), right, image.Point{}, draw.Src)
		return img
	})
}

// Placements implements imagePane.
func (p *statsPane) Placements() []*sixel.Placement {
	p.refresh()
	if p.img.placement == nil {
		return nil
	}
	return []*sixel.Placement{p.img.placement}
}

// View shows the totals, the charts, and the numbers behind them as text
// (half-block charts cannot carry labels).
func (p *statsPane) View() string {
	st := p.sh.Styles
	if p.stats == nil {
		return st.Dim.Render("loading…")
	}
	p.refresh()
	s := p.stats
	var b strings.Builder
	b.WriteString(st.Label.Render(fmt.Sprintf("%d memories · %d links · %d entities · %s", s.Memories, s.Relations, s.Entities, humanBytes(s.Bytes))) + "\n")
	if v := p.img.view(); v != "" {
		b.WriteString(v + "\n")
	}
	days := perDay(s.PerDay)
	if n := len(days.values); n > 0 {
		b.WriteString(st.Dim.Render("per day ") + fmt.Sprintf("%s … %s, peak %d", days.labels[0], days.labels[n-1], slices.Max(days.values)) + "\n")
	}
	b.WriteString(st.Dim.Render("by type ") + joinSeries(top(s.ByType, 8), st) + "\n")
	b.WriteString(st.Dim.Render("by ns   ") + joinSeries(top(s.ByNamespace, 8), st) + "\n")
	return b.String()
}

// joinSeries prints "name n · name n", coloured like the bars.
func joinSeries(s series, st Styles) string {
	parts := make([]string, len(s.labels))
	for i := range s.labels {
		parts[i] = fmt.Sprintf("%s %d", s.labels[i], s.values[i])
	}
	return strings.Join(parts, " · ")
}

// humanBytes prints a size in B, KB or MB.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
