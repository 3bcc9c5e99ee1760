package install

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// golden compares got with testdata/<test name>.golden, rewriting it with
// -update.
func golden(t *testing.T, got string) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(t.Name())+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Fatalf("output differs from %s (run with -update if intended):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestUnifiedDiff renders diffs of typical edits against golden files.
func TestUnifiedDiff(t *testing.T) {
	long := strings.Repeat("line\n", 20)
	tests := []struct {
		name     string
		old, new []byte
	}{
		{"new_file", nil, []byte("{\n  \"a\": 1\n}\n")},
		{"insert_middle", []byte("a\nb\nc\nd\ne\nf\ng\nh\n"), []byte("a\nb\nc\nd\nX\ne\nf\ng\nh\n")},
		{"two_hunks", []byte("top\n" + long + "bottom\n"), []byte("TOP\n" + long + "BOTTOM\n")},
		{"no_final_newline", []byte("a\nb"), []byte("a\nc")},
		{"replace", []byte("{\n  \"x\": 1,\n  \"y\": 2\n}\n"), []byte("{\n  \"x\": 1,\n  \"y\": 3,\n  \"z\": 4\n}\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, UnifiedDiff("a/f.json", "b/f.json", tt.old, tt.new))
		})
	}
	if d := UnifiedDiff("a", "b", []byte("same\n"), []byte("same\n")); d != "" {
		t.Fatalf("diff of equal content = %q", d)
	}
}

// TestDiffApplies checks that every diff round-trips: applying the edit
// script's kept and inserted lines yields the new text.
func TestDiffApplies(t *testing.T) {
	pairs := [][2]string{
		{"a\nb\nc\n", "b\nc\nd\n"},
		{"x\ny\nx\ny\n", "y\nx\ny\nx\n"},
		{"", "a\n"},
		{"a\n", ""},
	}
	for _, p := range pairs {
		ops := editScript(splitLines([]byte(p[0])), splitLines([]byte(p[1])))
		var oldB, newB strings.Builder
		for _, op := range ops {
			if op.kind != opInsert {
				oldB.WriteString(op.line)
			}
			if op.kind != opDelete {
				newB.WriteString(op.line)
			}
		}
		if oldB.String() != p[0] || newB.String() != p[1] {
			t.Errorf("script for %q -> %q rebuilds %q -> %q", p[0], p[1], oldB.String(), newB.String())
		}
	}
}

// BenchmarkPlanLargeClaudeJSON plans an install into a ~/.claude.json of
// realistic size (thousands of lines of app state).
func BenchmarkPlanLargeClaudeJSON(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("{\n  \"projects\": {\n")
	for i := range 5000 {
		sb.WriteString("    \"/p/" + strings.Repeat("x", i%40) + string(rune('a'+i%26)) + "\": {\"allowedTools\": [], \"history\": [\"a\", \"b\"]},\n")
	}
	sb.WriteString("    \"/last\": {}\n  }\n}\n")
	dir := b.TempDir()
	path := filepath.Join(dir, ".claude.json")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := planFile(ClaudeCode, path, testEntry, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
