//lint:file-ignore SA1019 sampling is deprecated in 2026-07-28 but is how handshake-era clients lend their model to the reasoner

package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine/reason"
)

// defaultSamplingTimeout bounds one sampling/createMessage round trip. Clients
// may ask the user to approve each request, so it is generous.
const defaultSamplingTimeout = 60 * time.Second

// modernEra is the first protocol revision in which servers may not send
// requests of their own (sampling, roots) to the client.
const modernEra = "2026-07-28"

// sessionSampler is reason.Sampler over an MCP session's sampling/createMessage.
type sessionSampler struct {
	ss      *mcp.ServerSession
	timeout time.Duration
}

// samplerFor returns a sampler for the session when its client declared the
// sampling capability in the handshake era, and nil otherwise (the reasoner
// then scores with its deterministic evaluators).
func (s *Server) samplerFor(ss *mcp.ServerSession) reason.Sampler {
	if ss == nil {
		return nil
	}
	ip := ss.InitializeParams()
	if ip == nil || ip.ProtocolVersion >= modernEra || ip.Capabilities == nil || ip.Capabilities.Sampling == nil {
		return nil
	}
	return &sessionSampler{ss: ss, timeout: s.opts.SamplingTimeout}
}

// CreateMessage asks the client's model for one completion and returns its
// text.
func (sm *sessionSampler) CreateMessage(ctx context.Context, system, user string, maxTokens int) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, sm.timeout)
	defer cancel()
	res, err := sm.ss.CreateMessage(ctx, &mcp.CreateMessageParams{
		SystemPrompt: system,
		Messages:     []*mcp.SamplingMessage{{Role: "user", Content: &mcp.TextContent{Text: user}}},
		MaxTokens:    int64(maxTokens),
		// The rubric wants a judgement, not creativity.
		Temperature: 0,
		ModelPreferences: &mcp.ModelPreferences{
			IntelligencePriority: 0.8, SpeedPriority: 0.5, CostPriority: 0.3,
		},
	})
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		return "", fmt.Errorf("sample: the client's model gave no answer within %s", sm.timeout)
	}
	if err != nil {
		return "", fmt.Errorf("sample: %w", err)
	}
	tc, ok := res.Content.(*mcp.TextContent)
	if !ok {
		return "", fmt.Errorf("sample: the client's model answered with %T, not text", res.Content)
	}
	return tc.Text, nil
}
