package memory

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sweetmcp/sweet/store"
)

// TestSearchCacheFollowsOtherProcesses checks that a memory a search has
// read (and cached) comes back changed after another service on the same
// database updates it, and that reads this service records show in the
// next results.
func TestSearchCacheFollowsOtherProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), store.FileName)
	a, b := openService(t, path, Options{}), openService(t, path, Options{})
	added, err := a.Add(ctx, AddRequest{Content: "the billing service stores invoices in postgres", Namespace: "ns"})
	if err != nil {
		t.Fatal(err)
	}
	id := added.Memory.ID
	search := func(q string) *Result {
		t.Helper()
		resp, err := a.Search(ctx, SearchRequest{Query: q, Scope: Scope{Namespaces: []string{"ns"}}})
		if err != nil {
			t.Fatal(err)
		}
		for i := range resp.Results {
			if resp.Results[i].ID == id {
				return &resp.Results[i]
			}
		}
		return nil
	}
	if r := search("billing invoices"); r == nil || r.Content != "the billing service stores invoices in postgres" {
		t.Fatalf("first search: %+v", r)
	}
	a.touch.flush()
	if r := search("billing invoices"); r == nil || r.AccessCount != 1 {
		t.Fatalf("after one recorded read: %+v, want access count 1", r)
	}
	content := "the billing service stores invoices in sqlite now"
	if _, err := b.Update(ctx, UpdateRequest{ID: id, Content: &content}); err != nil {
		t.Fatal(err)
	}
	if r := search("billing invoices"); r == nil || r.Content != content {
		t.Fatalf("after another service's update: %+v, want the new content", r)
	}
}
