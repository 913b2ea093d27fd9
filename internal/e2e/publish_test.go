package e2e

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/cli"
	"docket/web"

	"github.com/chromedp/chromedp"
)

// TestReaderSeesPublishes opens a case published in the database in
// Chromium, with Docket's service worker in control, then publishes it
// again and takes it down: the reader's next visit shows the new version,
// then the 410 page, never the copy the worker kept; and the server's
// version (the wasm's address) stays the same throughout.
func TestReaderSeesPublishes(t *testing.T) {
	browsertest.Parallel(t)
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "docket.db")
	var out bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &out, Web: web.FS, Getenv: func(k string) string {
		return map[string]string{"DOCKET_PASSWORD": editorPassword}[k]
	}}
	if code := cli.Run(context.Background(), []string{"user", "add", "-db", dbURL, "ed"}, env); code != 0 {
		t.Fatalf("docket user add: %s", out.String())
	}
	srv := browsertest.StartServer(t, "-db", dbURL)
	c := newEditorClient(t, srv.URL)
	c.signIn("ed", editorPassword)
	c.must("POST", "/api/editor/cases", map[string]any{"id": "live", "case": crashCase(t, "live", 1)}, 201, nil)
	c.must("POST", "/api/editor/cases/live/publish", map[string]any{"revision": 1}, 201, nil)

	b := browsertest.NewBrowser(t, browsertest.Options{})
	var title, wasm string
	b.Run(t,
		chromedp.Navigate(srv.URL+"/cases/live/"),
		browsertest.WaitReady(),
		swReady,
		chromedp.Navigate(srv.URL+"/cases/live/"), // now answered through the worker
		browsertest.WaitReady(),
		chromedp.Text("h1", &title, chromedp.ByQuery),
		chromedp.AttributeValue(`link[rel="preload"][as="fetch"][type="application/wasm"]`, "href", &wasm, nil, chromedp.ByQuery),
	)
	if title != crashTitle("live", 1) {
		t.Fatalf("h1 = %q; want %q", title, crashTitle("live", 1))
	}

	c.must("PUT", "/api/editor/cases/live/draft", map[string]any{"revision": 1, "case": crashCase(t, "live", 2)}, 200, nil)
	c.must("POST", "/api/editor/cases/live/publish", map[string]any{"revision": 2}, 201, nil)
	var again string
	b.Run(t,
		chromedp.Navigate(srv.URL+"/cases/live/"),
		browsertest.WaitReady(),
		chromedp.Text("h1", &title, chromedp.ByQuery),
		chromedp.AttributeValue(`link[rel="preload"][as="fetch"][type="application/wasm"]`, "href", &again, nil, chromedp.ByQuery),
	)
	if title != crashTitle("live", 2) {
		t.Errorf("after a publish, h1 = %q; want %q (the worker served its old copy?)", title, crashTitle("live", 2))
	}
	if again != wasm {
		t.Errorf("a publish changed the wasm's address from %s to %s", wasm, again)
	}

	c.must("POST", "/api/editor/cases/live/unpublish", nil, 200, nil)
	var heading string
	b.Run(t,
		chromedp.Navigate(srv.URL+"/cases/live/"),
		chromedp.WaitVisible("h1", chromedp.ByQuery),
		chromedp.Sleep(200*time.Millisecond),
		chromedp.Text("h1", &heading, chromedp.ByQuery),
	)
	if heading != "No longer published" {
		t.Errorf("after unpublishing, h1 = %q; want the 410 page's", heading)
	}
}
