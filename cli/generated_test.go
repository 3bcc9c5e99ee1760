package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files and generated docs")

// TestGenerated keeps the man page, the fish completion and the CLI
// reference in docs/ in step with the commands and flags: change a command
// without regenerating them (go test ./cli -update) and this fails.
func TestGenerated(t *testing.T) {
	tests := []struct {
		name string
		args []string
		path string
	}{
		{"man page", []string{"man"}, filepath.Join("testdata", "sweet.1")},
		{"fish completion", []string{"completion", "fish"}, filepath.Join("testdata", "sweet.fish")},
		{"bash completion", []string{"completion", "bash"}, filepath.Join("testdata", "sweet.bash")},
		{"cli reference", []string{"docs"}, filepath.Join("..", "docs", "cli.md")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, got, errOut := runCLI(t, nil, tt.args...)
			if code != 0 {
				t.Fatalf("sweet %s: exit %d: %s", strings.Join(tt.args, " "), code, errOut)
			}
			if *update {
				if err := os.WriteFile(tt.path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatalf("%v (run `go test ./cli -run TestGenerated -update`)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s is out of date; run `go test ./cli -run TestGenerated -update` (-want +got):\n%s", tt.path, diff)
			}
		})
	}
}
