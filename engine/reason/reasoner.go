package reason

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/memory"
)

var (
	// ErrInvalid wraps every request the caller must fix; it is the memory
	// service's error, so front ends map both the same way.
	ErrInvalid = memory.ErrInvalid
	// ErrNotFound is returned for a session id that names no session.
	ErrNotFound = memory.ErrNotFound
	// ErrNoSampler is returned by Expand when no sampler is given: only the
	// client's model proposes thoughts, the reasoner never invents them.
	ErrNoSampler = errors.New("no sampler: the MCP client does not support sampling")
	// ErrConflict is returned when another process saved the same session
	// between this one's load and save; repeating the request succeeds.
	ErrConflict = errors.New("session changed in another sweet process")
)

// Defaults of Config.
const (
	DefaultMaxNodes        = 2000
	DefaultMaxSessions     = 64
	DefaultIdleTTL         = time.Hour
	DefaultMaxThoughtBytes = 16 << 10
)

// Store persists sessions as JSON documents with a version that each save
// increments. *store.DB implements it.
type Store interface {
	LoadReasonSession(ctx context.Context, id string) ([]byte, int64, error)
	ReasonSessionVersion(ctx context.Context, id string) (int64, error)
	// SaveReasonSession saves with the version last loaded (0: new) and
	// returns the new version; it fails, changing nothing, when the stored
	// version moved on.
	SaveReasonSession(ctx context.Context, id string, data []byte, version int64) (int64, error)
	DeleteReasonSession(ctx context.Context, id string) error
}

// Memory is what the reasoner uses of the memory service: search for
// evidence, add and link to save a session. *memory.Service implements it.
type Memory interface {
	Searcher
	Add(ctx context.Context, r memory.AddRequest) (*memory.AddResult, error)
	Link(ctx context.Context, r memory.LinkRequest) (*memory.Link, error)
}

// Config tunes a Reasoner. Zero values take the defaults.
type Config struct {
	// MaxNodes bounds the thoughts of one session, its root included.
	MaxNodes int
	// MaxSessions bounds the sessions held in memory; the least recently
	// used one is dropped from memory (it stays in Store, if any).
	MaxSessions int
	// IdleTTL drops sessions from memory after this long unused.
	IdleTTL time.Duration
	// MaxThoughtBytes bounds one thought's text.
	MaxThoughtBytes int
	// Now is the clock for idle expiry and timestamps (time.Now).
	Now func() time.Time
	// NewID names new sessions (memory.NewID, a ULID); tests make it
	// deterministic.
	NewID func() string
	// Store persists sessions; nil keeps them in memory only.
	Store Store
	// Memory gives the evaluators stored memories to check thoughts
	// against and lets Save write sessions as memories; nil disables both.
	Memory Memory
	// Embedder is the built-in embedder used for coherence and novelty;
	// nil makes one.
	Embedder *embed.Builtin
	// Committee lists the perspectives of a committee rating
	// (DefaultCommittee when empty).
	Committee []Perspective
}

// Reasoner holds reasoning sessions and scores and searches them. It is
// safe for concurrent use; operations on one session run one at a time.
type Reasoner struct {
	cfg      Config
	eval     evaluator
	mu       sync.Mutex
	sessions map[string]*Session
	current  string // the session a request without sessionId continues
}

// New returns a reasoner.
func New(cfg Config) *Reasoner {
	if cfg.MaxNodes <= 0 {
		cfg.MaxNodes = DefaultMaxNodes
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.IdleTTL <= 0 {
		cfg.IdleTTL = DefaultIdleTTL
	}
	if cfg.MaxThoughtBytes <= 0 {
		cfg.MaxThoughtBytes = DefaultMaxThoughtBytes
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.NewID == nil {
		cfg.NewID = memory.NewID
	}
	if cfg.Embedder == nil {
		cfg.Embedder = embed.NewBuiltin()
	}
	if len(cfg.Committee) == 0 {
		cfg.Committee = DefaultCommittee
	}
	return &Reasoner{cfg: cfg, eval: evaluator{emb: cfg.Embedder}, sessions: map[string]*Session{}}
}

// Len returns the number of sessions held in memory.
func (r *Reasoner) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.sessions)
}

// Expire drops sessions idle for longer than Config.IdleTTL from memory and
// returns how many went. Every operation calls it; a server may also call
// it on a timer.
func (r *Reasoner) Expire() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.expireLocked()
}

func (r *Reasoner) expireLocked() int {
	cutoff := r.cfg.Now().Add(-r.cfg.IdleTTL)
	n := 0
	for id, s := range r.sessions {
		if !s.mu.TryLock() {
			continue // in use, so not idle
		}
		if s.lastUsed.Before(cutoff) {
			delete(r.sessions, id)
			n++
		}
		s.mu.Unlock()
	}
	r.trimLocked("")
	return n
}

// insertLocked adds a session and trims the map to MaxSessions.
func (r *Reasoner) insertLocked(s *Session) *Session {
	if old, ok := r.sessions[s.ID]; ok {
		return old // another goroutine loaded it first
	}
	r.sessions[s.ID] = s
	r.trimLocked(s.ID)
	return s
}

// trimLocked drops the least recently used sessions beyond MaxSessions,
// except keep and those in use; sessions in use while the map was full are
// dropped by a later call, so the bound is exceeded only while they run.
func (r *Reasoner) trimLocked(keep string) {
	if len(r.sessions) <= r.cfg.MaxSessions {
		return
	}
	ids := make([]string, 0, len(r.sessions))
	for id := range r.sessions {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return r.sessions[a].lastUsed.Compare(r.sessions[b].lastUsed) })
	for _, id := range ids {
		if len(r.sessions) <= r.cfg.MaxSessions {
			break
		}
		v := r.sessions[id]
		if id == keep || !v.mu.TryLock() {
			continue
		}
		delete(r.sessions, id)
		v.mu.Unlock()
	}
}

// acquire returns the session locked, loading it from the store when it is
// not in memory or another process saved a newer version. The caller
// unlocks it (through release or s.mu.Unlock).
func (r *Reasoner) acquire(ctx context.Context, id string) (*Session, error) {
	s, err := r.lockCached(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.cfg.Store != nil && s.version > 0 {
		v, err := r.cfg.Store.ReasonSessionVersion(ctx, id)
		if err == nil && v != s.version {
			var fresh *Session
			if fresh, err = r.load(ctx, id); err == nil {
				s.replace(fresh)
			}
		}
		if err != nil {
			s.mu.Unlock()
			return nil, fmt.Errorf("refresh session %s: %w", id, err)
		}
	}
	return s, nil
}

// lockCached returns the in-memory session locked, loading it first if
// needed. A session can be dropped from memory between the map lookup and
// the lock; then the one now in the map is used (or this one put back), so
// two goroutines never work on two copies of one session.
func (r *Reasoner) lockCached(ctx context.Context, id string) (*Session, error) {
	for {
		r.mu.Lock()
		r.expireLocked()
		s := r.sessions[id]
		r.mu.Unlock()
		if s == nil {
			loaded, err := r.load(ctx, id)
			if err != nil {
				return nil, err
			}
			r.mu.Lock()
			s = r.insertLocked(loaded)
			r.mu.Unlock()
		}
		s.mu.Lock()
		r.mu.Lock()
		cur, ok := r.sessions[id]
		if !ok {
			r.sessions[id] = s
			r.trimLocked(id)
			cur = s
		}
		if cur == s {
			s.lastUsed = r.cfg.Now() // guarded by r.mu: eviction sorts by it
		}
		r.mu.Unlock()
		if cur == s {
			return s, nil
		}
		s.mu.Unlock()
	}
}

// load reads a session from the store.
func (r *Reasoner) load(ctx context.Context, id string) (*Session, error) {
	if r.cfg.Store == nil {
		return nil, fmt.Errorf("%w: no reasoning session %q (it may have expired after %v idle)", ErrNotFound, id, r.cfg.IdleTTL)
	}
	data, version, err := r.cfg.Store.LoadReasonSession(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("%w: no reasoning session %q (sweet reason start creates one)", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	s := &Session{}
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("decode session %s: %w", id, err)
	}
	if err := s.link(); err != nil {
		return nil, fmt.Errorf("decode session %s: %w", id, err)
	}
	s.version, s.lastUsed = version, r.cfg.Now()
	return s, nil
}

// replace takes over the content of a freshly loaded copy, keeping the
// mutex the caller holds.
func (s *Session) replace(f *Session) {
	s.Problem, s.Goal, s.Strategy, s.Namespace = f.Problem, f.Goal, f.Strategy, f.Namespace
	s.CreatedAt, s.UpdatedAt, s.BeamWidth, s.Simulations = f.CreatedAt, f.UpdatedAt, f.BeamWidth, f.Simulations
	s.Thoughts, s.BestPath, s.Next, s.Search, s.Saved = f.Thoughts, f.BestPath, f.Next, f.Search, f.Saved
	s.version = f.version
}

// persist saves a changed session to the store, if there is one.
func (r *Reasoner) persist(ctx context.Context, s *Session) error {
	s.UpdatedAt = r.cfg.Now().UTC()
	if r.cfg.Store == nil {
		return nil
	}
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode session %s: %w", s.ID, err)
	}
	v, err := r.cfg.Store.SaveReasonSession(ctx, s.ID, data, s.version)
	if err != nil {
		// The store's own conflict error is not visible from here (engine
		// packages do not import store); a moved version says the same.
		if cur, verr := r.cfg.Store.ReasonSessionVersion(ctx, s.ID); verr == nil && cur != s.version {
			return fmt.Errorf("%w: session %s was saved by another process while this request ran; send it again", ErrConflict, s.ID)
		}
		return fmt.Errorf("save session %s: %w", s.ID, err)
	}
	s.version = v
	return nil
}

// create makes a new session and holds it locked.
func (r *Reasoner) create(problem, goal string, strategy Strategy, ns string) *Session {
	now := r.cfg.Now().UTC()
	s := newSession(r.cfg.NewID(), problem, goal, strategy, ns, now)
	s.lastUsed = r.cfg.Now()
	s.mu.Lock()
	r.mu.Lock()
	r.expireLocked()
	r.insertLocked(s)
	r.current = s.ID
	r.mu.Unlock()
	return s
}

// Delete removes a session from memory and from the store.
func (r *Reasoner) Delete(ctx context.Context, id string) error {
	r.mu.Lock()
	_, inMemory := r.sessions[id]
	delete(r.sessions, id)
	if r.current == id {
		r.current = ""
	}
	r.mu.Unlock()
	if r.cfg.Store == nil {
		if !inMemory {
			return fmt.Errorf("%w: no reasoning session %q", ErrNotFound, id)
		}
		return nil
	}
	if err := r.cfg.Store.DeleteReasonSession(ctx, id); err != nil && !(inMemory && errors.Is(err, ErrNotFound)) {
		return err
	}
	return nil
}
