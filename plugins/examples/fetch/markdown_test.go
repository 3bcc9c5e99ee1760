package main

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestToMarkdown(t *testing.T) {
	base, _ := url.Parse("https://example.com/docs/page.html")
	tests := []struct {
		name, html, want string
	}{
		{"headings and paragraphs", `<h1>Title</h1><p>Some   <b>bold</b> and <em>soft</em> text.</p><h2>Next</h2><p>More</p>`,
			"# Title\n\nSome **bold** and _soft_ text.\n\n## Next\n\nMore\n"},
		{"links resolve", `<p>See <a href="../other.html">the other page</a> or <a href="https://go.dev/">Go</a>.</p>`,
			"See [the other page](https://example.com/other.html) or [Go](https://go.dev/).\n"},
		{"lists", `<ul><li>one</li><li>two<ol><li>a</li><li>b</li></ol></li></ul><p>after</p>`,
			"- one\n- two\n  1. a\n  2. b\n\nafter\n"},
		{"code", `<p>Run <code>go test</code>:</p><pre>line 1
  line 2
</pre>`, "Run `go test`:\n\n```\nline 1\n  line 2\n```\n"},
		{"skips script, style and head", `<html><head><title>T</title><style>p{}</style></head><body><script>alert(1)</script><p>Body</p></body></html>`,
			"# T\n\nBody\n"},
		{"entities and escaping", `<p>a &amp; b &lt;tag&gt; 5*3 [x]</p>`, "a & b <tag> 5\\*3 \\[x\\]\n"},
		{"image and rule", `<p><img src="/i.png" alt="logo"></p><hr><p>end</p>`, "![logo](https://example.com/i.png)\n\n---\n\nend\n"},
		{"blockquote", `<blockquote><p>quoted</p></blockquote><p>plain</p>`, "> quoted\n\nplain\n"},
		{"table", `<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>`, "| k | v |\n| a | 1 |\n"},
		{"malformed", `<p>open <b>never closed <a href=x>link`, "open **never closed [link"},
		{"comments", `<p>a<!-- hidden -->b</p>`, "ab\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := toMarkdown(tt.html, base)
			if strings.TrimSpace(got) != strings.TrimSpace(tt.want) {
				t.Errorf("toMarkdown:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRun(t *testing.T) {
	serve := func(status int, body string) getter {
		return func(string) (int, []byte, error) { return status, []byte(body), nil }
	}
	tests := []struct {
		name      string
		a         args
		get       getter
		wantError bool
		want      string
	}{
		{"html", args{URL: "https://e.com/"}, serve(200, "<html><body><h1>Hi</h1></body></html>"), false, "# Hi"},
		{"raw html", args{URL: "https://e.com/", Raw: true}, serve(200, "<html><h1>Hi</h1></html>"), false, "<h1>Hi</h1>"},
		{"text", args{URL: "http://e.com/a.txt"}, serve(200, "plain text"), false, "plain text"},
		{"cut", args{URL: "http://e.com/", MaxLength: 3}, serve(200, "abcdef"), false, "start_index 3"},
		{"continue", args{URL: "http://e.com/", MaxLength: 3, StartIndex: 3}, serve(200, "abcdef"), false, "def"},
		{"status", args{URL: "http://e.com/"}, serve(404, "nope"), true, "HTTP status 404"},
		{"binary", args{URL: "http://e.com/"}, serve(200, "\xff\xfe\x00"), true, "binary"},
		{"bad url", args{URL: "ftp://e.com/"}, serve(200, ""), true, "http or https"},
		{"transport", args{URL: "http://e.com/"}, func(string) (int, []byte, error) { return 0, nil, errors.New("refused") }, true, "refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(tt.a, tt.get)
			if res.IsError != tt.wantError || !strings.Contains(res.Content[0].Text, tt.want) {
				t.Errorf("run = %+v, want isError=%v containing %q", res, tt.wantError, tt.want)
			}
		})
	}
	if res := handle("fetch", json.RawMessage(`{}`), serve(200, "")); !res.IsError {
		t.Errorf("handle without url = %+v, want an error result", res)
	}
}
