package tui

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sweetmcp/sweet/plugins"
)

func TestArgsSkeleton(t *testing.T) {
	tests := []struct {
		name, schema, want string
	}{
		{"required of each type", `{"type":"object","properties":{"s":{"type":"string"},"n":{"type":"integer"},"f":{"type":"number"},"b":{"type":"boolean"},"a":{"type":"array"},"o":{"type":"object"}},"required":["s","n","f","b","a","o"]}`,
			`{"s":"","n":0,"f":0,"b":false,"a":[],"o":{}}`},
		{"default wins", `{"properties":{"algorithm":{"type":"string","default":"sha256"}},"required":["algorithm"]}`, `{"algorithm":"sha256"}`},
		{"optional left out", `{"properties":{"data":{"type":"string"},"scale":{"type":"integer"}},"required":["data"]}`, `{"data":""}`},
		{"no required", `{"properties":{"x":{"type":"string"}}}`, `{}`},
		{"unknown type", `{"properties":{"x":{"type":["string","null"]}},"required":["x"]}`, `{"x":null}`},
		{"not a schema", `"nope"`, `{}`},
		{"empty", ``, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := argsSkeleton(json.RawMessage(tt.schema))
			if got != tt.want {
				t.Errorf("argsSkeleton = %s, want %s", got, tt.want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("skeleton %s is not JSON", got)
			}
		})
	}
}

func TestCheckArgs(t *testing.T) {
	tests := []struct {
		args string
		want string // part of the error; empty: accepted
	}{
		{`{"data":"x"}`, ""},
		{`{}`, ""},
		{`{"data":`, "not valid JSON"},
		{`[1,2]`, "must be a JSON object"},
		{`null`, "not null"},
		{`"text"`, "must be a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			err := checkArgs(tt.args)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("checkArgs(%s) = %v, want nil", tt.args, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("checkArgs(%s) = %v, want an error containing %q", tt.args, err, tt.want)
			}
		})
	}
}

func TestReadResult(t *testing.T) {
	png := checkerPNG(3, 2)
	tests := []struct {
		name    string
		res     *plugins.CallResult
		err     error
		lines   []string
		isError bool
		image   bool
	}{
		{name: "text", res: &plugins.CallResult{Content: []plugins.Content{{Type: "text", Text: "one\ntwo\n"}}}, lines: []string{"one", "two"}},
		{name: "image", res: &plugins.CallResult{Content: []plugins.Content{{Type: "image", MimeType: "image/png", Data: png}}},
			lines: []string{"png image, 6×6 pixels"}, image: true},
		{name: "second image listed", res: &plugins.CallResult{Content: []plugins.Content{{Type: "image", Data: png}, {Type: "image", Data: png}}},
			lines: []string{"png image, 6×6 pixels", "[another png image, 6×6: only the first is shown]"}, image: true},
		{name: "bad base64", res: &plugins.CallResult{Content: []plugins.Content{{Type: "image", MimeType: "image/png", Data: "%%%"}}},
			lines: []string{"[image/png image: not valid base64: illegal base64 data at input byte 0]"}},
		{name: "not an image", res: &plugins.CallResult{Content: []plugins.Content{{Type: "image", MimeType: "image/png", Data: base64.StdEncoding.EncodeToString([]byte("hello"))}}},
			lines: []string{"[image/png image, 5 bytes: cannot decode it: image: unknown format]"}},
		{name: "tool error", res: &plugins.CallResult{IsError: true, Content: []plugins.Content{{Type: "text", Text: "unknown algorithm"}}},
			lines: []string{"unknown algorithm"}, isError: true},
		{name: "call error", err: errors.New("plugin trapped"), lines: []string{"call failed: plugin trapped"}, isError: true},
		{name: "empty", res: &plugins.CallResult{}, lines: []string{"(no content)"}},
		{name: "resource and link", res: &plugins.CallResult{Content: []plugins.Content{
			{Type: "resource", Resource: &plugins.ResourceContents{URI: "file:///a.txt", Text: "body"}},
			{Type: "resource_link", URI: "https://x.example/", Name: "x"}}},
			lines: []string{"resource file:///a.txt:", "body", "link: x https://x.example/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readResult("p__t", tt.res, tt.err)
			if diff := cmp.Diff(tt.lines, got.lines); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if got.isError != tt.isError || (got.img != nil) != tt.image || got.tool != "p__t" {
				t.Errorf("isError=%v image=%v tool=%q, want %v %v p__t", got.isError, got.img != nil, got.tool, tt.isError, tt.image)
			}
		})
	}
}
