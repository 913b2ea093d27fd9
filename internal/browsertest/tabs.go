package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// ClickToNewTab clicks a link that opens in a new tab (target="_blank"),
// as an editor does, and returns that tab once its address starts with
// urlPrefix, as a Browser of its own, closed when the test ends.
func (b *Browser) ClickToNewTab(t testing.TB, sel, urlPrefix string) *Browser {
	t.Helper()
	opened := chromedp.WaitNewTarget(b.Ctx, func(i *target.Info) bool { return strings.HasPrefix(i.URL, urlPrefix) })
	b.Run(t, chromedp.Click(sel, chromedp.ByQuery))
	var id target.ID
	select {
	case id = <-opened:
	case <-b.Ctx.Done():
		t.Fatalf("clicking %s opened no tab at %s", sel, urlPrefix)
	}
	ctx, cancel := chromedp.NewContext(b.Ctx, chromedp.WithTargetID(id))
	t.Cleanup(cancel)
	tab := &Browser{Ctx: ctx}
	tab.listen()
	return tab
}
