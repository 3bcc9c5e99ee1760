package memory

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sweetmcp/sweet/store"
)

// Built-in memory types. A custom type is written "custom:NAME".
const (
	TypeSemantic   = "semantic"
	TypeEpisodic   = "episodic"
	TypeProcedural = "procedural"
	TypeWorking    = "working"
	TypeLongterm   = "longterm"
	TypeFact       = "fact"
	customPrefix   = "custom:"
)

// Types lists the built-in types in the order help shows them.
var Types = []string{TypeSemantic, TypeEpisodic, TypeProcedural, TypeWorking, TypeLongterm, TypeFact}

// GlobalNamespace is searched alongside the current namespace by default.
const GlobalNamespace = "global"

// ValidateType checks a memory type and returns it normalised (lower case).
func ValidateType(t string) (string, error) {
	t = strings.ToLower(strings.TrimSpace(t))
	if t == "" {
		return TypeSemantic, nil
	}
	for _, v := range Types {
		if t == v {
			return t, nil
		}
	}
	if name, ok := strings.CutPrefix(t, customPrefix); ok && validName(name) {
		return t, nil
	}
	return "", fmt.Errorf("unknown memory type %q: use one of %s, or custom:NAME (letters, digits, - and _)",
		t, strings.Join(Types, ", "))
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Memory is a memory as callers see it (and as JSON output prints it).
type Memory struct {
	ID             string          `json:"id"`
	Namespace      string          `json:"namespace"`
	Type           string          `json:"type"`
	Content        string          `json:"content"`
	Tags           []string        `json:"tags"`
	Metadata       json.RawMessage `json:"metadata"`
	Importance     float64         `json:"importance"`
	Source         string          `json:"source"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
	LastAccessedAt *time.Time      `json:"last_accessed_at"`
	AccessCount    int64           `json:"access_count"`

	rowID int64
}

func fromStore(m *store.Memory) *Memory {
	out := &Memory{
		ID: m.ID, Namespace: m.Namespace, Type: m.Type, Content: m.Content, Tags: m.Tags,
		Metadata: m.Metadata, Importance: m.Importance, Source: m.Source,
		CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt, AccessCount: m.AccessCount, rowID: m.RowID,
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if len(out.Metadata) == 0 {
		out.Metadata = json.RawMessage("{}")
	}
	if !m.LastAccessedAt.IsZero() {
		t := m.LastAccessedAt
		out.LastAccessedAt = &t
	}
	return out
}

// normalizeTags trims, lower-cases, de-duplicates and sorts tags.
func normalizeTags(tags []string) ([]string, error) {
	seen := map[string]bool{}
	out := []string{}
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || seen[t] {
			continue
		}
		if len(t) > 100 || strings.ContainsAny(t, "\n\r\t") {
			return nil, fmt.Errorf("tag %q: tags are single lines of at most 100 characters", t)
		}
		seen[t] = true
		out = append(out, t)
	}
	slices.Sort(out)
	return out, nil
}

// normalizeMetadata checks that metadata is a JSON object and compacts it.
func normalizeMetadata(raw json.RawMessage) (json.RawMessage, error) {
	if len(raw) == 0 {
		return json.RawMessage("{}"), nil
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, fmt.Errorf("metadata must be a JSON object, got %.60s", raw)
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode metadata: %w", err)
	}
	return b, nil
}
