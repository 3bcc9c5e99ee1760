// Command hash is a plugin that digests or encodes text: md5, sha1, sha224,
// sha256, sha384 and sha512 as hex, base32 and base64 as text. It is the
// port of SweetMCP's hash plugin.
package main

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"sort"
	"strings"

	"github.com/sweetmcp/sweet/plugins/pdk"
)

func main() {}

var digests = map[string]func() hash.Hash{
	"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224,
	"sha256": sha256.New, "sha384": sha512.New384, "sha512": sha512.New,
}

var encodings = map[string]func([]byte) string{
	"base32": base32.StdEncoding.EncodeToString,
	"base64": base64.StdEncoding.EncodeToString,
}

func algorithms() []string {
	var names []string
	for n := range digests {
		names = append(names, n)
	}
	for n := range encodings {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func tools() []pdk.Tool {
	enum, _ := json.Marshal(algorithms())
	return []pdk.Tool{{
		Name:        "hash",
		Description: "Hash text with md5, sha1, sha224, sha256, sha384 or sha512 (hex digest), or encode it as base32 or base64.",
		InputSchema: json.RawMessage(`{"type":"object","properties":{` +
			`"data":{"type":"string","description":"the text to hash or encode"},` +
			`"algorithm":{"type":"string","enum":` + string(enum) + `,"description":"the algorithm"}},` +
			`"required":["data","algorithm"]}`),
	}}
}

// hashText computes the digest or encoding of data.
func hashText(algorithm, data string) (string, error) {
	algorithm = strings.ToLower(strings.TrimSpace(algorithm))
	if newHash, ok := digests[algorithm]; ok {
		h := newHash()
		h.Write([]byte(data))
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	if enc, ok := encodings[algorithm]; ok {
		return enc([]byte(data)), nil
	}
	return "", fmt.Errorf("unknown algorithm %q: use one of %s", algorithm, strings.Join(algorithms(), ", "))
}

func handle(name string, raw json.RawMessage) pdk.Result {
	if name != "hash" {
		return pdk.Errorf("unknown tool %q", name)
	}
	var args struct {
		Data      *string `json:"data"`
		Algorithm string  `json:"algorithm"`
	}
	if err := pdk.Args(raw, &args); err != nil {
		return pdk.Errorf("%v", err)
	}
	if args.Data == nil {
		return pdk.Errorf("missing argument data")
	}
	out, err := hashText(args.Algorithm, *args.Data)
	if err != nil {
		return pdk.Errorf("%v", err)
	}
	return pdk.Text(out)
}
