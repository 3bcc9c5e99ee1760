package embed_test

import (
	"context"
	"fmt"

	"github.com/sweetmcp/sweet/engine/embed"
)

// The built-in embedder searches in two stages: pooled vectors pick
// candidates, word-level max-sim orders them.
func ExampleBuiltin() {
	b := embed.NewBuiltin()
	memories := []string{
		"The mobile app crashes on startup if the cached session file is corrupted.",
		"Invoices are generated on the first day of each month by a cron job.",
	}
	query := "phone application dies at launch"

	vecs, err := b.Embed(context.Background(), append([]string{query}, memories...))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("dimension:", len(vecs[0]), "model:", b.Model())

	q := b.NewQuery(query)
	for _, m := range memories {
		fmt.Printf("%.2f %s\n", q.Score(m), m[:24])
	}
	// Output:
	// dimension: 256 model: sweet-wordnet-v2
	// 0.83 The mobile app crashes o
	// 0.03 Invoices are generated o
}

// Expand gives the synonyms to index beside a memory's text.
func ExampleBuiltin_Expand() {
	fmt.Println(embed.NewBuiltin().Expand("car"))
	// Output: auto automobile machine motorcar railcar
}

// New builds an embedder from configuration; an unknown provider is a
// clear error.
func ExampleNew() {
	_, err := embed.New(embed.Config{Provider: "cohere"})
	fmt.Println(err)
	e, _ := embed.New(embed.Config{Provider: "ollama", Model: "nomic-embed-text"})
	fmt.Println(e.Model())
	// Output:
	// new embedder: unknown provider "cohere": use one of builtin, ollama, openai
	// ollama:nomic-embed-text
}
