package memory

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/sweetmcp/sweet/store"
)

func BenchmarkTmpCreate(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db, err := store.Open(ctx, filepath.Join(b.TempDir(), "x.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		s, err := New(ctx, db, sharedBuiltin, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for batch := range 40 {
			var ents []Entity
			for i := batch * 50; i < (batch+1)*50; i++ {
				ents = append(ents, Entity{Name: fmt.Sprintf("entity-%d", i), EntityType: "component", Observations: []string{
					fmt.Sprintf("entity-%d belongs to team-%d", i, i%37), fmt.Sprintf("entity-%d is written in language-%d", i, i%11), fmt.Sprintf("entity-%d was created in sprint-%d", i, i%53)}})
			}
			if _, err := s.CreateEntities(ctx, "bench", ents); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
		db.Close()
		b.StartTimer()
	}
}
