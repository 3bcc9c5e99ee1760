package plugins

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gobwas/glob"
)

// Defaults applied when a grant leaves a limit at zero.
const (
	// DefaultMemoryPages caps a plugin's linear memory at 64 MiB (a page is
	// 64 KiB); a Go guest needs a few MiB for its runtime alone.
	DefaultMemoryPages = 1024
	// MaxMemoryPages is the largest cap a grant may ask for (4 GiB, the
	// wasm32 address space).
	MaxMemoryPages = 65536
	// DefaultTimeout bounds one call.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxHTTPResponseBytes bounds one HTTP response body read
	// through the host (10 MiB).
	DefaultMaxHTTPResponseBytes = 10 << 20
)

// Grants are the permissions a user gave one plugin. The zero value grants
// nothing: no network, no files, no configuration, no access to sweet's
// memory, and default limits.
type Grants struct {
	// AllowedHosts are host names the plugin may reach over HTTP, exactly
	// or as glob patterns ("*.example.com"). Ports are not part of the match.
	AllowedHosts []string `json:"allowed_hosts,omitempty"`
	// Paths are host directories mounted into the plugin's filesystem.
	Paths []PathGrant `json:"paths,omitempty"`
	// Config holds the key/value pairs the plugin reads with config_get.
	Config []ConfigValue `json:"config,omitempty"`
	// MemoryPages caps linear memory in 64 KiB pages; 0 means
	// DefaultMemoryPages.
	MemoryPages uint32 `json:"memory_pages,omitempty"`
	// Timeout bounds each call; 0 means DefaultTimeout.
	Timeout time.Duration `json:"-"`
	// MaxHTTPResponseBytes bounds each HTTP response body; 0 means
	// DefaultMaxHTTPResponseBytes.
	MaxHTTPResponseBytes int64 `json:"max_http_response_bytes,omitempty"`
	// MemoryRead lets the plugin search its own namespace of sweet's memory.
	MemoryRead bool `json:"memory_read,omitempty"`
	// MemoryWrite lets the plugin store into its own namespace.
	MemoryWrite bool `json:"memory_write,omitempty"`
}

// PathGrant mounts the host directory Host at Guest inside the plugin.
type PathGrant struct {
	Host     string `json:"host"`
	Guest    string `json:"guest"`
	Writable bool   `json:"writable,omitempty"`
}

// ConfigValue is one configuration entry. Secret values are masked
// whenever grants are shown.
type ConfigValue struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Secret bool   `json:"secret,omitempty"`
}

type grantsJSON Grants

// MarshalJSON writes Timeout as a Go duration string ("30s"), so stored
// records stay readable.
func (g Grants) MarshalJSON() ([]byte, error) {
	var timeout string
	if g.Timeout > 0 {
		timeout = g.Timeout.String()
	}
	return json.Marshal(struct {
		grantsJSON
		Timeout string `json:"timeout,omitempty"`
	}{grantsJSON(g), timeout})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (g *Grants) UnmarshalJSON(b []byte) error {
	var v struct {
		grantsJSON
		Timeout string `json:"timeout,omitempty"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*g = Grants(v.grantsJSON)
	if v.Timeout != "" {
		d, err := time.ParseDuration(v.Timeout)
		if err != nil {
			return fmt.Errorf("parse timeout: %w", err)
		}
		g.Timeout = d
	}
	return nil
}

// Validate reports the first grant that cannot be applied: a malformed
// host pattern, a relative path, an empty config key, a limit out of range.
func (g Grants) Validate() error {
	for _, h := range g.AllowedHosts {
		if err := validateHost(h); err != nil {
			return err
		}
	}
	for _, p := range g.Paths {
		if !filepath.IsAbs(p.Host) {
			return fmt.Errorf("path grant %q: host path must be absolute", p.Host)
		}
		if !strings.HasPrefix(p.Guest, "/") {
			return fmt.Errorf("path grant %q: guest path %q must start with /", p.Host, p.Guest)
		}
	}
	for _, c := range g.Config {
		if c.Key == "" {
			return fmt.Errorf("config grant: empty key")
		}
	}
	if g.MemoryPages > MaxMemoryPages {
		return fmt.Errorf("memory grant: %d pages is more than the %d a plugin can address", g.MemoryPages, MaxMemoryPages)
	}
	if g.Timeout < 0 || g.MaxHTTPResponseBytes < 0 {
		return fmt.Errorf("limit grant: timeout and HTTP response size must not be negative")
	}
	return nil
}

func validateHost(h string) error {
	if h == "" || strings.ContainsAny(h, "/:@ ") {
		return fmt.Errorf("host grant %q: give a host name or pattern such as api.example.com or *.example.com, without scheme, port or path", h)
	}
	if _, err := glob.Compile(h); err != nil {
		return fmt.Errorf("host grant %q: %w", h, err)
	}
	return nil
}

// Effective limits, with the defaults filled in.

// EffectiveMemoryPages returns the memory cap in pages.
func (g Grants) EffectiveMemoryPages() uint32 {
	if g.MemoryPages == 0 {
		return DefaultMemoryPages
	}
	return g.MemoryPages
}

// EffectiveTimeout returns the per-call time limit.
func (g Grants) EffectiveTimeout() time.Duration {
	if g.Timeout == 0 {
		return DefaultTimeout
	}
	return g.Timeout
}

// EffectiveMaxHTTPResponseBytes returns the HTTP response body cap.
func (g Grants) EffectiveMaxHTTPResponseBytes() int64 {
	if g.MaxHTTPResponseBytes == 0 {
		return DefaultMaxHTTPResponseBytes
	}
	return g.MaxHTTPResponseBytes
}

// MemoryAccess names what the plugin may do with memories: "read",
// "write", "read and write", or "" for nothing.
func (g Grants) MemoryAccess() string {
	var mem []string
	if g.MemoryRead {
		mem = append(mem, "read")
	}
	if g.MemoryWrite {
		mem = append(mem, "write")
	}
	return strings.Join(mem, " and ")
}

// ConfigMap returns the configuration as the plain map the plugin reads.
func (g Grants) ConfigMap() map[string]string {
	if len(g.Config) == 0 {
		return nil
	}
	m := make(map[string]string, len(g.Config))
	for _, c := range g.Config {
		m[c.Key] = c.Value
	}
	return m
}

// Clone returns a deep copy, so a caller can edit grants without touching a
// loaded plugin's.
func (g Grants) Clone() Grants {
	g.AllowedHosts = slices.Clone(g.AllowedHosts)
	g.Paths = slices.Clone(g.Paths)
	g.Config = slices.Clone(g.Config)
	return g
}
