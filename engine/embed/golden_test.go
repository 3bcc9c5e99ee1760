package embed

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// goldenTexts are embedded for TestModelPinned.
var goldenTexts = []string{
	"The staging server restarts every night at 3am.",
	"Use fetchUserProfile in src/api/users.ts instead of calling the endpoint.",
	"bump the version, tag the commit and push the tag",
}

// TestModelPinned fails when the built-in vectors change, because stored
// vectors are only comparable within one BuiltinModel: a change to the
// data, the weights or the projection must come with a new model id. After
// bumping it, refresh the file with go test ./engine/embed -run
// TestModelPinned -update.
func TestModelPinned(t *testing.T) {
	vecs, err := shared.Embed(context.Background(), goldenTexts)
	if err != nil {
		t.Fatal(err)
	}
	const path = "testdata/TestModelPinned.golden"
	var b strings.Builder
	fmt.Fprintln(&b, BuiltinModel)
	for _, v := range vecs {
		for i, x := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.FormatFloat(float64(x), 'f', 4, 32))
		}
		b.WriteByte('\n')
	}
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if lines[0] != BuiltinModel {
		t.Fatalf("golden file is for model %q, not %q: run with -update", lines[0], BuiltinModel)
	}
	if len(lines) != len(vecs)+1 {
		t.Fatalf("golden file has %d vectors, want %d: run with -update", len(lines)-1, len(vecs))
	}
	for i, v := range vecs {
		want := strings.Fields(lines[i+1])
		if len(want) != len(v) {
			t.Fatalf("golden vector %d has %d dims, want %d", i, len(want), len(v))
		}
		for j, x := range v {
			w, err := strconv.ParseFloat(want[j], 32)
			// The tolerance absorbs float rounding across CPUs; a change to
			// the model moves coordinates far more.
			if err != nil || math.Abs(w-float64(x)) > 2e-3 {
				t.Fatalf("vector of %q changed at dim %d (%v, was %s): bump BuiltinModel, then run go test -run TestModelPinned -update", goldenTexts[i], j, x, want[j])
			}
		}
	}
}
