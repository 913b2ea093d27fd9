package browsertest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// AxeWithin runs axe-core's WCAG 2.2 A and AA rules on the part of the page
// that the CSS selector names (and what it contains), so that a test of one
// feature is not failed by another's.
func (b *Browser) AxeWithin(t testing.TB, selector string) []AxeViolation {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(ModuleRoot(t), "bin", "npm", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing (run `make browser`): %v", err)
	}
	sel, _ := json.Marshal(selector)
	var out []AxeViolation
	script := string(src) + `;
axe.run({include: [` + string(sel) + `]}, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}, resultTypes: ["violations"]})
  .then(r => r.violations)`
	b.Run(t, chromedp.Evaluate(script, &out, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	return out
}

// CheckAxeWithin fails the test for each WCAG 2.2 A/AA violation inside the
// part of the page that selector names.
func (b *Browser) CheckAxeWithin(t testing.TB, selector, where string) {
	t.Helper()
	for _, v := range b.AxeWithin(t, selector) {
		t.Errorf("%s: accessibility: %s", where, v)
	}
}
