package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/plugins"
)

// maxToolName is the longest tool name MCP allows (SEP-986).
const maxToolName = 128

// pluginTools serves the tools of installed, enabled plugins beside the
// built-in ones, under engine.PluginToolName names ("PLUGIN__TOOL": the
// double underscore never occurs in a built-in tool's name).
type pluginTools struct {
	p *engine.Plugins

	mu     sync.Mutex
	served map[string]bool // plugin tool names registered with the SDK server
}

// openPlugins opens the engine's plugin facade for the server: calls reach
// the calling session's client, and every change to the served set (by this
// or another sweet process) re-lists the tools, which notifies clients with
// notifications/tools/list_changed.
func (s *Server) openPlugins() {
	s.plg.p = s.eng.OpenPlugins(engine.PluginOptions{
		Client:   pluginClient{s},
		OnChange: s.relistPlugins,
		Logger:   s.log.With("component", "plugins"),
	})
}

// startPlugins loads the plugins in the background (compiling one can take
// a while; clients hear about its tools through list_changed) and follows
// changes from every process until ctx ends.
func (s *Server) startPlugins(ctx context.Context) {
	go func() {
		if err := s.plg.p.Sync(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("Some plugins could not be loaded; serving the others", "err", err)
		}
	}()
	if err := s.plg.p.Follow(ctx, s.opts.WatchInterval); err != nil {
		s.log.Warn("Plugin changes from other processes will not be followed", "err", err)
	}
}

// relistPlugins brings the SDK server's tool list in step with the served
// plugins. The SDK sends tools/list_changed for the additions and removals.
func (s *Server) relistPlugins() {
	tools := s.plg.p.Tools()
	s.plg.mu.Lock()
	defer s.plg.mu.Unlock()
	now := map[string]bool{}
	for _, pt := range tools {
		t, err := mcpTool(pt)
		if err != nil {
			s.log.Warn("Plugin tool not served", "tool", pt.Name, "err", err)
			continue
		}
		now[pt.Name] = true
		s.mcp.AddTool(t, s.callPlugin(pt.Name))
	}
	var gone []string
	for name := range s.plg.served {
		if !now[name] {
			gone = append(gone, name)
		}
	}
	if len(gone) > 0 {
		s.mcp.RemoveTools(gone...)
	}
	s.plg.served = now
	s.log.Info("Plugin tools listed", "tools", len(now), "removed", len(gone))
}

// mcpTool converts a plugin tool for the SDK, checking what the SDK would
// otherwise panic on: the input schema must be a JSON object schema.
func mcpTool(pt engine.PluginTool) (*mcp.Tool, error) {
	if len(pt.Name) > maxToolName {
		return nil, fmt.Errorf("name is %d characters, more than the %d MCP allows: rename the plugin or the tool", len(pt.Name), maxToolName)
	}
	t := &mcp.Tool{Name: pt.Name, Title: pt.Tool.Title, Description: pt.Tool.Description}
	if t.Description == "" {
		t.Description = fmt.Sprintf("Tool %s of plugin %s.", pt.Tool.Name, pt.Plugin)
	}
	in := map[string]any{"type": "object"}
	if len(pt.Tool.InputSchema) > 0 {
		var m map[string]any
		if err := json.Unmarshal(pt.Tool.InputSchema, &m); err != nil || m["type"] != "object" {
			return nil, fmt.Errorf("input schema is not a JSON schema of type object: fix the plugin's describe output")
		}
		in = m
	}
	t.InputSchema = in
	if len(pt.Tool.OutputSchema) > 0 {
		var m map[string]any
		if err := json.Unmarshal(pt.Tool.OutputSchema, &m); err == nil && m["type"] == "object" {
			t.OutputSchema = m
		}
	}
	if len(pt.Tool.Annotations) > 0 {
		var a mcp.ToolAnnotations
		if json.Unmarshal(pt.Tool.Annotations, &a) == nil {
			t.Annotations = &a
		}
	}
	return t, nil
}

// callPlugin is the handler of one plugin tool. A plugin that traps, times
// out, runs out of memory or is refused a permission gives an isError
// result naming what happened; the server and the plugin go on serving.
func (s *Server) callPlugin(name string) mcp.ToolHandler {
	return func(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		args := req.Params.Arguments
		if len(args) == 0 {
			args = json.RawMessage("{}")
		}
		res, err := s.plg.p.CallTool(withSession(ctx, req.Session), name, args)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			s.log.Warn("Plugin call failed", "tool", name, "err", err)
			res = plugins.ErrorResult(err)
		}
		b, err := json.Marshal(res)
		if err != nil {
			return nil, fmt.Errorf("encode %s result: %w", name, err)
		}
		var out mcp.CallToolResult
		if err := json.Unmarshal(b, &out); err != nil {
			s.log.Warn("Plugin result is not an MCP tool result", "tool", name, "err", err)
			return errorResult(fmt.Errorf("plugin tool %s returned content MCP cannot carry: %v", name, err)), nil
		}
		if out.Content == nil {
			out.Content = []mcp.Content{}
		}
		return &out, nil
	}
}

// closePlugins stops following changes and closes every loaded plugin.
func (s *Server) closePlugins() {
	if err := s.plg.p.Close(context.Background()); err != nil {
		s.log.Warn("Closing plugins failed", "err", err)
	}
}
