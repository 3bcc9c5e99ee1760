package install

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestApplyKeepsModeAndLinks checks that the written file keeps its mode and
// that a symlinked config stays a link to the updated target.
func TestApplyKeepsModeAndLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes and symlinks differ on Windows")
	}
	env, _ := testEnv(t, "linux")
	target := filepath.Join(env.Home, "dotfiles", "mcp.json")
	writeFile(t, target, existingJSON("mcpServers"))
	if err := os.Chmod(target, 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(env.Home, ".cursor", "mcp.json")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	plans, err := PlanAll(env, []Client{Cursor}, testEntry, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Apply(context.Background(), env, plans)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link replaced: %v, %v", fi, err)
	}
	fi, err := os.Stat(target)
	if err != nil || fi.Mode().Perm() != 0o640 {
		t.Fatalf("target mode = %v, %v", fi.Mode(), err)
	}
	if !strings.Contains(readFile(t, target), `"sweet"`) {
		t.Fatal("target not updated")
	}
	if want := target + ".bak-20261129-101500"; res[0].Backup != want {
		t.Fatalf("backup = %s, want %s", res[0].Backup, want)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(target), ".*.tmp-*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

// TestApplyRefusesStalePlans checks that a file edited after planning
// stops Apply before anything is written.
func TestApplyRefusesStalePlans(t *testing.T) {
	env, _ := testEnv(t, "linux")
	cursor, _ := configPath(env, Cursor, Options{})
	windsurf, _ := configPath(env, Windsurf, Options{})
	writeFile(t, cursor, "{}\n")
	writeFile(t, windsurf, "{}\n")
	plans, err := PlanAll(env, []Client{Cursor, Windsurf}, testEntry, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, windsurf, "{\"edited\": true}\n")
	if _, err := Apply(context.Background(), env, plans); !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if readFile(t, cursor) != "{}\n" || len(backups(t, cursor)) != 0 {
		t.Fatal("a stale plan set wrote the first file")
	}
}

// TestBackupNamesAreUnique checks two backups in the same second do not
// overwrite each other.
func TestBackupNamesAreUnique(t *testing.T) {
	env, _ := testEnv(t, "linux")
	path := filepath.Join(env.Home, "f.json")
	writeFile(t, path, "x")
	a, err := backup(path, []byte("one"), 0o600, env)
	if err != nil {
		t.Fatal(err)
	}
	b, err := backup(path, []byte("two"), 0o600, env)
	if err != nil {
		t.Fatal(err)
	}
	if a == b || !strings.HasSuffix(b, "-2") || readFile(t, a) != "one" || readFile(t, b) != "two" {
		t.Fatalf("backups %s, %s", a, b)
	}
}

// TestConflictAndForce checks that a different sweet entry is refused
// without Force and replaced in place with it, keeping its neighbours.
func TestConflictAndForce(t *testing.T) {
	env, _ := testEnv(t, "linux")
	path, _ := configPath(env, Zed, Options{})
	old := "{\n  // zed\n  \"context_servers\": {\n    \"sweet\": {\"command\": \"/old/sweet\", \"args\": [\"mcp\"]}, // mine\n    \"other\": {}\n  }\n}\n"
	writeFile(t, path, old)
	_, err := PlanAll(env, []Client{Zed}, testEntry, Options{})
	var ce *ConflictError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "/old/sweet") || !strings.Contains(err.Error(), "force") {
		t.Fatalf("err = %v", err)
	}
	plans, err := PlanAll(env, []Client{Zed}, testEntry, Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  // zed\n  \"context_servers\": {\n    \"sweet\": {\n      \"command\": \"/opt/sweet/bin/sweet\",\n      \"args\": [\"mcp\"]\n    }, // mine\n    \"other\": {}\n  }\n}\n"
	if plans[0].Change != Replaced || string(plans[0].New) != want {
		t.Fatalf("force plan %v:\n%s", plans[0].Change, plans[0].New)
	}
	if plans[0].Before == nil || plans[0].Before.Command != "/old/sweet" {
		t.Fatalf("Before = %+v", plans[0].Before)
	}
}

// TestUserEnvKept checks that a registration whose command and arguments
// match counts as installed even when the user added variables to it.
func TestUserEnvKept(t *testing.T) {
	env, _ := testEnv(t, "linux")
	path, _ := configPath(env, Cursor, Options{})
	writeFile(t, path, `{"mcpServers": {"sweet": {"command": "/opt/sweet/bin/sweet", "args": ["mcp"], "env": {"SWEET_DEBUG": "1"}}}}`)
	p, err := PlanFor(env, Cursor, testEntry, Options{})
	if err != nil || p.Change != Unchanged {
		t.Fatalf("plan = %+v, %v", p, err)
	}
}

// TestBadInputs checks the errors for unusable entries and environments.
func TestBadInputs(t *testing.T) {
	env, _ := testEnv(t, "linux")
	for name, e := range map[string]Entry{
		"empty command": {},
		"newline arg":   {Command: "/x", Args: []string{"a\nb"}},
	} {
		if _, err := PlanFor(env, Cursor, e, Options{}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := PlanFor(Environment{OS: "linux"}, Cursor, testEntry, Options{}); err == nil {
		t.Error("empty home accepted")
	}
	env.ProjectDir = ""
	if _, err := PlanFor(env, Cursor, testEntry, Options{Project: true}); err == nil {
		t.Error("empty project dir accepted")
	}
	path, _ := configPath(env, Cursor, Options{})
	writeFile(t, path, `{"mcpServers": []}`)
	var pe *ParseError
	if _, err := PlanFor(env, Cursor, testEntry, Options{}); !errors.As(err, &pe) || pe.Line != 1 {
		t.Errorf("servers array: err = %v", err)
	}
	writeFile(t, path, `[1]`)
	if _, err := PlanFor(env, Cursor, testEntry, Options{}); !errors.As(err, &pe) {
		t.Errorf("top-level array: err = %v", err)
	}
}

// TestSummary checks the one-line descriptions.
func TestSummary(t *testing.T) {
	for _, tt := range []struct {
		p    Plan
		want string
	}{
		{Plan{Client: Cursor, Change: Added, Path: "/h/.cursor/mcp.json"}, "Cursor: add sweet to /h/.cursor/mcp.json"},
		{Plan{Client: Zed, Change: Unchanged, Path: "/z"}, "Zed: sweet is already registered in /z (unchanged)"},
		{Plan{Client: Zed, Uninstall: true, Path: "/z"}, "Zed: sweet is not registered in /z (unchanged)"},
		{Plan{Client: ClaudeCode, Change: Added, Commands: [][]string{{"claude", "mcp", "add", "sweet", "--", "/a b/sweet", "mcp"}}},
			"Claude Code: run claude mcp add sweet -- '/a b/sweet' mcp"},
	} {
		if got := tt.p.Summary(); got != tt.want {
			t.Errorf("Summary = %q, want %q", got, tt.want)
		}
	}
}
