package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/plugins"
)

// pluginMemory gives plugins their namespace of sweet's memory: it
// implements plugins.MemoryHost over the memory service. The host checks
// the memory:read and memory:write grants and picks the namespace
// ("plugin:NAME") before either method runs.
type pluginMemory struct{ m *memory.Service }

// pluginHit is a search result as a plugin sees it: the memory without
// sweet's bookkeeping (access counts, importance).
type pluginHit struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	Content   string          `json:"content"`
	Tags      []string        `json:"tags"`
	Metadata  json.RawMessage `json:"metadata,omitempty"`
	Score     float64         `json:"score"`
	CreatedAt time.Time       `json:"created_at"`
}

// SearchMemory searches the plugin's own namespace.
func (pm pluginMemory) SearchMemory(ctx context.Context, namespace string, req plugins.MemorySearch) (any, error) {
	resp, err := pm.m.Search(ctx, memory.SearchRequest{
		Query: req.Query,
		Scope: memory.Scope{Namespaces: []string{namespace}},
		Limit: req.Limit,
	})
	if err != nil {
		return nil, fmt.Errorf("search memory: %w", err)
	}
	hits := make([]pluginHit, 0, len(resp.Results))
	for _, r := range resp.Results {
		hits = append(hits, pluginHit{ID: r.ID, Type: r.Type, Content: r.Content, Tags: r.Tags,
			Metadata: r.Metadata, Score: r.Score, CreatedAt: r.CreatedAt})
	}
	return hits, nil
}

// StoreMemory stores one memory in the plugin's own namespace, marked with
// the plugin as its source.
func (pm pluginMemory) StoreMemory(ctx context.Context, namespace string, req plugins.MemoryStore) (any, error) {
	var meta json.RawMessage
	if len(req.Metadata) > 0 {
		b, err := json.Marshal(req.Metadata)
		if err != nil {
			return nil, fmt.Errorf("store memory: encode metadata: %w", err)
		}
		meta = b
	}
	res, err := pm.m.Add(ctx, memory.AddRequest{
		Content:   req.Content,
		Namespace: namespace,
		Type:      req.Kind,
		Tags:      req.Tags,
		Metadata:  meta,
		Source:    namespace,
	})
	if err != nil {
		return nil, fmt.Errorf("store memory: %w", err)
	}
	return map[string]string{"id": res.Memory.ID, "status": res.Status}, nil
}
