package plugins

import (
	"context"
	"testing"
)

// Speed targets (docs/plugins.md, "Performance"): instantiating a compiled plugin
// ≤ 2 ms, a no-op call ≤ 20 µs. Cold loads are reported, not targeted.
//
//	go test -run '^$' -bench . -benchmem ./plugins/
//	go test -run '^$' -bench ColdLoad -benchtime 1x ./plugins/

// BenchmarkInstantiate measures a new instance of a compiled plugin (the
// pool's miss path, with the compiled code already loaded), without the
// guest runtime's start-up: a Go guest (the sandbox fixture, 3.6 MB, with
// 2.8 MB of initial memory) and a minimal hand-encoded module (one page).
func BenchmarkInstantiate(b *testing.B) {
	for _, bc := range []struct{ name, path string }{
		{"go", fixture(b, "sandbox")},
		{"tiny", tinyFile(b)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p := load(b, bc.name, bc.path, Grants{})
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				in, err := p.newInstance(ctx)
				if err != nil {
					b.Fatal(err)
				}
				in.close(ctx)
			}
		})
	}
}

// BenchmarkAcquire measures taking an idle instance from the pool and
// giving it back: what a call pays for its instance when the pool hits.
func BenchmarkAcquire(b *testing.B) {
	p := load(b, "sandbox", fixture(b, "sandbox"), Grants{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		in, err := p.acquire(ctx)
		if err != nil {
			b.Fatal(err)
		}
		p.release(in, true)
	}
}

// BenchmarkInstantiateAndStart adds the first call, which runs the Go
// guest's runtime initialisation (_initialize).
func BenchmarkInstantiateAndStart(b *testing.B) {
	p := load(b, "sandbox", fixture(b, "sandbox"), Grants{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		in, err := p.newInstance(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := in.ep.CallWithContext(ctx, "noop", nil); err != nil {
			b.Fatal(err)
		}
		in.close(ctx)
	}
}

// BenchmarkCallNoop measures one call of an export that does nothing, on a
// pooled instance: the host's fixed cost per call, with a Go guest and with
// the minimal module, and for comparison through extism's own call path.
func BenchmarkCallNoop(b *testing.B) {
	for _, bc := range []struct {
		name, path string
		extismPath bool
	}{
		{"go", fixture(b, "sandbox"), false},
		{"tiny", tinyFile(b), false},
		{"go-extism-path", fixture(b, "sandbox"), true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p := load(b, bc.name, bc.path, Grants{})
			ctx := context.Background()
			if bc.extismPath {
				// The benchmark's calls all take the one pooled instance.
				in, err := p.acquire(ctx)
				if err != nil {
					b.Fatal(err)
				}
				in.extismOnly = true
				p.release(in, true)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.invoke(ctx, "noop", nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCallTool measures a whole MCP tool call of a no-op tool: JSON
// request in, JSON result out, decoded on both sides.
func BenchmarkCallTool(b *testing.B) {
	p := load(b, "sandbox", fixture(b, "sandbox"), Grants{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.CallTool(ctx, "noop", nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallHash measures a real tool: sha256 of a short string.
func BenchmarkCallHash(b *testing.B) {
	p := load(b, "hash", example(b, "hash"), Grants{})
	ctx := context.Background()
	args := []byte(`{"data":"the quick brown fox","algorithm":"sha256"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.CallTool(ctx, "hash", args); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadWarmCache measures loading an installed plugin in a new
// process: a new Host over a compilation cache directory that already
// holds the compiled code (hash check, cache read, instance, describe).
func BenchmarkLoadWarmCache(b *testing.B) {
	path := example(b, "hash")
	rec := recordFor(b, "hash", path, Grants{})
	ctx := context.Background()
	testHost(b) // the shared host has compiled it into the cache dir
	p := load(b, "hash", path, Grants{})
	_ = p.Close(ctx)
	b.ResetTimer()
	for b.Loop() {
		h, err := NewHost(Options{CacheDir: testCacheDir()})
		if err != nil {
			b.Fatal(err)
		}
		p, err := h.Load(ctx, rec)
		if err != nil {
			b.Fatal(err)
		}
		_ = p.Close(ctx)
		_ = h.Close(ctx)
	}
}

// BenchmarkColdLoad measures the first load of each first-party plugin
// with an empty compilation cache: what a user waits for once after
// installing. Run it with -benchtime 1x.
func BenchmarkColdLoad(b *testing.B) {
	for _, name := range []string{"hash", "time", "qr-code", "fetch"} {
		b.Run(name, func(b *testing.B) {
			rec := recordFor(b, name, example(b, name), Grants{})
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				h, err := NewHost(Options{CacheDir: b.TempDir()})
				if err != nil {
					b.Fatal(err)
				}
				p, err := h.Load(ctx, rec)
				if err != nil {
					b.Fatal(err)
				}
				_ = p.Close(ctx)
				_ = h.Close(ctx)
			}
		})
	}
}
