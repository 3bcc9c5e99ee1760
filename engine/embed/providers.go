package embed

import (
	"encoding/json"
	"fmt"
)

// ollamaAPI speaks Ollama's native endpoint: POST /api/embed with
// {"model","input":[...]} answering {"embeddings":[[...],...]}.
type ollamaAPI struct{}

func (ollamaAPI) name() string { return ProviderOllama }
func (ollamaAPI) path() string { return "/api/embed" }

type ollamaRequest struct {
	Model string   `json:"model"`
	Input []string `json:"input"`
}

type ollamaResponse struct {
	Embeddings [][]float32 `json:"embeddings"`
}

// request ignores dims: Ollama sizes vectors by model, and Config.Dimensions
// is still checked against the answer.
func (ollamaAPI) request(model string, texts []string, _ int) any {
	return ollamaRequest{Model: model, Input: texts}
}

func (ollamaAPI) decode(body []byte, n int) ([][]float32, error) {
	var r ollamaResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, err
	}
	if r.Embeddings == nil {
		return nil, fmt.Errorf("no \"embeddings\" field")
	}
	return r.Embeddings, nil
}

// openAIAPI speaks the OpenAI embeddings API, which OpenAI, Ollama's /v1,
// LM Studio, llama.cpp's server and vLLM all serve: POST /v1/embeddings with
// {"model","input":[...],"dimensions"?} answering
// {"data":[{"index","embedding"}]}, in any order.
type openAIAPI struct{}

func (openAIAPI) name() string { return ProviderOpenAI }
func (openAIAPI) path() string { return "/v1/embeddings" }

type openAIRequest struct {
	Model      string   `json:"model"`
	Input      []string `json:"input"`
	Dimensions int      `json:"dimensions,omitempty"`
}

type openAIResponse struct {
	Data []struct {
		Index     *int      `json:"index"`
		Embedding []float32 `json:"embedding"`
	} `json:"data"`
}

func (openAIAPI) request(model string, texts []string, dims int) any {
	return openAIRequest{Model: model, Input: texts, Dimensions: dims}
}

// decode places each item by its index, so the order of data does not
// matter; a missing, repeated or out-of-range index is an error.
func (openAIAPI) decode(body []byte, n int) ([][]float32, error) {
	var r openAIResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, err
	}
	if r.Data == nil {
		return nil, fmt.Errorf("no \"data\" field")
	}
	if len(r.Data) != n {
		return nil, fmt.Errorf("got %d embeddings for %d texts", len(r.Data), n)
	}
	out := make([][]float32, n)
	for _, d := range r.Data {
		if d.Index == nil || *d.Index < 0 || *d.Index >= n || out[*d.Index] != nil {
			return nil, fmt.Errorf("missing, repeated or out-of-range embedding index")
		}
		if d.Embedding == nil {
			return nil, fmt.Errorf("embedding %d has no vector", *d.Index)
		}
		out[*d.Index] = d.Embedding
	}
	return out, nil
}
