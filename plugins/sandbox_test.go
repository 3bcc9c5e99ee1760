package plugins

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// call calls a tool and fails the test on an error.
func call(t *testing.T, p *Plugin, tool, args string) *CallResult {
	t.Helper()
	res, err := p.CallTool(context.Background(), tool, json.RawMessage(args))
	if err != nil {
		t.Fatalf("%s(%s): %v", tool, args, err)
	}
	return res
}

func text(res *CallResult) string {
	var parts []string
	for _, c := range res.Content {
		parts = append(parts, c.Text)
	}
	return strings.Join(parts, "\n")
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestLoadServletPlugin(t *testing.T) {
	p := load(t, "sandbox", fixture(t, "sandbox"), Grants{})
	if p.ABI() != ABIServlet {
		t.Errorf("ABI = %q, want %q", p.ABI(), ABIServlet)
	}
	if n := len(p.Tools()); n != 17 {
		t.Errorf("listed %d tools, want 17", n)
	}
	// The fixture writes input_schema (snake_case); the host must keep it.
	for _, tool := range p.Tools() {
		if tool.Name == "read_file" && !strings.Contains(string(tool.InputSchema), `"required":["path"]`) {
			t.Errorf("read_file schema lost: %s", tool.InputSchema)
		}
	}
	if res := call(t, p, "noop", `{}`); text(res) != "ok" || res.IsError {
		t.Errorf("noop = %+v", res)
	}
}

// TestDenyByDefault checks that a plugin with no grants sees no
// environment, no files, no network, no configuration and no memory, but
// a real clock.
func TestDenyByDefault(t *testing.T) {
	p := load(t, "sandbox", fixture(t, "sandbox"), Grants{})
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("top secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tool, args string
		wantError  bool
		wantText   string
	}{
		{"env", `{}`, false, ""},
		{"read_file", mustJSON(map[string]string{"path": secret}), true, "read:"},
		{"write_file", mustJSON(map[string]string{"path": filepath.Join(dir, "new.txt"), "content": "x"}), true, "write:"},
		{"config", `{"key":"api-key"}`, true, `config "api-key" not set`},
		{"memory_search", `{"query":"x"}`, true, "no memory:read grant"},
		{"memory_store", `{"content":"x"}`, true, "no memory:write grant"},
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			res := call(t, p, tt.tool, tt.args)
			if res.IsError != tt.wantError || !strings.Contains(text(res), tt.wantText) {
				t.Errorf("%s = %+v, want isError=%v and text containing %q", tt.tool, res, tt.wantError, tt.wantText)
			}
			if strings.Contains(text(res), "top secret") {
				t.Errorf("%s leaked the file's content", tt.tool)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "new.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("write_file created a file without a grant: %v", err)
	}
	t.Run("clock", func(t *testing.T) {
		sec, err := strconv.ParseInt(text(call(t, p, "now", `{}`)), 10, 64)
		if d := time.Since(time.Unix(sec, 0)); err != nil || d < -time.Minute || d > time.Minute {
			t.Errorf("plugin clock reads %d (%v off): want the real time", sec, d)
		}
	})
	t.Run("http", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.Error("the server was reached without a host grant")
		}))
		defer srv.Close()
		_, err := p.CallTool(context.Background(), "http_get", json.RawMessage(mustJSON(map[string]string{"url": srv.URL})))
		if !errors.Is(err, ErrDenied) {
			t.Errorf("http_get without grant: err = %v, want ErrDenied", err)
		}
	})
}

func TestGrantsAllow(t *testing.T) {
	ro, rw := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(ro, "in.txt"), []byte("granted content"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "hello from "+r.URL.Path)
	}))
	defer srv.Close()
	g := Grants{
		AllowedHosts: []string{"127.0.0.1"},
		Paths:        []PathGrant{{Host: ro, Guest: "/in"}, {Host: rw, Guest: "/out", Writable: true}},
		Config:       []ConfigValue{{Key: "api-key", Value: "k-123", Secret: true}},
		MemoryRead:   true,
		MemoryWrite:  true,
	}
	p := load(t, "granted", fixture(t, "sandbox"), g)
	localhostURL := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	tests := []struct {
		name, tool, args string
		wantError        bool
		wantText         string
	}{
		{"read granted file", "read_file", `{"path":"/in/in.txt"}`, false, "granted content"},
		{"write read-only mount", "write_file", `{"path":"/in/new.txt","content":"x"}`, true, "write:"},
		{"write read-write mount", "write_file", `{"path":"/out/new.txt","content":"written by plugin"}`, false, "written"},
		{"read outside mounts", "read_file", `{"path":"/etc/passwd"}`, true, "read:"},
		{"escape mount", "read_file", `{"path":"/in/../../etc/passwd"}`, true, "read:"},
		{"symlink out of a mount", "symlink", `{"path":"/out/link","content":"../../../../../../etc/passwd"}`, true, "not permitted"},
		{"symlink within a mount", "symlink", `{"path":"/out/link2","content":"new.txt"}`, true, "not permitted"},
		{"symlink in read-only mount", "symlink", `{"path":"/in/link","content":"in.txt"}`, true, "symlink:"},
		{"allowed host", "http_get", mustJSON(map[string]string{"url": srv.URL + "/x"}), false, "200 hello from /x"},
		{"config", "config", `{"key":"api-key"}`, false, "k-123"},
		{"memory store", "memory_store", `{"content":"remember me"}`, false, `"namespace":"plugin:granted"`},
		{"memory search", "memory_search", `{"query":"me"}`, false, `"hits":["remember me"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, p, tt.tool, tt.args)
			if res.IsError != tt.wantError || !strings.Contains(text(res), tt.wantText) {
				t.Errorf("%s = %q (isError=%v), want isError=%v and %q", tt.tool, text(res), res.IsError, tt.wantError, tt.wantText)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(ro, "new.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a write to the read-only mount reached the host: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(rw, "new.txt")); err != nil || string(b) != "written by plugin" {
		t.Errorf("read-write mount: file = %q, %v", b, err)
	}
	t.Run("other host", func(t *testing.T) {
		_, err := p.CallTool(context.Background(), "http_get", json.RawMessage(mustJSON(map[string]string{"url": localhostURL})))
		if !errors.Is(err, ErrDenied) {
			t.Errorf("http_get to localhost with only 127.0.0.1 granted: err = %v, want ErrDenied", err)
		}
	})
}

// TestFailuresAreCleanErrors checks that a trap, a timeout, a memory bomb,
// a panic and a reported error each come back as an error value, and that
// the plugin keeps serving calls afterwards.
func TestFailuresAreCleanErrors(t *testing.T) {
	// The memory bomb gets a generous time limit, so that on a slow machine
	// (or under -race) it runs out of memory before it runs out of time.
	quick := load(t, "failing", fixture(t, "sandbox"), Grants{Timeout: time.Second})
	small := load(t, "small", fixture(t, "sandbox"), Grants{MemoryPages: 512, Timeout: 2 * time.Minute})
	tests := []struct {
		tool     string
		p        *Plugin
		want     error
		wantText string
	}{
		{"loop", quick, ErrTimeout, "after 1s"},
		{"membomb", small, ErrMemoryLimit, "32 MiB"},
		{"trap", quick, ErrTrap, "out of bounds memory access"},
		{"panic", quick, ErrTrap, "fixture panicked on purpose"},
		{"fail", quick, ErrPluginFailed, "fixture failed on purpose"},
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			res, err := tt.p.CallTool(context.Background(), tt.tool, nil)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.wantText) {
				t.Fatalf("%s: res=%+v err=%v; want %v mentioning %q", tt.tool, res, err, tt.want, tt.wantText)
			}
			if ir := ErrorResult(err); !ir.IsError || ir.Content[0].Text != err.Error() {
				t.Errorf("ErrorResult(%v) = %+v", err, ir)
			}
			if res := call(t, tt.p, "noop", `{}`); text(res) != "ok" {
				t.Errorf("after %s, noop = %+v", tt.tool, res)
			}
		})
	}
}

func TestMemoryCapBelowModuleMinimum(t *testing.T) {
	_, err := testHost(t).Load(context.Background(), recordFor(t, "tiny", fixture(t, "sandbox"), Grants{MemoryPages: 16}))
	if !errors.Is(err, ErrMemoryLimit) || !strings.Contains(err.Error(), "pages:N") {
		t.Errorf("load with 16 pages: err = %v, want ErrMemoryLimit with a fix", err)
	}
}

func TestCallerCancels(t *testing.T) {
	p := load(t, "cancelled", fixture(t, "sandbox"), Grants{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(200 * time.Millisecond); cancel() }()
	_, err := p.CallTool(ctx, "loop", nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("loop with a cancelled context: err = %v, want context.Canceled", err)
	}
}

func TestCallToolRejects(t *testing.T) {
	p := load(t, "sandbox", fixture(t, "sandbox"), Grants{})
	if _, err := p.CallTool(context.Background(), "nope", nil); !errors.Is(err, ErrUnknownTool) {
		t.Errorf("unknown tool: err = %v, want ErrUnknownTool", err)
	}
	for _, args := range []string{`[1]`, `{"a":`, `"x"`} {
		if _, err := p.CallTool(context.Background(), "noop", json.RawMessage(args)); err == nil {
			t.Errorf("arguments %s accepted, want an error", args)
		}
	}
}

func TestConcurrentCalls(t *testing.T) {
	p := load(t, "sandbox", fixture(t, "sandbox"), Grants{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tool := "noop"
			if i%4 == 0 {
				tool = "trap"
			}
			res, err := p.CallTool(context.Background(), tool, nil)
			if tool == "noop" && (err != nil || text(res) != "ok") {
				errs <- fmt.Errorf("noop: %+v, %v", res, err)
			}
			if tool == "trap" && !errors.Is(err, ErrTrap) {
				errs <- fmt.Errorf("trap: %v", err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestClosedPlugin(t *testing.T) {
	p := load(t, "sandbox", fixture(t, "sandbox"), Grants{})
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.CallTool(context.Background(), "noop", nil); !errors.Is(err, ErrClosed) {
		t.Errorf("call after Close: err = %v, want ErrClosed", err)
	}
}

// TestDataCrossesIntact sends inputs of awkward sizes through the kernel
// and back: the guest kit copies in 8-byte words with an overlapping last
// word, so every length up to a few words, and a large one, must survive.
func TestDataCrossesIntact(t *testing.T) {
	p := load(t, "sandbox", fixture(t, "sandbox"), Grants{})
	var sizes []int
	for n := 0; n <= 20; n++ {
		sizes = append(sizes, n)
	}
	sizes = append(sizes, 4095, 65537, 1<<18+3)
	for _, n := range sizes {
		content := make([]byte, n)
		for i := range content {
			content[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[(i*7+n)%36]
		}
		res := call(t, p, "echo", mustJSON(map[string]string{"content": string(content)}))
		if got := text(res); got != string(content) {
			t.Errorf("echo of %d bytes came back as %d bytes (first difference at %d)", n, len(got), firstDiff(got, string(content)))
		}
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestMalformedOutput(t *testing.T) {
	p := load(t, "sandbox", fixture(t, "sandbox"), Grants{})
	_, err := p.CallTool(context.Background(), "garbage", nil)
	if !errors.Is(err, ErrBadOutput) || !strings.Contains(err.Error(), "this is not JSON") {
		t.Errorf("garbage: err = %v, want ErrBadOutput quoting the output", err)
	}
	if res := call(t, p, "noop", `{}`); text(res) != "ok" {
		t.Errorf("after garbage, noop = %+v", res)
	}
}
