package e2e

import (
	"context"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestCaseStartsAfterFirstPaint checks the order of the case page's start
// (#17): the prerendered page is painted first, and only then does go-app
// start its wasm (WebAssembly.instantiate), so the first paint never waits
// for Go's start and go-app's mount, however fast the preloaded wasm
// arrives. The test holds the first paint back (the page is hidden until
// it says, its body not displayed): loaded but not painted, the page starts nothing; painted, it
// becomes the interactive version.
func TestCaseStartsAfterFirstPaint(t *testing.T) {
	browsertest.Parallel(t)
	srv := browsertest.StartServer(t)
	b := browsertest.NewBrowser(t, browsertest.Options{Width: 412, Height: 823})
	// The time of the first call that starts a wasm, and of the first
	// contentful paint as the browser reports it.
	const record = `window.__docketStart = {instantiate: -1};
for (const name of ["instantiateStreaming", "instantiate"]) {
  const f = WebAssembly[name];
  WebAssembly[name] = function () {
    if (window.__docketStart.instantiate < 0) window.__docketStart.instantiate = performance.now();
    return f.apply(this, arguments);
  };
}
const hold = document.createElement("style");
hold.id = "docket-test-hold";
hold.textContent = "body { display: none !important; }";
new MutationObserver((_, observer) => {
  if (!document.head) return;
  document.head.append(hold);
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});`
	var held float64
	var got struct {
		Instantiate float64
		FCP         float64
	}
	b.Run(t,
		chromedp.ActionFunc(func(ctx context.Context) error {
			// The page's CSP allows no inline style: the test's own may be.
			if err := page.SetBypassCSP(true).Do(ctx); err != nil {
				return err
			}
			_, err := page.AddScriptToEvaluateOnNewDocument(record).Do(ctx)
			return err
		}),
		chromedp.Navigate(srv.Page("/")),
		chromedp.Sleep(time.Second),
		chromedp.Evaluate(`window.__docketStart.instantiate`, &held),
	)
	if held >= 0 {
		t.Fatalf("the wasm started at %.0f ms while nothing was painted yet; want it to wait for the first paint", held)
	}
	b.Run(t,
		chromedp.Evaluate(`document.getElementById("docket-test-hold").remove()`, nil),
		browsertest.WaitReady(),
		chromedp.Evaluate(`({
  instantiate: window.__docketStart.instantiate,
  fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {startTime: -1}).startTime,
})`, &got),
	)
	switch {
	case got.FCP < 0:
		t.Fatal("the browser reported no first contentful paint")
	case got.Instantiate < 0:
		t.Fatal("the page became ready without WebAssembly.instantiate(Streaming) being called: the check is not looking at go-app's start")
	case got.Instantiate < got.FCP:
		t.Errorf("the wasm started at %.0f ms, before the first contentful paint at %.0f ms; want it started after", got.Instantiate, got.FCP)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
