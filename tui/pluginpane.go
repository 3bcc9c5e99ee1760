package tui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/sixel"
)

const pluginsName = "Plugins"

// pluginsPane lists the installed plugins with their permissions and tools,
// and calls a tool with JSON arguments typed into a small form. A tool's
// image result is drawn like the graph (sixel or half-blocks).
type pluginsPane struct {
	sh            *Shared
	width, height int
	col, row      int

	loaded  bool
	listErr string
	list    PluginList
	sel     int // the selected plugin
	tool    int // the selected tool of that plugin

	typing bool
	input  textinput.Model
	args   map[string]string // the arguments last typed, by served tool name

	gen     int    // bumped per call; only the latest call's result counts
	calling string // the served name of the tool being called
	stop    context.CancelFunc
	result  *toolResult
	scroll  int // first result line shown
	img     imageView
}

// pluginListMsg carries the installed plugins.
type pluginListMsg struct {
	list *PluginList
	err  error
}

// toolResultMsg carries a finished call.
type toolResultMsg struct {
	gen    int
	result toolResult
}

func newPluginsPane(sh *Shared) *pluginsPane {
	in := textinput.New()
	in.Prompt = "args> "
	in.Placeholder = `{"name": "value"}`
	in.SetStyles(inputStyles(sh.Styles))
	return &pluginsPane{sh: sh, input: in, args: map[string]string{}}
}

func (p *pluginsPane) Name() string           { return pluginsName }
func (p *pluginsPane) Init() tea.Cmd          { return nil }
func (p *pluginsPane) SetOrigin(col, row int) { p.col, p.row = col, row }
func (p *pluginsPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.input.SetWidth(max(10, w-len(p.input.Prompt)-1))
}

// Focus (re)loads the list: plugins may have been installed or changed by
// `sweet plugin` in another terminal. Nothing is loaded before the pane is
// first shown, so the plugin runtime starts only for a user who looks.
func (p *pluginsPane) Focus() tea.Cmd { return p.load() }

func (p *pluginsPane) Blur() {
	p.typing = false
	p.input.Blur()
}

func (p *pluginsPane) KeyMode() KeyMode {
	if p.typing {
		return KeysText
	}
	return KeysNormal
}

// load lists the plugins (and loads the enabled ones) in a command.
func (p *pluginsPane) load() tea.Cmd {
	sh := p.sh
	return func() tea.Msg {
		list, err := sh.Engine.Plugins(sh.Ctx)
		return pluginListMsg{list: list, err: err}
	}
}

func (p *pluginsPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pluginListMsg:
		p.gotList(msg)
	case toolResultMsg:
		if msg.gen == p.gen {
			p.calling, p.stop = "", nil
			p.result, p.scroll = &msg.result, 0
		}
	case tea.MouseClickMsg:
		p.click(msg.Mouse())
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			p.scroll = max(0, p.scroll-3)
		} else if msg.Button == tea.MouseWheelDown {
			p.scroll += 3
		}
	case tea.KeyPressMsg:
		if p.typing {
			return p.typeKey(msg)
		}
		return p.key(msg)
	}
	return nil
}

// gotList applies a new list, keeping the selected plugin and tool.
func (p *pluginsPane) gotList(msg pluginListMsg) {
	p.loaded = true
	if msg.err != nil {
		p.listErr = describeErr("list plugins", msg.err)
		return
	}
	p.listErr = ""
	keepPlugin, keepTool := "", ""
	if pi, ok := p.plugin(); ok {
		keepPlugin = pi.Record.Name
	}
	if t, ok := p.selectedTool(); ok {
		keepTool = t.Name
	}
	p.list = *msg.list
	p.sel = max(0, slices.IndexFunc(p.list.Plugins, func(pi PluginInfo) bool { return pi.Record.Name == keepPlugin }))
	p.tool = 0
	if pi, ok := p.plugin(); ok {
		p.tool = max(0, slices.IndexFunc(pi.Tools, func(t engine.PluginTool) bool { return t.Name == keepTool }))
	}
}

func (p *pluginsPane) plugin() (PluginInfo, bool) {
	if p.sel < 0 || p.sel >= len(p.list.Plugins) {
		return PluginInfo{}, false
	}
	return p.list.Plugins[p.sel], true
}

func (p *pluginsPane) selectedTool() (engine.PluginTool, bool) {
	pi, ok := p.plugin()
	if !ok || p.tool < 0 || p.tool >= len(pi.Tools) {
		return engine.PluginTool{}, false
	}
	return pi.Tools[p.tool], true
}

// key handles the keys of the browsing mode.
func (p *pluginsPane) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.sh.Keys
	switch {
	case key.Matches(msg, k.Up):
		p.selectPlugin(p.sel - 1)
	case key.Matches(msg, k.Down):
		p.selectPlugin(p.sel + 1)
	case key.Matches(msg, k.NextTool):
		p.selectTool(1)
	case key.Matches(msg, k.PrevTool):
		p.selectTool(-1)
	case key.Matches(msg, k.PageUp):
		p.scroll = max(0, p.scroll-max(1, p.height/2))
	case key.Matches(msg, k.PageDown):
		p.scroll += max(1, p.height/2)
	case key.Matches(msg, k.Refresh):
		return p.load()
	case key.Matches(msg, k.Clear) && p.calling != "":
		name := p.calling
		p.cancel()
		return infoCmd("call of %s cancelled", name)
	case key.Matches(msg, k.Clear):
		p.result, p.scroll = nil, 0
	case key.Matches(msg, k.Call):
		return p.startForm()
	}
	return nil
}

// click selects the plugin whose row is under the pointer.
func (p *pluginsPane) click(m tea.Mouse) {
	row, listH := m.Y-p.row-1, p.listHeight() // the heading line comes first
	if m.Button != tea.MouseLeft || p.typing || row < 0 || row >= listH {
		return
	}
	p.selectPlugin(p.listOffset() + row)
}

// listHeight is how many rows the plugin list takes: a sixth of the pane,
// at least two, no more than there are plugins.
func (p *pluginsPane) listHeight() int {
	return max(1, min(len(p.list.Plugins), max(2, p.height/6)))
}

// listOffset is the first plugin shown: the list scrolls to keep the
// selected one in view.
func (p *pluginsPane) listOffset() int { return max(0, p.sel-p.listHeight()+1) }

func (p *pluginsPane) selectPlugin(i int) {
	i = max(0, min(i, len(p.list.Plugins)-1))
	if i != p.sel {
		p.sel, p.tool = i, 0
	}
}

func (p *pluginsPane) selectTool(d int) {
	if pi, ok := p.plugin(); ok && len(pi.Tools) > 0 {
		p.tool = (p.tool + d + len(pi.Tools)) % len(pi.Tools)
	}
}

// startForm opens the argument form for the selected tool, holding the
// arguments last used with it or a skeleton from its input schema.
func (p *pluginsPane) startForm() tea.Cmd {
	t, ok := p.selectedTool()
	if !ok {
		return nil
	}
	args, ok := p.args[t.Name]
	if !ok {
		args = argsSkeleton(t.Tool.InputSchema)
	}
	p.input.SetValue(args)
	p.input.CursorEnd()
	p.typing = true
	return p.input.Focus()
}

// typeKey handles the keys of the argument form: enter calls, esc leaves.
func (p *pluginsPane) typeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		p.Blur()
		return nil
	case "enter":
		t, ok := p.selectedTool()
		if !ok {
			p.Blur()
			return nil
		}
		args := p.input.Value()
		if err := checkArgs(args); err != nil {
			return errorCmd("call "+t.Name, err)
		}
		p.args[t.Name] = args
		p.Blur()
		return p.call(t, args)
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// call runs the tool in a command; its result comes back as toolResultMsg.
// A call still running is cancelled: only the latest one's result counts.
func (p *pluginsPane) call(t engine.PluginTool, args string) tea.Cmd {
	p.cancel()
	ctx, stop := context.WithCancel(p.sh.Ctx)
	gen, eng := p.gen, p.sh.Engine
	p.calling, p.stop = t.Name, stop
	return func() tea.Msg {
		defer stop()
		res, err := eng.CallTool(ctx, t.Name, json.RawMessage(args))
		return toolResultMsg{gen: gen, result: readResult(t.Name, res, err)}
	}
}

// cancel stops the running call, if any, and makes sure its result (an
// error, most likely) is dropped when it comes.
func (p *pluginsPane) cancel() {
	if p.stop != nil {
		p.stop()
	}
	p.gen++
	p.calling, p.stop = "", nil
}

// Placements implements imagePane: the image of the latest result.
func (p *pluginsPane) Placements() []*sixel.Placement {
	p.refreshImage(len(p.topLines()))
	if p.img.placement == nil {
		return nil
	}
	return []*sixel.Placement{p.img.placement}
}

// checkArgs refuses arguments that are not one JSON object, before the
// plugin sees them, saying how to go on.
func checkArgs(args string) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(args), &obj); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return fmt.Errorf("arguments are not valid JSON (%v at byte %d): fix them and press enter again, or esc", err, syn.Offset)
		}
		return fmt.Errorf("arguments must be a JSON object like {\"name\": \"value\"}: fix them and press enter again, or esc")
	}
	if obj == nil {
		return fmt.Errorf("arguments must be a JSON object like {\"name\": \"value\"}, not null: fix them and press enter again, or esc")
	}
	return nil
}
