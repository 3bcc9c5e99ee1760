package pdk

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// Tool describes one tool a plugin offers, as MCP's tools/list shows it.
type Tool struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	InputSchema json.RawMessage `json:"inputSchema"`
}

// Content is one item of a tool result: text, or an image with its data in
// base64.
type Content struct {
	Type     string `json:"type"`
	Text     string `json:"text,omitempty"`
	Data     string `json:"data,omitempty"`
	MimeType string `json:"mimeType,omitempty"`
}

// Result is an MCP CallToolResult.
type Result struct {
	Content []Content `json:"content"`
	IsError bool      `json:"isError,omitempty"`
}

// Handler answers one tool call. args holds the tool's JSON arguments
// (possibly null); the returned Result goes back to the MCP client.
type Handler func(name string, args json.RawMessage) Result

// Text returns a successful result holding one text item.
func Text(s string) Result {
	return Result{Content: []Content{{Type: "text", Text: s}}}
}

// Errorf returns a failed result whose text is the formatted message. The
// client shows it to the model, which can correct its arguments.
func Errorf(format string, args ...any) Result {
	return Result{Content: []Content{{Type: "text", Text: fmt.Sprintf(format, args...)}}, IsError: true}
}

// Image returns a successful result holding one image item.
func Image(data []byte, mimeType string) Result {
	return Result{Content: []Content{{
		Type:     "image",
		Data:     base64.StdEncoding.EncodeToString(data),
		MimeType: mimeType,
	}}}
}

// DescribeJSON renders the answer to the describe export:
// {"tools":[...]}.
func DescribeJSON(tools []Tool) []byte {
	out, err := json.Marshal(struct {
		Tools []Tool `json:"tools"`
	}{tools})
	if err != nil {
		// Tools hold only strings and raw JSON; the only failure is a
		// malformed InputSchema, which is the plugin author's bug.
		panic(fmt.Sprintf("pdk: marshal tools: %v", err))
	}
	return out
}

// CallJSON decodes a call request ({"params":{"name","arguments"}}), runs h
// and renders its result. A request that does not decode becomes an error
// result rather than a failed call, so the client sees why.
func CallJSON(input []byte, h Handler) []byte {
	var req struct {
		Params struct {
			Name      string          `json:"name"`
			Arguments json.RawMessage `json:"arguments"`
		} `json:"params"`
	}
	var res Result
	if err := json.Unmarshal(input, &req); err != nil {
		res = Errorf("decode call request: %v", err)
	} else {
		res = h(req.Params.Name, req.Params.Arguments)
	}
	if res.Content == nil {
		res.Content = []Content{}
	}
	out, err := json.Marshal(res)
	if err != nil {
		panic(fmt.Sprintf("pdk: marshal result: %v", err))
	}
	return out
}

// Args decodes a tool's arguments into v. Absent arguments decode as an
// empty object, so required-field checks stay in the handler.
func Args(raw json.RawMessage, v any) error {
	if len(raw) == 0 || string(raw) == "null" {
		raw = json.RawMessage("{}")
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode arguments: %w", err)
	}
	return nil
}
