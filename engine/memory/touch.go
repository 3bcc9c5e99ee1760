package memory

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/sweetmcp/sweet/store"
)

// toucher records reads (access time and count) in the background, batched,
// so a search never waits for a write lock that another process may hold.
// close flushes what is pending, so a short-lived CLI process loses nothing.
type toucher struct {
	db       *store.DB
	readOnly bool
	log      *slog.Logger

	mu      sync.Mutex
	pending map[int64]int
	meta    map[string]func() (string, error)
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
	closed  bool
	// onWritten, when set, learns which memories a flush recorded how many
	// reads of.
	onWritten func(reads map[int64]int, at time.Time)
}

const touchDelay = 300 * time.Millisecond

func newToucher(db *store.DB, readOnly bool, log *slog.Logger, onWritten func(map[int64]int, time.Time)) *toucher {
	t := &toucher{db: db, readOnly: readOnly, log: log, onWritten: onWritten, pending: map[int64]int{},
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	if !readOnly {
		go t.loop()
	} else {
		close(t.done)
	}
	return t
}

// add queues reads of these memories.
func (t *toucher) add(rowIDs []int64) {
	if t.readOnly || len(rowIDs) == 0 {
		return
	}
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return
	}
	for _, id := range rowIDs {
		t.pending[id]++
	}
	t.mu.Unlock()
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

func (t *toucher) loop() {
	defer close(t.done)
	for {
		select {
		case <-t.wake:
			// Gather the reads of a burst into one write.
			select {
			case <-time.After(touchDelay):
			case <-t.stop:
				return
			}
			t.flush()
		case <-t.stop:
			return
		}
	}
}

// setMeta queues a settings write (the router's state) for the next flush;
// value is computed then, so a burst of changes is serialised once.
func (t *toucher) setMeta(key string, value func() (string, error)) {
	if t.readOnly {
		return
	}
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return
	}
	if t.meta == nil {
		t.meta = map[string]func() (string, error){}
	}
	t.meta[key] = value
	t.mu.Unlock()
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// flush writes pending reads and settings.
func (t *toucher) flush() {
	t.mu.Lock()
	batch, meta := t.pending, t.meta
	t.pending, t.meta = map[int64]int{}, nil
	t.mu.Unlock()
	if len(batch) > 0 || len(meta) > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := t.db.Write(ctx, func(tx *store.Tx) error {
			for k, value := range meta {
				v, err := value()
				if err != nil {
					return err
				}
				if err := tx.SetMeta(ctx, k, v); err != nil {
					return err
				}
			}
			return tx.TouchMemories(ctx, batch)
		})
		cancel()
		if err != nil {
			t.log.Warn("Recording memory reads failed", "memories", len(batch), "err", err)
		} else if t.onWritten != nil {
			t.onWritten(batch, time.Now())
		}
	}
}

func (t *toucher) close() error {
	if t.readOnly {
		return nil
	}
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return nil
	}
	t.closed = true
	t.mu.Unlock()
	close(t.stop)
	<-t.done
	t.flush()
	return nil
}
