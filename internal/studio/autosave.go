package studio

import "time"

// SaveState is where the draft stands against the server's copy.
type SaveState int

// The states of the autosave, as the editor sees them.
const (
	Saved     SaveState = iota // the server has every change
	Unsaved                    // changed; a save follows a moment after the last change
	Saving                     // a save is on its way
	Offline                    // the last save did not reach the server; it is tried again
	Conflict                   // someone else saved the draft first: nothing is saved until the editor chooses
	Failed                     // the server refused the save; the changes are kept here
	SignedOut                  // the session has ended: nothing is saved until the editor signs in again
)

// AutosaveDelay is how long after the last change the draft is saved.
const AutosaveDelay = 2 * time.Second

// RetryDelay is how long after a save that did not reach the server the
// next one is tried.
const RetryDelay = 5 * time.Second

// Autosave is the state of the draft's saving: plain values, which the
// editor's component drives with the time and the answers of the server.
type Autosave struct {
	State SaveState
	// Dirty is true while there are changes no save has carried yet.
	Dirty bool
	// ChangedAt is the time of the last change.
	ChangedAt time.Time
	// Message says what went wrong, for Failed and Conflict.
	Message string
	// TabOnly is true when the browser would not keep a copy of the
	// changes (see Kept): they are in this tab only.
	TabOnly bool
}

// Change records an edit made at now.
func (a *Autosave) Change(now time.Time) {
	a.Dirty, a.ChangedAt = true, now
	if a.State == Saved {
		a.State = Unsaved
	}
}

// Due reports whether a save should start at now: there are changes, none
// is on its way, the editor has paused for AutosaveDelay (or, offline, for
// RetryDelay), and no conflict waits for the editor.
func (a *Autosave) Due(now time.Time) bool {
	switch {
	case !a.Dirty || a.State == Saving || a.State == Conflict || a.State == SignedOut:
		return false
	case a.State == Offline:
		return now.Sub(a.ChangedAt) >= RetryDelay
	}
	return now.Sub(a.ChangedAt) >= AutosaveDelay
}

// Hurry makes a save due at once (the editor asked to save now) and
// reports whether one is: not when nothing is unsaved, a save is on its
// way, or a conflict waits for the editor.
func (a *Autosave) Hurry() bool {
	if !a.Dirty || a.State == Saving || a.State == Conflict {
		return false
	}
	a.ChangedAt = time.Time{}
	return true
}

// Begin records that a save carrying every change so far has started.
func (a *Autosave) Begin() {
	a.State, a.Dirty, a.Message = Saving, false, ""
}

// SaveResult is how a save ended.
type SaveResult int

// The ends of a save.
const (
	SaveOK        SaveResult = iota // the server has the draft
	SaveOffline                     // the request never reached the server
	SaveConflict                    // 409: the draft moved on
	SaveRefused                     // any other refusal (too large)
	SaveSignedOut                   // 401: the session has ended
)

// Done records how the save begun last ended, at now. Whatever went wrong,
// the changes stay marked as unsaved, so nothing is lost.
func (a *Autosave) Done(r SaveResult, message string, now time.Time) {
	switch r {
	case SaveOK:
		a.State = Saved
		if a.Dirty { // changed while the save was on its way
			a.State = Unsaved
		}
		return
	case SaveOffline:
		a.State = Offline
		a.ChangedAt = now // try again RetryDelay from now
	case SaveConflict:
		a.State = Conflict
	case SaveRefused:
		a.State = Failed
	case SaveSignedOut:
		a.State = SignedOut
	}
	a.Dirty, a.Message = true, message
}

// Online records that the browser is online again: a save that waits
// for the server is due at once, not after RetryDelay.
func (a *Autosave) Online() {
	if a.State == Offline {
		a.ChangedAt = time.Time{}
	}
}

// SessionEnded records that the server answered a request (a publish) as
// signed out; what is unsaved stays so.
func (a *Autosave) SessionEnded() { a.State = SignedOut }

// SendOnLeaving reports whether the page, as it goes, should send what is
// unsaved: not while a save or the editor's choice waits, not without a
// session, and not while offline when the browser keeps a copy (opening
// the case again restores it).
func (a *Autosave) SendOnLeaving() bool {
	switch {
	case !a.Dirty || a.State == Saving || a.State == Conflict || a.State == SignedOut:
		return false
	case a.State == Offline:
		return a.TabOnly
	}
	return true
}

// SignedIn records that the editor signed in again after SignedOut: the
// unsaved changes are due at once.
func (a *Autosave) SignedIn() {
	if a.State == SignedOut {
		a.State, a.ChangedAt = Unsaved, time.Time{}
	}
}

// Resolved records that the editor settled a conflict; the next save
// follows as after any change.
func (a *Autosave) Resolved(now time.Time) {
	a.State, a.Message = Unsaved, ""
	a.Change(now)
}

// Label is the state in words, for the status line that screen readers
// announce.
func (a *Autosave) Label() string {
	switch a.State {
	case Saved:
		return "All changes saved"
	case Unsaved:
		return "Changes not saved yet"
	case Saving:
		return "Saving…"
	case Offline:
		return "Offline: your changes are kept in " + a.where() + " and saved when the server answers again"
	case Conflict:
		return "Not saved: someone else changed this case"
	case SignedOut:
		return "Not saved: your session has ended. Your changes are kept in " + a.where()
	}
	return "Not saved: " + a.Message
}

// where says where unsaved changes are kept.
func (a *Autosave) where() string {
	if a.TabOnly {
		return "this tab only"
	}
	return "this browser"
}

// Class names the state for the page's styles.
func (a *Autosave) Class() string {
	return [...]string{"saved", "unsaved", "saving", "offline", "conflict", "failed", "signed-out"}[a.State]
}
