package mcpserver

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// npmPackages are the exact client and server versions the end-to-end
// tests and benchmarks run against. scripts/test.sh installs the same.
var npmPackages = []string{
	"@modelcontextprotocol/sdk@1.32.2",
	"@modelcontextprotocol/inspector@2.12.0",
	"@modelcontextprotocol/server-memory@2026.8.31",
}

var (
	npmOnce sync.Once
	npmDir  string
	npmErr  error
)

// nodeModules returns the folder holding the npm packages (MCP_NPM_DIR, or
// .ci/npm at the module root), installing them there when missing. It skips
// the test only when node or npm is not installed.
func nodeModules(t testing.TB) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("skipping: %s is not installed (the end-to-end tests run the official TypeScript client, Inspector and server-memory)", tool)
		}
	}
	npmOnce.Do(func() {
		npmDir = os.Getenv("MCP_NPM_DIR")
		if npmDir == "" {
			npmDir, npmErr = filepath.Abs(filepath.Join("..", "..", ".ci", "npm"))
			if npmErr != nil {
				return
			}
		}
		if _, err := os.Stat(filepath.Join(npmDir, "node_modules", "@modelcontextprotocol", "server-memory")); err == nil {
			return
		}
		args := append([]string{"install", "--no-audit", "--no-fund", "--prefix", npmDir}, npmPackages...)
		out, err := exec.Command("npm", args...).CombinedOutput()
		if err != nil {
			npmErr = &npmError{err: err, out: string(out)}
		}
	})
	if npmErr != nil {
		t.Fatalf("install npm packages into %s (or set MCP_NPM_DIR): %v", npmDir, npmErr)
	}
	return npmDir
}

type npmError struct {
	err error
	out string
}

func (e *npmError) Error() string { return e.err.Error() + "\n" + e.out }

// inspectorBin is the Inspector's launcher script.
func inspectorBin(npm string) string {
	return filepath.Join(npm, "node_modules", "@modelcontextprotocol", "inspector", "clients", "launcher", "build", "index.js")
}

// serverMemoryBin is the official memory server's entry point.
func serverMemoryBin(npm string) string {
	return filepath.Join(npm, "node_modules", "@modelcontextprotocol", "server-memory", "dist", "index.js")
}
