package store

import (
	"context"
	"fmt"
	"time"
)

// ReasonSessionInfo describes a stored reasoning session without its document.
type ReasonSessionInfo struct {
	ID        string
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// LoadReasonSession returns a reasoning session's JSON document and its
// version, or ErrNotFound.
func (db *DB) LoadReasonSession(ctx context.Context, id string) ([]byte, int64, error) {
	var data string
	var version int64
	err := db.r.QueryRowContext(ctx, "SELECT data, version FROM reason_sessions WHERE id = ?", id).Scan(&data, &version)
	if err != nil {
		return nil, 0, fmt.Errorf("load reasoning session %s: %w", id, translate(err))
	}
	return []byte(data), version, nil
}

// ReasonSessionVersion returns the stored version of a reasoning session, or
// ErrNotFound. It is one indexed read, so a process holding a session in
// memory can check cheaply whether another process changed it.
func (db *DB) ReasonSessionVersion(ctx context.Context, id string) (int64, error) {
	var version int64
	err := db.r.QueryRowContext(ctx, "SELECT version FROM reason_sessions WHERE id = ?", id).Scan(&version)
	if err != nil {
		return 0, fmt.Errorf("read reasoning session %s: %w", id, translate(err))
	}
	return version, nil
}

// SaveReasonSession writes a reasoning session's JSON document and returns
// its new version. version is the version the caller loaded: 0 creates the
// session, any other value replaces it only if nobody saved it since, so a
// concurrent writer gets ErrConflict instead of losing the other's thoughts.
func (db *DB) SaveReasonSession(ctx context.Context, id string, data []byte, version int64) (int64, error) {
	var next int64
	err := db.Write(ctx, func(tx *Tx) error {
		at := now()
		if version == 0 {
			_, err := tx.tx.ExecContext(ctx,
				"INSERT INTO reason_sessions (id, data, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)",
				id, string(data), at, at)
			next = 1
			return err
		}
		res, err := tx.tx.ExecContext(ctx,
			"UPDATE reason_sessions SET data = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
			string(data), at, id, version)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w: session changed since version %d was loaded", ErrConflict, version)
		}
		next = version + 1
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("save reasoning session %s: %w", id, err)
	}
	return next, nil
}

// DeleteReasonSession removes a reasoning session; ErrNotFound if there is
// none with that id.
func (db *DB) DeleteReasonSession(ctx context.Context, id string) error {
	err := db.Write(ctx, func(tx *Tx) error {
		return tx.deleteOne(ctx, "DELETE FROM reason_sessions WHERE id = ?", id)
	})
	if err != nil {
		return fmt.Errorf("delete reasoning session %s: %w", id, err)
	}
	return nil
}

// ListReasonSessions returns up to limit sessions (all when limit <= 0),
// most recently updated first.
func (db *DB) ListReasonSessions(ctx context.Context, limit int) ([]ReasonSessionInfo, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := db.r.QueryContext(ctx,
		"SELECT id, version, created_at, updated_at FROM reason_sessions ORDER BY updated_at DESC, id LIMIT ?", limit)
	if err != nil {
		return nil, fmt.Errorf("list reasoning sessions: %w", translate(err))
	}
	defer rows.Close()
	var out []ReasonSessionInfo
	for rows.Next() {
		var s ReasonSessionInfo
		var created, updated int64
		if err := rows.Scan(&s.ID, &s.Version, &created, &updated); err != nil {
			return nil, fmt.Errorf("list reasoning sessions: %w", translate(err))
		}
		s.CreatedAt, s.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list reasoning sessions: %w", translate(err))
	}
	return out, nil
}
