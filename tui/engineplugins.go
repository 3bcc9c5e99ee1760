package tui

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/plugins"
)

// PluginList is what the plugins pane shows: every installed plugin, and
// why some of them could not be loaded.
type PluginList struct {
	Plugins []PluginInfo
	// LoadErr says which enabled plugins could not be loaded (a file
	// changed since it was approved, say); the others are served.
	LoadErr string
}

// PluginInfo is one installed plugin and the tools it serves (none when it
// is disabled or failed to load). Its grants hold configuration keys only:
// values, secret or not, never reach the TUI.
type PluginInfo struct {
	Record plugins.Record
	Tools  []engine.PluginTool
}

// errPluginsClosed is returned by plugin calls after the TUI stopped.
var errPluginsClosed = errors.New("plugins closed: the TUI is stopping")

// pluginFacade opens the engine's plugin facade on first use. The runtime
// behind it starts on the first Sync, so a user who never looks at the
// plugins pane never pays for it.
func (l liveEngine) pluginFacade() (*engine.Plugins, error) {
	l.x.mu.Lock()
	defer l.x.mu.Unlock()
	if l.x.closed {
		return nil, errPluginsClosed
	}
	if l.x.plugins == nil {
		l.x.plugins = l.e.OpenPlugins(engine.PluginOptions{})
	}
	return l.x.plugins, nil
}

// Plugins lists the installed plugins and loads the enabled ones, so their
// tools can be listed and called. Plugins installed, changed or removed by
// another sweet process since the last call are picked up here.
func (l liveEngine) Plugins(ctx context.Context) (*PluginList, error) {
	p, err := l.pluginFacade()
	if err != nil {
		return nil, err
	}
	recs, err := p.List(ctx)
	if err != nil {
		return nil, err
	}
	list := &PluginList{}
	if len(recs) == 0 {
		return list, nil // nothing to load: the runtime need not start
	}
	if err := p.Sync(ctx); err != nil {
		list.LoadErr = err.Error()
	}
	tools := map[string][]engine.PluginTool{}
	for _, t := range p.Tools() {
		tools[t.Plugin] = append(tools[t.Plugin], t)
	}
	for _, r := range recs {
		list.Plugins = append(list.Plugins, PluginInfo{Record: keysOnly(r), Tools: tools[r.Name]})
	}
	return list, nil
}

// keysOnly returns r with every configuration value blanked: the pane shows
// which keys a plugin was given, never what they hold.
func keysOnly(r plugins.Record) plugins.Record {
	r.Grants = r.Grants.Clone()
	for i := range r.Grants.Config {
		r.Grants.Config[i].Value = ""
	}
	return r
}

func (l liveEngine) CallTool(ctx context.Context, name string, args json.RawMessage) (*plugins.CallResult, error) {
	p, err := l.pluginFacade()
	if err != nil {
		return nil, err
	}
	return p.CallTool(ctx, name, args)
}

// releaser is an Engine holding resources the TUI opened (the plugin
// runtime); the root releases them when it stops.
type releaser interface {
	release(ctx context.Context) error
}

// release closes the plugin facade, if it was opened; later plugin calls
// fail with errPluginsClosed. It is safe to call more than once.
func (l liveEngine) release(ctx context.Context) error {
	l.x.mu.Lock()
	p := l.x.plugins
	l.x.plugins, l.x.closed = nil, true
	l.x.mu.Unlock()
	if p == nil {
		return nil
	}
	return p.Close(ctx)
}
