package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestReasonSessions(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})

	if _, _, err := db.LoadReasonSession(ctx, "s1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("load missing: err = %v, want ErrNotFound", err)
	}
	v, err := db.SaveReasonSession(ctx, "s1", []byte(`{"problem":"p"}`), 0)
	if err != nil || v != 1 {
		t.Fatalf("create: v=%d err=%v", v, err)
	}
	if _, err := db.SaveReasonSession(ctx, "s1", []byte(`{}`), 0); !errors.Is(err, ErrConflict) {
		t.Fatalf("create twice: err = %v, want ErrConflict", err)
	}
	v, err = db.SaveReasonSession(ctx, "s1", []byte(`{"problem":"q"}`), 1)
	if err != nil || v != 2 {
		t.Fatalf("update: v=%d err=%v", v, err)
	}
	// A writer that loaded version 1 must not overwrite version 2.
	if _, err := db.SaveReasonSession(ctx, "s1", []byte(`{"problem":"stale"}`), 1); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale update: err = %v, want ErrConflict", err)
	}
	data, v, err := db.LoadReasonSession(ctx, "s1")
	if err != nil || v != 2 || string(data) != `{"problem":"q"}` {
		t.Fatalf("load: %s v=%d err=%v", data, v, err)
	}
	if got, err := db.ReasonSessionVersion(ctx, "s1"); err != nil || got != 2 {
		t.Fatalf("version: %d %v", got, err)
	}
	if _, err := db.SaveReasonSession(ctx, "bad", []byte(`not json`), 0); !errors.Is(err, ErrConflict) {
		t.Fatalf("invalid JSON: err = %v, want ErrConflict (CHECK constraint)", err)
	}
	if _, err := db.SaveReasonSession(ctx, "s2", []byte(`{}`), 0); err != nil {
		t.Fatal(err)
	}
	list, err := db.ListReasonSessions(ctx, 0)
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %+v %v", list, err)
	}
	if err := db.DeleteReasonSession(ctx, "s1"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteReasonSession(ctx, "s1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete twice: err = %v, want ErrNotFound", err)
	}
}
