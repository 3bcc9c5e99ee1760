//lint:file-ignore SA1019 the test client lends its "model" through sampling, as handshake-era clients do

package mcpserver

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine/reason"
)

// legacyEra is the handshake-era protocol version, the last in which a
// server may send sampling requests.
const legacyEra = "2025-11-25"

// raterModel is the test client's "model" at the protocol boundary: it
// answers each sampling/createMessage with a fixed rubric score, chosen by
// the perspective named in the system prompt, and records what it was asked.
type raterModel struct {
	mu      sync.Mutex
	systems []string
	users   []string
	reply   func(system string) string
}

func (m *raterModel) handle(_ context.Context, req *mcp.CreateMessageRequest) (*mcp.CreateMessageResult, error) {
	user := ""
	if len(req.Params.Messages) == 1 {
		if tc, ok := req.Params.Messages[0].Content.(*mcp.TextContent); ok {
			user = tc.Text
		}
	}
	m.mu.Lock()
	m.systems = append(m.systems, req.Params.SystemPrompt)
	m.users = append(m.users, user)
	m.mu.Unlock()
	return &mcp.CreateMessageResult{Model: "rater-1", Role: "assistant", Content: &mcp.TextContent{Text: m.reply(req.Params.SystemPrompt)}}, nil
}

func (m *raterModel) calls() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.systems)
}

// connectEra connects one more client to h's server over in-memory
// transports, speaking the given protocol version ("" for the client's
// default, the 2026-07-28 era).
func connectEra(t *testing.T, h *harness, version string, copts *mcp.ClientOptions) *mcp.ClientSession {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st, ct := mcp.NewInMemoryTransports()
	ss, err := h.srv.MCP().Connect(ctx, st, nil)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	client := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "0"}, copts)
	cs, err := client.Connect(ctx, ct, &mcp.ClientSessionOptions{ProtocolVersion: version})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close(); ss.Wait(); cancel() })
	return cs
}

// think calls a reasoning tool on cs and returns its response.
func think(t *testing.T, cs *mcp.ClientSession, tool string, args map[string]any) reason.Response {
	t.Helper()
	h := &harness{client: cs}
	var out reason.Response
	h.mustCall(t, tool, args, &out)
	return out
}

func step(n, total int, thought string, more bool) map[string]any {
	return map[string]any{"thought": thought, "thoughtNumber": n, "totalThoughts": total, "nextThoughtNeeded": more}
}

var latencyChain = []string{
	"The web service's p99 latency doubled after yesterday's deploy. Find the cause.",
	"Compare the deploy's diff for changes on the request path, such as new database queries.",
	"The diff adds a database query inside the loop that renders each order, an N+1 pattern.",
}

// TestReasonDeterministic: a client without sampling gets the deterministic
// evaluators, through both tool names, in one session kept per connection.
func TestReasonDeterministic(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{}, nil)
	for _, tool := range []string{"sequentialthinking", "reason"} {
		t.Run(tool, func(t *testing.T) {
			var id string
			for i, thought := range latencyChain {
				resp := think(t, h.client, tool, step(i+1, 3, thought, i < 2))
				if i == 0 {
					id = resp.SessionID
				}
				if resp.SessionID != id || resp.ThoughtNumber != i+1 {
					t.Fatalf("thought %d: session %s (want %s), number %d", i+1, resp.SessionID, id, resp.ThoughtNumber)
				}
				if i > 0 && (resp.Scores.Method != reason.MethodDeterministic || resp.Score <= 0 || len(resp.BestPath) == 0) {
					t.Errorf("thought %d: method %q score %v best path %v", i+1, resp.Scores.Method, resp.Score, resp.BestPath)
				}
			}
			resp := think(t, h.client, tool, map[string]any{"thought": "Bananas are rich in potassium.", "thoughtNumber": 4, "totalThoughts": 4,
				"nextThoughtNeeded": false, "branchFromThought": 2, "branchId": "aside"})
			if resp.SessionID != id || len(resp.Branches) != 1 || resp.Branches[0] != "aside" {
				t.Errorf("branch: session %s branches %v", resp.SessionID, resp.Branches)
			}
			for _, p := range resp.BestPath {
				if strings.HasPrefix(p.Text, "Bananas") {
					t.Errorf("the off-topic branch is on the best path: %+v", resp.BestPath)
				}
			}
		})
	}
}

// TestReasonSampling: a handshake-era client that declares sampling rates
// every thought with its model, through sampling/createMessage.
func TestReasonSampling(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{}, nil)
	model := &raterModel{reply: func(system string) string {
		switch {
		case strings.Contains(system, "carried out"): // feasibility
			return `{"score": 0.6, "reason": "doable"}`
		case strings.Contains(system, "safe"):
			return "```json\n{\"score\": 0.8, \"reason\": \"harmless\"}\n```"
		}
		return `{"score": 0.7, "reason": "a sound next step"}`
	}}
	cs := connectEra(t, h, legacyEra, &mcp.ClientOptions{CreateMessageHandler: model.handle})

	first := think(t, cs, "reason", map[string]any{"problem": latencyChain[0], "thought": latencyChain[1],
		"thoughtNumber": 1, "totalThoughts": 3, "nextThoughtNeeded": true})
	if first.Scores.Method != reason.MethodSampling || first.Score != 0.7 || model.calls() != 1 {
		t.Fatalf("sampled rating: method %q score %v after %d sampling calls", first.Scores.Method, first.Score, model.calls())
	}
	if !strings.Contains(model.users[0], latencyChain[0]) || !strings.Contains(model.users[0], latencyChain[1]) {
		t.Errorf("the model was not shown the problem and the thought: %q", model.users[0])
	}
	committee := think(t, cs, "reason", map[string]any{"thought": latencyChain[2], "thoughtNumber": 2, "totalThoughts": 3,
		"nextThoughtNeeded": false, "committee": true})
	if committee.SessionID != first.SessionID || committee.Scores.Method != reason.MethodCommittee || model.calls() != 4 {
		t.Fatalf("committee: session %s method %q after %d calls", committee.SessionID, committee.Scores.Method, model.calls())
	}
	if s := committee.Scores.Sampled; s == nil || len(s.Members) != 3 || s.Score >= 0.7 || s.Score <= 0.5 {
		t.Errorf("committee rating %+v: want three members, mean 0.7 less the disagreement penalty", s)
	}

	t.Run("unusable reply falls back", func(t *testing.T) {
		bad := &raterModel{reply: func(string) string { return "I think it is fine, 8/10." }}
		cs := connectEra(t, h, legacyEra, &mcp.ClientOptions{CreateMessageHandler: bad.handle})
		think(t, cs, "sequentialthinking", step(1, 2, latencyChain[0], true))
		resp := think(t, cs, "sequentialthinking", step(2, 2, latencyChain[1], false))
		if resp.Scores.Method != reason.MethodDeterministic || resp.Scores.Fallback == "" || len(resp.Warnings) == 0 || bad.calls() != 1 {
			t.Errorf("method %q fallback %q warnings %v after %d calls", resp.Scores.Method, resp.Scores.Fallback, resp.Warnings, bad.calls())
		}
	})
	t.Run("modern era never samples", func(t *testing.T) {
		modern := &raterModel{reply: func(string) string { return `{"score": 1, "reason": "x"}` }}
		cs := connectEra(t, h, "", &mcp.ClientOptions{CreateMessageHandler: modern.handle})
		think(t, cs, "reason", step(1, 2, latencyChain[0], true))
		resp := think(t, cs, "reason", step(2, 2, latencyChain[1], false))
		if resp.Scores.Method != reason.MethodDeterministic || modern.calls() != 0 {
			t.Errorf("2026-07-28 client: method %q after %d sampling requests", resp.Scores.Method, modern.calls())
		}
	})
}

// TestReasonSamplingTimeout: a client that never answers sampling costs at
// most the timeout, and the thought is scored deterministically.
func TestReasonSamplingTimeout(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{SamplingTimeout: 50 * time.Millisecond}, nil)
	block := make(chan struct{})
	defer close(block)
	cs := connectEra(t, h, legacyEra, &mcp.ClientOptions{CreateMessageHandler: func(ctx context.Context, _ *mcp.CreateMessageRequest) (*mcp.CreateMessageResult, error) {
		select {
		case <-block:
		case <-ctx.Done():
		}
		return nil, fmt.Errorf("no model")
	}})
	resp := think(t, cs, "reason", map[string]any{"problem": latencyChain[0], "thought": latencyChain[1], "thoughtNumber": 1, "totalThoughts": 1, "nextThoughtNeeded": false})
	if resp.Scores.Method != reason.MethodDeterministic || !strings.Contains(strings.Join(resp.Warnings, " "), "50ms") {
		t.Errorf("method %q warnings %v", resp.Scores.Method, resp.Warnings)
	}
}

// TestReasonSessionPerConnection: two clients of one server process that
// never send sessionId keep separate sessions.
func TestReasonSessionPerConnection(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{}, nil)
	other := connectEra(t, h, "", nil)
	a1 := think(t, h.client, "sequentialthinking", step(1, 3, "Plan the migration of the billing database.", true))
	b1 := think(t, other, "sequentialthinking", step(1, 3, "Choose a name for the new CLI.", true))
	a2 := think(t, h.client, "sequentialthinking", step(2, 3, "Copy the data with logical replication, then switch reads.", true))
	b2 := think(t, other, "sequentialthinking", step(2, 3, "Short names are easier to type: sweet.", true))
	if a1.SessionID == b1.SessionID || a2.SessionID != a1.SessionID || b2.SessionID != b1.SessionID {
		t.Fatalf("sessions a %s %s, b %s %s", a1.SessionID, a2.SessionID, b1.SessionID, b2.SessionID)
	}
	if a2.ThoughtHistoryLength != b2.ThoughtHistoryLength || a2.Stats.TotalNodes != 2 || b2.Stats.TotalNodes != 2 {
		t.Errorf("history lengths %d and %d, nodes %d and %d: want two thoughts each", a2.ThoughtHistoryLength, b2.ThoughtHistoryLength,
			a2.Stats.TotalNodes, b2.Stats.TotalNodes)
	}

	t.Run("continuation without a session starts one", func(t *testing.T) {
		fresh := connectEra(t, h, "", nil)
		resp := think(t, fresh, "sequentialthinking", step(5, 6, "Where were we? The cache must be invalidated on writes.", true))
		if resp.SessionID == a1.SessionID || resp.SessionID == b1.SessionID || resp.ThoughtNumber != 5 || len(resp.Warnings) == 0 {
			t.Errorf("session %s number %d warnings %v", resp.SessionID, resp.ThoughtNumber, resp.Warnings)
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			args map[string]any
			want string
		}{
			{map[string]any{"thought": "x", "thoughtNumber": 2, "totalThoughts": 2, "nextThoughtNeeded": true, "sessionId": "01NOSUCHSESSION00000000000"}, "omit sessionId"},
			{map[string]any{"thought": " ", "thoughtNumber": 1, "totalThoughts": 1, "nextThoughtNeeded": false}, "thought is empty"},
			{map[string]any{"thought": "x", "thoughtNumber": 2, "totalThoughts": 2, "nextThoughtNeeded": true, "strategyType": "dfs"}, "dfs"},
			{map[string]any{"thought": "x", "thoughtNumber": 3, "totalThoughts": 3, "nextThoughtNeeded": true, "beamWidth": 99}, "beamWidth"},
		} {
			res := h.call(t, "reason", tc.args, nil)
			if !res.IsError || !strings.Contains(resultText(res), tc.want) {
				t.Errorf("%v: error %v %q, want it to mention %q", tc.args, res.IsError, resultText(res), tc.want)
			}
		}
	})
}
