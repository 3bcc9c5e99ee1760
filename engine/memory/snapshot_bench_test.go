package memory

import (
	"context"
	"testing"

	"github.com/sweetmcp/sweet/store"
)

// BenchmarkOpen loads the in-memory state over 100k memories: from the
// index snapshot (map and check the file, build the row map, replay the log
// past it) and, for comparison, from the tables, as every start did before
// the snapshot. B/op is the Go heap each load allocates.
func BenchmarkOpen(b *testing.B) {
	path := benchDatabase(b, 100_000)
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s, err := New(ctx, db, sharedBuiltin, Options{})
	if err != nil {
		b.Fatal(err)
	}
	persistNow(b, s) // the snapshot is at the log's position
	s.Close()
	b.Run("snapshot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s, err := New(ctx, db, sharedBuiltin, Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			if !fromSnapshot(s) {
				b.Fatal("the service did not open from the snapshot")
			}
			s.Close()
		}
	})
	b.Run("tables", func(b *testing.B) {
		s, err := New(ctx, db, sharedBuiltin, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.ReportAllocs()
		for b.Loop() {
			if err := s.reload(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
