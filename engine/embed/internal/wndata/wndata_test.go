package wndata

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func sample() *Tables {
	return &Tables{
		Lemmas:     []string{"auto", "automobile", "car", "vehicle"},
		SenseOff:   []uint32{0, 1, 2, 4, 5},
		Senses:     []uint32{0, 0, 0, 2, 1},
		POS:        []uint8{Noun, Noun, Verb},
		HyperOff:   []uint32{0, 1, 1, 1},
		Hyper:      []uint32{1},
		SimilarOff: []uint32{0, 0, 0, 0},
		PartOff:    []uint32{0, 0, 0, 1},
		Part:       []uint32{0},
		GlossOff:   []uint32{0, 2, 2, 3},
		Gloss:      []uint32{1, 3, 0},
		ExcForm:    []string{"cars", "cars"},
		ExcPOS:     []uint8{Noun, Verb},
		ExcOff:     []uint32{0, 1, 2},
		ExcBase:    []uint32{2, 2},
	}
}

func sampleDev() *DevTables {
	return &DevTables{
		Words:      []DevEntry{{Key: "reboot", Syn: []uint32{0}, Rel: []uint32{0}}, {Key: "k8s", Syn: []uint32{1}}},
		Phrases:    []DevEntry{{Key: "pull request", Syn: []uint32{1}}},
		First:      []string{"pull"},
		MaxPhrase:  2,
		SetWords:   [][]string{{"reboot", "restart"}, {"pull", "request", "pr"}},
		NumRelated: 1,
		SourceCRC:  0xdeadbeef,
	}
}

// sampleImage builds and encodes the sample tables.
func sampleImage(t *testing.T) string {
	t.Helper()
	d, err := Build(sample())
	if err != nil {
		t.Fatal(err)
	}
	if d.Dev, err = BuildDev(sampleDev()); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestRoundTrip(t *testing.T) {
	img := sampleImage(t)
	if err := Verify(img); err != nil {
		t.Fatal(err)
	}
	d, err := Open(img)
	if err != nil {
		t.Fatal(err)
	}
	checkSample(t, d)
	var again bytes.Buffer
	if err := Encode(&again, d); err != nil {
		t.Fatal(err)
	}
	if again.String() != img {
		t.Error("re-encoding an opened image gave different bytes")
	}
}

// checkSample checks d answers as sample and sampleDev say.
func checkSample(t *testing.T, d *Data) {
	t.Helper()
	want := Links{Hyper: []uint32{1}, Member: []uint32{0, 1, 2}, Gloss: []uint32{1, 3}}
	if diff := cmp.Diff(want, d.Links(0), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Links(0) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Links{Hypo: []uint32{0}, Member: []uint32{3}}, d.Links(1), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Links(1) (-want +got):\n%s", diff)
	}
	if got := d.Links(2); !slices.Equal(got.Part, []uint32{0}) || !slices.Equal(got.Gloss, []uint32{0}) {
		t.Errorf("Links(2) = %+v, want part [0] and gloss [0]", got)
	}
	if got := d.Hyper(0); !slices.Equal(got, []uint32{1}) {
		t.Errorf("Hyper(0) = %v, want [1]", got)
	}
	if id, ok := d.LemmaID("car"); !ok || id != 2 || d.Lemma(id) != "car" {
		t.Errorf("LemmaID(car) = %d, %v", id, ok)
	}
	if !d.Has("car", Verb) || d.Has("auto", Verb) || d.Has("bus", Noun) {
		t.Error("Has disagrees with the senses")
	}
	if got := d.Exceptions("cars", Verb); !slices.Equal(got, []string{"car"}) {
		t.Errorf("Exceptions(cars, verb) = %q", got)
	}
	if got := d.Exceptions("cars", Adj); got != nil {
		t.Errorf("Exceptions(cars, adj) = %q, want nil", got)
	}
	id, ok := d.Dev.Words.Keys.Find("reboot")
	if syn, rel := d.Dev.Words.Sets(id); !ok || !slices.Equal(syn, []uint32{0}) || !slices.Equal(rel, []uint32{0}) {
		t.Errorf("thesaurus entry of reboot = %v %v", syn, rel)
	}
	if !d.Dev.Phrases.Keys.Has("pull request") || !d.Dev.First.Has("pull") || d.Dev.Prefix.Has("pull") {
		t.Error("thesaurus phrase tables lost an entry")
	}
	if got := d.Dev.SetWords.At(int(d.Dev.SetOff[1])); got != "pull" || d.Dev.MaxPhrase != 2 || d.Dev.SourceCRC != 0xdeadbeef {
		t.Errorf("thesaurus set words or numbers lost: %q %d %x", got, d.Dev.MaxPhrase, d.Dev.SourceCRC)
	}
}

// TestOpenCopies covers the paths of an unaligned image and of a
// big-endian machine, which copy the tables instead of reading in place.
func TestOpenCopies(t *testing.T) {
	img := sampleImage(t)
	t.Run("unaligned", func(t *testing.T) {
		for shift := 1; shift < 4; shift++ {
			buf := make([]uint32, len(img)/4+2)
			b := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), 4*len(buf))[shift:]
			copy(b, img)
			d, err := Open(unsafe.String(&b[0], len(img)))
			if err != nil {
				t.Fatal(err)
			}
			checkSample(t, d)
		}
	})
	t.Run("big-endian", func(t *testing.T) {
		littleEndian = false
		defer func() { littleEndian = true }()
		d, err := Open(img)
		if err != nil {
			t.Fatal(err)
		}
		checkSample(t, d)
	})
}

func TestDict(t *testing.T) {
	var keys []string
	for i := range 1000 {
		keys = append(keys, fmt.Sprint("k", i))
	}
	d, err := NewDict(keys)
	if err != nil {
		t.Fatal(err)
	}
	empty, err := NewDict(nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if id, ok := d.Find(k); !ok || id != uint32(i) {
			t.Fatalf("Find(%q) = %d, %v, want %d", k, id, ok, i)
		}
	}
	for _, miss := range []string{"", "k1000", "x", "k-1"} {
		if d.Has(miss) || empty.Has(miss) {
			t.Errorf("found %q, which is not a key", miss)
		}
	}
	if id, ok := d.FindBytes([]byte("k7")); !ok || id != 7 {
		t.Errorf("FindBytes(k7) = %d, %v", id, ok)
	}
}

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(*Tables)
		want   string
	}{
		{"unsorted lemmas", func(d *Tables) { d.Lemmas[0], d.Lemmas[1] = d.Lemmas[1], d.Lemmas[0] }, "not sorted"},
		{"sense out of range", func(d *Tables) { d.Senses[0] = 9 }, "senses id 9 out of range"},
		{"gloss out of range", func(d *Tables) { d.Gloss[0] = 4 }, "gloss id 4 out of range"},
		{"bad offsets", func(d *Tables) { d.HyperOff = []uint32{0, 1} }, "hypernyms table has a bad shape"},
		{"decreasing offsets", func(d *Tables) { d.GlossOff = []uint32{0, 3, 2, 3} }, "gloss offsets decrease"},
		{"bad part of speech", func(d *Tables) { d.POS[0] = 7 }, "unknown part of speech 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := sample()
			tt.break_(d)
			_, err := Build(d)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestBuildRejectsOverflow(t *testing.T) {
	d := sample()
	for range 1 << recordFields[0].bits {
		d.Hyper = append(d.Hyper, 1)
	}
	d.HyperOff = []uint32{0, uint32(len(d.Hyper)), uint32(len(d.Hyper)), uint32(len(d.Hyper))}
	if _, err := Build(d); err == nil || !strings.Contains(err.Error(), "hypernyms do not fit") {
		t.Errorf("Build error = %v, want a header overflow", err)
	}
}

func TestOpenRejectsCorruptInput(t *testing.T) {
	good := sampleImage(t)
	patch := func(at int, v uint32) string {
		b := []byte(good)
		binary.LittleEndian.PutUint32(b[at:], v)
		return string(b)
	}
	dir := func(i int) int { return headerLen + 8*i }
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "bad magic"},
		{"wrong magic", "XXXX" + good[4:], "bad magic"},
		{"old version", "SWWN\x01" + good[5:], "bad magic"},
		{"section count", patch(8, 3), "3 sections"},
		{"truncated directory", good[:headerLen+4], "truncated directory"},
		{"section past the end", patch(dir(0), uint32(len(good))), "outside the image"},
		{"unaligned section", patch(dir(1), 2), "outside the image"},
		{"partial entry", patch(dir(1)+4, 7), "partial entry"},
		{"short table", patch(dir(4)+4, 8), "bad shape"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Open error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestVerifyCatchesAnyByte(t *testing.T) {
	good := sampleImage(t)
	for _, at := range []int{headerLen, len(good) / 2, len(good) - 1} {
		b := []byte(good)
		b[at] ^= 0x40
		if err := Verify(string(b)); err == nil {
			t.Errorf("Verify accepted a flipped byte at %d", at)
		}
	}
}
