package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// swReady waits until the service worker controls the page and has kept
// the app shell and the wasm.
var swReady = browsertest.WaitFor(`(async () => {
  if (!navigator.serviceWorker.controller) return false;
  const keys = await caches.keys();
  if (keys.length !== 1) return false;
  const cache = await caches.open(keys[0]);
  const urls = (await cache.keys()).map((r) => r.url);
  return urls.some((u) => u.endsWith("/")) && urls.some((u) => u.includes("app.wasm?v="));
})()`, 60*time.Second)

// TestInstallable asks Chromium itself whether Docket can be installed,
// and checks that the manifest's icons and screenshots load.
func TestInstallable(t *testing.T) { browsertest.ForEachSite(t, testInstallable) }

func testInstallable(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	b := browsertest.NewBrowser(t, browsertest.Options{})
	var errs []*page.InstallabilityError
	b.Run(t,
		chromedp.Navigate(srv.URL+"/"),
		browsertest.WaitReady(),
		swReady,
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			errs, err = page.GetInstallabilityErrors().Do(ctx)
			return err
		}),
	)
	for _, e := range errs {
		t.Errorf("not installable: %s %v", e.ErrorID, e.ErrorArguments)
	}
	// The first install is no update: nothing offers a reload.
	var notices int
	b.Run(t, chromedp.Sleep(500*time.Millisecond), chromedp.Evaluate(`document.querySelectorAll(".update-notice").length`, &notices))
	if notices != 0 {
		t.Error("a first visit offers to reload for a new version")
	}

	status, body := srv.Get(t, "/manifest.webmanifest")
	if status != 200 {
		t.Fatalf("GET /manifest.webmanifest = %d", status)
	}
	var m struct {
		Display, StartURL, Scope string
		Icons                    []struct{ Src, Sizes, Purpose string }
		Screenshots              []struct{ Src, Sizes string }
	}
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatal(err)
	}
	purposes := map[string]bool{}
	for _, ic := range m.Icons {
		purposes[ic.Sizes+" "+ic.Purpose] = true
	}
	for _, want := range []string{"192x192 any", "512x512 any", "512x512 maskable"} {
		if !purposes[want] {
			t.Errorf("manifest lacks a %s icon", want)
		}
	}
	var srcs []string
	for _, ic := range m.Icons {
		srcs = append(srcs, ic.Src)
	}
	for _, sc := range m.Screenshots {
		srcs = append(srcs, sc.Src)
	}
	for _, src := range srcs {
		var ok bool
		b.Run(t, browsertest.Eval(`fetch(`+jsString(src)+`).then(r => r.ok && r.headers.get("content-type").startsWith("image/"))`, &ok))
		if !ok || strings.Contains(src, "://") {
			t.Errorf("manifest image %s does not load from this site", src)
		}
	}
}

// TestOffline loads Docket once, goes offline (server stopped and the
// network emulated offline), and reloads the page, a deep link to an event
// and the quiz; then, back online with a new version of the server on the
// same address, it sees the offer to reload.
func TestOffline(t *testing.T) { browsertest.ForEachSite(t, testOffline) }

func testOffline(t *testing.T, site browsertest.Site) {
	addr := browsertest.FreeAddr(t)
	srv := site.Start(t, "-addr", addr)
	c := browsertest.DefaultCase(t)
	event := c.Events[len(c.Events)/2]

	b := browsertest.NewBrowser(t, browsertest.Options{})
	b.Run(t,
		chromedp.Navigate(srv.URL+"/"),
		browsertest.WaitReady(),
		swReady,
	)

	srv.Stop()
	b.Run(t, network.EmulateNetworkConditions(true, 0, -1, -1))
	for _, tc := range []struct{ path, want string }{
		{"/", "h1"},
		{"/?event=" + event.ID, "#" + event.ID},
		{"/#quiz", "#quiz"},
	} {
		var title string
		b.Run(t,
			chromedp.Navigate(srv.URL+tc.path),
			browsertest.WaitReady(),
			chromedp.WaitVisible(tc.want, chromedp.ByQuery),
			chromedp.Text("h1", &title, chromedp.ByQuery),
		)
		if title != c.Title {
			t.Errorf("offline %s: h1 = %q; want %q", tc.path, title, c.Title)
		}
	}
	b.Screenshot(t, "offline-1280")

	// Back online, a rebuilt server: another case folder makes another
	// version. The open page notices and offers to reload.
	b.Run(t, network.EmulateNetworkConditions(false, 0, -1, -1))
	next := site.Start(t, "-addr", addr, "-cases", "../casefile/testdata/second-case")
	if next.URL != srv.URL {
		t.Fatalf("restarted on %s; want %s", next.URL, srv.URL)
	}
	// The reader opens the page again: the browser's own check on
	// navigation finds the new worker, and the page offers a reload with
	// no help from the test.
	b.Run(t,
		chromedp.Navigate(srv.URL+"/"),
		browsertest.WaitReady(),
		browsertest.WaitFor(`!!document.querySelector(".update-notice")?.offsetParent`, 30*time.Second),
	)
	var notice string
	b.Run(t, chromedp.Text(".update-notice", &notice, chromedp.ByQuery))
	if !strings.Contains(notice, "new version") {
		t.Errorf("update notice = %q", notice)
	}
	checkFocusNotObscured(t, b, "1280 px")
	b.Run(t, browsertest.EmulateWidth(360, 640), chromedp.Evaluate(`scrollTo(0, 0), document.activeElement.blur()`, nil))
	checkFocusNotObscured(t, b, "360 px")
	b.Run(t, browsertest.EmulateWidth(1280, 900))

	// Reload brings the new version, which has nothing more to offer.
	b.Run(t,
		chromedp.Click(".update-notice button", chromedp.ByQuery),
		chromedp.Sleep(500*time.Millisecond),
		browsertest.WaitReady(),
		chromedp.Sleep(time.Second),
	)
	var shown bool
	b.Run(t, chromedp.Evaluate(`!!document.querySelector(".update-notice")`, &shown))
	if shown {
		t.Error("after Reload, the page still offers a new version")
	}
}

// checkFocusNotObscured tabs through the page while a notice is fixed at
// the bottom of the window: the top of every focused element must show
// above the notice (WCAG 2.2, 2.4.11), and at the end the page must scroll
// clear of it.
func checkFocusNotObscured(t *testing.T, b *browsertest.Browser, where string) {
	t.Helper()
	const covered = `(() => {
  const n = document.querySelector(".app-notices .app-notice"), a = document.activeElement;
  if (!n || !a || a === document.body || n.contains(a)) return "";
  const r = a.getBoundingClientRect(), m = n.getBoundingClientRect();
  if (r.width === 0 || r.right <= m.left || r.left >= m.right || r.bottom <= m.top || r.top >= innerHeight) return "";
  return r.top >= m.top ? a.tagName + (a.id ? "#" + a.id : "") + " " + JSON.stringify(a.textContent.trim().slice(0, 40)) + " at " + Math.round(r.top) + "–" + Math.round(r.bottom) + " px, the notice from " + Math.round(m.top) + " px" : "";
})()`
	hidden := 0
	for range 80 {
		var got string
		b.Run(t, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(covered, &got))
		if got != "" {
			hidden++
			if hidden <= 3 {
				t.Errorf("%s: the notice hides the focused %s", where, got)
			}
		}
	}
	var clear bool
	b.Run(t, chromedp.Evaluate(`scrollTo(0, document.documentElement.scrollHeight), (() => {
  const n = document.querySelector(".app-notices .app-notice").getBoundingClientRect();
  const last = [...document.querySelectorAll("footer, main")].pop().getBoundingClientRect();
  return last.bottom <= n.top + 1;
})()`, &clear))
	if !clear {
		t.Errorf("%s: at the end of the page, the notice still covers the page's last lines", where)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
