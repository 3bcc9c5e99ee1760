package mcpserver

import (
	"context"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine/memory"
)

// The knowledge-graph tools mirror @modelcontextprotocol/server-memory:
// same names, input schemas and result shapes, so prompts written for it
// keep working. Reads take extra optional arguments (budget_tokens, and a
// cursor for read_graph) and may add next_cursor/truncated to the result.

// EntitiesInput is create_entities' arguments.
type EntitiesInput struct {
	Entities []memory.Entity `json:"entities"`
}

// EntitiesOutput is create_entities' result.
type EntitiesOutput struct {
	Entities []memory.Entity `json:"entities"`
}

// RelationsInput is create_relations' and delete_relations' arguments.
type RelationsInput struct {
	Relations []memory.EntityRelation `json:"relations"`
}

// RelationsOutput is create_relations' result.
type RelationsOutput struct {
	Relations []memory.EntityRelation `json:"relations"`
}

// ObservationsInput is add_observations' arguments.
type ObservationsInput struct {
	Observations []memory.ObservationAdd `json:"observations"`
}

// ObservationsOutput is add_observations' result.
type ObservationsOutput struct {
	Results []memory.ObservationResult `json:"results"`
}

// DeleteEntitiesInput is delete_entities' arguments.
type DeleteEntitiesInput struct {
	EntityNames []string `json:"entityNames" jsonschema:"An array of entity names to delete"`
}

// DeleteObservationsInput is delete_observations' arguments.
type DeleteObservationsInput struct {
	Deletions []memory.ObservationDelete `json:"deletions"`
}

// SuccessOutput is the result of the delete tools.
type SuccessOutput struct {
	Success bool   `json:"success"`
	Message string `json:"message"`
}

// ReadGraphInput is read_graph's arguments (the official tool takes none).
type ReadGraphInput struct {
	Cursor       string `json:"cursor,omitempty" jsonschema:"next_cursor from the previous call, when the graph did not fit in one answer"`
	BudgetTokens int    `json:"budget_tokens,omitempty" jsonschema:"return only as many whole entities as fit in this many tokens"`
}

// SearchNodesInput is search_nodes' arguments.
type SearchNodesInput struct {
	Query        string `json:"query" jsonschema:"The search query to match against entity names, types, and observation content"`
	Limit        int    `json:"limit,omitempty" jsonschema:"at most this many entities (1 to 100, default 20)"`
	BudgetTokens int    `json:"budget_tokens,omitempty" jsonschema:"return only as many whole entities as fit in this many tokens"`
}

// OpenNodesInput is open_nodes' arguments.
type OpenNodesInput struct {
	Names        []string `json:"names" jsonschema:"An array of entity names to retrieve"`
	BudgetTokens int      `json:"budget_tokens,omitempty" jsonschema:"return only as many whole entities as fit in this many tokens"`
}

// GraphOutput is the result of read_graph, search_nodes and open_nodes.
type GraphOutput struct {
	Entities   []memory.Entity         `json:"entities"`
	Relations  []memory.EntityRelation `json:"relations"`
	NextCursor string                  `json:"next_cursor,omitempty" jsonschema:"pass as cursor to read_graph for the rest of the graph"`
	Truncated  bool                    `json:"truncated,omitempty" jsonschema:"set when the budget or the size cap left entities or relations out"`
}

// searchQueryMax is the official server's limit on a search_nodes query.
const searchQueryMax = 2048

func (s *Server) addGraphTools() {
	addTool(s, &mcp.Tool{Name: "read_graph", Description: "Read the entire knowledge graph",
		Annotations: readOnly("Read Graph")}, s.readGraph)
	addTool(s, &mcp.Tool{Name: "search_nodes",
		Description: "Search for nodes in the knowledge graph based on a query (hybrid search: names, types and the meaning of observations)",
		Annotations: readOnly("Search Nodes")}, s.searchNodes)
	addTool(s, &mcp.Tool{Name: "open_nodes", Description: "Open specific nodes in the knowledge graph by their names",
		Annotations: readOnly("Open Nodes")}, s.openNodes)
	if s.opts.ReadOnly {
		return
	}
	addTool(s, &mcp.Tool{Name: "create_entities", Description: "Create multiple new entities in the knowledge graph",
		Annotations: additive("Create Entities", false)}, s.createEntities)
	addTool(s, &mcp.Tool{Name: "create_relations",
		Description: "Create multiple new relations between entities in the knowledge graph. Relations should be in active voice",
		Annotations: additive("Create Relations", false)}, s.createRelations)
	addTool(s, &mcp.Tool{Name: "add_observations", Description: "Add new observations to existing entities in the knowledge graph",
		Annotations: additive("Add Observations", false)}, s.addObservations)
	addTool(s, &mcp.Tool{Name: "delete_entities",
		Description: "Delete multiple entities and their associated relations from the knowledge graph",
		Annotations: destructive("Delete Entities", true)}, s.deleteEntities)
	addTool(s, &mcp.Tool{Name: "delete_observations", Description: "Delete specific observations from entities in the knowledge graph",
		Annotations: destructive("Delete Observations", true)}, s.deleteObservations)
	addTool(s, &mcp.Tool{Name: "delete_relations", Description: "Delete multiple relations from the knowledge graph",
		Annotations: destructive("Delete Relations", true)}, s.deleteRelations)
}

func (s *Server) createEntities(ctx context.Context, req *mcp.CallToolRequest, in EntitiesInput) (*mcp.CallToolResult, EntitiesOutput, error) {
	for i, e := range in.Entities {
		if strings.TrimSpace(e.Name) == "" {
			return nil, EntitiesOutput{}, fmt.Errorf("entities[%d].name is empty: every entity needs a name", i)
		}
	}
	created, err := s.eng.Memory.CreateEntities(ctx, s.ns.of(ctx, req.Session), in.Entities)
	if err != nil {
		return nil, EntitiesOutput{}, toolError(err)
	}
	return nil, EntitiesOutput{Entities: nonNilEntities(created)}, nil
}

func (s *Server) createRelations(ctx context.Context, req *mcp.CallToolRequest, in RelationsInput) (*mcp.CallToolResult, RelationsOutput, error) {
	ns := s.ns.of(ctx, req.Session)
	// As the official server does, refuse relations to entities that do not
	// exist, rather than creating empty ones.
	var names []string
	for _, r := range in.Relations {
		names = append(names, r.From, r.To)
	}
	have, err := s.eng.Memory.OpenNodes(ctx, memory.Scope{Namespaces: []string{ns}}, names)
	if err != nil {
		return nil, RelationsOutput{}, toolError(err)
	}
	exists := map[string]bool{}
	for _, e := range have.Entities {
		exists[e.Name] = true
	}
	for _, n := range names {
		if !exists[n] {
			return nil, RelationsOutput{}, fmt.Errorf("entity with name %s not found: create it first with create_entities", n)
		}
	}
	created, err := s.eng.Memory.CreateEntityRelations(ctx, ns, in.Relations)
	if err != nil {
		return nil, RelationsOutput{}, toolError(err)
	}
	if created == nil {
		created = []memory.EntityRelation{}
	}
	return nil, RelationsOutput{Relations: created}, nil
}

func (s *Server) addObservations(ctx context.Context, req *mcp.CallToolRequest, in ObservationsInput) (*mcp.CallToolResult, ObservationsOutput, error) {
	res, err := s.eng.Memory.AddObservations(ctx, s.ns.of(ctx, req.Session), in.Observations)
	if err != nil {
		return nil, ObservationsOutput{}, toolError(err)
	}
	if res == nil {
		res = []memory.ObservationResult{}
	}
	for i := range res {
		if res[i].AddedObservations == nil {
			res[i].AddedObservations = []string{}
		}
	}
	return nil, ObservationsOutput{Results: res}, nil
}

func (s *Server) deleteEntities(ctx context.Context, req *mcp.CallToolRequest, in DeleteEntitiesInput) (*mcp.CallToolResult, SuccessOutput, error) {
	ns := s.ns.of(ctx, req.Session)
	before, err := s.eng.Memory.OpenNodes(ctx, memory.Scope{Namespaces: []string{ns}}, in.EntityNames)
	if err != nil {
		return nil, SuccessOutput{}, toolError(err)
	}
	if err := s.eng.Memory.DeleteEntities(ctx, ns, in.EntityNames); err != nil {
		return nil, SuccessOutput{}, toolError(err)
	}
	present := map[string]bool{}
	for _, e := range before.Entities {
		present[e.Name] = true
	}
	var missing []string
	for _, n := range in.EntityNames {
		if !present[n] {
			missing = append(missing, n)
		}
	}
	msg := "Entities deleted successfully"
	if len(missing) > 0 {
		msg = fmt.Sprintf("Deleted %d of %d entities. Not found: %s", len(in.EntityNames)-len(missing), len(in.EntityNames), strings.Join(missing, ", "))
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: msg}}}, SuccessOutput{Success: true, Message: msg}, nil
}

func (s *Server) deleteObservations(ctx context.Context, req *mcp.CallToolRequest, in DeleteObservationsInput) (*mcp.CallToolResult, SuccessOutput, error) {
	ns := s.ns.of(ctx, req.Session)
	names := make([]string, 0, len(in.Deletions))
	requested := 0
	for _, d := range in.Deletions {
		names = append(names, d.EntityName)
		requested += len(d.Observations)
	}
	before, err := s.eng.Memory.OpenNodes(ctx, memory.Scope{Namespaces: []string{ns}}, names)
	if err != nil {
		return nil, SuccessOutput{}, toolError(err)
	}
	if err := s.eng.Memory.DeleteObservations(ctx, ns, in.Deletions); err != nil {
		return nil, SuccessOutput{}, toolError(err)
	}
	obs := map[string]map[string]bool{}
	for _, e := range before.Entities {
		obs[e.Name] = map[string]bool{}
		for _, o := range e.Observations {
			obs[e.Name][o] = true
		}
	}
	deleted := 0
	var missing []string
	for _, d := range in.Deletions {
		have, ok := obs[d.EntityName]
		if !ok {
			missing = append(missing, d.EntityName)
			continue
		}
		for _, o := range d.Observations {
			if have[o] {
				deleted++
				delete(have, o)
			}
		}
	}
	msg := "Observations deleted successfully"
	if deleted != requested {
		msg = fmt.Sprintf("Deleted %d of %d observations.", deleted, requested)
		if len(missing) > 0 {
			msg += " Entities not found: " + strings.Join(missing, ", ")
		}
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: msg}}}, SuccessOutput{Success: true, Message: msg}, nil
}

func (s *Server) deleteRelations(ctx context.Context, req *mcp.CallToolRequest, in RelationsInput) (*mcp.CallToolResult, SuccessOutput, error) {
	ns := s.ns.of(ctx, req.Session)
	var names []string
	for _, r := range in.Relations {
		names = append(names, r.From, r.To)
	}
	before, err := s.eng.Memory.OpenNodes(ctx, memory.Scope{Namespaces: []string{ns}}, names)
	if err != nil {
		return nil, SuccessOutput{}, toolError(err)
	}
	if err := s.eng.Memory.DeleteEntityRelations(ctx, ns, in.Relations); err != nil {
		return nil, SuccessOutput{}, toolError(err)
	}
	existing := map[memory.EntityRelation]bool{}
	for _, r := range before.Relations {
		existing[r] = true
	}
	deleted := 0
	for _, r := range in.Relations {
		if existing[r] {
			deleted++
			delete(existing, r)
		}
	}
	msg := "Relations deleted successfully"
	if deleted != len(in.Relations) {
		msg = fmt.Sprintf("Deleted %d of %d relations. The rest matched nothing.", deleted, len(in.Relations))
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: msg}}}, SuccessOutput{Success: true, Message: msg}, nil
}

func (s *Server) readGraph(ctx context.Context, req *mcp.CallToolRequest, in ReadGraphInput) (*mcp.CallToolResult, GraphOutput, error) {
	if err := checkBudget(in.BudgetTokens); err != nil {
		return nil, GraphOutput{}, err
	}
	cur, err := decodePageCursor(in.Cursor)
	if err != nil {
		return nil, GraphOutput{}, err
	}
	g, err := s.eng.Memory.ReadGraph(ctx, memory.DefaultScope(s.ns.of(ctx, req.Session)))
	if err != nil {
		return nil, GraphOutput{}, toolError(err)
	}
	if cur.Skip > len(g.Entities) {
		cur.Skip = len(g.Entities)
	}
	out := s.fitGraph(g.Entities[cur.Skip:], g.Relations, in.BudgetTokens)
	if kept := len(out.Entities); kept < len(g.Entities)-cur.Skip {
		out.NextCursor = pageCursor{Skip: cur.Skip + kept}.encode()
	}
	return nil, out, nil
}

func (s *Server) searchNodes(ctx context.Context, req *mcp.CallToolRequest, in SearchNodesInput) (*mcp.CallToolResult, GraphOutput, error) {
	if len(in.Query) > searchQueryMax {
		return nil, GraphOutput{}, fmt.Errorf("query is %d bytes: use at most %d", len(in.Query), searchQueryMax)
	}
	limit, err := clampLimit(in.Limit, 20, 100)
	if err != nil {
		return nil, GraphOutput{}, err
	}
	if err := checkBudget(in.BudgetTokens); err != nil {
		return nil, GraphOutput{}, err
	}
	scope := memory.DefaultScope(s.ns.of(ctx, req.Session))
	// The memory service returns every relation touching the found
	// entities, as the official server has since 2026.8.31.
	g, err := s.eng.Memory.SearchNodes(ctx, scope, in.Query, limit)
	if err != nil {
		return nil, GraphOutput{}, toolError(err)
	}
	return nil, s.fitGraph(g.Entities, g.Relations, in.BudgetTokens), nil
}

func (s *Server) openNodes(ctx context.Context, req *mcp.CallToolRequest, in OpenNodesInput) (*mcp.CallToolResult, GraphOutput, error) {
	if err := checkBudget(in.BudgetTokens); err != nil {
		return nil, GraphOutput{}, err
	}
	scope := memory.DefaultScope(s.ns.of(ctx, req.Session))
	g, err := s.eng.Memory.OpenNodes(ctx, scope, in.Names)
	if err != nil {
		return nil, GraphOutput{}, toolError(err)
	}
	return nil, s.fitGraph(g.Entities, g.Relations, in.BudgetTokens), nil
}

// fitGraph keeps the leading entities that fit the budget and the size cap,
// then the relations touching them that still fit.
func (s *Server) fitGraph(ents []memory.Entity, rels []memory.EntityRelation, budget int) GraphOutput {
	ents = nonNilEntities(ents)
	empty := GraphOutput{Entities: []memory.Entity{}, Relations: []memory.EntityRelation{}, NextCursor: pageCursor{Skip: 1 << 30}.encode(), Truncated: true}
	n := fit(ents, sizeOf(empty), budget, s.opts.MaxResponseBytes)
	out := GraphOutput{Entities: ents[:n], Relations: []memory.EntityRelation{}, Truncated: n < len(ents)}
	kept := make(map[string]bool, n)
	for _, e := range out.Entities {
		kept[e.Name] = true
	}
	var touching []memory.EntityRelation
	for _, r := range rels {
		if kept[r.From] || kept[r.To] {
			touching = append(touching, r)
		}
	}
	m := fit(touching, sizeOf(empty)+sizeOf(out.Entities), budget, s.opts.MaxResponseBytes)
	out.Relations = append(out.Relations, touching[:m]...)
	if m < len(touching) {
		out.Truncated = true
	}
	return out
}

// nonNilEntities makes every observations list an array, as the schema says.
func nonNilEntities(ents []memory.Entity) []memory.Entity {
	if ents == nil {
		return []memory.Entity{}
	}
	for i := range ents {
		if ents[i].Observations == nil {
			ents[i].Observations = []string{}
		}
	}
	return ents
}
