package e2e

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/pages"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// reporterCSV is a Google Sheets CSV in TimelineJS's template, as a
// reporter exports it: a title slide and three events, with no sources,
// and a typo ("servcie") to correct after publishing.
const reporterCSV = "testdata/reporter/ferry-landing.csv"

// TestStudioReporterPath is the whole path a reporter takes in the
// Studio, by clicks and keys: sign in; import a TimelineJS sheet and read
// its report; add sources until every event has one; write a two-question
// quiz; preview at 320 px; publish with a note; see the case on its public
// page and in an article, embedded with the code the Studio gives;
// correct a typo and publish again; compare the two versions; roll back,
// and see the public page go back. Axe checks each Studio screen; with
// STUDIO_SCREENSHOTS=dir set, each step is saved there as NN-step.jpg.
func TestStudioReporterPath(t *testing.T) {
	browsertest.Parallel(t)
	srv, api := studioServer(t)
	shots := newReporterShots(t)
	b := browsertest.NewBrowser(t, browsertest.Options{})

	// Sign in.
	b.Run(t, chromedp.Navigate(srv.URL+"/studio/"), chromedp.WaitVisible("#login", chromedp.ByQuery))
	b.CheckAxe(t, "the sign-in page")
	shots.take(t, b, "sign-in")
	studioSignIn(t, b, srv, "/studio/")

	// Import the sheet, chosen in the file input, and read the report.
	csvPath, err := filepath.Abs(reporterCSV)
	if err != nil {
		t.Fatal(err)
	}
	b.Run(t,
		chromedp.WaitVisible("#import-file", chromedp.ByID),
		chromedp.SetUploadFiles("#import-file", []string{csvPath}, chromedp.ByID),
		chromedp.WaitVisible("#import-report", chromedp.ByID),
	)
	const id = "the-ferry-landing-case"
	report := textOf(t, b, "#import-report")
	for _, want := range []string{
		"Saved as a draft: “The ferry landing case” (" + id + ").", "3 events",
		"To do before the case can be published (", "court: add the court's name",
		`event "the-company-sues" (line 3): add a source`, `event "a-hearing-is-set" (line 5): add a source`,
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the import's report lacks %q:\n%s", want, report)
		}
	}
	waitDraft(t, api, id, "servcie")
	b.CheckAxe(t, "the list, with the import's report")
	shots.take(t, b, "import-report")

	// The draft: nothing cited yet, and a list of problems.
	b.Run(t, click("import-open"), chromedp.WaitVisible("#f-summary", chromedp.ByID), waitText("#cited", "0 of 3 events have a source"))
	if got := textOf(t, b, "h1"); got != "The ferry landing case" {
		t.Errorf("the imported draft's heading = %q", got)
	}
	if got := textOf(t, b, "#problem-count"); !strings.Contains(got, "problems to fix") {
		t.Errorf("the imported draft: %q; want problems", got)
	}
	b.CheckAxe(t, "the imported draft")
	shots.take(t, b, "imported-draft")

	// The details the sheet had no place for.
	b.Run(t,
		typeInto("#f-court", "County Court"),
		typeInto("#f-docket", "24-CV-118"),
		choose("f-status", "open"),
		choose("f-updated", "2024-05-21"),
		typeInto("#f-outcome", "Pending."),
		click("f-parties"),
		typeInto("#f-parties-0-name", "Harbour Ferry Company"),
		typeInto("#f-parties-0-role", "plaintiff"),
		click("f-parties"),
		typeInto("#f-parties-1-name", "The town"),
		typeInto("#f-parties-1-role", "defendant"),
		typeInto("#f-credits", "Ed Itor"),
	)

	// Sources, each ticked in the events that rest on it: the count of
	// cited events climbs to all of them.
	b.Run(t,
		click("f-sources"),
		typeInto("#f-sources-0-title", "The company's complaint"),
		typeInto("#f-sources-0-publisher", "County Court"),
		typeInto("#f-sources-0-url", "https://example.org/complaint"),
		click("f-events-0-sources-0-cites"),
		waitText("#cited", "1 of 3 events have a source"),
		click("f-sources"),
		typeInto("#f-sources-1-title", "The court's docket"),
		typeInto("#f-sources-1-publisher", "County Court"),
		typeInto("#f-sources-1-url", "https://example.org/docket"),
		click("f-events-1-sources-1-cites"),
		waitText("#cited", "2 of 3 events have a source"),
		click("f-events-2-sources-1-cites"),
		waitText("#cited", "Every event has a source (3)"),
	)
	b.CheckAxe(t, "the draft, every event cited")
	shots.take(t, b, "sources")

	// A two-question quiz.
	b.Run(t,
		typeInto("#f-quiz-title", "The landing"),
		typeInto("#f-quiz-intro", "Two questions."),
		click("f-quiz-questions"),
		typeInto("#f-quiz-questions-0-prompt", "Who went to court?"),
		typeInto("#f-quiz-questions-0-choices", "The ferry company\nThe town"),
		click("f-quiz-questions-0-answers-0-right"),
		typeInto("#f-quiz-questions-0-explanation", "It sued in March."),
		click("f-quiz-questions-0-sources-0-cites"),
		click("f-quiz-questions"),
		typeInto("#f-quiz-questions-1-prompt", "Why did the town close it?"),
		typeInto("#f-quiz-questions-1-choices", "To end the ferry\nFor repairs"),
		click("f-quiz-questions-1-answers-1-right"),
		typeInto("#f-quiz-questions-1-explanation", "Its answer says so."),
		click("f-quiz-questions-1-sources-1-cites"),
	)
	if err := chromedp.Run(b.Ctx, waitText("#problem-count", "No problems: ready to publish")); err != nil {
		var problems []string
		b.Run(t, chromedp.Evaluate(`[...document.querySelectorAll(".studio-problem")].map(p => p.textContent)`, &problems))
		t.Fatalf("filled in: %q\n%s", textOf(t, b, "#problem-count"), strings.Join(problems, "\n"))
	}
	b.Run(t, waitText("#save-state", "All changes saved"))
	draft := waitDraft(t, api, id, `"explanation":"Its answer says so."`)
	for _, want := range []string{
		`"court":"County Court"`, `"status":"open"`, `"updated":"2024-05-21"`,
		`"parties":[{"name":"Harbour Ferry Company","role":"plaintiff"},{"name":"The town","role":"defendant"}]`,
		`"choices":["The ferry company","The town"],"answers":[0]`, `"choices":["To end the ferry","For repairs"],"answers":[1]`,
	} {
		if !strings.Contains(draft, want) {
			t.Errorf("the saved draft lacks %s:\n%s", want, draft)
		}
	}
	b.CheckAxe(t, "the draft with its quiz, ready to publish")
	shots.take(t, b, "quiz")

	// The preview beside the forms, 320 px wide; and opened in a tab of
	// its own, at a phone's width.
	previewURL := srv.URL + "/studio/preview/cases/" + id + "/"
	b.Run(t, browsertest.WaitInFrame(previewURL,
		`document.documentElement.dataset.docket === "ready" && document.body.textContent.includes("ferry servcie") && !!document.getElementById("quiz")`, 30*time.Second))
	shots.view(t, b, "preview", "#preview-heading")
	preview := b.ClickToNewTab(t, `.studio-preview a[target="_blank"]`, previewURL)
	preview.Run(t, browsertest.EmulateWidth(320, 800), browsertest.WaitReady())
	if got := textOf(t, preview, "h1"); got != "The ferry landing case" {
		t.Errorf("the preview's heading = %q", got)
	}
	shots.take(t, preview, "preview-320")

	// Publish, with a note.
	b.Run(t, page.BringToFront(),
		publish("First version", "Published version 1."),
	)
	if got := textOf(t, b, ".studio-versions ol"); !strings.Contains(got, "Version 1, by ed") || !strings.Contains(got, "First version") {
		t.Errorf("the versions = %q; want version 1 by ed, with its note", got)
	}
	b.CheckAxe(t, "the case, published")
	shots.view(t, b, "published", "#publish-heading")

	// The public page, opened from the Studio.
	publicURL := srv.URL + "/cases/" + id + "/"
	public := b.ClickToNewTab(t, `.studio-publish a[target="_blank"]`, publicURL)
	public.Run(t, browsertest.WaitReady())
	checkPublic(t, srv, public, "the first version", "ferry servcie", "ferry service.")
	shots.take(t, public, "public")
	shots.takeAt(t, public, "public-320", 320)

	// The embed code, pasted into an article as a web producer would: the
	// Pym.js snippet, whose script NPR's server sends (here, the npm copy).
	codePage := b.ClickToNewTab(t, "#embed-code", srv.URL+"/embed-code/"+id)
	var snippet string
	codePage.Run(t, chromedp.WaitVisible("#pym-code", chromedp.ByID), chromedp.Value("#pym-code", &snippet, chromedp.ByID))
	if !strings.Contains(snippet, "data-pym-src=\""+srv.URL+"/embed/"+id) {
		t.Errorf("the Pym.js embed code: %s", snippet)
	}
	shots.take(t, codePage, "embed-code")
	host := hostSite(t, fmt.Sprintf(reporterArticle, snippet))
	servePym(t, codePage)
	embedPrefix := srv.URL + "/embed/" + id
	codePage.Run(t,
		chromedp.Navigate(host.URL+"/"),
		browsertest.WaitInFrame(embedPrefix, `document.documentElement.dataset.docket === "ready" && document.body.textContent.includes("ferry servcie")`, 30*time.Second),
		browsertest.WaitInFrame(embedPrefix, quizTakeableJS, 30*time.Second),
	)
	waitHeightsMatch(codePage, t, embedPrefix)
	shots.take(t, codePage, "embed-in-article")

	// A typo, corrected in its event's text (the word selected, as a
	// double click does, and typed over), and published again.
	const typo = "servcie"
	b.Run(t,
		page.BringToFront(),
		chromedp.Focus("#f-events-1-body", chromedp.ByID),
		chromedp.Evaluate(`(() => { const el = document.getElementById("f-events-1-body"); const i = el.value.indexOf("`+typo+`");
			el.setSelectionRange(i, i + `+fmt.Sprint(len(typo))+`); })()`, nil),
		typeInto("#f-events-1-body", "service"),
	)
	waitDraft(t, api, id, "not to end the ferry service.")
	b.Run(t,
		publish("Typo in the town's answer", "Published version 2."),
	)
	shots.view(t, b, "typo-fixed", "#f-events-1-heading")
	public.Run(t, page.BringToFront(), chromedp.Navigate(publicURL), browsertest.WaitReady())
	checkPublic(t, srv, public, "the second version", "ferry service.", typo)

	// The two versions compared: the difference is the typo's fix.
	b.Run(t, page.BringToFront(),
		chromedp.WaitVisible("#compare", chromedp.ByID),
		click("compare"),
		waitText("#compare-result", "From version 1 to version 2: 1 part differs."),
	)
	diff := textOf(t, b, "#differences")
	for _, want := range []string{"Changed: ", "The town answers", "ferry servcie.", "→", "ferry service."} {
		if !strings.Contains(diff, want) {
			t.Errorf("the difference %q lacks %q", diff, want)
		}
	}
	b.CheckAxe(t, "versions 1 and 2 compared")
	shots.view(t, b, "compare", "#compare-heading")

	// Roll back to version 1: the draft and the public page have the typo
	// again.
	b.Run(t,
		choose("rollback-to", "1"),
		typeInto("#rollback-note", "Back to the first version"),
		click("rollback"),
		waitText("#rollback-result", "Version 1 is published again, as version 3. The draft is version 1 again."),
	)
	// The comparison's choices start again from the newest versions; the
	// last outcome, of other choices, goes.
	var compared struct{ A, B, Result string }
	b.Run(t, chromedp.Evaluate(`({a: document.getElementById("compare-a").value, b: document.getElementById("compare-b").value,
		result: document.getElementById("compare-result").textContent + (document.getElementById("differences")?.textContent ?? "")})`, &compared))
	if compared.A != "2" || compared.B != "3" || compared.Result != "" {
		t.Errorf("after the roll back, the comparison offers %s to %s and shows %q; want 2 to 3, and no outcome yet", compared.A, compared.B, compared.Result)
	}
	var body string
	b.Run(t, chromedp.Value("#f-events-1-body", &body, chromedp.ByID))
	if !strings.Contains(body, typo) {
		t.Errorf("after the roll back, the event's text field holds %q", body)
	}
	waitDraft(t, api, id, typo)
	var versions struct {
		Versions []struct {
			Number       int    `json:"number"`
			Note         string `json:"note"`
			RestoredFrom int    `json:"restoredFrom"`
		} `json:"versions"`
	}
	api.must("GET", "/api/editor/cases/"+id+"/versions", nil, 200, &versions)
	if got, _ := json.Marshal(versions.Versions); string(got) != `[{"number":3,"note":"Back to the first version","restoredFrom":1},`+
		`{"number":2,"note":"Typo in the town's answer","restoredFrom":0},{"number":1,"note":"First version","restoredFrom":0}]` {
		t.Errorf("the versions: %s", got)
	}
	b.CheckAxe(t, "the case, rolled back")
	shots.view(t, b, "rolled-back", "#versions-heading")
	public.Run(t, page.BringToFront(), chromedp.Navigate(publicURL), browsertest.WaitReady())
	checkPublic(t, srv, public, "the rolled-back version", typo, "ferry service.")
	shots.take(t, public, "public-rolled-back")

	for _, tab := range []*browsertest.Browser{b, preview, public, codePage} {
		if errs := tab.Errors(); len(errs) > 0 {
			t.Errorf("console errors: %q", errs)
		}
	}
}

// reporterArticle is a news article with the embed code pasted in.
const reporterArticle = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferry company takes the town to court</title>
<style>body{font:18px Georgia,serif;max-width:680px;margin:2rem auto;padding:0 1rem}</style></head>
<body><h1>Ferry company takes the town to court</h1><p>The landing has been shut since February. The case so far:</p>
%s
<p>The article goes on after the embed.</p></body></html>`

// servePym answers the tab's requests for Pym.js from NPR's server with
// the npm copy, as the network would.
func servePym(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	pym := pymJS(t)
	chromedp.ListenTarget(b.Ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			go chromedp.Run(b.Ctx, fetch.FulfillRequest(e.RequestID, 200).WithBody(base64.StdEncoding.EncodeToString(pym)).
				WithResponseHeaders([]*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/javascript"}}))
		}
	})
	b.Run(t, fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: pages.PymScript}}))
}

// checkPublic checks the case's public page, as served and as the tab
// shows it: it has want and not gone.
func checkPublic(t *testing.T, srv *browsertest.Server, tab *browsertest.Browser, which, want, gone string) {
	t.Helper()
	code, html := srv.Get(t, "/cases/the-ferry-landing-case/")
	if code != 200 || !strings.Contains(html, want) || strings.Contains(html, gone) {
		t.Errorf("the public page of %s, as served (%d): want %q and not %q", which, code, want, gone)
	}
	var shown string
	tab.Run(t, chromedp.Text("body", &shown, chromedp.ByQuery))
	if !strings.Contains(shown, "The ferry landing case") || !strings.Contains(shown, want) || strings.Contains(shown, gone) {
		t.Errorf("the public page of %s shows (want %q, not %q):\n%.600s", which, want, gone, shown)
	}
}

// reporterShots numbers and saves full-page screenshots of the reporter's
// path, as JPEG, in the folder $STUDIO_SCREENSHOTS names; with it unset
// (as in CI) it saves nothing.
type reporterShots struct {
	dir   string
	n     int
	start time.Time
}

func newReporterShots(t *testing.T) *reporterShots {
	dir := os.Getenv("STUDIO_SCREENSHOTS")
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return &reporterShots{dir: dir, start: time.Now()}
}

// take saves the whole page from its top (the Studio's panel beside the
// forms keeps to the window, so it shows its own top).
func (s *reporterShots) take(t *testing.T, b *browsertest.Browser, step string) {
	t.Helper()
	if s.dir == "" {
		return
	}
	var jpeg []byte
	b.Run(t, page.BringToFront(), chromedp.Evaluate(`window.scrollTo(0, 0)`, nil), nextFrames, chromedp.FullScreenshot(&jpeg, 70))
	s.save(t, step, jpeg)
}

// view saves what the window shows with sel scrolled to its top: the
// Studio's panel (preview, publishing, versions) scrolls on its own, out
// of a whole-page screenshot's sight.
func (s *reporterShots) view(t *testing.T, b *browsertest.Browser, step, sel string) {
	t.Helper()
	if s.dir == "" {
		return
	}
	var jpeg []byte
	b.Run(t, page.BringToFront(), chromedp.Evaluate(`document.querySelector(`+strconv.Quote(sel)+`).scrollIntoView({block: "start"})`, nil), nextFrames,
		chromedp.ActionFunc(func(ctx context.Context) (err error) {
			jpeg, err = page.CaptureScreenshot().WithFormat(page.CaptureScreenshotFormatJpeg).WithQuality(70).Do(ctx)
			return err
		}))
	s.save(t, step, jpeg)
}

// takeAt saves the whole page at a phone's width, and goes back to 1280 px.
func (s *reporterShots) takeAt(t *testing.T, b *browsertest.Browser, step string, width int) {
	t.Helper()
	if s.dir == "" {
		return
	}
	b.Run(t, browsertest.EmulateWidth(width, 800))
	s.take(t, b, step)
	b.Run(t, browsertest.EmulateWidth(1280, 900))
}

func (s *reporterShots) save(t *testing.T, step string, jpeg []byte) {
	t.Helper()
	s.n++
	t.Logf("%02d-%s at %.1fs", s.n, step, time.Since(s.start).Seconds())
	if err := os.WriteFile(filepath.Join(s.dir, fmt.Sprintf("%02d-%s.jpg", s.n, step)), jpeg, 0o644); err != nil {
		t.Fatal(err)
	}
}

// nextFrames waits for the page to paint twice: what a change started is
// on the screen.
var nextFrames = browsertest.Eval(`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, nil)
