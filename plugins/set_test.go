package plugins

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSet(t *testing.T) {
	ctx := context.Background()
	h := testHost(t)
	changed := copyFile(t, example(t, "time"), t.TempDir(), "time.wasm")
	changedRec := recordFor(t, "time", changed, Grants{})
	if err := os.WriteFile(changed, []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	disabled := recordFor(t, "off", example(t, "hash"), Grants{})
	disabled.Enabled = false
	s, err := h.LoadSet(ctx, []Record{
		recordFor(t, "hash", example(t, "hash"), Grants{}),
		recordFor(t, "hash2", example(t, "hash"), Grants{}),
		recordFor(t, "v2", fixture(t, "v2"), Grants{}),
		changedRec, disabled,
	})
	if !errors.Is(err, ErrChanged) {
		t.Errorf("LoadSet error = %v, want the changed plugin reported", err)
	}
	defer s.Close(ctx)
	var names []string
	for _, st := range s.Tools() {
		names = append(names, st.Name)
	}
	if want := []string{"ask", "hash.hash", "hash2.hash", "shout"}; !cmp.Equal(names, want) {
		t.Errorf("served tools = %v, want %v", names, want)
	}
	for _, name := range []string{"shout", "v2.shout"} {
		res, err := s.CallTool(ctx, name, []byte(`{"text":"a"}`))
		if err != nil || text(res) != "A" {
			t.Errorf("CallTool(%s) = %+v, %v", name, res, err)
		}
	}
	if res, err := s.CallTool(ctx, "hash2.hash", []byte(`{"data":"","algorithm":"md5"}`)); err != nil || text(res) != "d41d8cd98f00b204e9800998ecf8427e" {
		t.Errorf("CallTool(hash2.hash) = %+v, %v", res, err)
	}
	if _, err := s.CallTool(ctx, "hash", nil); !errors.Is(err, ErrUnknownTool) {
		t.Errorf("ambiguous short name: err = %v, want ErrUnknownTool", err)
	}
	if err := s.Remove(ctx, "hash2"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Resolve("hash"); err != nil {
		t.Errorf("after removing hash2, hash is unique again: %v", err)
	}
	old, _ := s.Plugin("v2")
	p, err := h.Load(ctx, recordFor(t, "v2", fixture(t, "v2"), Grants{MemoryRead: true}))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := old.CallTool(ctx, "shout", nil); !errors.Is(err, ErrClosed) {
		t.Errorf("replaced plugin still serves: %v", err)
	}
	if got := len(s.Plugins()); got != 2 || filepath.Base(s.Plugins()[0].Record().Path) != "hash.wasm" {
		t.Errorf("Plugins = %d, want hash and v2", got)
	}
}
