package e2e

import (
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// timelineOnlyDir is a case folder of a timeline-only case, as `docket
// import` writes one from a TimelineJS timeline: spans, eras, times of day
// in a time zone, images in its folder (a PNG with its size, a JPEG
// without), a link to a video, and no quiz or glossary.
const timelineOnlyDir = "testdata/timeline-only"

// canonicalDOM is a script that writes an element's tree (tags, sorted
// attributes, ARIA values without case, trimmed text) so that the page
// the server wrote and the page the wasm drew can be compared.
const canonicalDOM = `(el) => {
  const walk = (n) => {
    if (n.nodeType === 3) { const s = n.data.trim().replace(/\s+/g, " "); return s ? "«" + s + "»" : ""; }
    if (n.nodeType !== 1) return "";
    const attrs = [...n.attributes].map(a => a.name + "=" + (a.name.startsWith("aria-") ? a.value.toLowerCase() : a.value)).sort();
    return "<" + n.localName + " " + attrs.join(" ") + ">" + [...n.childNodes].map(walk).join("") + "</" + n.localName + ">";
  };
  return el ? walk(el) : "";
}`

// TestTimelineOnlyCase serves the timeline-only case with -cases and
// reads it at 320 px (the list alone) and 1280 px (the axis): no layout
// shift while the images load and the wasm takes over, the same header and
// list before and after the takeover, no accessibility violation, no quiz,
// the images from /media/, a link card and no frame; on the axis, spans as
// bars, eras as bands, and the two events of April 6 placed at their
// times.
func TestTimelineOnlyCase(t *testing.T) {
	// Not in parallel (browsertest.Parallel): its server serves other cases (-cases).
	dir, err := filepath.Abs(timelineOnlyDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "media", "courthouse.png")); err != nil {
		t.Fatal(err)
	}
	srv := browsertest.StartServer(t, "-cases", dir)
	const path = "/cases/timeline-only/"
	_, served := srv.Get(t, path)
	for _, width := range []int{320, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			b := browsertest.NewBrowser(t, browsertest.Options{Width: max(width, 800), Height: 900})
			b.Run(t, browsertest.EmulateWidth(width, 900), browsertest.TrackLayoutShift(),
				chromedp.Navigate(srv.URL+path), browsertest.WaitReady(),
			)
			// The header and the list are the nodes the server wrote.
			for _, sel := range []string{".case-header", "#timeline .event-list", ".tl-era-list"} {
				var live, want string
				b.Run(t,
					browsertest.Eval(fmt.Sprintf(`(%s)(document.querySelector(%q))`, canonicalDOM, sel), &live),
					browsertest.Eval(fmt.Sprintf(`(%s)(new DOMParser().parseFromString(%q, "text/html").querySelector(%q))`, canonicalDOM, served, sel), &want),
				)
				if live != want || live == "" {
					t.Errorf("%s after the takeover differs from the server's:\nserver: %s\nwasm:   %s", sel, want, live)
				}
			}
			// Every image loaded (the lazy ones once scrolled to), then a
			// moment for any shift to be counted.
			b.Run(t,
				browsertest.LoadAllImages(),
			)
			var st struct {
				pageParts
				Figures      int
				Host         string
				WidestFigure float64
			}
			cls := settledParts(t, b, width, `figures: document.querySelectorAll("figure.media").length,
  host: (document.querySelector("a.media-link .media-link-host") || {}).textContent || "",
  widestFigure: Math.max(...[...document.querySelectorAll("figure.media img, a.media-link")].map(e => e.getBoundingClientRect().right)),`, &st)
			if cls > 0.001 {
				t.Errorf("cumulative layout shift = %.4f; want none", cls)
			}
			st.checkNoQuiz(t)
			if st.LinkCards == 0 || st.Host != "Opens youtube.com in a new tab" {
				t.Errorf("link cards: %d, host line %q", st.LinkCards, st.Host)
			}
			if st.Eras != 3 {
				t.Errorf("%d eras listed, want 3", st.Eras)
			}
			if len(st.Images) < 2 {
				t.Errorf("images: %v", st.Images)
			}
			for _, p := range st.Images {
				if !strings.HasPrefix(p, "/media/timeline-only/media/") {
					t.Errorf("image from %s, want /media/timeline-only/...", p)
				}
			}
			if st.WidestFigure > st.Viewport+0.5 {
				t.Errorf("a figure or link card reaches %.0f px, past the %.0f px window", st.WidestFigure, st.Viewport)
			}

			if width >= 640 {
				var axis struct {
					Bars, Bands, Labels int
				}
				b.Run(t, browsertest.Eval(`({
  bars: document.querySelectorAll("#tl-viewport .tl-span-band.is-span").length,
  bands: document.querySelectorAll("#tl-viewport .tl-era").length,
  labels: document.querySelectorAll("#tl-viewport .tl-era-label").length,
})`, &axis))
				if axis.Bars < 2 || axis.Bands != 3 || axis.Labels < 2 {
					t.Errorf("axis: %d span bars, %d era bands, %d era labels; want 2 or more bars, 3 bands, 2 or more labels", axis.Bars, axis.Bands, axis.Labels)
				}
				// Era labels never overlap.
				var overlap bool
				b.Run(t, browsertest.Eval(`(() => {
  const r = [...document.querySelectorAll("#tl-viewport .tl-era-label")].map(e => e.getBoundingClientRect()).sort((a, b) => a.left - b.left);
  return r.some((x, i) => i > 0 && x.left < r[i-1].right);
})()`, &overlap))
				if overlap {
					t.Error("era labels overlap")
				}
				t.Logf("screenshot: %s", b.ScreenshotElement(t, "timeline-only-axis-1280", ".tl-axis"))
			}
			b.CheckAxe(t, fmt.Sprintf("timeline-only at %d px", width))
			if errs := b.Errors(); len(errs) > 0 {
				t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
			}
			t.Logf("screenshot: %s", b.Screenshot(t, fmt.Sprintf("timeline-only-%d", width)))
		})
	}

	// At the closest zoom, the two events of April 6 (9:15 a.m. and a
	// hearing from 4:30 to 6 p.m.) sit 8 hours apart: 160 px a day.
	t.Run("minutes", func(t *testing.T) {
		b := browsertest.NewBrowser(t, browsertest.Options{Width: 1280, Height: 900})
		b.Run(t, chromedp.Navigate(srv.URL+path+"?event=suit-filed"), browsertest.WaitReady(),
			chromedp.WaitVisible(`#tl-viewport .tl-marker`, chromedp.ByQuery))
		for range 12 {
			var disabled bool
			b.Run(t, browsertest.Eval(`document.querySelector(".tl-zoom-in").getAttribute("aria-disabled") === "true"`, &disabled))
			if disabled {
				break
			}
			b.Run(t, chromedp.Click(`.tl-zoom-in`, chromedp.ByQuery), chromedp.Sleep(150*time.Millisecond))
		}
		var gap float64
		b.Run(t, chromedp.Sleep(300*time.Millisecond), browsertest.Eval(`(() => {
  const x = id => { const m = document.querySelector('#tl-viewport .tl-marker[data-id="' + id + '"]'); if (!m) return NaN; const r = m.getBoundingClientRect(); return r.left + r.width / 2; };
  return x("hearing") - x("suit-filed");
})()`, &gap))
		// 9:15 to the hearing's middle, 5:15 p.m.: 8 hours of 160 px a day.
		if want := 8.0 / 24 * 160; math.IsNaN(gap) || math.Abs(gap-want) > 2 {
			t.Errorf("at the closest zoom the hearing's marker is %.1f px right of the filing's; want %.1f", gap, want)
		}
		var bar float64
		b.Run(t, browsertest.Eval(`Math.max(0, ...[...document.querySelectorAll("#tl-viewport .tl-span-band.is-span")].map(e => e.getBoundingClientRect().width).filter(w => w < 50))`, &bar))
		if want := 1.5 / 24 * 160; math.Abs(bar-want) > 1.5 {
			t.Errorf("the hearing's bar is %.1f px wide; want %.1f (an hour and a half)", bar, want)
		}
		b.Run(t, chromedp.Evaluate(`document.querySelector(".notice-dismiss")?.click()`, nil), chromedp.Sleep(200*time.Millisecond))
		t.Logf("screenshot: %s", b.ScreenshotElement(t, "timeline-only-minutes-1280", ".tl-axis"))
	})
}

// TestTimelineOnlyOffline serves the timeline-only case on each site (the
// server, and static exports at / and under /explainers/): its images come
// from the site's /media/, and once the service worker has kept the page,
// the case reads offline, images included.
func TestTimelineOnlyOffline(t *testing.T) { browsertest.ForEachSite(t, testTimelineOnlyOffline) }

func testTimelineOnlyOffline(t *testing.T, site browsertest.Site) {
	dir, err := filepath.Abs(timelineOnlyDir)
	if err != nil {
		t.Fatal(err)
	}
	srv := site.Start(t, "-cases", dir)
	const path = "/cases/timeline-only/"
	loaded := `(() => { scrollTo(0, document.body.scrollHeight); const im = [...document.images];
  return im.length >= 2 && im.every(i => i.complete && i.naturalWidth > 0); })()`
	b := browsertest.NewBrowser(t, browsertest.Options{})
	b.Run(t,
		chromedp.Navigate(srv.URL+path), browsertest.WaitReady(), swReady,
		// Read once through the worker, which keeps the page.
		chromedp.Navigate(srv.URL+path), browsertest.WaitReady(),
		browsertest.WaitFor(loaded, 20*time.Second),
	)
	var images []string
	b.Run(t, browsertest.Eval(`[...document.images].map(i => new URL(i.currentSrc).pathname)`, &images))
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	prefix := u.Path // the base path, "" at the root
	for _, p := range images {
		if !strings.HasPrefix(p, prefix+"/media/timeline-only/media/") {
			t.Errorf("image from %s, want %s/media/timeline-only/...", p, prefix)
		}
	}
	srv.Stop()
	b.Run(t, network.EmulateNetworkConditions(true, 0, -1, -1))
	var title string
	b.Run(t,
		chromedp.Navigate(srv.URL+path), browsertest.WaitReady(),
		browsertest.WaitFor(loaded, 20*time.Second),
		chromedp.Text("h1", &title, chromedp.ByQuery),
	)
	if !strings.HasPrefix(title, "Demo v. Timeline") {
		t.Errorf("offline h1 = %q", title)
	}
}
