package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/memory"
)

// Resource URI prefixes.
const (
	memoryURIPrefix    = "sweet://memory/"
	namespaceURIPrefix = "sweet://namespace/"
	// namespaceResourceItems is how many of the newest memories a namespace
	// resource holds.
	namespaceResourceItems = 100
)

// MemoryURI is the resource URI of a memory.
func MemoryURI(id string) string { return memoryURIPrefix + url.PathEscape(id) }

// NamespaceURI is the resource URI of a namespace's newest memories; the
// namespace is percent-encoded, slashes included.
func NamespaceURI(ns string) string { return namespaceURIPrefix + url.PathEscape(ns) }

// NamespaceResource is what a namespace resource holds.
type NamespaceResource struct {
	Namespace string   `json:"namespace"`
	Memories  []Memory `json:"memories"`
	// Truncated is set when the namespace holds more than the resource shows;
	// memory_list pages through all of them.
	Truncated bool `json:"truncated,omitempty"`
}

func (s *Server) addResources() {
	s.mcp.AddResourceTemplate(&mcp.ResourceTemplate{
		Name: "memory", Title: "Memory", URITemplate: "sweet://memory/{id}", MIMEType: "application/json",
		Description: "One memory by id, as JSON. Subscribe to hear when any sweet process changes or deletes it.",
	}, s.readMemory)
	s.mcp.AddResourceTemplate(&mcp.ResourceTemplate{
		Name: "namespace", Title: "Namespace", URITemplate: "sweet://namespace/{namespace}", MIMEType: "application/json",
		Description: fmt.Sprintf("The %d newest memories of a namespace (percent-encoded, e.g. sweet://namespace/global), as JSON. "+
			"Subscribe to hear when any sweet process changes it.", namespaceResourceItems),
	}, s.readNamespace)
	seen := map[string]bool{}
	for _, ns := range []string{memory.GlobalNamespace, s.ns.fixed, s.ns.fallback} {
		if ns == "" || seen[ns] {
			continue
		}
		seen[ns] = true
		s.mcp.AddResource(&mcp.Resource{
			Name: "namespace:" + ns, Title: "Memories in " + ns, URI: NamespaceURI(ns), MIMEType: "application/json",
			Description: fmt.Sprintf("The %d newest memories of namespace %s.", namespaceResourceItems, ns),
		}, s.readNamespace)
	}
}

func (s *Server) readMemory(ctx context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
	uri := req.Params.URI
	id, err := url.PathUnescape(strings.TrimPrefix(uri, memoryURIPrefix))
	if err != nil || id == "" || !strings.HasPrefix(uri, memoryURIPrefix) {
		return nil, mcp.ResourceNotFoundError(uri)
	}
	ms, err := s.eng.Memory.Get(ctx, id)
	if errors.Is(err, memory.ErrNotFound) {
		return nil, mcp.ResourceNotFoundError(uri)
	}
	if err != nil {
		return nil, internalError("read memory", err, s)
	}
	return jsonContents(uri, toMemory(ms[0]))
}

func (s *Server) readNamespace(ctx context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
	uri := req.Params.URI
	ns, err := url.PathUnescape(strings.TrimPrefix(uri, namespaceURIPrefix))
	if err != nil || !strings.HasPrefix(uri, namespaceURIPrefix) {
		return nil, mcp.ResourceNotFoundError(uri)
	}
	if ns, err = memory.ValidateNamespace(ns); err != nil {
		return nil, mcp.ResourceNotFoundError(uri)
	}
	page, err := s.eng.Memory.List(ctx, memory.ListRequest{Scope: memory.Scope{Namespaces: []string{ns}},
		Limit: namespaceResourceItems, NewestFirst: true})
	if err != nil {
		return nil, internalError("list namespace", err, s)
	}
	out := NamespaceResource{Namespace: ns, Memories: toMemories(page.Memories), Truncated: page.NextCursor != ""}
	n := fit(out.Memories, sizeOf(NamespaceResource{Namespace: ns, Memories: []Memory{}, Truncated: true}), 0, s.opts.MaxResponseBytes)
	if n < len(out.Memories) {
		out.Memories, out.Truncated = out.Memories[:n], true
	}
	return jsonContents(uri, out)
}

func jsonContents(uri string, v any) (*mcp.ReadResourceResult, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, &jsonrpc.Error{Code: codeInternalError, Message: "encode resource: " + err.Error()}
	}
	return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: uri, MIMEType: "application/json", Text: string(b)}}}, nil
}

// internalError logs the detail and gives the client a coded error without
// internals.
func internalError(what string, err error, s *Server) error {
	s.log.Error("Resource read failed", "what", what, "err", err)
	return &jsonrpc.Error{Code: codeInternalError, Message: what + " failed; see the server log"}
}

// notifyChanges tells subscribed clients about changes made by any sweet
// process, one notification per resource per batch.
func (s *Server) notifyChanges(ctx context.Context, changes <-chan []engine.Change) {
	for batch := range changes {
		seen := map[string]bool{}
		for _, c := range batch {
			var uris []string
			if c.Kind == "memory" && c.Ref != "" {
				uris = append(uris, MemoryURI(c.Ref))
			}
			if c.Namespace != "" {
				uris = append(uris, NamespaceURI(c.Namespace))
			}
			for _, u := range uris {
				if seen[u] {
					continue
				}
				seen[u] = true
				if err := s.mcp.ResourceUpdated(ctx, &mcp.ResourceUpdatedNotificationParams{URI: u}); err != nil {
					s.log.Warn("Resource update notification failed", "uri", u, "err", err)
				}
			}
		}
	}
}
