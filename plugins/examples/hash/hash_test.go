package main

import (
	"encoding/json"
	"testing"
)

func TestHashText(t *testing.T) {
	tests := []struct{ algorithm, data, want string }{
		{"md5", "abc", "900150983cd24fb0d6963f7d28e17f72"},
		{"sha1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"sha224", "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
		{"sha256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"sha384", "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
		{"sha512", "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
		{"base32", "hello", "NBSWY3DP"},
		{"base64", "hello", "aGVsbG8="},
		{" SHA256 ", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	}
	for _, tt := range tests {
		t.Run(tt.algorithm, func(t *testing.T) {
			got, err := hashText(tt.algorithm, tt.data)
			if err != nil || got != tt.want {
				t.Errorf("hashText(%q, %q) = %q, %v; want %q", tt.algorithm, tt.data, got, err, tt.want)
			}
		})
	}
	if _, err := hashText("crc32", "x"); err == nil {
		t.Error("hashText(crc32) succeeded, want an error naming the algorithms")
	}
}

func TestHandle(t *testing.T) {
	res := handle("hash", json.RawMessage(`{"algorithm":"sha1"}`))
	if !res.IsError {
		t.Errorf("call without data: got %+v, want an error result", res)
	}
	res = handle("hash", json.RawMessage(`{"algorithm":"md5","data":"abc"}`))
	if res.IsError || res.Content[0].Text != "900150983cd24fb0d6963f7d28e17f72" {
		t.Errorf("md5 call: got %+v", res)
	}
	if len(tools()) != 1 || !json.Valid(tools()[0].InputSchema) {
		t.Error("tools() must describe one tool with a valid schema")
	}
}
