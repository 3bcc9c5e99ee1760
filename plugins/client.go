package plugins

import (
	"context"
	"encoding/json"
	"fmt"

	extism "github.com/extism/go-sdk"
)

// Client is the MCP client a plugin call is made for. hyper-mcp v2 plugins
// reach it through host functions: sampling (create_message), elicitation
// (create_elicitation), roots (list_roots) and notifications (notify_*).
// Params and results are the MCP JSON objects, passed through unchanged.
// The context is the one given to the plugin call, so an MCP server can
// carry its session in it.
type Client interface {
	CreateMessage(ctx context.Context, params json.RawMessage) (json.RawMessage, error)
	Elicit(ctx context.Context, params json.RawMessage) (json.RawMessage, error)
	ListRoots(ctx context.Context) (json.RawMessage, error)
	// Notify sends a notification such as "notifications/progress".
	Notify(ctx context.Context, method string, params json.RawMessage) error
}

// clientFunctions returns the hyper-mcp v2 host functions. A v2 plugin
// imports all of them, so they must exist for it to load at all.
func (h *Host) clientFunctions(plugin string) []extism.HostFunction {
	roots := extism.NewHostFunctionWithStack("list_roots", func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
		out := json.RawMessage(`{"roots":[]}`)
		if h.opts.Client != nil {
			var err error
			if out, err = h.opts.Client.ListRoots(ctx); err != nil {
				panic(fmt.Errorf("list_roots: %w", err))
			}
		}
		stack[0] = mustWrite(p, "list_roots", out)
	}, nil, ptr)
	return []extism.HostFunction{
		h.clientRequest("create_message", func(ctx context.Context, r json.RawMessage) (json.RawMessage, error) {
			return h.opts.Client.CreateMessage(ctx, r)
		}),
		h.clientRequest("create_elicitation", func(ctx context.Context, r json.RawMessage) (json.RawMessage, error) {
			return h.opts.Client.Elicit(ctx, r)
		}),
		roots,
		h.clientNotify(plugin, "notify_logging_message", "notifications/message", true),
		h.clientNotify(plugin, "notify_progress", "notifications/progress", true),
		h.clientNotify(plugin, "notify_resource_updated", "notifications/resources/updated", true),
		h.clientNotify(plugin, "notify_prompt_list_changed", "notifications/prompts/list_changed", false),
		h.clientNotify(plugin, "notify_resource_list_changed", "notifications/resources/list_changed", false),
		h.clientNotify(plugin, "notify_tool_list_changed", "notifications/tools/list_changed", false),
	}
}

// clientRequest is a host function that passes a JSON request to the MCP
// client and returns its answer. The guest ABI has no error channel here,
// so a failure (or no client) ends the call with that error.
func (h *Host) clientRequest(name string, call func(context.Context, json.RawMessage) (json.RawMessage, error)) extism.HostFunction {
	return extism.NewHostFunctionWithStack(name, func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
		raw, err := readBlock(p, stack[0])
		if err != nil {
			panic(fmt.Errorf("%s: %w", name, err))
		}
		if h.opts.Client == nil {
			panic(fmt.Errorf("%s: no MCP client is connected to pass the request to", name))
		}
		out, err := call(ctx, raw)
		if err != nil {
			panic(fmt.Errorf("%s: %w", name, err))
		}
		stack[0] = mustWrite(p, name, out)
	}, ptr, ptr)
}

// clientNotify is a host function that forwards a notification to the MCP
// client, or to the log when there is none: notifications are best-effort.
func (h *Host) clientNotify(plugin, name, method string, hasParams bool) extism.HostFunction {
	params := ptr
	if !hasParams {
		params = nil
	}
	return extism.NewHostFunctionWithStack(name, func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
		raw := []byte("{}")
		if hasParams {
			var err error
			if raw, err = readBlock(p, stack[0]); err != nil {
				panic(fmt.Errorf("%s: %w", name, err))
			}
		}
		if h.opts.Client == nil {
			h.log.Debug("Plugin notification with no client connected", "plugin", plugin, "method", method, "params", string(raw))
			return
		}
		if err := h.opts.Client.Notify(ctx, method, raw); err != nil {
			h.log.Warn("Plugin notification failed", "plugin", plugin, "method", method, "err", err)
		}
	}, params, nil)
}

func mustWrite(p *extism.CurrentPlugin, name string, b []byte) uint64 {
	off, err := p.WriteBytes(b)
	if err != nil {
		panic(fmt.Errorf("%s: write result: %w", name, err))
	}
	return off
}
