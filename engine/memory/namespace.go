package memory

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ProjectNamespace is the default namespace for work in dir: the root of the
// enclosing git repository (where .git is a directory or a worktree file),
// else dir itself, as an absolute, slash-separated path.
func ProjectNamespace(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolve project directory: %w", err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return filepath.ToSlash(d), nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return filepath.ToSlash(abs), nil
		}
		d = parent
	}
}

// ValidateNamespace checks a namespace name given by a user.
func ValidateNamespace(ns string) (string, error) {
	ns = strings.TrimSpace(ns)
	if ns == "" {
		return "", fmt.Errorf("namespace is empty: give a name, or leave the flag out to use the project's")
	}
	if len(ns) > 1024 || strings.ContainsAny(ns, "\n\r\x00") {
		return "", fmt.Errorf("namespace %.40q: use a single line of at most 1024 bytes", ns)
	}
	return ns, nil
}

// Scope is the set of namespaces a read sees.
type Scope struct {
	// Namespaces to search; empty with All unset means the global namespace only.
	Namespaces []string
	// All searches every namespace.
	All bool
}

// DefaultScope searches ns and the global namespace.
func DefaultScope(ns string) Scope {
	if ns == GlobalNamespace || ns == "" {
		return Scope{Namespaces: []string{GlobalNamespace}}
	}
	return Scope{Namespaces: []string{ns, GlobalNamespace}}
}

func (s Scope) list() []string {
	if s.All {
		return nil
	}
	if len(s.Namespaces) == 0 {
		return []string{GlobalNamespace}
	}
	return s.Namespaces
}
