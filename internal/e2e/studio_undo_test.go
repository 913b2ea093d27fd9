package e2e

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The Studio's undo and redo, its keyboard shortcuts and dragging an
// item to another place, in Chromium: each change reaches the server's
// draft, and an undone case saves as it was.

// undoCase is formsCase with a third event, the second one named by the
// question and by a correction, and two glossary terms.
func undoCase(t *testing.T, id string) map[string]any {
	t.Helper()
	b, err := json.Marshal(formsCase)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	c["id"] = id
	c["events"] = append(c["events"].([]any), map[string]any{"id": "decided", "date": map[string]any{"value": "2024-04-30", "precision": "day"},
		"title": "Judge decides", "body": []any{"The judge rules."}, "category": "court", "sources": []any{"complaint"}})
	q := c["quiz"].(map[string]any)["questions"].([]any)[0].(map[string]any)
	q["events"] = []any{"answered"}
	c["corrections"] = []any{map[string]any{"date": "2024-05-01", "text": "The answer's date was wrong.", "event": "answered"}}
	c["glossary"] = []any{
		map[string]any{"id": "complaint-term", "term": "Complaint", "definition": "The paper that starts a suit.", "explanation": "It says who sues.", "sources": []any{"complaint"}},
		map[string]any{"id": "answer-term", "term": "Answer", "definition": "The reply to a complaint.", "explanation": "It says what is denied.", "sources": []any{"complaint"}},
	}
	return c
}

// draftOf is the server's draft of case id, decoded.
func draftOf(t *testing.T, api *editorClient, id string) map[string]any {
	t.Helper()
	var draft struct {
		Case map[string]any `json:"case"`
	}
	api.must("GET", "/api/editor/cases/"+id+"/draft", nil, 200, &draft)
	return draft.Case
}

// waitDraftIs waits until the server's draft of case id is want.
func waitDraftIs(t *testing.T, api *editorClient, id string, want map[string]any) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		got := draftOf(t, api, id)
		if reflect.DeepEqual(got, want) {
			return
		}
		if time.Now().After(deadline) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want)
			t.Fatalf("the draft of %s never came back to\n%s\nit is\n%s", id, w, g)
		}
	}
}

// waitDraftWhere waits until the server's draft of case id is as ok
// wants (what, in words).
func waitDraftWhere(t *testing.T, api *editorClient, id, what string, ok func(map[string]any) bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		got := draftOf(t, api, id)
		if ok(got) {
			return
		}
		if time.Now().After(deadline) {
			g, _ := json.Marshal(got)
			t.Fatalf("the draft of %s never had %s: %s", id, what, g)
		}
	}
}

// altShift presses Alt+Shift and a letter, as a shortcut.
func altShift(letter string) chromedp.Action {
	return chord(letter, input.ModifierAlt|input.ModifierShift)
}

// ctrl presses Ctrl and a letter.
func ctrl(letter string) chromedp.Action { return chord(letter, input.ModifierCtrl) }

// chord presses a letter key (A-Z) with modifiers as a keyboard sends a
// shortcut: a key down that types no text (chromedp.KeyEvent would add
// the letter's text, which a browser types even when the page takes the
// key), then up.
func chord(letter string, mods input.Modifier) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		key, code, vk := letter, "Key"+strings.ToUpper(letter), int64(strings.ToUpper(letter)[0])
		for _, typ := range []input.KeyType{input.KeyRawDown, input.KeyUp} {
			if err := input.DispatchKeyEvent(typ).WithKey(key).WithCode(code).WithModifiers(mods).
				WithWindowsVirtualKeyCode(vk).WithNativeVirtualKeyCode(vk).Do(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// waitValue waits until the field with the id holds want.
func waitValue(id, want string) chromedp.Action {
	w, _ := json.Marshal(want)
	return browsertest.WaitFor(`document.getElementById("`+id+`")?.value === `+string(w), 10*time.Second)
}

// announced is the text of the editor's status line for moves and undos.
const announced = `.studio-forms > [role="status"]`

// TestStudioUndo: typing in a field is one step, undone and redone with
// the buttons, which name it; the server's draft after the undo is the
// case as it was; an event removed comes back with the question and the
// correction that named it; Ctrl+Z in a text field stays the field's.
func TestStudioUndo(t *testing.T) {
	browsertest.Parallel(t)
	b, api := openCase(t, "undo-case", undoCase(t, "undo-case"))
	original := draftOf(t, api, "undo-case")

	b.Run(t, waitText("#undo", "Undo"), waitText("#redo", "Redo"))
	var off bool
	b.Run(t, chromedp.Evaluate(`document.getElementById("undo").disabled && document.getElementById("redo").disabled`, &off))
	if !off {
		t.Error("with nothing done yet, Undo and Redo are not both disabled")
	}

	// Typing is one step, named.
	b.Run(t, typeInto("#f-events-0-title", " (amended)"), waitText("#undo", "Undo: event 1 title"))
	waitDraft(t, api, "undo-case", `"title":"Suit filed (amended)"`)
	b.Run(t, waitText("#save-state", "All changes saved"))

	// Undone by the button: the whole typing at once, announced; Undo has
	// nothing left, so the focus goes to Redo.
	b.Run(t, click("undo"), waitValue("f-events-0-title", "Suit filed"), waitText("#redo", "Redo: event 1 title"),
		waitText(announced, "Undone: event 1 title."))
	if got := activeID(t, b); got != "redo" {
		t.Errorf("after the last undo, the focus is on %q; want Redo", got)
	}
	// The undo after a save is saved too: the draft is the case as it was.
	waitDraftIs(t, api, "undo-case", original)

	// Redone with the keyboard, then undone again with Ctrl+Z outside a
	// text field.
	b.Run(t, chromedp.KeyEvent(kb.Enter), waitValue("f-events-0-title", "Suit filed (amended)"), waitText(announced, "Redone: event 1 title."))
	if got := activeID(t, b); got != "undo" {
		t.Errorf("after the last redo, the focus is on %q; want Undo", got)
	}
	waitDraft(t, api, "undo-case", `"title":"Suit filed (amended)"`)
	if got := activeID(t, b); got != "undo" {
		t.Logf("before Ctrl+Z, the focus is on %q (the preview's frame reloads after each save); back to Undo", got)
	}
	b.Run(t, chromedp.Focus("#undo", chromedp.ByID), ctrl("z"), waitValue("f-events-0-title", "Suit filed"))
	waitDraftIs(t, api, "undo-case", original)

	// An event removed, then undone with Alt+Shift+Z: it is back, and the
	// question and the correction name it again.
	b.Run(t,
		chromedp.Click(`button[aria-label="Remove event 2"]`, chromedp.ByQuery),
		waitText("#f-events-1-heading", "Event 2: Judge decides"),
		waitText("#undo", "Undo: remove event 2"),
	)
	waitDraftWhere(t, api, "undo-case", "no event answered, named nowhere", func(c map[string]any) bool {
		b, _ := json.Marshal(c)
		return !strings.Contains(string(b), `"answered"`)
	})
	b.Run(t, altShift("Z"), waitText("#f-events-1-heading", "Event 2: Answer filed"), waitText(announced, "Undone: remove event 2."))
	var ticked bool
	b.Run(t, chromedp.Evaluate(`document.getElementById("f-quiz-questions-0-events-1-about").checked &&
		document.getElementById("f-corrections-0-event").value === "answered"`, &ticked))
	if !ticked {
		t.Error("after undoing the removal, the question's event box or the correction's event is not back")
	}
	waitDraftIs(t, api, "undo-case", original)
	b.CheckAxe(t, "the editor with Undo and Redo")
	b.Run(t, chromedp.Evaluate(`window.scrollTo(0, 0)`, nil))
	b.Screenshot(t, "studio-undo-1280")

	// Alt+Shift+Z in a text field undoes the case's last step there, and
	// the focus stays in the field.
	b.Run(t, typeInto("#f-court", " East"), waitText("#undo", "Undo: court"), altShift("Z"), waitValue("f-court", "District Court"))
	if got := activeID(t, b); got != "f-court" {
		t.Errorf("after Alt+Shift+Z in the court's field, the focus is on %q; want the field", got)
	}

	// Ctrl+Z in a text field is the field's own: the Studio leaves it to
	// the browser, whose undo takes back typing, and the case follows the
	// field as after any typing.
	b.Run(t,
		chromedp.Evaluate(`window.addEventListener("keydown", e => { window.lastKey = {key: e.key, prevented: e.defaultPrevented}; })`, nil),
		typeInto("#f-summary", " Today"),
		waitText("#undo", "Undo: summary"),
		ctrl("z"),
		browsertest.WaitFor(`document.getElementById("f-summary").value !== "A case to fill. Today"`, 10*time.Second),
	)
	var last struct {
		Key       string `json:"key"`
		Prevented bool   `json:"prevented"`
	}
	var summary string
	b.Run(t, chromedp.Evaluate(`window.lastKey`, &last), chromedp.Value("#f-summary", &summary, chromedp.ByID))
	if last.Key != "z" || last.Prevented || !strings.HasPrefix(summary, "A case to fill.") {
		t.Errorf("Ctrl+Z in a text field: %+v, the field holds %q; want it left to the field's own undo", last, summary)
	}
	if got := textOf(t, b, announced); got != "Undone: court." {
		t.Errorf("after Ctrl+Z in a text field, the Studio announced %q; want nothing new (the court's undo before)", got)
	}
	waitDraftWhere(t, api, "undo-case", "the summary as the field holds it", func(c map[string]any) bool { return c["summary"] == summary })

	// Typing in an event's form after events were added (its list grown
	// into a new array) and after undos (a new case) lands in the case.
	b.Run(t, click("f-events"), waitText("#undo", "Undo: add event"), click("f-events"), click("undo"),
		browsertest.WaitFor(`document.querySelectorAll('li[data-drag-list="events"]').length === 4`, 10*time.Second),
		typeInto("#f-events-0-title", " first"))
	waitDraft(t, api, "undo-case", `"title":"Suit filed first"`)
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestStudioShortcuts: the shortcuts are listed and on their buttons;
// Alt+Shift+S saves at once; Alt+Shift+P says why it cannot publish, and
// publishes once it can.
func TestStudioShortcuts(t *testing.T) {
	browsertest.Parallel(t)
	b, api := openCase(t, "keys-case", undoCase(t, "keys-case"))

	list := textOf(t, b, ".studio-shortcuts")
	for _, want := range []string{"Keyboard shortcuts", "Alt+Shift+S", "Alt+Shift+P", "Alt+Shift+Z", "Alt+Shift+Y"} {
		if !strings.Contains(list, want) {
			t.Errorf("the shortcuts' list lacks %q: %s", want, list)
		}
	}
	var keys map[string]string
	b.Run(t, chromedp.Evaluate(`Object.fromEntries(["publish", "save-now", "undo", "redo"].map(id => [id, document.getElementById(id).getAttribute("aria-keyshortcuts")]))`, &keys))
	if want := map[string]string{"publish": "Alt+Shift+P", "save-now": "Alt+Shift+S", "undo": "Alt+Shift+Z", "redo": "Alt+Shift+Y"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("aria-keyshortcuts = %v; want %v", keys, want)
	}

	// Nothing to save yet.
	b.Run(t, chromedp.Focus("#f-summary", chromedp.ByID), altShift("S"), waitText(announced, "Nothing to save: every change is saved."))

	// A change, saved at once from the field it was typed in; the key
	// types nothing into it.
	b.Run(t, typeInto("#f-summary", " More."), altShift("P"))
	b.Run(t, waitText("#publish-result", "Not published: publishing waits until every change is saved. Save now with Alt+Shift+S."))
	b.Run(t, altShift("S"), waitText(announced, "Saving now."))
	waitDraft(t, api, "keys-case", `"summary":"A case to fill. More."`)
	b.Run(t, waitValue("f-summary", "A case to fill. More."))

	// Published from the keyboard, once valid and saved.
	b.Run(t, waitText("#save-state", "All changes saved"), altShift("P"), waitText("#publish-result", "Published version 1."))

	// A problem: publishing says why it waits.
	b.Run(t, choose("f-title", ""),
		browsertest.WaitFor(`!document.getElementById("problem-count").textContent.startsWith("No problems")`, 10*time.Second),
		altShift("P"), waitText("#publish-result", "Not published: publishing waits until there are no problems."))
	b.CheckAxe(t, "the editor after the shortcuts")
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// dragTo drags item from of a list by its handle onto item to, with the
// events a person's drag fires (chromedp's mouse does not drive HTML5
// drag and drop), and reports whether the drop was taken.
func dragTo(list string, from, to int) string {
	return `(() => {
		const item = i => document.querySelector('li[data-drag-list="` + list + `"][data-drag-index="' + i + '"]');
		const handle = item(` + strconv.Itoa(from) + `).querySelector(".studio-drag"), target = item(` + strconv.Itoa(to) + `).querySelector("h3");
		const dt = new DataTransfer(), ev = type => new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: dt});
		handle.dispatchEvent(ev("dragstart"));
		const over = !target.dispatchEvent(ev("dragover"));
		const marked = item(` + strconv.Itoa(to) + `).className;
		const dropped = !target.dispatchEvent(ev("drop"));
		handle.dispatchEvent(ev("dragend"));
		return "over " + over + ", marked " + marked + ", dropped " + dropped;
	})()`
}

// eventIDs are the ids of the draft's events, in order.
func eventIDs(c map[string]any, list string) []string {
	var ids []string
	for _, e := range c[list].([]any) {
		ids = append(ids, e.(map[string]any)["id"].(string))
	}
	return ids
}

// TestStudioDrag: an event dragged by its handle onto the last one takes
// its place, announced, saved in that order, and undone as one step; a
// glossary term likewise.
func TestStudioDrag(t *testing.T) {
	browsertest.Parallel(t)
	b, api := openCase(t, "drag-case", undoCase(t, "drag-case"))
	original := draftOf(t, api, "drag-case")

	var got string
	b.Run(t, chromedp.Evaluate(dragTo("events", 0, 2), &got))
	if want := "over true, marked studio-item studio-drop-below, dropped true"; got != want {
		t.Errorf("the drag: %s; want %s", got, want)
	}
	b.Run(t, waitText("#f-events-2-heading", "Event 3: Suit filed"), waitText(announced, "Event “Suit filed” is now number 3 of 3."),
		waitText("#undo", "Undo: move event 1 to 3"))
	var marks int
	b.Run(t, chromedp.Evaluate(`document.querySelectorAll(".studio-drop-below, .studio-drop-above, .studio-dragging").length`, &marks))
	if marks != 0 {
		t.Errorf("after the drop, %d items are still marked", marks)
	}
	waitDraftWhere(t, api, "drag-case", "the events in the order answered, decided, filed", func(c map[string]any) bool {
		return strings.Join(eventIDs(c, "events"), ",") == "answered,decided,filed"
	})
	b.CheckAxe(t, "the editor after a drag")

	// A term dragged up onto the first.
	b.Run(t, chromedp.Evaluate(dragTo("glossary", 1, 0), &got))
	if want := "over true, marked studio-item studio-drop-above, dropped true"; got != want {
		t.Errorf("the term's drag: %s; want %s", got, want)
	}
	b.Run(t, waitText("#f-glossary-0-heading", "Term 1: Answer"))

	// Both undone: the draft is the case as it was.
	b.Run(t, click("undo"), waitText("#f-glossary-0-heading", "Term 1: Complaint"),
		click("undo"), waitText("#f-events-0-heading", "Event 1: Suit filed"))
	waitDraftIs(t, api, "drag-case", original)

	// A drag from elsewhere (a file, some text) is not taken.
	var notTaken bool
	b.Run(t, chromedp.Evaluate(`(() => { const dt = new DataTransfer(); dt.setData("text/plain", "x");
		return document.querySelector('li[data-drag-list="events"] h3').dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt})); })()`, &notTaken))
	if !notTaken {
		t.Error("a drag of text over an event was taken")
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestStudioUndoConflict: when someone else saved first, the editor's
// history stays with the editor's version: their version shown has
// nothing to undo, and the editor's comes back with its steps.
func TestStudioUndoConflict(t *testing.T) {
	browsertest.Parallel(t)
	b, api := openCase(t, "undo-shared", undoCase(t, "undo-shared"))
	var draft struct {
		Revision int64          `json:"revision"`
		Case     map[string]any `json:"case"`
	}
	api.must("GET", "/api/editor/cases/undo-shared/draft", nil, 200, &draft)
	draft.Case["summary"] = "Their summary."
	api.must("PUT", "/api/editor/cases/undo-shared/draft", map[string]any{"revision": draft.Revision, "case": draft.Case}, 200, nil)

	b.Run(t, typeInto("#f-court", " East"),
		browsertest.WaitFor(`document.getElementById("save-state").textContent === "Not saved: someone else changed this case"`, 30*time.Second),
		waitText("#undo", "Undo: court"),
		chromedp.Click(`//button[text()="Show their version"]`, chromedp.BySearch),
		waitValue("f-summary", "Their summary."), waitText("#undo", "Undo"),
	)
	var off bool
	b.Run(t, chromedp.Evaluate(`document.getElementById("undo").disabled`, &off))
	if !off {
		t.Error("their version shown: Undo is not disabled")
	}
	b.Run(t,
		chromedp.Click(`//button[text()="Show my version"]`, chromedp.BySearch),
		waitValue("f-court", "District Court East"), waitText("#undo", "Undo: court"),
		click("undo"), waitValue("f-court", "District Court"),
	)
	// Saved over theirs: the undone court, the editor's summary.
	b.Run(t, chromedp.Click(`//button[text()="Save my version over theirs"]`, chromedp.BySearch))
	waitDraftWhere(t, api, "undo-shared", "the editor's version, the court undone", func(c map[string]any) bool {
		return c["court"] == "District Court" && c["summary"] == "A case to fill."
	})
	b.CheckAxe(t, "the editor after a conflict and an undo")
}
