package embed

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Provider names accepted in Config.Provider.
const (
	ProviderBuiltin = "builtin"
	ProviderOllama  = "ollama"
	ProviderOpenAI  = "openai"
)

// Providers lists the valid Config.Provider values.
var Providers = []string{ProviderBuiltin, ProviderOllama, ProviderOpenAI}

// Defaults used when a Config field is zero.
const (
	DefaultOllamaURL   = "http://localhost:11434"
	DefaultOllamaModel = "nomic-embed-text"
	DefaultOpenAIURL   = "https://api.openai.com"
	DefaultOpenAIModel = "text-embedding-3-small"
	DefaultBatchSize   = 64
	DefaultTimeout     = 60 * time.Second
	DefaultMaxRetries  = 3
)

// Config selects and configures an embedder. The zero value is the
// built-in embedder.
type Config struct {
	// Provider is "builtin" (the default when empty), "ollama" or "openai"
	// (any OpenAI-compatible server).
	Provider string
	// BaseURL is the server's root, for example http://localhost:11434 or
	// https://api.openai.com; a trailing /api (Ollama) or /v1 (OpenAI) is
	// accepted too. Defaults per provider.
	BaseURL string
	// Model is the server's model name. Defaults to nomic-embed-text for
	// Ollama and text-embedding-3-small for OpenAI.
	Model string
	// APIKey is sent as a bearer token when set.
	APIKey string
	// Dimensions, when set, is the vector size the server must return; the
	// OpenAI provider also asks for it (models that support shortening
	// honour it). When zero the size is learnt from the first response.
	Dimensions int
	// BatchSize is how many texts go in one request (default 64).
	BatchSize int
	// Timeout bounds each request attempt; a retry gets a fresh timeout
	// (default 60s).
	Timeout time.Duration
	// MaxRetries is how many times a request is retried after a network
	// error, a 429 or a 5xx (default 3; negative means none).
	MaxRetries int
	// HTTPClient, when set, sends the requests; nil uses a client of its
	// own.
	HTTPClient *http.Client
}

// New returns the embedder cfg describes. It does not contact the server:
// configuration errors surface here, connection errors on the first Embed.
// For the built-in provider the result is a *Builtin, whose NewQuery and
// Expand serve the re-ranking stage and the synonym column; Expand works
// beside any provider.
func New(cfg Config) (Embedder, error) {
	switch strings.ToLower(strings.TrimSpace(cfg.Provider)) {
	case "", ProviderBuiltin:
		return NewBuiltin(), nil
	case ProviderOllama:
		return newHTTP(cfg, ollamaAPI{}, DefaultOllamaURL, DefaultOllamaModel)
	case ProviderOpenAI:
		return newHTTP(cfg, openAIAPI{}, DefaultOpenAIURL, DefaultOpenAIModel)
	}
	return nil, fmt.Errorf("new embedder: unknown provider %q: use one of %s",
		cfg.Provider, strings.Join(Providers, ", "))
}
