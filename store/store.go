package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database file's name inside sweet's data directory.
const FileName = "sweet.db"

// ApplicationID marks a database file as sweet's (PRAGMA application_id, "SWET").
const ApplicationID = 0x53574554

// busyTimeout is how long a connection waits for another process's lock
// before SQLite gives up; write transactions are also retried on top of it.
const busyTimeout = 10 * time.Second

// Options tunes Open. The zero value is what sweet uses.
type Options struct {
	// ReadOnly opens the file without ever writing to it: no migrations,
	// no WAL checkpoint on close. Opening fails if the schema is not current.
	ReadOnly bool
	// Readers is the size of the read pool; 0 means a default from the CPU count.
	Readers int
	// migrations replaces the embedded migrations (tests only).
	migrations []migration
}

// DB is an open sweet database: one writer connection and a read pool.
type DB struct {
	path     string
	w        *sql.DB // the single writer (MaxOpenConns 1); nil when read-only
	r        *sql.DB // read-only pool
	readOnly bool
	stmts    readStmts // prepared reads on r
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. A database from a newer sweet, or another program's SQLite
// file, is refused without being modified.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	migs := opts.migrations
	if migs == nil {
		if migs, err = embeddedMigrations(); err != nil {
			return nil, err
		}
	}
	if opts.ReadOnly {
		if _, err := os.Stat(abs); err != nil {
			return nil, fmt.Errorf("open database %s: %w", abs, err)
		}
	} else if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	db := &DB{path: abs, readOnly: opts.ReadOnly}
	if !opts.ReadOnly {
		db.w, err = sql.Open("sqlite", dsn(abs, false))
		if err != nil {
			return nil, fmt.Errorf("open database %s: %w", abs, err)
		}
		// One writer connection: SQLite allows one writer at a time anyway,
		// and queuing in Go is cheaper than queuing on the file lock.
		db.w.SetMaxOpenConns(1)
		db.w.SetConnMaxIdleTime(0)
		if err := db.prepare(ctx, migs); err != nil {
			db.w.Close()
			return nil, err
		}
	}
	db.r, err = sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", abs, err)
	}
	n := opts.Readers
	if n <= 0 {
		n = max(2, min(runtime.NumCPU(), 8))
	}
	db.r.SetMaxOpenConns(n)
	db.r.SetMaxIdleConns(n)
	if opts.ReadOnly {
		if err := db.checkVersion(ctx, db.r, len(migs), true); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// dsn builds the connection string. Pragmas in the DSN run on every new
// pooled connection, which per-connection settings such as busy_timeout need.
func dsn(path string, readOnly bool) string {
	return dsnWith(path, readOnly, readOnly)
}

// dsnWith builds the connection string; mode=ro opens the file read-only and
// query_only additionally forbids writes anywhere (VACUUM INTO needs it off).
func dsnWith(path string, readOnly, queryOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_time_format", "sqlite")
	if queryOnly {
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", "mmap_size(1073741824)")
	}
	if !readOnly {
		// A larger page cache for the writer keeps a bulk import's pages in
		// memory until commit instead of spilling them to the WAL early.
		q.Add("_pragma", "cache_size(-65536)")
		// Statement journals (written for every INSERT that fires triggers)
		// stay in memory instead of costing a temp-file write per page.
		q.Add("_pragma", "temp_store(MEMORY)")
		// PRAGMA optimize runs ANALYZE with a bounded sample, so keeping
		// the planner's statistics current stays cheap on a large database.
		q.Add("_pragma", "analysis_limit(400)")
		// Take the write lock at BEGIN: a deferred transaction that read first
		// gets SQLITE_BUSY at once when another process wrote meanwhile.
		q.Add("_txlock", "immediate")
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}
	if readOnly {
		u.RawQuery += "&mode=ro"
	}
	return u.String()
}

// prepare checks the file's identity and version, switches it to WAL and
// applies pending migrations. Nothing is written before the checks pass.
func (db *DB) prepare(ctx context.Context, migs []migration) error {
	if err := db.checkVersion(ctx, db.w, len(migs), false); err != nil {
		return err
	}
	var mode string
	if err := db.w.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fmt.Errorf("open database %s: set WAL mode: %w", db.path, translate(err))
	}
	if err := db.migrate(ctx, migs); err != nil {
		return err
	}
	db.optimize(ctx)
	return nil
}

// optimize refreshes the query planner's statistics of every table whose
// size changed a lot since they were taken. Without it, statistics taken
// when memories held one row survived an import of ten thousand, and
// SQLite answered "rowid IN (...)" by scanning the whole table (a search
// read 60 rows in 1.5 ms instead of 0.1). PRAGMA optimize alone only looks
// at tables its own connection queried, which misses a bulk import; 0x10002
// looks at all of them. Best effort: another process may hold the database.
func (db *DB) optimize(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, _ = db.w.ExecContext(ctx, "PRAGMA optimize=0x10002")
}

// checkVersion refuses files that are not sweet's or come from a newer sweet.
func (db *DB) checkVersion(ctx context.Context, c *sql.DB, latest int, needCurrent bool) error {
	var appID, version int
	err := c.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID)
	if err == nil {
		err = c.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	}
	if err != nil {
		err = translate(err)
		if errors.Is(err, ErrCorrupt) {
			return fmt.Errorf("open database %s: %w (restore a backup, or move the file away to start fresh)", db.path, err)
		}
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if appID != 0 && appID != ApplicationID {
		return fmt.Errorf("open database %s: %w (application_id %#x); point --data-dir at another directory", db.path, ErrNotSweet, appID)
	}
	if appID == 0 && version != 0 {
		return fmt.Errorf("open database %s: %w (user_version %d without sweet's application_id); point --data-dir at another directory", db.path, ErrNotSweet, version)
	}
	if version > latest {
		return fmt.Errorf("open database %s: %w: the file is at schema version %d, this sweet knows up to version %d; upgrade sweet (the file was left untouched)", db.path, ErrNewerSchema, version, latest)
	}
	if needCurrent && version < latest {
		return fmt.Errorf("open database %s read-only: schema version %d is older than %d; open it once without --read-only to upgrade it", db.path, version, latest)
	}
	return nil
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// ReadOnly reports whether the database was opened without a writer.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Close checkpoints the WAL (so the file is self-contained at rest) and closes
// every connection.
func (db *DB) Close() error {
	var errs []error
	// The readers go first, so that the writer is this process's last
	// connection: SQLite checkpoints and removes the WAL when the last
	// connection closes, and a query_only reader cannot do that, which would
	// leave the next process to replay the whole WAL at open.
	if db.r != nil {
		db.closeStmts()
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		// Both are best effort: another process may hold the database busy.
		db.optimize(ctx)
		_, _ = db.w.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
		cancel()
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}
