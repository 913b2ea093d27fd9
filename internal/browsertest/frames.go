package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// InFrame evaluates a JavaScript expression (awaiting a promise) inside
// the first child frame whose URL starts with urlPrefix, in an isolated
// world of that frame: it sees the frame's DOM even when the frame is on
// another origin, as an embed in a news page is. (A sandboxed frame runs
// in a process of its own, out of reach: test it by its messages.)
func InFrame(urlPrefix, expr string, out any) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		tree, err := page.GetFrameTree().Do(ctx)
		if err != nil {
			return err
		}
		id, ok := findFrame(tree, urlPrefix)
		if !ok {
			return fmt.Errorf("no frame at %s", urlPrefix)
		}
		world, err := page.CreateIsolatedWorld(id).WithWorldName("docket-test").Do(ctx)
		if err != nil {
			return err
		}
		res, exc, err := cdpruntime.Evaluate(expr).WithContextID(world).WithAwaitPromise(true).WithReturnByValue(true).Do(ctx)
		if err != nil {
			return err
		}
		if exc != nil {
			return fmt.Errorf("in frame %s: %s", urlPrefix, exc.Error())
		}
		if out == nil {
			return nil
		}
		return json.Unmarshal(res.Value, out)
	})
}

// WaitInFrame polls an expression in a frame (see InFrame) until true.
func WaitInFrame(urlPrefix, expr string, timeout time.Duration) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(timeout)
		var lastErr error
		for {
			var ok bool
			if lastErr = InFrame(urlPrefix, expr, &ok).Do(ctx); lastErr == nil && ok {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("waited %s in frame %s for %s (last error: %v)", timeout, urlPrefix, expr, lastErr)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

func findFrame(t *page.FrameTree, prefix string) (cdp.FrameID, bool) {
	for _, c := range t.ChildFrames {
		if strings.HasPrefix(c.Frame.URL, prefix) {
			return c.Frame.ID, true
		}
		if id, ok := findFrame(c, prefix); ok {
			return id, true
		}
	}
	return "", false
}
