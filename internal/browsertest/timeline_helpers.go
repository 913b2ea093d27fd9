package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// WasmGate holds back the browser program's download, so that a test can
// look at the prerendered page with script enabled (as a reader sees it
// while the wasm loads) and then let the wasm take over.
type WasmGate struct {
	b       *Browser
	mu      sync.Mutex
	held    []fetch.RequestID
	open    bool
	arrived chan struct{}
	once    sync.Once
}

// HoldWasm starts holding every request for app.wasm in this tab until
// Release. Call it before navigating.
func (b *Browser) HoldWasm(t testing.TB) *WasmGate {
	t.Helper()
	g := &WasmGate{b: b, arrived: make(chan struct{})}
	chromedp.ListenTarget(b.Ctx, func(ev any) {
		e, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		g.mu.Lock()
		hold := !g.open && strings.Contains(e.Request.URL, "app.wasm")
		if hold {
			g.held = append(g.held, e.RequestID)
		}
		g.mu.Unlock()
		if hold {
			g.once.Do(func() { close(g.arrived) })
			return
		}
		go chromedp.Run(b.Ctx, fetch.ContinueRequest(e.RequestID))
	})
	b.Run(t, fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*app.wasm*"}}))
	return g
}

// Wait waits until the page has asked for app.wasm (so it is parsed and
// shown, and the wasm is held).
func (g *WasmGate) Wait() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		select {
		case <-g.arrived:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
}

// Release lets the held and any later app.wasm requests through.
func (g *WasmGate) Release() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		g.mu.Lock()
		g.open = true
		held := g.held
		g.held = nil
		g.mu.Unlock()
		for _, id := range held {
			if err := fetch.ContinueRequest(id).Do(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// ScreenshotViewport saves what the window shows (not the whole page) as a
// PNG under bin/screenshots and returns its path.
func (b *Browser) ScreenshotViewport(t testing.TB, name string) string {
	t.Helper()
	var png []byte
	b.Run(t, chromedp.CaptureScreenshot(&png))
	return writeScreenshot(t, name, png)
}

// ScreenshotElement saves the first element matching selector as a PNG
// under bin/screenshots and returns its path.
func (b *Browser) ScreenshotElement(t testing.TB, name, selector string) string {
	t.Helper()
	var png []byte
	b.Run(t, chromedp.Screenshot(selector, &png, chromedp.ByQuery))
	return writeScreenshot(t, name, png)
}

func writeScreenshot(t testing.TB, name string, png []byte) string {
	t.Helper()
	dir := filepath.Join(ModuleRoot(t), "bin", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// Written whole under a temporary name, then renamed: parallel tests
	// (one per site) may save a shot of the same name at once.
	f, err := os.CreateTemp(dir, name+"-*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Write(png)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	p := filepath.Join(dir, name+".png")
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
		t.Fatal(err)
	}
	return p
}

// EmulateWidth makes the tab's viewport width px wide (and height px
// high), as a phone would be: Chromium's window cannot be narrower than
// about 500 px.
func EmulateWidth(width, height int) chromedp.Action {
	return emulation.SetDeviceMetricsOverride(int64(width), int64(height), 1, width < 640)
}
