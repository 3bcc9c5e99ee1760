package mcpserver

import (
	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// addTool registers a typed tool with portable schemas. The schemas are
// inferred here, since tools/list shows them, but resolved for validation
// only at the tool's first call (see typedHandler).
//
// The schemas are portable: the SDK infers
// ["null","array"] for slices and ["null",T] for pointers, which clients
// mapping schemas onto a single-type dialect (Gemini's OpenAPI subset) reject,
// and which differ from the official memory server's plain "array". sweet
// never sends null where a schema says array, so the null branch goes.
//
// tweaks adjust the input schema where struct tags cannot say enough (an
// enum, say).
func addTool[In, Out any](s *Server, t *mcp.Tool, h mcp.ToolHandlerFor[In, Out], tweaks ...func(in *jsonschema.Schema)) {
	in, err := jsonschema.For[In](nil)
	if err != nil {
		panic("mcpserver: input schema of " + t.Name + ": " + err.Error()) // a programming error, caught by every test
	}
	out, err := jsonschema.For[Out](nil)
	if err != nil {
		panic("mcpserver: output schema of " + t.Name + ": " + err.Error())
	}
	for _, tw := range tweaks {
		tw(in)
	}
	t.InputSchema, t.OutputSchema = dropNull(in), dropNull(out)
	s.mcp.AddTool(t, typedHandler(&toolSchemas{in: in, out: out}, h))
}

// dropNull removes "null" from two-member type lists, recursively.
func dropNull(s *jsonschema.Schema) *jsonschema.Schema {
	if s == nil {
		return nil
	}
	if len(s.Types) == 2 && (s.Types[0] == "null" || s.Types[1] == "null") {
		if s.Types[0] == "null" {
			s.Type = s.Types[1]
		} else {
			s.Type = s.Types[0]
		}
		s.Types = nil
	}
	for _, p := range s.Properties {
		dropNull(p)
	}
	dropNull(s.Items)
	dropNull(s.AdditionalProperties)
	for _, sub := range s.AnyOf {
		dropNull(sub)
	}
	return s
}

// enum restricts a string property of the input to the given values.
func enum(prop string, values []string) func(*jsonschema.Schema) {
	return func(in *jsonschema.Schema) {
		p := in.Properties[prop]
		if p == nil {
			panic("mcpserver: no input property " + prop) // a programming error, caught by every test
		}
		p.Enum = make([]any, len(values))
		for i, v := range values {
			p.Enum[i] = v
		}
	}
}
