package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs sweet in-process with a private environment (no real HOME or
// XDG state leaks in) and returns the exit code and both streams.
func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	streams, _, out, errOut := TestIOStreams()
	return runCLIWith(t, streams, env, args...), out.String(), errOut.String()
}

func runCLIWith(t *testing.T, streams *IOStreams, env map[string]string, args ...string) int {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["SWEET_CONFIG"]; !ok {
		// An empty config file of the test's own, so a developer's real
		// ~/.config/sweet/config.toml never leaks into the result.
		p := filepath.Join(t.TempDir(), "config.toml")
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		env["SWEET_CONFIG"] = p
	}
	f := &Factory{IO: streams, Build: BuildInfo{Version: "1.2.3", Commit: "abc", Date: "2026-11-29"},
		Getenv: func(k string) string { return env[k] }}
	return run(context.Background(), f, append([]string{"sweet"}, args...))
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, nil, "version")
	if code != 0 || !strings.Contains(out, "sweet 1.2.3") || !strings.Contains(out, "commit abc") || !strings.Contains(out, "go1.") {
		t.Fatalf("code %d, out %q", code, out)
	}
	code, out, _ = runCLI(t, nil, "version", "--json")
	var v versionInfo
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || v.Version != "1.2.3" || v.GoVersion == "" {
		t.Fatalf("json: code %d, out %q", code, out)
	}
}

func TestVersionFallsBackToBuildInfo(t *testing.T) {
	v := resolveVersion(BuildInfo{})
	if v.Version == "" || v.Commit == "" || v.Date == "" {
		t.Fatalf("empty fields: %+v", v)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"versoin"}, []string{`unknown command "versoin"`, `Did you mean "version"?`, "Run 'sweet --help'"}},
		{[]string{"config", "shw"}, []string{`unknown command "shw"`, `"show"`, "Run 'sweet config --help'"}},
		{[]string{"version", "--jsn"}, []string{"unknown flag --jsn", "Did you mean --json?", "sweet version --help"}},
		{[]string{"--data-dri", "x", "version"}, []string{"unknown flag --data-dri", "--data-dir"}},
		{[]string{"backup"}, []string{"exactly one PATH"}},
		{[]string{"completion", "tcsh"}, []string{`unknown shell "tcsh"`}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runCLI(t, map[string]string{"SWEET_DATA_DIR": t.TempDir()}, tt.args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
			if out != "" {
				t.Errorf("stdout not empty on a usage error: %q", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
		})
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, nil, "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, w := range []string{"doctor", "backup", "config", "--data-dir", "SWEET_DATA_DIR", "--no-color"} {
		if !strings.Contains(out, w) {
			t.Errorf("help lacks %q", w)
		}
	}
	if strings.Contains(out, "\n   man ") {
		t.Error("hidden man command shows in help")
	}
}

func TestDoctorHealthy(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, map[string]string{"SWEET_DATA_DIR": dir}, "doctor", "--json")
	var rep struct {
		OK     bool    `json:"ok"`
		Checks []check `json:"checks"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("doctor --json output %q: %v (stderr %q)", out, err, errOut)
	}
	if code != 0 || !rep.OK {
		t.Fatalf("exit %d, report %+v", code, rep)
	}
	names := map[string]bool{}
	for _, c := range rep.Checks {
		names[c.Name] = true
	}
	for _, n := range []string{"config", "data dir", "database", "schema", "fts5", "terminal"} {
		if !names[n] {
			t.Errorf("no %q check in %+v", n, rep.Checks)
		}
	}
}

func TestDoctorUnwritableDataDir(t *testing.T) {
	// A regular file where a directory should be: unwritable even for root.
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, []byte("x"), 0o600)
	code, out, _ := runCLI(t, map[string]string{"SWEET_DATA_DIR": filepath.Join(blocker, "sweet")}, "doctor")
	if code != ExitFailure {
		t.Fatalf("exit %d, want 1; out %q", code, out)
	}
	if !strings.Contains(out, "FAIL data dir") || !strings.Contains(out, "fix:") || !strings.Contains(out, "--data-dir") {
		t.Fatalf("out %q", out)
	}
}

func TestDoctorUnwritableByMode(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions; TestDoctorUnwritableDataDir covers this")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if code, out, _ := runCLI(t, map[string]string{"SWEET_DATA_DIR": dir}, "doctor"); code != ExitFailure {
		t.Fatalf("exit %d; out %q", code, out)
	}
}

func TestDoctorCorruptDatabase(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, map[string]string{"SWEET_DATA_DIR": dir}, "doctor"); code != 0 {
		t.Fatalf("healthy doctor failed: %s", errOut)
	}
	// Write garbage over the database, as a disk or a careless copy might.
	db := filepath.Join(dir, "sweet.db")
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(db + suffix)
	}
	if err := os.WriteFile(db, bytes.Repeat([]byte("not a database "), 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, map[string]string{"SWEET_DATA_DIR": dir}, "doctor")
	if code != ExitFailure {
		t.Fatalf("exit %d, want 1; out %q", code, out)
	}
	if !strings.Contains(out, "FAIL database") || !strings.Contains(out, "sweet backup") {
		t.Fatalf("out %q", out)
	}
}

func TestDoctorBadConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfg, []byte("log_level = \"info\"\nbogus = 1\n"), 0o600)
	code, out, _ := runCLI(t, map[string]string{"SWEET_CONFIG": cfg, "SWEET_DATA_DIR": t.TempDir()}, "doctor")
	if code != ExitFailure || !strings.Contains(out, "FAIL config") || !strings.Contains(out, cfg+":2") {
		t.Fatalf("exit %d, out %q", code, out)
	}
}

func TestConfigShowSources(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfg, []byte("\nlog_level = \"info\"\n"), 0o600)
	env := map[string]string{"SWEET_CONFIG": cfg, "NO_COLOR": "1"}
	code, out, errOut := runCLI(t, env, "--data-dir", "/tmp/flagdir", "config", "show")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{"/tmp/flagdir", "flag --data-dir", "file " + cfg + ":2", "env NO_COLOR"} {
		if !strings.Contains(out, w) {
			t.Errorf("config show lacks %q:\n%s", w, out)
		}
	}
	code, out, _ = runCLI(t, env, "config", "path")
	if code != 0 || strings.TrimSpace(out) != cfg {
		t.Fatalf("config path = %q", out)
	}
}

func TestBackup(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SWEET_DATA_DIR": dir}
	dest := filepath.Join(t.TempDir(), "copy.db")
	if code, _, errOut := runCLI(t, env, "backup", dest); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	before, _ := os.ReadFile(dest)
	code, _, errOut := runCLI(t, env, "backup", dest)
	if code != ExitFailure || !strings.Contains(errOut, "--force") {
		t.Fatalf("second backup: exit %d, %q", code, errOut)
	}
	after, _ := os.ReadFile(dest)
	if !bytes.Equal(before, after) {
		t.Fatal("refused backup changed the existing file")
	}
	if code, _, errOut := runCLI(t, env, "backup", "--force", dest); code != 0 {
		t.Fatalf("forced backup: %s", errOut)
	}
}

func TestCompletionScripts(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, _ := runCLI(t, nil, "completion", sh)
		if code != 0 || !strings.Contains(out, "sweet") {
			t.Errorf("%s: exit %d, %d bytes", sh, code, len(out))
		}
	}
}

func TestClosedPipeIsNotAnError(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SWEET_DATA_DIR": dir}
	for i := range 3 {
		if code, _, errOut := runCLI(t, env, "memory", "add", "--namespace", "p", fmt.Sprintf("note number %d about pipes", i)); code != 0 {
			t.Fatalf("add: %s", errOut)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // the reader is gone, as after `| head -1`
	defer w.Close()
	streams, _, _, errOut := TestIOStreams()
	streams.Out = w
	code := runCLIWith(t, streams, env, "memory", "list", "--namespace", "p")
	if code != 0 {
		t.Fatalf("exit %d on a closed pipe, stderr %q", code, errOut.String())
	}
}
