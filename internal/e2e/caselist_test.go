package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// TestCaseList opens the list of cases (/cases/) on a phone and on a
// desktop, on the server and on both exports: both cases are listed,
// newest first, nothing is wider than the screen, axe finds nothing in
// light or dark mode, and a reader follows a link to a case and, once the
// app has taken the case page over, its header's "All cases" link back to
// the list, which loads as a page of its own (not inside the app).
func TestCaseList(t *testing.T) {
	browsertest.ForEachSite(t, testCaseList)
}

func testCaseList(t *testing.T, site browsertest.Site) {
	srv := site.Start(t, "-cases", "../casefile/testdata/second-case")
	const demo = "Demo: Rivera v. Harbor Town Library Board (a fictional appeal)"
	lib := browsertest.DefaultCase(t)

	for _, width := range []int{320, 1280} {
		b := browsertest.NewBrowser(t, browsertest.Options{Width: width, Height: 900})
		var titles []string
		var overflow bool
		b.Run(t,
			chromedp.Navigate(srv.Page("/cases/")),
			chromedp.WaitVisible("ol.case-index-list", chromedp.ByQuery),
			chromedp.Evaluate(`[...document.querySelectorAll("ol.case-index-list h2 a")].map(a => a.textContent)`, &titles),
			chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth`, &overflow),
		)
		if got, want := strings.Join(titles, " | "), lib.Title+" | "+demo; got != want {
			t.Errorf("%d px: the list reads %q; want %q (newest first)", width, got, want)
		}
		if overflow {
			t.Errorf("%d px: the list is wider than the screen", width)
		}
		b.CheckAxe(t, "the list of cases, light")
		if site.Name == "server" {
			b.Screenshot(t, "cases-list-"+strconv.Itoa(width))
		}
		b.Run(t, browsertest.EmulateColorScheme("dark"))
		b.CheckAxe(t, "the list of cases, dark")
		b.Run(t, browsertest.EmulateColorScheme("light"))

		// To a case, and back from its header once the app runs the page.
		var h1, path string
		var listed int
		var appPage bool
		b.Run(t,
			chromedp.Click(`ol.case-index-list a[href$="/cases/demo-appeal/"]`, chromedp.ByQuery),
			browsertest.WaitFor(`location.pathname.endsWith("/cases/demo-appeal/")`, 30*time.Second),
			browsertest.WaitReady(),
			chromedp.Text("h1", &h1, chromedp.ByQuery),
		)
		b.CheckAxe(t, "a case page, with its All cases link")
		if site.Name == "server" {
			var png []byte
			b.Run(t, chromedp.Screenshot("header.case-header", &png, chromedp.ByQuery))
			dir := filepath.Join(browsertest.ModuleRoot(t), "bin", "screenshots")
			if err := os.WriteFile(filepath.Join(dir, "case-header-"+strconv.Itoa(width)+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b.Run(t,
			chromedp.Click(`header.case-header a[data-full-page]`, chromedp.ByQuery),
			browsertest.WaitFor(`location.pathname.endsWith("/cases/") && document.querySelector("ol.case-index-list") !== null`, 30*time.Second),
			chromedp.Evaluate(`location.pathname`, &path),
			chromedp.Evaluate(`document.querySelectorAll("ol.case-index-list > li").length`, &listed),
			chromedp.Evaluate(`document.querySelector("html[data-docket]") !== null || typeof window.goappNav !== "undefined"`, &appPage),
		)
		if h1 != demo {
			t.Errorf("%d px: after following the link, h1 = %q; want %q", width, h1, demo)
		}
		if listed != 2 || appPage {
			t.Errorf("%d px: back at %s, %d cases listed (app page: %v); want the list, loaded as a page", width, path, listed, appPage)
		}
		if errs := b.Errors(); len(errs) > 0 {
			t.Errorf("%d px: console errors:\n%s", width, strings.Join(errs, "\n"))
		}
	}
}
