package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"docket/internal/pgtest"
)

func TestMain(m *testing.M) {
	if u := os.Getenv(crashChildEnv); u != "" {
		os.Exit(crashChild(u))
	}
	os.Exit(pgtest.Run(m))
}

// backends are the databases every test of the store runs against, each
// test with a new, empty database.
var backends = []struct {
	name string
	url  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "docket.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.Database(t) }},
}

// forEachBackend runs test once per backend, each with a new database.
func forEachBackend(t *testing.T, test func(t *testing.T, db *DB, url string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			u := b.url(t)
			test(t, openDB(t, u), u)
		})
	}
}

// openDB opens a database, closed when the test ends.
func openDB(t *testing.T, u string) *DB {
	t.Helper()
	db, err := Open(context.Background(), u)
	if err != nil {
		t.Fatalf("Open(%s): %v", u, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// rawDB opens the database behind a store URL with its driver alone, to
// look at or tamper with it as another program would.
func rawDB(t *testing.T, u string) *sql.DB {
	t.Helper()
	kind, target, err := ParseURL(u)
	if err != nil {
		t.Fatal(err)
	}
	driver := map[string]string{"sqlite": "sqlite", "postgres": "pgx"}[kind]
	db, err := sql.Open(driver, target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// clock is a settable time for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(db *DB) *clock {
	c := &clock{t: time.Date(2026, 12, 1, 9, 30, 0, 123456000, time.UTC)}
	db.now = c.now
	return c
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// caseJSON is a small case document with a title and a marker.
func caseJSON(id, title string, marker int) []byte {
	return fmt.Appendf(nil, `{"id": %q, "title": %q, "marker": %d}`, id, title, marker)
}

// addUser creates an account with a placeholder hash.
func addUser(t *testing.T, db *DB, login string, role Role) User {
	t.Helper()
	u, err := db.CreateUser(context.Background(), NewUser{Login: login, Name: strings.ToUpper(login), Role: role, PasswordHash: "$argon2id$placeholder-" + login}, CommandLine)
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", login, err)
	}
	return u
}
