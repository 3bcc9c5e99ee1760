package reason

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentSessions drives several sessions from several goroutines,
// two per session, under the race detector: operations on one session run
// one at a time and none is lost.
func TestConcurrentSessions(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, t.TempDir())
	r := New(Config{Embedder: sharedBuiltin, Store: db, MaxSessions: 2})
	const sessions, perWriter = 4, 5
	ids := make([]string, sessions)
	for i := range ids {
		o, err := r.Start(ctx, StartRequest{Problem: fmt.Sprintf("Problem number %d about caching.", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = o.ID
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*sessions*perWriter)
	for _, id := range ids {
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range perWriter {
					req := Request{SessionID: id, ParentID: RootID, Thought: fmt.Sprintf("Writer %d thought %d: cache the results.", w, k), ThoughtNumber: k + 1, NextThoughtNeeded: true}
					if _, err := r.Process(ctx, nil, req); err != nil {
						errs <- err
					}
					if _, err := r.Show(ctx, id); err != nil {
						errs <- err
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, id := range ids {
		o, err := r.Show(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(o.Thoughts) - 1; got != 2*perWriter {
			t.Errorf("session %s holds %d thoughts, want %d", id, got, 2*perWriter)
		}
	}
	if r.Len() > 2 {
		t.Errorf("%d sessions in memory, MaxSessions is 2", r.Len())
	}
}
