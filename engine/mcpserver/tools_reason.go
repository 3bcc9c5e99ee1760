package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/reason"
)

// SequentialInput is sequentialthinking's arguments: exactly those of the
// official @modelcontextprotocol/server-sequential-thinking.
type SequentialInput struct {
	Thought           string `json:"thought" jsonschema:"Your current thinking step"`
	NextThoughtNeeded bool   `json:"nextThoughtNeeded" jsonschema:"Whether another thought step is needed"`
	ThoughtNumber     int    `json:"thoughtNumber" jsonschema:"Current thought number (numeric value, e.g., 1, 2, 3)"`
	TotalThoughts     int    `json:"totalThoughts" jsonschema:"Estimated total thoughts needed (numeric value, e.g., 5, 10)"`
	IsRevision        bool   `json:"isRevision,omitempty" jsonschema:"Whether this revises previous thinking"`
	RevisesThought    int    `json:"revisesThought,omitempty" jsonschema:"Which thought is being reconsidered"`
	BranchFromThought int    `json:"branchFromThought,omitempty" jsonschema:"Branching point thought number"`
	BranchID          string `json:"branchId,omitempty" jsonschema:"Branch identifier"`
	NeedsMoreThoughts bool   `json:"needsMoreThoughts,omitempty" jsonschema:"If more thoughts are needed"`
}

// reasoning is the server's reasoner (one per process, made on first use:
// it builds an embedder) and the reasoning session each MCP session is in.
type reasoning struct {
	once sync.Once
	r    *reason.Reasoner

	mu      sync.Mutex
	current map[*mcp.ServerSession]string
}

// reasoner returns the process's reasoner. A read-only server keeps its
// sessions in memory: it must not write the database.
func (s *Server) reasoner() *reason.Reasoner {
	s.rsn.once.Do(func() {
		cfg := reason.Config{Memory: s.eng.Memory}
		// The built-in embedder decodes its WordNet data once per
		// instance: share the memory service's rather than decode it twice.
		if b, ok := s.eng.Memory.Embedder().(*embed.Builtin); ok {
			cfg.Embedder = b
		}
		if !s.opts.ReadOnly {
			cfg.Store = s.eng.DB
		}
		s.rsn.r = reason.New(cfg)
	})
	return s.rsn.r
}

const reasonDescription = "Think through a problem step by step, with every step scored and the tree of steps searched for the best path. " +
	"Send one thought per call with thoughtNumber and totalThoughts; thoughtNumber 1 starts a new session (or pass problem to state it). " +
	"Branch from any step with parentId (nodeIds come back in each answer; n0 is the problem) or revise one with isRevision and revisesThought. " +
	"Each answer gives the thought's score and its breakdown, the best path so far (bestPath, bestScore) and suggestedParentId, the step most worth extending next. " +
	"strategyType picks the search: beam_search (default), mcts, mcts_002_alpha or mcts_002alt_alpha (toward goal). " +
	"When this client supports sampling, its model rates each step (committee: three perspectives); otherwise embeddings, novelty and stored memories do. " +
	"Sessions are kept in sweet's database; pass sessionId to come back to one."

const sequentialDescription = "A detailed tool for dynamic and reflective problem-solving through thoughts. " +
	"Each thought can build on, question, or revise previous insights as understanding deepens. " +
	"Use it for breaking down complex problems into steps, planning with room for revision, and analysis that might need course correction. " +
	"Adjust totalThoughts up or down as you progress; mark a thought as revising an earlier one (isRevision, revisesThought) or branch from one " +
	"(branchFromThought, branchId); set nextThoughtNeeded to false only when you have a satisfactory answer. " +
	"Compatible with @modelcontextprotocol/server-sequential-thinking; sweet also scores every thought and reports the best line of reasoning " +
	"(bestPath, score) and the thought most worth extending (suggestedParentId)."

func (s *Server) addReasonTools() {
	ann := &mcp.ToolAnnotations{Title: "Reason step by step", DestructiveHint: boolPtr(false), OpenWorldHint: boolPtr(false)}
	addTool(s, &mcp.Tool{Name: "reason", Description: reasonDescription, Annotations: ann}, s.reason)
	seq := *ann
	seq.Title = "Sequential thinking"
	addTool(s, &mcp.Tool{Name: "sequentialthinking", Description: sequentialDescription, Annotations: &seq}, s.sequentialThinking)
}

func (s *Server) reason(ctx context.Context, req *mcp.CallToolRequest, in reason.Request) (*mcp.CallToolResult, reason.Response, error) {
	resp, err := s.think(ctx, req.Session, in)
	if err != nil {
		return nil, reason.Response{}, err
	}
	return nil, *resp, nil
}

func (s *Server) sequentialThinking(ctx context.Context, req *mcp.CallToolRequest, in SequentialInput) (*mcp.CallToolResult, reason.Response, error) {
	resp, err := s.think(ctx, req.Session, reason.Request{
		Thought: in.Thought, NextThoughtNeeded: in.NextThoughtNeeded, ThoughtNumber: in.ThoughtNumber, TotalThoughts: in.TotalThoughts,
		IsRevision: in.IsRevision, RevisesThought: in.RevisesThought, BranchFromThought: in.BranchFromThought,
		BranchID: in.BranchID, NeedsMoreThoughts: in.NeedsMoreThoughts,
	})
	if err != nil {
		return nil, reason.Response{}, err
	}
	return nil, *resp, nil
}

// think sends one thought to the reasoner. A request without sessionId
// continues this MCP session's own reasoning session, never another
// client's: the reasoner's "current" session is shared by the process.
func (s *Server) think(ctx context.Context, ss *mcp.ServerSession, in reason.Request) (*reason.Response, error) {
	r := s.reasoner()
	if in.Namespace == "" {
		in.Namespace = s.ns.of(ctx, ss)
	}
	sm := s.samplerFor(ss)
	number, total := in.ThoughtNumber, in.TotalThoughts
	resp, warning, err := s.process(ctx, r, sm, ss, in)
	if err != nil {
		return nil, reasonError(err)
	}
	if warning != "" {
		resp.ThoughtNumber, resp.TotalThoughts = number, max(total, number)
		resp.Warnings = append(resp.Warnings, warning)
	}
	if resp.Branches == nil {
		resp.Branches = []string{}
	}
	if resp.BestPath == nil {
		resp.BestPath = []reason.PathStep{}
	}
	s.rsn.setCurrent(ss, resp.SessionID)
	return resp, nil
}

// process runs one request. Without sessionId, a thought that does not
// start a session goes to this connection's session; when there is none (or
// it was deleted), startFor opens one and says so in the returned warning.
func (s *Server) process(ctx context.Context, r *reason.Reasoner, sm reason.Sampler, ss *mcp.ServerSession, in reason.Request) (*reason.Response, string, error) {
	starts := in.ThoughtNumber == 1 && in.ParentID == "" && !in.IsRevision && in.BranchFromThought == 0
	if in.SessionID != "" || starts {
		resp, err := r.Process(ctx, sm, in)
		return resp, "", err
	}
	if id := s.rsn.currentOf(ss); id != "" {
		in.SessionID = id
		resp, err := r.Process(ctx, sm, in)
		if !errors.Is(err, reason.ErrNotFound) {
			return resp, "", err
		}
		in.SessionID = ""
	}
	in, warning, err := s.startFor(ctx, r, in)
	if err != nil {
		return nil, "", err
	}
	resp, err := r.Process(ctx, sm, in)
	return resp, warning, err
}

// startFor handles a thought that continues a session this MCP session
// never started (the server restarted, say): it starts a new session, with
// the problem when one is given, else with the thought as its problem.
func (s *Server) startFor(ctx context.Context, r *reason.Reasoner, in reason.Request) (reason.Request, string, error) {
	if strings.TrimSpace(in.Problem) != "" {
		o, err := r.Start(ctx, reason.StartRequest{Problem: in.Problem, Goal: in.Goal, Strategy: in.StrategyType, Namespace: in.Namespace})
		if err != nil {
			return in, "", err
		}
		in.SessionID, in.ParentID = o.ID, ""
		in.IsRevision, in.RevisesThought, in.BranchFromThought = false, 0, 0
		return in, fmt.Sprintf("no reasoning session was open in this connection: started %s for the problem given", o.ID), nil
	}
	warning := fmt.Sprintf("no reasoning session was open in this connection: thought %d started a new one as its problem "+
		"(pass sessionId to continue an earlier session)", in.ThoughtNumber)
	in.ThoughtNumber, in.ParentID = 1, ""
	in.IsRevision, in.RevisesThought, in.BranchFromThought = false, 0, 0
	return in, warning, nil
}

func (rs *reasoning) currentOf(ss *mcp.ServerSession) string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.current[ss]
}

func (rs *reasoning) setCurrent(ss *mcp.ServerSession, id string) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.current == nil {
		rs.current = map[*mcp.ServerSession]string{}
	}
	rs.current[ss] = id
}

// reasonError turns a reasoner error into the message a model reads.
func reasonError(err error) error {
	switch {
	case errors.Is(err, reason.ErrNotFound):
		return fmt.Errorf("%s: omit sessionId to start a new session", strings.TrimPrefix(err.Error(), reason.ErrNotFound.Error()+": "))
	case errors.Is(err, reason.ErrConflict):
		return err
	}
	return toolError(err)
}
