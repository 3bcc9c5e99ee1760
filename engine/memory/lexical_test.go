package memory

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// importTexts bulk-imports one memory per text into namespace ns.
func importTexts(t *testing.T, s *Service, ns string, texts []string) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, c := range texts {
		enc.Encode(Record{Kind: KindMemory, Memory: &Memory{ID: NewID(), Namespace: ns, Type: TypeFact, Content: c, Metadata: json.RawMessage("{}")}})
	}
	if _, err := s.ImportJSONL(context.Background(), FormatSweet, &buf, ImportOptions{Namespace: ns}); err != nil {
		t.Fatal(err)
	}
}

// TestSelectiveTermsSeeWrites checks that the cached term counts follow
// writes: a rare term that becomes common is treated as common at once.
func TestSelectiveTermsSeeWrites(t *testing.T) {
	s := newTestService(t, Options{})
	ctx := context.Background()
	var texts []string
	for i := range commonTermDocs + 50 {
		texts = append(texts, fmt.Sprintf("alpha note number %d", i))
	}
	texts = append(texts, "alpha and zebra together")
	importTexts(t, s, "ns", texts)
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	kept, all, err := s.selectiveTerms(ctx, []string{"alpha", "zebra"})
	if err != nil || all || !slices.Equal(kept, []string{"zebra"}) {
		t.Fatalf("before: kept %v all %v err %v, want [zebra] false", kept, all, err)
	}
	texts = texts[:0]
	for i := range commonTermDocs + 50 {
		texts = append(texts, fmt.Sprintf("zebra sighting number %d", i))
	}
	importTexts(t, s, "ns", texts)
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	kept, all, err = s.selectiveTerms(ctx, []string{"alpha", "zebra"})
	if err != nil || !all || !slices.Equal(kept, []string{"alpha", "zebra"}) {
		t.Fatalf("after zebra became common: kept %v all %v err %v, want both, all", kept, all, err)
	}
}

func TestQueryTermsKeepIdentifiersWhole(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"team-5", []string{"team 5"}},
		{"upgrade to gpt-4o and v1.2.3", []string{"upgrade", "gpt 4o", "v1 2 3"}},
		{"key-value store", []string{"key", "value", "store"}},
		{"snake_case and camelCase", []string{"snake", "case", "camelcase", "camel"}},
		{"utf-8, utf-8!", []string{"utf 8"}},
		{"ticket 42", []string{"ticket", "42"}},
	} {
		if got := queryTerms(tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("queryTerms(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestLexicalIdentifierIsPhrase: "team-5" matches the identifier, not
// every memory holding a 5 or the word team apart from it.
func TestLexicalIdentifierIsPhrase(t *testing.T) {
	s := newTestService(t, Options{})
	importTexts(t, s, "proj", []string{
		"checkout belongs to team-5",
		"checkout was created in sprint-5",
		"the team meets at 5 on fridays",
		"search belongs to team-51",
	})
	resp, err := s.Search(context.Background(), SearchRequest{Query: "team-5", Scope: Scope{Namespaces: []string{"proj"}}, Strategy: StrategyLexical})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range resp.Results {
		got = append(got, r.Content)
	}
	if !slices.Equal(got, []string{"checkout belongs to team-5"}) {
		t.Fatalf("lexical search for team-5 = %q, want only the team-5 memory", got)
	}
}
