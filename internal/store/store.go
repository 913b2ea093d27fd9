// Package store keeps Docket's cases, their drafts and published versions,
// editor accounts, sessions and an audit log in a database: SQLite (the
// default, one file, for one server) or PostgreSQL (for several servers).
//
// DB is one type for both: every statement is written once, in the SQL the
// two share, with $1-style parameters (never values spliced into SQL). What
// differs between the two (how to open, how a write transaction begins, which
// errors are worth a retry, the schema files) is in a dialect. Migrations are
// embedded and applied by goose when the database is opened.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"modernc.org/sqlite"
)

// DefaultURL is the database `docket serve` uses when given none: a SQLite
// file in ./docket-data, created at the first start.
const DefaultURL = "sqlite:docket-data/docket.db"

// DB is Docket's database. Its methods are safe for concurrent use.
type DB struct {
	read    *sql.DB // queries; for SQLite, a pool of read-only connections
	write   *sql.DB // transactions that write; for SQLite, one connection
	dialect dialect
	where   string // the database, for messages (a PostgreSQL password left out)
	schema  int64  // the schema version after migrating

	// now is the clock; tests may replace it.
	now func() time.Time
}

// dialect is what differs between SQLite and PostgreSQL.
type dialect struct {
	name string // "sqlite" or "postgres": the folder of its migrations
	// retryable reports whether a transaction that failed with err may
	// succeed when run again (a serialization failure or a deadlock).
	retryable func(err error) bool
	// snapshot is how to begin a read transaction that sees one consistent
	// state across several statements.
	snapshot *sql.TxOptions
}

// Open opens the database that dbURL names and brings its schema up to date:
//
//	sqlite:PATH or a bare PATH    a SQLite file, created with its folder if missing
//	postgres://... (postgresql://) a PostgreSQL database, as pgx reads the URL
//
// It refuses a database whose schema is newer than this binary knows.
func Open(ctx context.Context, dbURL string) (*DB, error) {
	kind, target, err := ParseURL(dbURL)
	if err != nil {
		return nil, err
	}
	var db *DB
	switch kind {
	case "sqlite":
		db, err = openSQLite(target)
	case "postgres":
		db, err = openPostgres(target)
	}
	if err != nil {
		return nil, err
	}
	db.now = func() time.Time { return time.Now() }
	if err := db.read.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", db.where, err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", db.where, err)
	}
	return db, nil
}

var scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]+:`)

// ParseURL reads a database URL: it returns "sqlite" and a file path, or
// "postgres" and the URL, or an error that says what is wrong with it.
func ParseURL(dbURL string) (kind, target string, err error) {
	switch {
	case strings.TrimSpace(dbURL) == "":
		return "", "", errors.New("no database URL: give sqlite:PATH or postgres://USER@HOST/DB")
	case strings.HasPrefix(dbURL, "sqlite:"):
		return sqlitePath(dbURL, strings.TrimPrefix(strings.TrimPrefix(dbURL, "sqlite:"), "//"))
	case strings.HasPrefix(dbURL, "postgres://"), strings.HasPrefix(dbURL, "postgresql://"):
		u, err := url.Parse(dbURL)
		if err != nil {
			return "", "", fmt.Errorf("database URL: %v", redactErr(err, dbURL))
		}
		if strings.Trim(u.Path, "/") == "" && u.Query().Get("dbname") == "" {
			return "", "", fmt.Errorf("database URL %s names no database: add /DBNAME", u.Redacted())
		}
		return "postgres", dbURL, nil
	case scheme.MatchString(dbURL):
		s, _, _ := strings.Cut(dbURL, ":")
		return "", "", fmt.Errorf("database URL %q: unknown kind %q: use sqlite:PATH or postgres://USER@HOST/DB", redactURL(dbURL), s)
	}
	return sqlitePath(dbURL, dbURL)
}

func sqlitePath(dbURL, path string) (string, string, error) {
	switch {
	case path == "":
		return "", "", fmt.Errorf("database URL %q names no file: use sqlite:PATH", dbURL)
	case strings.ContainsAny(path, "?#"):
		return "", "", fmt.Errorf("database URL %q: a SQLite file name with ? or # is not supported", dbURL)
	}
	return "sqlite", filepath.Clean(path), nil
}

// redactURL leaves the password out of a URL for a message.
func redactURL(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	return "(unreadable URL)"
}

// redactErr is err with every copy of the URL in its text replaced by a
// copy without the password.
func redactErr(err error, dbURL string) string {
	return strings.ReplaceAll(err.Error(), dbURL, redactURL(dbURL))
}

// sqliteDSN is the modernc.org/sqlite data source for a file. Every
// connection gets WAL (readers never wait for the writer), synchronous=FULL
// (a commit is on disk before it returns), a 10 s busy timeout, foreign keys,
// and times written in SQLite's own format, in UTC.
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{
		"_pragma": {
			"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(ON)",
		},
		"_time_format": {"sqlite"},
		// Write transactions take the write lock at BEGIN, so two writers
		// queue at the start (busy_timeout) instead of one failing with
		// SQLITE_BUSY when it upgrades a read lock.
		"_txlock": {"immediate"},
	}
	if readOnly {
		q["_pragma"] = append(q["_pragma"], "query_only(ON)")
	}
	// A plain path (not a file: URI), so no character in it is decoded.
	return path + "?" + q.Encode()
}

func openSQLite(path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("database folder: %w", err)
		}
	}
	// The file holds password hashes: readable by its owner only. SQLite
	// gives its -wal and -shm files the same permissions.
	if f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600); err == nil {
		f.Close()
	} else if !errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("database file: %w", err)
	}
	write, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, err
	}
	// One connection writes: this process's writers queue in Go, and
	// BEGIN IMMEDIATE with busy_timeout orders them with other processes.
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	read, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return &DB{read: read, write: write, where: "sqlite:" + path, dialect: dialect{
		name:      "sqlite",
		retryable: sqliteBusy,
		// A read transaction in WAL mode sees one snapshot.
		snapshot: &sql.TxOptions{ReadOnly: true},
	}}, nil
}

// sqliteBusy reports SQLITE_BUSY and SQLITE_LOCKED, which busy_timeout
// makes rare but cannot rule out (a lock held longer than the timeout).
func sqliteBusy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	const busy, locked = 5, 6 // SQLITE_BUSY, SQLITE_LOCKED (primary codes)
	code := e.Code() & 0xff
	return code == busy || code == locked
}

func openPostgres(dbURL string) (*DB, error) {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return nil, fmt.Errorf("database %s: %v", redactURL(dbURL), redactErr(err, dbURL))
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{read: db, write: db, where: redactURL(dbURL), dialect: dialect{
		name:      "postgres",
		retryable: postgresRetryable,
		snapshot:  &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
	}}, nil
}

// postgresRetryable reports a serialization failure or a deadlock: the
// transaction was rolled back and may be run again.
func postgresRetryable(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && (e.Code == "40001" || e.Code == "40P01")
}

// Close closes the database's connections.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// String names the database, without a password.
func (db *DB) String() string { return db.where }

// Kind is "sqlite" or "postgres".
func (db *DB) Kind() string { return db.dialect.name }

// SchemaVersion is the version of the schema, after migrating.
func (db *DB) SchemaVersion() int64 { return db.schema }

// Transact runs fn in a transaction that may write, and commits it when fn
// returns nil. When the database rolls the transaction back because of a
// conflict with another (a serialization failure, a deadlock, a lock held
// too long), Transact runs fn again, a few times at most; fn must have no
// effect outside the transaction.
func (db *DB) Transact(ctx context.Context, fn func(*sql.Tx) error) error {
	const attempts = 5
	var err error
	for i := range attempts {
		err = db.transactOnce(ctx, nil, fn)
		if err == nil || !db.dialect.retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(i+1) * 20 * time.Millisecond):
		}
	}
	return fmt.Errorf("gave up after %d attempts: %w", attempts, err)
}

// snapshot runs fn in a read-only transaction that sees one state of the
// database across all its statements.
func (db *DB) snapshot(ctx context.Context, fn func(*sql.Tx) error) error {
	return db.transactOnceOn(ctx, db.read, db.dialect.snapshot, fn)
}

func (db *DB) transactOnce(ctx context.Context, opts *sql.TxOptions, fn func(*sql.Tx) error) error {
	return db.transactOnceOn(ctx, db.write, opts, fn)
}

func (db *DB) transactOnceOn(ctx context.Context, on *sql.DB, opts *sql.TxOptions, fn func(*sql.Tx) error) (err error) {
	tx, err := on.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// timestamp is t as stored: UTC, to the microsecond (PostgreSQL's
// precision), so a time read back equals the time written on both databases.
func timestamp(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// nowUTC is the clock's time as stored.
func (db *DB) nowUTC() time.Time { return timestamp(db.now()) }
