package memory

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/store"
)

// newTestService opens a real database in a temp dir with the built-in
// embedder, as sweet itself does.
func newTestService(t testing.TB, opts Options) *Service {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, db, sharedBuiltin, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); db.Close() })
	return s
}

// sharedBuiltin is decoded once for the whole test binary.
var sharedBuiltin = embed.NewBuiltin()

func add(t testing.TB, s *Service, ns, content string, tags ...string) *AddResult {
	t.Helper()
	res, err := s.Add(context.Background(), AddRequest{Content: content, Namespace: ns, Tags: tags})
	if err != nil {
		t.Fatalf("Add(%q): %v", content, err)
	}
	return res
}

func TestAddDeduplicatesAndRedacts(t *testing.T) {
	s := newTestService(t, Options{})
	ctx := context.Background()
	a := add(t, s, "p", "The deploy key is AKIAIOSFODNN7EXAMPLE in the vault")
	if a.Status != "created" || len(a.Redactions) != 1 || strings.Contains(a.Memory.Content, "AKIA") {
		t.Fatalf("first add: %+v", a)
	}
	b := add(t, s, "p", "The deploy key is AKIAIOSFODNN7EXAMPLE in the vault")
	if b.Status != "duplicate" || b.Memory.ID != a.Memory.ID {
		t.Fatalf("second add: status %s id %s, want duplicate of %s", b.Status, b.Memory.ID, a.Memory.ID)
	}
	c := add(t, s, "other", "The deploy key is AKIAIOSFODNN7EXAMPLE in the vault")
	if c.Status != "created" {
		t.Fatalf("same content in another namespace: %s", c.Status)
	}
	raw, err := s.Add(ctx, AddRequest{Content: "token AKIAIOSFODNN7EXAMPLE", Namespace: "p", NoRedact: true})
	if err != nil || !strings.Contains(raw.Memory.Content, "AKIA") || len(raw.Redactions) != 0 {
		t.Fatalf("no-redact: %+v, %v", raw, err)
	}
}

func TestAddValidation(t *testing.T) {
	s := newTestService(t, Options{MaxContentBytes: 100})
	ctx := context.Background()
	bad := 1.5
	tests := []struct {
		name string
		req  AddRequest
		want string
	}{
		{"empty", AddRequest{Content: "  ", Namespace: "p"}, "content is empty"},
		{"too big", AddRequest{Content: strings.Repeat("x", 101), Namespace: "p"}, "over the limit of 100"},
		{"type", AddRequest{Content: "x", Namespace: "p", Type: "opinion"}, "semantic, episodic, procedural, working, longterm, fact"},
		{"importance", AddRequest{Content: "x", Namespace: "p", Importance: &bad}, "outside 0..1"},
		{"metadata", AddRequest{Content: "x", Namespace: "p", Metadata: []byte(`[1]`)}, "JSON object"},
		{"namespace", AddRequest{Content: "x"}, "namespace is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Add(ctx, tt.req)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrInvalid mentioning %q", err, tt.want)
			}
		})
	}
	if n, _ := s.db.CountMemories(ctx); n != 0 {
		t.Fatalf("invalid adds wrote %d memories", n)
	}
	if _, err := s.Add(ctx, AddRequest{Content: "ok", Namespace: "p", Type: "custom:decision"}); err != nil {
		t.Fatalf("custom type: %v", err)
	}
}

func TestNearDuplicatesAndMerge(t *testing.T) {
	s := newTestService(t, Options{})
	ctx := context.Background()
	first := add(t, s, "p", "We use PostgreSQL for the billing service because it supports transactional DDL.", "db")
	res, err := s.Add(ctx, AddRequest{Namespace: "p", Content: "We use PostgreSQL for the billing service since it supports transactional DDL.", Tags: []string{"billing"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.NearDuplicates) == 0 || res.NearDuplicates[0].ID != first.Memory.ID {
		t.Fatalf("near duplicates = %+v", res.NearDuplicates)
	}
	unrelated := add(t, s, "p", "The staging cluster restarts every night at three.")
	if len(unrelated.NearDuplicates) != 0 {
		t.Fatalf("unrelated text reported as near duplicate: %+v", unrelated.NearDuplicates)
	}
	merged, err := s.Add(ctx, AddRequest{Namespace: "p", Content: "We use PostgreSQL for billing because it supports transactional DDL and RLS.", Tags: []string{"pg"}, Merge: true})
	if err != nil {
		t.Fatal(err)
	}
	if merged.Status != "merged" {
		t.Fatalf("status %s, near %+v", merged.Status, merged.NearDuplicates)
	}
	if !strings.Contains(merged.Memory.Content, "RLS") || !contains(merged.Memory.Tags, "pg") {
		t.Fatalf("merged memory = %+v", merged.Memory)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestSearchFindsParaphraseAndExplains(t *testing.T) {
	s := newTestService(t, Options{})
	ctx := context.Background()
	target := add(t, s, "p", "The staging server reboots every night at 3am to clear leaked file handles.", "ops")
	add(t, s, "p", "Invoices are generated on the first day of each month by the billing cron job.")
	add(t, s, "global", "The user prefers tabs over spaces in Go files.")
	add(t, s, "elsewhere", "The staging machine reboots every night.")
	resp, err := s.Search(ctx, SearchRequest{Query: "when does the staging machine reboot", Scope: DefaultScope("p"), Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Results) == 0 || resp.Results[0].ID != target.Memory.ID {
		t.Fatalf("results = %+v", resp.Results)
	}
	for _, r := range resp.Results {
		if r.Namespace == "elsewhere" {
			t.Fatalf("result from out of scope: %+v", r)
		}
	}
	if e := resp.Results[0].Explain; e == nil || e.Rerank == nil || e.Recency == nil {
		t.Fatalf("explain = %+v", resp.Results[0].Explain)
	}
	all, err := s.Search(ctx, SearchRequest{Query: "when does the staging machine reboot", Scope: Scope{All: true}})
	if err != nil || all.Results[0].Namespace != "elsewhere" {
		t.Fatalf("all namespaces: %+v %v", all.Results, err)
	}
}

func TestSearchBudget(t *testing.T) {
	s := newTestService(t, Options{})
	for i := range 5 {
		add(t, s, "p", strings.Repeat("deploy pipeline notes ", 20)+string(rune('a'+i)))
	}
	resp, err := s.Search(context.Background(), SearchRequest{Query: "deploy pipeline", Scope: DefaultScope("p"), BudgetTokens: 250})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, r := range resp.Results {
		total += EstimateTokens(r)
	}
	if total > 250 || len(resp.Results) == 0 || !resp.Truncated {
		t.Fatalf("budget: %d results, %d tokens, truncated %v", len(resp.Results), total, resp.Truncated)
	}
}

func TestCrossServiceSync(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), store.FileName)
	a, b := openService(t, path, Options{}), openService(t, path, Options{})
	m := add(t, a, "p", "Kubernetes manifests live in deploy/k8s.")
	resp, err := b.Search(ctx, SearchRequest{Query: "where are the kubernetes manifests", Scope: DefaultScope("p")})
	if err != nil || len(resp.Results) == 0 || resp.Results[0].ID != m.Memory.ID {
		t.Fatalf("other service did not see the write: %+v %v", resp, err)
	}
	if _, err := a.Delete(ctx, m.Memory.ID); err != nil {
		t.Fatal(err)
	}
	resp, _ = b.Search(ctx, SearchRequest{Query: "where are the kubernetes manifests", Scope: DefaultScope("p")})
	if len(resp.Results) != 0 {
		t.Fatalf("deleted memory still found: %+v", resp.Results)
	}
}

func TestUpdateAndLinks(t *testing.T) {
	s := newTestService(t, Options{})
	ctx := context.Background()
	a := add(t, s, "p", "Service A calls service B over gRPC.")
	b := add(t, s, "p", "Service B owns the user table.")
	c := add(t, s, "p", "The user table has a unique index on email.")
	if _, err := s.Link(ctx, LinkRequest{From: a.Memory.ID, To: b.Memory.ID, Type: "related_to"}); err != nil {
		t.Fatal(err)
	}
	half := 0.5
	if _, err := s.Link(ctx, LinkRequest{From: b.Memory.ID, To: c.Memory.ID, Type: "has_a", Strength: &half}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Link(ctx, LinkRequest{From: a.Memory.ID, To: a.Memory.ID}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("self link: %v", err)
	}
	if _, err := s.Link(ctx, LinkRequest{From: a.Memory.ID, To: b.Memory.ID, Type: "likes"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad type: %v", err)
	}
	rel, err := s.Related(ctx, RelatedRequest{ID: a.Memory.ID, Depth: 2})
	if err != nil || len(rel) != 2 || rel[0].ID != b.Memory.ID || rel[1].ID != c.Memory.ID || rel[1].Depth != 2 || rel[1].Strength != 0.5 {
		t.Fatalf("related = %+v, %v", rel, err)
	}
	newText := "Service A calls service B over HTTP/2 gRPC."
	imp := 0.9
	up, err := s.Update(ctx, UpdateRequest{ID: a.Memory.ID, Content: &newText, Importance: &imp, AddTags: []string{"arch"}, Metadata: []byte(`{"owner":"team-x"}`)})
	if err != nil {
		t.Fatal(err)
	}
	if up.Memory.Content != newText || up.Memory.Importance != 0.9 || !contains(up.Memory.Tags, "arch") || !strings.Contains(string(up.Memory.Metadata), "team-x") {
		t.Fatalf("update = %+v", up.Memory)
	}
	if n, err := s.Unlink(ctx, a.Memory.ID, b.Memory.ID, ""); err != nil || n != 1 {
		t.Fatalf("unlink = %d, %v", n, err)
	}
	if _, err := s.Delete(ctx, a.Memory.ID, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete with a missing id: %v", err)
	}
	if got, _ := s.Get(ctx, a.Memory.ID); len(got) != 1 {
		t.Fatal("failed delete removed a memory")
	}
}
