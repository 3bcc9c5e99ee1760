// Command fetch is a plugin that fetches a URL through the host's HTTP
// client and returns it as Markdown (HTML pages) or as text. The host only
// lets it reach the hosts the user granted. It replaces SweetMCP's fetch
// plugin, which needed a browser process that cannot run in WebAssembly.
package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/sweetmcp/sweet/plugins/pdk"
)

func main() {}

// defaultMaxLength bounds the text returned by one call, in characters.
const defaultMaxLength = 20000

func tools() []pdk.Tool {
	return []pdk.Tool{{
		Name: "fetch",
		Description: "Fetch a URL over HTTP(S) and return its content: HTML pages are converted to Markdown, " +
			"other text is returned as it is. Long pages are cut at max_length characters; call again with " +
			"start_index to read on. Only hosts the user allowed can be reached.",
		InputSchema: json.RawMessage(`{"type":"object","properties":{` +
			`"url":{"type":"string","description":"the http or https URL"},` +
			`"max_length":{"type":"integer","minimum":1,"description":"most characters to return (default 20000)"},` +
			`"start_index":{"type":"integer","minimum":0,"description":"character to start from, to continue a cut page"},` +
			`"raw":{"type":"boolean","description":"return the HTML itself instead of Markdown"}},` +
			`"required":["url"]}`),
	}}
}

type args struct {
	URL        string `json:"url"`
	MaxLength  int    `json:"max_length"`
	StartIndex int    `json:"start_index"`
	Raw        bool   `json:"raw"`
}

// getter performs the HTTP GET; the wasip1 build uses the host.
type getter func(url string) (status int, body []byte, err error)

func run(a args, get getter) pdk.Result {
	u, err := url.Parse(strings.TrimSpace(a.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return pdk.Errorf("url %q: want an absolute http or https URL", a.URL)
	}
	if a.MaxLength <= 0 {
		a.MaxLength = defaultMaxLength
	}
	status, body, err := get(u.String())
	if err != nil {
		return pdk.Errorf("fetch %s: %v", u, err)
	}
	if status >= 400 {
		return pdk.Errorf("fetch %s: HTTP status %d", u, status)
	}
	if !utf8.Valid(body) && !looksLikeHTML(body) {
		return pdk.Errorf("fetch %s: the response is binary (%d bytes), not text", u, len(body))
	}
	content := string(body)
	if looksLikeHTML(body) && !a.Raw {
		content = toMarkdown(content, u)
	}
	return pdk.Text(page(content, a.StartIndex, a.MaxLength))
}

// page cuts content to max characters from start, and says how to go on.
func page(content string, start, max int) string {
	runes := []rune(content)
	if start >= len(runes) {
		return fmt.Sprintf("(no more content: the page has %d characters)", len(runes))
	}
	end := min(len(runes), start+max)
	out := string(runes[start:end])
	if end < len(runes) {
		out += fmt.Sprintf("\n\n(content cut at character %d of %d: call again with start_index %d to read on)", end, len(runes), end)
	}
	return out
}

// looksLikeHTML sniffs the start of a body for HTML markup.
func looksLikeHTML(body []byte) bool {
	head := strings.ToLower(string(body[:min(len(body), 1024)]))
	head = strings.TrimSpace(head)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<p", "<div", "<h1", "<title", "<meta"} {
		if strings.Contains(head, p) {
			return true
		}
	}
	return false
}

func handle(name string, raw json.RawMessage, get getter) pdk.Result {
	if name != "fetch" {
		return pdk.Errorf("unknown tool %q", name)
	}
	var a args
	if err := pdk.Args(raw, &a); err != nil {
		return pdk.Errorf("%v", err)
	}
	return run(a, get)
}
