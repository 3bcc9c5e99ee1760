package tui

import (
	"context"
	"time"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/memory"
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
}

// liveEngine adapts an open *engine.Engine: memory calls go to its memory
// service, Watch to the engine's change-log poller.
type liveEngine struct {
	*memory.Service
	e *engine.Engine
}

// Wrap returns e as the TUI's Engine.
func Wrap(e *engine.Engine) Engine { return liveEngine{Service: e.Memory, e: e} }

func (l liveEngine) Watch(ctx context.Context, interval time.Duration) (<-chan []engine.Change, error) {
	return l.e.Watch(ctx, interval)
}
