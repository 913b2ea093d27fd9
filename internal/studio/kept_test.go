package studio

import (
	"encoding/json"
	"testing"
	"time"

	"docket/internal/casefile"
)

// TestRestore: what opening a case does with a copy kept in the browser,
// for each way the copy and the server's draft can stand.
func TestRestore(t *testing.T) {
	server := &casefile.Case{ID: "c", Title: "Server's title", Summary: "Same."}
	keep := func(c *casefile.Case, rev int64) *Kept {
		data, err := Encode(c)
		if err != nil {
			t.Fatal(err)
		}
		return &Kept{Case: data, Revision: rev, At: time.Now()}
	}
	edited := &casefile.Case{ID: "c", Title: "My title", Summary: "Same.", Court: "My court"}
	for _, tc := range []struct {
		name    string
		kept    *Kept
		want    Outcome
		title   string // of the case restored or offered
		changes int
	}{
		{"nothing kept", nil, NothingKept, "", 0},
		{"the same as the server's, same revision", keep(server, 3), KeptSame, "Server's title", 0},
		{"the same as the server's, which moved on (a save sent as the tab closed)", keep(server, 2), KeptSame, "Server's title", 0},
		{"changed, based on the server's draft", keep(edited, 3), RestoreKept, "My title", 1},
		{"changed, the server moved on", keep(edited, 2), KeptConflict, "My title", 1},
		{"changed, the server's revision is older (a database restored)", keep(edited, 9), KeptConflict, "My title", 1},
		{"not a case", &Kept{Case: json.RawMessage(`{"id": 7`), Revision: 3}, KeptUnreadable, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Restore(tc.kept, server, 3)
			if r.Outcome != tc.want {
				t.Fatalf("outcome %v; want %v (%s)", r.Outcome, tc.want, r.Err)
			}
			if tc.title != "" && (r.Case == nil || r.Case.Title != tc.title) {
				t.Errorf("case %+v; want the title %q", r.Case, tc.title)
			}
			if len(r.Changes) != tc.changes {
				t.Errorf("changes %+v; want %d", r.Changes, tc.changes)
			}
			if tc.want == KeptUnreadable && r.Err == "" {
				t.Error("an unreadable copy without a reason")
			}
		})
	}
}

func TestKeeping(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	var k Keeping
	if k.Due(t0) {
		t.Fatal("due with no change")
	}
	k.Change(t0)
	k.Change(t0.Add(100 * time.Millisecond))
	if k.Due(t0.Add(100*time.Millisecond + KeepDelay - time.Millisecond)) {
		t.Error("due before the pause after the last change")
	}
	if !k.Due(t0.Add(100*time.Millisecond + KeepDelay)) {
		t.Error("not due after the pause")
	}
}

func TestRestoredLabel(t *testing.T) {
	now := time.Date(2026, 3, 2, 14, 30, 0, 0, time.Local)
	for _, tc := range []struct {
		changes int
		at      time.Time
		want    string
	}{
		{3, time.Date(2026, 3, 2, 14, 3, 0, 0, time.Local), "Restored 3 changes kept in this browser from 14:03."},
		{1, time.Date(2026, 3, 2, 9, 5, 0, 0, time.Local), "Restored 1 change kept in this browser from 09:05."},
		{0, time.Date(2026, 3, 1, 23, 59, 0, 0, time.Local), "Restored the changes kept in this browser from 1 March 23:59."},
	} {
		if got := RestoredLabel(tc.changes, tc.at, now); got != tc.want {
			t.Errorf("RestoredLabel(%d, %v) = %q; want %q", tc.changes, tc.at, got, tc.want)
		}
	}
}

func TestKeptKey(t *testing.T) {
	if KeptKey("ed", "a") == KeptKey("bea", "a") || KeptKey("ed", "a") == KeptKey("ed", "b") {
		t.Error("keys not distinct per editor and case")
	}
}
