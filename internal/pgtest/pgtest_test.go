package pgtest

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(Run(m)) }

// TestDatabase checks that each test gets its own empty database on a
// server that really answers.
func TestDatabase(t *testing.T) {
	a, b := Database(t), Database(t)
	if a == b {
		t.Fatalf("two databases share the URL %s", a)
	}
	t.Logf("PostgreSQL started in %v", Shared(t).Started)
	ctx := context.Background()
	for _, u := range []string{a, b} {
		db, err := sql.Open("pgx", u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var version string
		if err := db.QueryRowContext(ctx, "SELECT version()").Scan(&version); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if !strings.HasPrefix(version, "PostgreSQL ") {
			t.Errorf("version() = %q", version)
		}
		var tables int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").Scan(&tables); err != nil {
			t.Fatal(err)
		}
		if tables != 0 {
			t.Errorf("%s: a new database has %d tables", u, tables)
		}
	}
	// A table made in one database is not in the other.
	da, _ := sql.Open("pgx", a)
	defer da.Close()
	if _, err := da.ExecContext(ctx, "CREATE TABLE only_in_a (x int)"); err != nil {
		t.Fatal(err)
	}
	db2, _ := sql.Open("pgx", b)
	defer db2.Close()
	if _, err := db2.ExecContext(ctx, "SELECT * FROM only_in_a"); err == nil {
		t.Error("a table made in one test's database is visible in another's")
	}
}
