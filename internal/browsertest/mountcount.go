package browsertest

import (
	"context"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// CountMadeNodes makes every page that loads from now on count the DOM
// nodes made by script (createElement, createElementNS, createTextNode) in
// window.__docketMade: read once the page has started and settled, with no
// input, it is what the wasm's start costs in calls across the wasm
// boundary, a figure that does not depend on the machine's speed.
func CountMadeNodes() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`window.__docketMade = 0;
(() => {
  for (const name of ["createElement", "createElementNS", "createTextNode"]) {
    const made = Document.prototype[name];
    Document.prototype[name] = function (...args) {
      window.__docketMade++;
      return made.apply(this, args);
    };
  }
})();`).Do(ctx)
		return err
	})
}
