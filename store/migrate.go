package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// embeddedMigrations reads migrations/NNNN_name.sql in order and checks that
// the numbers run 1, 2, 3... without gaps, so a missing file cannot go unseen.
func embeddedMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read embedded migrations: %w", err)
	}
	var migs []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("embedded migration %s: name must be NNNN_name.sql", name)
		}
		body, err := migrationFiles.ReadFile(path.Join("migrations", name))
		if err != nil {
			return nil, fmt.Errorf("read embedded migration %s: %w", name, err)
		}
		if v != len(migs)+1 {
			return nil, fmt.Errorf("embedded migration %s: expected number %d", name, len(migs)+1)
		}
		migs = append(migs, migration{version: v, name: name, sql: string(body)})
	}
	return migs, nil
}

// SchemaVersion is the schema version this build of sweet writes.
func SchemaVersion() int {
	migs, err := embeddedMigrations()
	if err != nil {
		return 0
	}
	return len(migs)
}

// migrate applies every migration newer than the file's user_version, each in
// its own IMMEDIATE transaction. The version is re-read inside the transaction
// because another sweet process may have migrated the file meanwhile.
func (db *DB) migrate(ctx context.Context, migs []migration) error {
	for _, m := range migs {
		err := db.writeTx(ctx, func(tx *Tx) error {
			var current int
			if err := tx.tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
				return err
			}
			if current >= m.version {
				return nil
			}
			if current != m.version-1 {
				return fmt.Errorf("schema version %d cannot take migration %d", current, m.version)
			}
			if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			// PRAGMAs take no bound parameters; both values are integers we own.
			if _, err := tx.tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
				return err
			}
			_, err := tx.tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate database %s to version %d (%s): %w", db.path, m.version, m.name, translate(err))
		}
	}
	return nil
}

// Version returns the schema version recorded in the file.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	if err := db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", translate(err))
	}
	return v, nil
}
