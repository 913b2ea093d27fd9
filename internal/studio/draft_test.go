package studio

import (
	"testing"
	"time"

	"docket/internal/casefile"
)

// TestConflictKeepsBothVersions walks a conflict's choices: the editor's
// version and theirs each stay until the editor settles it.
func TestConflictKeepsBothVersions(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	start := func() (*Edit, *casefile.Case, *casefile.Case) {
		mine := &casefile.Case{ID: "x", Court: "Mine"}
		theirs := &casefile.Case{ID: "x", Summary: "Theirs"}
		e := &Edit{Case: mine, Revision: 1}
		e.Save.Change(now)
		e.Save.Begin()
		e.Refused(&TheirSave{Theirs: theirs, Revision: 2, By: "ann"}, "moved on", now)
		return e, mine, theirs
	}

	e, mine, theirs := start()
	if e.Save.State != Conflict || !e.Save.Dirty || e.Save.Due(now.Add(time.Hour)) || e.CanPublish(0) {
		t.Fatalf("after the refusal: %+v; want a conflict, unsaved, no save due, no publishing", e.Save)
	}
	e.ShowTheirs()
	if e.Case != theirs || e.Mine != mine {
		t.Fatal("showing theirs lost mine")
	}
	e.ShowTheirs() // twice: mine stays mine
	if e.Mine != mine {
		t.Fatal("showing theirs twice lost mine")
	}
	e.ShowMine()
	if e.Case != mine || e.Mine != nil {
		t.Fatal("showing mine again did not bring it back")
	}

	// Keep mine, from theirs on screen: mine is saved over theirs, at once.
	e.ShowTheirs()
	e.KeepMine(now)
	if e.Case != mine || e.Revision != 2 || e.Conflict != nil || !e.Save.Due(now) {
		t.Errorf("after keeping mine: case %p (mine %p), revision %d, conflict %v, due %v", e.Case, mine, e.Revision, e.Conflict, e.Save.Due(now))
	}

	// Take theirs: their version, as saved.
	e, _, theirs = start()
	e.TakeTheirs()
	if e.Case != theirs || e.Revision != 2 || e.Conflict != nil || e.Save.State != Saved || e.Save.Dirty || !e.CanPublish(0) {
		t.Errorf("after taking theirs: %+v", e)
	}

	// Theirs unreadable: only mine can be kept.
	e = &Edit{Case: mine, Revision: 1}
	e.Refused(&TheirSave{Revision: 2, Err: "bad"}, "moved on", now)
	e.ShowTheirs()
	e.TakeTheirs()
	if e.Case != mine || e.Conflict == nil {
		t.Errorf("with theirs unreadable, mine was dropped")
	}
}
