package plugins

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tetratelabs/wazero"
)

// InstallRequest describes a plugin to install.
type InstallRequest struct {
	// Source is a file path or an http(s) URL.
	Source string
	// SHA256, when set, must match the file's digest.
	SHA256 string
	// Name defaults to NameFromSource(Source).
	Name string
	// Grants are the permissions asked for; the user approves them.
	Grants Grants
	// DownloadDir receives the copy of a URL source (on Commit). It is
	// required for URL sources only.
	DownloadDir string
}

// Candidate is a plugin that passed every install check and awaits the
// user's approval. Nothing has been written yet.
type Candidate struct {
	// Record is the record Commit will return (Path is set by Commit for
	// URL sources).
	Record Record
	// Tools are the tools the plugin listed, run under the requested grants.
	Tools []Tool

	wasm        []byte
	downloadDir string
}

// Prepare fetches the plugin, checks its digest, compiles it, checks that
// it exports a known ABI and imports only what sweet provides, and lists
// its tools under the requested grants. Any failure leaves nothing behind.
func (h *Host) Prepare(ctx context.Context, req InstallRequest) (*Candidate, error) {
	name := req.Name
	if name == "" {
		name = NameFromSource(req.Source)
	}
	if err := ValidateName(name); err != nil {
		return nil, fmt.Errorf("install plugin: %w (choose one with --name)", err)
	}
	if err := req.Grants.Validate(); err != nil {
		return nil, fmt.Errorf("install plugin %s: %w", name, err)
	}
	remote := isURL(req.Source)
	if remote && req.DownloadDir == "" {
		return nil, fmt.Errorf("install plugin %s: no download directory for the URL source", name)
	}
	wasm, path, err := h.fetch(ctx, req.Source, remote)
	if err != nil {
		return nil, fmt.Errorf("install plugin %s: %w", name, err)
	}
	sum := SHA256Hex(wasm)
	if req.SHA256 != "" {
		want, err := normalizeSHA256(req.SHA256)
		if err != nil {
			return nil, fmt.Errorf("install plugin %s: %w", name, err)
		}
		if want != sum {
			return nil, fmt.Errorf("install plugin %s: %w: %s has sha256 %s, expected %s", name, ErrChecksum, req.Source, sum, want)
		}
	}
	if err := h.checkModule(ctx, name, wasm); err != nil {
		return nil, err
	}
	rec := Record{
		Name: name, Source: req.Source, Path: path, SHA256: sum, Size: int64(len(wasm)),
		Grants: req.Grants.Clone(), Enabled: true,
	}
	p, err := h.newPlugin(ctx, rec, wasm)
	if err != nil {
		return nil, fmt.Errorf("install plugin %s: %w", name, err)
	}
	defer p.Close(ctx)
	rec.ABI = p.ABI()
	for _, t := range p.tools {
		rec.Tools = append(rec.Tools, t.Name)
	}
	c := &Candidate{Record: rec, Tools: p.Tools(), wasm: wasm}
	if remote {
		c.downloadDir = req.DownloadDir
	}
	return c, nil
}

// Commit records the approval: it stamps InstalledAt and, for a URL
// source, writes the downloaded file into the download directory. The
// returned record is what the caller stores.
func (c *Candidate) Commit() (Record, error) {
	rec := c.Record
	rec.InstalledAt = time.Now().UTC().Truncate(time.Second)
	if c.downloadDir == "" {
		return rec, nil
	}
	if err := os.MkdirAll(c.downloadDir, 0o700); err != nil {
		return Record{}, fmt.Errorf("save plugin %s: %w", rec.Name, err)
	}
	rec.Path = filepath.Join(c.downloadDir, rec.Name+"-"+rec.SHA256[:12]+".wasm")
	tmp, err := os.CreateTemp(c.downloadDir, rec.Name+"-*.partial")
	if err != nil {
		return Record{}, fmt.Errorf("save plugin %s: %w", rec.Name, err)
	}
	_, werr := tmp.Write(c.wasm)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), rec.Path)
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
		return Record{}, fmt.Errorf("save plugin %s: %w", rec.Name, werr)
	}
	return rec, nil
}

// Render writes what the user is asked to approve: the plugin, its digest,
// its tools and the grants.
func (c *Candidate) Render(w io.Writer) error {
	r := c.Record
	fmt.Fprintf(w, "Plugin %s (%s ABI, %s)\n  source  %s\n  sha256  %s\n", r.Name, r.ABI, sizeString(r.Size), r.Source, r.SHA256)
	names := slices.Clone(r.Tools)
	fmt.Fprintf(w, "  tools   %s\n", orNone(strings.Join(names, ", "), "none"))
	fmt.Fprintln(w, "It asks for:")
	return r.Grants.Render(w, MemoryNamespace(r.Name))
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// fetch reads a plugin from a path or URL. For a path, the returned path is
// the absolute source path.
func (h *Host) fetch(ctx context.Context, source string, remote bool) ([]byte, string, error) {
	if !remote {
		abs, err := filepath.Abs(source)
		if err != nil {
			return nil, "", fmt.Errorf("resolve %s: %w", source, err)
		}
		b, err := os.ReadFile(abs)
		if err != nil {
			return nil, "", err // already "open PATH: reason"
		}
		return b, abs, nil
	}
	if _, err := url.Parse(source); err != nil {
		return nil, "", fmt.Errorf("parse URL: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, source, nil)
	if err != nil {
		return nil, "", fmt.Errorf("download %s: %w", source, err)
	}
	res, err := h.opts.HTTPClient.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("download %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("download %s: HTTP %s", source, res.Status)
	}
	b, err := io.ReadAll(io.LimitReader(res.Body, h.opts.MaxDownloadBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("download %s: %w", source, err)
	}
	if int64(len(b)) > h.opts.MaxDownloadBytes {
		return nil, "", fmt.Errorf("download %s: larger than %s", source, sizeString(h.opts.MaxDownloadBytes))
	}
	return b, "", nil
}

var wasmMagic = []byte("\x00asm")

// kernelImports are the extism:host/env functions the Go SDK provides.
var kernelImports = []string{
	"alloc", "free", "load_u8", "input_load_u8", "store_u64", "store_u8", "input_set", "output_set",
	"input_length", "input_offset", "output_length", "output_offset", "length", "length_unsafe", "reset",
	"error_set", "error_get", "memory_bytes", "input_load_u64", "load_u64", "config_get", "var_get",
	"var_set", "http_request", "http_status_code", "http_headers", "get_log_level",
	"log_trace", "log_debug", "log_info", "log_warn", "log_error",
}

// checkModule decodes the module and checks that every import is one sweet
// provides, so an unusable plugin fails with a message naming the import
// instead of a linker error.
func (h *Host) checkModule(ctx context.Context, name string, wasm []byte) error {
	if !bytes.HasPrefix(wasm, wasmMagic) {
		return fmt.Errorf("install plugin %s: %w: the file is not a WebAssembly module (it does not start with \\0asm)", name, ErrInvalidModule)
	}
	rt := wazero.NewRuntimeWithConfig(ctx, h.runtimeConfig(MaxMemoryPages))
	defer rt.Close(ctx)
	// Compiled as Load compiles it, so the cached code serves the first load.
	cm, err := rt.CompileModule(ctx, compactData(wasm))
	if err != nil {
		return fmt.Errorf("install plugin %s: %w: %w", name, ErrInvalidModule, err)
	}
	user := map[string]bool{}
	for _, f := range h.hostFunctions(name, Grants{}) {
		user[f.Name] = true
	}
	var missing []string
	for _, def := range cm.ImportedFunctions() {
		mod, fn, _ := def.Import()
		ok := mod == "wasi_snapshot_preview1" ||
			(mod == "extism:host/env" && slices.Contains(kernelImports, fn)) ||
			(mod == "extism:host/user" && user[fn])
		if !ok {
			missing = append(missing, mod+"."+fn)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("install plugin %s: %w: it imports host functions sweet does not provide: %s",
			name, ErrInvalidModule, strings.Join(missing, ", "))
	}
	return nil
}
