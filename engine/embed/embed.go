package embed

import "context"

// Embedder turns texts into vectors.
type Embedder interface {
	// Model returns a stable id of the model, recorded with every stored
	// vector ("sweet-wordnet-v2", "ollama:nomic-embed-text").
	Model() string
	// Dim returns the vector dimension. HTTP providers learn it from their
	// first response unless Config.Dimensions set it, and return 0 until
	// then.
	Dim() int
	// Embed returns one L2-normalised vector per text, in order.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

var _ Embedder = (*Builtin)(nil)
