package plugins

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
)

// Set is the group of loaded plugins whose tools one MCP server offers. It
// routes a tool name to its plugin. A tool keeps its own name while no
// other plugin in the set offers the same one; it is always reachable as
// "PLUGIN.TOOL" too. A Set is safe for concurrent use.
type Set struct {
	mu      sync.RWMutex
	plugins map[string]*Plugin
}

// SetTool is one tool of a Set, with the name it is served under.
type SetTool struct {
	// Name is the name to list: the tool's own, or PLUGIN.TOOL when two
	// plugins offer a tool of that name.
	Name   string
	Plugin string
	Tool   Tool
}

// NewSet returns an empty Set.
func NewSet() *Set { return &Set{plugins: map[string]*Plugin{}} }

// LoadSet loads every enabled record into a new Set, several at a time
// (loading reads and links megabytes of compiled code per plugin). A
// record that fails to load (changed on disk, say) is left out and its
// error returned, so one bad plugin does not keep the others from serving.
func (h *Host) LoadSet(ctx context.Context, recs []Record) (*Set, error) {
	s := NewSet()
	errs := make([]error, len(recs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, rec := range recs {
		if !rec.Enabled {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			p, err := h.Load(ctx, rec)
			if err != nil {
				errs[i] = err
				return
			}
			_ = s.Put(ctx, p)
		}()
	}
	wg.Wait()
	return s, errors.Join(errs...)
}

// Put adds p to the set, closing the plugin of the same name it replaces
// (after a grant changed, for example).
func (s *Set) Put(ctx context.Context, p *Plugin) error {
	s.mu.Lock()
	old := s.plugins[p.Name()]
	s.plugins[p.Name()] = p
	s.mu.Unlock()
	if old != nil && old != p {
		return old.Close(ctx)
	}
	return nil
}

// Remove closes and drops the named plugin; an absent name is not an error.
func (s *Set) Remove(ctx context.Context, name string) error {
	s.mu.Lock()
	p := s.plugins[name]
	delete(s.plugins, name)
	s.mu.Unlock()
	if p == nil {
		return nil
	}
	return p.Close(ctx)
}

// Plugin returns the named plugin.
func (s *Set) Plugin(name string) (*Plugin, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.plugins[name]
	return p, ok
}

// Plugins returns the plugins sorted by name.
func (s *Set) Plugins() []*Plugin {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Plugin, 0, len(s.plugins))
	for _, p := range s.plugins {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// Tools lists every tool of the set under the name it is served as,
// sorted by that name.
func (s *Set) Tools() []SetTool {
	plugins := s.Plugins()
	count := map[string]int{}
	for _, p := range plugins {
		for _, t := range p.tools {
			count[t.Name]++
		}
	}
	var out []SetTool
	for _, p := range plugins {
		for _, t := range p.tools {
			name := t.Name
			if count[name] > 1 {
				name = p.Name() + "." + t.Name
			}
			out = append(out, SetTool{Name: name, Plugin: p.Name(), Tool: t})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Resolve finds the plugin and tool a served name stands for.
func (s *Set) Resolve(name string) (*Plugin, string, error) {
	for _, t := range s.Tools() {
		if t.Name == name || t.Plugin+"."+t.Tool.Name == name {
			p, ok := s.Plugin(t.Plugin)
			if ok {
				return p, t.Tool.Name, nil
			}
		}
	}
	return nil, "", fmt.Errorf("%w %q: no loaded plugin offers it", ErrUnknownTool, name)
}

// CallTool calls a tool by the name it is served under.
func (s *Set) CallTool(ctx context.Context, name string, args json.RawMessage) (*CallResult, error) {
	p, tool, err := s.Resolve(name)
	if err != nil {
		return nil, err
	}
	return p.CallTool(ctx, tool, args)
}

// Close closes every plugin in the set.
func (s *Set) Close(ctx context.Context) error {
	s.mu.Lock()
	plugins := s.plugins
	s.plugins = map[string]*Plugin{}
	s.mu.Unlock()
	var errs []error
	for _, p := range plugins {
		errs = append(errs, p.Close(ctx))
	}
	return errors.Join(errs...)
}
