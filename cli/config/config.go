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
	DataDir  string       `toml:"data_dir" doc:"directory holding the database (sweet.db)"`
	LogLevel string       `toml:"log_level" doc:"debug, info, warn or error"`
	NoColor  bool         `toml:"no_color" doc:"disable colour in output (NO_COLOR also does)"`
	Memory   MemoryConfig `toml:"memory"`
	Search   SearchConfig `toml:"search"`
	Embed    EmbedConfig  `toml:"embed"`
}

// MemoryConfig is the [memory] table: write hygiene.
type MemoryConfig struct {
	MaxContentBytes        int      `toml:"max_content_bytes" doc:"largest memory accepted, in bytes"`
	NearDuplicateThreshold float64  `toml:"near_duplicate_threshold" doc:"similarity (0..1) at which a new memory is reported as a near-duplicate"`
	Redact                 bool     `toml:"redact" doc:"redact likely secrets on write (--no-redact overrides per command)"`
	RecencyHalfLife        Duration `toml:"recency_half_life" doc:"how fast the recency score fades"`
}

// SearchConfig is the [search] table: how hybrid search fuses its parts.
type SearchConfig struct {
	Limit         int     `toml:"limit" doc:"results per query when --limit is not given"`
	WeightLexical float64 `toml:"weight_lexical" doc:"weight of full-text BM25"`
	WeightVector  float64 `toml:"weight_vector" doc:"weight of vector similarity"`
	WeightRerank  float64 `toml:"weight_rerank" doc:"weight of the built-in word-level re-ranker"`
	WeightGraph   float64 `toml:"weight_graph" doc:"weight of graph neighbours"`
	WeightRecency float64 `toml:"weight_recency" doc:"weight of recency, use and importance"`
	// WeightExpansion weighs the WordNet synonyms stored with each memory
	// inside BM25; 0 leaves them out of full-text ranking.
	WeightExpansion float64 `toml:"weight_expansion" doc:"weight of each memory's WordNet synonyms inside BM25"`
	RRFK            float64 `toml:"rrf_k" doc:"reciprocal rank fusion constant"`
}

// EmbedConfig is the [embed] table: which embedder computes vectors.
type EmbedConfig struct {
	Provider   string   `toml:"provider" doc:"builtin (offline, default), ollama or openai (any OpenAI-compatible server)"`
	BaseURL    string   `toml:"base_url" doc:"server root, e.g. http://localhost:11434"`
	Model      string   `toml:"model" doc:"model name on the server"`
	APIKey     string   `toml:"api_key" doc:"bearer token (prefer api_key_env)" secret:"true"`
	APIKeyEnv  string   `toml:"api_key_env" doc:"environment variable holding the bearer token"`
	Dimensions int      `toml:"dimensions" doc:"vector size to request and expect (0: learn it)"`
	BatchSize  int      `toml:"batch_size" doc:"texts per request"`
	Timeout    Duration `toml:"timeout" doc:"per-request timeout"`
	MaxRetries int      `toml:"max_retries" doc:"retries after network errors, 429 and 5xx"`
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
		Memory: MemoryConfig{MaxContentBytes: 64 << 10, NearDuplicateThreshold: 0.85, Redact: true,
			RecencyHalfLife: Duration{30 * 24 * time.Hour}},
		Search: SearchConfig{Limit: 10, WeightLexical: 1.0, WeightVector: 0.8, WeightRerank: 2.0,
			WeightGraph: 0.3, WeightRecency: 0.2, WeightExpansion: 0.35, RRFK: 10},
		Embed: EmbedConfig{Provider: "builtin", BatchSize: 64, Timeout: Duration{60 * time.Second}, MaxRetries: 3},
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
