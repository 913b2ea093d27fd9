package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCaseLifecycle follows one case through create, save, a stale save,
// publish, an invalid publish, edit, unpublish, publish again and roll
// back, checking the draft, the versions, what readers see and the change
// token at each step.
func TestCaseLifecycle(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		clock := newClock(db)
		ann := addUser(t, db, "ann", RoleEditor)
		bob := addUser(t, db, "bob", RoleAdmin)
		token := func() int64 {
			t.Helper()
			tok, err := db.ChangeToken(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return tok
		}

		d, err := db.CreateCase(ctx, "demo", caseJSON("demo", "Demo v. Example", 1), ann.ID)
		if err != nil {
			t.Fatal(err)
		}
		created := clock.now().Truncate(time.Microsecond)
		if d.Revision != 1 || d.State != StateDraft || d.Title != "Demo v. Example" || d.SavedBy != (Actor{ann.ID, "ann"}) || !d.SavedAt.Equal(created) || d.SavedAt.Location() != time.UTC {
			t.Errorf("new draft = %+v", d)
		}
		if _, err := db.CreateCase(ctx, "demo", caseJSON("demo", "Again", 1), ann.ID); !errors.Is(err, ErrExists) {
			t.Errorf("creating demo twice: %v; want ErrExists", err)
		}
		if _, err := db.Draft(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Draft(nope): %v; want ErrNotFound", err)
		}

		// Save, then a stale save: refused, with the current draft.
		clock.advance(time.Minute)
		d, err = db.SaveDraft(ctx, "demo", 1, caseJSON("demo", "Demo v. Example", 2), bob.ID)
		if err != nil || d.Revision != 2 || d.SavedBy.Login != "bob" {
			t.Fatalf("save: %+v, %v", d, err)
		}
		_, err = db.SaveDraft(ctx, "demo", 1, caseJSON("demo", "Ann's stale edit", 3), ann.ID)
		var conflict *ConflictError
		if !errors.As(err, &conflict) || !errors.Is(err, ErrConflict) {
			t.Fatalf("stale save: %v; want a ConflictError", err)
		}
		if conflict.Base != 1 || conflict.Current.Revision != 2 || !bytes.Equal(conflict.Current.JSON, caseJSON("demo", "Demo v. Example", 2)) || conflict.Current.SavedBy.Login != "bob" {
			t.Errorf("conflict = %+v", conflict)
		}
		if !strings.Contains(err.Error(), "based on revision 1, but it is at revision 2 (saved by bob") {
			t.Errorf("conflict message: %v", err)
		}
		if _, err := db.SaveDraft(ctx, "nope", 1, caseJSON("nope", "", 1), ann.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("save of an unknown case: %v; want ErrNotFound", err)
		}
		if got, _ := db.Draft(ctx, "demo"); got.Revision != 2 {
			t.Errorf("a refused save changed the draft: revision %d", got.Revision)
		}
		if token() != 0 {
			t.Errorf("saves moved the change token")
		}

		// Publish: the validator's error comes back as it is, and nothing
		// is published; a stale revision is a conflict.
		invalid := errors.New("events[0].date: not a date")
		if _, err := db.Publish(ctx, PublishRequest{CaseID: "demo", Revision: 2, By: ann.ID, Validate: func([]byte) error { return invalid }}); err != invalid {
			t.Errorf("invalid publish: %v; want the validator's error", err)
		}
		if _, err := db.Publish(ctx, PublishRequest{CaseID: "demo", Revision: 1, By: ann.ID}); !errors.Is(err, ErrConflict) {
			t.Errorf("publishing a stale revision: %v; want ErrConflict", err)
		}
		if _, err := db.PublishedCase(ctx, "demo"); !errors.Is(err, ErrNotFound) {
			t.Errorf("before publishing, PublishedCase: %v; want ErrNotFound", err)
		}
		clock.advance(time.Minute)
		var validated []byte
		v1, err := db.Publish(ctx, PublishRequest{CaseID: "demo", Revision: 2, By: ann.ID, Note: "first",
			Validate: func(b []byte) error { validated = b; return nil }})
		if err != nil {
			t.Fatal(err)
		}
		if v1.Number != 1 || !bytes.Equal(v1.JSON, caseJSON("demo", "Demo v. Example", 2)) || !bytes.Equal(validated, v1.JSON) || v1.PublishedBy.Login != "ann" || v1.Note != "first" {
			t.Errorf("version 1 = %+v", v1)
		}
		if d, _ := db.Draft(ctx, "demo"); d.State != StatePublished || d.LatestVersion != 1 || d.PublishedRevision != 2 {
			t.Errorf("after publishing: %+v", d)
		}
		if token() != 1 {
			t.Errorf("change token %d after one publish; want 1", token())
		}

		// Edit after publishing: "changed", and readers still see version 1.
		if _, err := db.SaveDraft(ctx, "demo", 2, caseJSON("demo", "Demo v. Example", 3), ann.ID); err != nil {
			t.Fatal(err)
		}
		if d, _ := db.Draft(ctx, "demo"); d.State != StateChanged {
			t.Errorf("edited after publishing: state %s; want changed", d.State)
		}
		if p, err := db.PublishedCase(ctx, "demo"); err != nil || p.Number != 1 || !p.PublishedAt.Equal(v1.PublishedAt) {
			t.Errorf("PublishedCase = %+v, %v; want version 1", p, err)
		}
		v2, err := db.Publish(ctx, PublishRequest{CaseID: "demo", Revision: 3, By: bob.ID, Note: "typo"})
		if err != nil || v2.Number != 2 {
			t.Fatalf("second publish: %+v, %v", v2, err)
		}

		// Unpublish: readers get 410; the Studio sees "unpublished".
		if err := db.Unpublish(ctx, "demo", bob.ID, "legal asked"); err != nil {
			t.Fatal(err)
		}
		if err := db.Unpublish(ctx, "demo", bob.ID, "again"); err != nil {
			t.Errorf("unpublishing twice: %v", err)
		}
		if err := db.Unpublish(ctx, "nope", bob.ID, ""); !errors.Is(err, ErrNotFound) {
			t.Errorf("unpublishing an unknown case: %v", err)
		}
		if _, err := db.PublishedCase(ctx, "demo"); !errors.Is(err, ErrUnpublished) {
			t.Errorf("PublishedCase after unpublish: %v; want ErrUnpublished", err)
		}
		p, err := db.Published(ctx)
		if err != nil || len(p.Cases) != 0 || !slices.Equal(p.Unpublished, []string{"demo"}) || p.Token != 3 {
			t.Errorf("Published after unpublish = %+v, %v", p, err)
		}
		if d, _ := db.Draft(ctx, "demo"); d.State != StateUnpublished {
			t.Errorf("state %s; want unpublished", d.State)
		}

		// Roll back to version 1: a new version 3 with version 1's JSON;
		// the draft had no unpublished changes, so it follows.
		clock.advance(time.Minute)
		v3, err := db.RollBack(ctx, RollBackRequest{CaseID: "demo", To: 1, By: bob.ID, Note: "back to the first"})
		if err != nil {
			t.Fatal(err)
		}
		if v3.Number != 3 || v3.RestoredFrom != 1 || !bytes.Equal(v3.JSON, v1.JSON) {
			t.Errorf("rollback = %+v", v3)
		}
		d, _ = db.Draft(ctx, "demo")
		if d.State != StatePublished || d.Revision != 4 || !bytes.Equal(d.JSON, v1.JSON) {
			t.Errorf("draft after rollback = %+v (%s)", d, d.JSON)
		}
		p, _ = db.Published(ctx)
		if len(p.Cases) != 1 || p.Cases[0].Number != 3 || len(p.Unpublished) != 0 || p.Token != 4 {
			t.Errorf("Published after rollback = %+v", p)
		}

		// A rollback while the draft has unpublished changes keeps them.
		if _, err := db.SaveDraft(ctx, "demo", 4, caseJSON("demo", "Work in progress", 5), ann.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RollBack(ctx, RollBackRequest{CaseID: "demo", To: 2, By: bob.ID}); err != nil {
			t.Fatal(err)
		}
		if d, _ := db.Draft(ctx, "demo"); d.Revision != 5 || d.Title != "Work in progress" || d.State != StateChanged {
			t.Errorf("a rollback overwrote unpublished work: %+v", d)
		}
		if _, err := db.RollBack(ctx, RollBackRequest{CaseID: "demo", To: 99, By: bob.ID}); !errors.Is(err, ErrNotFound) {
			t.Errorf("rollback to a missing version: %v", err)
		}
		if _, err := db.RollBack(ctx, RollBackRequest{CaseID: "demo", To: 1, By: bob.ID, Validate: func([]byte) error { return invalid }}); err != invalid {
			t.Errorf("rollback to a version that no longer validates: %v", err)
		}

		// The versions, newest first, without JSON; one with it.
		list, err := db.Versions(ctx, "demo")
		if err != nil {
			t.Fatal(err)
		}
		var numbers []int
		for _, v := range list {
			numbers = append(numbers, v.Number)
			if v.JSON != nil {
				t.Errorf("Versions carries version %d's JSON", v.Number)
			}
		}
		if !slices.Equal(numbers, []int{4, 3, 2, 1}) || list[0].RestoredFrom != 2 || list[3].Note != "first" {
			t.Errorf("Versions = %+v", list)
		}
		if v, err := db.Version(ctx, "demo", 2); err != nil || !bytes.Equal(v.JSON, caseJSON("demo", "Demo v. Example", 3)) || v.PublishedBy.Login != "bob" {
			t.Errorf("Version 2 = %+v, %v", v, err)
		}
		if _, err := db.Versions(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Versions(nope): %v", err)
		}

		// The audit log, newest first.
		entries, err := db.Audit(ctx, AuditFilter{CaseID: "demo"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, fmt.Sprintf("%s %s v%d %s", e.Actor.Login, e.Action, e.Version, e.Note))
		}
		want := []string{
			"bob rollback v4 restored version 2: ",
			"bob rollback v3 restored version 1: back to the first",
			"bob unpublish v0 legal asked",
			"bob publish v2 typo",
			"ann publish v1 first",
			"ann create v0 ",
		}
		if !slices.Equal(got, want) {
			t.Errorf("audit log:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !entries[len(entries)-1].At.Equal(created) {
			t.Errorf("the create entry is dated %v; want %v", entries[len(entries)-1].At, created)
		}
	})
}

// TestCasesList checks the Studio's list: every state, by id.
func TestCasesList(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		ed := addUser(t, db, "ed", RoleEditor)
		for _, id := range []string{"d-draft", "c-published", "b-changed", "a-unpublished"} {
			if _, err := db.CreateCase(ctx, id, caseJSON(id, "Title of "+id, 1), ed.ID); err != nil {
				t.Fatal(err)
			}
			if id == "d-draft" {
				continue
			}
			if _, err := db.Publish(ctx, PublishRequest{CaseID: id, Revision: 1, By: ed.ID}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.SaveDraft(ctx, "b-changed", 1, caseJSON("b-changed", "New title", 2), ed.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.Unpublish(ctx, "a-unpublished", ed.ID, ""); err != nil {
			t.Fatal(err)
		}
		list, err := db.Cases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range list {
			got = append(got, fmt.Sprintf("%s %s %q v%d r%d %s", c.ID, c.State, c.Title, c.LatestVersion, c.Revision, c.PublishedBy.Login))
			if c.LatestVersion > 0 && c.PublishedAt.IsZero() || c.SavedBy.Login != "ed" || c.Created.IsZero() {
				t.Errorf("%+v", c)
			}
		}
		want := []string{
			`a-unpublished unpublished "Title of a-unpublished" v1 r1 ed`,
			`b-changed changed "New title" v1 r2 ed`,
			`c-published published "Title of c-published" v1 r1 ed`,
			`d-draft draft "Title of d-draft" v0 r1 `,
		}
		if !slices.Equal(got, want) {
			t.Errorf("Cases:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// TestDraftText checks that a draft is stored as it was given, byte for
// byte, whatever it holds (a script, quotes, SQL, non-ASCII, invalid JSON),
// and that what neither database can store alike is a clear error.
func TestDraftText(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		hostile := `{"id": "x'); DROP TABLE cases; --", "title": "<script>alert('t')</script> \"quoted\" é 🙂",` +
			"\n  \"events\": [{\"body\": [\"</textarea><img src=x onerror=alert(1)>\"]}]}"
		id := "x'); DROP TABLE cases; --"
		if _, err := db.CreateCase(ctx, id, []byte(hostile), CommandLine); err != nil {
			t.Fatal(err)
		}
		d, err := db.Draft(ctx, id)
		if err != nil || string(d.JSON) != hostile || d.Title != `<script>alert('t')</script> "quoted" é 🙂` {
			t.Errorf("draft = %q, %q, %v", d.JSON, d.Title, err)
		}
		if _, err := db.SaveDraft(ctx, id, 1, []byte(`{"title": "half a`), CommandLine); err != nil {
			t.Errorf("saving JSON that does not parse: %v", err)
		}
		if d, _ := db.Draft(ctx, id); d.Title != "" || string(d.JSON) != `{"title": "half a` {
			t.Errorf("draft = %+v", d)
		}
		if list, _ := db.Cases(ctx); len(list) != 1 || list[0].ID != id {
			t.Errorf("Cases = %+v", list)
		}
		for _, bad := range []struct{ json, err string }{
			{"{\"title\": \"\xff\"}", "not UTF-8"},
			{"{\"title\": \"a\x00b\"}", "NUL byte at offset 12"},
		} {
			if _, err := db.SaveDraft(ctx, id, 2, []byte(bad.json), CommandLine); err == nil || !strings.Contains(err.Error(), bad.err) {
				t.Errorf("saving %q: %v; want %q", bad.json, err, bad.err)
			}
		}
		if _, err := db.CreateCase(ctx, "", []byte("{}"), CommandLine); err == nil {
			t.Error("a case with no id was created")
		}
	})
}

// TestVersionsAreImmutable checks that the database itself refuses to
// change or delete a published version, whoever asks.
func TestVersionsAreImmutable(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		if _, err := db.CreateCase(ctx, "fixed", caseJSON("fixed", "Fixed", 1), CommandLine); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Publish(ctx, PublishRequest{CaseID: "fixed", Revision: 1}); err != nil {
			t.Fatal(err)
		}
		raw := rawDB(t, u)
		if _, err := raw.ExecContext(ctx, `UPDATE versions SET json = '{}' WHERE case_id = 'fixed'`); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("UPDATE of a version: %v; want refused", err)
		}
		if _, err := raw.ExecContext(ctx, `DELETE FROM versions`); err == nil {
			t.Error("DELETE of a version succeeded")
		}
		if v, _ := db.Version(ctx, "fixed", 1); !bytes.Equal(v.JSON, caseJSON("fixed", "Fixed", 1)) {
			t.Errorf("version 1 changed: %s", v.JSON)
		}
	})
}

// TestWaitForChange checks that a server polling the change token notices
// a publish made through another connection.
func TestWaitForChange(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		other := openDB(t, u) // another server
		if _, err := db.CreateCase(ctx, "w", caseJSON("w", "W", 1), CommandLine); err != nil {
			t.Fatal(err)
		}
		start, err := other.ChangeToken(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := make(chan int64)
		go func() {
			tok, err := other.WaitForChange(ctx, start, 20*time.Millisecond)
			if err != nil {
				t.Error(err)
			}
			got <- tok
		}()
		if _, err := db.Publish(ctx, PublishRequest{CaseID: "w", Revision: 1}); err != nil {
			t.Fatal(err)
		}
		if tok := <-got; tok != start+1 {
			t.Errorf("WaitForChange returned %d; want %d", tok, start+1)
		}
		p, err := other.Published(ctx)
		if err != nil || len(p.Cases) != 1 || p.Token != start+1 {
			t.Errorf("the other server's Published = %+v, %v", p, err)
		}
		short, stop := context.WithTimeout(ctx, 100*time.Millisecond)
		defer stop()
		if _, err := other.WaitForChange(short, start+1, 10*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("WaitForChange with no change: %v; want the context's deadline", err)
		}
	})
}

// TestRefusedPublishReportsTheDraft checks that a publish refused because
// the draft moved on reports the draft as it stands, not as the rolled-back
// transaction saw it: an unpublished case stays unpublished, at its version.
func TestRefusedPublishReportsTheDraft(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		ed := addUser(t, db, "ed", RoleEditor)
		if _, err := db.CreateCase(ctx, "down", caseJSON("down", "Down", 0), CommandLine); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Publish(ctx, PublishRequest{CaseID: "down", Revision: 1, By: ed.ID}); err != nil {
			t.Fatal(err)
		}
		if err := db.Unpublish(ctx, "down", ed.ID, ""); err != nil {
			t.Fatal(err)
		}
		_, err := db.Publish(ctx, PublishRequest{CaseID: "down", Revision: 7, By: ed.ID})
		var c *ConflictError
		if !errors.As(err, &c) {
			t.Fatalf("publish of a stale revision: %v; want a *ConflictError", err)
		}
		if c.Current.State != StateUnpublished || c.Current.LatestVersion != 1 || c.Current.Revision != 1 {
			t.Errorf("the conflict reports state %s, version %d, revision %d; want unpublished, 1, 1",
				c.Current.State, c.Current.LatestVersion, c.Current.Revision)
		}
	})
}
