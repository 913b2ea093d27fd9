package e2e

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/pgtest"
	"docket/internal/store"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Helpers that several of the package's tests share.

// forEachBackend runs test once on a new SQLite file and once on a new
// PostgreSQL database, as subtests named for the store.
func forEachBackend(t *testing.T, test func(t *testing.T, dbURL string)) {
	for _, backend := range []struct {
		name string
		url  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "data", "docket.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.Database(t) }},
	} {
		t.Run(backend.name, func(t *testing.T) { test(t, backend.url(t)) })
	}
}

// countsOf reads the answers counted in the database for a case's version.
func countsOf(t *testing.T, dbURL, caseID, version string) store.Counts {
	t.Helper()
	counts, err := countsDB(t, dbURL).Counts(context.Background(), caseID, version)
	if err != nil {
		t.Fatal(err)
	}
	return counts
}

// editCase creates case id from c through the API on a new Studio server
// and opens it in the editor, signed in, in a new browser.
func editCase(t *testing.T, id string, c map[string]any) (*browsertest.Server, *editorClient, *browsertest.Browser) {
	t.Helper()
	srv, api := studioServer(t)
	api.must("POST", "/api/editor/cases", map[string]any{"id": id, "case": c}, 201, nil)
	b := browsertest.NewBrowser(t, browsertest.Options{})
	studioSignIn(t, b, srv, "/studio/cases/"+id)
	b.Run(t, chromedp.WaitVisible("#f-summary", chromedp.ByID))
	return srv, api, b
}

// openCase is editCase for a valid case: it waits until the editor finds
// no problems.
func openCase(t *testing.T, id string, c map[string]any) (*browsertest.Browser, *editorClient) {
	t.Helper()
	_, api, b := editCase(t, id, c)
	b.Run(t, waitText("#problem-count", "No problems: ready to publish"))
	return b, api
}

// titled is the smallest case: an id and a title.
func titled(id, title string) map[string]any { return map[string]any{"id": id, "title": title} }

// checkRole fails the test unless the element sel has the role want
// (alert or status), which has screen readers announce it.
func checkRole(t *testing.T, b *browsertest.Browser, sel, want, what string) {
	t.Helper()
	var role string
	b.Run(t, chromedp.AttributeValue(sel, "role", &role, nil, chromedp.ByQuery))
	if role != want {
		t.Errorf("%s has role %q; want %s, announced", what, role, want)
	}
}

// moveSecondUp moves the second item of a list (f-events, f-glossary) to
// the top by keyboard (Enter on its Move up), waits for the heading it has
// there, and checks that the focus went with it, to its Move down.
func moveSecondUp(t *testing.T, b *browsertest.Browser, list, heading, what string) {
	t.Helper()
	b.Run(t, chromedp.Focus("#"+list+"-1-up", chromedp.ByID), chromedp.KeyEvent(kb.Enter), waitText("#"+list+"-0-heading", heading))
	if got := activeID(t, b); got != list+"-0-down" {
		t.Errorf("after moving the %s to the top, the focus is on %q; want its Move down (Move up is off there)", what, got)
	}
}

// duplicateAs fills the open form duplicating a case with the new id, and
// waits for the copy's editor, without problems.
func duplicateAs(id string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Evaluate(`document.getElementById("dup-id").select()`, nil),
		typeInto("#dup-id", id),
		chromedp.Click(`form[aria-label^="Duplicate"] button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#f-summary", chromedp.ByID),
		waitText("#problem-count", "No problems: ready to publish"),
	}
}

// publish publishes the open case with a note and waits for the result
// (such as "Published version 1.").
func publish(note, result string) chromedp.Tasks {
	return chromedp.Tasks{
		typeInto("#publish-note", note),
		browsertest.WaitFor(`!document.getElementById("publish").disabled`, 10*time.Second),
		click("publish"),
		waitText("#publish-result", result),
	}
}

// pageParts counts what a case page shows that a case without a quiz, or
// with its media, must get right.
type pageParts struct {
	Quiz, QuizLinks, Frames, LinkCards, Eras int
	Images                                   []string
	Viewport                                 float64
}

// checkNoQuiz fails the test if a case without a quiz shows one, or a
// link to one, or any frame or embed.
func (p pageParts) checkNoQuiz(t *testing.T) {
	t.Helper()
	if p.Quiz != 0 || p.QuizLinks != 0 {
		t.Errorf("a case without a quiz shows %d quiz sections and %d links to one", p.Quiz, p.QuizLinks)
	}
	if p.Frames != 0 {
		t.Errorf("the page has %d frames or embeds", p.Frames)
	}
}

// pagePartsJS are the properties of an object literal that fill pageParts.
const pagePartsJS = `quiz: document.querySelectorAll("#quiz, .quiz").length,
  quizLinks: document.querySelectorAll("a[href='#quiz']").length,
  frames: document.querySelectorAll("iframe, embed, object").length,
  linkCards: document.querySelectorAll("a.media-link").length,
  eras: document.querySelectorAll(".tl-era-list li").length,
  images: [...document.images].map(i => new URL(i.currentSrc).pathname),
  viewport: document.documentElement.clientWidth,`

// settledParts waits for the timeline's markers (at a width that draws the
// axis), gives the page a moment to shift, and reads its cumulative layout
// shift (browsertest.TrackLayoutShift) and the object literal whose
// properties are pagePartsJS and more, into parts.
func settledParts(t *testing.T, b *browsertest.Browser, width int, more string, parts any) (cls float64) {
	t.Helper()
	if width >= 640 {
		b.Run(t, chromedp.WaitVisible(`#tl-viewport .tl-marker`, chromedp.ByQuery))
	}
	b.Run(t, chromedp.Sleep(500*time.Millisecond), chromedp.Evaluate(`window.__docketCLS`, &cls),
		browsertest.Eval("({\n  "+pagePartsJS+"\n  "+more+"\n})", parts))
	return cls
}
