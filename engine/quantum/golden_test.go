package quantum

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// golden compares got with testdata/<test name>.golden, rewriting the file
// instead when -update is set.
func golden(t *testing.T, got string) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(t.Name())+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update if the change is intended)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestExplainGolden(t *testing.T) {
	r := newRouter(t, 11)
	train(t, r, 300, 12)
	for _, tt := range []struct {
		name string
		x    []float64
	}{{"quoted", patQuoted}, {"recent", patRecent}, {"unseen", []float64{1, 1, 1}}} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := r.Route(tt.x)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, d.Explain())
		})
	}
}

func TestQFTCircuitGolden(t *testing.T) {
	golden(t, NewCircuit(3).Add(QFT(0, 1, 2)...).String())
}
