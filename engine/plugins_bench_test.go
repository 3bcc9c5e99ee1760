package engine

import (
	"context"
	"encoding/json"
	"testing"
)

// BenchmarkPluginsCallTool calls the hash plugin through the facade's
// routing (served name -> plugin -> tool), the path an MCP tools/call takes.
func BenchmarkPluginsCallTool(b *testing.B) {
	ctx := context.Background()
	e, err := Open(ctx, Config{DataDir: b.TempDir(), PluginCacheDir: pluginCacheDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	p := e.OpenPlugins(PluginOptions{})
	defer p.Close(ctx)
	c, err := p.Prepare(ctx, installRequest(examplePlugin(b, "hash")))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Install(ctx, c); err != nil {
		b.Fatal(err)
	}
	if err := p.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	args := json.RawMessage(`{"data":"abc","algorithm":"sha256"}`)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := p.CallTool(ctx, "hash__hash", args)
		if err != nil || res.IsError {
			b.Fatalf("call: %v %+v", err, res)
		}
	}
}

// BenchmarkPluginsSync measures a Sync that finds nothing changed: the
// cost a plugin-kind change log entry adds to every watcher.
func BenchmarkPluginsSync(b *testing.B) {
	ctx := context.Background()
	e, err := Open(ctx, Config{DataDir: b.TempDir(), PluginCacheDir: pluginCacheDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	p := e.OpenPlugins(PluginOptions{})
	defer p.Close(ctx)
	for _, name := range []string{"hash", "time"} {
		c, err := p.Prepare(ctx, installRequest(examplePlugin(b, name)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Install(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	if err := p.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := p.Sync(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
