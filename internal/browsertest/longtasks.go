package browsertest

import (
	"context"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TrackLongTasks makes every page that loads from now on record its
// main-thread tasks longer than 50 ms in window.__docketLongTasks (their
// durations in ms), from the page's start, for measuring start-up.
func TrackLongTasks() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`window.__docketLongTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__docketLongTasks.push(e.duration);
}).observe({type: "longtask", buffered: true});`).Do(ctx)
		return err
	})
}

// ThrottleCPU slows the page's CPU by rate (4 is Lighthouse's mobile profile).
func ThrottleCPU(rate float64) chromedp.Action {
	return emulation.SetCPUThrottlingRate(rate)
}

// Blocking sums what long tasks block beyond 50 ms each (as total
// blocking time does) and names the longest.
func Blocking(tasks []float64) (total, longest float64) {
	for _, d := range tasks {
		if d > 50 {
			total += d - 50
		}
		longest = max(longest, d)
	}
	return total, longest
}
