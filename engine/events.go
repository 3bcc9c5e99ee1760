package engine

import (
	"context"
	"time"
)

// Change is one change made by any sweet process sharing the database.
type Change struct {
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	Kind      string    `json:"kind"` // memory, relation, entity, vector
	Op        string    `json:"op"`   // insert, update, delete
	Ref       string    `json:"ref"`  // memory id, entity name, ...
	Namespace string    `json:"namespace,omitempty"`
}

// DefaultWatchInterval is how often Watch polls: changes from other
// processes reach subscribers well within a second.
const DefaultWatchInterval = 200 * time.Millisecond

// Watch sends batches of changes made after the call, by this or any other
// process, until ctx ends. Polling the change log's newest sequence number
// is one indexed read, so a poll a few times a second costs nothing
// noticeable.
func (e *Engine) Watch(ctx context.Context, interval time.Duration) (<-chan []Change, error) {
	if interval <= 0 {
		interval = DefaultWatchInterval
	}
	last, err := e.DB.LastChange(ctx)
	if err != nil {
		return nil, err
	}
	out := make(chan []Change, 16)
	go func() {
		defer close(out)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			seq, err := e.DB.LastChange(ctx)
			if err != nil || seq == last {
				continue
			}
			changes, err := e.DB.ChangesSince(ctx, last, 1000)
			if err != nil || len(changes) == 0 {
				continue
			}
			batch := make([]Change, len(changes))
			for i, c := range changes {
				batch[i] = Change{Seq: c.Seq, At: time.UnixMilli(c.At).UTC(), Kind: c.Kind, Op: c.Op, Ref: c.Ref, Namespace: c.Namespace}
			}
			last = changes[len(changes)-1].Seq
			select {
			case out <- batch:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
