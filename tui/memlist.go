package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine/memory"
)

// memList is the lazily paged list of memories.
type memList struct {
	rows        []*memory.Memory
	next        string // cursor of the next page
	done        bool   // no more pages
	loading     bool
	gen         int // request generation: pages of an older listing are dropped
	sel, offset int
	selID       string // kept across reloads
	newestFirst bool
	filter      memFilter
}

// pageMsg is one page of the listing.
type pageMsg struct {
	gen     int
	replace bool
	page    *memory.ListPage
}

func (l *memList) selected() *memory.Memory {
	if l.sel < 0 || l.sel >= len(l.rows) {
		return nil
	}
	return l.rows[l.sel]
}

// request builds the List call for the current filter and sort.
func (l *memList) request(sh *Shared, limit int, cursor string) memory.ListRequest {
	scope := sh.Scope
	if len(l.filter.ns) > 0 {
		scope = memory.Scope{Namespaces: l.filter.ns}
	}
	return memory.ListRequest{Scope: scope, Types: l.filter.types, Tags: l.filter.tags, Limit: limit,
		Cursor: cursor, NewestFirst: l.newestFirst}
}

// reload fetches the listing again from the start, as many rows as are
// loaded now (so the selection survives), at least one page.
func (l *memList) reload(sh *Shared, height int) tea.Cmd {
	l.gen++
	l.loading = true
	if s := l.selected(); s != nil {
		l.selID = s.ID
	}
	limit := max(pageSize, min(len(l.rows), 10*pageSize), height+1)
	return l.fetch(sh, l.request(sh, limit, ""), true)
}

// more fetches the next page.
func (l *memList) more(sh *Shared) tea.Cmd {
	if l.done || l.loading {
		return nil
	}
	l.loading = true
	return l.fetch(sh, l.request(sh, pageSize, l.next), false)
}

func (l *memList) fetch(sh *Shared, req memory.ListRequest, replace bool) tea.Cmd {
	gen := l.gen
	return func() tea.Msg {
		page, err := sh.Engine.List(sh.Ctx, req)
		if err != nil {
			return errMsg{op: "list memories", err: err}
		}
		return pageMsg{gen: gen, replace: replace, page: page}
	}
}

// apply takes a loaded page and asks for another while the view (and one
// screen below it) is not filled.
func (l *memList) apply(sh *Shared, msg pageMsg, height int) tea.Cmd {
	if msg.gen != l.gen {
		return nil
	}
	l.loading = false
	if msg.replace {
		l.rows = l.rows[:0]
	}
	for _, m := range msg.page.Memories {
		if l.filter.matches(m) {
			l.rows = append(l.rows, m)
		}
	}
	l.next = msg.page.NextCursor
	l.done = l.next == ""
	if msg.replace {
		l.sel = 0
		for i, m := range l.rows {
			if m.ID == l.selID {
				l.sel = i
				break
			}
		}
		l.clamp(height)
	}
	if len(l.rows) < l.sel+2*height {
		return l.more(sh)
	}
	return nil
}

// move shifts the selection and loads ahead when it nears the end.
func (l *memList) move(sh *Shared, delta, height int) tea.Cmd {
	l.sel += delta
	l.clamp(height)
	if s := l.selected(); s != nil {
		l.selID = s.ID
	}
	if len(l.rows)-l.sel < 2*height {
		return l.more(sh)
	}
	return nil
}

// clamp keeps the selection in range and visible.
func (l *memList) clamp(height int) {
	l.sel = max(0, min(l.sel, len(l.rows)-1))
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if l.sel >= l.offset+height {
		l.offset = l.sel - height + 1
	}
	l.offset = max(0, min(l.offset, len(l.rows)-height))
	l.offset = max(0, l.offset)
}
