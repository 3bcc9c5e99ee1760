package tui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/engine/reason"
)

// fakeEngine is an in-memory Engine for tests that need exact, repeatable
// screens (fixed ids and times). The real engine is tested in
// engine_test.go.
type fakeEngine struct {
	mu     sync.Mutex
	mems   []*memory.Memory // oldest first
	links  []memory.Link
	seq    int
	subs   []chan []engine.Change
	failed error // when set, every call fails with it
	lists  int   // List calls, to check lazy paging

	sessions  []*reason.Overview
	versions  map[string]int64
	plugins   []PluginInfo
	calls     []string // CallTool calls: "name args"
	hold      bool     // CallTool runs until its context ends
	cancelled int      // calls that ended that way
}

var fakeEpoch = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func newFakeEngine(n int) *fakeEngine {
	f := &fakeEngine{sessions: fakeSessions(), versions: map[string]int64{}, plugins: fakePlugins()}
	types := []string{"semantic", "episodic", "procedural", "fact"}
	for i := 0; i < n; i++ {
		f.mems = append(f.mems, &memory.Memory{
			ID: fmt.Sprintf("m%07d-aaaa", i), Namespace: []string{"proj", "global"}[i%2], Type: types[i%4],
			Content: fmt.Sprintf("Memory number %d about %s", i, []string{"databases", "testing", "deploys", "tuis"}[i%4]),
			Tags:    []string{[]string{"ops", "dev", "ci"}[i%3]}, Importance: 0.5,
			CreatedAt: fakeEpoch.Add(time.Duration(i) * time.Hour), UpdatedAt: fakeEpoch.Add(time.Duration(i) * time.Hour),
		})
	}
	for i := 1; i < min(n, 6); i++ {
		f.links = append(f.links, memory.Link{From: f.mems[0].ID, To: f.mems[i].ID, Type: memory.RelationTypes[i%len(memory.RelationTypes)], Strength: 0.8})
	}
	return f
}

func (f *fakeEngine) err() error { return f.failed }

func (f *fakeEngine) List(ctx context.Context, r memory.ListRequest) (*memory.ListPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists++
	if err := f.err(); err != nil {
		return nil, err
	}
	start := 0
	if r.Cursor != "" {
		start, _ = strconv.Atoi(r.Cursor)
	}
	var out []*memory.Memory
	next := ""
	for i := start; i < len(f.mems); i++ {
		m := f.mems[i]
		if r.NewestFirst {
			m = f.mems[len(f.mems)-1-i]
		}
		if len(r.Types) > 0 && !slices.Contains(r.Types, m.Type) || len(r.Tags) > 0 && !slices.Contains(m.Tags, r.Tags[0]) {
			continue
		}
		if r.Limit > 0 && len(out) == r.Limit {
			next = strconv.Itoa(i)
			break
		}
		out = append(out, m)
	}
	return &memory.ListPage{Memories: out, NextCursor: next}, nil
}

func (f *fakeEngine) find(id string) *memory.Memory {
	for _, m := range f.mems {
		if m.ID == id {
			return m
		}
	}
	return nil
}

func (f *fakeEngine) Get(ctx context.Context, ids ...string) ([]*memory.Memory, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	var out []*memory.Memory
	for _, id := range ids {
		if m := f.find(id); m != nil {
			out = append(out, m)
		}
	}
	return out, nil
}

func (f *fakeEngine) Search(ctx context.Context, r memory.SearchRequest) (*memory.SearchResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	var res []memory.Result
	for i := len(f.mems) - 1; i >= 0 && len(res) < r.Limit; i-- {
		m := f.mems[i]
		if strings.Contains(strings.ToLower(m.Content), strings.ToLower(r.Query)) {
			score := 0.05 / float64(len(res)+1)
			res = append(res, memory.Result{Memory: m, Score: score, Explain: &memory.Explanation{
				Lexical: &memory.Component{Rank: len(res) + 1, Score: 2.5, Contribution: score * 0.6},
				Vector:  &memory.Component{Rank: len(res) + 2, Score: 0.41, Contribution: score * 0.4},
			}})
		}
	}
	return &memory.SearchResponse{Results: res}, nil
}

func (f *fakeEngine) Add(ctx context.Context, r memory.AddRequest) (*memory.AddResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	typ := r.Type
	if typ == "" {
		typ = memory.TypeSemantic
	}
	at := fakeEpoch.Add(time.Duration(len(f.mems)) * time.Hour)
	m := &memory.Memory{ID: fmt.Sprintf("n%07d-bbbb", len(f.mems)), Namespace: r.Namespace, Type: typ, Content: r.Content,
		Tags: r.Tags, Importance: 0.5, CreatedAt: at, UpdatedAt: at}
	f.mems = append(f.mems, m)
	f.notify(m.ID, "insert")
	return &memory.AddResult{Memory: m, Status: "created"}, nil
}

func (f *fakeEngine) Update(ctx context.Context, r memory.UpdateRequest) (*memory.UpdateResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	m := f.find(r.ID)
	if m == nil {
		return nil, memory.ErrNotFound
	}
	if r.Content != nil {
		m.Content = *r.Content
	}
	if r.Type != nil {
		m.Type = *r.Type
	}
	if r.Tags != nil {
		m.Tags = *r.Tags
	}
	f.notify(m.ID, "update")
	return &memory.UpdateResult{Memory: m}, nil
}

func (f *fakeEngine) Delete(ctx context.Context, ids ...string) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return 0, err
	}
	var n int64
	for _, id := range ids {
		if i := slices.IndexFunc(f.mems, func(m *memory.Memory) bool { return m.ID == id }); i >= 0 {
			f.mems = slices.Delete(f.mems, i, i+1)
			n++
			f.notify(id, "delete")
		}
	}
	return n, nil
}

func (f *fakeEngine) Related(ctx context.Context, r memory.RelatedRequest) ([]memory.Related, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	var out []memory.Related
	for _, l := range f.links {
		other := ""
		switch r.ID {
		case l.From:
			other = l.To
		case l.To:
			other = l.From
		}
		if m := f.find(other); m != nil {
			out = append(out, memory.Related{Memory: m, Depth: 1, Strength: l.Strength, Via: l.Type})
		}
	}
	return out, nil
}

func (f *fakeEngine) Links(ctx context.Context, id string) ([]memory.Link, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	var out []memory.Link
	for _, l := range f.links {
		if l.From == id || l.To == id {
			out = append(out, l)
		}
	}
	return out, nil
}

func (f *fakeEngine) Stats(ctx context.Context, scope memory.Scope) (*memory.Stats, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	st := &memory.Stats{Memories: int64(len(f.mems)), Relations: int64(len(f.links)), ByType: map[string]int64{},
		ByNamespace: map[string]int64{}, PerDay: map[string]int64{}, Embedder: "fake-64"}
	for _, m := range f.mems {
		st.ByType[m.Type]++
		st.ByNamespace[m.Namespace]++
		st.PerDay[m.CreatedAt.Format("2006-01-02")]++
	}
	return st, nil
}

func (f *fakeEngine) Watch(ctx context.Context, interval time.Duration) (<-chan []engine.Change, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ch := make(chan []engine.Change, 16)
	f.subs = append(f.subs, ch)
	go func() {
		<-ctx.Done()
		f.mu.Lock()
		defer f.mu.Unlock()
		if i := slices.Index(f.subs, ch); i >= 0 {
			f.subs = slices.Delete(f.subs, i, i+1)
			close(ch)
		}
	}()
	return ch, nil
}

// notify tells watchers about a change; the caller holds f.mu.
func (f *fakeEngine) notify(id, op string) {
	f.seq++
	for _, ch := range f.subs {
		select {
		case ch <- []engine.Change{{Seq: int64(f.seq), Kind: memory.KindMemory, Op: op, Ref: id}}:
		default:
		}
	}
}

// addExternal adds a memory as another process would: only the watch
// feed tells the TUI about it.
func (f *fakeEngine) addExternal(content string) {
	_, _ = f.Add(context.Background(), memory.AddRequest{Content: content, Namespace: "proj"})
}
