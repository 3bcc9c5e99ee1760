// Package wasmbuild compiles sweet's Go plugins (first-party examples and
// test fixtures) to WebAssembly with the standard toolchain:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o NAME.wasm PKG
//
// c-shared makes a WASI reactor: the Go runtime starts in _initialize and
// the //go:wasmexport functions can then be called any number of times,
// which is what the Extism host expects.
package wasmbuild

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// Module is the import path of sweet's module.
const Module = "github.com/sweetmcp/sweet"

// Examples are the first-party plugins, by directory under plugins/examples.
var Examples = []string{"hash", "time", "qr-code", "fetch"}

// Fixtures are the test plugins, by directory under plugins/internal/fixtures.
var Fixtures = []string{"sandbox", "v2"}

// ExamplePackage returns the import path of a first-party plugin.
func ExamplePackage(name string) string { return Module + "/plugins/examples/" + name }

// FixturePackage returns the import path of a test plugin.
func FixturePackage(name string) string { return Module + "/plugins/internal/fixtures/" + name }

// Build compiles the main package pkg into outDir/<last element>.wasm and
// returns the file's path. It must run inside sweet's module tree (the go
// command resolves pkg from the working directory).
func Build(ctx context.Context, pkg, outDir string) (string, error) {
	goBin, err := goCommand()
	if err != nil {
		return "", err
	}
	out := filepath.Join(outDir, path.Base(pkg)+".wasm")
	cmd := exec.CommandContext(ctx, goBin, "build", "-buildmode=c-shared", "-trimpath", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build %s: %w\n%s", pkg, err, strings.TrimSpace(string(msg)))
	}
	return out, nil
}

// BuildAll builds each package into outDir and returns the paths by the
// package's last element.
func BuildAll(ctx context.Context, outDir string, pkgs ...string) (map[string]string, error) {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", outDir, err)
	}
	paths := map[string]string{}
	for _, pkg := range pkgs {
		p, err := Build(ctx, pkg, outDir)
		if err != nil {
			return nil, err
		}
		paths[path.Base(pkg)] = p
	}
	return paths, nil
}

// goCommand finds the go command: $GOROOT/bin/go when GOROOT is set (as
// under `go test`), else the one on PATH.
func goCommand() (string, error) {
	if root := os.Getenv("GOROOT"); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	p, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("find the go command: %w", err)
	}
	return p, nil
}
