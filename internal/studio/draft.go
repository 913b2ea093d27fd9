package studio

import (
	"time"

	"docket/internal/casefile"
)

// Edit is the editor's hold on one case's draft, as plain values: the
// case in the forms, the revision of the server's draft it is based on,
// the autosave, and, when someone else saved first, both versions, so
// that neither is lost until the editor chooses.
type Edit struct {
	Case     *casefile.Case
	Revision int64
	Save     Autosave
	Conflict *TheirSave
	// Mine is the editor's version while the forms show theirs.
	Mine *casefile.Case
}

// TheirSave is what a save refused as a conflict found: the draft as
// someone else saved it first.
type TheirSave struct {
	Theirs   *casefile.Case // nil when theirs could not be read (Err says why)
	Revision int64          // of their draft
	By       string
	At       time.Time
	Changes  []string // where theirs differs: "summary changed", "events[id=x] added"
	Err      string
	// KeptAt is when the editor's version was kept in the browser, when
	// the conflict was found on opening the case (see Restore).
	KeptAt time.Time
}

// Refused records a save refused by a conflict.
func (e *Edit) Refused(k *TheirSave, message string, now time.Time) {
	e.Conflict = k
	e.Save.Done(SaveConflict, message, now)
}

// ShowTheirs puts their version in the forms, keeping the editor's.
func (e *Edit) ShowTheirs() {
	if e.Conflict == nil || e.Conflict.Theirs == nil || e.Mine != nil {
		return
	}
	e.Mine, e.Case = e.Case, e.Conflict.Theirs
}

// ShowMine puts the editor's version back in the forms.
func (e *Edit) ShowMine() {
	if e.Mine != nil {
		e.Case, e.Mine = e.Mine, nil
	}
}

// KeepMine settles the conflict for the editor's version: it is based on
// theirs now, and saved over it at once.
func (e *Edit) KeepMine(now time.Time) {
	if e.Conflict == nil {
		return
	}
	e.ShowMine()
	e.Revision, e.Conflict = e.Conflict.Revision, nil
	e.Save.Resolved(now)
	e.Save.ChangedAt = time.Time{} // due at once
}

// TakeTheirs settles the conflict for their version, as saved: the
// editor's changes are dropped, on the editor's word.
func (e *Edit) TakeTheirs() {
	if e.Conflict == nil || e.Conflict.Theirs == nil {
		return
	}
	e.Case, e.Mine = e.Conflict.Theirs, nil
	e.Revision, e.Conflict = e.Conflict.Revision, nil
	e.Save = Autosave{}
}

// CanPublish reports whether the draft may be published: no problems,
// every change saved, no conflict open.
func (e *Edit) CanPublish(problems int) bool {
	return e.Case != nil && problems == 0 && e.Save.State == Saved && !e.Save.Dirty && e.Conflict == nil && e.Mine == nil
}

// PublishWait says why the draft may not be published yet ("" when it
// may): the publish form shows it, and the publish shortcut announces it.
func (e *Edit) PublishWait(problems int) string {
	switch {
	case e.Case == nil:
		return "Publishing waits until the case is loaded."
	case problems > 0:
		return "Publishing waits until there are no problems."
	case e.Conflict != nil || e.Mine != nil:
		return "Publishing waits until the conflict is settled."
	case e.Save.State != Saved || e.Save.Dirty:
		return "Publishing waits until every change is saved."
	}
	return ""
}
