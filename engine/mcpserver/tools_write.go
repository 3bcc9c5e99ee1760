package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine/memory"
)

// StoreInput is memory_store's arguments.
type StoreInput struct {
	Content    string         `json:"content" jsonschema:"the memory itself: one self-contained decision, fact, preference or procedure (at most 64 KiB)"`
	Type       string         `json:"type,omitempty" jsonschema:"semantic (default), episodic, procedural, working, longterm, fact, or custom:NAME"`
	Tags       []string       `json:"tags,omitempty" jsonschema:"short labels to filter by later"`
	Metadata   map[string]any `json:"metadata,omitempty" jsonschema:"free-form JSON object kept with the memory"`
	Importance *float64       `json:"importance,omitempty" jsonschema:"0 to 1 (default 0.5); higher ranks higher in search"`
	Source     string         `json:"source,omitempty" jsonschema:"where it came from (a file, a URL, a conversation)"`
	Namespace  string         `json:"namespace,omitempty" jsonschema:"namespace to store in instead of the session's (use global for facts about the user)"`
	Merge      bool           `json:"merge,omitempty" jsonschema:"fold the text into a near-duplicate memory instead of adding a new one beside it"`
}

// StoreOutput is memory_store's result.
type StoreOutput struct {
	Memory         Memory             `json:"memory" jsonschema:"the stored memory (or the identical one that already existed)"`
	Status         string             `json:"status" jsonschema:"created, duplicate (an identical memory exists and is returned) or merged"`
	Redactions     []memory.Redaction `json:"redactions,omitempty" jsonschema:"likely secrets found and replaced before storing"`
	NearDuplicates []memory.Similar   `json:"near_duplicates,omitempty" jsonschema:"similar memories that already exist; consider memory_update instead"`
	Warning        string             `json:"warning,omitempty" jsonschema:"a problem that did not stop the write"`
}

// UpdateInput is memory_update's arguments.
type UpdateInput struct {
	ID         string         `json:"id" jsonschema:"id of the memory to change"`
	Content    *string        `json:"content,omitempty" jsonschema:"new text (re-embedded and redacted)"`
	Type       *string        `json:"type,omitempty" jsonschema:"new type"`
	Namespace  *string        `json:"namespace,omitempty" jsonschema:"move it to this namespace"`
	Tags       *[]string      `json:"tags,omitempty" jsonschema:"replace all tags with these"`
	AddTags    []string       `json:"add_tags,omitempty" jsonschema:"tags to add"`
	RemoveTags []string       `json:"remove_tags,omitempty" jsonschema:"tags to remove"`
	Metadata   map[string]any `json:"metadata,omitempty" jsonschema:"merged into the metadata (JSON merge patch: null deletes a key)"`
	Importance *float64       `json:"importance,omitempty" jsonschema:"new importance, 0 to 1"`
	Source     *string        `json:"source,omitempty" jsonschema:"new source"`
}

// UpdateOutput is memory_update's result.
type UpdateOutput struct {
	Memory     Memory             `json:"memory" jsonschema:"the memory after the change"`
	Redactions []memory.Redaction `json:"redactions,omitempty" jsonschema:"likely secrets found in the new content and replaced"`
	Warning    string             `json:"warning,omitempty" jsonschema:"a problem that did not stop the write"`
}

// DeleteInput is memory_delete's arguments.
type DeleteInput struct {
	IDs []string `json:"ids" jsonschema:"ids of the memories to delete (1 to 100); all must exist or nothing is deleted"`
}

// DeleteOutput is memory_delete's result.
type DeleteOutput struct {
	Deleted int64 `json:"deleted" jsonschema:"how many memories were deleted"`
}

// LinkInput is memory_link's arguments.
type LinkInput struct {
	From     string         `json:"from" jsonschema:"id of the memory the relation starts at"`
	To       string         `json:"to" jsonschema:"id of the memory it points to"`
	Type     string         `json:"type,omitempty" jsonschema:"is_a, has_a, part_of, related_to (default), causes, or custom:NAME"`
	Strength *float64       `json:"strength,omitempty" jsonschema:"0 to 1 (default 1); stronger links pull neighbours higher in search"`
	Metadata map[string]any `json:"metadata,omitempty" jsonschema:"free-form JSON object kept with the relation"`
}

// LinkOutput is memory_link's result.
type LinkOutput struct {
	From      string         `json:"from"`
	To        string         `json:"to"`
	Type      string         `json:"type"`
	Strength  float64        `json:"strength"`
	Metadata  map[string]any `json:"metadata,omitempty"`
	CreatedAt string         `json:"created_at"`
}

// FeedbackInput is memory_feedback's arguments.
type FeedbackInput struct {
	ID     string `json:"id" jsonschema:"id of a memory that a recent memory_search with strategy auto returned"`
	Useful *bool  `json:"useful,omitempty" jsonschema:"whether it helped (default true)"`
}

// FeedbackOutput is memory_feedback's result.
type FeedbackOutput struct {
	Strategy string  `json:"strategy" jsonschema:"the retrieval strategy credited"`
	Reward   float64 `json:"reward" jsonschema:"1 for useful, 0 for not"`
}

func (s *Server) addWriteTools() {
	addTool(s, &mcp.Tool{
		Name: "memory_store",
		Description: "Store a memory that should outlive this conversation: a decision and its reason, a fact about the project or the user, " +
			"a preference, a procedure. Write one self-contained statement. Exact duplicates are not stored twice (the existing memory is returned " +
			"with status \"duplicate\"); near-duplicates are reported so you can update instead; likely secrets (API keys, tokens, passwords) are redacted.",
		Annotations: additive("Store memory", false),
	}, s.store)
	addTool(s, &mcp.Tool{
		Name:        "memory_update",
		Description: "Change an existing memory by id: its text, type, tags, metadata, importance, source or namespace. Fields left out stay as they are.",
		Annotations: destructive("Update memory", true),
	}, s.update)
	addTool(s, &mcp.Tool{
		Name:        "memory_delete",
		Description: "Delete memories by id, with their relations. All ids must exist or nothing is deleted. This cannot be undone.",
		Annotations: destructive("Delete memories", true),
	}, s.delete)
	addTool(s, &mcp.Tool{
		Name: "memory_link",
		Description: "Relate two memories with a typed, weighted relation (is_a, has_a, part_of, related_to, causes or custom:NAME). " +
			"Linking the same pair with the same type again updates the strength and metadata. Search ranks neighbours of good hits higher.",
		Annotations: additive("Link memories", true),
	}, s.link)
	addTool(s, &mcp.Tool{
		Name: "memory_feedback",
		Description: "Say whether a memory returned by memory_search with strategy auto was useful (useful, default true) or not (false), " +
			"so the router learns which retrieval strategy suits which queries. Each search is credited once; reading a result with memory_get already counts as useful.",
		Annotations: additive("Rate a search result", false),
	}, s.feedback)
}

func (s *Server) feedback(ctx context.Context, _ *mcp.CallToolRequest, in FeedbackInput) (*mcp.CallToolResult, FeedbackOutput, error) {
	if strings.TrimSpace(in.ID) == "" {
		return nil, FeedbackOutput{}, errors.New("id is empty: give the id of a memory a search returned")
	}
	reward := 1.0
	if in.Useful != nil && !*in.Useful {
		reward = 0
	}
	res, err := s.eng.Memory.Feedback(ctx, in.ID, reward)
	if errors.Is(err, memory.ErrNotFound) {
		return nil, FeedbackOutput{}, fmt.Errorf("memory %s was not among the results of a recent memory_search with strategy auto "+
			"(or that search was already credited): feedback teaches the router about its own choices only", in.ID)
	}
	if err != nil {
		return nil, FeedbackOutput{}, toolError(err)
	}
	return nil, FeedbackOutput{Strategy: res.Strategy, Reward: res.Reward}, nil
}

func (s *Server) store(ctx context.Context, req *mcp.CallToolRequest, in StoreInput) (*mcp.CallToolResult, StoreOutput, error) {
	ns := s.ns.of(ctx, req.Session)
	if in.Namespace != "" {
		v, err := memory.ValidateNamespace(in.Namespace)
		if err != nil {
			return nil, StoreOutput{}, err
		}
		ns = v
	}
	if strings.TrimSpace(in.Content) == "" {
		return nil, StoreOutput{}, errors.New("content is empty: give the text to remember")
	}
	md, err := metadataJSON(in.Metadata)
	if err != nil {
		return nil, StoreOutput{}, err
	}
	res, err := s.eng.Memory.Add(ctx, memory.AddRequest{
		Content: in.Content, Namespace: ns, Type: in.Type, Tags: in.Tags, Metadata: md,
		Importance: in.Importance, Source: in.Source, Merge: in.Merge,
	})
	if err != nil {
		return nil, StoreOutput{}, toolError(err)
	}
	return nil, StoreOutput{Memory: toMemory(res.Memory), Status: res.Status, Redactions: res.Redactions,
		NearDuplicates: res.NearDuplicates, Warning: res.Warning}, nil
}

func (s *Server) update(ctx context.Context, _ *mcp.CallToolRequest, in UpdateInput) (*mcp.CallToolResult, UpdateOutput, error) {
	md, err := metadataJSON(in.Metadata)
	if err != nil {
		return nil, UpdateOutput{}, err
	}
	res, err := s.eng.Memory.Update(ctx, memory.UpdateRequest{
		ID: in.ID, Content: in.Content, Type: in.Type, Namespace: in.Namespace, Tags: in.Tags,
		AddTags: in.AddTags, RemoveTags: in.RemoveTags, Metadata: md, Importance: in.Importance, Source: in.Source,
	})
	if err != nil {
		return nil, UpdateOutput{}, toolError(err)
	}
	return nil, UpdateOutput{Memory: toMemory(res.Memory), Redactions: res.Redactions, Warning: res.Warning}, nil
}

func (s *Server) delete(ctx context.Context, _ *mcp.CallToolRequest, in DeleteInput) (*mcp.CallToolResult, DeleteOutput, error) {
	if len(in.IDs) == 0 || len(in.IDs) > 100 {
		return nil, DeleteOutput{}, errors.New("ids: give 1 to 100 memory ids")
	}
	n, err := s.eng.Memory.Delete(ctx, in.IDs...)
	if err != nil {
		return nil, DeleteOutput{}, toolError(err)
	}
	return nil, DeleteOutput{Deleted: n}, nil
}

func (s *Server) link(ctx context.Context, _ *mcp.CallToolRequest, in LinkInput) (*mcp.CallToolResult, LinkOutput, error) {
	md, err := metadataJSON(in.Metadata)
	if err != nil {
		return nil, LinkOutput{}, err
	}
	typ := in.Type
	if typ == "" {
		typ = "related_to"
	}
	l, err := s.eng.Memory.Link(ctx, memory.LinkRequest{From: in.From, To: in.To, Type: typ, Strength: in.Strength, Metadata: md})
	if err != nil {
		return nil, LinkOutput{}, toolError(err)
	}
	out := LinkOutput{From: l.From, To: l.To, Type: l.Type, Strength: l.Strength, CreatedAt: l.CreatedAt}
	out.Metadata = rawObject(l.Metadata)
	return nil, out, nil
}
