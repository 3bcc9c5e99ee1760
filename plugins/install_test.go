package plugins

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// copyFile copies src into dir and returns the new path.
func copyFile(t *testing.T, src, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, name)
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestInstallLocalFile(t *testing.T) {
	ctx := context.Background()
	h := testHost(t)
	path := copyFile(t, example(t, "hash"), t.TempDir(), "Hash Plugin.wasm")
	sum := recordFor(t, "x", path, Grants{}).SHA256
	c, err := h.Prepare(ctx, InstallRequest{Source: path, SHA256: strings.ToUpper(sum), Grants: Grants{MemoryRead: true}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Record.Name != "hash-plugin" || c.Record.ABI != ABIServlet || c.Record.Path != path || len(c.Tools) != 1 {
		t.Errorf("candidate = %+v", c.Record)
	}
	var approval strings.Builder
	if err := c.Render(&approval); err != nil || !strings.Contains(approval.String(), "read in namespace plugin:hash-plugin") {
		t.Errorf("Render = %q, %v", approval.String(), err)
	}
	rec, err := c.Commit()
	if err != nil || rec.InstalledAt.IsZero() || time.Since(rec.InstalledAt) > time.Minute {
		t.Fatalf("Commit = %+v, %v", rec, err)
	}
	p, err := h.Load(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	_ = p.Close(ctx)

	// Rebuilding the file in place must not slip past the approval.
	if err := os.WriteFile(path, append(mustRead(t, path), 0), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Load(ctx, rec); !errors.Is(err, ErrChanged) {
		t.Errorf("Load after the file changed: err = %v, want ErrChanged", err)
	}
	if err := Verify(rec); !errors.Is(err, ErrChanged) {
		t.Errorf("Verify after the file changed: err = %v, want ErrChanged", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestInstallFromURL(t *testing.T) {
	ctx := context.Background()
	wasm := mustRead(t, example(t, "time"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/time.wasm" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(wasm)
	}))
	defer srv.Close()
	dl := filepath.Join(t.TempDir(), "plugins")
	h := testHost(t)
	if _, err := h.Prepare(ctx, InstallRequest{Source: srv.URL + "/missing.wasm", DownloadDir: dl}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing URL: err = %v, want HTTP 404", err)
	}
	c, err := h.Prepare(ctx, InstallRequest{Source: srv.URL + "/time.wasm", DownloadDir: dl})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dl); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Prepare wrote to the download directory before approval: %v", err)
	}
	rec, err := c.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if rec.Name != "time" || filepath.Dir(rec.Path) != dl || rec.SHA256 != SHA256Hex(wasm) {
		t.Errorf("record = %+v", rec)
	}
	p, err := h.Load(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	_ = p.Close(ctx)
}

// TestInstallRejects checks that each bad plugin is refused with a clear
// error and that nothing is written.
func TestInstallRejects(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	real := mustRead(t, example(t, "hash"))
	emptyModule := []byte("\x00asm\x01\x00\x00\x00")
	// One type (func () -> ()) and one import of it: extism:host/user.nope.
	badImport := append(append([]byte{}, emptyModule...),
		0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
		0x02, 0x19, 0x01, 0x10)
	badImport = append(badImport, "extism:host/user"...)
	badImport = append(badImport, 0x04)
	badImport = append(badImport, "nope"...)
	badImport = append(badImport, 0x00, 0x00)
	tests := []struct {
		name string
		req  InstallRequest
		want error
		text string
	}{
		{"not wasm", InstallRequest{Source: write("notes.wasm", []byte("hello, world"))}, ErrInvalidModule, "not a WebAssembly module"},
		{"truncated", InstallRequest{Source: write("cut.wasm", real[:len(real)/2])}, ErrInvalidModule, "not a usable plugin"},
		{"no ABI exports", InstallRequest{Source: write("empty.wasm", emptyModule)}, ErrInvalidModule, "neither describe and call"},
		{"unknown import", InstallRequest{Source: write("imports.wasm", badImport)}, ErrInvalidModule, "extism:host/user.nope"},
		{"checksum", InstallRequest{Source: example(t, "hash"), SHA256: strings.Repeat("ab", 32)}, ErrChecksum, "expected abab"},
		{"bad checksum form", InstallRequest{Source: example(t, "hash"), SHA256: "123"}, nil, "64 hex digits"},
		{"bad name", InstallRequest{Source: example(t, "hash"), Name: "Bad Name"}, nil, "lower-case"},
		{"bad grant", InstallRequest{Source: example(t, "hash"), Grants: Grants{AllowedHosts: []string{"https://x.com"}}}, nil, "without scheme"},
		{"missing file", InstallRequest{Source: filepath.Join(dir, "nope.wasm")}, os.ErrNotExist, "no such file"},
		{"url without download dir", InstallRequest{Source: "https://example.com/x.wasm"}, nil, "no download directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.DownloadDir = filepath.Join(dir, "downloads")
			if tt.name == "url without download dir" {
				tt.req.DownloadDir = ""
			}
			c, err := testHost(t).Prepare(context.Background(), tt.req)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("Prepare = %v, %v; want %v mentioning %q", c, err, tt.want, tt.text)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "downloads")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a rejected install wrote files: %v", err)
	}
}

func TestNameFromSource(t *testing.T) {
	tests := map[string]string{
		"/a/b/Hash.wasm":                        "hash",
		`C:\plugins\qr code.wasm`:               "qr-code",
		"https://x.com/dl/fetch.wasm?v=1":       "fetch",
		"./_tool.WASM":                          "tool",
		"https://x.com/p/time-plugin_v2.wasm":   "time-plugin_v2",
		strings.Repeat("x", 80) + ".wasm":       strings.Repeat("x", 64),
		"/plugins/" + "ünïcode" + ".wasm":       "n-code",
		"https://registry.example/a/b/c.d.wasm": "c.d",
	}
	for in, want := range tests {
		if got := NameFromSource(in); got != want {
			t.Errorf("NameFromSource(%q) = %q, want %q", in, got, want)
		}
	}
}
