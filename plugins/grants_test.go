package plugins

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// golden compares got with testdata/<test name>.golden.
func golden(t *testing.T, got string) {
	t.Helper()
	path := filepath.Join("testdata", strings.ReplaceAll(t.Name(), "/", "_")+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestGrantAndRevoke(t *testing.T) {
	var g Grants
	for _, spec := range []string{
		"host:api.example.com", "host:*.github.com", "host:api.example.com",
		"path:/home/me/notes:/notes", "path:/tmp/out:/out:rw", "path:/home/me/notes:/n2:ro",
		"config:region=eu", "secret:api-key=s3cr3t=x", "config:region=us",
		"memory:read", "memory:write", "pages:256", "timeout:5s", "http-bytes:1024",
	} {
		if err := g.Grant(spec); err != nil {
			t.Fatalf("Grant(%q): %v", spec, err)
		}
	}
	want := Grants{
		AllowedHosts: []string{"api.example.com", "*.github.com"},
		Paths:        []PathGrant{{Host: "/tmp/out", Guest: "/out", Writable: true}, {Host: "/home/me/notes", Guest: "/n2"}},
		Config:       []ConfigValue{{Key: "api-key", Value: "s3cr3t=x", Secret: true}, {Key: "region", Value: "us"}},
		MemoryPages:  256, Timeout: 5 * time.Second, MaxHTTPResponseBytes: 1024,
		MemoryRead: true, MemoryWrite: true,
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("after Grant (-want +got):\n%s", diff)
	}
	for _, spec := range []string{"host:*.github.com", "path:/tmp/out", "secret:api-key", "memory:write", "pages:", "timeout:", "http-bytes:", "host:never-granted"} {
		if err := g.Revoke(spec); err != nil {
			t.Fatalf("Revoke(%q): %v", spec, err)
		}
	}
	want = Grants{
		AllowedHosts: []string{"api.example.com"},
		Paths:        []PathGrant{{Host: "/home/me/notes", Guest: "/n2"}},
		Config:       []ConfigValue{{Key: "region", Value: "us"}},
		MemoryRead:   true,
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("after Revoke (-want +got):\n%s", diff)
	}
}

func TestGrantRejects(t *testing.T) {
	for _, spec := range []string{
		"host", "host:", "host:https://x.com", "host:x.com:443", "host:x.com/path", "host:[a",
		"path:relative/dir", "path:", "config:novalue", "config:=v", "memory:admin",
		"pages:0", "pages:70000", "pages:x", "timeout:-1s", "timeout:soon", "http-bytes:0", "network:all",
	} {
		var g Grants
		if err := g.Grant(spec); err == nil {
			t.Errorf("Grant(%q) succeeded, want an error", spec)
		}
	}
	var g Grants
	for _, spec := range []string{"bogus:x", "path:relative", "memory:all", "nokind"} {
		if err := g.Revoke(spec); err == nil {
			t.Errorf("Revoke(%q) succeeded, want an error", spec)
		}
	}
}

func TestParsePathSpec(t *testing.T) {
	tests := []struct {
		spec string
		want PathGrant
	}{
		{"/data", PathGrant{Host: "/data", Guest: "/data"}},
		{"/data:ro", PathGrant{Host: "/data", Guest: "/data"}},
		{"/data:rw", PathGrant{Host: "/data", Guest: "/data", Writable: true}},
		{"/data/:/mnt", PathGrant{Host: "/data", Guest: "/mnt"}},
		{"/a:b/c:/mnt:rw", PathGrant{Host: "/a:b/c", Guest: "/mnt", Writable: true}},
	}
	for _, tt := range tests {
		got, err := ParsePathSpec(tt.spec)
		if err != nil || got != tt.want {
			t.Errorf("ParsePathSpec(%q) = %+v, %v; want %+v", tt.spec, got, err, tt.want)
		}
	}
}

func TestGrantsJSON(t *testing.T) {
	g := Grants{AllowedHosts: []string{"x.com"}, Timeout: 1500 * time.Millisecond, MemoryRead: true,
		Config: []ConfigValue{{Key: "k", Value: "v", Secret: true}}}
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"timeout":"1.5s"`) {
		t.Errorf("timeout not written as a duration: %s", b)
	}
	var back Grants
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(g, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	rec := Record{Name: "x", Grants: g, InstalledAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	rb, _ := json.Marshal(rec)
	var rback Record
	if err := json.Unmarshal(rb, &rback); err != nil || !cmp.Equal(rec, rback) {
		t.Errorf("record round trip: %v\n%s", err, cmp.Diff(rec, rback))
	}
	if err := json.Unmarshal([]byte(`{"timeout":"soon"}`), &back); err == nil {
		t.Error("a malformed timeout decoded without error")
	}
}

func TestGrantsValidate(t *testing.T) {
	bad := []Grants{
		{AllowedHosts: []string{"http://x"}},
		{Paths: []PathGrant{{Host: "rel", Guest: "/x"}}},
		{Paths: []PathGrant{{Host: "/abs", Guest: "x"}}},
		{Config: []ConfigValue{{Value: "v"}}},
		{MemoryPages: MaxMemoryPages + 1},
		{Timeout: -time.Second},
	}
	for _, g := range bad {
		if err := g.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil, want an error", g)
		}
	}
	if err := (Grants{}).Validate(); err != nil {
		t.Errorf("zero grants: %v", err)
	}
}

func TestRender(t *testing.T) {
	t.Run("none", func(t *testing.T) {
		var b strings.Builder
		if err := (Grants{}).Render(&b, MemoryNamespace("hash")); err != nil {
			t.Fatal(err)
		}
		golden(t, b.String())
	})
	t.Run("all", func(t *testing.T) {
		g := Grants{
			AllowedHosts: []string{"api.github.com", "*.example.com"},
			Paths:        []PathGrant{{Host: "/home/me/notes", Guest: "/notes"}, {Host: "/tmp/out", Guest: "/out", Writable: true}},
			Config:       []ConfigValue{{Key: "region", Value: "eu"}, {Key: "api-key", Value: "s3cr3t", Secret: true}},
			MemoryPages:  2048, Timeout: 10 * time.Second, MaxHTTPResponseBytes: 1 << 20,
			MemoryRead: true, MemoryWrite: true,
		}
		var b strings.Builder
		if err := g.Render(&b, MemoryNamespace("github")); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "s3cr3t") {
			t.Error("Render showed a secret value")
		}
		golden(t, b.String())
	})
}
