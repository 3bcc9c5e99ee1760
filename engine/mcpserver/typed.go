package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// toolSchemas holds a tool's input and output schemas and resolves them on
// first use. Resolving (the SDK's mcp.AddTool does it for every tool at
// registration) checks each schema's whole structure: for some thirty tools
// it was most of the CPU of a `sweet mcp` start, which an editor waits for,
// while a session calls only a few tools.
type toolSchemas struct {
	once      sync.Once
	in, out   *jsonschema.Schema
	inR, outR *jsonschema.Resolved
	err       error
}

func (ts *toolSchemas) resolve() error {
	ts.once.Do(func() {
		opts := &jsonschema.ResolveOptions{ValidateDefaults: true}
		if ts.inR, ts.err = ts.in.Resolve(opts); ts.err != nil {
			ts.err = fmt.Errorf("input schema: %w", ts.err)
			return
		}
		if ts.outR, ts.err = ts.out.Resolve(opts); ts.err != nil {
			ts.err = fmt.Errorf("output schema: %w", ts.err)
		}
	})
	return ts.err
}

// typedHandler adapts a typed handler to the SDK's raw one, doing what the
// SDK's mcp.AddTool does: arguments are validated against the input schema
// with its defaults applied (a mismatch is an isError result naming it),
// then decoded; a handler's error becomes an isError result unless it is a
// JSON-RPC error; the output is validated against the output schema and sent
// as structuredContent, with its JSON as the text content when the handler
// set none.
func typedHandler[In, Out any](ts *toolSchemas, h mcp.ToolHandlerFor[In, Out]) mcp.ToolHandler {
	return func(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		if err := ts.resolve(); err != nil {
			return nil, fmt.Errorf("tool %s: %w", req.Params.Name, err)
		}
		args, err := applyInput(req.Params.Arguments, ts.inR)
		if err != nil {
			return errorResult(fmt.Errorf("validating \"arguments\": %v", err)), nil
		}
		var in In
		if err := json.Unmarshal(args, &in); err != nil {
			return errorResult(err), nil
		}
		res, out, err := h(ctx, req, in)
		if err != nil {
			if wire, ok := err.(*jsonrpc.Error); ok {
				return nil, wire
			}
			return errorResult(err), nil
		}
		if res == nil {
			res = &mcp.CallToolResult{}
		}
		outJSON, err := marshalOutput(out, ts.outR)
		if err != nil {
			return nil, err
		}
		res.StructuredContent = outJSON
		if res.Content == nil {
			res.Content = []mcp.Content{&mcp.TextContent{Text: string(outJSON)}}
		}
		return res, nil
	}
}

// applyInput validates raw arguments (absent ones are {}) and applies the
// schema's defaults.
func applyInput(raw json.RawMessage, r *jsonschema.Resolved) (json.RawMessage, error) {
	v := map[string]any{}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, fmt.Errorf("unmarshaling arguments: %w", err)
		}
	}
	var val any = v
	if err := r.ApplyDefaults(&val); err != nil {
		return nil, fmt.Errorf("applying schema defaults:\n%w", err)
	}
	if err := r.Validate(&val); err != nil {
		return nil, err
	}
	return json.Marshal(val)
}

// marshalOutput encodes a handler's output, a nil pointer as its type's
// zero value (never null), and checks it against the output schema: a
// mismatch is a bug in sweet, reported as an internal error.
func marshalOutput(out any, r *jsonschema.Resolved) (json.RawMessage, error) {
	if rv := reflect.ValueOf(out); rv.Kind() == reflect.Pointer && rv.IsNil() {
		out = reflect.Zero(rv.Type().Elem()).Interface()
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("marshaling output: %w", err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("marshaling output: %w", err)
	}
	if err := r.Validate(&v); err != nil {
		return nil, fmt.Errorf("validating tool output: %w", err)
	}
	return b, nil
}

// errorResult is an isError result carrying err as its text.
func errorResult(err error) *mcp.CallToolResult {
	var res mcp.CallToolResult
	res.SetError(err)
	return &res
}
