package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestUsers(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		newClock(db)
		if n, err := db.CountUsers(ctx); err != nil || n != 0 {
			t.Fatalf("CountUsers on a new database = %d, %v", n, err)
		}
		root := addUser(t, db, "root@example.org", RoleAdmin)
		ed := addUser(t, db, "ed", RoleEditor)
		if root.ID == 0 || root.Name != "ROOT@EXAMPLE.ORG" || root.Role != RoleAdmin || root.Created.IsZero() || root.Disabled {
			t.Errorf("created %#v", root)
		}
		if _, err := db.CreateUser(ctx, NewUser{Login: "ed", Name: "Other Ed", Role: RoleEditor, PasswordHash: "h"}, root.ID); !errors.Is(err, ErrExists) {
			t.Errorf("a second ed: %v; want ErrExists", err)
		}
		if _, err := db.CreateUser(ctx, NewUser{Login: "x", Role: "owner", PasswordHash: "h"}, root.ID); err == nil || !strings.Contains(err.Error(), `unknown role "owner"`) {
			t.Errorf("role owner: %v", err)
		}
		if _, err := db.CreateUser(ctx, NewUser{Login: "x", Role: RoleEditor}, root.ID); err == nil {
			t.Error("an account without a password hash was created")
		}
		if got, err := db.UserByLogin(ctx, "ed"); err != nil || got.ID != ed.ID || got.PasswordHash != "$argon2id$placeholder-ed" {
			t.Errorf("UserByLogin(ed) = %#v, %v", got, err)
		}
		if _, err := db.User(ctx, 999); !errors.Is(err, ErrNotFound) {
			t.Errorf("User(999): %v", err)
		}
		list, err := db.Users(ctx)
		if err != nil || len(list) != 2 || list[0].Login != "ed" || list[1].Login != "root@example.org" {
			t.Errorf("Users = %v, %v", list, err)
		}

		// Changes: name, role; the last enabled admin stays.
		name, admin, editor, yes := "Edward", RoleAdmin, RoleEditor, true
		if got, err := db.ChangeUser(ctx, ed.ID, UserChange{Name: &name, Role: &admin}, root.ID); err != nil || got.Name != "Edward" || got.Role != RoleAdmin {
			t.Errorf("ChangeUser = %v, %v", got, err)
		}
		if _, err := db.ChangeUser(ctx, ed.ID, UserChange{Role: &editor}, root.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ChangeUser(ctx, root.ID, UserChange{Role: &editor}, root.ID); !errors.Is(err, ErrLastAdmin) {
			t.Errorf("demoting the last admin: %v; want ErrLastAdmin", err)
		}
		if _, err := db.ChangeUser(ctx, root.ID, UserChange{Disabled: &yes}, root.ID); !errors.Is(err, ErrLastAdmin) {
			t.Errorf("disabling the last admin: %v; want ErrLastAdmin", err)
		}
		if err := db.RemoveUser(ctx, root.ID, CommandLine); !errors.Is(err, ErrLastAdmin) {
			t.Errorf("removing the last admin: %v; want ErrLastAdmin", err)
		}

		// Disabling ends sessions, refuses new ones, and stops the account acting.
		hash := tokenHash("ed's token")
		if _, err := db.CreateSession(ctx, NewSession{TokenHash: hash, UserID: ed.ID, Expires: db.now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if got, err := db.ChangeUser(ctx, ed.ID, UserChange{Disabled: &yes}, root.ID); err != nil || !got.Disabled || got.DisabledAt.IsZero() {
			t.Errorf("disable: %v, %v", got, err)
		}
		if _, err := db.Session(ctx, hash); !errors.Is(err, ErrNotFound) {
			t.Errorf("a disabled account's session: %v; want ErrNotFound", err)
		}
		if _, err := db.CreateSession(ctx, NewSession{TokenHash: tokenHash("new"), UserID: ed.ID, Expires: db.now().Add(time.Hour)}); !errors.Is(err, ErrDisabled) {
			t.Errorf("a session for a disabled account: %v; want ErrDisabled", err)
		}
		if _, err := db.CreateCase(ctx, "by-ed", caseJSON("by-ed", "", 1), ed.ID); !errors.Is(err, ErrDisabled) {
			t.Errorf("a disabled account created a case: %v", err)
		}
		no := false
		if _, err := db.ChangeUser(ctx, ed.ID, UserChange{Disabled: &no}, root.ID); err != nil {
			t.Fatal(err)
		}

		// A new password ends the account's sessions.
		if _, err := db.CreateSession(ctx, NewSession{TokenHash: hash, UserID: ed.ID, Expires: db.now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetPassword(ctx, ed.ID, "$argon2id$new", ed.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.User(ctx, ed.ID); got.PasswordHash != "$argon2id$new" {
			t.Errorf("hash after SetPassword = %q", got.PasswordHash)
		}
		if _, err := db.Session(ctx, hash); !errors.Is(err, ErrNotFound) {
			t.Errorf("a session survived a new password: %v", err)
		}
		// A rehash at login replaces only the hash it was computed from.
		if err := db.RehashPassword(ctx, ed.ID, "$argon2id$stale", "$argon2id$rehashed"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.User(ctx, ed.ID); got.PasswordHash != "$argon2id$new" {
			t.Errorf("a rehash from a stale hash replaced it: %q", got.PasswordHash)
		}
		if err := db.RehashPassword(ctx, ed.ID, "$argon2id$new", "$argon2id$rehashed"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.User(ctx, ed.ID); got.PasswordHash != "$argon2id$rehashed" {
			t.Errorf("hash after RehashPassword = %q", got.PasswordHash)
		}

		// Removing an account keeps what it did, under its login.
		if _, err := db.CreateCase(ctx, "by-ed", caseJSON("by-ed", "", 1), ed.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Publish(ctx, PublishRequest{CaseID: "by-ed", Revision: 1, By: ed.ID}); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveUser(ctx, ed.ID, root.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.User(ctx, ed.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("removed account: %v", err)
		}
		if v, err := db.Version(ctx, "by-ed", 1); err != nil || v.PublishedBy != (Actor{0, "ed"}) {
			t.Errorf("a removed account's version = %+v, %v; want published by ed, id 0", v.PublishedBy, err)
		}
		if d, _ := db.Draft(ctx, "by-ed"); d.SavedBy != (Actor{0, "ed"}) {
			t.Errorf("a removed account's draft saved by %+v", d.SavedBy)
		}
		if err := db.RemoveUser(ctx, ed.ID, root.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("removing twice: %v", err)
		}

		entries, err := db.Audit(ctx, AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			if e.CaseID == "" {
				got = append(got, fmt.Sprintf("%s %s %s %s", e.Actor.Login, e.Action, e.Subject, e.Note))
			}
		}
		want := []string{
			"root@example.org user.remove ed ",
			"ed user.password ed ",
			"root@example.org user.change ed role editor",
			"root@example.org user.change ed role editor, disabled",
			"root@example.org user.change ed role editor",
			"root@example.org user.change ed role admin",
			" user.add ed editor",
			" user.add root@example.org admin",
		}
		if !slices.Equal(got, want) {
			t.Errorf("account audit:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		page, err := db.Audit(ctx, AuditFilter{Limit: 2})
		if err != nil || len(page) != 2 {
			t.Fatalf("a page of 2: %v, %v", page, err)
		}
		next, err := db.Audit(ctx, AuditFilter{Limit: 2, Before: page[1].ID})
		if err != nil || len(next) != 2 || next[0].ID >= page[1].ID {
			t.Errorf("the next page = %v, %v", next, err)
		}
	})
}

// TestLastAdminUnderConcurrency checks that two admins removing each other
// at the same moment cannot leave the site with no admin.
func TestLastAdminUnderConcurrency(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		other := openDB(t, u)
		a := addUser(t, db, "a", RoleAdmin)
		b := addUser(t, db, "b", RoleAdmin)
		errs := make(chan error, 2)
		go func() { errs <- db.RemoveUser(ctx, a.ID, CommandLine) }()
		go func() { errs <- other.RemoveUser(ctx, b.ID, CommandLine) }()
		e1, e2 := <-errs, <-errs
		refused := 0
		for _, err := range []error{e1, e2} {
			switch {
			case errors.Is(err, ErrLastAdmin):
				refused++
			case err != nil:
				t.Errorf("RemoveUser: %v", err)
			}
		}
		if refused != 1 {
			t.Errorf("%d of two removals were refused (%v, %v); want exactly one", refused, e1, e2)
		}
		if list, _ := db.Users(ctx); len(list) != 1 || list[0].Role != RoleAdmin {
			t.Errorf("left: %v", list)
		}
	})
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func TestSessions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		clock := newClock(db)
		ann := addUser(t, db, "ann", RoleEditor)
		bob := addUser(t, db, "bob", RoleAdmin)
		if _, err := db.CreateSession(ctx, NewSession{TokenHash: []byte("the raw token"), UserID: ann.ID, Expires: clock.now().Add(time.Hour)}); err == nil {
			t.Error("a session was stored by something other than a sha256")
		}
		if _, err := db.CreateSession(ctx, NewSession{TokenHash: tokenHash("x"), UserID: 999, Expires: clock.now().Add(time.Hour)}); !errors.Is(err, ErrNotFound) {
			t.Errorf("a session for no account: %v", err)
		}

		first := tokenHash("first")
		s, err := db.CreateSession(ctx, NewSession{TokenHash: first, UserID: ann.ID, Expires: clock.now().Add(8 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Session(ctx, first)
		if err != nil || got.User.Login != "ann" || got.User.PasswordHash != "" || !got.Expires.Equal(s.Expires) || !got.Created.Equal(clock.now().Truncate(time.Microsecond)) {
			t.Errorf("Session = %#v, %v", got, err)
		}
		if _, err := db.Session(ctx, tokenHash("guess")); !errors.Is(err, ErrNotFound) {
			t.Errorf("an unknown token: %v", err)
		}

		// Last seen is written at most once a minute.
		clock.advance(30 * time.Second)
		if got, _ := db.Session(ctx, first); !got.LastSeen.Equal(s.Created) {
			t.Errorf("last seen moved after 30 s: %v", got.LastSeen)
		}
		clock.advance(31 * time.Second)
		db.Session(ctx, first)
		if got, _ := db.Session(ctx, first); !got.LastSeen.Equal(clock.now().Truncate(time.Microsecond)) {
			t.Errorf("last seen %v after 61 s; want %v", got.LastSeen, clock.now())
		}

		// Logging in again rotates: the old session ends with the new one's start.
		second := tokenHash("second")
		if _, err := db.CreateSession(ctx, NewSession{TokenHash: second, UserID: ann.ID, Expires: clock.now().Add(8 * time.Hour), Replaces: first}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Session(ctx, first); !errors.Is(err, ErrNotFound) {
			t.Errorf("the replaced session still works: %v", err)
		}

		// Expiry.
		short := tokenHash("short")
		if _, err := db.CreateSession(ctx, NewSession{TokenHash: short, UserID: bob.ID, Expires: clock.now().Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		clock.advance(time.Minute)
		if _, err := db.Session(ctx, short); !errors.Is(err, ErrNotFound) {
			t.Errorf("an expired session: %v", err)
		}
		if n, err := db.DeleteExpiredSessions(ctx); err != nil || n != 1 {
			t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
		}
		if _, err := db.Session(ctx, second); err != nil {
			t.Errorf("a live session was cleaned up: %v", err)
		}

		// Revoking one, and all of an account's.
		for _, tok := range []string{"phone", "laptop"} {
			if _, err := db.CreateSession(ctx, NewSession{TokenHash: tokenHash(tok), UserID: bob.ID, Expires: clock.now().Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.RevokeSession(ctx, second); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Session(ctx, second); !errors.Is(err, ErrNotFound) {
			t.Errorf("a revoked session: %v", err)
		}
		if err := db.RevokeSession(ctx, second); err != nil {
			t.Errorf("revoking twice: %v", err)
		}
		if n, err := db.RevokeSessions(ctx, bob.ID); err != nil || n != 2 {
			t.Errorf("RevokeSessions = %d, %v; want 2", n, err)
		}
		if _, err := db.Session(ctx, tokenHash("laptop")); !errors.Is(err, ErrNotFound) {
			t.Errorf("a session survived RevokeSessions: %v", err)
		}
	})
}

// TestSecretsAreNotPrinted checks that formatting or logging an account or a
// session never shows a password hash or a token hash.
func TestSecretsAreNotPrinted(t *testing.T) {
	u := User{ID: 3, Login: "ann", Role: RoleAdmin, PasswordHash: "$argon2id$v=19$m=65536,t=2,p=2$SECRETSALT$SECRETHASH"}
	s := Session{TokenHash: []byte("SECRETTOKENHASH"), User: u, Expires: time.Now()}
	nu := NewUser{Login: "ann", PasswordHash: u.PasswordHash}
	ns := NewSession{TokenHash: s.TokenHash, UserID: 3}
	var logged bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logged, nil))
	log.Info("login", "user", u, "session", s, "new", nu)
	text := logged.String()
	for _, v := range []any{u, s, nu, ns} {
		text += fmt.Sprintf("%v %+v %#v %s", v, v, v, v)
	}
	for _, secret := range []string{"SECRET", fmt.Sprint(s.TokenHash), fmt.Sprintf("%x", s.TokenHash)} {
		if strings.Contains(text, secret) {
			t.Errorf("a secret (%s) was printed: %s", secret, text)
		}
	}
	if !strings.Contains(text, "ann") {
		t.Errorf("the login is missing, so the check looked at nothing: %s", text)
	}
}

// TestCreateFirstAdmin checks the setup link's store side: with no
// account, one admin is made; two made at once (two servers, one
// database) give one admin and one ErrHasAccounts; with any account,
// nothing is made.
func TestCreateFirstAdmin(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		dbs := []*DB{db, openDB(t, u)}
		var wg sync.WaitGroup
		errs := make([]error, 6)
		start := make(chan struct{})
		for i := range errs {
			wg.Go(func() {
				<-start
				_, errs[i] = dbs[i%2].CreateFirstAdmin(ctx, NewUser{Login: fmt.Sprint("first", i), Name: "First", Role: RoleEditor, PasswordHash: "$argon2id$placeholder"})
			})
		}
		close(start)
		wg.Wait()
		made := 0
		for i, err := range errs {
			switch {
			case err == nil:
				made++
			case !errors.Is(err, ErrHasAccounts):
				t.Errorf("first admin %d: %v; want nil or ErrHasAccounts", i, err)
			}
		}
		users, err := db.Users(ctx)
		if made != 1 || err != nil || len(users) != 1 || users[0].Role != RoleAdmin {
			t.Errorf("%d first admins made; accounts %v, %v; want one admin", made, users, err)
		}
		if _, err := db.CreateFirstAdmin(ctx, NewUser{Login: "late", Name: "Late", PasswordHash: "$argon2id$x"}); !errors.Is(err, ErrHasAccounts) {
			t.Errorf("a first admin after the first: %v; want ErrHasAccounts", err)
		}
	})
}
