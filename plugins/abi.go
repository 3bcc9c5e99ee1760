package plugins

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
)

// requestIDs numbers hyper-mcp v2 requests; plugins only echo them.
var requestIDs atomic.Int64

// v2Request wraps a request in the hyper-mcp v2 envelope.
func v2Request(req any) ([]byte, error) {
	env := struct {
		Context struct {
			Meta map[string]any `json:"_meta"`
			ID   int64          `json:"id"`
		} `json:"context"`
		Request any `json:"request,omitempty"`
	}{Request: req}
	env.Context.Meta = map[string]any{}
	env.Context.ID = requestIDs.Add(1)
	return json.Marshal(env)
}

// request runs fn with req (in the ABI's envelope) and decodes its JSON
// answer into out.
func (p *Plugin) request(ctx context.Context, fn string, req any, out any) error {
	var in []byte
	var err error
	switch {
	case p.abi == ABIHyperV2:
		in, err = v2Request(req)
	case req != nil:
		in, err = json.Marshal(req)
	}
	if err != nil {
		return fmt.Errorf("plugin %s: encode %s request: %w", p.name, fn, err)
	}
	raw, err := p.invoke(ctx, fn, in)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("plugin %s: %s: %w: %v (output starts %q)", p.name, fn, ErrBadOutput, err, head(raw))
	}
	return nil
}

func head(b []byte) string {
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}

// listTools asks the plugin for its tools.
func (p *Plugin) listTools(ctx context.Context) ([]Tool, error) {
	fn := "describe"
	if p.abi == ABIHyperV2 {
		fn = "list_tools"
	}
	var res struct {
		Tools []Tool `json:"tools"`
	}
	if err := p.request(ctx, fn, nil, &res); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, t := range res.Tools {
		if t.Name == "" {
			return nil, fmt.Errorf("plugin %s: %s: %w: a tool has no name", p.name, fn, ErrBadOutput)
		}
		if seen[t.Name] {
			return nil, fmt.Errorf("plugin %s: %s: %w: tool %q is listed twice", p.name, fn, ErrBadOutput, t.Name)
		}
		seen[t.Name] = true
	}
	return res.Tools, nil
}

// CallTool calls one tool with its JSON arguments (an object; nil means
// none). A plugin that ran and reported a failure gives a result with
// IsError set; a plugin that could not run (trap, timeout, memory limit,
// refused permission) gives an error, which an MCP server should turn into
// an IsError result with ErrorResult.
func (p *Plugin) CallTool(ctx context.Context, tool string, args json.RawMessage) (*CallResult, error) {
	if !p.HasTool(tool) {
		return nil, fmt.Errorf("plugin %s: %w %q", p.name, ErrUnknownTool, tool)
	}
	args = bytes.TrimSpace(args)
	if len(args) == 0 || string(args) == "null" {
		args = json.RawMessage("{}")
	}
	if args[0] != '{' || !json.Valid(args) {
		return nil, fmt.Errorf("plugin %s: tool %s: arguments must be a JSON object", p.name, tool)
	}
	params := struct {
		Name      string          `json:"name"`
		Arguments json.RawMessage `json:"arguments"`
	}{tool, args}
	var res CallResult
	var err error
	if p.abi == ABIHyperV2 {
		err = p.request(ctx, "call_tool", params, &res)
	} else {
		err = p.request(ctx, "call", struct {
			Params any `json:"params"`
		}{params}, &res)
	}
	if err != nil {
		return nil, err
	}
	if res.Content == nil {
		res.Content = []Content{}
	}
	return &res, nil
}

// Prompts lists the plugin's prompts (hyper-mcp v2 plugins only).
func (p *Plugin) Prompts(ctx context.Context) ([]Prompt, error) {
	if !p.exports.Prompts {
		return nil, fmt.Errorf("plugin %s: prompts: %w", p.name, ErrUnsupported)
	}
	var res struct {
		Prompts []Prompt `json:"prompts"`
	}
	err := p.request(ctx, "list_prompts", nil, &res)
	return res.Prompts, err
}

// GetPrompt renders one prompt with its arguments.
func (p *Plugin) GetPrompt(ctx context.Context, name string, args map[string]string) (*PromptResult, error) {
	if !p.exports.Prompts {
		return nil, fmt.Errorf("plugin %s: prompts: %w", p.name, ErrUnsupported)
	}
	var res PromptResult
	req := struct {
		Name      string            `json:"name"`
		Arguments map[string]string `json:"arguments,omitempty"`
	}{name, args}
	if err := p.request(ctx, "get_prompt", req, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

// Resources lists the plugin's resources (hyper-mcp v2 plugins only).
func (p *Plugin) Resources(ctx context.Context) ([]Resource, error) {
	if !p.exports.Resources {
		return nil, fmt.Errorf("plugin %s: resources: %w", p.name, ErrUnsupported)
	}
	var res struct {
		Resources []Resource `json:"resources"`
	}
	err := p.request(ctx, "list_resources", nil, &res)
	return res.Resources, err
}

// ResourceTemplates lists the plugin's resource templates.
func (p *Plugin) ResourceTemplates(ctx context.Context) ([]ResourceTemplate, error) {
	if !p.exports.ResourceTemplates {
		return nil, fmt.Errorf("plugin %s: resource templates: %w", p.name, ErrUnsupported)
	}
	var res struct {
		ResourceTemplates []ResourceTemplate `json:"resourceTemplates"`
	}
	err := p.request(ctx, "list_resource_templates", nil, &res)
	return res.ResourceTemplates, err
}

// ReadResource reads one resource by URI.
func (p *Plugin) ReadResource(ctx context.Context, uri string) ([]ResourceContents, error) {
	if !p.exports.Resources {
		return nil, fmt.Errorf("plugin %s: resources: %w", p.name, ErrUnsupported)
	}
	var res struct {
		Contents []ResourceContents `json:"contents"`
	}
	req := struct {
		URI string `json:"uri"`
	}{uri}
	if err := p.request(ctx, "read_resource", req, &res); err != nil {
		return nil, err
	}
	return res.Contents, nil
}
