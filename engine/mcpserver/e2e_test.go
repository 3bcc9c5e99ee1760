package mcpserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTypeScriptClient drives `sweet mcp` through a realistic session with
// the official TypeScript SDK client (testdata/e2e/session.mjs).
func TestTypeScriptClient(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end with node")
	}
	npm := nodeModules(t)
	bin := sweetBinary(t)
	dir := t.TempDir()
	cmd := exec.Command("node", filepath.Join("testdata", "e2e", "session.mjs"), bin, dir)
	cmd.Env = append(sweetEnv(dir), "MCP_NPM_DIR="+npm)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), " 0 failed") {
		t.Fatalf("session.mjs: %v\n%s", err, out)
	}
	t.Logf("%s", lastLine(out))
}

// inspector runs the MCP Inspector CLI against `sweet mcp` (data directory
// from the environment) and returns stdout, stderr and the exit code.
func inspector(t *testing.T, npm, dir string, args ...string) (string, string, int) {
	t.Helper()
	argv := append([]string{inspectorBin(npm), "--cli"}, args...)
	cmd := exec.Command("node", argv...)
	cmd.Dir = dir
	// The Inspector keeps state under $HOME: give it a throw-away one.
	cmd.Env = append(sweetEnv(dir), "SWEET_DATA_DIR="+dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run inspector: %v", err)
	}
	return stdout.String(), stderr.String(), code
}

func TestInspectorCLI(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end with node")
	}
	npm := nodeModules(t)
	bin := sweetBinary(t)
	dir := t.TempDir()
	target := []string{bin, "mcp", "--namespace", "inspector"}

	t.Run("tools/list", func(t *testing.T) {
		out, errOut, code := inspector(t, npm, dir, append([]string{"--format", "json", "-q"}, append(target, "--method", "tools/list")...)...)
		var res struct {
			Result struct {
				Tools []struct {
					Name string `json:"name"`
				} `json:"tools"`
			} `json:"result"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Result.Tools) != 21 {
			t.Fatalf("exit %d, %d tools\nstdout: %.500s\nstderr: %.500s", code, len(res.Result.Tools), out, errOut)
		}
	})
	for _, era := range []string{"legacy", "modern"} {
		t.Run("tools/call "+era, func(t *testing.T) {
			args := append([]string{"--format", "json", "-q", "--protocol-era", era}, target...)
			args = append(args, "--method", "tools/call", "--tool-name", "memory_store", "--tool-arg", "content=stored by the inspector in "+era+" era")
			out, errOut, code := inspector(t, npm, dir, args...)
			var res struct {
				Result struct {
					StructuredContent StoreOutput `json:"structuredContent"`
				} `json:"result"`
			}
			if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Result.StructuredContent.Status != "created" {
				t.Fatalf("exit %d\nstdout: %.500s\nstderr: %.500s", code, out, errOut)
			}
		})
	}
	t.Run("unknown tool exits 5", func(t *testing.T) {
		args := append([]string{"--format", "json", "-q"}, target...)
		_, errOut, code := inspector(t, npm, dir, append(args, "--method", "tools/call", "--tool-name", "nosuch")...)
		if code != 5 {
			t.Fatalf("exit %d, want 5; stderr %.500s", code, errOut)
		}
	})
	t.Run("strict", func(t *testing.T) {
		out, errOut, code := inspector(t, npm, dir, append([]string{"--strict"}, append(target, "--method", "tools/list")...)...)
		if code != 0 || strings.Contains(errOut+out, "Warning") || strings.Contains(errOut+out, "Error:") {
			t.Fatalf("strict: exit %d\nstdout: %.800s\nstderr: %.2000s", code, out, errOut)
		}
	})
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
