// Package store is sweet's SQLite layer: the only package that holds SQL.
//
// It opens one database file (modernc.org/sqlite, pure Go) with the settings
// that keep SQLite's promises when several sweet processes share it at once:
// WAL journaling, a busy timeout on every connection, foreign keys on, and
// BEGIN IMMEDIATE for every write transaction so a writer never fails with
// SQLITE_BUSY half-way through. Inside one process all writes go through a
// single connection; reads use a small pool of read-only connections.
//
// # Schema and migrations
//
// The schema lives in migrations/NNNN_name.sql, embedded in the binary. The
// database's PRAGMA user_version is the number of the last migration applied
// and PRAGMA application_id marks the file as sweet's. Each migration runs in
// its own transaction, so a failure leaves the previous version intact. A
// database written by a newer sweet is refused before anything is written.
//
// # Errors
//
// Driver errors stop at this package: callers see [ErrNotFound],
// [ErrConflict], [ErrNewerSchema] or [ErrNotSweet] through errors.Is, and
// other failures wrapped with the operation that failed.
package store
