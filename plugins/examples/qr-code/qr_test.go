package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReedSolomon checks the error correction of the standard's worked
// example: "HELLO WORLD" as version 1-M.
func TestReedSolomon(t *testing.T) {
	data := []byte{32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17}
	want := []byte{196, 35, 39, 119, 235, 215, 231, 226, 93, 23}
	if got := rsRemainder(data, rsDivisor(10)); !bytes.Equal(got, want) {
		t.Errorf("ec codewords = %v, want %v", got, want)
	}
}

func TestFormatAndVersionBits(t *testing.T) {
	q := newQR(7)
	q.drawFormat(0)
	// Level M, mask 0 is 101010000010010; bit 14 is the most significant.
	want := "101010000010010"
	var got strings.Builder
	for i := 14; i >= 9; i-- {
		got.WriteString(bit(q.Dark(14-i, 8)))
	}
	got.WriteString(bit(q.Dark(7, 8)))
	got.WriteString(bit(q.Dark(8, 8)))
	got.WriteString(bit(q.Dark(8, 7)))
	for i := 5; i >= 0; i-- {
		got.WriteString(bit(q.Dark(8, i)))
	}
	if got.String() != want {
		t.Errorf("format bits = %s, want %s", got.String(), want)
	}
	// Version 7's information is 0x07C94; bit i sits at (size-11+i%3, i/3).
	for i := range 18 {
		if q.Dark(q.Size-11+i%3, i/3) != ((0x07C94>>i)&1 == 1) {
			t.Errorf("version bit %d wrong", i)
		}
	}
}

func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func TestEncodeChoosesVersion(t *testing.T) {
	tests := []struct {
		n, version int
	}{{1, 1}, {14, 1}, {15, 2}, {26, 2}, {100, 6}, {213, 10}}
	for _, tt := range tests {
		q, err := Encode(bytes.Repeat([]byte("a"), tt.n))
		if err != nil || q.Version != tt.version || q.Size != 17+4*tt.version {
			t.Errorf("Encode(%d bytes) = version %v, %v; want version %d", tt.n, q, err, tt.version)
		}
	}
	if _, err := Encode(bytes.Repeat([]byte("a"), MaxBytes+1)); err == nil {
		t.Error("Encode accepted more than MaxBytes")
	}
	if _, err := Encode(nil); err == nil {
		t.Error("Encode accepted empty input")
	}
}

// TestDecodes checks symbols end to end with zbarimg, when it is
// installed (Debian package zbar-tools).
func TestDecodes(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg not installed (apt-get install zbar-tools)")
	}
	for _, text := range []string{"hello", "https://github.com/sweetmcp/sweet", strings.Repeat("0123456789abcdef", 8), strings.Repeat("Z", 213), "héllo wörld ✓"} {
		q, err := Encode([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		img, err := renderPNG(q, 4)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "qr.png")
		if err := os.WriteFile(path, img, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(zbar, "--raw", "-q", "-Sbinary", path).Output()
		if err != nil || string(bytes.TrimSuffix(out, []byte("\n"))) != text {
			t.Errorf("version %d: zbarimg read %q (%v), want %q", q.Version, out, err, text)
		}
	}
}

func TestHandle(t *testing.T) {
	res := handle("qr-code", json.RawMessage(`{"data":"hello","scale":2}`))
	if res.IsError || res.Content[0].MimeType != "image/png" {
		t.Fatalf("handle: %+v", res)
	}
	raw, err := base64.StdEncoding.DecodeString(res.Content[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if side := (21 + 2*quietZone) * 2; img.Bounds().Dx() != side {
		t.Errorf("image is %v, want %d px square", img.Bounds(), side)
	}
	for _, bad := range []string{`{}`, `{"data":"x","ecc":"4"}`, `{"data":"x","scale":99}`} {
		if res := handle("qr-code", json.RawMessage(bad)); !res.IsError {
			t.Errorf("handle(%s) succeeded, want an error result", bad)
		}
	}
}
