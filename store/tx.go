package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrReadOnly means a write was attempted on a database opened read-only.
var ErrReadOnly = errors.New("database is open read-only")

// Tx is a write transaction. It is only valid inside the function given to
// [DB.Write]; typed write methods hang off it.
type Tx struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// prep returns a statement prepared once per transaction: bulk writes (an
// import of thousands of memories) run the same few statements many times,
// and preparing an INSERT with its triggers each time costs more than
// running it. The database/sql transaction closes them at commit.
func (tx *Tx) prep(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := tx.stmts[query]; ok {
		return st, nil
	}
	st, err := tx.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[query] = st
	return st, nil
}

// keyedRowIDs runs query, which selects (key, rowid) pairs and takes a
// namespace and a JSON array of keys (json_each keeps it one statement,
// prepared once, whatever the number of keys), into out.
func (tx *Tx) keyedRowIDs(ctx context.Context, query, ns string, keys []string, out map[string]int64) error {
	if len(keys) == 0 {
		return nil
	}
	st, err := tx.prep(ctx, query)
	if err != nil {
		return translate(err)
	}
	rows, err := st.QueryContext(ctx, ns, jsonList(keys))
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return translate(err)
		}
		out[k] = id
	}
	return translate(rows.Err())
}

// deleteOne runs a DELETE by key and returns ErrNotFound when it matched
// no row.
func (tx *Tx) deleteOne(ctx context.Context, query string, args ...any) error {
	res, err := tx.tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}

// Write runs fn in one IMMEDIATE transaction: all of fn's writes commit
// together or none do. When another process holds the write lock beyond the
// busy timeout, the whole transaction is retried a few times with backoff
// before the error reaches the caller; fn must therefore be safe to rerun.
func (db *DB) Write(ctx context.Context, fn func(*Tx) error) error {
	if db.w == nil {
		return ErrReadOnly
	}
	return translate(db.writeTx(ctx, fn))
}

func (db *DB) writeTx(ctx context.Context, fn func(*Tx) error) error {
	const attempts = 5
	backoff := 20 * time.Millisecond
	var err error
	for i := 0; i < attempts; i++ {
		err = db.runTx(ctx, fn)
		if err == nil || !isBusy(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff *= 2
	}
	return fmt.Errorf("database stayed locked by another process after %d attempts: %w", attempts, err)
}

func (db *DB) runTx(ctx context.Context, fn func(*Tx) error) (err error) {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback() // the original error is the one worth reporting
		}
	}()
	if err = fn(&Tx{tx: tx}); err != nil {
		return err
	}
	return tx.Commit()
}

// querier is what read helpers need: a read connection or a write transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// now is the store's clock in Unix milliseconds.
func now() int64 { return time.Now().UnixMilli() }
