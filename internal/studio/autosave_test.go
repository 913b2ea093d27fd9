package studio

import (
	"testing"
	"time"
)

// TestAutosave drives the autosave through the paths of an editing
// session: each step is an event and the state it leaves.
func TestAutosave(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	type step struct {
		what  string
		do    func(a *Autosave)
		state SaveState
		dirty bool
		dueAt time.Duration // -1: not due even much later
	}
	change := func(d time.Duration) func(*Autosave) { return func(a *Autosave) { a.Change(at(d)) } }
	done := func(r SaveResult, d time.Duration) func(*Autosave) {
		return func(a *Autosave) { a.Done(r, "msg", at(d)) }
	}
	begin := func(a *Autosave) { a.Begin() }
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"a save after a pause", []step{
			{"typed", change(0), Unsaved, true, AutosaveDelay},
			{"typed again", change(time.Second), Unsaved, true, time.Second + AutosaveDelay},
			{"save starts", begin, Saving, false, -1},
			{"saved", done(SaveOK, 4*time.Second), Saved, false, -1},
		}},
		{"typing while saving", []step{
			{"typed", change(0), Unsaved, true, AutosaveDelay},
			{"save starts", begin, Saving, false, -1},
			{"typed during the save", change(3 * time.Second), Saving, true, -1},
			{"saved", done(SaveOK, 4*time.Second), Unsaved, true, 3*time.Second + AutosaveDelay},
		}},
		{"offline, then back", []step{
			{"typed", change(0), Unsaved, true, AutosaveDelay},
			{"save starts", begin, Saving, false, -1},
			{"no answer", done(SaveOffline, 3*time.Second), Offline, true, 3*time.Second + RetryDelay},
			{"retry starts", begin, Saving, false, -1},
			{"saved", done(SaveOK, 9*time.Second), Saved, false, -1},
		}},
		{"a conflict waits for the editor", []step{
			{"typed", change(0), Unsaved, true, AutosaveDelay},
			{"save starts", begin, Saving, false, -1},
			{"409", done(SaveConflict, 3*time.Second), Conflict, true, -1},
			{"typed on", change(4 * time.Second), Conflict, true, -1},
			{"settled", func(a *Autosave) { a.Resolved(at(5 * time.Second)) }, Unsaved, true, 5*time.Second + AutosaveDelay},
		}},
		{"a refusal keeps the changes", []step{
			{"typed", change(0), Unsaved, true, AutosaveDelay},
			{"save starts", begin, Saving, false, -1},
			{"too large", done(SaveRefused, 3*time.Second), Failed, true, AutosaveDelay},
		}},
		{"a session that ended waits for signing in", []step{
			{"typed", change(0), Unsaved, true, AutosaveDelay},
			{"save starts", begin, Saving, false, -1},
			{"401", done(SaveSignedOut, 3*time.Second), SignedOut, true, -1},
			{"typed on", change(4 * time.Second), SignedOut, true, -1},
		}},
		{"online does not hurry a pause", []step{
			{"typed", change(0), Unsaved, true, AutosaveDelay},
			{"online", func(a *Autosave) { a.Online() }, Unsaved, true, AutosaveDelay},
		}},
		{"a publish answered as signed out", []step{
			{"session ended", func(a *Autosave) { a.SessionEnded() }, SignedOut, false, -1},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a Autosave
			for _, s := range tc.steps {
				s.do(&a)
				if a.State != s.state || a.Dirty != s.dirty {
					t.Fatalf("after %s: state %v dirty %v; want %v %v", s.what, a.State, a.Dirty, s.state, s.dirty)
				}
				if s.dueAt < 0 {
					if a.Due(at(time.Hour)) {
						t.Fatalf("after %s: due; want no save", s.what)
					}
					continue
				}
				if a.Due(at(s.dueAt - time.Millisecond)) {
					t.Fatalf("after %s: due before %v", s.what, s.dueAt)
				}
				if !a.Due(at(s.dueAt)) {
					t.Fatalf("after %s: not due at %v", s.what, s.dueAt)
				}
			}
		})
	}
}

func TestAutosaveLabels(t *testing.T) {
	for _, tc := range []struct {
		a    Autosave
		want string
	}{
		{Autosave{State: Saved}, "All changes saved"},
		{Autosave{State: Saving}, "Saving…"},
		{Autosave{State: Conflict}, "Not saved: someone else changed this case"},
		{Autosave{State: Failed, Message: "too large"}, "Not saved: too large"},
		{Autosave{State: Offline}, "Offline: your changes are kept in this browser and saved when the server answers again"},
		{Autosave{State: Offline, TabOnly: true}, "Offline: your changes are kept in this tab only and saved when the server answers again"},
		{Autosave{State: SignedOut}, "Not saved: your session has ended. Your changes are kept in this browser"},
	} {
		if got := tc.a.Label(); got != tc.want {
			t.Errorf("%v: Label = %q; want %q", tc.a.State, got, tc.want)
		}
	}
}

// TestAutosaveOnline: when the browser is online again, a save waiting for
// the server is due at once, not RetryDelay later.
func TestAutosaveOnline(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	var a Autosave
	a.Change(t0)
	a.Begin()
	a.Done(SaveOffline, "", t0.Add(3*time.Second))
	if a.Due(t0.Add(4 * time.Second)) {
		t.Fatal("offline: due before RetryDelay")
	}
	a.Online()
	if !a.Due(t0.Add(4 * time.Second)) {
		t.Error("back online: not due at once")
	}
}

// TestSendOnLeaving: what the page sends as it goes.
func TestSendOnLeaving(t *testing.T) {
	for _, tc := range []struct {
		a    Autosave
		want bool
	}{
		{Autosave{State: Saved}, false},
		{Autosave{State: Unsaved, Dirty: true}, true},
		{Autosave{State: Saving, Dirty: true}, false},
		{Autosave{State: Failed, Dirty: true}, true},
		{Autosave{State: Conflict, Dirty: true}, false},
		{Autosave{State: SignedOut, Dirty: true}, false},
		{Autosave{State: Offline, Dirty: true}, false},
		{Autosave{State: Offline, Dirty: true, TabOnly: true}, true},
	} {
		if got := tc.a.SendOnLeaving(); got != tc.want {
			t.Errorf("%+v: SendOnLeaving = %v; want %v", tc.a, got, tc.want)
		}
	}
}

// TestAutosaveSignedIn: signing in again after the session ended makes
// the unsaved changes due at once.
func TestAutosaveSignedIn(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	var a Autosave
	a.Change(t0)
	a.Begin()
	a.Done(SaveSignedOut, "", t0.Add(3*time.Second))
	a.Change(t0.Add(4 * time.Second))
	if a.Due(t0.Add(time.Hour)) {
		t.Fatal("signed out: a save is due")
	}
	a.SignedIn()
	if a.State != Unsaved || !a.Due(t0.Add(4*time.Second)) {
		t.Errorf("signed in again: state %v, due %v; want Unsaved, due at once", a.State, a.Due(t0.Add(4*time.Second)))
	}
	var saved Autosave
	saved.SignedIn()
	if saved.State != Saved {
		t.Errorf("SignedIn on a saved draft: state %v", saved.State)
	}
}
