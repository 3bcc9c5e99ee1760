package plugins

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/tetratelabs/wazero/sys"
)

// invoke runs one export with input on a pooled instance, under the
// plugin's time limit, and turns every failure into a clean error.
func (p *Plugin) invoke(ctx context.Context, fn string, input []byte) ([]byte, error) {
	in, err := p.acquire(ctx)
	if err != nil {
		return nil, err
	}
	callCtx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	in.stderr.Reset()
	rc, out, err := in.call(callCtx, fn, input)
	if err != nil {
		err = p.classify(callCtx, ctx, in, fn, err)
		// A guest that reported an error itself is intact; anything else
		// (trap, exit, timeout) may have left it half-way, so drop it.
		p.release(in, errors.Is(err, ErrPluginFailed))
		return nil, err
	}
	p.release(in, true)
	if rc != 0 {
		return nil, fmt.Errorf("plugin %s: %s: %w: it returned %d without a message", p.name, fn, ErrPluginFailed, int32(rc))
	}
	return out, nil
}

// call runs export fn on the instance: the first call through extism, which
// starts the guest runtime, the next ones on the fast path, which is set up
// on the second call so an instance used once does not pay for it.
func (in *instance) call(ctx context.Context, fn string, input []byte) (uint32, []byte, error) {
	if in.started && !in.extismOnly {
		if in.fast == nil {
			in.fast = newCallPath(in.ep)
			in.extismOnly = in.fast == nil
		}
		if in.fast != nil {
			return in.fast.call(ctx, fn, input)
		}
	}
	// extism starts the guest runtime on the first call of anything but
	// the runtime's own entry points.
	in.started = fn != "_start" && fn != "_initialize"
	return in.ep.CallWithContext(ctx, fn, input)
}

// classify maps what extism and wazero return to the package's errors.
func (p *Plugin) classify(callCtx, parent context.Context, in *instance, fn string, err error) error {
	where := fmt.Sprintf("plugin %s: %s", p.name, fn)
	stderr := in.stderr.String()
	var exit *sys.ExitError
	switch {
	case parent.Err() != nil:
		return fmt.Errorf("%s: %w", where, parent.Err())
	case errors.As(err, &exit) && exit.ExitCode() == sys.ExitCodeDeadlineExceeded,
		errors.Is(callCtx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("%s: %w after %s (raise it with: sweet plugin grant %s timeout:DURATION)", where, ErrTimeout, p.timeout, p.name)
	case isGuestError(in, err):
		// Checked before the message-based cases below, so a plugin's own
		// message cannot pass for a refusal or an out-of-memory.
		return fmt.Errorf("%s: %w: %s", where, ErrPluginFailed, err.Error())
	case isOutOfMemory(stderr, err):
		return fmt.Errorf("%s: %w of %s (raise it with: sweet plugin grant %s pages:N)%s",
			where, ErrMemoryLimit, sizeString(int64(p.record.Grants.EffectiveMemoryPages())*65536), p.name, detail(stderr))
	case strings.Contains(err.Error(), "is not allowed"):
		// Extism's HTTP host function refuses a host outside allowed_hosts
		// by panicking with "HTTP request to '…' is not allowed".
		return fmt.Errorf("%s: %w: %s (allow it with: sweet plugin grant %s host:NAME)", where, ErrDenied, cleanPanic(err), p.name)
	case strings.Contains(err.Error(), "http: request body too large"):
		// Extism reads responses through http.MaxBytesReader.
		return fmt.Errorf("%s: %w: an HTTP response was larger than the %s allowed (raise it with: sweet plugin grant %s http-bytes:N)",
			where, ErrDenied, sizeString(p.record.Grants.EffectiveMaxHTTPResponseBytes()), p.name)
	case errors.As(err, &exit):
		return fmt.Errorf("%s: %w: it exited with code %d%s", where, ErrTrap, exit.ExitCode(), detail(stderr))
	default:
		return fmt.Errorf("%s: %w: %s%s", where, ErrTrap, cleanPanic(err), detail(stderr))
	}
}

// cleanPanic returns the first line of a wazero error without the note
// wazero adds to recovered host panics.
func cleanPanic(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return strings.TrimSuffix(s, " (recovered by wazero)")
}

// isGuestError reports whether err is the message the guest set with
// error_set, as opposed to a failure of the call itself.
func isGuestError(in *instance, err error) bool {
	msg := in.ep.GetError()
	return msg != "" && msg == err.Error()
}

// isOutOfMemory recognises the ways guests die when memory.grow fails: the
// Go runtime's "out of memory" and Rust's "memory allocation of N bytes
// failed" on stderr, or wazero refusing to grow.
func isOutOfMemory(stderr string, err error) bool {
	return strings.Contains(stderr, "out of memory") ||
		strings.Contains(stderr, "memory allocation of") ||
		strings.Contains(err.Error(), "out of memory")
}

// detail renders the start of the guest's stderr (a Go panic or fatal
// error message, before its goroutine dump) for an error message.
func detail(stderr string) string {
	stderr = strings.TrimSpace(stderr)
	if i := strings.Index(stderr, "\n\n"); i >= 0 {
		stderr = stderr[:i]
	}
	const max = 300
	if len(stderr) > max {
		stderr = stderr[:max] + "…"
	}
	if stderr == "" {
		return ""
	}
	return "; it wrote: " + strings.ReplaceAll(stderr, "\n", " | ")
}

// stderrBuffer keeps the first max bytes written to it since the last Reset (a Go
// panic message comes first, its stack trace after):
// enough to show why a guest died without letting it fill host memory.
type stderrBuffer struct {
	mu  sync.Mutex
	max int
	buf bytes.Buffer
}

func (t *stderrBuffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - t.buf.Len(); room > 0 {
		t.buf.Write(b[:min(len(b), room)])
	}
	return len(b), nil
}

func (t *stderrBuffer) Reset() {
	t.mu.Lock()
	t.buf.Reset()
	t.mu.Unlock()
}

func (t *stderrBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}
