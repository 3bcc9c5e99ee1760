package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReproducible regenerates the data file from the installed WordNet
// and checks it matches the committed bytes, so the shipped data is what
// the generator makes. It needs Debian's wordnet-base.
func TestReproducible(t *testing.T) {
	const dir = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(dir, "data.noun")); err != nil {
		t.Skip("WordNet 3.0 not installed (apt-get install wordnet-base)")
	}
	if testing.Short() || raceEnabled {
		t.Skip("regenerating takes seconds, and minutes under -race; run it without -short or -race")
	}
	out := filepath.Join(t.TempDir(), "wordnet.bin")
	if err := run([]string{"-wordnet", dir, "-devterms", "../../data/devterms.txt", "-out", out}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../data/wordnet.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("regenerated data (%d bytes) differs from engine/embed/data/wordnet.bin (%d bytes): run go generate ./engine/embed and commit the result", len(got), len(want))
	}
}

func TestMissingWordNet(t *testing.T) {
	err := run([]string{"-wordnet", t.TempDir(), "-out", filepath.Join(t.TempDir(), "x")})
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("apt-get install wordnet-base")) {
		t.Errorf("err = %v, want a hint to install wordnet-base", err)
	}
}
