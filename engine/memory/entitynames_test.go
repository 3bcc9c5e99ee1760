package memory

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sweetmcp/sweet/store"
)

func entityNamesOf(g *Graph) []string {
	var out []string
	for _, e := range g.Entities {
		out = append(out, e.Name)
	}
	return out
}

// TestSearchNodesMatchesNamesAndTypes checks the in-memory name index
// against what the SQL scan it replaced did: a case-insensitive substring
// of the name or the type, in the namespaces in scope, oldest first.
func TestSearchNodesMatchesNamesAndTypes(t *testing.T) {
	ctx := context.Background()
	s := newTestService(t, Options{})
	mustCreate := func(ns string, ents ...Entity) {
		t.Helper()
		if _, err := s.CreateEntities(ctx, ns, ents); err != nil {
			t.Fatal(err)
		}
	}
	mustCreate("proj",
		Entity{Name: "Billing-API", EntityType: "service"},
		Entity{Name: "ledger", EntityType: "Billing component"},
		Entity{Name: "frontend", EntityType: "app"})
	mustCreate("other", Entity{Name: "billing-worker", EntityType: "service"})

	names, err := s.names.match(ctx, s.db, []string{"proj"}, "BILLING", 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Billing-API", "ledger"}; !slices.Equal(names, want) {
		t.Fatalf("match(proj, BILLING) = %q, want %q", names, want)
	}
	names, _ = s.names.match(ctx, s.db, nil, "billing", 10)
	if want := []string{"Billing-API", "ledger", "billing-worker"}; !slices.Equal(names, want) {
		t.Fatalf("match(all, billing) = %q, want %q", names, want)
	}
	names, _ = s.names.match(ctx, s.db, []string{"other", "proj", "proj"}, "billing", 2)
	if want := []string{"Billing-API", "ledger"}; !slices.Equal(names, want) {
		t.Fatalf("match(other+proj, limit 2) = %q, want %q (oldest first, no repeats)", names, want)
	}
	// A wildcard character is matched literally, as the escaped LIKE did.
	if names, _ = s.names.match(ctx, s.db, nil, "%", 10); len(names) != 0 {
		t.Fatalf("match(%%) = %q, want none", names)
	}

	g, err := s.SearchNodes(ctx, Scope{Namespaces: []string{"proj"}}, "billing", 20)
	if err != nil {
		t.Fatal(err)
	}
	if got := entityNamesOf(g); len(got) < 2 || got[0] != "Billing-API" || got[1] != "ledger" {
		t.Fatalf("SearchNodes(billing) = %q, want the name and type matches first", got)
	}
}

// TestSearchNodesSeesOtherProcessEntities: the name index is dropped when
// the change log shows another process creating or deleting an entity.
func TestSearchNodesSeesOtherProcessEntities(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), store.FileName)
	a, b := newServiceAt(t, path), newServiceAt(t, path)
	scope := Scope{Namespaces: []string{"proj"}}
	if g, err := a.SearchNodes(ctx, scope, "gizmo", 20); err != nil || len(g.Entities) != 0 {
		t.Fatalf("before: %q, %v", entityNamesOf(g), err)
	}
	if _, err := b.CreateEntities(ctx, "proj", []Entity{{Name: "Gizmo-9", EntityType: "device"}}); err != nil {
		t.Fatal(err)
	}
	if g, err := a.SearchNodes(ctx, scope, "gizmo", 20); err != nil || !slices.Equal(entityNamesOf(g), []string{"Gizmo-9"}) {
		t.Fatalf("after another process created it: %q, %v", entityNamesOf(g), err)
	}
	if err := b.DeleteEntities(ctx, "proj", []string{"Gizmo-9"}); err != nil {
		t.Fatal(err)
	}
	if g, err := a.SearchNodes(ctx, scope, "gizmo", 20); err != nil || len(g.Entities) != 0 {
		t.Fatalf("after another process deleted it: %q, %v", entityNamesOf(g), err)
	}
}
