package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		in, kind, target, err string
	}{
		{in: "sqlite:docket-data/docket.db", kind: "sqlite", target: "docket-data/docket.db"},
		{in: "sqlite:///var/lib/docket/docket.db", kind: "sqlite", target: "/var/lib/docket/docket.db"},
		{in: "sqlite://./x.db", kind: "sqlite", target: "x.db"},
		{in: "data/docket.db", kind: "sqlite", target: "data/docket.db"},
		{in: "/abs/docket.db", kind: "sqlite", target: "/abs/docket.db"},
		{in: "postgres://docket@db.example.org/docket", kind: "postgres", target: "postgres://docket@db.example.org/docket"},
		{in: "postgresql://docket:pw@localhost:5432/docket?sslmode=disable", kind: "postgres", target: "postgresql://docket:pw@localhost:5432/docket?sslmode=disable"},
		{in: "", err: "no database URL"},
		{in: "sqlite:", err: "names no file"},
		{in: "sqlite:x.db?mode=ro", err: "with ? or # is not supported"},
		{in: "mysql://root@localhost/docket", err: `unknown kind "mysql"`},
		{in: "postgres://docket:secret@localhost", err: "names no database"},
	}
	for _, tt := range tests {
		kind, target, err := ParseURL(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseURL(%q) error = %v; want one containing %q", tt.in, err, tt.err)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("ParseURL(%q) error shows the password: %v", tt.in, err)
			}
			continue
		}
		if err != nil || kind != tt.kind || target != tt.target {
			t.Errorf("ParseURL(%q) = %q, %q, %v; want %q, %q", tt.in, kind, target, err, tt.kind, tt.target)
		}
	}
}

// TestOpenErrors checks that a database that cannot be reached is a clear
// error that does not show the password.
func TestOpenErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := Open(ctx, "postgres://docket:hunter2secret@127.0.0.1:1/docket?connect_timeout=5")
	if err == nil {
		t.Fatal("Open of a PostgreSQL that is not there succeeded")
	}
	if strings.Contains(err.Error(), "hunter2secret") || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("error = %v; want one naming the host, without the password", err)
	}
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := writeFile(blocker, "not a folder"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, "sqlite:"+filepath.Join(blocker, "docket.db")); err == nil || !strings.Contains(err.Error(), "database folder") {
		t.Errorf("Open under a file: %v; want a database folder error", err)
	}
}

// TestSQLiteFiles checks that a new SQLite database is made with its folder,
// and that only its owner may read it: it holds password hashes.
func TestSQLiteFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "folder", "docket.db")
	db := openDB(t, path) // a bare path
	if db.Kind() != "sqlite" || db.String() != "sqlite:"+path {
		t.Errorf("Open(%s) = %s %s", path, db.Kind(), db)
	}
	addUser(t, db, "ann", RoleAdmin)
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v; want 0600", filepath.Base(f), info.Mode().Perm())
		}
	}
	if info, _ := os.Stat(filepath.Dir(path)); info.Mode().Perm() != 0o700 {
		t.Errorf("the folder has mode %v; want 0700", info.Mode().Perm())
	}
}

func TestMigrations(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		if db.SchemaVersion() != 2 {
			t.Errorf("schema version %d; want 2", db.SchemaVersion())
		}
		// Opening again applies nothing and changes nothing.
		db2 := openDB(t, u)
		if db2.SchemaVersion() != db.SchemaVersion() {
			t.Errorf("reopened at version %d; want %d", db2.SchemaVersion(), db.SchemaVersion())
		}
		raw := rawDB(t, u)
		var rows int
		if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM goose_db_version`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if rows != 3 { // version 0 (goose's own), 1 and 2
			t.Errorf("goose_db_version has %d rows after two opens; want 3", rows)
		}
	})
}

// TestNewerSchemaIsRefused checks that a database migrated by a newer Docket
// is refused with a clear message and left as it is.
func TestNewerSchemaIsRefused(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		if _, err := db.CreateCase(ctx, "kept", caseJSON("kept", "Kept", 1), CommandLine); err != nil {
			t.Fatal(err)
		}
		db.Close()
		raw := rawDB(t, u)
		if _, err := raw.ExecContext(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES ($1, $2)`, 7, true); err != nil {
			t.Fatal(err)
		}
		// A newer Docket's table, which an older one must not touch.
		if _, err := raw.ExecContext(ctx, `CREATE TABLE from_the_future (x INTEGER)`); err != nil {
			t.Fatal(err)
		}
		before := schemaDump(t, raw)

		_, err := Open(ctx, u)
		var newer *NewerSchemaError
		if !errors.As(err, &newer) || newer.Database != 7 || newer.Known != 2 {
			t.Fatalf("Open of a newer database: %v; want a NewerSchemaError 7 > 2", err)
		}
		want := "the database was migrated by a newer Docket (version 7; this binary knows up to 2)"
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
		if after := schemaDump(t, raw); after != before {
			t.Errorf("the refused database changed:\nbefore %s\nafter  %s", before, after)
		}
	})
}

// schemaDump lists the tables, goose's records and the cases, to compare.
func schemaDump(t *testing.T, raw *sql.DB) string {
	t.Helper()
	ctx := context.Background()
	tables := `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`
	if _, err := raw.ExecContext(ctx, `SELECT 1 FROM sqlite_master`); err == nil {
		tables = `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1`
	}
	var b strings.Builder
	for _, q := range []string{tables, `SELECT version_id FROM goose_db_version ORDER BY id`, `SELECT id FROM cases ORDER BY id`} {
		rows, err := raw.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			b.WriteString(s + " ")
		}
		rows.Close()
		b.WriteString("| ")
	}
	return b.String()
}

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o600) }
