package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/casefile"
	"docket/internal/htmlcheck"
	"docket/internal/routes"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The timeline's browser tests run against the default case, choosing
// events by their place and category rather than by name, so that editing
// the case file does not break them.

// timelinePage is the full page of a case.
func timelinePage(c *casefile.Case) string { return "/cases/" + c.ID }

// eventLink is an address that opens a case page on an event and arrives
// prerendered with it selected: ?event=ID from the server, which renders
// each query; from a static host, which has one file whatever the query,
// the event's own page.
func eventLink(site browsertest.Site, c *casefile.Case, e *casefile.Event) string {
	if site.Static {
		return routes.EventPath(c.ID, e.ID)
	}
	return timelinePage(c) + "?event=" + e.ID
}

// timelineTab is a Chromium tab on a case page, with helpers to read the
// timeline's state.
type timelineTab struct {
	t   *testing.T
	b   *browsertest.Browser
	c   *casefile.Case
	srv *browsertest.Server
}

// openTimeline opens path in a fresh Chromium whose viewport is width px
// wide and waits until the wasm has taken over (and drawn the axis, when
// the axis shows at that width).
func openTimeline(t *testing.T, srv *browsertest.Server, width int, path string) *timelineTab {
	t.Helper()
	b := browsertest.NewBrowser(t, browsertest.Options{Width: max(width, 800), Height: 900})
	b.Run(t, browsertest.EmulateWidth(width, 900), browsertest.TrackLayoutShift(), chromedp.Navigate(srv.URL+path), browsertest.WaitReady())
	if width >= 640 {
		b.Run(t, chromedp.WaitVisible(`#tl-viewport .tl-marker`, chromedp.ByQuery))
	}
	return &timelineTab{t: t, b: b, c: browsertest.DefaultCase(t), srv: srv}
}

func (tt *timelineTab) eval(js string, out any) {
	tt.t.Helper()
	tt.b.Run(tt.t, chromedp.Evaluate(js, out))
}

func (tt *timelineTab) str(js string) string {
	tt.t.Helper()
	var s string
	tt.eval(js, &s)
	return s
}

// cardTitle is the title the detail card shows.
func (tt *timelineTab) cardTitle() string {
	return tt.str(`document.getElementById("tl-card-title")?.textContent ?? ""`)
}

// waitCard waits until the card shows event e (and fails the test if it
// does not within five seconds).
func (tt *timelineTab) waitCard(e *casefile.Event) {
	tt.t.Helper()
	tt.waitFor(fmt.Sprintf(`document.getElementById("tl-card-title")?.textContent === %q`, e.Title), "the card to show "+e.ID)
}

// waitFor polls a JavaScript condition until it holds.
func (tt *timelineTab) waitFor(cond, what string) {
	tt.t.Helper()
	ctx, cancel := context.WithTimeout(tt.b.Ctx, 5*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Poll(cond, nil, chromedp.WithPollingInterval(10*time.Millisecond))); err != nil {
		tt.t.Fatalf("waiting for %s: %v (card shows %q, console %v)", what, err, tt.cardTitle(), tt.b.Console())
	}
}

// selectedQuery is the ?event= of the address.
func (tt *timelineTab) selectedQuery() string {
	u, err := url.Parse(tt.str(`location.href`))
	if err != nil {
		tt.t.Fatal(err)
	}
	return u.Query().Get("event")
}

// activeID is the id of the focused element, or its marker's data-id.
func (tt *timelineTab) active() string {
	return tt.str(`(() => { const a = document.activeElement; return a.dataset.id ? "marker:" + a.dataset.id : a.id })()`)
}

func (tt *timelineTab) key(k string) {
	tt.t.Helper()
	tt.b.Run(tt.t, chromedp.KeyEvent(k))
}

// checkLayout fails the test when markers or labels on the axis overlap.
func (tt *timelineTab) checkLayout(where string) {
	tt.t.Helper()
	var problems []string
	tt.eval(`(() => {
  const out = [];
  const boxes = s => [...document.querySelectorAll(s)].map(e => ({r: e.getBoundingClientRect(), e}));
  const over = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const ls = boxes("#tl-viewport .tl-label");
  for (let i = 0; i < ls.length; i++) for (let j = i + 1; j < ls.length; j++)
    if (over(ls[i].r, ls[j].r)) out.push("labels overlap: " + ls[i].e.textContent + " / " + ls[j].e.textContent);
  const ms = boxes("#tl-viewport .tl-marker");
  for (let i = 0; i < ms.length; i++) for (let j = i + 1; j < ms.length; j++)
    if (over(ms[i].r, ms[j].r)) out.push("markers overlap: " + ms[i].e.getAttribute("aria-label") + " / " + ms[j].e.getAttribute("aria-label"));
  return out;
})()`, &problems)
	for _, p := range problems {
		tt.t.Errorf("%s: %s", where, p)
	}
}

// TestTimelinePrerenderedWithoutScript checks what a reader with no script
// gets: every event in order with its date, title, body and sources; the
// event a deep link names marked and scrolled to; no controls that would
// do nothing.
func TestTimelinePrerenderedWithoutScript(t *testing.T) {
	browsertest.ForEachSite(t, testTimelinePrerenderedWithoutScript)
}

func testTimelinePrerenderedWithoutScript(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	target := &c.Events[len(c.Events)*2/3]

	// The raw HTML, as curl and crawlers see it.
	link := eventLink(site, c, target)
	status, body := srv.Get(t, link)
	if status != 200 {
		t.Fatalf("GET = %d", status)
	}
	doc := htmlcheck.Parse(t, body)
	if got := doc.Count(t, "#timeline ol.event-list > li.event"); got != len(c.Events) {
		t.Errorf("prerendered list has %d events; want %d", got, len(c.Events))
	}
	for i, e := range c.Events {
		li := "#timeline li.event:nth-of-type(" + fmt.Sprint(i+1) + ")"
		if id, _ := doc.Attr(t, li, "id"); id != e.ID {
			t.Errorf("event %d is %q; want %q (file order)", i, id, e.ID)
			continue
		}
		if dt, _ := doc.Attr(t, li+" time.event-date", "datetime"); dt != e.Date.ISO() {
			t.Errorf("%s: datetime %q; want %q", e.ID, dt, e.Date.ISO())
		}
		if got := doc.Text(t, li+" time.event-date"); got != e.Date.Display() {
			t.Errorf("%s: date %q; want %q", e.ID, got, e.Date.Display())
		}
		if got := doc.Text(t, li+" .event-title"); got != e.Title {
			t.Errorf("%s: title %q; want %q", e.ID, got, e.Title)
		}
		if got := doc.Count(t, li+" .event-body"); got != len(e.Body) {
			t.Errorf("%s: %d paragraphs; want %d", e.ID, got, len(e.Body))
		}
		if got := doc.Count(t, li+" .source-list > li"); got != len(e.Sources) {
			t.Errorf("%s: %d sources; want %d", e.ID, got, len(e.Sources))
		}
		if got, want := doc.Count(t, li+" .source-list a[href]"), linkedSources(c, e.Sources); got != want {
			t.Errorf("%s: %d source links; want %d (a source with no address is cited, not linked)", e.ID, got, want)
		}
	}
	// go-app writes a value of "true" as a bare attribute, which ARIA reads
	// as false: the server writes "TRUE" (ARIA values ignore case).
	if got := doc.Count(t, `#timeline li.event[aria-current="true" i]`); got != 1 {
		t.Errorf("%d events marked current; want 1", got)
	}
	if cur, _ := doc.Attr(t, `#timeline li.event[aria-current="true" i]`, "id"); cur != target.ID {
		t.Errorf("%s marks %q as current", link, cur)
	}
	if got := doc.Text(t, "#tl-card-title"); got != target.Title {
		t.Errorf("%s: prerendered card shows %q; want %q", link, got, target.Title)
	}

	// In Chromium with JavaScript off, following a deep link.
	b := browsertest.NewBrowser(t, browsertest.Options{NoScript: true})
	var shown, listed int
	var controls []string
	var top float64
	b.Run(t,
		chromedp.Navigate(srv.URL+link+"#"+target.ID),
		chromedp.WaitVisible("#"+target.ID, chromedp.ByID),
		chromedp.Evaluate(`[...document.querySelectorAll("#timeline li.event")].filter(e => e.offsetParent && e.querySelector(".event-date").offsetParent && e.querySelector(".event-body").offsetParent).length`, &shown),
		chromedp.Evaluate(`document.querySelectorAll("#timeline li.event").length`, &listed),
		chromedp.Evaluate(`[".tl-toolbar", ".tl-stage", "#tl-card", ".tl-nav"].filter(s => document.querySelector(s)?.offsetParent)`, &controls),
		chromedp.Evaluate(fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().top`, target.ID), &top),
	)
	if listed != len(c.Events) || shown != len(c.Events) {
		t.Errorf("without script %d events listed, %d visible; want %d", listed, shown, len(c.Events))
	}
	if len(controls) > 0 {
		t.Errorf("without script these controls show but cannot work: %v", controls)
	}
	if top < -1 || top > 100 {
		t.Errorf("#%s is %.0f px from the top of the window; the deep link should scroll to it", target.ID, top)
	}
	b.ScreenshotViewport(t, "timeline-noscript-1280")
}

// TestTimelineTakeoverDoesNotMove holds the wasm back, measures where the
// prerendered page puts things, lets the wasm take over and measures
// again: nothing the reader sees may move. It also reads the cumulative
// layout shift. The timeline's box and the page's height ("box:" values,
// in page coordinates, wherever the window is) must not change either: a
// line that wraps differently in the prerendered list moves everything
// below it, a glossary term the reader opened by its link included. Only
// the quiz (its list becomes one question at a time) and the room kept
// under a notice are meant to change the height, so they are left out.
func TestTimelineTakeoverDoesNotMove(t *testing.T) {
	browsertest.ForEachSite(t, testTimelineTakeoverDoesNotMove)
}

func testTimelineTakeoverDoesNotMove(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	hashTarget := &c.Events[len(c.Events)-3]
	for _, tc := range []struct {
		name  string
		width int
		path  string
		// boxes: the page knows what the wasm will show, so the boxes
		// must stay too. Not so where the browser alone knows the event
		// the card shows (a #hash; ?event= in a static export): the card,
		// and what is under it, may change height (what is in the window
		// still must not move).
		boxes bool
	}{
		{"1280", 1280, timelinePage(c), true},
		{"1280-query", 1280, timelinePage(c) + "?event=" + c.Events[4].ID, false},
		{"1280-event", 1280, eventLink(site, c, &c.Events[4]), true},
		{"1280-hash", 1280, timelinePage(c) + "#" + hashTarget.ID, false},
		{"412", 412, timelinePage(c), true},
		{"320", 320, timelinePage(c), true},
		{"320-hash", 320, timelinePage(c) + "#" + hashTarget.ID, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := browsertest.NewBrowser(t, browsertest.Options{Width: max(tc.width, 800), Height: 900})
			b.Run(t, browsertest.EmulateWidth(tc.width, 900), browsertest.TrackLayoutShift())
			gate := b.HoldWasm(t)
			measure := fmt.Sprintf(`(() => {
  const q = s => document.querySelector(s);
  const top = e => e && e.offsetParent ? Math.round(e.getBoundingClientRect().top * 10) / 10 : null;
  const out = {scrollY: scrollY, heading: top(q("#timeline-heading")), toolbar: top(q(".tl-toolbar")),
    axis: top(q(".tl-axis")), card: top(q("#tl-card")), cardTitle: top(q("#tl-card-title")),
    list: top(q(".tl-list-heading")), target: top(document.getElementById(%q))};
  [...document.querySelectorAll("#timeline li.event")].slice(0, 4).forEach((e, i) => out["event" + i] = top(e));
  const box = s => { const e = q(s); return e ? e.getBoundingClientRect() : {top: -scrollY, height: 0}; };
  const px = v => Math.round(v * 10) / 10;
  out["box:timeline top"] = px(box("#timeline").top + scrollY);
  out["box:timeline height"] = px(box("#timeline").height);
  out["box:quiz top"] = px(box("#quiz").top + scrollY);
  out["box:page height but the quiz and a notice's room"] = px(document.documentElement.scrollHeight - box("#quiz").height -
    parseFloat(getComputedStyle(document.body).paddingBottom));
  return out;
})()`, hashTarget.ID)
			var before, after map[string]any
			var cls float64
			b.Run(t,
				chromedp.Navigate(srv.URL+tc.path),
				gate.Wait(),
				chromedp.Sleep(100*time.Millisecond),
				chromedp.Evaluate(measure, &before),
				gate.Release(),
				browsertest.WaitReady(),
			)
			if tc.width >= 640 {
				b.Run(t, chromedp.WaitVisible(`#tl-viewport .tl-marker`, chromedp.ByQuery))
			}
			b.Run(t,
				chromedp.Sleep(500*time.Millisecond),
				chromedp.Evaluate(measure, &after),
				chromedp.Evaluate(`window.__docketCLS`, &cls),
			)
			// What the reader sees (the part of the page in the window) must
			// stay where it was; what is above or below may change.
			for k, v := range before {
				bv, ok := v.(float64)
				box := strings.HasPrefix(k, "box:")
				if !ok || k == "scrollY" || (box && !tc.boxes) || (!box && (bv < -20 || bv > 900)) {
					continue
				}
				av, _ := after[k].(float64)
				if after[k] == nil || math.Abs(av-bv) > 1 {
					t.Errorf("%s moved across the wasm takeover: %v → %v", k, v, after[k])
				}
			}
			t.Logf("layout shift across the takeover: %.4f; positions %v", cls, after)
			if cls > 0.01 {
				t.Errorf("cumulative layout shift = %.4f; want ≤ 0.01", cls)
			}
		})
	}
}

// TestTimelineKeyboard walks the events with ←/→ and Home/End from a
// marker and from the list, and checks that keys pressed outside the
// timeline are left to the page.
func TestTimelineKeyboard(t *testing.T) { browsertest.ForEachSite(t, testTimelineKeyboard) }

func testTimelineKeyboard(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	tt := openTimeline(t, srv, 1280, timelinePage(browsertest.DefaultCase(t)))
	c := tt.c
	first, second, last := &c.Events[0], &c.Events[1], &c.Events[len(c.Events)-1]
	var history0 int
	tt.eval(`history.length`, &history0)
	tt.waitCard(first)
	if live := tt.str(`document.querySelector(".tl-live").textContent`); live != "" {
		t.Errorf("the live region says %q before anything was selected", live)
	}

	// Keys outside the timeline belong to the page.
	tt.b.Run(t, chromedp.Focus(`.case-header a`, chromedp.ByQuery))
	var prevented bool
	tt.key(kb.ArrowRight)
	tt.eval(`(() => { const e = new KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true, cancelable: true}); document.querySelector(".case-header a").dispatchEvent(e); return e.defaultPrevented })()`, &prevented)
	time.Sleep(100 * time.Millisecond)
	if got := tt.cardTitle(); got != first.Title || prevented {
		t.Errorf("→ outside the timeline changed the card to %q (prevented: %v)", got, prevented)
	}

	// From the selected marker.
	tt.b.Run(t, chromedp.Focus(`#tl-viewport .tl-marker[aria-current="true"]`, chromedp.ByQuery))
	tt.key(kb.ArrowRight)
	tt.waitCard(second)
	if got := tt.selectedQuery(); got != second.ID {
		t.Errorf("after →, ?event=%q; want %q", got, second.ID)
	}
	want := second.Date.Display() + ": " + second.Title
	tt.waitFor(fmt.Sprintf(`document.querySelector(".tl-live").textContent === %q`, want), "the live region")
	var onMarker bool
	tt.eval(`document.activeElement === document.querySelector('#tl-viewport .tl-marker[aria-current="true"]')`, &onMarker)
	if !onMarker {
		t.Errorf("after →, focus is on %q; want the selected marker", tt.active())
	}
	tt.key(kb.End)
	tt.waitCard(last)
	tt.key(kb.ArrowRight) // at the end: stays
	time.Sleep(100 * time.Millisecond)
	tt.waitCard(last)
	tt.key(kb.Home)
	tt.waitCard(first)
	tt.key(kb.ArrowLeft) // at the start: stays
	time.Sleep(100 * time.Millisecond)
	tt.waitCard(first)
	var history1 int
	tt.eval(`history.length`, &history1)
	if history1 != history0 {
		t.Errorf("moving through events added %d history entries; want none", history1-history0)
	}

	// From the list: focus moves to the next item.
	tt.b.Run(t, chromedp.Focus("#"+c.Events[2].ID, chromedp.ByID))
	tt.key(kb.ArrowRight)
	tt.waitCard(&c.Events[3])
	tt.waitFor(fmt.Sprintf(`document.activeElement.id === %q`, c.Events[3].ID), "focus on the next list item")

	// The buttons.
	tt.b.Run(t, chromedp.Click(`.tl-next`, chromedp.ByQuery))
	tt.waitCard(&c.Events[4])
	tt.b.Run(t, chromedp.Click(`.tl-prev`, chromedp.ByQuery))
	tt.waitCard(&c.Events[3])
	if errs := tt.b.Errors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestTimelineClickMarker selects an event by its marker, and zooms into a
// cluster by clicking it.
func TestTimelineClickMarker(t *testing.T) { browsertest.ForEachSite(t, testTimelineClickMarker) }

func testTimelineClickMarker(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	tt := openTimeline(t, srv, 1280, timelinePage(browsertest.DefaultCase(t)))
	c := tt.c

	// A marker of one event: find one that is not selected.
	var id string
	tt.eval(`[...document.querySelectorAll('#tl-viewport .tl-marker:not(.is-group):not([aria-current])')].map(b => b.dataset.id)[0] || ""`, &id)
	if id == "" {
		t.Fatal("no marker of a single event at the whole-case zoom")
	}
	e := c.Event(id)
	tt.b.Run(t, chromedp.Click(fmt.Sprintf(`#tl-viewport .tl-marker[data-id=%q]`, id), chromedp.ByQuery))
	tt.waitCard(e)
	if got := tt.str(`document.querySelector('#tl-viewport .tl-marker[aria-current="true"]').dataset.id`); got != id {
		t.Errorf("after clicking %s, the current marker is %s", id, got)
	}
	if got := tt.selectedQuery(); got != id {
		t.Errorf("after clicking %s, ?event=%q", id, got)
	}
	if got := tt.str(`document.querySelector(".tl-live").textContent`); got != e.Date.Display()+": "+e.Title {
		t.Errorf("live region says %q", got)
	}

	// A cluster: clicking zooms in until its first event stands alone.
	var width0 float64
	tt.eval(`document.querySelector(".tl-content").offsetWidth`, &width0)
	var cluster string
	tt.eval(`[...document.querySelectorAll('#tl-viewport .tl-marker.is-group')].filter(b => !/^\w+ \d+, \d{4}:/.test(b.getAttribute("aria-label"))).map(b => b.dataset.id)[0] || ""`, &cluster)
	if cluster == "" {
		t.Fatal("no cluster of several days at the whole-case zoom: the test needs a case that has one")
	}
	tt.b.Run(t, chromedp.Click(fmt.Sprintf(`#tl-viewport .tl-marker[data-id=%q]`, cluster), chromedp.ByQuery))
	tt.waitFor(fmt.Sprintf(`document.querySelector(".tl-content").offsetWidth > %f`, width0*1.5), "the axis to zoom in")
	tt.waitFor(`document.querySelector('#tl-viewport .tl-marker[aria-current="true"]') !== null`, "the selected marker in view")
	tt.checkLayout("zoomed into a cluster")
}

// TestTimelineDeepLink opens the page on an event by ?event=ID and by #ID,
// and inside an iframe, where moving on must not add history entries to
// the host page.
func TestTimelineDeepLink(t *testing.T) { browsertest.ForEachSite(t, testTimelineDeepLink) }

func testTimelineDeepLink(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	byQuery, byHash := &c.Events[5], &c.Events[len(c.Events)-2]

	t.Run("query", func(t *testing.T) {
		tt := openTimeline(t, srv, 1280, timelinePage(c)+"?event="+byQuery.ID)
		tt.waitCard(byQuery)
		if got := tt.str(`document.querySelector('#timeline li.event[aria-current="true"]').id`); got != byQuery.ID {
			t.Errorf("list marks %q as current", got)
		}
	})
	t.Run("event-page", func(t *testing.T) {
		tt := openTimeline(t, srv, 1280, routes.EventPath(c.ID, byQuery.ID))
		tt.waitCard(byQuery)
		if got := tt.str(`document.querySelector('#timeline li.event[aria-current="true"]').id`); got != byQuery.ID {
			t.Errorf("list marks %q as current", got)
		}
		// Moving on names the new event in the address, which opens it.
		tt.b.Run(t, chromedp.Click(`.tl-next`, chromedp.ByQuery))
		next := &c.Events[6]
		tt.waitCard(next)
		var addr string
		tt.eval(`location.pathname + location.search`, &addr)
		if want, _ := url.Parse(srv.Page(routes.EventPath(c.ID, next.ID))); addr != want.Path {
			t.Errorf("after moving on, the address is %s; want the next event's page %s", addr, want.Path)
		}
		tt.b.Run(t, chromedp.Reload(), browsertest.WaitReady())
		tt.waitCard(next)
	})
	t.Run("hash", func(t *testing.T) {
		tt := openTimeline(t, srv, 1280, timelinePage(c)+"#"+byHash.ID)
		tt.waitCard(byHash)
		var top float64
		tt.eval(fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().top`, byHash.ID), &top)
		if top < -1 || top > 200 {
			t.Errorf("#%s is %.0f px from the top of the window; want it in view (focus on %q)", byHash.ID, top, tt.active())
		}
	})
	t.Run("iframe", func(t *testing.T) {
		// A news page on another origin embeds the case.
		embed := srv.URL + "/embed/" + c.ID + "?event=" + byQuery.ID
		host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<!doctype html><title>News</title><h1>A news story</h1><p>Before.</p>
<iframe src=%q title="Docket" width="1100" height="1400" style="border:0"></iframe><p>After.</p>`, embed)
		}))
		defer host.Close()
		b := browsertest.NewBrowser(t, browsertest.Options{Width: 1280, Height: 900})
		var frames []*cdp.Node
		b.Run(t, chromedp.Navigate(host.URL), chromedp.Nodes("iframe", &frames, chromedp.ByQuery))
		in := chromedp.FromNode(frames[0])
		var history0, history1 int
		var title string
		b.Run(t,
			chromedp.Evaluate(`history.length`, &history0),
			chromedp.WaitVisible(`html[data-docket="ready"]`, chromedp.ByQuery, in),
			chromedp.WaitVisible(`#tl-viewport .tl-marker`, chromedp.ByQuery, in),
			chromedp.Text(`#tl-card-title`, &title, chromedp.ByQuery, in),
		)
		if title != byQuery.Title {
			t.Errorf("the embed opened on %q; want %q", title, byQuery.Title)
		}
		next := &c.Events[6]
		b.Run(t,
			chromedp.Focus(`#tl-viewport .tl-marker[aria-current="true"]`, chromedp.ByQuery, in),
			chromedp.KeyEvent(kb.ArrowRight),
			chromedp.KeyEvent(kb.ArrowRight),
			chromedp.KeyEvent(kb.ArrowLeft),
			chromedp.Sleep(300*time.Millisecond),
			chromedp.Text(`#tl-card-title`, &title, chromedp.ByQuery, in),
			chromedp.Evaluate(`history.length`, &history1),
		)
		if title != next.Title {
			t.Errorf("after → → ← in the embed, the card shows %q; want %q", title, next.Title)
		}
		if history1 != history0 {
			t.Errorf("moving through events in the embed added %d entries to the host page's history", history1-history0)
		}
		var tree *page.FrameTree
		b.Run(t, chromedp.ActionFunc(func(ctx context.Context) (err error) {
			tree, err = page.GetFrameTree().Do(ctx)
			return err
		}))
		if len(tree.ChildFrames) == 0 || !strings.Contains(tree.ChildFrames[0].Frame.URL, "event="+next.ID) {
			t.Errorf("the embed's address does not name the selected event %s", next.ID)
		}
	})
}

// TestEmbedLinkWithinKeepsHostHistory follows a link within an embed (a
// question the timeline's card names, #q-ID): the quiz opens that
// question and the host page's history gains no entry, so the reader's
// Back button still leaves the article.
func TestEmbedLinkWithinKeepsHostHistory(t *testing.T) {
	browsertest.ForEachSite(t, testEmbedLinkWithinKeepsHostHistory)
}

func testEmbedLinkWithinKeepsHostHistory(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	qi := -1
	for i, qu := range c.Quiz.Questions {
		if len(qu.Events) > 0 {
			qi = i
			break
		}
	}
	if qi < 0 {
		t.Fatal("no question of the case names an event: the test needs one that does")
	}
	qu := c.Quiz.Questions[qi]
	embed := srv.URL + "/embed/" + c.ID + "?view=both&event=" + qu.Events[0]
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><title>News</title><h1>A news story</h1>
<iframe src=%q title="Docket" width="1100" height="2400" style="border:0"></iframe>`, embed)
	}))
	defer host.Close()
	b := browsertest.NewBrowser(t, browsertest.Options{Width: 1280, Height: 900})
	var frames []*cdp.Node
	b.Run(t, chromedp.Navigate(host.URL), chromedp.Nodes("iframe", &frames, chromedp.ByQuery))
	in := chromedp.FromNode(frames[0])
	link := fmt.Sprintf(`#tl-card a[href="#q-%s"]`, qu.ID)
	var history0, history1 int
	var legend string
	b.Run(t,
		chromedp.Evaluate(`history.length`, &history0),
		chromedp.WaitVisible(`html[data-docket="ready"]`, chromedp.ByQuery, in),
		chromedp.WaitVisible(link, chromedp.ByQuery, in),
		chromedp.Click(link, chromedp.ByQuery, in),
		chromedp.WaitVisible(`#quiz-legend`, chromedp.ByQuery, in),
		chromedp.Text(`#quiz-legend`, &legend, chromedp.ByQuery, in),
		chromedp.Evaluate(`history.length`, &history1),
	)
	if !strings.Contains(legend, qu.Prompt) {
		t.Errorf("after following #q-%s, the quiz shows %q; want %q", qu.ID, legend, qu.Prompt)
	}
	if history1 != history0 {
		t.Errorf("following a link within the embed added %d entries to the host page's history", history1-history0)
	}
}

// TestTimelineZoom zooms with the buttons, Ctrl+wheel and the keyboard,
// from the whole case down to days, and checks at each level that labels
// and markers never overlap.
func TestTimelineZoom(t *testing.T) { browsertest.ForEachSite(t, testTimelineZoom) }

func testTimelineZoom(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	tt := openTimeline(t, srv, 1280, timelinePage(c)+"?event="+c.Events[4].ID)
	width := func() float64 {
		var w float64
		tt.eval(`document.querySelector(".tl-content").offsetWidth`, &w)
		return w
	}
	disabled := func(sel string) bool {
		return tt.str(fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-disabled")`, sel)) == "true"
	}
	w0 := width()
	if !disabled(".tl-zoom-out") {
		t.Error("zoom out is enabled at the whole-case zoom")
	}
	tt.checkLayout("whole case")

	tt.b.Run(t, chromedp.Click(".tl-zoom-in", chromedp.ByQuery))
	tt.waitFor(fmt.Sprintf(`document.querySelector(".tl-content").offsetWidth > %f`, w0*1.8), "zoom in")
	if disabled(".tl-zoom-out") {
		t.Error("zoom out is disabled after zooming in")
	}
	tt.checkLayout("zoomed in once")

	// Ctrl+wheel over the axis zooms in again, around the pointer.
	w1 := width()
	var box []float64
	tt.eval(`(() => { const r = document.getElementById("tl-viewport").getBoundingClientRect(); return [r.left + r.width/2, r.top + r.height/2] })()`, &box)
	tt.b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		return input.DispatchMouseEvent(input.MouseWheel, box[0], box[1]).WithDeltaY(-120).WithModifiers(input.ModifierCtrl).Do(ctx)
	}))
	tt.waitFor(fmt.Sprintf(`document.querySelector(".tl-content").offsetWidth > %f`, w1*1.8), "Ctrl+wheel to zoom in")

	// The keyboard, down to days: the selected event stays in view.
	tt.b.Run(t, chromedp.Focus(`#tl-viewport .tl-marker[aria-current="true"]`, chromedp.ByQuery))
	for range 20 {
		if disabled(".tl-zoom-in") {
			break
		}
		tt.key("+")
		time.Sleep(50 * time.Millisecond)
		tt.checkLayout(fmt.Sprintf("zoomed to %.0f px", width()))
	}
	if !disabled(".tl-zoom-in") {
		t.Fatalf("zoom in is still enabled after 20 steps; focus on %q, content %.0f px", tt.active(), width())
	}
	var ticks []string
	tt.eval(`[...document.querySelectorAll("#tl-viewport .tl-tick span")].map(s => s.textContent)`, &ticks)
	if len(ticks) == 0 || !strings.Contains(tt.str(`document.getElementById("tl-viewport").getAttribute("aria-label")`), "day") {
		t.Errorf("at the closest zoom the axis shows ticks %v, labelled %q; want days", ticks, tt.str(`document.getElementById("tl-viewport").getAttribute("aria-label")`))
	}
	tt.waitFor(`(() => { const m = document.querySelector('#tl-viewport .tl-marker[aria-current="true"]'); if (!m) return false;
  const r = m.getBoundingClientRect(), v = document.getElementById("tl-viewport").getBoundingClientRect();
  return r.left >= v.left && r.right <= v.right })()`, "the selected marker to stay in view")
	// Events on one day share one marker, named by their count.
	var sameDay int
	tt.eval(`[...document.querySelectorAll("#tl-viewport .tl-marker.is-group")].length`, &sameDay)
	tt.b.ScreenshotElement(t, "timeline-zoomed-1280", ".tl-stage")

	tt.b.Run(t, chromedp.Click(".tl-zoom-fit", chromedp.ByQuery))
	tt.waitFor(fmt.Sprintf(`Math.abs(document.querySelector(".tl-content").offsetWidth - %f) < 2`, w0), "the whole case again")
	tt.b.CheckAxe(t, "zoomed")
}

// TestTimelineFilter switches a category off and on with the legend.
func TestTimelineFilter(t *testing.T) { browsertest.ForEachSite(t, testTimelineFilter) }

func testTimelineFilter(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	if len(c.Categories) < 2 {
		t.Fatal("the default case has one category: the filter test needs two or more")
	}
	sel := &c.Events[4]
	k := 0
	for i, cat := range c.Categories {
		if cat.ID == sel.Category {
			k = i
		}
	}
	tt := openTimeline(t, srv, 1280, timelinePage(c)+"?event="+sel.ID)
	chip := fmt.Sprintf(`.tl-chip[data-cat="%d"]`, k)
	tt.b.Run(t, chromedp.Click(chip, chromedp.ByQuery))
	tt.waitFor(fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-pressed") === "false"`, chip), "the chip to be off")

	// The selected event was of that category: the selection moved to the
	// next event shown.
	var want *casefile.Event
	for i := 5; i < len(c.Events) && want == nil; i++ {
		if c.Events[i].Category != sel.Category {
			want = &c.Events[i]
		}
	}
	if want != nil {
		tt.waitCard(want)
	}
	var hidden, shown int
	tt.eval(`document.querySelectorAll("#timeline li.event[hidden]").length`, &hidden)
	tt.eval(`[...document.querySelectorAll("#timeline li.event")].filter(e => e.offsetParent).length`, &shown)
	n := 0
	for _, e := range c.Events {
		if e.Category == sel.Category {
			n++
		}
	}
	if hidden != n || shown != len(c.Events)-n {
		t.Errorf("with %s off, %d events hidden and %d shown; want %d and %d", sel.Category, hidden, shown, n, len(c.Events)-n)
	}
	var onAxis int
	tt.eval(fmt.Sprintf(`[...document.querySelectorAll("#tl-viewport .tl-marker")].filter(b => %s.includes(b.dataset.id)).length`, jsIDs(c, sel.Category)), &onAxis)
	if onAxis != 0 {
		t.Errorf("%d markers of the hidden category remain on the axis", onAxis)
	}
	if !strings.Contains(tt.str(`document.querySelector(".tl-count").textContent`), "shown") {
		t.Error("the count does not say that some events are hidden")
	}
	tt.checkLayout("filtered")

	// Keyboard steps skip the hidden events.
	tt.b.Run(t, chromedp.Focus(`#tl-viewport .tl-marker[aria-current="true"]`, chromedp.ByQuery))
	for range len(c.Events) {
		tt.key(kb.ArrowRight)
	}
	time.Sleep(200 * time.Millisecond)
	if id := tt.selectedQuery(); c.Event(id) == nil || c.Event(id).Category == sel.Category {
		t.Errorf("stepping selected %q, of a hidden category", id)
	}

	// Only one category left on: it cannot be switched off.
	for i := range c.Categories {
		if i != k && i != (k+1)%len(c.Categories) {
			tt.b.Run(t, chromedp.Click(fmt.Sprintf(`.tl-chip[data-cat="%d"]`, i), chromedp.ByQuery))
		}
	}
	last := fmt.Sprintf(`.tl-chip[data-cat="%d"]`, (k+1)%len(c.Categories))
	tt.waitFor(fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-disabled") === "true"`, last), "the last chip to be locked on")
	tt.b.Run(t, chromedp.Click(last, chromedp.ByQuery))
	time.Sleep(100 * time.Millisecond)
	if got := tt.str(fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-pressed")`, last)); got != "true" {
		t.Errorf("the last category shown was switched off")
	}
	tt.b.CheckAxe(t, "filtered")

	// Everything back on.
	for i := range c.Categories {
		if i != (k+1)%len(c.Categories) {
			tt.b.Run(t, chromedp.Click(fmt.Sprintf(`.tl-chip[data-cat="%d"]`, i), chromedp.ByQuery))
		}
	}
	tt.waitFor(`document.querySelectorAll("#timeline li.event[hidden]").length === 0`, "every event shown again")
}

// jsIDs is a JavaScript array of the ids of the events of a category.
func jsIDs(c *casefile.Case, category string) string {
	var ids []string
	for _, e := range c.Events {
		if e.Category == category {
			ids = append(ids, e.ID)
		}
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

// TestTimelineNarrow checks the layout at 320 px: the list alone is the
// timeline, nothing scrolls sideways, the legend still filters and the
// keyboard still moves through the list.
func TestTimelineNarrow(t *testing.T) { browsertest.ForEachSite(t, testTimelineNarrow) }

func testTimelineNarrow(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	tt := openTimeline(t, srv, 320, timelinePage(c))
	var scrollW, visible int
	var stage bool
	tt.eval(`document.documentElement.scrollWidth`, &scrollW)
	tt.eval(`document.querySelector(".tl-stage").offsetParent !== null`, &stage)
	tt.eval(`[...document.querySelectorAll("#timeline li.event")].filter(e => e.offsetParent && e.getBoundingClientRect().right <= 320).length`, &visible)
	if scrollW > 320 {
		t.Errorf("the page is %d px wide at 320 px", scrollW)
	}
	if stage {
		t.Error("the axis and card show at 320 px; the list alone should")
	}
	if visible != len(c.Events) {
		t.Errorf("%d of %d events are listed within 320 px", visible, len(c.Events))
	}
	var targets []string
	tt.eval(`[...document.querySelectorAll("#timeline button, #timeline summary")].filter(e => e.offsetParent).map(e => e.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24).map(r => r.width + "x" + r.height)`, &targets)
	if len(targets) > 0 {
		t.Errorf("targets smaller than 24×24 px: %v", targets)
	}

	tt.b.Run(t, chromedp.Focus("#"+c.Events[0].ID, chromedp.ByID))
	tt.key(kb.ArrowRight)
	tt.waitFor(fmt.Sprintf(`document.activeElement.id === %q`, c.Events[1].ID), "focus on the second event")
	if got := tt.selectedQuery(); got != c.Events[1].ID {
		t.Errorf("?event=%q after →; want %q", got, c.Events[1].ID)
	}
	if len(c.Categories) > 1 {
		tt.b.Run(t, chromedp.Click(`.tl-chip[data-cat="0"]`, chromedp.ByQuery))
		tt.waitFor(`document.querySelectorAll("#timeline li.event[hidden]").length > 0`, "the filter at 320 px")
		tt.b.Run(t, chromedp.Click(`.tl-chip[data-cat="0"]`, chromedp.ByQuery))
	}
	tt.b.CheckAxe(t, "320 px")
}

// TestTimelineScreenshots writes the timeline at 320 and 1280 px, light
// and dark, to bin/screenshots, and checks each with axe-core (WCAG 2.2
// A/AA) and for sideways scrolling of the page.
func TestTimelineScreenshots(t *testing.T) {
	browsertest.Parallel(t)
	srv := browsertest.StartServer(t)
	c := browsertest.DefaultCase(t)
	for _, width := range []int{320, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%d-%s", width, scheme), func(t *testing.T) {
				b := browsertest.NewBrowser(t, browsertest.Options{Width: max(width, 800), Height: 900})
				b.Run(t, browsertest.EmulateWidth(width, 900), browsertest.EmulateColorScheme(scheme))
				b.Run(t,
					chromedp.Navigate(srv.URL+timelinePage(c)+"?event="+c.Events[4].ID),
					browsertest.WaitReady(),
				)
				if width >= 640 {
					b.Run(t, chromedp.WaitVisible(`#tl-viewport .tl-marker`, chromedp.ByQuery))
				}
				b.Run(t, chromedp.Sleep(200*time.Millisecond))
				var scrollW int
				b.Run(t, chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollW))
				if scrollW > width {
					t.Errorf("the page scrolls sideways: %d px wide in a %d px window", scrollW, width)
				}
				b.Screenshot(t, fmt.Sprintf("timeline-%d-%s-page", width, scheme))
				b.Run(t, chromedp.Evaluate(`document.getElementById("timeline").scrollIntoView()`, nil))
				b.ScreenshotViewport(t, fmt.Sprintf("timeline-%d-%s", width, scheme))
				b.CheckAxe(t, fmt.Sprintf("%d px, %s", width, scheme))
				if errs := b.Errors(); len(errs) > 0 {
					t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
				}
			})
		}
	}
}

// TestTimelineManyEvents opens generated cases of 1,000 and 10,000 events:
// the DOM stays small (a window of the axis and of the list), the keyboard
// reaches the last event, the list pages, and markers and labels never
// overlap.
func TestTimelineManyEvents(t *testing.T) {
	// Not in parallel (browsertest.Parallel): its servers serve other cases (-cases).
	dir := t.TempDir()
	for _, n := range []int{1000, 10000} {
		writeCase(t, dir, generateCase(fmt.Sprintf("many-%d", n), n))
	}
	srv := browsertest.StartServer(t, "-cases", dir)
	for _, n := range []int{1000, 10000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			c := generateCase(fmt.Sprintf("many-%d", n), n)
			tt := openTimeline(t, srv, 1280, "/cases/"+c.ID)
			tt.c = c
			var nodes, items int
			tt.eval(`document.querySelectorAll("#timeline *").length`, &nodes)
			tt.eval(`document.querySelectorAll("#timeline li.event").length`, &items)
			if nodes > 3000 || items > 50 {
				t.Errorf("%d elements in the timeline, %d events listed; want a small window", nodes, items)
			}
			if got, want := tt.str(`document.querySelector(".tl-pager-status").textContent`), fmt.Sprintf("Events 1 to 50 of %s", thousandsSep(n)); got != want {
				t.Errorf("pager says %q; want %q", got, want)
			}
			tt.checkLayout("whole case")
			tt.b.ScreenshotElement(t, fmt.Sprintf("timeline-%d-events-1280", n), ".tl-stage")

			tt.b.Run(t, chromedp.Focus(`#tl-viewport .tl-marker[aria-current="true"]`, chromedp.ByQuery))
			tt.key(kb.End)
			last := &c.Events[n-1]
			tt.waitCard(last)
			tt.waitFor(fmt.Sprintf(`document.getElementById(%q) !== null`, last.ID), "the last event in the list window")
			tt.key(kb.ArrowLeft)
			tt.waitCard(&c.Events[n-2])
			tt.b.Run(t, chromedp.Click(".tl-page-earlier", chromedp.ByQuery))
			tt.waitFor(fmt.Sprintf(`document.getElementById(%q) === null && document.querySelectorAll("#timeline li.event").length === 50`, last.ID), "the page before")
			tt.eval(`document.querySelectorAll("#timeline *").length`, &nodes)
			if nodes > 3000 {
				t.Errorf("%d elements in the timeline after paging", nodes)
			}
			if errs := tt.b.Errors(); len(errs) > 0 {
				t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
			}
		})
	}
}

// thousandsSep writes n as the page does: "10,000".
func thousandsSep(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestTimelineSwipe swipes the card on a touch screen: leftwards to the
// next event, rightwards back.
func TestTimelineSwipe(t *testing.T) { browsertest.ForEachSite(t, testTimelineSwipe) }

func testTimelineSwipe(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	tt := openTimeline(t, srv, 1024, timelinePage(c))
	var box []float64
	// The middle of the card's title, in the middle of the window, where
	// nothing covers it.
	tt.eval(`(() => { const h = document.getElementById("tl-card-title"); h.scrollIntoView({block: "center"});
  const r = h.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2] })()`, &box)
	var onCard bool
	tt.eval(fmt.Sprintf(`document.elementFromPoint(%f, %f)?.closest("#tl-card") !== null`, box[0], box[1]), &onCard)
	if !onCard {
		t.Fatal("the card's title is covered")
	}
	swipe := func(dx float64) {
		tt.b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
			x, y := box[0], box[1]
			if err := input.DispatchTouchEvent(input.TouchStart, []*input.TouchPoint{{X: x, Y: y}}).Do(ctx); err != nil {
				return err
			}
			for k := 1; k <= 5; k++ {
				if err := input.DispatchTouchEvent(input.TouchMove, []*input.TouchPoint{{X: x + dx*float64(k)/5, Y: y + 4}}).Do(ctx); err != nil {
					return err
				}
			}
			return input.DispatchTouchEvent(input.TouchEnd, []*input.TouchPoint{}).Do(ctx)
		}))
	}
	swipe(-160)
	tt.waitCard(&c.Events[1])
	swipe(-160)
	tt.waitCard(&c.Events[2])
	swipe(+160)
	tt.waitCard(&c.Events[1])
	// A short or vertical drag is not a swipe.
	swipe(-20)
	time.Sleep(200 * time.Millisecond)
	tt.waitCard(&c.Events[1])
}

// TestTimelineMedia checks the print style (every event, even those a
// filter hides; no controls) and prefers-reduced-motion (no transitions).
func TestTimelineMedia(t *testing.T) { browsertest.ForEachSite(t, testTimelineMedia) }

func testTimelineMedia(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	tt := openTimeline(t, srv, 1280, timelinePage(c))
	if len(c.Categories) > 1 {
		tt.b.Run(t, chromedp.Click(`.tl-chip[data-cat="0"]`, chromedp.ByQuery))
		tt.waitFor(`document.querySelectorAll("#timeline li.event[hidden]").length > 0`, "a category filtered out")
	}
	var before string
	tt.eval(`getComputedStyle(document.querySelector(".tl-marker"), "::before").transitionDuration`, &before)
	tt.b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		return emulation.SetEmulatedMedia().WithMedia("print").WithFeatures([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}).Do(ctx)
	}))
	var printed int
	var controls []string
	tt.eval(`[...document.querySelectorAll("#timeline li.event")].filter(e => e.offsetParent).length`, &printed)
	tt.eval(`[".tl-toolbar", ".tl-stage", ".tl-pager"].filter(s => document.querySelector(s)?.offsetParent)`, &controls)
	if printed != len(c.Events) {
		t.Errorf("print shows %d of %d events", printed, len(c.Events))
	}
	if len(controls) > 0 {
		t.Errorf("print shows controls: %v", controls)
	}
	var reduced string
	tt.eval(`getComputedStyle(document.querySelector(".tl-marker"), "::before").transitionDuration`, &reduced)
	if before == reduced || !strings.HasPrefix(reduced, "0") && !strings.HasPrefix(reduced, "1e-05") {
		t.Errorf("with reduced motion, markers still animate: %s (otherwise %s)", reduced, before)
	}
}
