// Package browsertest starts Docket and a headless Chromium for end-to-end
// tests. A missing browser fails the test with what to install: browser
// tests never skip.
package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	pathpkg "path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"docket/internal/browsertest/chromium"
	"docket/internal/casefile"
	"docket/internal/cli"
	"docket/web"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Server is a running `docket serve` for a test.
type Server struct {
	// URL is the site's address with no trailing slash: a test adds paths.
	URL string
	// Dir is the exported folder, for a static export; "" for a server.
	Dir    string
	static bool
	log    *LogBuffer
	stop   func()
}

// Stop shuts the server down now (gracefully, as on SIGTERM) and waits
// for it; a test uses it to go offline.
func (s *Server) Stop() { s.stop() }

// Page is the address of a site page as the site links to it: a static
// host serves /cases/x from the folder cases/x/, whose own address ends in
// a slash (the host redirects there from /cases/x).
func (s *Server) Page(path string) string {
	if s.static && !strings.HasSuffix(path, "/") && !strings.Contains(pathpkg.Base(path), ".") {
		path += "/"
	}
	return s.URL + path
}

// Logs returns what the server has logged so far.
func (s *Server) Logs() string { return s.log.String() }

// Parallel runs a test in parallel with the others that call it
// (t.Parallel). They are tests whose servers all run with the same process
// environment: go-app's handler sets GOAPP_ROOT_PREFIX, GOAPP_VERSION and DOCKET_STATS in the
// test process's environment (os.Setenv) when it starts, and Docket's
// server-side rendering reads them (links, media addresses, the quiz's
// counts). So only tests whose in-process servers are StartServer with the
// default base, cases and answer counting, or whose servers are separate
// processes, call it; a test with -base, -cases, -stats flags or a static
// export (StartExport, ForEachSite) runs alone, as a parallel one would
// render with its environment.
func Parallel(t *testing.T) { t.Parallel() }

// StartServer runs `docket serve` with the embedded web folder on a free
// loopback port (or the -addr among flags), with extra flags, and stops it
// when the test ends. Its database is a new SQLite file in a temporary
// folder, unless flags name one with -db.
func StartServer(t testing.TB, flags ...string) *Server {
	t.Helper()
	if _, err := web.FS.Open("app.wasm"); err != nil {
		t.Fatal("web/app.wasm is missing: run `make build` (make test does) before the browser tests")
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	var logs LogBuffer
	done := make(chan int, 1)
	env := cli.Env{
		Stdout: &logs, Stderr: &logs,
		Getenv:    func(string) string { return "" },
		Web:       web.FS,
		Listening: func(a string) { addr <- a },
	}
	args := []string{"serve", "-addr", "127.0.0.1:0"}
	if !slices.Contains(flags, "-db") { // never ./docket-data in the source tree
		args = append(args, "-db", "sqlite:"+filepath.Join(t.TempDir(), "docket.db"))
	}
	go func() {
		done <- cli.Run(ctx, append(args, flags...), env)
	}()
	s := Server{log: &logs}
	select {
	case a := <-addr:
		s.URL = "http://" + a
	case code := <-done:
		cancel()
		t.Fatalf("docket serve exited with %d before listening:\n%s", code, logs.String())
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatalf("docket serve did not listen within 30s:\n%s", logs.String())
	}
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case code := <-done:
				if code != 0 {
					t.Errorf("docket serve exited with %d:\n%s", code, logs.String())
				}
			case <-time.After(15 * time.Second):
				t.Errorf("docket serve did not stop within 15s")
			}
		})
	}
	t.Cleanup(s.stop)
	return &s
}

// Get fetches a path from the server and returns the status and body.
func (s *Server) Get(t testing.TB, path string) (int, string) {
	t.Helper()
	res, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// Browser is a headless Chromium tab, with what the page logged.
type Browser struct {
	Ctx context.Context

	mu      sync.Mutex
	console []string
}

// Options change how the browser starts.
type Options struct {
	// NoScript runs the page with JavaScript disabled.
	NoScript bool
	// Width and Height of the window; 1280×900 by default.
	Width, Height int
}

// NewBrowser starts a fresh headless Chromium with an empty profile for
// the test, closed when the test ends.
func NewBrowser(t testing.TB, o Options) *Browser {
	t.Helper()
	path := chromium.Path()
	if path == "" {
		t.Fatal("browser tests: " + chromium.Missing)
	}
	if o.Width == 0 {
		o.Width, o.Height = 1280, 900
	}
	// A fresh profile per browser; removed after Chromium has exited (its
	// helpers may still write for a moment, so this is not t.TempDir).
	profile, err := os.MkdirTemp("", "docket-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := chromium.Options(path, chromedp.UserDataDir(profile), chromedp.WindowSize(o.Width, o.Height))
	if o.NoScript {
		opts = append(opts, chromedp.Flag("blink-settings", "scriptEnabled=false"))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	// A stuck test fails here rather than at go test's -timeout; generous,
	// as the tests run in parallel on small machines and wait for the CPU.
	ctx, cancelTimeout := context.WithTimeout(ctx, 10*time.Minute)
	b := &Browser{Ctx: ctx}
	b.listen()
	// Headless Chromium keeps windows at least 500 px wide: emulate the
	// viewport so a 320 px test is 320 px.
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(int64(o.Width), int64(o.Height))); err != nil {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		t.Fatalf("starting Chromium (%s): %v", path, err)
	}
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		for range 20 {
			if os.RemoveAll(profile) == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return b
}

// listen records what the tab logs: console calls and uncaught exceptions.
func (b *Browser) listen() {
	chromedp.ListenTarget(b.Ctx, func(ev any) {
		switch ev := ev.(type) {
		case *cdpruntime.EventConsoleAPICalled:
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value))
			}
			b.log(string(ev.Type) + ": " + strings.Join(parts, " "))
		case *cdpruntime.EventExceptionThrown:
			b.log("exception: " + ev.ExceptionDetails.Error())
		}
	})
}

func (b *Browser) log(s string) {
	b.mu.Lock()
	b.console = append(b.console, s)
	b.mu.Unlock()
}

// Console returns what the page has logged so far.
func (b *Browser) Console() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.console...)
}

// Errors returns the console errors and uncaught exceptions so far.
func (b *Browser) Errors() []string {
	var errs []string
	for _, l := range b.Console() {
		if strings.HasPrefix(l, "error:") || strings.HasPrefix(l, "exception:") {
			errs = append(errs, l)
		}
	}
	return errs
}

// Run runs chromedp actions and fails the test on error.
func (b *Browser) Run(t testing.TB, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.Ctx, actions...); err != nil {
		t.Fatalf("browser: %v\nconsole:\n%s", err, strings.Join(b.Console(), "\n"))
	}
}

// WaitReady waits until the wasm has started and mounted the page: the
// app marks <html data-docket="ready"> when it has.
func WaitReady() chromedp.Action {
	return chromedp.WaitVisible(`html[data-docket="ready"]`, chromedp.ByQuery)
}

// Screenshot saves a full-page PNG under bin/screenshots (relative to the
// module root) and returns its path, for people to look at.
func (b *Browser) Screenshot(t testing.TB, name string) string {
	t.Helper()
	var png []byte
	b.Run(t, chromedp.FullScreenshot(&png, 100))
	return writeScreenshot(t, name, png)
}

// ModuleRoot is the folder holding go.mod.
func ModuleRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test")
		}
		dir = parent
	}
}

// LogBuffer collects a program's output: safe to read while the
// program's goroutines (or process) write to it.
type LogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *LogBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *LogBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// LoadAllImages scrolls to the foot of the page, waits until every shown
// image has loaded (the lazy ones too, now they were near the viewport),
// and scrolls back to the top. An image in a hidden part (the event card
// a phone does not show) is not asked for by the browser, rightly.
func LoadAllImages() chromedp.Action {
	return chromedp.Tasks{
		chromedp.Evaluate(`scrollTo(0, document.body.scrollHeight)`, nil),
		WaitFor(`(shown => shown.length > 0 && shown.every(i => i.complete && i.naturalWidth > 0))([...document.images].filter(i => i.getClientRects().length > 0))`, 20*time.Second),
		chromedp.Evaluate(`scrollTo(0, 0)`, nil),
	}
}

// TrackLayoutShift makes every page that loads from now on add up its
// cumulative layout shift in window.__docketCLS, so a test can check that
// the wasm taking over the prerendered page moves nothing.
func TrackLayoutShift() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`window.__docketCLS = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) { if (!e.hadRecentInput) window.__docketCLS += e.value; }
}).observe({type: "layout-shift", buffered: true});`).Do(ctx)
		return err
	})
}

// DefaultCase is the default case, loaded from the embedded case files as
// the server loads it, so tests compare the page with the data.
func DefaultCase(t testing.TB) *casefile.Case {
	t.Helper()
	lib, err := casefile.Load(web.Cases(), "")
	if err != nil || lib.Default() == nil {
		t.Fatalf("loading the embedded cases: %v", err)
	}
	return lib.Default()
}

// AxeViolation is one accessibility rule that a page breaks, as axe-core
// reports it.
type AxeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target         []any  `json:"target"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v AxeViolation) String() string {
	s := v.ID + " (" + v.Impact + "): " + v.Help
	for _, n := range v.Nodes {
		s += fmt.Sprintf("\n    %v: %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " "))
	}
	return s
}

// Axe runs axe-core (from bin/npm, which `make browser` installs) on the
// current page with the WCAG 2.2 A and AA rules and returns what it finds.
func (b *Browser) Axe(t testing.TB) []AxeViolation {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(ModuleRoot(t), "bin", "npm", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing (run `make browser`): %v", err)
	}
	var out []AxeViolation
	script := string(src) + `;
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}, resultTypes: ["violations"]})
  .then(r => r.violations)`
	b.Run(t, chromedp.Evaluate(script, &out, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	return out
}

// CheckAxe fails the test for each WCAG 2.2 A/AA violation on the page.
func (b *Browser) CheckAxe(t testing.TB, where string) {
	t.Helper()
	for _, v := range b.Axe(t) {
		t.Errorf("%s: accessibility: %s", where, v)
	}
}

// EmulateColorScheme switches prefers-color-scheme to dark (or back to light)
// for the current tab.
func EmulateColorScheme(scheme string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		return emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}).Do(ctx)
	})
}

// FreeAddr returns a loopback address with a port free at the moment, for
// a test that restarts a server on the same address.
func FreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// Eval evaluates a JavaScript expression (awaiting it when it is a
// promise) into out.
func Eval(expr string, out any) chromedp.Action {
	return chromedp.Evaluate(expr, out, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
		return p.WithAwaitPromise(true)
	})
}

// WaitFor polls a JavaScript expression until it is true, or fails after
// the timeout with what it waited for.
func WaitFor(expr string, timeout time.Duration) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(timeout)
		for {
			var ok bool
			if err := Eval(expr, &ok).Do(ctx); err == nil && ok {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("waited %s for %s", timeout, expr)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}
