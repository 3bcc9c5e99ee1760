package plugins

import (
	"encoding/json"
)

// ABI names the export convention a plugin follows.
type ABI string

const (
	// ABIServlet is the mcp.run servlet convention used by SweetMCP and
	// hyper-mcp before v2: exports describe and call.
	ABIServlet ABI = "servlet"
	// ABIHyperV2 is hyper-mcp's v2 convention: exports list_tools and
	// call_tool, optionally list_prompts, get_prompt, list_resources,
	// list_resource_templates and read_resource.
	ABIHyperV2 ABI = "hyper-mcp-v2"
)

// Tool is one tool a plugin offers, in MCP's tools/list shape.
type Tool struct {
	Name         string          `json:"name"`
	Title        string          `json:"title,omitempty"`
	Description  string          `json:"description,omitempty"`
	InputSchema  json.RawMessage `json:"inputSchema"`
	OutputSchema json.RawMessage `json:"outputSchema,omitempty"`
	Annotations  json.RawMessage `json:"annotations,omitempty"`
}

// UnmarshalJSON accepts input_schema and output_schema as well, the
// spelling of SweetMCP's plugin builder, and defaults a missing input
// schema to an empty object schema, which MCP requires.
func (t *Tool) UnmarshalJSON(b []byte) error {
	type plain Tool
	var v struct {
		plain
		InputSchemaSnake  json.RawMessage `json:"input_schema"`
		OutputSchemaSnake json.RawMessage `json:"output_schema"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*t = Tool(v.plain)
	if len(t.InputSchema) == 0 || string(t.InputSchema) == "null" {
		t.InputSchema = v.InputSchemaSnake
	}
	if len(t.InputSchema) == 0 || string(t.InputSchema) == "null" {
		t.InputSchema = json.RawMessage(`{"type":"object"}`)
	}
	if len(t.OutputSchema) == 0 {
		t.OutputSchema = v.OutputSchemaSnake
	}
	return nil
}

// Content is one item of a tool result or prompt message: text, image,
// audio, an embedded resource or a resource link, in MCP's shape.
type Content struct {
	Type        string            `json:"type"`
	Text        string            `json:"text,omitempty"`
	Data        string            `json:"data,omitempty"`
	MimeType    string            `json:"mimeType,omitempty"`
	Resource    *ResourceContents `json:"resource,omitempty"`
	URI         string            `json:"uri,omitempty"`
	Name        string            `json:"name,omitempty"`
	Annotations json.RawMessage   `json:"annotations,omitempty"`
}

// UnmarshalJSON accepts mime_type as well as mimeType.
func (c *Content) UnmarshalJSON(b []byte) error {
	type plain Content
	var v struct {
		plain
		MimeSnake string `json:"mime_type"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*c = Content(v.plain)
	if c.MimeType == "" {
		c.MimeType = v.MimeSnake
	}
	return nil
}

// ResourceContents is the text or base64 blob of a resource.
type ResourceContents struct {
	URI      string `json:"uri"`
	MimeType string `json:"mimeType,omitempty"`
	Text     string `json:"text,omitempty"`
	Blob     string `json:"blob,omitempty"`
}

// UnmarshalJSON accepts mime_type as well as mimeType.
func (r *ResourceContents) UnmarshalJSON(b []byte) error {
	type plain ResourceContents
	var v struct {
		plain
		MimeSnake string `json:"mime_type"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = ResourceContents(v.plain)
	if r.MimeType == "" {
		r.MimeType = v.MimeSnake
	}
	return nil
}

// CallResult is a tool's answer, in MCP's CallToolResult shape. IsError
// results are answers too: the plugin ran and reported a failure the
// model should see.
type CallResult struct {
	Content           []Content       `json:"content"`
	IsError           bool            `json:"isError,omitempty"`
	StructuredContent json.RawMessage `json:"structuredContent,omitempty"`
}

// ErrorResult turns err into an IsError result, for callers that answer an
// MCP tools/call with a failed plugin call.
func ErrorResult(err error) *CallResult {
	return &CallResult{Content: []Content{{Type: "text", Text: err.Error()}}, IsError: true}
}

// Prompt is a prompt template a hyper-mcp v2 plugin offers.
type Prompt struct {
	Name        string           `json:"name"`
	Title       string           `json:"title,omitempty"`
	Description string           `json:"description,omitempty"`
	Arguments   []PromptArgument `json:"arguments,omitempty"`
}

// PromptArgument is one argument of a Prompt.
type PromptArgument struct {
	Name        string `json:"name"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	Required    bool   `json:"required,omitempty"`
}

// PromptResult is a rendered prompt.
type PromptResult struct {
	Description string          `json:"description,omitempty"`
	Messages    []PromptMessage `json:"messages"`
}

// PromptMessage is one message of a rendered prompt.
type PromptMessage struct {
	Role    string  `json:"role"`
	Content Content `json:"content"`
}

// Resource is a resource a hyper-mcp v2 plugin lists.
type Resource struct {
	URI         string `json:"uri"`
	Name        string `json:"name"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	MimeType    string `json:"mimeType,omitempty"`
	Size        *int64 `json:"size,omitempty"`
}

// ResourceTemplate is a parameterised resource a plugin lists.
type ResourceTemplate struct {
	URITemplate string `json:"uriTemplate"`
	Name        string `json:"name"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	MimeType    string `json:"mimeType,omitempty"`
}

// Exports records which optional parts of its ABI a plugin exports.
type Exports struct {
	Prompts           bool `json:"prompts,omitempty"`
	Resources         bool `json:"resources,omitempty"`
	ResourceTemplates bool `json:"resource_templates,omitempty"`
}
