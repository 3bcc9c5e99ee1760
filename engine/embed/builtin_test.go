package embed

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
)

// shared is one embedder for the tests, which only read it.
var shared = NewBuiltin()

// withSharedData returns a new embedder over shared's decoded data, with
// its own empty token cache, so a test can change the cache without paying
// for another decode.
func withSharedData(t *testing.T) *Builtin {
	t.Helper()
	if err := shared.Load(); err != nil {
		t.Fatal(err)
	}
	b := NewBuiltin()
	b.once.Do(func() { b.wn = shared.wn })
	return b
}

func TestBuiltinEmbed(t *testing.T) {
	texts := []string{"The dog chased the cat", "", "it is what it is", "fetchUserProfile"}
	vecs, err := shared.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != len(texts) {
		t.Fatalf("got %d vectors for %d texts", len(vecs), len(texts))
	}
	for i, v := range vecs {
		if len(v) != shared.Dim() {
			t.Fatalf("vector %d has %d dims, want %d", i, len(v), shared.Dim())
		}
		var s float64
		for _, x := range v {
			s += float64(x) * float64(x)
		}
		wantNorm := 1.0
		if i == 1 || i == 2 {
			wantNorm = 0 // no words: the zero vector
		}
		if math.Abs(s-wantNorm) > 1e-5 {
			t.Errorf("text %q: squared norm %v, want %v", texts[i], s, wantNorm)
		}
	}
	again, _ := shared.Embed(context.Background(), texts[:1])
	if dot(again[0], vecs[0]) < 0.99999 {
		t.Error("embedding the same text twice gave different vectors")
	}
}

func TestBuiltinEmbedCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := shared.Embed(ctx, []string{"a"}); err == nil {
		t.Fatal("Embed with a cancelled context succeeded")
	}
}

// TestBuiltinRanksParaphrases checks the pooled vectors and max-sim both
// put a paraphrase above unrelated text.
func TestBuiltinRanksParaphrases(t *testing.T) {
	query := "the dog chased the cat"
	texts := []string{
		"the hound pursued the feline",
		"the stock market fell sharply today",
		"an automobile crashed into a truck",
	}
	vecs, err := shared.Embed(context.Background(), append([]string{query}, texts...))
	if err != nil {
		t.Fatal(err)
	}
	scores := shared.Rerank(query, texts)
	for i := 1; i < len(texts); i++ {
		if dot(vecs[0], vecs[1]) <= dot(vecs[0], vecs[i+1]) {
			t.Errorf("pooled: paraphrase scored no higher than %q", texts[i])
		}
		if scores[0] <= scores[i] {
			t.Errorf("max-sim: paraphrase %.3f <= %q %.3f", scores[0], texts[i], scores[i])
		}
	}
}

func TestMaxSimWords(t *testing.T) {
	tests := []struct {
		name        string
		a, b, other string // want sim(a, b) > sim(a, other)
	}{
		{"synonym", "car", "automobile", "banana"},
		{"co-hyponym", "car", "truck", "democracy"},
		{"inflection", "running", "ran", "sleeping"},
		{"adjective", "happy", "glad", "wooden"},
		{"mistake", "error", "mistake", "river"},
		{"identifier part", "user profile", "fetchUserProfile", "fetchOrders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			near, far := shared.MaxSim(tt.a, tt.b), shared.MaxSim(tt.a, tt.other)
			if near <= far {
				t.Errorf("MaxSim(%q, %q) = %.3f, not above MaxSim(%q, %q) = %.3f", tt.a, tt.b, near, tt.a, tt.other, far)
			}
		})
	}
}

func TestMaxSimBounds(t *testing.T) {
	tests := []struct {
		query, text string
		want        float64
	}{
		{"deploy the frontend", "the frontend deploy", 1},
		{"Kubernetes", "kubernetes cluster", 1}, // unknown word, case folded
		{"frobnicator", "nomad cluster", 0},     // unknown words match only themselves
		{"kubernetes", "a k8s cluster", 0.9},    // thesaurus synonyms score devSynonymSim
		{"", "anything", 0},
		{"the of and", "anything", 0},
		{"src/main.go", "edit src/main.go", 1},
	}
	for _, tt := range tests {
		if got := shared.MaxSim(tt.query, tt.text); math.Abs(got-tt.want) > 1e-5 {
			t.Errorf("MaxSim(%q, %q) = %.4f, want %v", tt.query, tt.text, got, tt.want)
		}
	}
	q := shared.NewQuery("database backup")
	for _, text := range []string{"nightly database snapshot", "", "database backup", "banana"} {
		if s := q.Score(text); s < 0 || s > 1+1e-6 {
			t.Errorf("Score(%q) = %v, outside [0, 1]", text, s)
		}
	}
}

func TestExpand(t *testing.T) {
	tests := []struct {
		in        string
		want      []string
		forbidden []string
	}{
		{"car", []string{"automobile", "auto"}, []string{"car"}},
		{"the cars", []string{"car", "automobile"}, nil},
		{"mistakes were made", []string{"mistake", "error", "make"}, nil},
		{"fetchUserProfile in src/x.go", []string{"fetch", "user", "profile", "bring"}, []string{"fetchuserprofile", "src/x.go", "src", "go"}},
		{"an e-mail", []string{"email"}, []string{"mail", "e"}},
		{"port 3 of 100", []string{"larboard"}, []string{"three", "trio", "century"}},
		{"", nil, nil},
	}
	for _, tt := range tests {
		got := strings.Fields(shared.Expand(tt.in))
		set := make(map[string]bool)
		for _, w := range got {
			if set[w] {
				t.Errorf("Expand(%q) repeats %q", tt.in, w)
			}
			set[w] = true
		}
		for _, w := range tt.want {
			if !set[w] {
				t.Errorf("Expand(%q) = %q, missing %q", tt.in, got, w)
			}
		}
		for _, w := range tt.forbidden {
			if set[w] {
				t.Errorf("Expand(%q) = %q, should not contain %q", tt.in, got, w)
			}
		}
	}
}

func TestTokenCacheBounded(t *testing.T) {
	b := withSharedData(t)
	b.cached.Store(maxCachedTokens)
	b.token(lex.Token{Text: "automobile"})
	if _, ok := b.cache.Load("automobile"); ok {
		t.Error("a full cache still stored a new token")
	}
	if got := b.MaxSim("automobile", "car"); got <= 0 {
		t.Errorf("scoring with a full cache gave %v", got)
	}
}

func TestLoadCorruptData(t *testing.T) {
	bad := []byte(wordnetData)
	bad[4] ^= 0xff // the format version
	if _, err := loadWordnet(string(bad)); err == nil {
		t.Fatal("loading corrupt data succeeded")
	}
	b := NewBuiltin()
	b.once.Do(func() { b.wn, b.err = loadWordnet(string(bad)) })
	if _, err := b.Embed(context.Background(), []string{"x"}); err == nil {
		t.Error("Embed after a failed load succeeded")
	}
	if b.MaxSim("car", "car") != 0 || b.Expand("car") != "" {
		t.Error("MaxSim or Expand after a failed load returned results")
	}
}

// TestAbbreviationsResolve checks every abbreviation expands to a word
// WordNet knows, so none silently falls back to an exact match.
func TestAbbreviationsResolve(t *testing.T) {
	if err := shared.Load(); err != nil {
		t.Fatal(err)
	}
	for _, abbr := range []string{"config", "repos", "docs", "db", "ui", "args"} {
		if got := shared.wn.lemmas(abbr); len(got) == 0 {
			t.Errorf("abbreviation %q resolves to no lemma", abbr)
		}
	}
	if shared.MaxSim("configuration", "config") < 0.999 {
		t.Error("config does not match configuration")
	}
}
