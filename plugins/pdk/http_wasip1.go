//go:build wasip1

package pdk

import (
	"encoding/json"
	"fmt"
)

// Request is an HTTP request made through the host. The host refuses hosts
// the user did not allow; such a refusal ends the call.
type Request struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    []byte            `json:"-"`
}

// Response is the host's answer to a Request.
type Response struct {
	Status int
	Body   []byte
}

// Fetch sends req through the host's HTTP client.
func Fetch(req Request) (Response, error) {
	if req.Method == "" {
		req.Method = "GET"
	}
	meta, err := json.Marshal(req)
	if err != nil {
		return Response{}, fmt.Errorf("encode request: %w", err)
	}
	var body uint64
	if req.Body != nil {
		body = store(req.Body)
	}
	off := kHTTPRequest(store(meta), body)
	res := Response{Status: int(kHTTPStatusCode())}
	if off != 0 {
		res.Body = load(off)
		kFree(off)
	}
	return res, nil
}
