package memory

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/vector"
	"github.com/sweetmcp/sweet/store"
)

// Options tunes the service. Zero values take the defaults.
type Options struct {
	// MaxContentBytes refuses larger memories (default 64 KiB).
	MaxContentBytes int
	// NearDuplicateThreshold is the similarity (0..1) at or above which a new
	// memory is reported as a near-duplicate of an existing one (default 0.85).
	NearDuplicateThreshold float64
	// Weights of the search components (defaults: DefaultWeights).
	Weights *Weights
	// RecencyHalfLife is how fast the recency score fades (default 30 days).
	RecencyHalfLife time.Duration
	// RouterSeed seeds the strategy router's random source; 0 seeds it
	// from the clock. Fixed seeds make tests repeatable.
	RouterSeed uint64
	// ReadOnly serves reads only; reads are then not recorded.
	ReadOnly bool
	// Logger receives diagnostics; nil is silent.
	Logger *slog.Logger
}

// Defaults for Options.
const (
	DefaultMaxContentBytes        = 64 << 10
	DefaultNearDuplicateThreshold = 0.85
	DefaultRecencyHalfLife        = 30 * 24 * time.Hour
)

// Service is the memory engine over one database. It is safe for concurrent
// use.
type Service struct {
	db      *store.DB
	emb     embed.Embedder
	builtin *embed.Builtin // set when emb is the built-in embedder (enables re-ranking and expansion)
	opts    Options
	weights Weights
	log     *slog.Logger

	syncMu  sync.Mutex // one catch-up with the change log at a time
	mu      sync.RWMutex
	idx     *vector.Index // nil until the embedder's dimension is known
	rows    map[int64]rowInfo
	nsCount map[string]int   // memories per namespace, to skip filters that keep everything
	byID    map[string]int64 // public id to rowid; nil until a change needs it (see rowIDOf)
	ids     idTable          // rowid to public id
	lastSeq int64
	gen     uint64       // counts changes to the state above, so a snapshot writer notices them
	snapSeq int64        // change-log position of the snapshot last loaded or written; -1 when none
	release func() error // unmaps the snapshot file idx was adopted from; nil when none
	snapw   snapWriter

	touch  *toucher
	terms  termCounts  // how common query terms are, until the next change
	cache  rowCache    // memories searches read, until they change
	names  entityNames // entity names and types, until an entity changes
	router router
}

// rowInfo is what search needs of every memory without a database read: its
// filters' inputs. It is kept small because the service builds a map of
// them over every memory at start-up; public ids live in s.ids.
type rowInfo struct {
	ns      string
	typ     string
	created int64 // Unix ms
}

// New opens the memory service over an open database and loads its index.
func New(ctx context.Context, db *store.DB, emb embed.Embedder, opts Options) (*Service, error) {
	if opts.MaxContentBytes <= 0 {
		opts.MaxContentBytes = DefaultMaxContentBytes
	}
	if opts.NearDuplicateThreshold <= 0 {
		opts.NearDuplicateThreshold = DefaultNearDuplicateThreshold
	}
	if opts.RecencyHalfLife <= 0 {
		opts.RecencyHalfLife = DefaultRecencyHalfLife
	}
	s := &Service{db: db, emb: emb, opts: opts, weights: DefaultWeights(), log: opts.Logger}
	if opts.Weights != nil {
		s.weights = *opts.Weights
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.builtin, _ = emb.(*embed.Builtin)
	if s.builtin != nil {
		// Decode the embedder's data while the index loads: the first
		// search needs it, and on two cores the overlap is most of its cost.
		go s.builtin.Load()
	}
	s.snapSeq = -1
	if err := s.open(ctx); err != nil {
		return nil, err
	}
	s.touch = newToucher(db, opts.ReadOnly, s.log, s.cache.touched)
	return s, nil
}

// changeLogKeep is how long change-log entries are kept. A process idle for
// longer finds a gap in the log and reloads instead of replaying.
const changeLogKeep = 7 * 24 * time.Hour

// pruneChangeLog drops old change-log entries so the log does not grow
// forever; failing it costs nothing but space. The delete scans the whole
// log (its time is not indexed), so it runs after each snapshot write, in
// the background, rather than at every start: the log then holds at most
// the entries since the last snapshot plus a week.
func (s *Service) pruneChangeLog(ctx context.Context) {
	cutoff := time.Now().Add(-changeLogKeep).UnixMilli()
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.PruneChanges(ctx, cutoff)
		return err
	})
	if err != nil {
		s.log.Warn("Pruning the change log failed", "err", err)
	}
}

// open loads the in-memory state: from the index snapshot when there is a
// usable one, then replaying the change log past it; otherwise from the
// tables, writing a snapshot for the next process.
func (s *Service) open(ctx context.Context) error {
	if s.loadSnapshot(ctx) {
		return s.Sync(ctx)
	}
	return s.reload(ctx)
}

// Close writes pending access records and waits for a snapshot being
// written. The database stays open (its owner closes it); the service must
// not be used after Close.
func (s *Service) Close() error {
	err := s.touch.close()
	s.mu.RLock()
	behind := s.lastSeq - s.snapSeq
	s.mu.RUnlock()
	if behind > snapshotRefresh {
		// Leave the next process a snapshot it can replay quickly, even if
		// the last one was written too recently to refresh it before.
		s.persistLater(true)
	}
	s.stopSnapshots()
	s.mu.Lock()
	release := s.release
	if release != nil {
		s.idx, s.release = nil, nil // its matrix lives in the mapping
	}
	s.mu.Unlock()
	releaseSnapshot(release, s)
	return err
}

// DB returns the underlying store (for the engine's other services).
func (s *Service) DB() *store.DB { return s.db }

// Embedder returns the embedder the service uses.
func (s *Service) Embedder() embed.Embedder { return s.emb }

// reload rebuilds the in-memory state from the database. The change-log
// position is read first: whatever commits during the load is replayed by
// the next sync, and replaying is idempotent.
func (s *Service) reload(ctx context.Context) error {
	seq, err := s.db.LastChange(ctx)
	if err != nil {
		return err
	}
	s.mu.RLock()
	hint := len(s.rows)
	s.mu.RUnlock()
	rows := make(map[int64]rowInfo, hint)
	nsCount := make(map[string]int)
	var ids idTableBuilder
	err = s.db.RowInfos(ctx, func(ri store.RowInfo) error {
		rows[ri.RowID] = toRowInfo(ri)
		nsCount[ri.Namespace]++
		ids.add(ri.RowID, ri.ID) // RowInfos streams in rowid order
		return nil
	})
	if err != nil {
		return err
	}
	idx, err := s.loadVectors(ctx, len(rows))
	if err != nil {
		return err
	}
	s.mu.Lock()
	old := s.release
	s.rows, s.nsCount, s.byID, s.idx, s.lastSeq, s.release = rows, nsCount, nil, idx, seq, nil
	s.ids = ids.table()
	s.gen++
	s.mu.Unlock()
	s.cache.clear()
	s.names.drop()
	releaseSnapshot(old, s)
	s.persistLater(true)
	return nil
}

// loadVectors builds the vector index from the stored vectors of the
// current model. With an HTTP embedder whose dimension is not known yet, the
// stored vectors tell it.
func (s *Service) loadVectors(ctx context.Context, capacity int) (*vector.Index, error) {
	var idx *vector.Index
	model := s.emb.Model()
	err := s.db.Vectors(ctx, model, func(v store.Vector) error {
		if idx == nil {
			var err error
			if idx, err = vector.New(v.Dim); err != nil {
				return fmt.Errorf("vector index for %s: %w", model, err)
			}
			idx.Grow(capacity)
		}
		vec, err := vector.DecodeFloat32LE(v.Data, v.Dim)
		if err != nil {
			return fmt.Errorf("memory %d vector: %w", v.RowID, err)
		}
		if err := idx.Upsert(v.RowID, vec); err != nil {
			if errors.Is(err, vector.ErrDimMismatch) {
				return fmt.Errorf("stored vectors for model %s have mixed dimensions; run `sweet memory reindex`", model)
			}
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if idx == nil && s.emb.Dim() > 0 {
		if idx, err = vector.New(s.emb.Dim()); err != nil {
			return nil, err
		}
	}
	return idx, nil
}

func toRowInfo(ri store.RowInfo) rowInfo {
	return rowInfo{ns: ri.Namespace, typ: ri.Type, created: ri.CreatedAt}
}
