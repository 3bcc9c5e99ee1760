//go:build wasip1

package pdk

import (
	"encoding/json"
	"errors"
	"fmt"
)

// sweet's own host functions (namespace extism:host/user). Each takes a JSON
// request block and returns a JSON envelope block: {"result":...} or
// {"error":"..."}.

//go:wasmimport extism:host/user sweet_memory_search
func hMemorySearch(req uint64) uint64

//go:wasmimport extism:host/user sweet_memory_store
func hMemoryStore(req uint64) uint64

// MemorySearchRequest asks sweet's memory for entries of the plugin's own
// namespace that match Query.
type MemorySearchRequest struct {
	Query string `json:"query"`
	Limit int    `json:"limit,omitempty"`
}

// MemoryStoreRequest adds an entry to the plugin's own namespace of sweet's
// memory.
type MemoryStoreRequest struct {
	Content  string            `json:"content"`
	Kind     string            `json:"kind,omitempty"`
	Tags     []string          `json:"tags,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// MemorySearch searches sweet's memory. It needs the memory:read grant; without
// it the host answers with an error.
func MemorySearch(req MemorySearchRequest) (json.RawMessage, error) {
	return callHost(hMemorySearch, req)
}

// MemoryStore stores into sweet's memory. It needs the memory:write grant.
func MemoryStore(req MemoryStoreRequest) (json.RawMessage, error) {
	return callHost(hMemoryStore, req)
}

func callHost(fn func(uint64) uint64, req any) (json.RawMessage, error) {
	in, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	off := fn(store(in))
	if off == 0 {
		return nil, errEmpty
	}
	defer kFree(off)
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  string          `json:"error"`
	}
	if err := json.Unmarshal(load(off), &env); err != nil {
		return nil, fmt.Errorf("decode host answer: %w", err)
	}
	if env.Error != "" {
		return nil, errors.New(env.Error)
	}
	return env.Result, nil
}
