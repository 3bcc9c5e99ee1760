package install

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ExecutablePath returns the absolute path MCP clients should run: the
// running binary with symlinks resolved, except that a Homebrew keg or cask
// path (…/Cellar/sweet/1.2.3/bin/sweet, …/Caskroom/sweet/1.2.3/sweet)
// becomes the prefix's stable …/bin/sweet when that link exists, so that
// an upgrade, which deletes the versioned directory, does not break the
// registration.
func ExecutablePath() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find sweet binary: %w", err)
	}
	resolved, err := filepath.EvalSymlinks(exe)
	if err != nil {
		return "", fmt.Errorf("find sweet binary: %w", err)
	}
	abs, err := filepath.Abs(resolved)
	if err != nil {
		return "", fmt.Errorf("find sweet binary: %w", err)
	}
	return stableExecutable(abs, exists), nil
}

// stableExecutable maps a versioned Homebrew path to the prefix's bin link
// when exists reports that link; other paths are returned unchanged.
func stableExecutable(p string, exists func(string) bool) string {
	slash := filepath.ToSlash(p)
	for _, dir := range []string{"/Cellar/", "/Caskroom/"} {
		i := strings.Index(slash, dir)
		if i < 0 {
			continue
		}
		shim := filepath.FromSlash(slash[:i] + "/bin/" + filepath.Base(p))
		if exists(shim) {
			return shim
		}
	}
	return p
}
