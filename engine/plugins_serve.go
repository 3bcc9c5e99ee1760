package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sweetmcp/sweet/plugins"
)

// PluginTool is one tool of a served plugin, under the name an MCP server
// lists it as.
type PluginTool struct {
	// Name is PluginToolName(Plugin, Tool.Name).
	Name   string
	Plugin string
	Tool   plugins.Tool
}

// PluginToolName is the name a plugin's tool is served under:
// "PLUGIN__TOOL", with characters outside [A-Za-z0-9_-] replaced by '_'
// (model APIs accept only those in tool names). The double underscore keeps
// plugin tools apart from sweet's own tools, which never contain one.
func PluginToolName(plugin, tool string) string {
	return toolNamePart(plugin) + "__" + toolNamePart(tool)
}

func toolNamePart(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, s)
}

// serving is the loaded side of Plugins: the set of enabled plugins, the
// records they were loaded from, and the tool routing table.
type serving struct {
	syncMu sync.Mutex // one Sync at a time
	set    *plugins.Set
	loaded map[string][]byte // plugin name -> JSON of the record it was loaded from

	mu    sync.RWMutex
	tools []PluginTool
	route map[string]PluginTool

	followMu sync.Mutex
	stop     context.CancelFunc
	done     chan struct{}
}

func (s *serving) init() {
	s.set = plugins.NewSet()
	s.loaded = map[string][]byte{}
	s.route = map[string]PluginTool{}
}

func (s *serving) close(ctx context.Context) error {
	s.followMu.Lock()
	if s.stop != nil {
		s.stop()
		<-s.done
		s.stop = nil
	}
	s.followMu.Unlock()
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	s.loaded = map[string][]byte{}
	s.mu.Lock()
	s.tools, s.route = nil, map[string]PluginTool{}
	s.mu.Unlock()
	return s.set.Close(ctx)
}

// Sync brings the served plugins in step with the database: it loads
// enabled plugins not loaded yet, reloads those whose record changed (new
// grants, a re-approved file), and drops removed or disabled ones. A plugin
// that cannot be loaded (its file changed since install, say) is left out
// and its error returned, joined with the others; the rest are served.
// OnChange runs when anything was loaded or dropped.
func (p *Plugins) Sync(ctx context.Context) error {
	p.syncMu.Lock()
	defer p.syncMu.Unlock()
	recs, err := p.List(ctx)
	if err != nil {
		return fmt.Errorf("sync plugins: %w", err)
	}
	want := map[string][]byte{}
	var toLoad []plugins.Record
	for _, rec := range recs {
		if !rec.Enabled {
			continue
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return fmt.Errorf("sync plugins: encode %s: %w", rec.Name, err)
		}
		want[rec.Name] = b
		if !bytes.Equal(p.loaded[rec.Name], b) {
			toLoad = append(toLoad, rec)
		}
	}
	changed := false
	for name, b := range p.loaded {
		if !bytes.Equal(want[name], b) {
			_ = p.set.Remove(ctx, name) // closing an instance pool cannot fail in a way worth reporting
			delete(p.loaded, name)
			changed = true
		}
	}
	var loadErr error
	if len(toLoad) > 0 {
		loadErr = p.loadInto(ctx, toLoad, want)
		changed = true
	}
	if changed {
		p.reroute()
		if p.opts.OnChange != nil {
			p.opts.OnChange()
		}
	}
	return loadErr
}

// loadInto loads recs (several at a time) and moves them into the served
// set, remembering the record JSON each was loaded from.
func (p *Plugins) loadInto(ctx context.Context, recs []plugins.Record, want map[string][]byte) error {
	h, err := p.Host()
	if err != nil {
		return fmt.Errorf("sync plugins: %w", err)
	}
	fresh, err := h.LoadSet(ctx, recs)
	for _, pl := range fresh.Plugins() {
		if perr := p.set.Put(ctx, pl); perr != nil {
			p.e.log.Warn("Closing a replaced plugin failed", "plugin", pl.Name(), "err", perr)
		}
		p.loaded[pl.Name()] = want[pl.Name()]
	}
	return err
}

// reroute rebuilds the tool list and routing table from the served set.
func (p *Plugins) reroute() {
	var tools []PluginTool
	route := map[string]PluginTool{}
	for _, pl := range p.set.Plugins() {
		for _, t := range pl.Tools() {
			pt := PluginTool{Name: PluginToolName(pl.Name(), t.Name), Plugin: pl.Name(), Tool: t}
			if prev, dup := route[pt.Name]; dup {
				p.e.log.Warn("Two plugin tools map to one name; serving the first",
					"name", pt.Name, "first", prev.Plugin+"/"+prev.Tool.Name, "dropped", pl.Name()+"/"+t.Name)
				continue
			}
			route[pt.Name] = pt
			tools = append(tools, pt)
		}
	}
	sort.Slice(tools, func(i, j int) bool { return tools[i].Name < tools[j].Name })
	p.mu.Lock()
	p.tools, p.route = tools, route
	p.mu.Unlock()
}

// Tools lists the tools of every served plugin, sorted by served name.
func (p *Plugins) Tools() []PluginTool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return append([]PluginTool(nil), p.tools...)
}

// Served returns the loaded plugins, sorted by name, for what goes beyond
// tools: the prompts and resources of hyper-mcp v2 plugins. They stay owned
// by the facade; a later Sync may close one.
func (p *Plugins) Served() []*plugins.Plugin { return p.set.Plugins() }

// CallTool calls a served tool by the name Tools lists it under. A plugin
// that ran and reported a failure gives a result with IsError set; one that
// could not run (trap, timeout, memory limit, a refused permission) gives an
// error wrapping the plugins package's sentinel, which an MCP server turns
// into an isError result with plugins.ErrorResult.
func (p *Plugins) CallTool(ctx context.Context, name string, args json.RawMessage) (*plugins.CallResult, error) {
	p.mu.RLock()
	pt, ok := p.route[name]
	p.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("call plugin tool: %w %q: no served plugin offers it", plugins.ErrUnknownTool, name)
	}
	pl, ok := p.set.Plugin(pt.Plugin)
	if !ok {
		return nil, fmt.Errorf("call plugin tool %s: plugin %s was unloaded: %w", name, pt.Plugin, plugins.ErrClosed)
	}
	return pl.CallTool(ctx, pt.Tool.Name, args)
}

// Follow syncs the served plugins whenever any sweet process sharing the
// database installs, changes or removes a plugin, until ctx ends or Close
// is called. It returns at once; Sync errors are logged, since a plugin
// left out should not stop the others from being served.
func (p *Plugins) Follow(ctx context.Context, interval time.Duration) error {
	p.followMu.Lock()
	defer p.followMu.Unlock()
	if p.stop != nil {
		return errors.New("follow plugin changes: already following")
	}
	ctx, stop := context.WithCancel(ctx)
	changes, err := p.e.Watch(ctx, interval)
	if err != nil {
		stop()
		return fmt.Errorf("follow plugin changes: %w", err)
	}
	done := make(chan struct{})
	p.stop, p.done = stop, done
	go func() {
		defer close(done)
		for batch := range changes {
			if !touchesPlugins(batch) {
				continue
			}
			if err := p.Sync(ctx); err != nil && ctx.Err() == nil {
				p.e.log.Warn("Some plugins could not be loaded", "err", err)
			}
		}
	}()
	return nil
}

func touchesPlugins(batch []Change) bool {
	for _, c := range batch {
		if c.Kind == "plugin" {
			return true
		}
	}
	return false
}
