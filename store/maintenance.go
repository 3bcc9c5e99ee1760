package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
)

// QuickCheck runs PRAGMA quick_check and returns the problems it found
// (nil when the file is sound).
func (db *DB) QuickCheck(ctx context.Context) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return nil, fmt.Errorf("check database: %w", translate(err))
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, fmt.Errorf("check database: %w", translate(err))
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("check database: %w", translate(err))
	}
	return problems, nil
}

// HasFTS5 reports whether the SQLite build includes the FTS5 module that
// lexical search needs.
func (db *DB) HasFTS5(ctx context.Context) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM pragma_module_list WHERE name = 'fts5'").Scan(&n)
	if err != nil {
		return false, fmt.Errorf("list SQLite modules: %w", translate(err))
	}
	return n > 0, nil
}

// SQLiteVersion returns the version of the embedded SQLite library.
func (db *DB) SQLiteVersion(ctx context.Context) (string, error) {
	var v string
	if err := db.r.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v); err != nil {
		return "", fmt.Errorf("read SQLite version: %w", translate(err))
	}
	return v, nil
}

// ErrExists means a file is in the way and overwriting was not asked for.
var ErrExists = errors.New("file already exists")

// Backup writes a consistent copy of the live database to dest with VACUUM
// INTO, which is safe while other processes write (copying the file is not:
// the WAL would be left behind). dest is refused when it exists unless
// overwrite is set; then the copy is written beside it and renamed over it,
// so a failed backup never destroys the previous one.
func (db *DB) Backup(ctx context.Context, dest string, overwrite bool) error {
	if _, err := os.Stat(dest); err == nil && !overwrite {
		return fmt.Errorf("back up to %s: %w (use --force to overwrite it)", dest, ErrExists)
	}
	tmp := dest + ".tmp-backup"
	_ = os.Remove(tmp) // a leftover from an interrupted backup
	// A connection of its own: the read pool is query_only, which forbids
	// writing even the new file, and the writer must stay free for others.
	c, err := sql.Open("sqlite", dsnWith(db.path, true, false))
	if err != nil {
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	defer c.Close()
	// VACUUM INTO takes its target as an expression, so it can be bound.
	if _, err := c.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", dest, translate(err))
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	return nil
}

// Change is one row of the change log.
type Change struct {
	Seq       int64
	At        int64 // Unix milliseconds
	Kind      string
	Op        string
	Ref       string
	Namespace string
}

// LastChange returns the newest change sequence number (0 when empty).
func (db *DB) LastChange(ctx context.Context) (int64, error) {
	var seq int64
	if err := db.queryRow(ctx, "SELECT coalesce(max(seq), 0) FROM changes").Scan(&seq); err != nil {
		return 0, fmt.Errorf("read change log: %w", translate(err))
	}
	return seq, nil
}

// ChangesSince returns up to limit changes with seq > after, oldest first.
func (db *DB) ChangesSince(ctx context.Context, after int64, limit int) ([]Change, error) {
	rows, err := db.query(ctx,
		"SELECT seq, at, kind, op, ref, namespace FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", after, limit)
	if err != nil {
		return nil, fmt.Errorf("read change log: %w", translate(err))
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Seq, &c.At, &c.Kind, &c.Op, &c.Ref, &c.Namespace); err != nil {
			return nil, fmt.Errorf("read change log: %w", translate(err))
		}
		out = append(out, c)
	}
	return out, translate(rows.Err())
}

// PruneChanges drops change-log rows older than the cutoff (Unix ms), keeping
// the newest row so sequence numbers never go backwards.
func (tx *Tx) PruneChanges(ctx context.Context, before int64) (int64, error) {
	res, err := tx.tx.ExecContext(ctx,
		"DELETE FROM changes WHERE at < ? AND seq < (SELECT max(seq) FROM changes)", before)
	if err != nil {
		return 0, fmt.Errorf("prune change log: %w", err)
	}
	return res.RowsAffected()
}

// Meta reads a value from the engine's key/value table ("" and ErrNotFound
// when the key is unset).
func (db *DB) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := db.r.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if err != nil {
		return "", translate(err)
	}
	return v, nil
}

// SetMeta writes a value to the engine's key/value table.
func (tx *Tx) SetMeta(ctx context.Context, key, value string) error {
	_, err := tx.tx.ExecContext(ctx,
		"INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	if err != nil {
		return fmt.Errorf("write setting %s: %w", strings.TrimSpace(key), err)
	}
	return nil
}

// LastChange returns the newest change-log position as this transaction
// sees it. A write transaction holds the write lock from its start, so the
// entries between its first and last LastChange are all its own.
func (tx *Tx) LastChange(ctx context.Context) (int64, error) {
	var seq int64
	st, err := tx.prep(ctx, "SELECT coalesce(max(seq), 0) FROM changes")
	if err == nil {
		err = st.QueryRowContext(ctx).Scan(&seq)
	}
	if err != nil {
		return 0, fmt.Errorf("read change log: %w", translate(err))
	}
	return seq, nil
}
