// Package e2e holds Docket's end-to-end tests: the real server on a free
// port and the pages in headless Chromium.
package e2e

import (
	"strings"
	"testing"

	"docket/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// TestHomePrerenderedThenTakenOver checks the page at "/" twice: as raw
// HTML (what curl, crawlers and readers without script get) and in
// Chromium after the wasm has taken over, with nothing moving in between.
func TestHomePrerenderedThenTakenOver(t *testing.T) {
	browsertest.ForEachSite(t, testHomePrerenderedThenTakenOver)
}

func testHomePrerenderedThenTakenOver(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)

	status, html := srv.Get(t, "/")
	if status != 200 {
		t.Fatalf("GET / = %d", status)
	}
	lib := browsertest.DefaultCase(t)
	for _, e := range lib.Events {
		if !strings.Contains(html, `id="`+e.ID+`"`) {
			t.Errorf("prerendered / lacks event %q", e.ID)
		}
	}
	if !strings.Contains(html, "<h1>"+htmlEscape(lib.Title)+"</h1>") {
		t.Errorf("prerendered / lacks the case title %q as its h1", lib.Title)
	}

	b := browsertest.NewBrowser(t, browsertest.Options{})
	var events int
	var title string
	var dataLeft bool
	var cls float64
	b.Run(t,
		browsertest.TrackLayoutShift(),
		chromedp.Navigate(srv.URL+"/"),
		browsertest.WaitReady(),
		chromedp.Evaluate(`document.querySelectorAll("li.event").length`, &events),
		chromedp.Text("h1", &title),
		// The page's case data is read by the wasm and not rendered again.
		chromedp.Evaluate(`document.getElementById("docket-case") !== null`, &dataLeft),
		chromedp.Sleep(300e6),
		chromedp.Evaluate(`window.__docketCLS`, &cls),
	)
	if events != len(lib.Events) {
		t.Errorf("after the wasm took over, %d events are shown; want %d", events, len(lib.Events))
	}
	if title != lib.Title {
		t.Errorf("h1 = %q; want %q", title, lib.Title)
	}
	if dataLeft {
		t.Error("the prerendered body is still in place: the wasm did not replace it")
	}
	if cls >= 0.02 {
		t.Errorf("cumulative layout shift across the wasm takeover = %.4f; want < 0.02", cls)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
	b.Screenshot(t, "home-1280")
}

func htmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")
	return r.Replace(s)
}
