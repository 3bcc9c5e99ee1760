package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sweetmcp/sweet/cli/config"
	"github.com/sweetmcp/sweet/install"
)

func testInstallOptions(t *testing.T, home string) (*installOptions, *strings.Builder) {
	streams, _, out, _ := TestIOStreams()
	_ = out
	errBuf := &strings.Builder{}
	streams.ErrOut = errBuf
	env := install.Environment{Home: home, OS: "linux", Vars: map[string]string{}, ProjectDir: home,
		LookPath: func(string) (string, error) { return "", os.ErrNotExist }, Now: time.Now}
	cfg := &config.Loaded{Config: config.Defaults()}
	return &installOptions{IO: streams, Env: func() (install.Environment, error) { return env, nil },
		Exe: func() (string, error) { return "/opt/sweet/bin/sweet", nil }, Config: func() (*config.Loaded, error) { return cfg, nil },
		App: NewApp(&Factory{IO: streams}), Clients: []string{"claude-desktop"}}, errBuf
}

func TestInstallAndUninstallClaudeDesktop(t *testing.T) {
	home := t.TempDir()
	path := filepath.Join(home, ".config", "Claude", "claude_desktop_config.json")
	os.MkdirAll(filepath.Dir(path), 0o700)
	orig := []byte("{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"other-server\"}\n  }\n}\n")
	os.WriteFile(path, orig, 0o600)

	opts, _ := testInstallOptions(t, home)
	opts.DryRun = true
	if err := installRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != string(orig) {
		t.Fatal("dry run wrote the file")
	}
	opts.DryRun = false
	if err := installRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		MCPServers map[string]struct {
			Command string   `json:"command"`
			Args    []string `json:"args"`
		} `json:"mcpServers"`
	}
	b, _ := os.ReadFile(path)
	if err := json.Unmarshal(b, &cfg); err != nil {
		t.Fatalf("written config does not parse: %v\n%s", err, b)
	}
	if cfg.MCPServers["sweet"].Command != "/opt/sweet/bin/sweet" || strings.Join(cfg.MCPServers["sweet"].Args, " ") != "mcp" || cfg.MCPServers["other"].Command != "other-server" {
		t.Fatalf("config after install: %s", b)
	}
	opts.Uninstall = true
	if err := installRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != string(orig) {
		t.Fatalf("uninstall did not restore the original:\n%s", b)
	}
}

func TestInstallRefusesBrokenConfig(t *testing.T) {
	home := t.TempDir()
	path := filepath.Join(home, ".config", "Claude", "claude_desktop_config.json")
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte("{\n  \"mcpServers\": {,\n}\n"), 0o600)
	opts, _ := testInstallOptions(t, home)
	err := installRun(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("err = %v", err)
	}
}

func TestInstallDataDirArgument(t *testing.T) {
	opts, _ := testInstallOptions(t, t.TempDir())
	cfg := &config.Loaded{Config: config.Defaults()}
	cfg.DataDir = "/srv/sweet-data"
	opts.Config = func() (*config.Loaded, error) { return cfg, nil }
	e, err := mcpEntry(opts)
	if err != nil || strings.Join(e.Args, " ") != "--data-dir /srv/sweet-data mcp" {
		t.Fatalf("entry = %+v, %v", e, err)
	}
}
