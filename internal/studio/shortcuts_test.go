package studio

import (
	"testing"
	"time"
)

func TestShortcutOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		k    KeyPress
		want Shortcut
	}{
		{"Alt+Shift+S saves", KeyPress{Key: "S", Code: "KeyS", Alt: true, Shift: true}, SaveNow},
		{"Alt+Shift+S in a text field too", KeyPress{Key: "S", Code: "KeyS", Alt: true, Shift: true, InText: true}, SaveNow},
		{"Option+Shift+S on a Mac (another letter)", KeyPress{Key: "Í", Code: "KeyS", Alt: true, Shift: true}, SaveNow},
		{"Alt+Shift+P publishes", KeyPress{Key: "P", Code: "KeyP", Alt: true, Shift: true}, PublishNow},
		{"Alt+Shift+Z undoes, in a field too", KeyPress{Key: "Z", Code: "KeyZ", Alt: true, Shift: true, InText: true}, UndoEdit},
		{"Alt+Shift+Y redoes", KeyPress{Key: "Y", Code: "KeyY", Alt: true, Shift: true}, RedoEdit},
		{"Ctrl+S is the browser's", KeyPress{Key: "s", Code: "KeyS", Ctrl: true}, NoShortcut},
		{"Ctrl+P is the browser's", KeyPress{Key: "p", Code: "KeyP", Ctrl: true}, NoShortcut},
		{"Ctrl+Z outside a field undoes", KeyPress{Key: "z", Code: "KeyZ", Ctrl: true}, UndoEdit},
		{"Cmd+Z outside a field undoes", KeyPress{Key: "z", Code: "KeyZ", Meta: true}, UndoEdit},
		{"Ctrl+Z in a text field is the field's", KeyPress{Key: "z", Code: "KeyZ", Ctrl: true, InText: true}, NoShortcut},
		{"Ctrl+Shift+Z redoes", KeyPress{Key: "Z", Code: "KeyZ", Ctrl: true, Shift: true}, RedoEdit},
		{"Cmd+Shift+Z redoes", KeyPress{Key: "z", Code: "KeyZ", Meta: true, Shift: true}, RedoEdit},
		{"Ctrl+Y redoes", KeyPress{Key: "y", Code: "KeyY", Ctrl: true}, RedoEdit},
		{"Cmd+Y is the Mac browser's history", KeyPress{Key: "y", Code: "KeyY", Meta: true}, NoShortcut},
		{"Ctrl+Y in a text field is the field's", KeyPress{Key: "y", Code: "KeyY", Ctrl: true, InText: true}, NoShortcut},
		{"Ctrl+Alt+Z (AltGr on some keyboards) is typing", KeyPress{Key: "z", Code: "KeyZ", Ctrl: true, Alt: true}, NoShortcut},
		{"Ctrl+Cmd+Z is nothing", KeyPress{Key: "z", Code: "KeyZ", Ctrl: true, Meta: true}, NoShortcut},
		{"a z is a z", KeyPress{Key: "z", Code: "KeyZ"}, NoShortcut},
		{"Alt+Shift+Q is nothing", KeyPress{Key: "Q", Code: "KeyQ", Alt: true, Shift: true}, NoShortcut},
		{"Ctrl+Alt+Shift+S is nothing", KeyPress{Key: "S", Code: "KeyS", Ctrl: true, Alt: true, Shift: true}, NoShortcut},
	} {
		if got := ShortcutOf(tc.k); got != tc.want {
			t.Errorf("%s: ShortcutOf = %v; want %v", tc.name, got, tc.want)
		}
	}
}

func TestTypesText(t *testing.T) {
	for _, tc := range []struct {
		tag, typ string
		editable bool
		want     bool
	}{
		{"TEXTAREA", "textarea", false, true},
		{"INPUT", "text", false, true},
		{"INPUT", "url", false, true},
		{"INPUT", "date", false, true},
		{"INPUT", "", false, true},
		{"INPUT", "checkbox", false, false},
		{"INPUT", "radio", false, false},
		{"SELECT", "select-one", false, false},
		{"BUTTON", "button", false, false},
		{"DIV", "", true, true},
		{"BODY", "", false, false},
	} {
		if got := TypesText(tc.tag, tc.typ, tc.editable); got != tc.want {
			t.Errorf("TypesText(%s, %s, %v) = %v; want %v", tc.tag, tc.typ, tc.editable, got, tc.want)
		}
	}
}

// TestSaveNow: "Save now" makes a save due at once, unless there is
// nothing to save, one is on its way, or a conflict waits.
func TestSaveNow(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		a    Autosave
		want bool
	}{
		{"just typed", Autosave{State: Unsaved, Dirty: true, ChangedAt: now}, true},
		{"offline, before the retry", Autosave{State: Offline, Dirty: true, ChangedAt: now}, true},
		{"refused", Autosave{State: Failed, Dirty: true, ChangedAt: now}, true},
		{"all saved", Autosave{State: Saved}, false},
		{"a save on its way", Autosave{State: Saving, Dirty: true, ChangedAt: now}, false},
		{"a conflict", Autosave{State: Conflict, Dirty: true, ChangedAt: now}, false},
	} {
		a := tc.a
		if got := a.Hurry(); got != tc.want || a.Due(now) != tc.want {
			t.Errorf("%s: Hurry = %v, due at once %v; want %v", tc.name, got, a.Due(now), tc.want)
		}
	}
}

func TestPublishWait(t *testing.T) {
	c := NewCase("x", "X")
	for _, tc := range []struct {
		name     string
		e        Edit
		problems int
		want     string
	}{
		{"valid and saved", Edit{Case: c}, 0, ""},
		{"problems", Edit{Case: c}, 2, "Publishing waits until there are no problems."},
		{"unsaved", Edit{Case: c, Save: Autosave{State: Unsaved, Dirty: true}}, 0, "Publishing waits until every change is saved."},
		{"a conflict", Edit{Case: c, Conflict: &TheirSave{}, Save: Autosave{State: Conflict, Dirty: true}}, 0, "Publishing waits until the conflict is settled."},
		{"not loaded", Edit{}, 0, "Publishing waits until the case is loaded."},
	} {
		if got := tc.e.PublishWait(tc.problems); got != tc.want {
			t.Errorf("%s: %q; want %q", tc.name, got, tc.want)
		}
		if tc.e.CanPublish(tc.problems) != (tc.want == "") {
			t.Errorf("%s: CanPublish disagrees with PublishWait %q", tc.name, tc.want)
		}
	}
}
