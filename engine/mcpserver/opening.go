package mcpserver

import (
	"context"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// handshake are the methods that need no registered tool, resource or
// prompt. (Run serves only once all are registered; the wait matters for
// sessions connected to the SDK server some other way.)
var handshake = map[string]bool{
	"initialize": true, "notifications/initialized": true, "server/discover": true, "ping": true,
	"logging/setLevel": true, "notifications/cancelled": true,
}

// withoutEngine are the methods answered from what New built, without the
// engine: the handshake, discovery and the lists. A client's first requests
// are these, so they need not wait for the database to open.
var withoutEngine = map[string]bool{
	"initialize": true, "notifications/initialized": true, "server/discover": true, "ping": true,
	"tools/list": true, "prompts/list": true, "resources/templates/list": true, "resources/list": true,
	"logging/setLevel": true, "notifications/cancelled": true, "notifications/roots/list_changed": true,
}

// waitEngine holds requests other than the handshake until the tools are
// registered, and those that need the engine until it is open, failing
// them with the reason when it could not be opened.
func (s *Server) waitEngine(next mcp.MethodHandler) mcp.MethodHandler {
	return func(ctx context.Context, method string, req mcp.Request) (mcp.Result, error) {
		if !handshake[method] {
			select {
			case <-s.built:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		if !withoutEngine[method] {
			select {
			case <-s.ready:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if s.openErr != nil {
				return nil, &jsonrpc.Error{Code: codeInternalError, Message: "sweet could not open its database: " + s.openErr.Error()}
			}
		}
		return next(ctx, method, req)
	}
}
