package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// hostSite is a news site on another origin (another port) that embeds
// Docket, with the real pym.js parent library from npm.
func hostSite(t *testing.T, page string) *httptest.Server {
	t.Helper()
	pym := pymJS(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/pym.v1.min.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(pym)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// pymJS is the Pym.js parent library, from npm.
func pymJS(t *testing.T) []byte {
	t.Helper()
	pym, err := os.ReadFile(filepath.Join(browsertest.ModuleRoot(t), "bin", "npm", "node_modules", "pym.js", "dist", "pym.v1.min.js"))
	if err != nil {
		t.Fatalf("pym.js is missing (run `make browser`): %v", err)
	}
	return pym
}

const article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A news article</title>
<style>body{font:18px Georgia,serif;max-width:680px;margin:2rem auto;padding:0 1rem} iframe{display:block}</style></head>
<body><h1>Twitter drops its suit</h1><p>An article about the case, with the explainer below.</p>
%s
<p id="after">The article goes on after the embed.</p></body></html>`

// frameHeights reads the embed's height as the host sees it (the iframe)
// and as the embed measures itself.
func frameHeights(b *browsertest.Browser, t *testing.T, prefix string) (iframe, content int) {
	t.Helper()
	b.Run(t,
		chromedp.Evaluate(`document.querySelector("iframe").getBoundingClientRect().height|0`, &iframe),
		browsertest.InFrame(prefix, `Math.ceil(document.documentElement.getBoundingClientRect().height)`, &content),
	)
	return iframe, content
}

// waitHeightsMatch waits until the iframe is as tall as its content,
// within a few pixels.
func waitHeightsMatch(b *browsertest.Browser, t *testing.T, prefix string) (int, int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		iframe, content := frameHeights(b, t, prefix)
		if d := iframe - content; d >= -4 && d <= 4 && content > 100 {
			return iframe, content
		}
		if time.Now().After(deadline) {
			t.Fatalf("the iframe is %d px tall, its content %d px", iframe, content)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestPymEmbed embeds the quiz in a page on another origin with the real
// pym.js parent: the iframe's height follows the content as it changes.
func TestPymEmbed(t *testing.T) { browsertest.ForEachSite(t, testPymEmbed) }

func testPymEmbed(t *testing.T, site browsertest.Site) {
	docket := site.Start(t)
	c := browsertest.DefaultCase(t)
	embedURL := docket.URL + "/embed/" + c.ID + "?view=quiz"
	host := hostSite(t, fmt.Sprintf(article, `<div id="explainer" data-pym-src="`+embedURL+`"></div><script src="/pym.v1.min.js"></script>`))

	b := browsertest.NewBrowser(t, browsertest.Options{Width: 900, Height: 900})
	prefix := docket.URL + "/embed/"
	var src string
	b.Run(t,
		chromedp.Navigate(host.URL+"/"),
		chromedp.WaitVisible("#explainer iframe", chromedp.ByQuery),
		chromedp.AttributeValue("#explainer iframe", "src", &src, nil, chromedp.ByQuery),
		browsertest.WaitInFrame(prefix, `document.documentElement.dataset.docket === "ready"`, 30*time.Second),
	)
	if !strings.Contains(src, "childId=explainer") || !strings.Contains(src, "initialWidth=") {
		t.Errorf("pym loaded %q; want its childId and initialWidth", src)
	}
	before, _ := waitHeightsMatch(b, t, prefix)

	// Loading the embed neither scrolls the host page nor takes its focus.
	var scrolled float64
	var active string
	b.Run(t,
		chromedp.Evaluate(`window.scrollY`, &scrolled),
		chromedp.Evaluate(`document.activeElement.tagName`, &active),
	)
	if scrolled != 0 || active != "BODY" {
		t.Errorf("after the embed loaded, the host is scrolled to %v with focus on %s; want 0 and BODY", scrolled, active)
	}

	// The reader works through the quiz; the content grows or shrinks and
	// the host's iframe follows.
	for step := range 3 {
		var changed bool
		b.Run(t, browsertest.InFrame(prefix, quizStepJS, &changed))
		if !changed {
			t.Fatalf("step %d: found nothing to answer in the quiz", step)
		}
		time.Sleep(300 * time.Millisecond)
		waitHeightsMatch(b, t, prefix)
	}
	after, _ := frameHeights(b, t, prefix)
	if after == before {
		t.Logf("the quiz kept its height (%d px) through three steps", after)
	}
	b.Screenshot(t, "embed-pym-900")
}

// quizTakeableJS is true once the embed's quiz can be taken: its Start
// button or a choice is there.
const quizTakeableJS = `(() => {
  const q = document.querySelector("#quiz");
  return !!q && (!!q.querySelector("input[type=radio], input[type=checkbox]") ||
    Array.from(q.querySelectorAll("button")).some((b) => /^(start|begin)/i.test(b.textContent) && !b.disabled));
})()`

// quizStepJS takes one step in the quiz inside the embed, whichever view
// it shows: start it, pick a choice and submit, or go on to the next
// question; with no interactive quiz, open the next answer disclosure.
const quizStepJS = `(() => {
  const q = document.querySelector("#quiz");
  if (!q) return false;
  const click = (el) => { el.click(); return true; };
  const byText = (re) => Array.from(q.querySelectorAll("button")).find((b) => re.test(b.textContent) && !b.disabled);
  let b = byText(/^(start|begin)/i);
  if (b) return click(b);
  const choice = q.querySelector("input[type=radio]:not(:checked), input[type=checkbox]:not(:checked)");
  const submit = byText(/^(check|submit)/i);
  if (choice && submit) { choice.click(); return click(byText(/^(check|submit)/i)); }
  b = byText(/^(next|see|show)/i);
  if (b) return click(b);
  const d = q.querySelector("details:not([open]) summary");
  if (d) return click(d);
  return false;
})()`

// TestWordPressSandboxEmbed embeds the timeline as WordPress does: in an
// iframe sandboxed with allow-scripts only (an opaque origin, where
// localStorage throws) and a #?secret= in its URL. The app must start,
// and post its height with the secret.
func TestWordPressSandboxEmbed(t *testing.T) { browsertest.ForEachSite(t, testWordPressSandboxEmbed) }

func testWordPressSandboxEmbed(t *testing.T, site browsertest.Site) {
	docket := site.Start(t)
	c := browsertest.DefaultCase(t)
	const secret = "Ab3dE6gH9k"
	embedURL := docket.URL + "/embed/" + c.ID + "?view=timeline#?secret=" + secret
	host := hostSite(t, fmt.Sprintf(article, `<iframe sandbox="allow-scripts" src="`+embedURL+`" width="600" height="400" title="Explainer"></iframe>
<script>window.heights = []; window.docketReady = false; window.addEventListener("message", (e) => {
  if (e.data && e.data.message === "height") window.heights.push(e.data);
  if (e.data && e.data.docket === "ready") window.docketReady = true;
});</script>`))

	b := browsertest.NewBrowser(t, browsertest.Options{Width: 900, Height: 900})
	// The sandboxed frame runs in a process of its own, out of the test's
	// reach: it is judged by what it tells its host, as WordPress would.
	b.Run(t,
		chromedp.Navigate(host.URL+"/"),
		browsertest.WaitFor(`window.docketReady`, 30*time.Second),
		browsertest.WaitFor(`window.heights.length > 0`, 10*time.Second),
		chromedp.Sleep(500*time.Millisecond),
	)
	var msgs []struct {
		Message string
		Value   int
		Secret  string
	}
	b.Run(t, chromedp.Evaluate(`window.heights`, &msgs))
	last := msgs[len(msgs)-1]
	if last.Secret != secret || last.Value < 200 {
		t.Errorf("last height message %+v; want the secret %q and a real height", last, secret)
	}
	for _, l := range b.Console() {
		if strings.Contains(l, "panic") || strings.Contains(l, "SecurityError") && !strings.Contains(l, "service worker") {
			t.Errorf("the embed logged: %s", l)
		}
	}
}

// TestEmbedBelowTheFold embeds the explainer far down a long article: a
// reader who has not scrolled there has the prerendered embed, whole, and
// has paid for neither the wasm nor a service worker; scrolled to, the
// embed starts and works.
func TestEmbedBelowTheFold(t *testing.T) { browsertest.ForEachSite(t, testEmbedBelowTheFold) }

func testEmbedBelowTheFold(t *testing.T, site browsertest.Site) {
	docket := site.Start(t)
	c := browsertest.DefaultCase(t)
	prefix := docket.URL + "/embed/"
	host := hostSite(t, fmt.Sprintf(article, `<div style="height:4000px">The article is long.</div>
<iframe src="`+prefix+c.ID+`?view=quiz" width="600" height="800" title="Explainer"></iframe>`))

	b := browsertest.NewBrowser(t, browsertest.Options{Width: 900, Height: 900})
	// What the embed has fetched and started: its wasm, its worker.
	const fetched = `(async () => ({
  wasm: performance.getEntriesByType("resource").filter((e) => e.name.includes("app.wasm")).length,
  worker: !!(await navigator.serviceWorker.getRegistration()),
  ready: document.documentElement.dataset.docket === "ready",
  quiz: document.querySelectorAll("#quiz li, #quiz details").length,
}))()`
	type state struct {
		Wasm   int
		Worker bool
		Ready  bool
		Quiz   int
	}
	var below, after state
	b.Run(t,
		chromedp.Navigate(host.URL+"/"),
		browsertest.WaitInFrame(prefix, `document.readyState === "complete"`, 30*time.Second),
		chromedp.Sleep(2*time.Second),
		browsertest.InFrame(prefix, fetched, &below),
	)
	if below.Wasm != 0 || below.Worker || below.Ready {
		t.Errorf("below the fold, the embed fetched the wasm %d times, registered a worker: %v, started: %v; want none of it", below.Wasm, below.Worker, below.Ready)
	}
	if below.Quiz == 0 {
		t.Error("below the fold, the prerendered embed shows no quiz")
	}

	b.Run(t,
		chromedp.Evaluate(`document.querySelector("iframe").scrollIntoView()`, nil),
		browsertest.WaitInFrame(prefix, `document.documentElement.dataset.docket === "ready"`, 30*time.Second),
		browsertest.InFrame(prefix, fetched, &after),
	)
	if after.Wasm == 0 {
		t.Error("scrolled to, the embed started without fetching the wasm")
	}
	// The page is marked ready when it mounts; the quiz turns from the
	// prerendered list into its steps in the same takeover, which the
	// reader sees as its Start button.
	b.Run(t, browsertest.WaitInFrame(prefix, quizTakeableJS, 30*time.Second))
	var stepped bool
	b.Run(t, browsertest.InFrame(prefix, quizStepJS, &stepped))
	if !stepped {
		var html string
		b.Run(t, browsertest.InFrame(prefix, `(document.querySelector("#quiz") || document.body).outerHTML.slice(0, 2000)`, &html))
		t.Errorf("scrolled to and started, the embed's quiz cannot be taken; it reads:\n%s", html)
	}
	b.Run(t, browsertest.WaitInFrame(prefix, `document.querySelector("#quiz input[type=radio], #quiz input[type=checkbox]") !== null`, 10*time.Second))
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
