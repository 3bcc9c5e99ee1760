package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"github.com/sweetmcp/sweet/plugins"
	"github.com/sweetmcp/sweet/store"
)

// PluginOptions configure the plugin facade an engine opens.
type PluginOptions struct {
	// Client backs the hyper-mcp v2 client host functions (sampling,
	// elicitation, roots, notifications). The MCP server passes one that
	// finds the calling session in the call's context; the CLI passes nil.
	Client plugins.Client
	// OnChange is called after a Sync changed the plugins being served (one
	// was loaded, reloaded with new grants, or dropped), so an MCP server can
	// re-list its tools and send notifications/tools/list_changed. It runs
	// on the goroutine that called Sync (Follow's, for changes made by other
	// processes) and must not call Sync itself.
	OnChange func()
	// MaxInstances bounds concurrent calls into one plugin; 0 means the
	// host's default.
	MaxInstances int
	// HTTPClient downloads plugins installed from a URL; nil means the
	// host's default.
	HTTPClient *http.Client
	// Logger receives the messages plugins log (log_info, ...) and the
	// host's diagnostics; nil discards them. It is separate from the
	// engine's logger because a command's stderr is no place for them.
	Logger *slog.Logger
}

// Plugins is the engine's view of installed plugins: the records kept in
// the database, installing and changing them, and the loaded set whose
// tools an MCP server offers. Create it with Engine.OpenPlugins and Close
// it before the engine. It is safe for concurrent use.
type Plugins struct {
	e    *Engine
	opts PluginOptions

	hostMu sync.Mutex
	host   *plugins.Host // created on first use: listing records needs no runtime

	serving
}

// OpenPlugins returns the engine's plugin facade. It is cheap: the plugin
// runtime starts on the first install, load or Sync.
func (e *Engine) OpenPlugins(opts PluginOptions) *Plugins {
	p := &Plugins{e: e, opts: opts}
	p.serving.init()
	return p
}

// Host returns the plugin host, starting it on first use with the engine's
// compilation cache and its memory service behind the memory host functions.
func (p *Plugins) Host() (*plugins.Host, error) {
	p.hostMu.Lock()
	defer p.hostMu.Unlock()
	if p.host != nil {
		return p.host, nil
	}
	h, err := plugins.NewHost(plugins.Options{
		CacheDir:     p.e.cfg.PluginCacheDir,
		Memory:       pluginMemory{p.e.Memory},
		Client:       p.opts.Client,
		Logger:       p.opts.Logger,
		MaxInstances: p.opts.MaxInstances,
		HTTPClient:   p.opts.HTTPClient,
	})
	if err != nil {
		return nil, err
	}
	p.host = h
	return h, nil
}

// Close stops following changes, closes every loaded plugin and the host.
func (p *Plugins) Close(ctx context.Context) error {
	err := p.serving.close(ctx)
	p.hostMu.Lock()
	defer p.hostMu.Unlock()
	if p.host != nil {
		err = errors.Join(err, p.host.Close(ctx))
		p.host = nil
	}
	return err
}

// DownloadDir is where plugins installed from a URL are kept: inside the
// data directory, beside the database that records them.
func (p *Plugins) DownloadDir() string { return filepath.Join(p.e.cfg.DataDir, "plugins") }

// List returns every installed plugin's record, sorted by name.
func (p *Plugins) List(ctx context.Context) ([]plugins.Record, error) {
	rows, err := p.e.DB.Plugins(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]plugins.Record, 0, len(rows))
	for _, row := range rows {
		rec, err := decodeRecord(row)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// Get returns the named plugin's record; the error wraps store.ErrNotFound
// when no plugin of that name is installed.
func (p *Plugins) Get(ctx context.Context, name string) (plugins.Record, error) {
	row, err := p.e.DB.Plugin(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return plugins.Record{}, notInstalledError{name}
	}
	if err != nil {
		return plugins.Record{}, err
	}
	return decodeRecord(row)
}

// Prepare runs every install check on a plugin (see plugins.Host.Prepare)
// and returns the candidate to show the user. URL sources are kept in
// DownloadDir once installed. Nothing is recorded yet.
func (p *Plugins) Prepare(ctx context.Context, req plugins.InstallRequest) (*plugins.Candidate, error) {
	h, err := p.Host()
	if err != nil {
		return nil, err
	}
	if req.DownloadDir == "" {
		req.DownloadDir = p.DownloadDir()
	}
	return h.Prepare(ctx, req)
}

// Install records an approved candidate, replacing an installed plugin of
// the same name (which is how a changed plugin is approved again). A
// downloaded copy the old record owned is deleted once the new record is
// stored; if storing fails, the new copy is deleted and nothing changes.
func (p *Plugins) Install(ctx context.Context, c *plugins.Candidate) (plugins.Record, error) {
	old, oldErr := p.Get(ctx, c.Record.Name)
	rec, err := c.Commit()
	if err != nil {
		return plugins.Record{}, err
	}
	if err := p.put(ctx, rec); err != nil {
		if rec.Downloaded() && (oldErr != nil || old.Path != rec.Path) {
			_ = os.Remove(rec.Path)
		}
		return plugins.Record{}, err
	}
	if oldErr == nil && old.Downloaded() && old.Path != rec.Path {
		if err := os.Remove(old.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			p.e.log.Warn("Could not delete the replaced plugin file", "plugin", rec.Name, "path", old.Path, "err", err)
		}
	}
	return rec, nil
}

// Remove forgets the named plugin and deletes its downloaded copy, if it
// was installed from a URL; a file the user installed from a path is left
// alone. It returns the record that was removed.
func (p *Plugins) Remove(ctx context.Context, name string) (plugins.Record, error) {
	rec, err := p.Get(ctx, name)
	if err != nil {
		return plugins.Record{}, err
	}
	if err := p.e.DB.DeletePlugin(ctx, name); err != nil {
		return plugins.Record{}, err
	}
	if rec.Downloaded() {
		if err := os.Remove(rec.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return rec, fmt.Errorf("remove plugin %s: delete %s: %w", name, rec.Path, err)
		}
	}
	return rec, nil
}

// SetEnabled enables or disables the named plugin. Disabled plugins stay
// installed with their grants but are neither served nor callable.
func (p *Plugins) SetEnabled(ctx context.Context, name string, enabled bool) (plugins.Record, error) {
	return p.update(ctx, name, func(rec *plugins.Record) error {
		rec.Enabled = enabled
		return nil
	})
}

// Grant adds the permissions named by specs (see plugins.Grants.Grant) to
// the named plugin. Either every spec applies or none is recorded.
func (p *Plugins) Grant(ctx context.Context, name string, specs ...string) (plugins.Record, error) {
	return p.update(ctx, name, func(rec *plugins.Record) error {
		for _, s := range specs {
			if err := rec.Grants.Grant(s); err != nil {
				return err
			}
		}
		return rec.Grants.Validate()
	})
}

// Revoke removes the permissions named by specs (see plugins.Grants.Revoke)
// from the named plugin.
func (p *Plugins) Revoke(ctx context.Context, name string, specs ...string) (plugins.Record, error) {
	return p.update(ctx, name, func(rec *plugins.Record) error {
		for _, s := range specs {
			if err := rec.Grants.Revoke(s); err != nil {
				return err
			}
		}
		return nil
	})
}

// Load loads one installed, enabled plugin on its own, for a single call
// from the command line. The caller closes it. A file changed since install
// is refused with an error wrapping plugins.ErrChanged.
func (p *Plugins) Load(ctx context.Context, name string) (*plugins.Plugin, error) {
	rec, err := p.Get(ctx, name)
	if err != nil {
		return nil, err
	}
	if !rec.Enabled {
		return nil, fmt.Errorf("plugin %s is disabled; enable it with: sweet plugin enable %s", name, name)
	}
	h, err := p.Host()
	if err != nil {
		return nil, err
	}
	return h.Load(ctx, rec)
}

// update applies fn to the named record and stores the result.
func (p *Plugins) update(ctx context.Context, name string, fn func(*plugins.Record) error) (plugins.Record, error) {
	rec, err := p.Get(ctx, name)
	if err != nil {
		return plugins.Record{}, err
	}
	rec.Grants = rec.Grants.Clone()
	if err := fn(&rec); err != nil {
		return plugins.Record{}, fmt.Errorf("plugin %s: %w", name, err)
	}
	if err := p.put(ctx, rec); err != nil {
		return plugins.Record{}, err
	}
	return rec, nil
}

func (p *Plugins) put(ctx context.Context, rec plugins.Record) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode plugin %s: %w", rec.Name, err)
	}
	return p.e.DB.PutPlugin(ctx, rec.Name, b, rec.Enabled)
}

// notInstalledError says a plugin is not installed; it wraps
// store.ErrNotFound so callers can test for it.
type notInstalledError struct{ name string }

func (e notInstalledError) Error() string {
	return "plugin " + e.name + " is not installed (see: sweet plugin list)"
}

func (e notInstalledError) Unwrap() error { return store.ErrNotFound }

// decodeRecord reads a stored record; the enabled column is authoritative.
func decodeRecord(row store.PluginRow) (plugins.Record, error) {
	var rec plugins.Record
	if err := json.Unmarshal(row.Record, &rec); err != nil {
		return plugins.Record{}, fmt.Errorf("read plugin %s: stored record is damaged (remove and install it again): %w", row.Name, err)
	}
	rec.Name = row.Name
	rec.Enabled = row.Enabled
	return rec, nil
}
