package cli

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"docket/internal/auth"
	"docket/internal/store"
)

// runWith runs the command line with these environment variables.
func runWith(vars map[string]string, args ...string) (code int, stdout, stderr string) {
	return runEnv(Env{Getenv: func(k string) string { return vars[k] }, Web: fstest.MapFS{}}, args...)
}

func TestUserUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"user"}, 2, "docket user add"},
		{[]string{"user", "-h"}, 0, "docket user passwd"},
		{[]string{"user", "rename"}, 2, `unknown command "rename"`},
		{[]string{"user", "add"}, 2, "name one account's LOGIN"},
		{[]string{"user", "add", "-h"}, 0, "-role"},
		{[]string{"user", "add", "a", "b"}, 2, "name one account's LOGIN"},
		{[]string{"user", "add", "no spaces allowed"}, 2, "a username is 2 to 64"},
		{[]string{"user", "list", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"user", "remove", "-bogus", "x"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"user", "list", "-db", "mysql://localhost/docket"}, 1, `unknown kind "mysql"`},
	}
	for _, tt := range tests {
		code, out, errs := runWith(nil, tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("%v: exit %d, output %q; want %d and %q", tt.args, code, out+errs, tt.code, tt.want)
		}
	}
}

// TestUserCommands drives `docket user` through an account's life on a
// SQLite file, checking the database after each step.
func TestUserCommands(t *testing.T) {
	ctx := context.Background()
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "data", "docket.db")
	vars := map[string]string{"DATABASE_URL": dbURL}
	run := func(args ...string) (int, string, string) { return runWith(vars, args...) }
	hasher := auth.NewHasher(auth.DefaultParams, 1)

	if code, out, _ := run("user", "list"); code != 0 || !strings.Contains(out, "no accounts") {
		t.Errorf("list of none: %d %q", code, out)
	}

	// The first account: an admin, with a password made and printed once.
	code, out, errs := run("user", "add", "-name", "Ann Lee", "Ann@Example.org")
	if code != 0 || !strings.Contains(out, "created ann@example.org (admin)") {
		t.Fatalf("add: exit %d, %q %q", code, out, errs)
	}
	m := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no password printed: %q", out)
	}
	db := openStore(t, dbURL)
	ann, err := db.UserByLogin(ctx, "ann@example.org")
	if err != nil || ann.Role != store.RoleAdmin || ann.Name != "Ann Lee" {
		t.Fatalf("ann = %v, %v", ann, err)
	}
	if ok, _, err := hasher.Verify(ctx, m[1], ann.PasswordHash); !ok || err != nil {
		t.Errorf("the printed password does not match the stored hash (%v)", err)
	}

	// The next: an editor; the password from DOCKET_PASSWORD, checked first.
	vars["DOCKET_PASSWORD"] = "short"
	if code, _, errs := run("user", "add", "ed"); code != 1 || !strings.Contains(errs, "DOCKET_PASSWORD: the password needs at least 12 characters") {
		t.Errorf("a short DOCKET_PASSWORD: exit %d, %q", code, errs)
	}
	vars["DOCKET_PASSWORD"] = "a long and fine passphrase"
	if code, out, errs := run("user", "add", "ed"); code != 0 || strings.Contains(out, "password:") || strings.Contains(out+errs, "passphrase") {
		t.Errorf("add ed: exit %d, %q %q", code, out, errs)
	}
	ed, err := db.UserByLogin(ctx, "ed")
	if err != nil || ed.Role != store.RoleEditor {
		t.Fatalf("ed = %v, %v", ed, err)
	}
	if ok, _, _ := hasher.Verify(ctx, "a long and fine passphrase", ed.PasswordHash); !ok {
		t.Error("ed's hash is not of DOCKET_PASSWORD")
	}
	if code, _, errs := run("user", "add", "ed"); code != 1 || !strings.Contains(errs, "account ed: exists already") {
		t.Errorf("add ed twice: exit %d, %q", code, errs)
	}
	if code, _, errs := run("user", "add", "-role", "owner", "zed"); code != 1 || !strings.Contains(errs, `unknown role "owner"`) {
		t.Errorf("-role owner: exit %d, %q", code, errs)
	}

	code, out, _ = run("user", "list")
	if code != 0 || !regexp.MustCompile(`(?m)^ann@example.org\s+Ann Lee\s+admin\s+\S+ \S+ UTC\s+enabled$`).MatchString(out) ||
		!regexp.MustCompile(`(?m)^ed\s+ed\s+editor\s`).MatchString(out) {
		t.Errorf("list:\n%s", out)
	}

	// passwd: a new hash, and the account's sessions end.
	tok := auth.NewSessionToken()
	if _, err := db.CreateSession(ctx, store.NewSession{TokenHash: tok.Hash(), UserID: ed.ID, Expires: ed.Created.AddDate(1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	vars["DOCKET_PASSWORD"] = "another fine passphrase"
	if code, out, errs := run("user", "passwd", "ED"); code != 0 || !strings.Contains(out, "sessions have ended") {
		t.Errorf("passwd: exit %d, %q %q", code, out, errs)
	}
	if ed2, _ := db.User(ctx, ed.ID); ed2.PasswordHash == ed.PasswordHash {
		t.Error("passwd kept the old hash")
	}
	if _, err := db.Session(ctx, tok.Hash()); err == nil {
		t.Error("a session survived passwd")
	}
	if code, _, errs := run("user", "passwd", "nobody"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("passwd nobody: exit %d, %q", code, errs)
	}

	// remove: never the last admin.
	if code, _, errs := run("user", "remove", "ann@example.org"); code != 1 || !strings.Contains(errs, "no enabled admin would be left") {
		t.Errorf("removing the last admin: exit %d, %q", code, errs)
	}
	if code, out, _ := run("user", "remove", "ed"); code != 0 || !strings.Contains(out, "removed ed") {
		t.Errorf("remove ed: exit %d, %q", code, out)
	}
	if n, _ := db.CountUsers(ctx); n != 1 {
		t.Errorf("%d accounts left; want 1", n)
	}

	// -db wins over DATABASE_URL.
	other := "sqlite:" + filepath.Join(t.TempDir(), "other.db")
	if code, out, _ := run("user", "list", "-db", other); code != 0 || !strings.Contains(out, "no accounts in sqlite:") {
		t.Errorf("list -db other: exit %d, %q", code, out)
	}
}

func openStore(t *testing.T, u string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
