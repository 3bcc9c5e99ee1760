package cli

import (
	"fmt"
	"path/filepath"

	"github.com/sweetmcp/sweet/cli/config"
	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/embed"
	"github.com/sweetmcp/sweet/engine/memory"
)

// engineConfig translates sweet's configuration into the engine's.
func engineConfig(cfg *config.Loaded, getenv func(string) string) (engine.Config, error) {
	key := cfg.Embed.APIKey
	if cfg.Embed.APIKeyEnv != "" {
		key = getenv(cfg.Embed.APIKeyEnv)
		if key == "" {
			return engine.Config{}, fmt.Errorf("embed.api_key_env names %s, which is not set; export it or remove the setting", cfg.Embed.APIKeyEnv)
		}
	}
	w := memory.Weights{Lexical: cfg.Search.WeightLexical, Vector: cfg.Search.WeightVector, Rerank: cfg.Search.WeightRerank,
		Graph: cfg.Search.WeightGraph, Recency: cfg.Search.WeightRecency, RRFK: cfg.Search.RRFK, Expansion: cfg.Search.WeightExpansion}
	return engine.Config{
		DataDir:        cfg.DataDir,
		PluginCacheDir: filepath.Join(config.CacheDir(), "plugins"),
		Embed: embed.Config{Provider: cfg.Embed.Provider, BaseURL: cfg.Embed.BaseURL, Model: cfg.Embed.Model, APIKey: key,
			Dimensions: cfg.Embed.Dimensions, BatchSize: cfg.Embed.BatchSize, Timeout: cfg.Embed.Timeout.Duration,
			MaxRetries: cfg.Embed.MaxRetries},
		Memory: memory.Options{MaxContentBytes: cfg.Memory.MaxContentBytes, NearDuplicateThreshold: cfg.Memory.NearDuplicateThreshold,
			Weights: &w, RecencyHalfLife: cfg.Memory.RecencyHalfLife.Duration},
	}, nil
}
