package plugins

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
)

// Record is what sweet keeps about an installed plugin. It is plain JSON;
// the CLI stores it (in SQLite) and hands it back to Host.Load.
type Record struct {
	// Name identifies the plugin in commands and in its memory namespace.
	Name string `json:"name"`
	// Source is where it was installed from: a file path or an http(s) URL.
	Source string `json:"source"`
	// Path is the file loaded at run time: the source file itself, or the
	// downloaded copy of a URL source.
	Path string `json:"path"`
	// SHA256 is the hex digest of the approved file.
	SHA256 string `json:"sha256"`
	// Size is the file's length in bytes.
	Size int64 `json:"size"`
	// ABI is the export convention detected at install.
	ABI ABI `json:"abi"`
	// Tools are the tool names listed at install, for display.
	Tools []string `json:"tools,omitempty"`
	// Grants are the permissions the user approved.
	Grants Grants `json:"grants"`
	// Enabled plugins are loaded by `sweet mcp`.
	Enabled bool `json:"enabled"`
	// InstalledAt is when the user approved the plugin.
	InstalledAt time.Time `json:"installed_at"`
}

// Downloaded reports whether the record's file is sweet's own copy of a
// URL source (which `remove` should delete) rather than the user's file.
func (r Record) Downloaded() bool { return isURL(r.Source) }

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// ValidateName reports whether name can name a plugin: 1 to 64 lower-case
// letters, digits, '.', '_' or '-', starting with a letter or digit.
func ValidateName(name string) error {
	if !nameRE.MatchString(name) {
		return fmt.Errorf("plugin name %q: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit", name)
	}
	return nil
}

// NameFromSource derives a plugin name from a file name or URL: its base
// name without ".wasm", lower-cased, other characters replaced by '-'.
func NameFromSource(source string) string {
	base := source
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	base, _, _ = strings.Cut(base, "?")
	base = strings.TrimSuffix(strings.ToLower(base), ".wasm")
	var b strings.Builder
	for _, r := range base {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || r == '.' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	name := strings.TrimLeft(b.String(), "._-")
	if len(name) > 64 {
		name = name[:64]
	}
	return name
}

// SHA256Hex returns the lower-case hex sha256 of b.
func SHA256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// normalizeSHA256 lower-cases a digest and checks its form.
func normalizeSHA256(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "sha256:")))
	if len(s) != 64 || strings.Trim(s, "0123456789abcdef") != "" {
		return "", fmt.Errorf("sha256 %q: want 64 hex digits", s)
	}
	return s, nil
}

// readApproved reads the record's file and checks it is the approved one.
func readApproved(rec Record) ([]byte, error) {
	wasm, err := os.ReadFile(rec.Path)
	if err != nil {
		return nil, fmt.Errorf("read plugin %s: %w", rec.Name, err)
	}
	if got := SHA256Hex(wasm); got != rec.SHA256 {
		return nil, fmt.Errorf("plugin %s: %w: %s now has sha256 %s, approved %s; review it and install it again to approve the new file",
			rec.Name, ErrChanged, rec.Path, got, rec.SHA256)
	}
	return wasm, nil
}

// Verify checks that the record's file is still the one approved at install,
// without loading it. It returns an error wrapping ErrChanged if not.
func Verify(rec Record) error {
	_, err := readApproved(rec)
	return err
}

// Load verifies and loads an installed plugin. A file that changed since
// install is refused with ErrChanged; disabled records load too (the CLI's
// `plugin call` may want them), so the caller checks Enabled. Grants are
// fixed at load: after changing them, close the plugin and load it again
// (the compiled code is cached, so that is cheap).
func (h *Host) Load(ctx context.Context, rec Record) (*Plugin, error) {
	wasm, err := readApproved(rec)
	if err != nil {
		return nil, err
	}
	return h.newPlugin(ctx, rec, wasm)
}
