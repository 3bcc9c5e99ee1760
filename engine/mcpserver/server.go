package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/sweetmcp/sweet/engine"
)

// DefaultMaxResponseBytes caps the JSON of one tool result (1 MiB). Lists
// and searches stop at whole items under it and say they were truncated.
const DefaultMaxResponseBytes = 1 << 20

// Options configures a Server. Zero values take the defaults.
type Options struct {
	// Namespace, when set, is used by every session instead of the client's
	// roots or the launch directory.
	Namespace string
	// ReadOnly serves only the tools that read (the engine must be opened
	// read-only too).
	ReadOnly bool
	// WorkDir is the launch directory whose git root is the fallback
	// namespace ("" is the process's working directory).
	WorkDir string
	// Version is reported as the server's version.
	Version string
	// Logger receives diagnostics; nil is silent. It must not write to the
	// protocol's output.
	Logger *slog.Logger
	// WatchInterval is how often changes by other processes are polled for
	// resource subscriptions (default engine.DefaultWatchInterval).
	WatchInterval time.Duration
	// MaxResponseBytes caps one tool result (default DefaultMaxResponseBytes).
	MaxResponseBytes int
	// RootsTimeout bounds the wait for a client's roots/list answer
	// (default 2 s); a client that does not answer gets the fallback.
	RootsTimeout time.Duration
	// SamplingTimeout bounds each sampling/createMessage request the
	// reasoning tools send to a client that supports sampling (default 60 s;
	// clients may wait for the user to approve each one).
	SamplingTimeout time.Duration
	// Plugins serves the tools of installed, enabled plugins (see
	// engine.Plugins) beside the built-in ones, following changes made by
	// any sweet process. The engine's PluginCacheDir keeps compiled plugins
	// between runs.
	Plugins bool
}

// Server is sweet's MCP server over one engine.
type Server struct {
	opts Options
	log  *slog.Logger
	mcp  *mcp.Server
	ns   *namespaces
	rsn  reasoning
	plg  *pluginTools // nil unless Options.Plugins

	// eng is set before ready is closed (or openErr, when it failed to
	// open); requests that need it wait for ready (see waitEngine).
	eng     *engine.Engine
	ready   chan struct{}
	openErr error
	// built is closed once the tools, resources and prompts are registered.
	built chan struct{}
	// watching is closed once changes are being followed (or never will
	// be): a subscription waits for it, so that no change made after a
	// subscribe call returns can slip past the watcher's starting point.
	watching     chan struct{}
	watchingOnce sync.Once
}

// serverName is the name clients see in serverInfo.
const serverName = "sweet"

// instructions tell the model what the server is for.
const instructions = "sweet is a local, persistent memory for this user and project. " +
	"Search it (memory_search) before answering questions about past decisions, conventions or facts; " +
	"store durable decisions, facts and preferences (memory_store) when they come up. " +
	"The knowledge-graph tools (create_entities, search_nodes, ...) work on the same store."

// New builds a server over an open engine.
func New(eng *engine.Engine, opts Options) (*Server, error) {
	if eng == nil {
		return nil, errors.New("new mcp server: engine is nil")
	}
	s, err := newServer(opts)
	if err != nil {
		return nil, err
	}
	s.eng = eng
	close(s.ready)
	return s, nil
}

// Open builds a server whose engine open opens meanwhile, so the server
// can answer initialize, server/discover and the list methods while the
// database, the embedder and the vector index load (most of a cold start).
// Requests that need the engine wait for it; if it fails to open, they get
// an error saying why and Run returns that error.
func Open(ctx context.Context, open func(context.Context) (*engine.Engine, error), opts Options) (*Server, error) {
	s, err := newServer(opts)
	if err != nil {
		return nil, err
	}
	go func() {
		eng, err := open(ctx)
		if err == nil && eng == nil {
			err = errors.New("open engine: no engine")
		}
		s.eng, s.openErr = eng, err
		close(s.ready)
	}()
	return s, nil
}

func newServer(opts Options) (*Server, error) {
	if opts.MaxResponseBytes <= 0 {
		opts.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if opts.RootsTimeout <= 0 {
		opts.RootsTimeout = 2 * time.Second
	}
	if opts.SamplingTimeout <= 0 {
		opts.SamplingTimeout = defaultSamplingTimeout
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	version := opts.Version
	if version == "" {
		version = "dev"
	}
	s := &Server{opts: opts, log: log, ready: make(chan struct{}), watching: make(chan struct{})}
	ns, err := newNamespaces(opts, log)
	if err != nil {
		return nil, err
	}
	s.ns = ns
	s.mcp = mcp.NewServer(&mcp.Implementation{Name: serverName, Title: "sweet memory", Version: version}, &mcp.ServerOptions{
		Instructions: instructions,
		Logger:       log,
		// Said outright, since tools, resources and prompts are registered
		// in the background (see below).
		Capabilities: &mcp.ServerCapabilities{
			Tools:     &mcp.ToolCapabilities{ListChanged: true},
			Resources: &mcp.ResourceCapabilities{Subscribe: true, ListChanged: true},
			Prompts:   &mcp.PromptCapabilities{ListChanged: true},
		},
		PageSize:           100,
		SubscribeHandler:   s.awaitWatch,
		UnsubscribeHandler: func(context.Context, *mcp.UnsubscribeRequest) error { return nil },
		//lint:ignore SA1019 roots still name the project for handshake-era clients
		RootsListChangedHandler: func(_ context.Context, r *mcp.RootsListChangedRequest) { s.ns.forget(r.Session) },
	})
	s.mcp.AddReceivingMiddleware(s.waitEngine)
	// Inferring and resolving some twenty tool schemas takes tens of
	// milliseconds: it runs while the caller opens the engine and starts
	// serving. Run and MCP wait for it, so no session exists while tools
	// are added (the SDK would announce each with tools/list_changed, even
	// before initialize).
	s.built = make(chan struct{})
	go func() {
		defer close(s.built)
		s.addMemoryTools()
		s.addGraphTools()
		s.addReasonTools()
		s.addResources()
		s.addPrompts()
	}()
	if opts.Plugins {
		s.plg = &pluginTools{served: map[string]bool{}}
	}
	return s, nil
}

// MCP returns the underlying SDK server (for in-process transports), once
// its tools, resources and prompts are registered.
func (s *Server) MCP() *mcp.Server {
	<-s.built
	return s.mcp
}

// Run serves one transport until the client goes away or ctx ends, and
// meanwhile forwards changes made by any sweet process to subscribed
// clients (and serves plugin tools, with Options.Plugins).
func (s *Server) Run(ctx context.Context, t mcp.Transport) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	started := make(chan error, 1)
	go func() { started <- s.startEngine(ctx, cancel) }()
	err := s.MCP().Run(ctx, t)
	cancel()
	startErr := <-started // the engine's goroutines are started (or never will be)
	if s.plg != nil && s.plg.p != nil {
		s.closePlugins()
	}
	if startErr != nil {
		return startErr
	}
	if err == nil || errors.Is(err, io.EOF) || errors.Is(err, mcp.ErrConnectionClosed) || ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("serve mcp: %w", err)
}

// awaitWatch holds a subscribe request until changes are being followed.
func (s *Server) awaitWatch(ctx context.Context, _ *mcp.SubscribeRequest) error {
	select {
	case <-s.watching:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// startEngine waits for the engine, then follows changes for resource
// subscriptions and starts the plugins. A failure stops serving.
func (s *Server) startEngine(ctx context.Context, stop context.CancelFunc) error {
	defer s.watchingOnce.Do(func() { close(s.watching) })
	select {
	case <-s.ready:
	case <-ctx.Done():
		<-s.ready // Open's goroutine owns the engine until it is done
		return s.openErr
	}
	if s.openErr != nil {
		stop()
		return s.openErr
	}
	changes, err := s.eng.Watch(ctx, s.opts.WatchInterval)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		stop()
		return fmt.Errorf("watch changes: %w", err)
	}
	go s.notifyChanges(ctx, changes)
	s.watchingOnce.Do(func() { close(s.watching) })
	if s.plg != nil {
		s.openPlugins()
		s.startPlugins(ctx)
	}
	return nil
}

// ServeStdio runs the server on a hardened connection over in and out
// (stdin and stdout). It returns nil when the client closes its side.
func (s *Server) ServeStdio(ctx context.Context, in io.Reader, out io.Writer) error {
	return s.Run(ctx, &Transport{In: in, Out: out, Logger: s.log})
}
