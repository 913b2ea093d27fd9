package e2e

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/cli"
	"docket/web"

	"github.com/chromedp/chromedp"
)

// TestStaticExport exports the site, serves it with Go's bare file server
// (no Docket code and none of the _headers rules, as the plainest static
// host would), and checks it in Chromium: the page, an event page, the
// quiz, the embed, oEmbed discovery and offline use. Once at the root and
// once under /explainers/. The full browser suites run over exports too
// (browsertest.Sites), served with the _headers rules applied.
func TestStaticExport(t *testing.T) {
	// Not in parallel (browsertest.Parallel): its exports run at / and under /explainers/.
	for _, base := range []string{"/", "/explainers/"} {
		t.Run(strings.Trim(base, "/")+"root", func(t *testing.T) { testStaticExport(t, base) })
	}
}

func testStaticExport(t *testing.T, base string) {
	addr := browsertest.FreeAddr(t)
	site := "http://" + addr + base
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr strings.Builder
	env := cli.Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, Web: web.FS}
	// A long case rides along: its pages link its data instead of
	// carrying it, and its event pages list a window of it.
	cases := t.TempDir()
	long := generateCase("long-case", 240)
	writeCase(t, cases, long)
	if code := cli.Run(context.Background(), []string{"export", "-out", out, "-base", base, "-url", site, "-cases", cases}, env); code != 0 {
		t.Fatalf("docket export exited %d:\n%s", code, stderr.String())
	}
	for _, f := range []string{"index.html", "index.html.br", "index.html.gz", "_headers", "404.html", "app-worker.js", "manifest.webmanifest", "web/app.wasm", "web/app.wasm.br", "api/cases.json", "oembed/index.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("export lacks %s", f)
		}
	}

	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(out))))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: mux}
	go hs.Serve(ln)
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			hs.Shutdown(ctx)
		}
	}
	t.Cleanup(stop)

	c := browsertest.DefaultCase(t)
	event := c.Events[3]
	b := browsertest.NewBrowser(t, browsertest.Options{})
	var title, discovery string
	var events int
	b.Run(t,
		chromedp.Navigate(site),
		browsertest.WaitReady(),
		chromedp.Text("h1", &title, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#timeline li[id]").length`, &events),
		chromedp.AttributeValue(`link[type="application/json+oembed"]`, "href", &discovery, nil, chromedp.ByQuery),
	)
	if title != c.Title || events < len(c.Events) {
		t.Errorf("exported /: h1 %q with %d events; want %q with %d", title, events, c.Title, len(c.Events))
	}
	var oembed struct{ Type, HTML string }
	b.Run(t, browsertest.Eval(`fetch(`+jsString(discovery)+`).then(r => r.json())`, &oembed))
	if oembed.Type != "rich" || !strings.Contains(oembed.HTML, base+"embed/"+c.ID) {
		t.Errorf("oEmbed at %s: %+v", discovery, oembed)
	}

	// An event page opens the timeline on its event.
	var cardTitle string
	b.Run(t,
		chromedp.Navigate(site+"cases/"+c.ID+"/events/"+event.ID+"/"),
		browsertest.WaitReady(),
		chromedp.Text("#tl-card-title", &cardTitle, chromedp.ByQuery),
	)
	if cardTitle != event.Title {
		t.Errorf("event page of %s: the card shows %q; want %q", event.ID, cardTitle, event.Title)
	}

	// An event page, the quiz and the embed, each a file of its own.
	for _, p := range []string{"cases/" + c.ID + "/events/" + event.ID + "/", "#quiz", "embed/" + c.ID + "/?view=quiz"} {
		sel := "#" + event.ID
		switch {
		case p == "#quiz":
			sel = "#quiz"
		case strings.HasPrefix(p, "embed/"):
			sel = ".docket-embed #quiz"
		}
		t.Logf("opening %s", site+p)
		b.Run(t, chromedp.Navigate(site+p), browsertest.WaitReady(), chromedp.WaitVisible(sel, chromedp.ByQuery))
	}

	// An event page of the long case: the app fetches the case's data
	// file and opens on the event, with the list window around it.
	longEvent := &long.Events[180]
	var listed int
	b.Run(t,
		chromedp.Navigate(site+"cases/"+long.ID+"/events/"+longEvent.ID+"/"),
		browsertest.WaitReady(),
		chromedp.Text("#tl-card-title", &cardTitle, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#timeline li.event").length`, &listed),
	)
	if cardTitle != longEvent.Title || listed == 0 || listed > 50 {
		t.Errorf("event page of the long case: the card shows %q, %d events listed; want %q and a window of at most 50", cardTitle, listed, longEvent.Title)
	}

	// Offline: the service worker keeps what a reader opened.
	b.Run(t, chromedp.Navigate(site), browsertest.WaitReady(), swReady)
	stop()
	b.Run(t,
		chromedp.Navigate(site+"?event="+event.ID),
		browsertest.WaitReady(),
		chromedp.Text("h1", &title, chromedp.ByQuery),
	)
	if title != c.Title {
		t.Errorf("exported site offline: h1 = %q", title)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
