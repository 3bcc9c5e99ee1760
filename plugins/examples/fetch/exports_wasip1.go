//go:build wasip1

package main

import (
	"encoding/json"

	"github.com/sweetmcp/sweet/plugins/pdk"
)

func hostGet(url string) (int, []byte, error) {
	res, err := pdk.Fetch(pdk.Request{
		Method:  "GET",
		URL:     url,
		Headers: map[string]string{"User-Agent": "sweet-fetch/1 (+https://github.com/sweetmcp/sweet)", "Accept": "text/html, text/plain;q=0.9, */*;q=0.5"},
	})
	return res.Status, res.Body, err
}

//go:wasmexport describe
func describe() int32 { return pdk.Describe(tools()) }

//go:wasmexport call
func call() int32 {
	return pdk.Call(func(name string, args json.RawMessage) pdk.Result { return handle(name, args, hostGet) })
}
