package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine/memory"
)

const memoriesName = "Memories"

// pageSize is how many memories one List call fetches. The list pages
// lazily: only as many rows as the view needs (plus one page ahead) are
// ever loaded, so a database of 100k memories opens as fast as one of 100.
const pageSize = 100

// memMode is what the memories pane is doing.
type memMode int

const (
	modeList memMode = iota
	modeFilter
	modeDetail
	modeForm
	modeConfirm
)

// memoriesPane lists memories with a filter and a sort order, shows one in
// detail, and adds, edits and deletes them.
type memoriesPane struct {
	sh            *Shared
	width, height int
	col, row      int
	focused       bool
	mode          memMode

	list   memList
	filter textinput.Model

	detail *memory.Memory
	links  []memory.Link
	form   memForm
}

func newMemoriesPane(sh *Shared) *memoriesPane {
	fi := textinput.New()
	fi.Prompt = "/ "
	fi.Placeholder = "type:fact tag:ops ns:proj words"
	fi.SetStyles(inputStyles(sh.Styles))
	return &memoriesPane{sh: sh, filter: fi, list: memList{newestFirst: true}, form: newMemForm(sh)}
}

func (p *memoriesPane) Name() string           { return memoriesName }
func (p *memoriesPane) Init() tea.Cmd          { return p.list.reload(p.sh, p.height) }
func (p *memoriesPane) SetOrigin(col, row int) { p.col, p.row = col, row }
func (p *memoriesPane) Focus() tea.Cmd         { p.focused = true; return nil }
func (p *memoriesPane) Blur()                  { p.focused = false }
func (p *memoriesPane) listHeight() int        { return max(1, p.height-1) }
func (p *memoriesPane) SetSize(width, height int) {
	p.width, p.height = width, height
	p.filter.SetWidth(max(10, width-4))
	p.form.setSize(width, height)
}

// KeyMode: typing in the filter or the form takes the keyboard.
func (p *memoriesPane) KeyMode() KeyMode {
	if p.mode == modeFilter || p.mode == modeForm {
		return KeysText
	}
	return KeysNormal
}

// selected is the memory under the cursor, or nil.
func (p *memoriesPane) selected() *memory.Memory { return p.list.selected() }

// Update handles keys, mouse, loaded pages and changes.
func (p *memoriesPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pageMsg:
		return p.list.apply(p.sh, msg, p.listHeight())
	case detailMsg:
		if p.detail != nil && msg.mem.ID == p.detail.ID {
			p.detail, p.links = msg.mem, msg.links
		}
		return nil
	case changesMsg:
		return p.refresh()
	case savedMsg:
		p.mode = modeList
		if p.detail != nil {
			p.mode = modeDetail
			return tea.Batch(p.refresh(), loadDetail(p.sh, p.detail.ID))
		}
		return p.refresh()
	case deletedMsg:
		p.detail = nil
		p.mode = modeList
		return p.refresh()
	case openMsg:
		p.mode = modeDetail
		p.detail = &memory.Memory{ID: msg.id}
		return loadDetail(p.sh, msg.id)
	case editorDoneMsg:
		return p.form.editorDone(p.sh, msg)
	case tea.MouseMsg:
		return p.mouse(msg)
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	if p.mode == modeForm {
		return p.form.update(p.sh, msg)
	}
	return nil
}

// refresh reloads the rows after a change, keeping the selection.
func (p *memoriesPane) refresh() tea.Cmd {
	cmd := p.list.reload(p.sh, p.listHeight())
	if p.mode == modeDetail && p.detail != nil {
		return tea.Batch(cmd, loadDetail(p.sh, p.detail.ID))
	}
	return cmd
}

// key dispatches a key by mode.
func (p *memoriesPane) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.sh.Keys
	switch p.mode {
	case modeFilter:
		switch msg.String() {
		case "enter", "esc":
			if msg.String() == "esc" {
				p.filter.SetValue(p.list.filter.raw)
			}
			p.mode = modeList
			p.filter.Blur()
			p.list.filter = parseFilter(p.filter.Value())
			return p.list.reload(p.sh, p.listHeight())
		}
		var cmd tea.Cmd
		p.filter, cmd = p.filter.Update(msg)
		return cmd
	case modeForm:
		if msg.String() == "esc" {
			p.mode = modeList
			if p.detail != nil {
				p.mode = modeDetail
			}
			return nil
		}
		return p.form.update(p.sh, msg)
	case modeConfirm:
		switch {
		case key.Matches(msg, k.Confirm):
			p.mode = modeList
			if m := p.confirmTarget(); m != nil {
				return deleteMemory(p.sh, m.ID)
			}
		case key.Matches(msg, k.Cancel):
			p.mode = modeList
			if p.detail != nil {
				p.mode = modeDetail
			}
		}
		return nil
	case modeDetail:
		return p.detailKey(msg)
	}
	return p.listKey(msg)
}

// confirmTarget is the memory a delete confirmation is about.
func (p *memoriesPane) confirmTarget() *memory.Memory {
	if p.detail != nil {
		return p.detail
	}
	return p.selected()
}

// listKey handles keys on the list.
func (p *memoriesPane) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.sh.Keys
	h := p.listHeight()
	switch {
	case key.Matches(msg, k.Up):
		return p.list.move(p.sh, -1, h)
	case key.Matches(msg, k.Down):
		return p.list.move(p.sh, 1, h)
	case key.Matches(msg, k.PageUp):
		return p.list.move(p.sh, -h, h)
	case key.Matches(msg, k.PageDown):
		return p.list.move(p.sh, h, h)
	case key.Matches(msg, k.Top):
		return p.list.move(p.sh, -p.list.sel, h)
	case key.Matches(msg, k.Bottom):
		return p.list.move(p.sh, len(p.list.rows), h)
	case key.Matches(msg, k.Filter):
		p.mode = modeFilter
		return p.filter.Focus()
	case key.Matches(msg, k.Sort):
		p.list.newestFirst = !p.list.newestFirst
		return p.list.reload(p.sh, h)
	case key.Matches(msg, k.Add):
		p.detail = nil
		p.mode = modeForm
		return p.form.start(p.sh, nil)
	case key.Matches(msg, k.Open):
		if m := p.selected(); m != nil {
			p.mode, p.detail, p.links = modeDetail, m, nil
			return tea.Batch(loadDetail(p.sh, m.ID), selectCmd(m.ID))
		}
	case key.Matches(msg, k.Edit):
		if m := p.selected(); m != nil {
			p.mode = modeForm
			return p.form.start(p.sh, m)
		}
	case key.Matches(msg, k.EditExt):
		if m := p.selected(); m != nil {
			return p.form.external(p.sh, m)
		}
	case key.Matches(msg, k.Delete):
		if p.selected() != nil {
			p.mode = modeConfirm
		}
	}
	return nil
}

// detailKey handles keys on the detail view.
func (p *memoriesPane) detailKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.sh.Keys
	switch {
	case key.Matches(msg, k.Back):
		p.mode, p.detail = modeList, nil
	case key.Matches(msg, k.Edit):
		p.mode = modeForm
		return p.form.start(p.sh, p.detail)
	case key.Matches(msg, k.EditExt):
		return p.form.external(p.sh, p.detail)
	case key.Matches(msg, k.Delete):
		p.mode = modeConfirm
	}
	return nil
}

// mouse: the wheel scrolls, a click selects a row (twice opens it).
func (p *memoriesPane) mouse(msg tea.MouseMsg) tea.Cmd {
	if p.mode != modeList {
		return nil
	}
	m := msg.Mouse()
	h := p.listHeight()
	switch msg.(type) {
	case tea.MouseWheelMsg:
		switch m.Button {
		case tea.MouseWheelUp:
			return p.list.move(p.sh, -3, h)
		case tea.MouseWheelDown:
			return p.list.move(p.sh, 3, h)
		}
	case tea.MouseClickMsg:
		row := m.Y - p.row - 1 // the filter line comes first
		if row < 0 || m.Button != tea.MouseLeft {
			return nil
		}
		i := p.list.offset + row
		if i >= len(p.list.rows) {
			return nil
		}
		if i == p.list.sel {
			mm := p.list.rows[i]
			p.mode, p.detail, p.links = modeDetail, mm, nil
			return tea.Batch(loadDetail(p.sh, mm.ID), selectCmd(mm.ID))
		}
		return p.list.move(p.sh, i-p.list.sel, h)
	}
	return nil
}

// selectCmd tells the other panes which memory the user picked.
func selectCmd(id string) tea.Cmd { return func() tea.Msg { return selectMsg{id: id} } }

// memFilter is the parsed filter line: type:, tag: and ns: go to the
// engine; the remaining words must all appear in a memory's content.
type memFilter struct {
	raw   string
	types []string
	tags  []string
	ns    []string
	words []string
}

func parseFilter(s string) memFilter {
	f := memFilter{raw: s}
	for _, w := range strings.Fields(s) {
		switch {
		case strings.HasPrefix(w, "type:") && len(w) > 5:
			f.types = append(f.types, w[5:])
		case strings.HasPrefix(w, "tag:") && len(w) > 4:
			f.tags = append(f.tags, w[4:])
		case strings.HasPrefix(w, "ns:") && len(w) > 3:
			f.ns = append(f.ns, w[3:])
		default:
			f.words = append(f.words, strings.ToLower(w))
		}
	}
	return f
}

// matches applies the free words, which the engine's List cannot.
func (f memFilter) matches(m *memory.Memory) bool {
	if len(f.words) == 0 {
		return true
	}
	c := strings.ToLower(m.Content)
	for _, w := range f.words {
		if !strings.Contains(c, w) {
			return false
		}
	}
	return true
}
