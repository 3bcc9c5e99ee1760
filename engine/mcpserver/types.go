package mcpserver

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine/memory"
)

// Memory is a memory as tools return it. Its schema is exact (metadata an
// object, never null arrays), so clients that validate structuredContent
// against the output schema accept it.
type Memory struct {
	ID             string         `json:"id" jsonschema:"the memory's id (a ULID)"`
	Namespace      string         `json:"namespace" jsonschema:"the namespace it lives in"`
	Type           string         `json:"type" jsonschema:"semantic, episodic, procedural, working, longterm, fact or custom:NAME"`
	Content        string         `json:"content" jsonschema:"the text, with likely secrets redacted"`
	Tags           []string       `json:"tags" jsonschema:"tags, lower case"`
	Metadata       map[string]any `json:"metadata,omitempty" jsonschema:"free-form metadata"`
	Importance     float64        `json:"importance" jsonschema:"0 to 1"`
	Source         string         `json:"source,omitempty" jsonschema:"where it came from"`
	CreatedAt      time.Time      `json:"created_at" jsonschema:"RFC 3339"`
	UpdatedAt      time.Time      `json:"updated_at" jsonschema:"RFC 3339"`
	LastAccessedAt *time.Time     `json:"last_accessed_at,omitempty" jsonschema:"RFC 3339; when it was last read"`
	AccessCount    int64          `json:"access_count" jsonschema:"how often it was read"`
}

// toMemory converts an engine memory for output.
func toMemory(m *memory.Memory) Memory {
	out := Memory{
		ID: m.ID, Namespace: m.Namespace, Type: m.Type, Content: m.Content, Tags: m.Tags,
		Importance: m.Importance, Source: m.Source, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt,
		LastAccessedAt: m.LastAccessedAt, AccessCount: m.AccessCount,
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if len(m.Metadata) > 0 {
		var md map[string]any
		if json.Unmarshal(m.Metadata, &md) == nil && len(md) > 0 {
			out.Metadata = md
		}
	}
	return out
}

func toMemories(ms []*memory.Memory) []Memory {
	out := make([]Memory, 0, len(ms))
	for _, m := range ms {
		out = append(out, toMemory(m))
	}
	return out
}

// metadataJSON encodes a metadata argument for the engine.
func metadataJSON(md map[string]any) (json.RawMessage, error) {
	if md == nil {
		return nil, nil
	}
	b, err := json.Marshal(md)
	if err != nil {
		return nil, fmt.Errorf("metadata: %w", err)
	}
	return b, nil
}

// parseWhen reads a since/until argument.
func parseWhen(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s %q is not a time: use 2026-11-29 or 2026-11-29T15:04:05Z", name, s)
}

// Annotation sets: honest hints about what each tool does.
func readOnly(title string) *mcp.ToolAnnotations {
	return &mcp.ToolAnnotations{Title: title, ReadOnlyHint: true, IdempotentHint: true, OpenWorldHint: boolPtr(false)}
}

func additive(title string, idempotent bool) *mcp.ToolAnnotations {
	return &mcp.ToolAnnotations{Title: title, DestructiveHint: boolPtr(false), IdempotentHint: idempotent, OpenWorldHint: boolPtr(false)}
}

func destructive(title string, idempotent bool) *mcp.ToolAnnotations {
	return &mcp.ToolAnnotations{Title: title, DestructiveHint: boolPtr(true), IdempotentHint: idempotent, OpenWorldHint: boolPtr(false)}
}

func boolPtr(b bool) *bool { return &b }

// rawObject decodes a JSON object, or gives nil for anything else.
func rawObject(raw json.RawMessage) map[string]any {
	var md map[string]any
	if len(raw) == 0 || json.Unmarshal(raw, &md) != nil || len(md) == 0 {
		return nil
	}
	return md
}
