package tui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/engine/reason"
	"github.com/sweetmcp/sweet/plugins"
)

// Engine is what the TUI needs from sweet's engine. *engine.Engine provides
// it through [Wrap]; tests may pass their own implementation.
type Engine interface {
	List(ctx context.Context, r memory.ListRequest) (*memory.ListPage, error)
	Get(ctx context.Context, ids ...string) ([]*memory.Memory, error)
	Search(ctx context.Context, r memory.SearchRequest) (*memory.SearchResponse, error)
	Add(ctx context.Context, r memory.AddRequest) (*memory.AddResult, error)
	Update(ctx context.Context, r memory.UpdateRequest) (*memory.UpdateResult, error)
	Delete(ctx context.Context, ids ...string) (int64, error)
	Related(ctx context.Context, r memory.RelatedRequest) ([]memory.Related, error)
	Links(ctx context.Context, id string) ([]memory.Link, error)
	Stats(ctx context.Context, scope memory.Scope) (*memory.Stats, error)
	// Watch sends batches of changes made by any sweet process until ctx ends.
	Watch(ctx context.Context, interval time.Duration) (<-chan []engine.Change, error)

	// ReasonSessions lists up to limit stored reasoning sessions, most
	// recently updated first.
	ReasonSessions(ctx context.Context, limit int) ([]ReasonSummary, error)
	// ReasonSession returns one session's tree, scores and best path.
	ReasonSession(ctx context.Context, id string) (*reason.Overview, error)
	// Plugins lists the installed plugins, their grants (secret values
	// removed) and the tools they serve.
	Plugins(ctx context.Context) (*PluginList, error)
	// CallTool calls a plugin tool by the name PluginTool.Name gives.
	CallTool(ctx context.Context, name string, args json.RawMessage) (*plugins.CallResult, error)
}

// ReasonSummary is one stored reasoning session as the reasoning pane lists
// it. Version changes whenever any process saves the session, so the pane
// reloads a tree only when it moved on.
type ReasonSummary struct {
	ID        string
	Version   int64
	Problem   string
	Strategy  reason.Strategy
	Thoughts  int // the root (the problem) not counted
	BestScore float64
	UpdatedAt time.Time
}

// liveEngine adapts an open *engine.Engine: memory calls go to its memory
// service, Watch to the engine's change-log poller, reasoning to a reasoner
// over the engine's database and plugins to the engine's plugin facade.
type liveEngine struct {
	*memory.Service
	e *engine.Engine
	x *liveExtras
}

// liveExtras holds what the live engine opens on first use: neither is
// needed until its pane asks, and the plugin runtime is not cheap to start.
type liveExtras struct {
	reasonOnce sync.Once
	reasoner   *reason.Reasoner

	mu      sync.Mutex
	plugins *engine.Plugins
	closed  bool
}

// Wrap returns e as the TUI's Engine. The TUI releases what it opened on
// e (the plugin runtime) when it stops; e itself stays the caller's.
func Wrap(e *engine.Engine) Engine {
	return liveEngine{Service: e.Memory, e: e, x: &liveExtras{}}
}

func (l liveEngine) Watch(ctx context.Context, interval time.Duration) (<-chan []engine.Change, error) {
	return l.e.Watch(ctx, interval)
}

// reasonerFor returns the reasoner reading sessions from the database. It
// reuses the engine's built-in embedder when there is one (its data is
// decoded once per process).
func (l liveEngine) reasonerFor() *reason.Reasoner {
	l.x.reasonOnce.Do(func() {
		b, _ := l.e.Memory.Embedder().(*embed.Builtin)
		l.x.reasoner = reason.New(reason.Config{Store: l.e.DB, Memory: l.e.Memory, Embedder: b})
	})
	return l.x.reasoner
}

func (l liveEngine) ReasonSessions(ctx context.Context, limit int) ([]ReasonSummary, error) {
	infos, err := l.e.DB.ListReasonSessions(ctx, limit)
	if err != nil {
		return nil, err
	}
	r := l.reasonerFor()
	out := make([]ReasonSummary, 0, len(infos))
	for _, info := range infos {
		o, err := r.Show(ctx, info.ID)
		if errors.Is(err, reason.ErrNotFound) {
			continue // deleted between the list and the read
		}
		if err != nil {
			return nil, fmt.Errorf("read reasoning session %s: %w", info.ID, err)
		}
		out = append(out, ReasonSummary{ID: o.ID, Version: info.Version, Problem: o.Problem, Strategy: o.Strategy,
			Thoughts: max(0, o.Stats.TotalNodes-1), BestScore: o.BestScore, UpdatedAt: info.UpdatedAt})
	}
	return out, nil
}

func (l liveEngine) ReasonSession(ctx context.Context, id string) (*reason.Overview, error) {
	return l.reasonerFor().Show(ctx, id)
}
