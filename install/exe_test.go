package install

import (
	"path/filepath"
	"testing"
)

// TestStableExecutable checks Homebrew versioned paths map to the stable
// link only when it exists.
func TestStableExecutable(t *testing.T) {
	links := map[string]bool{filepath.FromSlash("/opt/homebrew/bin/sweet"): true}
	has := func(p string) bool { return links[p] }
	tests := map[string]string{
		"/opt/homebrew/Cellar/sweet/1.2.3/bin/sweet": "/opt/homebrew/bin/sweet",
		"/opt/homebrew/Caskroom/sweet/1.2.3/sweet":   "/opt/homebrew/bin/sweet",
		"/usr/local/Cellar/sweet/1.2.3/bin/sweet":    "/usr/local/Cellar/sweet/1.2.3/bin/sweet",
		"/home/u/go/bin/sweet":                       "/home/u/go/bin/sweet",
	}
	for in, want := range tests {
		if got := stableExecutable(filepath.FromSlash(in), has); got != filepath.FromSlash(want) {
			t.Errorf("stableExecutable(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestExecutablePath checks the running test binary resolves to an
// absolute path.
func TestExecutablePath(t *testing.T) {
	p, err := ExecutablePath()
	if err != nil || !filepath.IsAbs(p) {
		t.Fatalf("ExecutablePath = %q, %v", p, err)
	}
}
