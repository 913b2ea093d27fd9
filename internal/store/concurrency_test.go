package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
)

// Each concurrency test writes through two DB values on one database, as two
// servers (or two processes on one SQLite file) would, as an account: each
// transaction reads (who the actor is) before it writes, the pattern that
// makes SQLite answer "database is locked" to a deferred transaction.

// TestConcurrentSaves checks optimistic concurrency: many editors saving
// the same draft revision at once, exactly one wins, and every other gets a
// conflict carrying the winner's draft.
func TestConcurrentSaves(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		dbs := []*DB{db, openDB(t, u)}
		ed := addUser(t, db, "ed", RoleEditor)
		if _, err := db.CreateCase(ctx, "hot", caseJSON("hot", "Hot", 0), CommandLine); err != nil {
			t.Fatal(err)
		}
		const editors = 24
		var wg sync.WaitGroup
		results := make([]error, editors)
		start := make(chan struct{})
		for i := range editors {
			wg.Go(func() {
				<-start
				_, results[i] = dbs[i%2].SaveDraft(ctx, "hot", 1, caseJSON("hot", "Hot", i+1), ed.ID)
			})
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, err := range results {
			var c *ConflictError
			switch {
			case err == nil:
				if winner >= 0 {
					t.Errorf("editors %d and %d both saved on revision 1", winner, i)
				}
				winner = i
			case errors.As(err, &c):
				if c.Current.Revision != 2 {
					t.Errorf("editor %d's conflict shows revision %d; want 2", i, c.Current.Revision)
				}
			default:
				t.Errorf("editor %d: %v", i, err)
			}
		}
		if winner < 0 {
			t.Fatal("no save won")
		}
		d, err := db.Draft(ctx, "hot")
		if err != nil || d.Revision != 2 || !bytes.Equal(d.JSON, caseJSON("hot", "Hot", winner+1)) {
			t.Errorf("draft = revision %d %s, %v; want the winner's (%d)", d.Revision, d.JSON, err, winner+1)
		}
		for i, err := range results {
			var c *ConflictError
			if errors.As(err, &c) && !bytes.Equal(c.Current.JSON, d.JSON) {
				t.Errorf("editor %d's conflict carries %s, not the winner's draft", i, c.Current.JSON)
			}
		}
	})
}

// TestConcurrentSavesInTurn checks that editors who each save on the latest
// revision, retrying after a conflict, all get their saves in: none lost,
// revisions consecutive, and (on SQLite) no "database is locked".
func TestConcurrentSavesInTurn(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		dbs := []*DB{db, openDB(t, u)}
		ed := addUser(t, db, "ed", RoleEditor)
		if _, err := db.CreateCase(ctx, "turns", caseJSON("turns", "Turns", 0), CommandLine); err != nil {
			t.Fatal(err)
		}
		const editors, saves = 8, 5
		var wg sync.WaitGroup
		var mu sync.Mutex
		var revisions []int64
		for i := range editors {
			wg.Go(func() {
				db := dbs[i%2]
				for j := range saves {
					d, err := db.Draft(ctx, "turns")
					for err == nil {
						var saved Draft
						saved, err = db.SaveDraft(ctx, "turns", d.Revision, caseJSON("turns", "Turns", i*100+j), ed.ID)
						var c *ConflictError
						if errors.As(err, &c) {
							d, err = c.Current, nil
							continue
						}
						if err == nil {
							mu.Lock()
							revisions = append(revisions, saved.Revision)
							mu.Unlock()
							break
						}
					}
					if err != nil {
						t.Errorf("editor %d: %v", i, err)
						return
					}
				}
			})
		}
		wg.Wait()
		slices.Sort(revisions)
		want := make([]int64, editors*saves)
		for i := range want {
			want[i] = int64(i + 2)
		}
		if !slices.Equal(revisions, want) {
			t.Errorf("saved revisions %v; want 2..%d, each once", revisions, editors*saves+1)
		}
	})
}

// TestConcurrentPublishes checks that publishes at once, of one case and of
// several, get distinct, consecutive version numbers, and that the change
// token counts every one.
func TestConcurrentPublishes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		dbs := []*DB{db, openDB(t, u)}
		ed := addUser(t, db, "ed", RoleEditor)
		cases := []string{"one", "two", "three"}
		for _, id := range cases {
			if _, err := db.CreateCase(ctx, id, caseJSON(id, id, 0), CommandLine); err != nil {
				t.Fatal(err)
			}
		}
		const perCase = 10
		var wg sync.WaitGroup
		var mu sync.Mutex
		numbers := map[string][]int{}
		start := make(chan struct{})
		for i := range perCase * len(cases) {
			wg.Go(func() {
				<-start
				id := cases[i%len(cases)]
				v, err := dbs[i%2].Publish(ctx, PublishRequest{CaseID: id, Revision: 1, By: ed.ID, Note: fmt.Sprint(i)})
				if err != nil {
					t.Errorf("publish %d of %s: %v", i, id, err)
					return
				}
				mu.Lock()
				numbers[id] = append(numbers[id], v.Number)
				mu.Unlock()
			})
		}
		close(start)
		wg.Wait()
		for _, id := range cases {
			got := numbers[id]
			slices.Sort(got)
			want := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
			if !slices.Equal(got, want) {
				t.Errorf("%s: version numbers %v; want %v", id, got, want)
			}
			list, err := db.Versions(ctx, id)
			if err != nil || len(list) != perCase || list[0].Number != perCase {
				t.Errorf("%s: %d versions stored, newest %v (%v)", id, len(list), list, err)
			}
		}
		if tok, err := db.ChangeToken(ctx); err != nil || tok != perCase*int64(len(cases)) {
			t.Errorf("change token %d, %v; want %d", tok, err, perCase*len(cases))
		}
	})
}
