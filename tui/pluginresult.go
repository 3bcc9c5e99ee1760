package tui

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	_ "image/gif" // tools may return GIF images
	_ "image/jpeg"
	_ "image/png"
	"strings"

	"github.com/sweetmcp/sweet/plugins"
)

// toolResult is a tool call's outcome, ready to show: text lines and at
// most one image (the first image item; the others are listed as text).
type toolResult struct {
	tool    string
	isError bool
	lines   []string
	img     image.Image
}

// readResult turns a call's answer into what the pane shows. It runs in
// the command that made the call: decoding an image is not for Update.
func readResult(tool string, res *plugins.CallResult, err error) toolResult {
	r := toolResult{tool: tool}
	if err != nil {
		r.isError = true
		r.lines = []string{"call failed: " + err.Error()}
		return r
	}
	r.isError = res.IsError
	for _, c := range res.Content {
		r.lines = append(r.lines, r.item(c)...)
	}
	if len(res.StructuredContent) > 0 {
		r.lines = append(r.lines, "structured: "+string(res.StructuredContent))
	}
	if len(r.lines) == 0 && r.img == nil {
		r.lines = []string{"(no content)"}
	}
	return r
}

// item describes one content item, keeping the first image that decodes.
func (r *toolResult) item(c plugins.Content) []string {
	switch c.Type {
	case "text":
		return strings.Split(strings.TrimRight(c.Text, "\n"), "\n")
	case "image":
		raw, err := base64.StdEncoding.DecodeString(c.Data)
		if err != nil {
			return []string{fmt.Sprintf("[%s image: not valid base64: %v]", c.MimeType, err)}
		}
		img, format, err := image.Decode(bytes.NewReader(raw))
		if err != nil {
			return []string{fmt.Sprintf("[%s image, %d bytes: cannot decode it: %v]", c.MimeType, len(raw), err)}
		}
		if r.img != nil {
			return []string{fmt.Sprintf("[another %s image, %d×%d: only the first is shown]", format, img.Bounds().Dx(), img.Bounds().Dy())}
		}
		r.img, _ = reduceBlocks(img)
		return []string{fmt.Sprintf("%s image, %d×%d pixels", format, img.Bounds().Dx(), img.Bounds().Dy())}
	case "audio":
		return []string{fmt.Sprintf("[%s audio, %d base64 bytes]", c.MimeType, len(c.Data))}
	case "resource":
		if c.Resource == nil {
			return []string{"[resource]"}
		}
		if c.Resource.Text != "" {
			return append([]string{"resource " + c.Resource.URI + ":"}, strings.Split(strings.TrimRight(c.Resource.Text, "\n"), "\n")...)
		}
		return []string{fmt.Sprintf("resource %s (%s, %d base64 bytes)", c.Resource.URI, c.Resource.MimeType, len(c.Resource.Blob))}
	case "resource_link":
		return []string{fmt.Sprintf("link: %s %s", cmp.Or(c.Name, "resource"), c.URI)}
	}
	return []string{fmt.Sprintf("[%s content]", c.Type)}
}

// argsSkeleton is the JSON a call form starts with: the schema's required
// properties with empty values of their types, so the user sees what to
// fill in. A schema that cannot be read gives "{}".
func argsSkeleton(schema json.RawMessage) string {
	var s struct {
		Properties map[string]struct {
			Type    any             `json:"type"`
			Default json.RawMessage `json:"default"`
		} `json:"properties"`
		Required []string `json:"required"`
	}
	if json.Unmarshal(schema, &s) != nil || len(s.Required) == 0 {
		return "{}"
	}
	parts := make([]string, 0, len(s.Required))
	for _, name := range s.Required {
		prop := s.Properties[name]
		val := "null"
		switch {
		case len(prop.Default) > 0:
			val = string(prop.Default)
		default:
			t, _ := prop.Type.(string)
			val = map[string]string{"string": `""`, "integer": "0", "number": "0", "boolean": "false",
				"array": "[]", "object": "{}"}[t]
			if val == "" {
				val = "null"
			}
		}
		key, _ := json.Marshal(name)
		parts = append(parts, string(key)+":"+val)
	}
	return "{" + strings.Join(parts, ",") + "}"
}
