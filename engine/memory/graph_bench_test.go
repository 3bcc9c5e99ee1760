package memory

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/sweetmcp/sweet/store"
)

// BenchmarkSearchNodes is one search_nodes call in process over the
// server-memory workload's graph (2,000 entities with 3 observations
// each), cycling through its 37 team queries.
func BenchmarkSearchNodes(b *testing.B) {
	ctx := context.Background()
	s := newServiceAt(b, filepath.Join(b.TempDir(), store.FileName))
	createGraphWorkload(b, s)
	scope := DefaultScope("bench")
	q := 0
	for b.Loop() {
		if _, err := s.SearchNodes(ctx, scope, fmt.Sprintf("team-%d", q%37), 20); err != nil {
			b.Fatal(err)
		}
		q++
	}
}

// createGraphWorkload creates the workload's 2,000 entities in 40 calls.
func createGraphWorkload(b *testing.B, s *Service) {
	for batch := range 40 {
		var ents []Entity
		for i := batch * 50; i < (batch+1)*50; i++ {
			ents = append(ents, Entity{Name: fmt.Sprintf("entity-%d", i), EntityType: "component", Observations: []string{
				fmt.Sprintf("entity-%d belongs to team-%d", i, i%37),
				fmt.Sprintf("entity-%d is written in language-%d", i, i%11),
				fmt.Sprintf("entity-%d was created in sprint-%d", i, i%53)}})
		}
		if _, err := s.CreateEntities(context.Background(), "bench", ents); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGraphWorkload is the server-memory comparison's workload run in
// process, without stdio: 2,000 entities with 3 observations each created
// in batches of 50, then 200 SearchNodes. It shows how much of a round
// trip is engine work.
func BenchmarkGraphWorkload(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		s := newServiceAt(b, filepath.Join(b.TempDir(), store.FileName))
		start := time.Now()
		createGraphWorkload(b, s)
		create := time.Since(start)
		start = time.Now()
		scope := DefaultScope("bench") // as sweet mcp searches
		for q := range 200 {
			g, err := s.SearchNodes(ctx, scope, fmt.Sprintf("team-%d", q%37), 20)
			if err != nil {
				b.Fatal(err)
			}
			if len(g.Entities) == 0 {
				b.Fatalf("team-%d found nothing", q%37)
			}
		}
		b.ReportMetric(create.Seconds(), "create-s")
		b.ReportMetric(time.Since(start).Seconds(), "search200-s")
	}
}
