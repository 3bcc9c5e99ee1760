package main

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
	"github.com/sweetmcp/sweet/engine/embed/internal/wndata"
)

// TestIndexDevterms checks the thesaurus index on a small thesaurus and
// lexicon: words, identifiers, joined hyphenated words and phrases in
// base form are keys, and a related set reaches its terms' synonyms.
func TestIndexDevterms(t *testing.T) {
	lx := &lexicon{mask: map[string]uint8{"request": 1 << lex.Noun, "bug": 1 << lex.Noun}, exc: map[[2]string][]string{}}
	raw := []byte("# a comment\n= bug, defect\n= pull requests, pr, k8s\n~ bug, fix\n= cherry-pick, backport\n")
	got, err := indexDevterms(lx, raw)
	if err != nil {
		t.Fatal(err)
	}
	sets := func(es []wndata.DevEntry) map[string][2][]uint32 {
		out := make(map[string][2][]uint32)
		for _, e := range es {
			out[e.Key] = [2][]uint32{e.Syn, e.Rel}
		}
		return out
	}
	wantWords := map[string][2][]uint32{
		"bug": {{0}, {0}}, "defect": {{0}, {0}}, "fix": {nil, {0}},
		"pr": {{1}, nil}, "k8s": {{1}, nil}, "cherrypick": {{2}, nil}, "backport": {{2}, nil},
	}
	if diff := cmp.Diff(wantWords, sets(got.Words)); diff != "" {
		t.Errorf("words (-want +got):\n%s", diff)
	}
	wantPhrases := map[string][2][]uint32{"pull request": {{1}, nil}, "cherry pick": {{2}, nil}}
	if diff := cmp.Diff(wantPhrases, sets(got.Phrases)); diff != "" {
		t.Errorf("phrases (-want +got):\n%s", diff)
	}
	slices.Sort(got.First)
	if !slices.Equal(got.First, []string{"cherry", "pull"}) || got.MaxPhrase != 2 || got.NumRelated != 1 {
		t.Errorf("first words %q, longest phrase %d, related sets %d", got.First, got.MaxPhrase, got.NumRelated)
	}
	if want := [][]string{{"bug", "defect"}, {"pull", "requests", "pr", "k8s"}, {"cherry", "pick", "backport"}}; !cmp.Equal(want, got.SetWords) {
		t.Errorf("set words = %q, want %q", got.SetWords, want)
	}
}
