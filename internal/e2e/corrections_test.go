package e2e

import (
	"fmt"
	"math"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/casefile"

	"github.com/chromedp/chromedp"
)

// linkedSources is how many of the sources ids name have a web address and
// so are links; the others are cited in words.
func linkedSources(c *casefile.Case, ids []string) int {
	n := 0
	for _, id := range ids {
		if s := c.Source(id); s != nil && s.URL != "" {
			n++
		}
	}
	return n
}

// TestCorrections checks the corrections under the timeline in Chromium,
// at a phone's width and a desktop's: shown with script off, the same
// before and after the wasm takes over (nothing in it moves), and
// accessible. It saves a screenshot of the section at each width.
func TestCorrections(t *testing.T) { browsertest.ForEachSite(t, testCorrections) }

func testCorrections(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := browsertest.DefaultCase(t)
	if len(c.Corrections) == 0 {
		t.Fatalf("case %s has no corrections to show", c.ID)
	}
	// Where the section and each correction are on the page (not in the
	// window, which the takeover may scroll), and what they say as laid
	// out (innerText: the prerendered page's indentation is not text).
	const measure = `(() => {
  const top = e => e ? Math.round((e.getBoundingClientRect().top + scrollY) * 10) / 10 : null;
  const s = document.getElementById("corrections");
  const items = s ? [...s.querySelectorAll("li.correction")] : [];
  return {
    heading: top(document.getElementById("corrections-heading")),
    height: s ? Math.round(s.getBoundingClientRect().height * 10) / 10 : null,
    tops: items.map(top),
    text: items.map(li => li.innerText.replace(/\s+/g, " ").trim()),
    afterTimeline: !!s && s.previousElementSibling && s.previousElementSibling.id === "timeline",
  };
})()`
	type view struct {
		Heading       *float64  `json:"heading"`
		Height        *float64  `json:"height"`
		Tops          []float64 `json:"tops"`
		Text          []string  `json:"text"`
		AfterTimeline bool      `json:"afterTimeline"`
	}
	for _, width := range []int{320, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			// With script off: the section is there, under the timeline.
			nb := browsertest.NewBrowser(t, browsertest.Options{NoScript: true, Width: max(width, 800), Height: 900})
			var plain view
			nb.Run(t, browsertest.EmulateWidth(width, 900),
				chromedp.Navigate(srv.URL+timelinePage(c)),
				chromedp.WaitVisible("#corrections", chromedp.ByID),
				chromedp.Evaluate(measure, &plain),
			)
			if len(plain.Text) != len(c.Corrections) || !plain.AfterTimeline {
				t.Errorf("without script: %d corrections, after the timeline: %v; want %d", len(plain.Text), plain.AfterTimeline, len(c.Corrections))
			}

			// Prerendered, then taken over by the wasm: the same section in
			// the same place.
			b := browsertest.NewBrowser(t, browsertest.Options{Width: max(width, 800), Height: 900})
			b.Run(t, browsertest.EmulateWidth(width, 900))
			gate := b.HoldWasm(t)
			var before, after view
			b.Run(t,
				chromedp.Navigate(srv.URL+timelinePage(c)),
				gate.Wait(),
				chromedp.Sleep(100*time.Millisecond),
				chromedp.Evaluate(measure, &before),
				gate.Release(),
				browsertest.WaitReady(),
			)
			if width >= 640 {
				b.Run(t, chromedp.WaitVisible(`#tl-viewport .tl-marker`, chromedp.ByQuery))
			}
			b.Run(t,
				chromedp.Sleep(500*time.Millisecond),
				chromedp.Evaluate(measure, &after),
			)
			if before.Heading == nil || after.Heading == nil {
				t.Fatalf("no corrections section: before %+v, after %+v", before, after)
			}
			if math.Abs(*after.Heading-*before.Heading) > 1 || math.Abs(*after.Height-*before.Height) > 1 {
				t.Errorf("the section moved or changed size across the wasm takeover: top %v → %v, height %v → %v",
					*before.Heading, *after.Heading, *before.Height, *after.Height)
			}
			for i := range before.Tops {
				if i >= len(after.Tops) || math.Abs(after.Tops[i]-before.Tops[i]) > 1 {
					t.Errorf("correction %d moved across the takeover: %v → %v", i, before.Tops, after.Tops)
					break
				}
			}
			for i, k := range c.Corrections {
				want := casefile.Date{Value: k.Date, Precision: casefile.Day}.Display() + " " + k.Text
				if i >= len(after.Text) || after.Text[i][:min(len(want), len(after.Text[i]))] != want {
					t.Errorf("correction %d reads %q; want it to start %q", i, after.Text, want)
				}
				if i < len(before.Text) && i < len(after.Text) && before.Text[i] != after.Text[i] {
					t.Errorf("correction %d changed across the takeover: %q → %q", i, before.Text[i], after.Text[i])
				}
			}
			b.Run(t, chromedp.ScrollIntoView("#corrections", chromedp.ByID))
			b.CheckAxeWithin(t, "#corrections", fmt.Sprintf("corrections at %dpx", width))
			if !site.Static {
				b.ScreenshotElement(t, fmt.Sprintf("corrections-%d", width), "#corrections")
			}
		})
	}
}
