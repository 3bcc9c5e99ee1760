package plugins

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestFastCallPath checks that the fast call path answers every kind of call
// exactly as extism's CallWithContext does, on two instances of one plugin.
func TestFastCallPath(t *testing.T) {
	p := load(t, "fastpath", fixture(t, "sandbox"), Grants{Timeout: time.Second})
	ctx := context.Background()
	fast, slow := startedInstance(t, p, true), startedInstance(t, p, false)
	tests := []struct {
		name  string
		fn    string
		input []byte
	}{
		{"no input", "describe", nil},
		{"tool", "call", req("echo", `{"content":"héllo, wörld"}`)},
		{"large input", "call", req("echo", mustJSON(map[string]string{"content": strings.Repeat("0123456789", 2_000)}))},
		{"guest error", "call", req("fail", `{}`)},
		{"bad JSON", "call", []byte(`{"params":`)},
		{"not JSON out", "call", req("garbage", `{}`)},
		{"unknown export", "nope", nil},
		{"export with a result", "noop", nil},
		{"after an unknown export", "describe", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frc, fout, ferr := fast.call(ctx, tt.fn, tt.input)
			src, sout, serr := slow.call(ctx, tt.fn, tt.input)
			if frc != src || !bytes.Equal(fout, sout) || errString(ferr) != errString(serr) {
				t.Errorf("fast path: %d, %.80q, %v\nextism:    %d, %.80q, %v", frc, fout, ferr, src, sout, serr)
			}
			if (fout == nil) != (sout == nil) {
				t.Errorf("fast path output nil = %v, extism's nil = %v", fout == nil, sout == nil)
			}
		})
	}
	// The guest's own kernel calls (input_length, output_set, ...) found
	// the handles the fast path keeps, through extism's host functions.
	for _, name := range []string{"input_length", "output_set"} {
		if _, ok := fast.fast.kernel.fns[name]; !ok {
			t.Errorf("the guest's %s call did not go through the kept kernel handles", name)
		}
	}
}

// TestFastCallPathFailures checks that traps and timeouts on the fast path
// end in the same errors as on extism's.
func TestFastCallPathFailures(t *testing.T) {
	p := load(t, "fastfail", fixture(t, "sandbox"), Grants{Timeout: 300 * time.Millisecond})
	run := func(in *instance, tool string) error {
		ctx, cancel := context.WithTimeout(context.Background(), p.timeout)
		defer cancel()
		_, _, err := in.call(ctx, "call", req(tool, `{}`))
		if err == nil {
			return nil
		}
		return p.classify(ctx, context.Background(), in, "call", err)
	}
	for _, tool := range []string{"trap", "panic", "loop", "fail"} {
		t.Run(tool, func(t *testing.T) {
			ferr := run(startedInstance(t, p, true), tool)
			serr := run(startedInstance(t, p, false), tool)
			if ferr == nil || errString(ferr) != errString(serr) {
				t.Errorf("fast path: %v\nextism:    %v", ferr, serr)
			}
		})
	}
}

// startedInstance returns a new instance of p that has made its first call
// (the one that starts the guest runtime), with or without the fast path.
func startedInstance(t *testing.T, p *Plugin, fast bool) *instance {
	t.Helper()
	ctx := context.Background()
	in, err := p.newInstance(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.close(ctx) })
	if newCallPath(in.ep) == nil {
		t.Fatal("newCallPath found no kernel in extism's Plugin: update pluginModule for this extism version")
	}
	in.extismOnly = !fast
	for range 2 { // the second call sets the fast path up
		if _, _, err := in.call(ctx, "noop", nil); err != nil {
			t.Fatal(err)
		}
	}
	if (in.fast != nil) != fast {
		t.Fatalf("fast path set up = %v, want %v", in.fast != nil, fast)
	}
	return in
}

// req is a servlet call request for tool.
func req(tool, args string) []byte {
	b, _ := json.Marshal(map[string]any{"params": map[string]any{"name": tool, "arguments": json.RawMessage(args)}})
	return b
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
