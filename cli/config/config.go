// Package config loads sweet's configuration: defaults, overridden by a TOML
// file, overridden by SWEET_* environment variables, overridden by flags. It
// remembers where each value came from so `sweet config show` can say.
package config

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
)

// Config is sweet's effective configuration. Every field's toml tag is its
// key in the file; its environment variable is SWEET_ plus the dotted key in
// upper case with dots and dashes as underscores (memory.max_content_bytes is
// SWEET_MEMORY_MAX_CONTENT_BYTES).
type Config struct {
	DataDir  string `toml:"data_dir" doc:"directory holding the database (sweet.db)"`
	LogLevel string `toml:"log_level" doc:"debug, info, warn or error"`
	NoColor  bool   `toml:"no_color" doc:"disable colour in output (NO_COLOR also does)"`
}

// Duration is a time.Duration written as a string such as "30s" or "1h30m".
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("not a duration (use a value such as \"30s\" or \"5m\"): %q", b)
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration in Go's notation.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Defaults returns the configuration used when nothing overrides it.
func Defaults() Config {
	return Config{
		DataDir:  DefaultDataDir(),
		LogLevel: "warn",
	}
}

// DefaultDataDir is the platform's data directory for sweet: XDG_DATA_HOME
// on Linux, ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows.
func DefaultDataDir() string { return filepath.Join(xdg.DataHome, "sweet") }

// DefaultConfigPath is where sweet looks for its config file by default.
func DefaultConfigPath() string { return filepath.Join(xdg.ConfigHome, "sweet", "config.toml") }

// StateDir is where sweet keeps logs.
func StateDir() string { return filepath.Join(xdg.StateHome, "sweet") }

// CacheDir is where sweet keeps caches that can be rebuilt (compiled plugins).
func CacheDir() string { return filepath.Join(xdg.CacheHome, "sweet") }
