// Package examples holds sweet's first-party plugins, each a Go main
// package built to WebAssembly (see plugins/internal/buildexamples):
//
//   - hash: digests (md5, sha1, sha224, sha256, sha384, sha512) and
//     encodings (base32, base64) of text;
//   - time: the current time, parsing, and offsets;
//   - qr-code: a QR code of text as a PNG image;
//   - fetch: an HTTP GET through the host, HTML turned into Markdown.
//
// The tool logic lives in plain Go files that build on every platform and
// are unit-tested on the host; only the exports are wasip1-specific.
package examples
