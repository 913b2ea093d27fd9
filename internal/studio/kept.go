package studio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"docket/internal/casefile"
)

// Kept is the editor's unsaved work as the browser keeps it (localStorage),
// so that it outlives the tab: closed while offline, or signed out, the
// work is there when the case is opened again.
type Kept struct {
	Case     json.RawMessage `json:"case"`     // the case, as Encode writes it
	Revision int64           `json:"revision"` // the server's draft it is based on
	At       time.Time       `json:"at"`       // when it was kept
}

// KeptKey names, in localStorage, the copy of case id kept for the editor
// signed in as login: one per case and per editor.
func KeptKey(login, id string) string { return "docket-studio-kept:" + login + ":" + id }

// KeepDelay is how long after the last change the copy in the browser is
// written: typing does not encode a large case at every key.
const KeepDelay = 400 * time.Millisecond

// Keeping is whether the copy in the browser is behind the forms.
type Keeping struct {
	Pending   bool      // a change is not in the copy yet
	ChangedAt time.Time // the last change
}

// Change records an edit at now.
func (k *Keeping) Change(now time.Time) { k.Pending, k.ChangedAt = true, now }

// Due reports whether the copy should be written at now: a change is not
// in it, and the editor has paused for KeepDelay.
func (k *Keeping) Due(now time.Time) bool { return k.Pending && now.Sub(k.ChangedAt) >= KeepDelay }

// Outcome is what opening a case does with a copy kept in the browser.
type Outcome int

const (
	NothingKept    Outcome = iota // no copy
	KeptSame                      // the copy holds what the server has: it is dropped
	RestoreKept                   // based on the server's draft: put in the forms and saved
	KeptConflict                  // the server's draft moved on since: both offered, as in a conflict
	KeptUnreadable                // the copy cannot be read: said so; the next change replaces it
)

// Restoring is the outcome for a kept copy, with the kept case and where
// it differs from the server's.
type Restoring struct {
	Outcome Outcome
	Case    *casefile.Case
	Changes []Difference // from the server's draft to the kept copy
	Err     string       // why the copy cannot be read
}

// Restore decides what opening a case does with the copy kept in the
// browser (nil: none), given the server's draft and its revision. A copy
// that differs from the server's is never dropped: it is restored when it
// is based on the server's draft, else offered beside it.
func Restore(k *Kept, server *casefile.Case, revision int64) Restoring {
	if k == nil {
		return Restoring{Outcome: NothingKept}
	}
	mine, err := Decode(k.Case)
	if err != nil {
		return Restoring{Outcome: KeptUnreadable, Err: err.Error()}
	}
	a, errA := Encode(server)
	b, errB := Encode(mine)
	if errA == nil && errB == nil && bytes.Equal(a, b) {
		return Restoring{Outcome: KeptSame, Case: mine}
	}
	r := Restoring{Outcome: RestoreKept, Case: mine, Changes: Compare(server, mine)}
	if k.Revision != revision {
		r.Outcome = KeptConflict
	}
	return r
}

// RestoredLabel says what was restored: "Restored 3 changes kept in this
// browser from 14:03", with the day when it is not today's.
func RestoredLabel(changes int, at, now time.Time) string {
	what := "the changes"
	switch {
	case changes == 1:
		what = "1 change"
	case changes > 1:
		what = fmt.Sprintf("%d changes", changes)
	}
	return "Restored " + what + " kept in this browser from " + KeptTime(at, now) + "."
}

// KeptTime is when a copy was kept, as the editor reads it: "14:03", or
// "2 March 14:03" on another day.
func KeptTime(at, now time.Time) string {
	at, now = at.Local(), now.Local()
	if y, m, d := at.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return at.Format("15:04")
	}
	return at.Format("2 January 15:04")
}
