package store

import (
	"database/sql"
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var (
	// ErrNotFound means the row asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a write broke a uniqueness or integrity rule.
	ErrConflict = errors.New("conflict")
	// ErrNewerSchema means the database was written by a newer sweet.
	ErrNewerSchema = errors.New("database schema is newer than this sweet")
	// ErrNotSweet means the file is an SQLite database of another program.
	ErrNotSweet = errors.New("not a sweet database")
	// ErrCorrupt means the file is not a readable SQLite database.
	ErrCorrupt = errors.New("database file is corrupt or not a database")
)

// translate turns driver errors into the package's typed errors so that no
// caller needs to know about modernc's error codes.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT:
			return fmt.Errorf("%w: %s", ErrConflict, se.Error())
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %s", ErrCorrupt, se.Error())
		}
	}
	return err
}

// isBusy reports whether err is SQLite saying another connection holds the
// lock; such a transaction can be retried as a whole.
func isBusy(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}
