package plugins

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	extism "github.com/extism/go-sdk"
)

// MemoryHost is what the plugin host needs from sweet's memory engine. The
// engine implements it; plugins reach it through the host functions
// sweet_memory_search and sweet_memory_store, and only inside their own
// namespace (see MemoryNamespace). Results are marshalled to JSON for the
// plugin.
type MemoryHost interface {
	SearchMemory(ctx context.Context, namespace string, req MemorySearch) (any, error)
	StoreMemory(ctx context.Context, namespace string, req MemoryStore) (any, error)
}

// MemorySearch is a plugin's memory search request.
type MemorySearch struct {
	Query string `json:"query"`
	// Limit is clamped to 1..MaxMemoryResults; 0 means 10.
	Limit int `json:"limit,omitempty"`
}

// MemoryStore is a plugin's request to store one memory.
type MemoryStore struct {
	Content  string            `json:"content"`
	Kind     string            `json:"kind,omitempty"`
	Tags     []string          `json:"tags,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// MaxMemoryResults bounds one plugin memory search.
const MaxMemoryResults = 50

// maxHostRequest bounds the JSON a plugin may pass to a host function.
const maxHostRequest = 1 << 20

// MemoryNamespace returns the memory namespace a plugin is confined to.
func MemoryNamespace(plugin string) string { return "plugin:" + plugin }

// Host function names in the extism:host/user namespace.
const (
	HostFuncMemorySearch = "sweet_memory_search"
	HostFuncMemoryStore  = "sweet_memory_store"
)

var ptr = []extism.ValueType{extism.ValueTypePTR}

// hostFunctions returns sweet's host functions bound to one plugin and its
// grants, plus the hyper-mcp v2 client functions.
func (h *Host) hostFunctions(name string, g Grants) []extism.HostFunction {
	ns := MemoryNamespace(name)
	search := func(ctx context.Context, raw []byte) (any, error) {
		if !g.MemoryRead {
			return nil, fmt.Errorf("%w: plugin %q has no memory:read grant (run: sweet plugin grant %s memory:read)", ErrDenied, name, name)
		}
		var req MemorySearch
		if err := json.Unmarshal(raw, &req); err != nil {
			return nil, fmt.Errorf("decode memory search: %w", err)
		}
		switch {
		case req.Limit <= 0:
			req.Limit = 10
		case req.Limit > MaxMemoryResults:
			req.Limit = MaxMemoryResults
		}
		return h.opts.Memory.SearchMemory(ctx, ns, req)
	}
	store := func(ctx context.Context, raw []byte) (any, error) {
		if !g.MemoryWrite {
			return nil, fmt.Errorf("%w: plugin %q has no memory:write grant (run: sweet plugin grant %s memory:write)", ErrDenied, name, name)
		}
		var req MemoryStore
		if err := json.Unmarshal(raw, &req); err != nil {
			return nil, fmt.Errorf("decode memory store: %w", err)
		}
		if req.Content == "" {
			return nil, errors.New("memory store: content is empty")
		}
		return h.opts.Memory.StoreMemory(ctx, ns, req)
	}
	fns := []extism.HostFunction{
		h.jsonHostFunc(HostFuncMemorySearch, h.needMemory(search)),
		h.jsonHostFunc(HostFuncMemoryStore, h.needMemory(store)),
	}
	return append(fns, h.clientFunctions(name)...)
}

func (h *Host) needMemory(f func(context.Context, []byte) (any, error)) func(context.Context, []byte) (any, error) {
	return func(ctx context.Context, raw []byte) (any, error) {
		if h.opts.Memory == nil {
			return nil, errors.New("sweet's memory is not available to plugins in this process")
		}
		return f(ctx, raw)
	}
}

// jsonHostFunc adapts f to a host function that takes one JSON request
// block and returns an envelope block {"result":...} or {"error":"..."}.
// Errors go back to the guest as data, so it can handle a refusal; only a
// broken memory block ends the call.
func (h *Host) jsonHostFunc(name string, f func(context.Context, []byte) (any, error)) extism.HostFunction {
	return extism.NewHostFunctionWithStack(name, func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
		var env struct {
			Result any    `json:"result,omitempty"`
			Error  string `json:"error,omitempty"`
		}
		raw, err := readBlock(p, stack[0])
		if err == nil {
			env.Result, err = f(ctx, raw)
		}
		if err != nil {
			env.Error = err.Error()
		}
		out, err := json.Marshal(env)
		if err != nil {
			out, _ = json.Marshal(map[string]string{"error": "encode result: " + err.Error()})
		}
		off, err := p.WriteBytes(out)
		if err != nil {
			panic(fmt.Errorf("host function %s: write result: %w", name, err))
		}
		stack[0] = off
	}, ptr, ptr)
}

// readBlock reads and frees a request block the guest allocated.
func readBlock(p *extism.CurrentPlugin, off uint64) ([]byte, error) {
	n, err := p.Length(off)
	if err != nil {
		return nil, fmt.Errorf("read request: %w", err)
	}
	if n > maxHostRequest {
		return nil, fmt.Errorf("request of %d bytes is larger than the %d allowed", n, maxHostRequest)
	}
	b, err := p.ReadBytes(off)
	if err != nil {
		return nil, fmt.Errorf("read request: %w", err)
	}
	_ = p.Free(off)
	return b, nil
}
