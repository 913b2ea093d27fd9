package e2e

import (
	"fmt"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// selectedInView is a JavaScript condition: the selected event's marker
// shows within the axis's viewport.
const selectedInView = `(() => { const m = document.querySelector('#tl-viewport .tl-marker[aria-current="true"]'); if (!m) return false;
  const r = m.getBoundingClientRect(), v = document.getElementById("tl-viewport").getBoundingClientRect();
  return r.width > 0 && r.left >= v.left && r.right <= v.right })()`

// stylesApplied is a JavaScript condition: every element drawn on the axis
// stands where its data-css puts it.
const stylesApplied = `[...document.querySelectorAll("#tl-viewport [data-css]")].every(el => {
  const n = document.createElement("div"); n.style.cssText = el.dataset.css; return n.style.cssText === el.style.cssText })`

// zoomIn clicks the zoom-in button n times, waiting for each step.
func (tt *timelineTab) zoomIn(n int) {
	tt.t.Helper()
	for range n {
		var w float64
		tt.eval(`document.querySelector(".tl-content").offsetWidth`, &w)
		tt.b.Run(tt.t, chromedp.Click(".tl-zoom-in", chromedp.ByQuery))
		tt.waitFor(fmt.Sprintf(`document.querySelector(".tl-content").offsetWidth > %f`, w*1.5), "a zoom step")
	}
}

// TestTimelineFilterWhileZoomed switches a category off while the axis is
// zoomed in and scrolled away from the selected event: the filtered axis
// starts from its left, and the page's scroll follows it, so the selected
// marker shows rather than an empty stretch.
func TestTimelineFilterWhileZoomed(t *testing.T) {
	browsertest.ForEachSite(t, testTimelineFilterWhileZoomed)
}

func testTimelineFilterWhileZoomed(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	sel := &c.Events[0]
	k := -1
	for i, cat := range c.Categories {
		if cat.ID != sel.Category {
			k = i
			break
		}
	}
	if k < 0 {
		t.Fatal("the default case has one category: the test needs two or more")
	}
	tt := openTimeline(t, srv, 1280, timelinePage(c)+"?event="+sel.ID)
	tt.zoomIn(3)
	tt.waitFor(selectedInView, "the first event's marker in view")
	var left float64
	tt.eval(`(() => { const v = document.getElementById("tl-viewport"); v.scrollLeft += 600; return v.scrollLeft })()`, &left)
	if left < 500 {
		t.Fatalf("the zoomed axis scrolls only to %v px", left)
	}
	time.Sleep(200 * time.Millisecond) // the scroll event reaches the wasm
	chip := fmt.Sprintf(`.tl-chip[data-cat="%d"]`, k)
	tt.b.Run(t, chromedp.Click(chip, chromedp.ByQuery))
	tt.waitFor(fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-pressed") === "false"`, chip), "the chip to be off")
	tt.waitFor(selectedInView+` && document.getElementById("tl-viewport").scrollLeft < 1`, "the filtered axis to show its left, with the selected marker")
	tt.waitFor(stylesApplied, "the markers to stand where they belong")
}

// TestTimelineResizeWhileZoomed widens the window while the axis is zoomed
// in: the axis keeps its zoom, and the markers the wider viewport now shows
// stand where they belong, not where an element once stood.
func TestTimelineResizeWhileZoomed(t *testing.T) {
	browsertest.ForEachSite(t, testTimelineResizeWhileZoomed)
}

func testTimelineResizeWhileZoomed(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	tt := openTimeline(t, srv, 700, timelinePage(c)+"?event="+c.Events[len(c.Events)/2].ID)
	tt.zoomIn(2)
	tt.waitFor(stylesApplied, "the zoomed axis's styles")
	var before int
	var width float64
	tt.eval(`document.querySelectorAll("#tl-viewport [data-css]").length`, &before)
	tt.eval(`document.getElementById("tl-viewport").clientWidth`, &width)
	tt.b.Run(t, browsertest.EmulateWidth(1280, 900))
	tt.waitFor(fmt.Sprintf(`document.getElementById("tl-viewport").clientWidth > %f`, width+300), "the axis to widen")
	tt.waitFor(fmt.Sprintf(`document.querySelectorAll("#tl-viewport [data-css]").length > %d`, before), "more of the axis to be drawn")
	tt.waitFor(stylesApplied, "the markers to stand where they belong after widening")
	tt.waitFor(selectedInView, "the selected marker to stay in view")
}
