package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sweetmcp/sweet/cli/config"
	"github.com/sweetmcp/sweet/install"
)

// inspectorPackage is the MCP Inspector the end-to-end tests run (the same
// version scripts/test.sh installs into .ci/npm).
const inspectorPackage = "@modelcontextprotocol/inspector@2.12.0"

// TestInstallThenInspector is the acceptance test of `sweet install`: the
// Claude Desktop config it writes, whose command is a freshly built sweet,
// is handed to the MCP Inspector CLI, which starts the server from it and
// must list sweet's tools.
func TestInstallThenInspector(t *testing.T) {
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("skipping: %s is not installed (the test runs the MCP Inspector CLI)", tool)
		}
	}
	inspector := inspectorScript(t)
	bin := buildSweet(t)

	home := t.TempDir()
	env := install.Environment{Home: home, OS: "linux", Vars: map[string]string{}, ProjectDir: home,
		LookPath: func(string) (string, error) { return "", os.ErrNotExist }, Now: time.Now}
	streams, _, _, _ := TestIOStreams()
	cfg := &config.Loaded{Config: config.Defaults()}
	opts := &installOptions{IO: streams, Env: func() (install.Environment, error) { return env, nil },
		Exe: func() (string, error) { return bin, nil }, Config: func() (*config.Loaded, error) { return cfg, nil },
		App: NewApp(&Factory{IO: streams}), Clients: []string{"claude-desktop"}}
	if err := installRun(context.Background(), opts); err != nil {
		t.Fatalf("install: %v", err)
	}
	configPath := filepath.Join(home, ".config", "Claude", "claude_desktop_config.json")
	if _, err := os.Stat(configPath); err != nil {
		t.Fatalf("install wrote no Claude Desktop config: %v", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", inspector, "--cli", "--format", "json", "-q",
		"--config", configPath, "--server", "sweet", "--method", "tools/list")
	cmd.Dir = home
	// sweet and the Inspector keep state under these: a throw-away home.
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"), "SWEET_DATA_DIR="+filepath.Join(home, "db"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("inspector: %v\nstdout: %.1000s\nstderr: %.2000s", err, stdout.String(), stderr.String())
	}
	var res struct {
		Result struct {
			Tools []struct {
				Name string `json:"name"`
			} `json:"tools"`
		} `json:"result"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("inspector output is not the tools/list JSON: %v\n%.1000s", err, stdout.String())
	}
	var names []string
	for _, tool := range res.Result.Tools {
		names = append(names, tool.Name)
	}
	for _, want := range []string{"memory_store", "memory_search", "create_entities", "search_nodes", "reason", "sequentialthinking"} {
		if !slices.Contains(names, want) {
			t.Errorf("tools/list through the installed config lacks %s: %v", want, names)
		}
	}
}

// buildSweet builds the sweet command from the module root into a temp dir.
func buildSweet(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "sweet")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// inspectorScript returns the Inspector's launcher in MCP_NPM_DIR or
// .ci/npm, installing the Inspector there when it is missing.
func inspectorScript(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("MCP_NPM_DIR")
	if dir == "" {
		abs, err := filepath.Abs(filepath.Join("..", ".ci", "npm"))
		if err != nil {
			t.Fatal(err)
		}
		dir = abs
	}
	script := filepath.Join(dir, "node_modules", "@modelcontextprotocol", "inspector", "clients", "launcher", "build", "index.js")
	if _, err := os.Stat(script); err == nil {
		return script
	}
	out, err := exec.Command("npm", "install", "--no-audit", "--no-fund", "--prefix", dir, inspectorPackage).CombinedOutput()
	if err != nil {
		t.Fatalf("install %s into %s (or set MCP_NPM_DIR): %v\n%s", inspectorPackage, dir, err, out)
	}
	return script
}
