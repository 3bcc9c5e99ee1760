package tui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine/memory"
)

// memForm adds a memory or edits one inline: content, type and tags.
type memForm struct {
	editing *memory.Memory // nil when adding
	content textarea.Model
	typ     textinput.Model
	tags    textinput.Model
	field   int // 0 content, 1 type, 2 tags
	width   int
}

// savedMsg says an add or edit went through.
type savedMsg struct{ id string }

// editorDoneMsg says $EDITOR exited.
type editorDoneMsg struct {
	id, path, before string
	err              error
}

func newMemForm(sh *Shared) memForm {
	ta := textarea.New()
	ta.Placeholder = "What should be remembered?"
	ta.ShowLineNumbers = false
	ta.SetStyles(areaStyles(sh.Styles))
	ty := textinput.New()
	ty.Prompt = "type "
	ty.Placeholder = strings.Join(memory.Types, "|")
	ty.SetStyles(inputStyles(sh.Styles))
	tg := textinput.New()
	tg.Prompt = "tags "
	tg.Placeholder = "comma,separated"
	tg.SetStyles(inputStyles(sh.Styles))
	return memForm{content: ta, typ: ty, tags: tg}
}

func (f *memForm) setSize(w, h int) {
	f.width = w
	f.content.SetWidth(max(10, w))
	f.content.SetHeight(max(2, h-5))
	f.typ.SetWidth(max(10, w-6))
	f.tags.SetWidth(max(10, w-6))
}

// start opens the form, empty or filled from m.
func (f *memForm) start(sh *Shared, m *memory.Memory) tea.Cmd {
	f.editing = m
	f.content.Reset()
	f.typ.Reset()
	f.tags.Reset()
	if m != nil {
		f.content.SetValue(m.Content)
		f.typ.SetValue(m.Type)
		f.tags.SetValue(strings.Join(m.Tags, ","))
	}
	f.field = 0
	return f.focusField()
}

func (f *memForm) focusField() tea.Cmd {
	f.content.Blur()
	f.typ.Blur()
	f.tags.Blur()
	switch f.field {
	case 1:
		return f.typ.Focus()
	case 2:
		return f.tags.Focus()
	}
	return f.content.Focus()
}

// update handles keys while the form is open.
func (f *memForm) update(sh *Shared, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, sh.Keys.Save):
			return f.save(sh)
		case key.Matches(k, sh.Keys.NextFld):
			f.field = (f.field + 1) % 3
			return f.focusField()
		case k.String() == "shift+tab":
			f.field = (f.field + 2) % 3
			return f.focusField()
		}
	}
	var cmd tea.Cmd
	switch f.field {
	case 0:
		f.content, cmd = f.content.Update(msg)
	case 1:
		f.typ, cmd = f.typ.Update(msg)
	case 2:
		f.tags, cmd = f.tags.Update(msg)
	}
	return cmd
}

// save adds or updates the memory.
func (f *memForm) save(sh *Shared) tea.Cmd {
	content := strings.TrimSpace(f.content.Value())
	typ := strings.TrimSpace(f.typ.Value())
	var tags []string
	for _, t := range strings.Split(f.tags.Value(), ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	if tags == nil {
		tags = []string{}
	}
	if content == "" {
		return errorCmd("save memory", fmt.Errorf("%w: content is empty; type something or press esc", memory.ErrInvalid))
	}
	if f.editing == nil {
		return func() tea.Msg {
			res, err := sh.Engine.Add(sh.Ctx, memory.AddRequest{Content: content, Namespace: sh.Namespace, Type: typ, Tags: tags})
			if err != nil {
				return errMsg{op: "add memory", err: err}
			}
			return tea.BatchMsg{func() tea.Msg { return savedMsg{id: res.Memory.ID} },
				infoCmd("memory %s %s", shortID(res.Memory.ID), res.Status)}
		}
	}
	id := f.editing.ID
	req := memory.UpdateRequest{ID: id, Content: &content, Tags: &tags}
	if typ != "" {
		req.Type = &typ
	}
	return updateCmd(sh, req)
}

// updateCmd writes an update.
func updateCmd(sh *Shared, req memory.UpdateRequest) tea.Cmd {
	return func() tea.Msg {
		if _, err := sh.Engine.Update(sh.Ctx, req); err != nil {
			return errMsg{op: "update memory " + shortID(req.ID), err: err}
		}
		return tea.BatchMsg{func() tea.Msg { return savedMsg{id: req.ID} }, infoCmd("updated memory %s", shortID(req.ID))}
	}
}

// external opens m's content in the user's editor; the TUI steps aside
// until the editor exits (tea.ExecProcess restores it afterwards).
func (f *memForm) external(sh *Shared, m *memory.Memory) tea.Cmd {
	if m == nil {
		return nil
	}
	file, err := os.CreateTemp("", "sweet-memory-*.md")
	if err != nil {
		return errorCmd("edit memory", fmt.Errorf("create temp file: %w", err))
	}
	_, werr := file.WriteString(m.Content)
	if cerr := file.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(file.Name())
		return errorCmd("edit memory", fmt.Errorf("write temp file: %w", werr))
	}
	argv := strings.Fields(sh.Editor)
	cmd := exec.Command(argv[0], append(argv[1:], file.Name())...)
	id, path, before := m.ID, file.Name(), m.Content
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		return editorDoneMsg{id: id, path: path, before: before, err: err}
	})
}

// editorDone saves what the editor left in the file, if it changed.
func (f *memForm) editorDone(sh *Shared, msg editorDoneMsg) tea.Cmd {
	defer os.Remove(msg.path)
	if msg.err != nil {
		return errorCmd("edit memory", fmt.Errorf("run editor %q: %w (set $EDITOR)", sh.Editor, msg.err))
	}
	b, err := os.ReadFile(msg.path)
	if err != nil {
		return errorCmd("edit memory", fmt.Errorf("read edited file: %w", err))
	}
	content := strings.TrimSpace(string(b))
	if content == strings.TrimSpace(msg.before) {
		return infoCmd("memory %s unchanged", shortID(msg.id))
	}
	if content == "" {
		return errorCmd("edit memory", fmt.Errorf("%w: the edited content is empty; nothing saved", memory.ErrInvalid))
	}
	return updateCmd(sh, memory.UpdateRequest{ID: msg.id, Content: &content})
}

// view draws the form.
func (f *memForm) view(st Styles) string {
	title := "New memory"
	if f.editing != nil {
		title = "Edit " + shortID(f.editing.ID)
	}
	return st.Label.Render(title) + "\n" + f.content.View() + "\n" + f.typ.View() + "\n" + f.tags.View() + "\n" +
		st.Dim.Render("tab next field · ctrl+s save · esc cancel")
}
