package tui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/store"
)

// syntheticJSONL is n memories in sweet's export format, varied enough for
// the indexes to be realistic, with every tenth one linked to the previous.
func syntheticJSONL(n int) []byte {
	r := rand.New(rand.NewPCG(7, 1))
	subjects := []string{"The billing service", "Our Postgres primary", "The CI pipeline", "Staging", "The search index", "The payments API", "The queue worker", "Kubernetes in the EU"}
	verbs := []string{"restarts", "fails over", "is deployed", "retries", "is backed up", "gets rate limited", "is cached", "is monitored"}
	whens := []string{"nightly at 3am", "before each release", "every ten minutes", "after a schema change", "when the disk is full", "on Mondays", "during the canary", "if the p99 latency rises"}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	one := 1.0
	for i := range n {
		at := base.Add(time.Duration(i) * time.Minute)
		m := &memory.Memory{ID: fmt.Sprintf("01TUIBENCH%016d", i), Namespace: "bench", Type: memory.Types[r.IntN(len(memory.Types))],
			Content: fmt.Sprintf("N%d: %s %s %s", i, subjects[r.IntN(len(subjects))], verbs[r.IntN(len(verbs))], whens[r.IntN(len(whens))]),
			Tags:    []string{[]string{"ops", "dev", "db", "ci"}[r.IntN(4)]}, Metadata: json.RawMessage("{}"), Importance: float64(r.IntN(10)) / 10, CreatedAt: at, UpdatedAt: at}
		_ = enc.Encode(memory.Record{Kind: memory.KindMemory, Memory: m})
		if i%10 == 9 {
			_ = enc.Encode(memory.Record{Kind: memory.KindRelation, From: m.ID, To: fmt.Sprintf("01TUIBENCH%016d", i-1), RelType: "related_to", Strength: &one})
		}
	}
	return buf.Bytes()
}

// realDB returns a data directory holding n synthetic memories, settled as
// a user's database is when `sweet tui` starts: imported, closed, and
// opened once more so the engine has written its index snapshot. With
// SWEET_TUI_BENCH_DIR set, the database is kept in that directory and
// reused by later runs.
func realDB(b *testing.B, n int) string {
	b.Helper()
	ctx := context.Background()
	dir, keep := os.LookupEnv("SWEET_TUI_BENCH_DIR")
	if !keep {
		dir = b.TempDir()
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); err == nil && keep {
		return dir
	}
	eng, err := engine.Open(ctx, engine.Config{DataDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if _, err := eng.Memory.ImportJSONL(ctx, memory.FormatSweet, bytes.NewReader(syntheticJSONL(n)), memory.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Logf("imported %d memories in %v", n, time.Since(start).Round(time.Millisecond))
	for range 2 { // the first reopen builds the index snapshot
		if err := eng.Close(); err != nil {
			b.Fatal(err)
		}
		if eng, err = engine.Open(ctx, engine.Config{DataDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
	if err := eng.Close(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// untilScreen runs a model the way bubbletea does (commands concurrently,
// messages through Update one at a time) until its view contains every
// string in want. Commands that wait (ticks, the change feed) are left
// behind when ctx ends.
func untilScreen(b *testing.B, ctx context.Context, eng Engine, scope memory.Scope, w, h int, want ...string) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	m, err := New(ctx, Options{Engine: eng, Scope: scope, Namespace: "bench", WatchInterval: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	msgs := make(chan tea.Msg, 64)
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					run(c)
				}
				return
			}
			select {
			case msgs <- msg:
			case <-ctx.Done():
			}
		}()
	}
	_, cmd := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(cmd)
	run(m.Init())
	deadline := time.After(time.Minute)
	for {
		view := m.View().Content
		done := true
		for _, s := range want {
			done = done && strings.Contains(view, s)
		}
		if done {
			return
		}
		select {
		case msg := <-msgs:
			_, cmd := m.Update(msg)
			run(cmd)
		case <-deadline:
			b.Fatalf("the screen never showed %q:\n%s", want, ansi.Strip(view))
		}
	}
}

// BenchmarkRealDB100k opens the TUI over a real database of 100,000
// memories (10,000 links): "open" is engine.Open, which `sweet tui` does
// first; then, with every namespace in scope and with the default scope
// (the project's namespace and "global"), "first-frame" is until the
// memories list shows its first page and "complete" until the graph of the
// newest memory and the status bar's counts are on screen too. Building the
// database (an ImportJSONL, a few minutes on 2 cores) is not timed.
func BenchmarkRealDB100k(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 100k-memory database")
	}
	dir := realDB(b, 100_000)
	ctx := context.Background()
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			eng, err := engine.Open(ctx, engine.Config{DataDir: dir})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			eng.Close()
			b.StartTimer()
		}
	})
	live, err := engine.Open(ctx, engine.Config{DataDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { live.Close() })
	eng := Wrap(live)
	newest := "N99999:"
	scopes := []struct {
		name  string
		scope memory.Scope
	}{{"all", memory.Scope{All: true}}, {"project+global", memory.DefaultScope("bench")}}
	for _, sc := range scopes {
		b.Run(sc.name+"/first-frame", func(b *testing.B) {
			for b.Loop() {
				untilScreen(b, ctx, eng, sc.scope, 120, 40, newest)
			}
		})
		b.Run(sc.name+"/complete", func(b *testing.B) {
			for b.Loop() {
				untilScreen(b, ctx, eng, sc.scope, 120, 40, newest, "2 nodes", "100000 memories")
			}
		})
	}
}
