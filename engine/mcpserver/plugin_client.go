//lint:file-ignore SA1019 plugins written for hyper-mcp ask the client for sampling and roots, which handshake-era clients still offer

package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type sessionKey struct{}

// withSession carries the calling session to the plugin host functions.
func withSession(ctx context.Context, ss *mcp.ServerSession) context.Context {
	return context.WithValue(ctx, sessionKey{}, ss)
}

// pluginClient is plugins.Client over the session that called the plugin:
// hyper-mcp v2 plugins reach the MCP client through it.
type pluginClient struct{ s *Server }

// session returns the calling session, when it may be sent requests.
func (pc pluginClient) session(ctx context.Context, what string) (*mcp.ServerSession, error) {
	ss, _ := ctx.Value(sessionKey{}).(*mcp.ServerSession)
	if ss == nil {
		return nil, fmt.Errorf("%s: the plugin was not called by an MCP client", what)
	}
	if ip := ss.InitializeParams(); ip == nil || ip.ProtocolVersion >= modernEra {
		return nil, fmt.Errorf("%s: the client speaks the %s protocol, in which servers may not send it requests", what, modernEra)
	}
	return ss, nil
}

// CreateMessage passes a plugin's sampling request to the client.
func (pc pluginClient) CreateMessage(ctx context.Context, params json.RawMessage) (json.RawMessage, error) {
	ss, err := pc.session(ctx, "sampling")
	if err != nil {
		return nil, err
	}
	if caps := ss.InitializeParams().Capabilities; caps == nil || caps.Sampling == nil {
		return nil, errors.New("sampling: the client does not offer sampling")
	}
	var p mcp.CreateMessageWithToolsParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, fmt.Errorf("sampling: decode the plugin's request: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, pc.s.opts.SamplingTimeout)
	defer cancel()
	res, err := ss.CreateMessageWithTools(ctx, &p)
	if err != nil {
		return nil, fmt.Errorf("sampling: %w", err)
	}
	return json.Marshal(res)
}

// Elicit passes a plugin's elicitation request to the client.
func (pc pluginClient) Elicit(ctx context.Context, params json.RawMessage) (json.RawMessage, error) {
	ss, err := pc.session(ctx, "elicitation")
	if err != nil {
		return nil, err
	}
	var p mcp.ElicitParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, fmt.Errorf("elicitation: decode the plugin's request: %w", err)
	}
	res, err := ss.Elicit(ctx, &p)
	if err != nil {
		return nil, fmt.Errorf("elicitation: %w", err)
	}
	return json.Marshal(res)
}

// ListRoots gives a plugin the client's roots.
func (pc pluginClient) ListRoots(ctx context.Context) (json.RawMessage, error) {
	ss, err := pc.session(ctx, "roots")
	if err != nil {
		return nil, err
	}
	res, err := ss.ListRoots(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("roots: %w", err)
	}
	return json.Marshal(res)
}

// Notify forwards the notifications a plugin may send about its own call:
// progress, log messages and resource updates. List changes are the
// server's to announce (it re-lists when the plugins change).
func (pc pluginClient) Notify(ctx context.Context, method string, params json.RawMessage) error {
	ss, _ := ctx.Value(sessionKey{}).(*mcp.ServerSession)
	if ss == nil {
		return fmt.Errorf("notify %s: the plugin was not called by an MCP client", method)
	}
	switch method {
	case "notifications/progress":
		var p mcp.ProgressNotificationParams
		if err := json.Unmarshal(params, &p); err != nil {
			return fmt.Errorf("notify progress: %w", err)
		}
		return ss.NotifyProgress(ctx, &p)
	case "notifications/message":
		var p mcp.LoggingMessageParams
		if err := json.Unmarshal(params, &p); err != nil {
			return fmt.Errorf("notify message: %w", err)
		}
		return ss.Log(ctx, &p)
	case "notifications/resources/updated":
		var p mcp.ResourceUpdatedNotificationParams
		if err := json.Unmarshal(params, &p); err != nil {
			return fmt.Errorf("notify resource update: %w", err)
		}
		return pc.s.mcp.ResourceUpdated(ctx, &p)
	}
	return fmt.Errorf("notify %s: plugins cannot send it through sweet (the server announces list changes itself)", method)
}
