package plugins

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"sync"
	"time"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental"
	experimentalsys "github.com/tetratelabs/wazero/experimental/sys"
	"github.com/tetratelabs/wazero/experimental/sysfs"
)

// Plugin is a loaded plugin: compiled once, run in a small pool of
// instances. Each call gets an instance to itself; an instance that
// failed is discarded, so one bad call never poisons the next. A Plugin is
// safe for concurrent use.
type Plugin struct {
	name     string
	record   Record
	compiled *extism.CompiledPlugin
	fs       wazero.FSConfig
	timeout  time.Duration
	log      func(ctx context.Context, level slog.Level, msg string, args ...any)

	abi     ABI
	exports Exports
	tools   []Tool

	slots chan struct{}  // one token per running instance
	idle  chan *instance // instances ready for reuse
	mem   memoryPool     // linear memories of closed instances

	mu     sync.Mutex
	closed bool
}

type instance struct {
	ep     *extism.Plugin
	stderr *stderrBuffer
	mem    *instanceMemory
	// fast runs calls after the first, once set up by the second.
	fast *callPath
	// extismOnly keeps every call on extism's path: set when extism's
	// layout is not the one newCallPath knows (and by tests).
	extismOnly bool
	// started is set once extism's own call path has run the guest
	// runtime's initialisation (_initialize), which only it can do.
	started bool
}

// Name returns the plugin's name.
func (p *Plugin) Name() string { return p.name }

// Record returns the record the plugin was loaded from.
func (p *Plugin) Record() Record { return p.record }

// ABI returns the export convention the plugin follows.
func (p *Plugin) ABI() ABI { return p.abi }

// Exports tells which optional capabilities (prompts, resources) the
// plugin exports.
func (p *Plugin) Exports() Exports { return p.exports }

// Tools returns the tools the plugin listed when it was loaded.
func (p *Plugin) Tools() []Tool { return append([]Tool(nil), p.tools...) }

// HasTool reports whether the plugin offers the named tool.
func (p *Plugin) HasTool(name string) bool {
	for _, t := range p.tools {
		if t.Name == name {
			return true
		}
	}
	return false
}

// Close stops the plugin: idle instances are freed and calls in flight end
// with an error.
func (p *Plugin) Close(ctx context.Context) error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	p.mu.Unlock()
	for {
		select {
		case in := <-p.idle:
			in.close(ctx)
		default:
			p.mem.drop()
			if err := p.compiled.Close(ctx); err != nil {
				return fmt.Errorf("close plugin %s: %w", p.name, err)
			}
			return nil
		}
	}
}

// newPlugin compiles wasm under grants g and starts one instance to learn
// the plugin's ABI and tools.
func (h *Host) newPlugin(ctx context.Context, rec Record, wasm []byte) (*Plugin, error) {
	g := rec.Grants
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("load plugin %s: %w", rec.Name, err)
	}
	compiled, err := h.compile(ctx, rec.Name, wasm, g)
	if err != nil {
		return nil, err
	}
	p := &Plugin{
		name:     rec.Name,
		record:   rec,
		compiled: compiled,
		fs:       fsConfig(g.Paths),
		timeout:  g.EffectiveTimeout(),
		log:      h.log.With("plugin", rec.Name).Log,
		slots:    make(chan struct{}, h.opts.MaxInstances),
		idle:     make(chan *instance, h.opts.MaxInstances),
	}
	in, err := p.newInstance(ctx)
	if err != nil {
		_ = compiled.Close(ctx)
		return nil, err
	}
	if err := p.detect(in); err != nil {
		in.close(ctx)
		_ = compiled.Close(ctx)
		return nil, err
	}
	p.idle <- in
	if p.tools, err = p.listTools(ctx); err != nil {
		_ = p.Close(ctx)
		return nil, err
	}
	return p, nil
}

// detect learns the ABI from the exports of a live instance.
func (p *Plugin) detect(in *instance) error {
	has := in.ep.FunctionExists
	switch {
	case has("list_tools") && has("call_tool"):
		p.abi = ABIHyperV2
		p.exports = Exports{
			Prompts:           has("list_prompts") && has("get_prompt"),
			Resources:         has("list_resources") && has("read_resource"),
			ResourceTemplates: has("list_resource_templates"),
		}
	case has("describe") && has("call"):
		p.abi = ABIServlet
	default:
		return fmt.Errorf("load plugin %s: %w: it exports neither describe and call (mcp.run servlet ABI) nor list_tools and call_tool (hyper-mcp v2 ABI)", p.name, ErrInvalidModule)
	}
	return nil
}

// fsConfig mounts the granted directories; with none, the plugin sees no
// filesystem at all.
func fsConfig(paths []PathGrant) wazero.FSConfig {
	fs := wazero.NewFSConfig()
	for _, pg := range paths {
		if pg.Writable {
			fs = fs.(sysfs.FSConfig).WithSysFSMount(noSymlinkFS{sysfs.DirFS(pg.Host)}, pg.Guest)
		} else {
			fs = fs.WithReadOnlyDirMount(pg.Host, pg.Guest)
		}
	}
	return fs
}

// noSymlinkFS is a read-write mount in which the plugin cannot create
// symbolic links. wazero refuses absolute link targets but not relative
// ones, so a link to "../../etc/passwd" would let a plugin read (or
// write) outside the directory it was granted.
type noSymlinkFS struct{ experimentalsys.FS }

func (noSymlinkFS) Symlink(oldPath, linkName string) experimentalsys.Errno {
	return experimentalsys.EPERM
}

// maxSleep bounds one guest sleep, so a sleeping plugin still notices a
// cancelled call: wazero cannot interrupt a host-side sleep, only guest code.
const maxSleep = 10 * time.Millisecond

func (p *Plugin) newInstance(ctx context.Context) (*instance, error) {
	stderr := &stderrBuffer{max: 4 << 10}
	mc := wazero.NewModuleConfig().
		// wazero's default clock is fake (always 2022) and its random
		// source deterministic; plugins get the real ones.
		WithSysWalltime().
		WithSysNanotime().
		WithNanosleep(func(ns int64) { time.Sleep(min(time.Duration(ns), maxSleep)) }).
		WithRandSource(rand.Reader).
		WithStderr(stderr).
		WithFSConfig(p.fs)
	mem := &instanceMemory{pool: &p.mem}
	ep, err := p.compiled.Instance(experimental.WithMemoryAllocator(ctx, mem), extism.PluginInstanceConfig{ModuleConfig: mc})
	if err != nil {
		return nil, fmt.Errorf("start plugin %s: %w: %w", p.name, ErrInvalidModule, err)
	}
	ep.SetLogger(func(level extism.LogLevel, msg string) {
		p.log(context.Background(), slogLevel(level), "Plugin log", "msg", msg)
	})
	return &instance{ep: ep, stderr: stderr, mem: mem}, nil
}

// close frees the instance; its linear memories go back to the plugin's
// pool for the next new instance.
func (in *instance) close(ctx context.Context) {
	_ = in.ep.Close(ctx)
	in.mem.release()
}

// slogLevel maps the level a plugin logs at (log_info, ...) to slog's.
func slogLevel(l extism.LogLevel) slog.Level {
	switch l {
	case extism.LogLevelError:
		return slog.LevelError
	case extism.LogLevelWarn:
		return slog.LevelWarn
	case extism.LogLevelInfo:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}

// acquire takes a run slot and an instance, reusing an idle one if any.
func (p *Plugin) acquire(ctx context.Context) (*instance, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for plugin %s: %w", p.name, ctx.Err())
	}
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		<-p.slots
		return nil, fmt.Errorf("call plugin %s: %w", p.name, ErrClosed)
	}
	select {
	case in := <-p.idle:
		return in, nil
	default:
	}
	in, err := p.newInstance(ctx)
	if err != nil {
		<-p.slots
		return nil, err
	}
	return in, nil
}

// release returns an instance to the pool, or frees it when the call
// failed in a way that may have left it in a bad state.
func (p *Plugin) release(in *instance, reusable bool) {
	defer func() { <-p.slots }()
	if reusable {
		// The closed check and the push share the lock with Close, so no
		// instance lands in the pool after Close has drained it.
		p.mu.Lock()
		pooled := false
		if !p.closed {
			select {
			case p.idle <- in:
				pooled = true
			default:
			}
		}
		p.mu.Unlock()
		if pooled {
			return
		}
	}
	in.close(context.Background())
}
