package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPluginsCRUD(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	start, err := db.LastChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		run  func() error
	}{
		{"put hash", func() error { return db.PutPlugin(ctx, "hash", []byte(`{"name":"hash"}`), true) }},
		{"put time", func() error { return db.PutPlugin(ctx, "time", []byte(`{"name":"time"}`), true) }},
		{"replace hash", func() error { return db.PutPlugin(ctx, "hash", []byte(`{"name":"hash","v":2}`), false) }},
		{"delete time", func() error { return db.DeletePlugin(ctx, "time") }},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	got, err := db.Plugin(ctx, "hash")
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Record) != `{"name":"hash","v":2}` || got.Enabled || got.UpdatedAt.IsZero() {
		t.Errorf("Plugin(hash) = %+v", got)
	}
	all, err := db.Plugins(ctx)
	if err != nil || len(all) != 1 || all[0].Name != "hash" {
		t.Fatalf("Plugins = %+v, %v", all, err)
	}

	changes, err := db.ChangesSince(ctx, start, 100)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, c := range changes {
		if c.Kind == "plugin" {
			ops = append(ops, c.Op+" "+c.Ref)
		}
	}
	want := []string{"insert hash", "insert time", "update hash", "delete time"}
	if diff := cmp.Diff(want, ops); diff != "" {
		t.Errorf("plugin changes (-want +got):\n%s", diff)
	}
}

func TestPluginsErrors(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), FileName), Options{})
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"get missing", func() error { _, err := db.Plugin(ctx, "nope"); return err }, ErrNotFound},
		{"delete missing", func() error { return db.DeletePlugin(ctx, "nope") }, ErrNotFound},
		{"record not JSON", func() error { return db.PutPlugin(ctx, "x", []byte("not json"), true) }, ErrConflict},
		{"record not an object", func() error { return db.PutPlugin(ctx, "x", []byte(`[1]`), true) }, ErrConflict},
		{"empty name", func() error { return db.PutPlugin(ctx, "", []byte(`{}`), true) }, ErrConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.run(); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
	if all, err := db.Plugins(ctx); err != nil || len(all) != 0 {
		t.Errorf("Plugins after failed writes = %+v, %v", all, err)
	}
}
