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
