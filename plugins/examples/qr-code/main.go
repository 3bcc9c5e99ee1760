// Command qr-code is a plugin that encodes text as a QR code and returns
// it as a PNG image. It is the port of SweetMCP's qr-code plugin, with its
// own encoder (byte mode, error correction level M, versions 1 to 10).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/sweetmcp/sweet/plugins/pdk"
)

func main() {}

func tools() []pdk.Tool {
	return []pdk.Tool{{
		Name: "qr-code",
		Description: fmt.Sprintf("Encode text (up to %d bytes) as a QR code and return it as a PNG image. "+
			"Error correction is level M (about 15%% of the symbol may be damaged).", MaxBytes),
		InputSchema: json.RawMessage(`{"type":"object","properties":{` +
			`"data":{"type":"string","description":"the text or URL to encode"},` +
			`"scale":{"type":"integer","minimum":1,"maximum":32,"description":"pixels per module (default 8)"},` +
			`"ecc":{"type":"string","description":"error correction level; only M (or 2, SweetMCP's numbering) is supported"}},` +
			`"required":["data"]}`),
	}}
}

// quietZone is the light border the standard requires, in modules.
const quietZone = 4

// renderPNG draws q with scale pixels per module and a quiet zone.
func renderPNG(q *QR, scale int) ([]byte, error) {
	side := (q.Size + 2*quietZone) * scale
	img := image.NewPaletted(image.Rect(0, 0, side, side), color.Palette{color.White, color.Black})
	for y := range q.Size {
		for x := range q.Size {
			if !q.Dark(x, y) {
				continue
			}
			for py := range scale {
				row := img.Pix[((y+quietZone)*scale+py)*img.Stride:]
				for px := range scale {
					row[(x+quietZone)*scale+px] = 1
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}

func handle(name string, raw json.RawMessage) pdk.Result {
	if name != "qr-code" {
		return pdk.Errorf("unknown tool %q", name)
	}
	var args struct {
		Data  string `json:"data"`
		Scale int    `json:"scale"`
		ECC   string `json:"ecc"`
	}
	if err := pdk.Args(raw, &args); err != nil {
		return pdk.Errorf("%v", err)
	}
	if ecc := strings.ToUpper(strings.TrimSpace(args.ECC)); ecc != "" && ecc != "M" && ecc != "2" {
		return pdk.Errorf("error correction level %q is not supported: only M", args.ECC)
	}
	switch {
	case args.Scale == 0:
		args.Scale = 8
	case args.Scale < 1 || args.Scale > 32:
		return pdk.Errorf("scale %d: want 1 to 32 pixels per module", args.Scale)
	}
	q, err := Encode([]byte(args.Data))
	if err != nil {
		return pdk.Errorf("%v", err)
	}
	img, err := renderPNG(q, args.Scale)
	if err != nil {
		return pdk.Errorf("%v", err)
	}
	return pdk.Image(img, "image/png")
}
