package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/casefile"
	"docket/internal/cli"
	"docket/web"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The Studio's end-to-end tests: a reporter signs in, creates a case,
// fills its forms until the validator is content, watches the autosave,
// publishes and finds the case on its public page; and two editors of one
// case, where the second save is refused and its text kept. Axe checks
// every screen; screenshots at 1280 and 320 px go to bin/screenshots.

// studioServer starts a server with a database holding the editor "ed",
// and returns it with an API client signed in as ed.
func studioServer(t *testing.T, flags ...string) (*browsertest.Server, *editorClient) {
	t.Helper()
	srv, c, _ := studioServerDB(t, flags...)
	return srv, c
}

// studioServerDB is studioServer, with the database's URL.
func studioServerDB(t *testing.T, flags ...string) (*browsertest.Server, *editorClient, string) {
	t.Helper()
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "docket.db")
	var out bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &out, Web: web.FS, Getenv: func(k string) string {
		return map[string]string{"DOCKET_PASSWORD": editorPassword}[k]
	}}
	if code := cli.Run(context.Background(), []string{"user", "add", "-db", dbURL, "-name", "Ed Itor", "ed"}, env); code != 0 {
		t.Fatalf("docket user add: %s", out.String())
	}
	srv := browsertest.StartServer(t, append([]string{"-db", dbURL}, flags...)...)
	c := newEditorClient(t, srv.URL)
	if len(flags) == 0 {
		c.signIn("ed", editorPassword)
	}
	return srv, c, dbURL
}

// studioSignIn signs in through the sign-in form and waits for the
// Studio's program to be running.
func studioSignIn(t *testing.T, b *browsertest.Browser, srv *browsertest.Server, path string) {
	t.Helper()
	b.Run(t,
		chromedp.Navigate(srv.URL+path),
		chromedp.WaitVisible("#login", chromedp.ByQuery),
		chromedp.SendKeys("#login", "ed", chromedp.ByQuery),
		chromedp.SendKeys("#password", editorPassword, chromedp.ByQuery),
		chromedp.Click(`button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`html[data-studio="ready"]`, chromedp.ByQuery),
	)
	if path != "/studio/" {
		b.Run(t, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(`html[data-studio="ready"]`, chromedp.ByQuery))
	}
}

// typeInto types text into a field as a person does, key by key, once
// the page has drawn what came before (settled).
func typeInto(sel, text string) chromedp.Action {
	return chromedp.Tasks{settled(), chromedp.SendKeys(sel, text, chromedp.ByQuery)}
}

// settled waits until the page has drawn two frames (or 250 ms have
// passed). go-app draws what an event changed a moment after the event,
// and an action aimed at the page as it was can miss: a click lands
// beside a button that a vanished problem message moved between the press
// and the release (the button keeps the focus, no click is sent), or keys
// go to a node the draw replaced.
func settled() chromedp.Action {
	return browsertest.Eval(`new Promise(r => { requestAnimationFrame(() => requestAnimationFrame(() => r(true))); setTimeout(() => r(true), 250); })`, nil)
}

// choose sets a select or a date field, whose widgets keys do not drive
// alike in every locale, and tells the page as the browser would.
func choose(id, value string) chromedp.Action {
	js, _ := json.Marshal(value)
	return chromedp.Evaluate(`(() => { const el = document.getElementById("`+id+`"); el.value = `+string(js)+`;
		el.dispatchEvent(new Event("input", {bubbles: true})); el.dispatchEvent(new Event("change", {bubbles: true})); })()`, nil)
}

// click clicks an element by id once it is on the page and the page has
// settled.
func click(id string) chromedp.Action {
	return chromedp.Tasks{settled(), chromedp.Click("#"+id, chromedp.ByID)}
}

// waitText waits until an element's text is want; the page renders on
// its next frame after an event.
func waitText(sel, want string) chromedp.Action {
	s, _ := json.Marshal(sel)
	w, _ := json.Marshal(want)
	return browsertest.WaitFor(`document.querySelector(`+string(s)+`)?.textContent === `+string(w), 10*time.Second)
}

// waitDraft waits until the server's draft of case id contains want,
// and returns it.
func waitDraft(t *testing.T, api *editorClient, id, want string) string {
	t.Helper()
	var draft struct {
		Case json.RawMessage `json:"case"`
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		api.must("GET", "/api/editor/cases/"+id+"/draft", nil, 200, &draft)
		if strings.Contains(string(draft.Case), want) {
			return string(draft.Case)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the draft of %s never held %s: %s", id, want, draft.Case)
		}
	}
}

// activeID is the id of the element that has the focus.
func activeID(t *testing.T, b *browsertest.Browser) string {
	t.Helper()
	var id string
	b.Run(t, chromedp.Evaluate(`document.activeElement.id`, &id))
	return id
}

// textOf reads an element's text.
func textOf(t *testing.T, b *browsertest.Browser, sel string) string {
	t.Helper()
	var s string
	b.Run(t, chromedp.Text(sel, &s, chromedp.ByQuery))
	return s
}

// watchSaveState records every text the save status shows from now on.
const watchSaveState = `(() => { const el = document.getElementById("save-state"); window.saveStates = [el.textContent];
	new MutationObserver(() => { const s = el.textContent; if (window.saveStates.at(-1) !== s) window.saveStates.push(s); })
		.observe(el, {childList: true, characterData: true, subtree: true}); })()`

func TestStudioCreateFillPublish(t *testing.T) {
	browsertest.Parallel(t)
	srv, api := studioServer(t)
	b := browsertest.NewBrowser(t, browsertest.Options{})
	studioSignIn(t, b, srv, "/studio/")

	// The list: no case yet, and the cases from files, read-only.
	b.Run(t, chromedp.WaitVisible("#new-id", chromedp.ByID))
	b.CheckAxe(t, "the list of cases")
	b.Screenshot(t, "studio-list-1280")

	// Create a case.
	b.Run(t,
		typeInto("#new-id", "fence-case"),
		typeInto("#new-title", "The fence case"),
		click("create-case"),
		chromedp.WaitVisible("#f-summary", chromedp.ByID),
	)
	if got := textOf(t, b, "h1"); got != "The fence case" {
		t.Errorf("the editor's heading = %q", got)
	}
	if got := textOf(t, b, "#problem-count"); !strings.Contains(got, "problems to fix") {
		t.Errorf("a new case: %q; want problems", got)
	}
	b.CheckAxe(t, "the editor of a new case, with problems")

	// A problem takes the editor to its field.
	b.Run(t, chromedp.Click(`//button[contains(@class, "studio-problem")][contains(., "Case details: summary")]`, chromedp.BySearch))
	if focused := activeID(t, b); focused != "f-summary" {
		t.Errorf("after clicking the summary's problem, the focus is on %q; want f-summary", focused)
	}

	// Saves take 400 ms more on the way, so that "Saving…" is on screen
	// for a few frames: the test sees each state the editor would.
	b.Run(t, chromedp.Evaluate(watchSaveState, nil), network.Enable(), network.EmulateNetworkConditions(false, 400, -1, -1))
	// Details.
	b.Run(t,
		typeInto("#f-summary", "Neighbours argue over a fence."),
		typeInto("#f-court", "District Court"),
		typeInto("#f-docket", "1:24-cv-00001"),
		choose("f-status", "open"),
		choose("f-updated", "2024-05-01"),
		typeInto("#f-outcome", "Pending."),
		typeInto("#f-credits", "Written by Ed Itor"),
		click("f-parties"),
		typeInto("#f-parties-0-name", "Ann Neighbour"),
		typeInto("#f-parties-0-role", "plaintiff"),
		click("f-categories"),
		typeInto("#f-categories-0-label", "Court"),
	)
	// An event and a source, cited.
	b.Run(t,
		click("f-events"),
		typeInto("#f-events-0-date-value", "2024-04-01"),
		typeInto("#f-events-0-title", "Suit filed"),
		typeInto("#f-events-0-body", "Ann sues over the fence."),
		click("f-sources"),
		typeInto("#f-sources-0-title", "The complaint"),
		typeInto("#f-sources-0-publisher", "District Court"),
		typeInto("#f-sources-0-url", "https://example.org/complaint"),
	)
	b.Run(t, waitText("#cited", "The event has no source yet"), click("f-events-0-sources-0-cites"), waitText("#cited", "The event has a source"))
	// A second event, moved up and back down by keyboard, then removed: the
	// focus follows the event, and then goes to the list's Add button.
	b.Run(t,
		click("f-events"),
		typeInto("#f-events-1-title", "Answer filed"),
	)
	moveSecondUp(t, b, "f-events", "Event 1: Answer filed", "event")
	b.Run(t, chromedp.KeyEvent(kb.Enter), waitText("#f-events-1-heading", "Event 2: Answer filed"))
	if got := activeID(t, b); got != "f-events-1-down" && got != "f-events-1-up" {
		t.Errorf("after moving the event back down, the focus is on %q; want one of its move buttons", got)
	}
	b.Run(t, chromedp.Click(`button[aria-label="Remove event 2"]`, chromedp.ByQuery), waitText("#cited", "The event has a source"))
	if got := activeID(t, b); got != "f-events" {
		t.Errorf("after removing an event, the focus is on %q; want the Add an event button", got)
	}

	// The quiz's one question.
	b.Run(t,
		typeInto("#f-quiz-title", "What is a complaint?"),
		typeInto("#f-quiz-intro", "One question."),
		click("f-quiz-questions"),
		typeInto("#f-quiz-questions-0-prompt", "Who files the complaint?"),
		typeInto("#f-quiz-questions-0-choices", "The plaintiff\nThe court"),
		click("f-quiz-questions-0-answers-0-right"),
		typeInto("#f-quiz-questions-0-explanation", "The plaintiff starts the case."),
		click("f-quiz-questions-0-sources-0-cites"),
	)
	if err := chromedp.Run(b.Ctx, waitText("#problem-count", "No problems: ready to publish")); err != nil {
		got := textOf(t, b, "#problem-count")
		var problems []string
		b.Run(t, chromedp.Evaluate(`[...document.querySelectorAll(".studio-problem")].map(p => p.textContent)`, &problems))
		t.Fatalf("filled in: %q\n%s", got, strings.Join(problems, "\n"))
	}
	b.CheckAxe(t, "the editor of a valid case")

	// The autosave: saving, then saved; publishing waits for it.
	b.Run(t, browsertest.WaitFor(`document.getElementById("save-state").textContent === "All changes saved"`, 30*time.Second))
	var states []string
	b.Run(t, chromedp.Evaluate(`window.saveStates`, &states))
	saving := strings.Index(strings.Join(states, "|"), "Saving…")
	saved := strings.LastIndex(strings.Join(states, "|"), "All changes saved")
	if saving < 0 || saved < saving {
		t.Errorf("the save status showed %q; want Saving… then All changes saved", states)
	}
	b.Run(t, network.EmulateNetworkConditions(false, 0, -1, -1))
	checkRole(t, b, "#save-state", "status", "the save status")
	var draft struct {
		Revision int64           `json:"revision"`
		Case     json.RawMessage `json:"case"`
	}
	api.must("GET", "/api/editor/cases/fence-case/draft", nil, 200, &draft)
	// Every key typed is there: none lost to a render between two keys.
	for _, want := range []string{`"summary":"Neighbours argue over a fence."`, `"credits":["Written by Ed Itor"]`,
		`"body":["Ann sues over the fence."]`, `"choices":["The plaintiff","The court"]`} {
		if !strings.Contains(string(draft.Case), want) {
			t.Errorf("the saved draft lacks %s: %s", want, draft.Case)
		}
	}
	// The preview: the reader's page of the saved draft, 320 px wide.
	b.Run(t, browsertest.WaitInFrame(srv.URL+"/studio/preview/cases/fence-case/",
		`document.documentElement.dataset.docket === "ready" && document.querySelector("h1")?.textContent === "The fence case" && document.body.textContent.includes("Suit filed")`,
		30*time.Second))
	var frameWidth int
	b.Run(t, browsertest.InFrame(srv.URL+"/studio/preview/cases/fence-case/", `window.innerWidth`, &frameWidth))
	if frameWidth != 320 {
		t.Errorf("the preview's window is %d px wide; want 320, a phone's", frameWidth)
	}
	// An event clicked in the preview's list opens its form.
	b.Run(t,
		browsertest.InFrame(srv.URL+"/studio/preview/cases/fence-case/", `document.querySelector("li.event#event-1").click()`, nil),
		browsertest.WaitFor(`document.activeElement.id === "f-events-0-title"`, 10*time.Second),
	)
	b.Run(t, chromedp.Evaluate(`window.scrollTo(0, 0)`, nil))
	b.Screenshot(t, "studio-editor-1280")

	// Publish with a note.
	b.Run(t,
		typeInto("#publish-note", "First version"),
		browsertest.WaitFor(`!document.getElementById("publish").disabled`, 10*time.Second),
		click("publish"),
		browsertest.WaitFor(`document.getElementById("publish-result").textContent === "Published version 1."`, 20*time.Second),
	)
	var note string
	b.Run(t, chromedp.Value("#publish-note", &note, chromedp.ByID))
	if note != "" {
		t.Errorf("after publishing, the note field still holds %q (the focus is on %q)", note, activeID(t, b))
	}
	if got := textOf(t, b, ".studio-versions ol"); !strings.Contains(got, "Version 1") || !strings.Contains(got, "ed") || !strings.Contains(got, "First version") {
		t.Errorf("the versions list = %q; want version 1 by ed, with its note", got)
	}
	b.CheckAxe(t, "the editor after publishing")

	// At 320 px.
	b.Run(t, browsertest.EmulateWidth(320, 800))
	b.Screenshot(t, "studio-editor-320")
	b.CheckAxe(t, "the editor at 320 px")
	b.Run(t, chromedp.Navigate(srv.URL+"/studio/"), chromedp.WaitVisible(`html[data-studio="ready"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href="/studio/cases/fence-case"]`, chromedp.ByQuery))
	if got := textOf(t, b, ".studio-table tbody"); !strings.Contains(got, "Published") {
		t.Errorf("the list shows %q; want the case published", got)
	}
	b.Screenshot(t, "studio-list-320")
	b.Run(t, browsertest.EmulateWidth(1280, 900))

	// The public page shows the event.
	var page string
	b.Run(t,
		chromedp.Navigate(srv.URL+"/cases/fence-case/"),
		browsertest.WaitReady(),
		chromedp.Text("body", &page, chromedp.ByQuery),
	)
	if !strings.Contains(page, "Suit filed") || !strings.Contains(page, "The fence case") {
		t.Errorf("the public page lacks the case or its event:\n%.500s", page)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestStudioSecondCase: a new editor starts the second case from the
// shipped one, which is valid as it is, and publishes it.
func TestStudioSecondCase(t *testing.T) {
	browsertest.Parallel(t)
	srv, _ := studioServer(t)
	b := browsertest.NewBrowser(t, browsertest.Options{})
	studioSignIn(t, b, srv, "/studio/")
	b.Run(t,
		chromedp.Click(`button[aria-label^="Duplicate “Twitter v. DHS"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#dup-id", chromedp.ByID),
	)
	if got := activeID(t, b); got != "dup-id" {
		t.Errorf("the duplicate form opened with the focus on %q; want its id field", got)
	}
	b.CheckAxe(t, "the list, duplicating a case")
	b.Run(t,
		duplicateAs("second-case"),
		publish("Started from the shipped case", "Published version 1."),
	)
	var page string
	b.Run(t, chromedp.Navigate(srv.URL+"/cases/second-case/"), browsertest.WaitReady(), chromedp.Text("h1", &page, chromedp.ByQuery))
	if !strings.HasPrefix(page, "Copy of Twitter v. DHS") {
		t.Errorf("the second case's public page: h1 %q", page)
	}
}

// TestStudioConflict: two editors open one case; the first saves; the
// second's save is refused, its text is kept in its form, the conflict is
// shown and announced, and the server keeps the first's.
func TestStudioConflict(t *testing.T) {
	browsertest.Parallel(t)
	srv, api := studioServer(t)
	api.must("POST", "/api/editor/cases", map[string]any{"id": "shared", "case": titled("shared", "Shared")}, 201, nil)
	first := browsertest.NewBrowser(t, browsertest.Options{})
	second := browsertest.NewBrowser(t, browsertest.Options{})
	for _, b := range []*browsertest.Browser{first, second} {
		studioSignIn(t, b, srv, "/studio/cases/shared")
		b.Run(t, chromedp.WaitVisible("#f-summary", chromedp.ByID))
	}
	first.Run(t, typeInto("#f-summary", "The first editor's summary."))
	waitDraft(t, api, "shared", "The first editor's summary.")
	second.Run(t,
		typeInto("#f-court", "The second editor's court"),
		browsertest.WaitFor(`document.getElementById("save-state").textContent === "Not saved: someone else changed this case"`, 30*time.Second),
	)
	var court string
	second.Run(t, chromedp.Value("#f-court", &court, chromedp.ByID))
	if court != "The second editor's court" {
		t.Errorf("after the conflict, the second editor's field holds %q; want their text kept", court)
	}
	box := textOf(t, second, ".studio-conflict")
	for _, want := range []string{"Someone else changed this case", "ed saved it", "summary changed"} {
		if !strings.Contains(box, want) {
			t.Errorf("the conflict box lacks %q:\n%s", want, box)
		}
	}
	checkRole(t, second, ".studio-conflict p", "alert", "the conflict")
	second.CheckAxe(t, "the editor in a conflict")
	second.Screenshot(t, "studio-conflict-1280")
	var draft struct {
		Case json.RawMessage `json:"case"`
	}
	api.must("GET", "/api/editor/cases/shared/draft", nil, 200, &draft)
	if !strings.Contains(string(draft.Case), "The first editor's summary.") || strings.Contains(string(draft.Case), "second editor") {
		t.Errorf("the server's draft after the refused save: %s; want the first editor's only", draft.Case)
	}

	// The second editor looks at the first's version (their own court is
	// empty there), comes back to their own, and saves it over, on purpose.
	second.Run(t,
		chromedp.Click(`//button[text()="Show their version"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//button[text()="Show my version"]`, chromedp.BySearch),
		browsertest.WaitFor(`document.getElementById("f-summary").value === "The first editor's summary." && document.getElementById("f-court").value === ""`, 10*time.Second),
		chromedp.Click(`//button[text()="Show my version"]`, chromedp.BySearch),
		browsertest.WaitFor(`document.getElementById("f-summary").value === "" && document.getElementById("f-court").value === "The second editor's court"`, 10*time.Second),
	)
	second.Run(t, chromedp.Click(`//button[text()="Save my version over theirs"]`, chromedp.BySearch))
	if err := chromedp.Run(second.Ctx, browsertest.WaitFor(`document.getElementById("save-state").textContent === "All changes saved"`, 30*time.Second)); err != nil {
		t.Fatalf("saving over theirs: %v; the status says %q\nconsole: %q\n%s", err, textOf(t, second, "#save-state"), second.Console(), srv.Logs())
	}
	api.must("GET", "/api/editor/cases/shared/draft", nil, 200, &draft)
	if !strings.Contains(string(draft.Case), "The second editor's court") {
		t.Errorf("after keeping theirs, the server's draft: %s", draft.Case)
	}
}

// TestStudioOfflineAndLeaving: with the network cut, a change waits,
// shown as offline, and is saved once the server answers again; a change
// made just before leaving the page is saved as the page goes.
func TestStudioOfflineAndLeaving(t *testing.T) {
	browsertest.Parallel(t)
	srv, api := studioServer(t)
	api.must("POST", "/api/editor/cases", map[string]any{"id": "away", "case": map[string]any{"id": "away", "title": "Away"}}, 201, nil)
	b := browsertest.NewBrowser(t, browsertest.Options{})
	studioSignIn(t, b, srv, "/studio/cases/away")
	b.Run(t,
		chromedp.WaitVisible("#f-summary", chromedp.ByID),
		network.Enable(),
		network.EmulateNetworkConditions(true, 0, -1, -1),
		typeInto("#f-summary", "Written offline."),
		waitText("#save-state", "Offline: your changes are kept in this browser and saved when the server answers again"),
	)
	b.CheckAxe(t, "the editor, offline")
	b.Run(t,
		network.EmulateNetworkConditions(false, 0, -1, -1),
		browsertest.WaitFor(`document.getElementById("save-state").textContent === "All changes saved"`, 30*time.Second),
	)
	var draft struct {
		Case json.RawMessage `json:"case"`
	}
	api.must("GET", "/api/editor/cases/away/draft", nil, 200, &draft)
	if !strings.Contains(string(draft.Case), `"summary":"Written offline."`) {
		t.Errorf("after coming back online, the draft: %s", draft.Case)
	}

	// A change, and the page left before the autosave's pause is over.
	b.Run(t,
		typeInto("#f-court", "Typed while leaving"),
		chromedp.Navigate(srv.URL+"/cases/"),
	)
	waitDraft(t, api, "away", `"court":"Typed while leaving"`)
}

// TestStudioUnderBase: served under -base, the Studio finds its program,
// its API and its pages under the base path.
func TestStudioUnderBase(t *testing.T) {
	// Not in parallel (browsertest.Parallel): its server runs under /explainers/.
	srv, _ := studioServer(t, "-base", "/explainers/")
	b := browsertest.NewBrowser(t, browsertest.Options{})
	b.Run(t,
		chromedp.Navigate(srv.URL+"/explainers/studio/"),
		chromedp.WaitVisible("#login", chromedp.ByQuery),
		chromedp.SendKeys("#login", "ed", chromedp.ByQuery),
		chromedp.SendKeys("#password", editorPassword, chromedp.ByQuery),
		chromedp.Click(`button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`html[data-studio="ready"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#new-id", chromedp.ByID),
		typeInto("#new-id", "based"),
		typeInto("#new-title", "Under a base"),
		click("create-case"),
		chromedp.WaitVisible("#f-summary", chromedp.ByID),
	)
	var path string
	b.Run(t, chromedp.Evaluate(`location.pathname`, &path))
	if path != "/explainers/studio/cases/based" {
		t.Errorf("the new case opened at %s; want /explainers/studio/cases/based", path)
	}
	if got := textOf(t, b, "h1"); got != "Under a base" {
		t.Errorf("the editor's heading = %q", got)
	}
	b.Run(t, click("f-parties"), typeInto("#f-parties-0-name", "A party"))
	api := newEditorClient(t, srv.URL+"/explainers")
	api.signIn("ed", editorPassword)
	waitDraft(t, api, "based", `"name":"A party"`)
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestStudioVersionsAndAnswers: a case published, changed and published
// again; the two versions compared, with the change in words; the old one
// rolled back, which restores the draft; how readers answered, below the
// threshold and above it.
func TestStudioVersionsAndAnswers(t *testing.T) {
	browsertest.Parallel(t)
	srv, api, dbURL := studioServerDB(t)
	b := browsertest.NewBrowser(t, browsertest.Options{})
	studioSignIn(t, b, srv, "/studio/")
	b.Run(t,
		chromedp.Click(`button[aria-label^="Duplicate “Twitter v. DHS"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#dup-id", chromedp.ByID),
		duplicateAs("versions-case"),
		publish("First", "Published version 1."),
	)

	// How readers answered: nobody yet, then 30 readers of the first
	// question, all wrong.
	var v1 struct {
		Case json.RawMessage `json:"case"`
	}
	api.must("GET", "/api/editor/cases/versions-case/versions/1", nil, 200, &v1)
	c, err := casefile.Decode("version 1", v1.Case)
	if err != nil {
		t.Fatal(err)
	}
	q := c.Quiz.Questions[0]
	wrong := 0
	for slices.Contains(q.Answers, wrong) {
		wrong++
	}
	b.Run(t, browsertest.WaitFor(`document.querySelector("#answers-table tbody tr td")?.textContent === "Not enough answers yet (0 of 30)"`, 10*time.Second))
	if got := textOf(t, b, "#answers-hardest"); got != "No question has enough answers yet to say which is hardest." {
		t.Errorf("no answers: %q", got)
	}
	b.CheckAxe(t, "the answers, below the threshold")

	// The embed code, the oEmbed address, the draft as JSON.
	var oembed, embedCode string
	b.Run(t, chromedp.Value("#oembed-url", &oembed, chromedp.ByID),
		chromedp.Evaluate(`document.getElementById("embed-code").href`, &embedCode))
	if want := srv.URL + "/oembed?url=" + url.QueryEscape(srv.URL+"/cases/versions-case/") + "&format=json"; oembed != want {
		t.Errorf("the oEmbed address = %q; want %q", oembed, want)
	}
	if embedCode != srv.URL+"/embed-code/versions-case" {
		t.Errorf("the embed code's link = %q", embedCode)
	}
	got := studioDownload(t, b, "download-json")
	if d, err := casefile.Decode(got.Name, []byte(got.Text)); got.Name != "versions-case.json" || err != nil || d.ID != "versions-case" {
		t.Errorf("the download: %q, %v, %.80q", got.Name, err, got.Text)
	}
	if got := studioDownload(t, b, "download-csv"); got.Name != "versions-case.timeline.csv" || !strings.Contains(got.Text, "Headline") {
		t.Errorf("the TimelineJS sheet: %q, %.80q", got.Name, got.Text)
	}
	if got := textOf(t, b, "#timeline-note"); !strings.HasPrefix(got, "TimelineJS has no place for: ") {
		t.Errorf("what TimelineJS leaves out: %q", got)
	}
	seedAnswers(t, countsDB(t, dbURL), c, q, wrong, 29)
	b.Run(t, click("answers-refresh"), browsertest.WaitFor(`document.querySelector("#answers-table tbody tr td")?.textContent === "Not enough answers yet (29 of 30)"`, 10*time.Second))
	seedAnswers(t, countsDB(t, dbURL), c, q, wrong, 1)
	b.Run(t, click("answers-refresh"), browsertest.WaitFor(`document.querySelector("#answers-table tbody tr td")?.textContent === "30 readers"`, 10*time.Second))
	row := textOf(t, b, "#answers-table tbody tr")
	for _, want := range []string{q.Prompt + " (hardest)", "Most readers got this wrong: only 0% of 30 readers got it right.", "“" + q.Choices[wrong] + "”, 100% (30 readers)"} {
		if !strings.Contains(row, want) {
			t.Errorf("the first question's row %q lacks %q", row, want)
		}
	}
	if got := textOf(t, b, "#answers-hardest"); !strings.HasPrefix(got, "Hardest question: “"+q.Prompt+"”") {
		t.Errorf("the hardest question: %q", got)
	}
	b.CheckAxe(t, "the answers, above the threshold")
	b.ScreenshotElement(t, "studio-answers-1280", ".studio-answers-panel")

	// Change the summary, publish again, compare.
	var oldSummary string
	b.Run(t, chromedp.Value("#f-summary", &oldSummary, chromedp.ByID))
	b.Run(t,
		chromedp.Evaluate(`document.getElementById("f-summary").select()`, nil),
		typeInto("#f-summary", "A new summary."),
		typeInto("#publish-note", "Second"),
	)
	waitDraft(t, api, "versions-case", "A new summary.")
	b.Run(t,
		browsertest.WaitFor(`!document.getElementById("publish").disabled`, 10*time.Second),
		click("publish"),
		waitText("#publish-result", "Published version 2."),
		chromedp.WaitVisible("#compare", chromedp.ByID),
		click("compare"),
		browsertest.WaitFor(`document.getElementById("compare-result").textContent.startsWith("From version 1 to version 2:")`, 10*time.Second),
	)
	diff := textOf(t, b, "#differences")
	if got := textOf(t, b, "#compare-result"); got != "From version 1 to version 2: 1 part differs." {
		t.Errorf("comparing: %q; want 1 part: %s", got, diff)
	}
	for _, want := range []string{"Changed: Case details", "summary", oldSummary, "→", "A new summary."} {
		if !strings.Contains(diff, want) {
			t.Errorf("the difference %q lacks %q", diff, want)
		}
	}
	b.CheckAxe(t, "two versions compared")
	b.Run(t, chromedp.ScrollIntoView("#compare-heading", chromedp.ByID))
	b.ScreenshotViewport(t, "studio-versions-1280")

	// Roll back to version 1: published as version 3, and the draft is
	// version 1 again.
	b.Run(t,
		choose("rollback-to", "1"),
		typeInto("#rollback-note", "Back to the first"),
		click("rollback"),
		waitText("#rollback-result", "Version 1 is published again, as version 3. The draft is version 1 again."),
	)
	var summary string
	b.Run(t, chromedp.Value("#f-summary", &summary, chromedp.ByID))
	if summary != oldSummary {
		t.Errorf("after the roll back, the summary field holds %q; want %q", summary, oldSummary)
	}
	if draft := waitDraft(t, api, "versions-case", oldSummary); strings.Contains(draft, "A new summary.") {
		t.Errorf("the draft after the roll back still has the new summary")
	}
	if got := textOf(t, b, ".studio-versions ol li"); !strings.Contains(got, "Version 3") || !strings.Contains(got, "(version 1 again)") {
		t.Errorf("the newest version: %q", got)
	}
	b.CheckAxe(t, "after a roll back")
	b.Run(t, choose("compare-a", "2"), choose("compare-b", "3"), click("compare"),
		waitText("#compare-result", "From version 2 to version 3: 1 part differs."))
}

// studioDownload clicks a download button and returns the file the page
// handed the browser: its name and text.
func studioDownload(t *testing.T, b *browsertest.Browser, id string) (file struct{ Name, Text string }) {
	t.Helper()
	// The page's CSP lets no fetch read a blob: the file is taken where
	// the page makes its address.
	b.Run(t, chromedp.Evaluate(`window.__download = new Promise(done => {
		const create = URL.createObjectURL, click = HTMLAnchorElement.prototype.click;
		let blob;
		URL.createObjectURL = b => { blob = b; URL.createObjectURL = create; return create.call(URL, b); };
		HTMLAnchorElement.prototype.click = function() {
			if (!this.download) return click.call(this);
			HTMLAnchorElement.prototype.click = click;
			const name = this.download;
			blob.text().then(text => done({name, text}));
		};
	})`, nil), click(id),
		chromedp.Evaluate(`window.__download`, &file, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	return file
}

// TestStudioImport starts a case from a TimelineJS sheet chosen in the
// file input: saved as a draft, its to-do listed; the same timeline as
// JSON dropped on the zone is refused, its id being taken.
func TestStudioImport(t *testing.T) {
	browsertest.Parallel(t)
	srv, api := studioServer(t)
	b := browsertest.NewBrowser(t, browsertest.Options{})
	studioSignIn(t, b, srv, "/studio/")
	csvPath, err := filepath.Abs("../timelinejs/testdata/gideon.csv")
	if err != nil {
		t.Fatal(err)
	}
	b.Run(t,
		chromedp.WaitVisible("#import-file", chromedp.ByID),
		chromedp.SetUploadFiles("#import-file", []string{csvPath}, chromedp.ByID),
		chromedp.WaitVisible("#import-report", chromedp.ByID),
	)
	report := textOf(t, b, "#import-report")
	for _, want := range []string{"Saved as a draft: “Gideon v. Wainwright” (gideon-v-wainwright).", "To do before the case can be published (", "court: add the court's name"} {
		if !strings.Contains(report, want) {
			t.Errorf("the import's report lacks %q:\n%s", want, report)
		}
	}
	waitDraft(t, api, "gideon-v-wainwright", "Clarence Earl Gideon")
	var open string
	b.Run(t, chromedp.Evaluate(`document.getElementById("import-open").getAttribute("href")`, &open))
	if open != "/studio/cases/gideon-v-wainwright" {
		t.Errorf("the link to the imported draft: %q", open)
	}
	b.CheckAxe(t, "the list, after an import")
	b.Screenshot(t, "studio-import-1280")

	jsonFile, err := os.ReadFile("../timelinejs/testdata/gideon.json")
	if err != nil {
		t.Fatal(err)
	}
	text, _ := json.Marshal(string(jsonFile))
	b.Run(t, chromedp.Evaluate(`(() => { const dt = new DataTransfer();
		dt.items.add(new File([`+string(text)+`], "gideon.json", {type: "application/json"}));
		document.getElementById("import-drop").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true})); })()`, nil),
		chromedp.WaitVisible("#import-error", chromedp.ByID))
	if got := textOf(t, b, "#import-error"); !strings.HasPrefix(got, "Not imported: ") || !strings.Contains(got, "gideon-v-wainwright") {
		t.Errorf("importing the same timeline again: %q", got)
	}
	b.Run(t, chromedp.Navigate(srv.URL+"/studio/cases/gideon-v-wainwright"), chromedp.WaitVisible("#f-summary", chromedp.ByID))
	if got := textOf(t, b, "h1"); got != "Gideon v. Wainwright" {
		t.Errorf("the imported draft's editor: h1 %q", got)
	}
}
