package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sync"
)

// readStmts keeps the readers' statements prepared, by SQL text. A
// search_nodes call runs some eight queries, and preparing each one
// (parsing, planning a join) cost about as much as running it: a tenth of
// the call. database/sql prepares a cached statement again on each
// reader connection the first time it runs there, and SQLite re-prepares
// it by itself when another process changes the schema.
//
// Only queries whose text does not grow with their arguments belong here:
// lists are passed as one JSON array (see jsonList) rather than as one
// bind variable per element.
type readStmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxReadStmts bounds the cache. The texts are sweet's own, a few dozen
// in all; filters of unusual shapes beyond the bound run unprepared.
const maxReadStmts = 128

// stmt returns the prepared statement for query, or nil when the cache is
// full.
func (db *DB) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	db.stmts.mu.Lock()
	st, ok := db.stmts.m[query]
	full := len(db.stmts.m) >= maxReadStmts
	db.stmts.mu.Unlock()
	if ok || full {
		return st, nil
	}
	st, err := db.r.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	if prev, ok := db.stmts.m[query]; ok {
		st.Close() // another goroutine prepared it meanwhile
		return prev, nil
	}
	if db.stmts.m == nil {
		db.stmts.m = map[string]*sql.Stmt{}
	}
	db.stmts.m[query] = st
	return st, nil
}

// query runs a read through the statement cache.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := db.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return db.r.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow runs a one-row read through the statement cache.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := db.stmt(ctx, query)
	if err != nil || st == nil {
		// A failed prepare fails again here and reports itself through
		// the row's Scan.
		return db.r.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// closeStmts closes the cached statements (before the readers close).
func (db *DB) closeStmts() {
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	for _, st := range db.stmts.m {
		st.Close()
	}
	db.stmts.m = nil
}

// jsonList encodes a list as a JSON array for "IN (SELECT value FROM
// json_each(?))": one bind variable, so the query's text stays the same
// whatever the list's length.
func jsonList[T int64 | string](items []T) string {
	b, _ := json.Marshal(items) // int64s and strings always encode
	return string(b)
}

// inList is the IN operand that reads a jsonList argument.
const inList = "(SELECT value FROM json_each(?))"
