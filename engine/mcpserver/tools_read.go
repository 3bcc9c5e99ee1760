package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine/memory"
)

// ScopeInput picks the namespaces a read sees: the session's namespace (or
// the one named) plus global, or all of them.
type ScopeInput struct {
	Namespace     string `json:"namespace,omitempty" jsonschema:"read this namespace (plus global) instead of the session's"`
	AllNamespaces bool   `json:"all_namespaces,omitempty" jsonschema:"read every namespace"`
}

// SearchInput is memory_search's arguments.
type SearchInput struct {
	Query string `json:"query" jsonschema:"what to look for, in words or as a question"`
	ScopeInput
	Types        []string `json:"types,omitempty" jsonschema:"only memories of these types"`
	Tags         []string `json:"tags,omitempty" jsonschema:"only memories with all of these tags"`
	Since        string   `json:"since,omitempty" jsonschema:"only memories created at or after this time (2026-11-29 or RFC 3339)"`
	Until        string   `json:"until,omitempty" jsonschema:"only memories created before this time"`
	Limit        int      `json:"limit,omitempty" jsonschema:"at most this many results (1 to 100, default 10)"`
	Explain      bool     `json:"explain,omitempty" jsonschema:"add each result's score breakdown (lexical, vector, rerank, graph, recency) and, with strategy auto, why the router chose its strategy"`
	BudgetTokens int      `json:"budget_tokens,omitempty" jsonschema:"return only as many whole results as fit in this many tokens (about 4 bytes of JSON each)"`
	Strategy     string   `json:"strategy,omitempty" jsonschema:"how to retrieve: hybrid (default: all signals fused), auto (a learned router picks per query; rate results with memory_feedback), lexical (keywords), vector (meaning), graph (related memories) or recency (newest first)"`
}

// SearchHit is one search result.
type SearchHit struct {
	Memory
	Score   float64             `json:"score" jsonschema:"fused relevance score; higher is better"`
	Explain *memory.Explanation `json:"explain,omitempty" jsonschema:"score breakdown, when asked for"`
}

// SearchOutput is memory_search's result.
type SearchOutput struct {
	Strategy  string      `json:"strategy" jsonschema:"the strategy that ran (with auto, the router's choice)"`
	Why       string      `json:"why,omitempty" jsonschema:"why the router chose the strategy (with explain and strategy auto)"`
	Results   []SearchHit `json:"results" jsonschema:"best first"`
	Truncated bool        `json:"truncated,omitempty" jsonschema:"set when the token budget or the size cap left results out"`
	Stale     string      `json:"stale,omitempty" jsonschema:"set when some memories have no vector yet, so vector search misses them"`
	Warnings  []string    `json:"warnings,omitempty" jsonschema:"signals that could not run (an unreachable embedding server); the others still ranked the results"`
}

// GetInput is memory_get's arguments.
type GetInput struct {
	IDs          []string `json:"ids" jsonschema:"ids of the memories to read (1 to 100)"`
	BudgetTokens int      `json:"budget_tokens,omitempty" jsonschema:"return only as many whole memories as fit in this many tokens"`
}

// GetOutput is memory_get's result.
type GetOutput struct {
	Memories  []Memory `json:"memories" jsonschema:"in the order asked for"`
	Missing   []string `json:"missing,omitempty" jsonschema:"ids that name no memory"`
	Truncated bool     `json:"truncated,omitempty" jsonschema:"set when the budget left memories out"`
}

// ListInput is memory_list's arguments.
type ListInput struct {
	ScopeInput
	Types        []string `json:"types,omitempty" jsonschema:"only memories of these types"`
	Tags         []string `json:"tags,omitempty" jsonschema:"only memories with all of these tags"`
	Limit        int      `json:"limit,omitempty" jsonschema:"page size (1 to 200, default 50)"`
	Cursor       string   `json:"cursor,omitempty" jsonschema:"next_cursor from the previous page"`
	NewestFirst  bool     `json:"newest_first,omitempty" jsonschema:"newest first instead of oldest first"`
	BudgetTokens int      `json:"budget_tokens,omitempty" jsonschema:"return only as many whole memories as fit in this many tokens"`
}

// ListOutput is memory_list's result.
type ListOutput struct {
	Memories   []Memory `json:"memories"`
	NextCursor string   `json:"next_cursor,omitempty" jsonschema:"pass as cursor to get the next page; absent on the last page"`
}

// RelatedInput is memory_related's arguments.
type RelatedInput struct {
	ID           string   `json:"id" jsonschema:"the memory to start from"`
	Depth        int      `json:"depth,omitempty" jsonschema:"hops to follow (1 to 5, default 1)"`
	Types        []string `json:"types,omitempty" jsonschema:"relation types to follow (all when empty)"`
	Limit        int      `json:"limit,omitempty" jsonschema:"at most this many memories (1 to 200, default 50)"`
	BudgetTokens int      `json:"budget_tokens,omitempty" jsonschema:"return only as many whole memories as fit in this many tokens"`
}

// RelatedHit is a memory reached through relations.
type RelatedHit struct {
	Memory
	Depth    int     `json:"depth" jsonschema:"hops from the start"`
	Strength float64 `json:"strength" jsonschema:"strength of the path"`
	Via      string  `json:"via" jsonschema:"the relation that reached it"`
}

// RelatedOutput is memory_related's result.
type RelatedOutput struct {
	Related   []RelatedHit `json:"related" jsonschema:"nearest and strongest first"`
	Truncated bool         `json:"truncated,omitempty"`
}

func (s *Server) addReadTools() {
	addTool(s, &mcp.Tool{
		Name: "memory_search",
		Description: "Search memories by meaning and keywords (hybrid: full-text BM25, offline embeddings, graph neighbours and recency). " +
			"Use it before answering questions about earlier decisions, conventions, people or facts. Reads the session's namespace plus global " +
			"unless told otherwise. Set budget_tokens to bound the answer; set explain to see why each result ranked where it did.",
		Annotations: readOnly("Search memories"),
	}, s.search, enum("strategy", memory.Strategies))
	addTool(s, &mcp.Tool{
		Name:        "memory_get",
		Description: "Read memories by id. Unknown ids are listed under missing rather than failing the call.",
		Annotations: readOnly("Get memories"),
	}, s.get)
	addTool(s, &mcp.Tool{
		Name:        "memory_list",
		Description: "List memories page by page (oldest first unless newest_first), optionally filtered by type and tags. Pass next_cursor back as cursor for the next page.",
		Annotations: readOnly("List memories"),
	}, s.list)
	addTool(s, &mcp.Tool{
		Name:        "memory_related",
		Description: "Follow relations (made with memory_link) from a memory up to depth hops and return the memories reached, nearest and strongest first.",
		Annotations: readOnly("Related memories"),
	}, s.related)
	addTool(s, &mcp.Tool{
		Name:        "memory_stats",
		Description: "Count memories by type, namespace, tag and day, with relation, entity and index figures.",
		Annotations: readOnly("Memory statistics"),
	}, s.stats)
}

// scope resolves a ScopeInput for a session.
func (s *Server) scope(ctx context.Context, ss *mcp.ServerSession, in ScopeInput) (memory.Scope, error) {
	if in.AllNamespaces {
		if in.Namespace != "" {
			return memory.Scope{}, errors.New("namespace and all_namespaces exclude each other: give one")
		}
		return memory.Scope{All: true}, nil
	}
	if in.Namespace != "" {
		ns, err := memory.ValidateNamespace(in.Namespace)
		if err != nil {
			return memory.Scope{}, err
		}
		return memory.DefaultScope(ns), nil
	}
	return memory.DefaultScope(s.ns.of(ctx, ss)), nil
}

func (s *Server) search(ctx context.Context, req *mcp.CallToolRequest, in SearchInput) (*mcp.CallToolResult, SearchOutput, error) {
	var out SearchOutput
	if strings.TrimSpace(in.Query) == "" {
		return nil, out, errors.New("query is empty: say what to look for")
	}
	limit, err := clampLimit(in.Limit, 10, 100)
	if err != nil {
		return nil, out, err
	}
	if err := checkBudget(in.BudgetTokens); err != nil {
		return nil, out, err
	}
	scope, err := s.scope(ctx, req.Session, in.ScopeInput)
	if err != nil {
		return nil, out, err
	}
	since, err := parseWhen("since", in.Since)
	if err != nil {
		return nil, out, err
	}
	until, err := parseWhen("until", in.Until)
	if err != nil {
		return nil, out, err
	}
	res, err := s.eng.Memory.Search(ctx, memory.SearchRequest{Query: in.Query, Scope: scope, Types: in.Types, Tags: in.Tags,
		Since: since, Until: until, Limit: limit, Explain: in.Explain, Strategy: in.Strategy})
	if err != nil {
		return nil, out, toolError(err)
	}
	out.Strategy, out.Why, out.Warnings = res.Strategy, res.Why, res.Warnings
	out.Results = make([]SearchHit, 0, len(res.Results))
	for _, r := range res.Results {
		out.Results = append(out.Results, SearchHit{Memory: toMemory(r.Memory), Score: r.Score, Explain: r.Explain})
	}
	if res.Stale != nil {
		out.Stale = res.Stale.String()
	}
	n := fit(out.Results, sizeOf(SearchOutput{Strategy: out.Strategy, Why: out.Why, Results: []SearchHit{}, Truncated: true, Stale: out.Stale,
		Warnings: out.Warnings}), in.BudgetTokens, s.opts.MaxResponseBytes)
	if n < len(out.Results) {
		out.Results, out.Truncated = out.Results[:n], true
	}
	return nil, out, nil
}

func (s *Server) get(ctx context.Context, _ *mcp.CallToolRequest, in GetInput) (*mcp.CallToolResult, GetOutput, error) {
	out := GetOutput{Memories: []Memory{}}
	if len(in.IDs) == 0 || len(in.IDs) > 100 {
		return nil, out, errors.New("ids: give 1 to 100 memory ids")
	}
	if err := checkBudget(in.BudgetTokens); err != nil {
		return nil, out, err
	}
	for _, id := range in.IDs {
		ms, err := s.eng.Memory.Get(ctx, id)
		if errors.Is(err, memory.ErrNotFound) {
			out.Missing = append(out.Missing, id)
			continue
		}
		if err != nil {
			return nil, GetOutput{}, toolError(err)
		}
		out.Memories = append(out.Memories, toMemory(ms[0]))
	}
	n := fit(out.Memories, sizeOf(GetOutput{Memories: []Memory{}, Missing: out.Missing, Truncated: true}), in.BudgetTokens, s.opts.MaxResponseBytes)
	if n < len(out.Memories) {
		out.Memories, out.Truncated = out.Memories[:n], true
	}
	return nil, out, nil
}

func (s *Server) list(ctx context.Context, req *mcp.CallToolRequest, in ListInput) (*mcp.CallToolResult, ListOutput, error) {
	out := ListOutput{Memories: []Memory{}}
	limit, err := clampLimit(in.Limit, 50, 200)
	if err != nil {
		return nil, out, err
	}
	if err := checkBudget(in.BudgetTokens); err != nil {
		return nil, out, err
	}
	cur, err := decodePageCursor(in.Cursor)
	if err != nil {
		return nil, out, err
	}
	scope, err := s.scope(ctx, req.Session, in.ScopeInput)
	if err != nil {
		return nil, out, err
	}
	page, err := s.eng.Memory.List(ctx, memory.ListRequest{Scope: scope, Types: in.Types, Tags: in.Tags,
		Limit: limit + cur.Skip, Cursor: cur.Engine, NewestFirst: in.NewestFirst})
	if err != nil {
		return nil, out, toolError(err)
	}
	mems := page.Memories
	if cur.Skip > len(mems) {
		cur.Skip = len(mems)
	}
	out.Memories = toMemories(mems[cur.Skip:])
	n := fit(out.Memories, sizeOf(ListOutput{Memories: []Memory{}, NextCursor: pageCursor{Engine: cur.Engine, Skip: 1 << 30}.encode()}),
		in.BudgetTokens, s.opts.MaxResponseBytes)
	switch {
	case n < len(out.Memories):
		out.Memories = out.Memories[:n]
		out.NextCursor = pageCursor{Engine: cur.Engine, Skip: cur.Skip + n}.encode()
	case page.NextCursor != "":
		out.NextCursor = pageCursor{Engine: page.NextCursor}.encode()
	}
	return nil, out, nil
}

func (s *Server) related(ctx context.Context, _ *mcp.CallToolRequest, in RelatedInput) (*mcp.CallToolResult, RelatedOutput, error) {
	out := RelatedOutput{Related: []RelatedHit{}}
	if in.Depth < 0 || in.Depth > 5 {
		return nil, out, fmt.Errorf("depth %d is out of range: use 1 to 5 (default 1)", in.Depth)
	}
	limit, err := clampLimit(in.Limit, 50, 200)
	if err != nil {
		return nil, out, err
	}
	if err := checkBudget(in.BudgetTokens); err != nil {
		return nil, out, err
	}
	rel, err := s.eng.Memory.Related(ctx, memory.RelatedRequest{ID: in.ID, Depth: in.Depth, Types: in.Types, Limit: limit})
	if err != nil {
		return nil, out, toolError(err)
	}
	for _, r := range rel {
		out.Related = append(out.Related, RelatedHit{Memory: toMemory(r.Memory), Depth: r.Depth, Strength: r.Strength, Via: r.Via})
	}
	n := fit(out.Related, sizeOf(RelatedOutput{Related: []RelatedHit{}, Truncated: true}), in.BudgetTokens, s.opts.MaxResponseBytes)
	if n < len(out.Related) {
		out.Related, out.Truncated = out.Related[:n], true
	}
	return nil, out, nil
}

func (s *Server) stats(ctx context.Context, req *mcp.CallToolRequest, in ScopeInput) (*mcp.CallToolResult, memory.Stats, error) {
	scope, err := s.scope(ctx, req.Session, in)
	if err != nil {
		return nil, memory.Stats{}, err
	}
	st, err := s.eng.Memory.Stats(ctx, scope)
	if err != nil {
		return nil, memory.Stats{}, toolError(err)
	}
	// The output schema says objects: never send null for an empty map.
	for _, m := range []*map[string]int64{&st.ByType, &st.ByNamespace, &st.TopTags, &st.PerDay, &st.Vectors} {
		if *m == nil {
			*m = map[string]int64{}
		}
	}
	return nil, *st, nil
}

// addMemoryTools registers sweet's own memory tools; writers only when the
// server may write.
func (s *Server) addMemoryTools() {
	s.addReadTools()
	if !s.opts.ReadOnly {
		s.addWriteTools()
	}
}
