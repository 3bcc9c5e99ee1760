package wndata

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func sample() *Data {
	return &Data{
		Lemmas:     []string{"auto", "automobile", "car", "vehicle"},
		SenseOff:   []uint32{0, 1, 2, 4, 5},
		Senses:     []uint32{0, 0, 0, 2, 1},
		POS:        []uint8{Noun, Noun, Verb},
		HyperOff:   []uint32{0, 1, 1, 1},
		Hyper:      []uint32{1},
		SimilarOff: []uint32{0, 0, 0, 0},
		PartOff:    []uint32{0, 0, 0, 0},
		GlossOff:   []uint32{0, 2, 2, 3},
		Gloss:      []uint32{1, 3, 0},
		ExcForm:    []string{"cars"},
		ExcPOS:     []uint8{Noun},
		ExcOff:     []uint32{0, 1},
		ExcBase:    []uint32{2},
	}
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := Encode(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	first := buf.Bytes()
	got, err := Decode(first)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sample(), got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("round trip changed the data (-want +got):\n%s", diff)
	}
	var again bytes.Buffer
	if err := Encode(&again, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again.Bytes()) {
		t.Error("encoding the same data twice gave different bytes")
	}
}

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(*Data)
		want   string
	}{
		{"unsorted lemmas", func(d *Data) { d.Lemmas[0], d.Lemmas[1] = d.Lemmas[1], d.Lemmas[0] }, "not sorted"},
		{"sense out of range", func(d *Data) { d.Senses[0] = 9 }, "senses id 9 out of range"},
		{"gloss out of range", func(d *Data) { d.Gloss[0] = 4 }, "gloss id 4 out of range"},
		{"bad offsets", func(d *Data) { d.HyperOff = []uint32{0, 1} }, "hypernyms table has a bad shape"},
		{"decreasing offsets", func(d *Data) { d.GlossOff = []uint32{0, 3, 2, 3} }, "gloss offsets decrease"},
		{"bad part of speech", func(d *Data) { d.POS[0] = 7 }, "unknown part of speech 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := sample()
			tt.break_(d)
			err := Encode(&bytes.Buffer{}, d)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Encode error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestDecodeRejectsCorruptInput(t *testing.T) {
	var buf bytes.Buffer
	if err := Encode(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("hello")},
		{"truncated", good[:len(good)/2]},
		{"wrong magic", gzipOf(t, []byte("XXXX\x01"))},
		{"truncated payload", gzipOf(t, append([]byte("SWWN\x01"), 0x80))},
		{"huge count", gzipOf(t, append([]byte("SWWN\x01"), 0xff, 0xff, 0xff, 0x7f))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Decode(tt.in); err == nil {
				t.Error("Decode succeeded on corrupt input")
			}
		})
	}
}

func gzipOf(t *testing.T, payload []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(payload)
	zw.Close()
	return buf.Bytes()
}
