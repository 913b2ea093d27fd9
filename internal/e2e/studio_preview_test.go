package e2e

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestStudioPreview: the preview beside the forms follows each change
// before any save (the network is cut meanwhile), in place (its document
// and its scroll are kept); a case with a problem keeps the last version
// without problems on show, with a note; the desktop width gives the
// reader's page a 1024 px window, scaled to fit the panel, and the
// session remembers it; a click on an event in the preview, at either
// width, puts the focus in its form. Axe checks the editor with the
// preview's controls; screenshots at 1280 and 1024 px.
func TestStudioPreview(t *testing.T) {
	browsertest.Parallel(t)
	srv, api := studioServer(t)
	c := maps.Clone(formsCase)
	c["id"] = "preview"
	api.must("POST", "/api/editor/cases", map[string]any{"id": "preview", "case": c}, 201, nil)
	b := browsertest.NewBrowser(t, browsertest.Options{})
	studioSignIn(t, b, srv, "/studio/cases/preview")
	frame := srv.URL + "/studio/preview/cases/preview/"
	b.Run(t,
		chromedp.WaitVisible("#f-summary", chromedp.ByID),
		browsertest.WaitInFrame(frame, `document.querySelector("h1")?.textContent === "The forms case" && document.getElementById("filed-title")?.textContent === "Suit filed"`, 30*time.Second),
	)
	var width int
	b.Run(t, browsertest.InFrame(frame, `window.innerWidth`, &width))
	if width != 320 {
		t.Errorf("the preview's window is %d px wide; want 320 at first, a phone's", width)
	}
	var phoneChosen bool
	b.Run(t, chromedp.Evaluate(`document.getElementById("preview-width-phone").checked && !document.getElementById("preview-width-desktop").checked`, &phoneChosen))
	if !phoneChosen {
		t.Error("at first the width choice shows neither, or desktop; want Phone chosen")
	}

	// The network is cut until the preview has the change, so no save
	// reaches the server: the preview needs none. The frame's document is
	// marked and scrolled, to see it kept.
	var scrolled float64
	b.Run(t,
		network.Enable(),
		network.EmulateNetworkConditions(true, 0, -1, -1),
		browsertest.InFrame(frame, `document.documentElement.dataset.kept = "yes"; window.scrollTo(0, 200); window.scrollY`, &scrolled),
	)
	if scrolled != 200 {
		t.Fatalf("the preview scrolled to %v; want 200 (is its page that long?)", scrolled)
	}
	b.Run(t,
		chromedp.Evaluate(`document.getElementById("f-events-0-title").select()`, nil),
		typeInto("#f-events-0-title", "Suit filed late"),
		browsertest.WaitInFrame(frame, `document.getElementById("filed-title")?.textContent === "Suit filed late"`, 10*time.Second),
	)
	if got := textOf(t, b, "#save-state"); got == "All changes saved" {
		t.Errorf("the save status says %q with the network cut", got)
	}
	var draft struct {
		Case json.RawMessage `json:"case"`
	}
	api.must("GET", "/api/editor/cases/preview/draft", nil, 200, &draft)
	if strings.Contains(string(draft.Case), "Suit filed late") {
		t.Errorf("the server has the new title, though the network was cut: %s", draft.Case)
	}
	var kept struct {
		Mark   string  `json:"mark"`
		Scroll float64 `json:"scroll"`
	}
	b.Run(t, browsertest.InFrame(frame, `({mark: document.documentElement.dataset.kept || "", scroll: window.scrollY})`, &kept))
	if kept.Mark != "yes" || kept.Scroll != 200 {
		t.Errorf("after the change the preview's document has mark %q and scroll %v; want the same document (yes) at 200", kept.Mark, kept.Scroll)
	}
	// Back online, the autosave carries the change (no more changes until
	// then: the Studio's autosave waits for one after a failed save).
	b.Run(t, network.EmulateNetworkConditions(false, 0, -1, -1))
	waitDraft(t, api, "preview", `"title":"Suit filed late"`)

	// A problem: the last version without problems stays, with a note.
	b.Run(t,
		chromedp.Evaluate(`document.getElementById("f-events-0-title").select()`, nil),
		chromedp.KeyEvent(kb.Backspace),
		waitText("#preview-note", "1 problem: showing the last version without problems"),
	)
	var shows struct {
		Title   string `json:"title"`
		Visible bool   `json:"visible"`
	}
	b.Run(t, browsertest.InFrame(frame, `({title: document.getElementById("filed-title")?.textContent || ""})`, &shows),
		chromedp.Evaluate(`getComputedStyle(document.getElementById("preview-frame")).visibility === "visible"`, &shows.Visible))
	if shows.Title != "Suit filed late" || !shows.Visible {
		t.Errorf("with a problem the preview shows %q (visible: %v); want the last version without problems, Suit filed late", shows.Title, shows.Visible)
	}
	checkRole(t, b, "#preview-note", "status", "the preview's note")
	b.CheckAxe(t, "the editor, its preview showing the last version without problems")
	b.Run(t,
		typeInto("#f-events-0-title", "Complaint filed"),
		browsertest.WaitInFrame(frame, `document.getElementById("filed-title")?.textContent === "Complaint filed"`, 10*time.Second),
		waitText("#preview-note", ""),
	)

	waitDraft(t, api, "preview", `"title":"Complaint filed"`)

	// A click on an event in the phone's preview opens its form.
	clickInPreview(t, b, frame, "answered")
	b.Run(t, browsertest.WaitFor(`document.activeElement.id === "f-events-1-title"`, 10*time.Second))

	// The desktop width: a 1024 px window for the reader's page, scaled to
	// the panel, which widens.
	b.Run(t,
		chromedp.Evaluate(`document.getElementById("preview-width-desktop").scrollIntoView({block: "center"})`, nil),
		chromedp.Click(`label[for="preview-width-desktop"]`, chromedp.ByQuery),
		browsertest.WaitInFrame(frame, `window.innerWidth === 1024`, 10*time.Second),
	)
	var fit struct {
		Frame, Room, Panel float64
		Axis               bool
	}
	b.Run(t,
		chromedp.Evaluate(`({Frame: document.getElementById("preview-frame").getBoundingClientRect().width,
			Room: document.getElementById("preview-room").clientWidth,
			Panel: document.querySelector(".studio-panel").getBoundingClientRect().width})`, &fit),
		browsertest.WaitInFrame(frame, `!!document.querySelector("#tl-viewport") && document.querySelector("#tl-viewport").getBoundingClientRect().width > 600`, 10*time.Second),
	)
	if fit.Frame > fit.Room+1 || fit.Frame < fit.Room-2 {
		t.Errorf("the desktop preview is %v px wide on screen in %v px of room; want it scaled to fit", fit.Frame, fit.Room)
	}
	if fit.Panel <= 360 {
		t.Errorf("the panel is %v px wide with the desktop preview; want it wider than the phone's 22rem", fit.Panel)
	}
	clickInPreview(t, b, frame, "filed")
	b.Run(t, browsertest.WaitFor(`document.activeElement.id === "f-events-0-title"`, 10*time.Second))
	b.CheckAxe(t, "the editor, with the desktop preview")
	shot(t, b, "studio-preview-desktop-1280")
	b.Run(t, browsertest.EmulateWidth(1024, 768))
	b.Run(t, browsertest.WaitFor(`Math.abs(document.getElementById("preview-frame").getBoundingClientRect().width - document.getElementById("preview-room").clientWidth) < 2`, 10*time.Second))
	shot(t, b, "studio-preview-desktop-1024")

	// The session remembers the width.
	b.Run(t,
		chromedp.Reload(),
		chromedp.WaitVisible(`html[data-studio="ready"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#f-summary", chromedp.ByID),
		browsertest.WaitInFrame(frame, `window.innerWidth === 1024 && document.getElementById("filed-title")?.textContent === "Complaint filed"`, 30*time.Second),
	)
	var desktop bool
	b.Run(t, chromedp.Evaluate(`document.getElementById("preview-width-desktop").checked`, &desktop))
	if !desktop {
		t.Error("after a reload the preview's width is not desktop; want the session's choice")
	}
	b.Run(t,
		chromedp.Evaluate(`document.getElementById("preview-width-phone").scrollIntoView({block: "center"})`, nil),
		chromedp.Click(`label[for="preview-width-phone"]`, chromedp.ByQuery),
		browsertest.WaitInFrame(frame, `window.innerWidth === 320`, 10*time.Second),
	)
	b.CheckAxe(t, "the editor at 1024 px, with the phone preview")
	shot(t, b, "studio-preview-phone-1024")
	b.Run(t, browsertest.EmulateWidth(1280, 900))
	shot(t, b, "studio-preview-phone-1280")
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// clickInPreview clicks, with the mouse, the title of event id in the
// preview's list, wherever the frame's scale puts it on the screen.
func clickInPreview(t *testing.T, b *browsertest.Browser, frame, id string) {
	t.Helper()
	var in, out struct{ X, Y, Scale float64 }
	b.Run(t,
		browsertest.InFrame(frame, `document.getElementById("`+id+`-title").scrollIntoView({block: "center"})`, nil),
		chromedp.Evaluate(`document.getElementById("preview-frame").scrollIntoView({block: "center"})`, nil),
		browsertest.InFrame(frame, `(() => { const r = document.getElementById("`+id+`-title").getBoundingClientRect();
			return {X: r.left + Math.min(r.width / 2, 40), Y: r.top + r.height / 2}; })()`, &in),
		chromedp.Evaluate(`(() => { const f = document.getElementById("preview-frame"), r = f.getBoundingClientRect();
			return {X: r.left, Y: r.top, Scale: r.width / f.offsetWidth}; })()`, &out),
	)
	b.Run(t, chromedp.MouseClickXY(out.X+in.X*out.Scale, out.Y+in.Y*out.Scale))
}

// shot saves what the window shows, from the page's top, under
// bin/screenshots.
func shot(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	b.Run(t, chromedp.Evaluate(`window.scrollTo(0, 0)`, nil))
	b.ScreenshotViewport(t, name)
}
