//lint:file-ignore SA1019 roots are deprecated in 2026-07-28 but still how handshake-era clients say which project they are in

package mcpserver

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine/memory"
)

// namespaces resolves and remembers each session's namespace.
type namespaces struct {
	fixed    string // Options.Namespace
	fallback string // launch directory's git root, else global
	opts     Options
	log      *slog.Logger

	mu      sync.Mutex
	session map[*mcp.ServerSession]string
}

func newNamespaces(opts Options, log *slog.Logger) (*namespaces, error) {
	n := &namespaces{opts: opts, log: log, session: map[*mcp.ServerSession]string{}}
	if opts.Namespace != "" {
		ns, err := memory.ValidateNamespace(opts.Namespace)
		if err != nil {
			return nil, fmt.Errorf("namespace: %w", err)
		}
		n.fixed = ns
		return n, nil
	}
	dir := opts.WorkDir
	if dir == "" {
		wd, err := os.Getwd()
		if err == nil {
			dir = wd
		}
	}
	n.fallback = gitNamespace(dir)
	return n, nil
}

// gitNamespace is the git root enclosing dir as sweet names namespaces, or
// the global namespace when dir is in no repository.
func gitNamespace(dir string) string {
	if dir == "" {
		return memory.GlobalNamespace
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return memory.GlobalNamespace
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			ns, err := memory.ProjectNamespace(abs)
			if err != nil {
				return memory.GlobalNamespace
			}
			return ns
		}
		if filepath.Dir(d) == d {
			return memory.GlobalNamespace
		}
	}
}

// of returns the namespace a session works in.
func (n *namespaces) of(ctx context.Context, ss *mcp.ServerSession) string {
	if n.fixed != "" {
		return n.fixed
	}
	if ss == nil {
		return n.fallback
	}
	n.mu.Lock()
	ns, ok := n.session[ss]
	n.mu.Unlock()
	if ok {
		return ns
	}
	ns = n.fromRoots(ctx, ss)
	if ctx.Err() != nil {
		// The call was cancelled while asking for roots: decide next time.
		return ns
	}
	n.mu.Lock()
	n.session[ss] = ns
	n.mu.Unlock()
	return ns
}

// forget drops a session's namespace (its roots changed).
func (n *namespaces) forget(ss *mcp.ServerSession) {
	n.mu.Lock()
	delete(n.session, ss)
	n.mu.Unlock()
}

// fromRoots asks a legacy-era client that offers roots for them and takes
// the first file root; anything else gives the fallback.
func (n *namespaces) fromRoots(ctx context.Context, ss *mcp.ServerSession) string {
	ip := ss.InitializeParams()
	if ip == nil || ip.Capabilities == nil || ip.Capabilities.RootsV2 == nil || ip.ProtocolVersion >= "2026-07-28" {
		return n.fallback
	}
	ctx, cancel := context.WithTimeout(ctx, n.opts.RootsTimeout)
	defer cancel()
	res, err := ss.ListRoots(ctx, nil)
	if err != nil {
		n.log.Warn("Client roots unavailable; using the launch directory's namespace", "err", err)
		return n.fallback
	}
	for _, r := range res.Roots {
		u, err := url.Parse(r.URI)
		if err != nil || u.Scheme != "file" || u.Path == "" {
			continue
		}
		ns, err := memory.ProjectNamespace(filepath.FromSlash(u.Path))
		if err == nil {
			return ns
		}
	}
	return n.fallback
}
