package install

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixedNow is the clock of test environments, so backup names are known.
var fixedNow = time.Date(2026, 11, 29, 10, 15, 0, 0, time.UTC)

// recorder collects the argv lists a test environment was asked to run.
type recorder struct {
	mu    sync.Mutex
	calls [][]string
	out   []byte
	err   error
}

func (r *recorder) run(_ context.Context, argv []string) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, append([]string(nil), argv...))
	return r.out, r.err
}

// testEnv lays out an empty home for goos inside a temporary directory.
// PATH holds no executables unless onPath names some.
func testEnv(t *testing.T, goos string, onPath ...string) (Environment, *recorder) {
	t.Helper()
	root := t.TempDir()
	home := filepath.Join(root, "home")
	project := filepath.Join(root, "project")
	for _, d := range []string{home, project} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	vars := map[string]string{}
	switch goos {
	case "windows":
		vars["APPDATA"] = filepath.Join(home, "AppData", "Roaming")
		vars["USERPROFILE"] = home
	case "linux":
		vars["XDG_CONFIG_HOME"] = filepath.Join(home, "xdg-config")
	}
	rec := &recorder{}
	env := Environment{
		Home: home, OS: goos, Vars: vars, ProjectDir: project, Root: filepath.Join(root, "sys"),
		LookPath: func(file string) (string, error) {
			for _, p := range onPath {
				if p == file {
					return "/usr/local/bin/" + file, nil
				}
			}
			return "", errors.New("executable file not found in $PATH")
		},
		Run: rec.run,
		Now: func() time.Time { return fixedNow },
	}
	return env, rec
}

// writeFile creates path with content, making its directory.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o640); err != nil {
		t.Fatal(err)
	}
}

// readFile returns path's content, failing the test when it is missing.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// backups lists the backups made next to path.
func backups(t *testing.T, path string) []string {
	t.Helper()
	m, err := filepath.Glob(path + ".bak-*")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// dirSnapshot maps every file under dir to its content.
func dirSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		snap[strings.TrimPrefix(p, dir)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}
