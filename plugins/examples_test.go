package plugins

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestExamples loads each first-party plugin and calls its tool.
func TestExamples(t *testing.T) {
	t.Run("hash", func(t *testing.T) {
		p := load(t, "hash", example(t, "hash"), Grants{})
		res := call(t, p, "hash", `{"data":"abc","algorithm":"sha256"}`)
		if want := "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; text(res) != want {
			t.Errorf("sha256(abc) = %q, want %q", text(res), want)
		}
		if res := call(t, p, "hash", `{"data":"abc","algorithm":"crc"}`); !res.IsError {
			t.Errorf("unknown algorithm: %+v, want an error result", res)
		}
	})
	t.Run("time", func(t *testing.T) {
		p := load(t, "time", example(t, "time"), Grants{})
		var r struct {
			UTCTime int64 `json:"utc_time"`
		}
		if err := json.Unmarshal([]byte(text(call(t, p, "time", `{"name":"get_time_utc"}`))), &r); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(time.Unix(r.UTCTime, 0)); d < -time.Minute || d > time.Minute {
			t.Errorf("get_time_utc is %v off the real time", d)
		}
		res := call(t, p, "time", `{"name":"time_offset","timestamp":1700000000,"offset":3600}`)
		if !strings.Contains(text(res), `"utc_time":1700003600`) {
			t.Errorf("time_offset = %s", text(res))
		}
	})
	t.Run("qr-code", func(t *testing.T) {
		p := load(t, "qr-code", example(t, "qr-code"), Grants{})
		res := call(t, p, "qr-code", `{"data":"https://example.com/","scale":4}`)
		if res.IsError || len(res.Content) != 1 || res.Content[0].Type != "image" || res.Content[0].MimeType != "image/png" {
			t.Fatalf("qr-code = %+v, want one image/png item", res)
		}
		raw, err := base64.StdEncoding.DecodeString(res.Content[0].Data)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(raw)); err != nil {
			t.Errorf("qr-code image does not decode as PNG: %v", err)
		}
	})
}

func TestFetchExample(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Test page</title></head><body><h1>Hello</h1><p>See <a href="/next">next</a>.</p></body></html>`)
	}))
	defer srv.Close()
	allowed := load(t, "fetch", example(t, "fetch"), Grants{AllowedHosts: []string{"127.0.0.1"}})
	res := call(t, allowed, "fetch", mustJSON(map[string]string{"url": srv.URL + "/page"}))
	want := "# Hello\n\nSee [next](" + srv.URL + "/next)."
	if res.IsError || !strings.Contains(text(res), want) {
		t.Errorf("fetch allowed host = %q, want it to contain %q", text(res), want)
	}
	denied := load(t, "fetch-denied", example(t, "fetch"), Grants{AllowedHosts: []string{"example.com"}})
	_, err := denied.CallTool(context.Background(), "fetch", json.RawMessage(mustJSON(map[string]string{"url": srv.URL})))
	if !errors.Is(err, ErrDenied) {
		t.Errorf("fetch denied host: err = %v, want ErrDenied", err)
	}
}

func TestHyperV2Plugin(t *testing.T) {
	p := load(t, "v2", fixture(t, "v2"), Grants{})
	ctx := context.Background()
	if p.ABI() != ABIHyperV2 || !p.Exports().Prompts || !p.Exports().Resources || p.Exports().ResourceTemplates {
		t.Errorf("ABI %q exports %+v, want hyper-mcp v2 with prompts and resources", p.ABI(), p.Exports())
	}
	if res := call(t, p, "shout", `{"text":"hello"}`); text(res) != "HELLO" {
		t.Errorf("shout = %+v", res)
	}
	prompts, err := p.Prompts(ctx)
	if err != nil || len(prompts) != 1 || prompts[0].Name != "greet" || !prompts[0].Arguments[0].Required {
		t.Errorf("Prompts = %+v, %v", prompts, err)
	}
	pr, err := p.GetPrompt(ctx, "greet", map[string]string{"who": "Ada"})
	if err != nil || len(pr.Messages) != 1 || pr.Messages[0].Content.Text != "Hello, Ada" {
		t.Errorf("GetPrompt = %+v, %v", pr, err)
	}
	res, err := p.Resources(ctx)
	if err != nil || len(res) != 1 || res[0].URI != "fixture://readme" {
		t.Errorf("Resources = %+v, %v", res, err)
	}
	contents, err := p.ReadResource(ctx, "fixture://readme")
	if err != nil || len(contents) != 1 || contents[0].Text != "read fixture://readme" || contents[0].MimeType != "text/plain" {
		t.Errorf("ReadResource = %+v, %v", contents, err)
	}
	if _, err := p.ResourceTemplates(ctx); !errors.Is(err, ErrUnsupported) {
		t.Errorf("ResourceTemplates: err = %v, want ErrUnsupported", err)
	}
	servlet := load(t, "sandbox", fixture(t, "sandbox"), Grants{})
	if _, err := servlet.Prompts(ctx); !errors.Is(err, ErrUnsupported) {
		t.Errorf("servlet Prompts: err = %v, want ErrUnsupported", err)
	}
}
