package memory

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sweetmcp/sweet/store"
)

// TestOwnWritesYieldToLaterChanges: the replay after a write takes the rows
// it inserted from what it recorded, except where another process changed
// them since; then it reads the current row, as a plain replay does.
func TestOwnWritesYieldToLaterChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), store.FileName)
	a, b := newServiceAt(t, path), newServiceAt(t, path)

	p, err := a.prepare(ctx, AddRequest{Content: "the canary stage runs for thirty minutes", Namespace: "proj"})
	if err != nil {
		t.Fatal(err)
	}
	m := p.m
	own, err := a.writeOwn(ctx, func(tx *store.Tx, own *ownWrites) error {
		if err := tx.InsertMemory(ctx, &m); err != nil {
			return err
		}
		own.memory(&m)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if own.to <= own.from {
		t.Fatalf("own change range (%d, %d] is empty", own.from, own.to)
	}
	// Another process retypes the memory before a replays its own write.
	procedural := TypeProcedural
	if _, err := b.Update(ctx, UpdateRequest{ID: m.ID, Type: &procedural}); err != nil {
		t.Fatal(err)
	}
	if err := a.syncWith(ctx, own); err != nil {
		t.Fatal(err)
	}
	a.mu.RLock()
	got := a.rows[m.RowID]
	a.mu.RUnlock()
	if got.typ != TypeProcedural || got.ns != "proj" {
		t.Fatalf("after replay a holds %+v, want type %q from the later change", got, TypeProcedural)
	}
}

// TestOwnWritesIndexWhatWasWritten: a create_entities call's observations
// are searchable at once, by words and by vector, from the recorded rows.
func TestOwnWritesIndexWhatWasWritten(t *testing.T) {
	ctx := context.Background()
	s := newTestService(t, Options{})
	if _, err := s.CreateEntities(ctx, "proj", []Entity{{Name: "billing", EntityType: "service",
		Observations: []string{"billing stores invoices in postgres", "billing retries webhooks three times"}}}); err != nil {
		t.Fatal(err)
	}
	s.mu.RLock()
	rows, vecs := len(s.rows), s.idx.Len()
	s.mu.RUnlock()
	if rows != 2 || vecs != 2 {
		t.Fatalf("index holds %d rows and %d vectors, want 2 and 2", rows, vecs)
	}
	resp, err := s.Search(ctx, SearchRequest{Query: "where are invoices kept", Scope: Scope{Namespaces: []string{"proj"}}, Strategy: StrategyVector})
	if err != nil || len(resp.Results) == 0 || resp.Results[0].Content != "billing stores invoices in postgres" {
		t.Fatalf("vector search after create_entities: %+v, %v", resp, err)
	}
}
