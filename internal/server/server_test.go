package server

import (
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"docket/internal/htmlcheck"
)

// testWeb is a web folder for handler tests: the shipped styles and case
// files, and a stand-in app.wasm (the handlers serve its bytes, they never
// run it).
func testWeb(t *testing.T) fstest.MapFS { return testWebFS(t) }

func testWebFS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{
		"app.wasm":           {Data: []byte("\x00asm stand-in wasm for handler tests")},
		"app.wasm.br":        {Data: []byte("brotli copy")},
		"app.wasm.gz":        {Data: []byte("gzip copy")},
		"styles/10-base.css": {Data: []byte("body { color: black; } /* " + strings.Repeat("padding ", 50) + " */")},
		"styles/20-more.css": {Data: []byte(".more { color: red; }")},
		"icons/icon-192.png": {Data: []byte("png")},
		"share.png":          {Data: []byte("png")},
		// The Studio's files (see loadStudioFiles).
		"studio/studio.wasm": {Data: []byte("\x00asm stand-in studio.wasm")},
		"studio/studio.js":   {Data: []byte("// stand-in loader")},
		"studio/studio.css":  {Data: []byte(".studio-app { color: black; }")},
	}
	for _, name := range []string{"cases/twitter-v-dhs-2017.json", "case.schema.json"} {
		b, err := os.ReadFile("../../web/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

func newTestServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func do(t *testing.T, h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestHomePrerendersTheCase checks that "/" carries the whole case in its
// HTML: the title, every event with its date and sources, and the case data
// for the browser program.
func TestHomePrerendersTheCase(t *testing.T) {
	s := newTestServer(t)
	c, _ := s.cases.Case(s.cases.DefaultID())
	w := do(t, s.Handler(), "GET", "/")
	if w.Code != 200 {
		t.Fatalf("GET / = %d", w.Code)
	}
	doc := htmlcheck.Parse(t, w.Body.String())
	if got := doc.Text(t, "h1"); got != c.Title {
		t.Errorf("h1 = %q; want %q", got, c.Title)
	}
	if got := doc.Text(t, "title"); !strings.HasPrefix(got, c.Title) {
		t.Errorf("title = %q; want it to start with %q", got, c.Title)
	}
	if got, want := doc.Count(t, "ol.event-list > li.event"), len(c.Events); got != want {
		t.Errorf("%d events prerendered; want %d", got, want)
	}
	for _, e := range c.Events {
		if doc.Count(t, "#"+e.ID+" time[datetime]") != 1 {
			t.Errorf("event %s has no <time datetime>", e.ID)
		}
		if doc.Count(t, "#"+e.ID+" .source-list a[href^='https://']") == 0 {
			t.Errorf("event %s shows no source link", e.ID)
		}
	}
	if doc.Count(t, `script#docket-case[type="application/json"]`) != 1 {
		t.Error("the page does not carry its case data for the browser program")
	}
	if doc.Count(t, ".goapp-app-info") != 1 {
		t.Error("the loading indicator is missing")
	}
}

// TestPagesCiteAndCorrect checks, in the shipped case's page and its
// embed, that every source is listed, that a source with no web address is
// cited in words with no link (never an empty href), and that the
// corrections show under the timeline with their dates.
func TestPagesCiteAndCorrect(t *testing.T) {
	s := newTestServer(t)
	c, _ := s.cases.Case(s.cases.DefaultID())
	if len(c.Corrections) == 0 {
		t.Fatal("the shipped case has no corrections to show")
	}
	offline := 0
	for _, src := range c.Sources {
		if src.URL == "" {
			offline++
		}
	}
	if offline == 0 {
		t.Fatal("the shipped case has no source without a web address to cite")
	}
	for _, page := range []string{"/", "/embed/" + c.ID + "/"} {
		w := do(t, s.Handler(), "GET", page)
		if w.Code != 200 {
			t.Fatalf("GET %s = %d", page, w.Code)
		}
		doc := htmlcheck.Parse(t, w.Body.String())
		if n := doc.Count(t, `a:not([href]), [href=""]`); n != 0 {
			t.Errorf("%s: %d links without an address", page, n)
		}
		for _, e := range c.Events {
			linked, cited := 0, 0
			for _, id := range e.Sources {
				if c.Source(id).URL == "" {
					cited++
				} else {
					linked++
				}
			}
			li := "li.event#" + e.ID
			if got := doc.Count(t, li+" .source-list > li"); got != len(e.Sources) {
				t.Errorf("%s: event %s lists %d sources; want %d", page, e.ID, got, len(e.Sources))
			}
			if got := doc.Count(t, li+" .source-list a[href^='https://']"); got != linked {
				t.Errorf("%s: event %s links %d sources; want %d", page, e.ID, got, linked)
			}
			if got := doc.Count(t, li+" .source-list cite.source-cite"); got != cited {
				t.Errorf("%s: event %s cites %d sources in words; want %d", page, e.ID, got, cited)
			}
		}
		items := doc.All(t, "section#corrections li.correction")
		if len(items) != len(c.Corrections) {
			t.Fatalf("%s: %d corrections shown; want %d", page, len(items), len(c.Corrections))
		}
		for i, k := range c.Corrections {
			sel := "section#corrections li.correction:nth-of-type(" + strconv.Itoa(i+1) + ")"
			if got, _ := doc.Attr(t, sel+" time", "datetime"); got != k.Date {
				t.Errorf("%s: correction %d datetime %q; want %q", page, i, got, k.Date)
			}
			if got := doc.Text(t, sel+" .correction-text"); got != k.Text {
				t.Errorf("%s: correction %d text %q", page, i, got)
			}
		}
	}
	// On the full page the corrections come right after the timeline.
	doc := htmlcheck.Parse(t, do(t, s.Handler(), "GET", "/").Body.String())
	if doc.Count(t, "main > section#timeline + section#corrections") != 1 {
		t.Error("the corrections do not follow the timeline")
	}
}

// TestAssets checks the static files: compression chosen by
// Accept-Encoding, ETags and 304s, immutable caching for versioned URLs.
func TestAssets(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	tests := []struct {
		name, target, acceptEncoding string
		wantStatus                   int
		wantEncoding, wantBody       string
		wantCache                    string
	}{
		{"wasm brotli", "/web/app.wasm", "gzip, deflate, br", 200, "br", "brotli copy", "no-cache"},
		{"wasm gzip", "/web/app.wasm", "gzip", 200, "gzip", "gzip copy", "no-cache"},
		{"wasm identity", "/web/app.wasm", "", 200, "", "\x00asm stand-in wasm for handler tests", "no-cache"},
		{"wasm br refused", "/web/app.wasm", "br;q=0, gzip", 200, "gzip", "gzip copy", "no-cache"},
		{"versioned wasm", "/web/app.wasm?v=" + s.Version(), "br", 200, "br", "brotli copy", "public, max-age=31536000, immutable"},
		{"css bundle, brotli", "/web/docket.css", "br", 200, "br", "", "no-cache"},
		{"missing file", "/web/nope.css", "", 404, "", "", "no-store"},
		{"case files are not assets", "/web/cases/twitter-v-dhs-2017.json", "", 404, "", "", "no-store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, h, "GET", tt.target, "Accept-Encoding", tt.acceptEncoding)
			if w.Code != tt.wantStatus {
				t.Fatalf("status = %d; want %d", w.Code, tt.wantStatus)
			}
			if got := w.Header().Get("Content-Encoding"); got != tt.wantEncoding {
				t.Errorf("Content-Encoding = %q; want %q", got, tt.wantEncoding)
			}
			if tt.wantBody != "" && w.Body.String() != tt.wantBody {
				t.Errorf("body = %q; want %q", w.Body.String(), tt.wantBody)
			}
			if got := w.Header().Get("Cache-Control"); got != tt.wantCache {
				t.Errorf("Cache-Control = %q; want %q", got, tt.wantCache)
			}
		})
	}

	w := do(t, h, "GET", "/web/app.wasm")
	etag := w.Header().Get("ETag")
	if etag == "" || w.Header().Get("Content-Type") != "application/wasm" {
		t.Fatalf("wasm served with ETag %q and Content-Type %q", etag, w.Header().Get("Content-Type"))
	}
	if w := do(t, h, "GET", "/web/app.wasm", "If-None-Match", etag); w.Code != 304 || w.Body.Len() != 0 {
		t.Errorf("If-None-Match with the ETag = %d with %d bytes; want 304 and none", w.Code, w.Body.Len())
	}
	if w := do(t, h, "HEAD", "/web/docket.css"); w.Code != 200 || w.Body.Len() != 0 {
		t.Errorf("HEAD = %d with %d bytes; want 200 and none", w.Code, w.Body.Len())
	}
	css := do(t, h, "GET", "/web/docket.css").Body.String()
	if i, j := strings.Index(css, "body { color: black; }"), strings.Index(css, ".more { color: red; }"); i < 0 || j < i {
		t.Errorf("docket.css does not hold the style files in name order:\n%s", css)
	}
	if w := do(t, h, "GET", "/web/styles/10-base.css"); w.Code != 404 {
		t.Errorf("a style part is served on its own (%d); only the bundle should be", w.Code)
	}
}

// TestVersionFromTheBuild checks that the version is a hash of app.wasm:
// the same build always has the same version; another build another.
func TestVersionFromTheBuild(t *testing.T) {
	a, b := newTestServer(t), newTestServer(t)
	if a.Version() != b.Version() || a.Version() == "" {
		t.Errorf("same wasm, versions %q and %q", a.Version(), b.Version())
	}
	web := testWeb(t)
	web["app.wasm"] = &fstest.MapFile{Data: []byte("another build")}
	c, err := New(Config{Log: slog.New(slog.DiscardHandler)}, web)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version() == a.Version() {
		t.Errorf("different wasm, same version %q", c.Version())
	}
}

// TestMissingWasmStopsTheStart checks that a server without its browser
// program refuses to start, saying how to build it.
func TestMissingWasmStopsTheStart(t *testing.T) {
	web := testWeb(t)
	delete(web, "app.wasm")
	_, err := New(Config{}, web)
	if err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("New without app.wasm = %v; want an error saying to run make build", err)
	}
}

func TestHealthz(t *testing.T) {
	s := newTestServer(t)
	w := do(t, s.Handler(), "GET", "/healthz")
	if w.Code != 200 || w.Body.String() != "ok\n" {
		t.Errorf("GET /healthz = %d %q", w.Code, w.Body.String())
	}
}

// TestErrorPages checks unknown paths and methods: a readable HTML page for
// browsers, plain text for other clients, and never go-app's page.
func TestErrorPages(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()

	w := do(t, h, "GET", "/no/such/page", "Accept", "text/html,application/xhtml+xml")
	if w.Code != 404 {
		t.Fatalf("GET /no/such/page = %d; want 404", w.Code)
	}
	doc := htmlcheck.Parse(t, w.Body.String())
	if got := doc.Text(t, "h1"); got != "Page not found" {
		t.Errorf("404 page h1 = %q", got)
	}
	if href, _ := doc.Attr(t, "main a", "href"); href != "/" {
		t.Errorf("404 page offers no way back: link %q", href)
	}

	w = do(t, h, "GET", "/no/such/page")
	if ct := w.Header().Get("Content-Type"); w.Code != 404 || !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("GET without Accept html = %d %s; want 404 text/plain", w.Code, ct)
	}

	w = do(t, h, "POST", "/", "Accept", "text/html")
	if w.Code != 405 || w.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST / = %d Allow %q; want 405 with Allow: GET, HEAD", w.Code, w.Header().Get("Allow"))
	}
}

func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

func writeFile(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

type netDialer struct{}

func (netDialer) dial(addr string) (net.Conn, error) { return net.Dial("tcp", addr) }

// TestUnderBase checks -base: the site answers under the sub-path only,
// and every URL go-app's page links to carries it.
func TestUnderBase(t *testing.T) {
	s, err := New(Config{Base: "/explainers", Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	w := do(t, h, "GET", "/explainers/")
	if w.Code != 200 {
		t.Fatalf("GET /explainers/ = %d", w.Code)
	}
	doc := htmlcheck.Parse(t, w.Body.String())
	for _, sel := range []string{`script[src$="app.js"]`, `script[src$="wasm_exec.js"]`, `link[rel="manifest"]`, `link[rel="stylesheet"]`} {
		nodes := doc.All(t, sel)
		if len(nodes) == 0 {
			t.Errorf("no %s", sel)
			continue
		}
		for _, n := range nodes {
			u, _ := htmlcheck.Attr(n, "src")
			if u == "" {
				u, _ = htmlcheck.Attr(n, "href")
			}
			if !strings.HasPrefix(u, "/explainers/") {
				t.Errorf("%s links to %q, outside /explainers/", sel, u)
			}
		}
	}
	appJS := do(t, h, "GET", "/explainers/app.js").Body.String()
	if !strings.Contains(appJS, `"/explainers/web/app.wasm?v=`+s.Version()) {
		t.Errorf("app.js does not fetch the wasm under /explainers/")
	}
	if w := do(t, h, "GET", "/explainers/web/app.wasm"); w.Code != 200 {
		t.Errorf("GET /explainers/web/app.wasm = %d", w.Code)
	}
	if w := do(t, h, "GET", "/explainers"); w.Code != 301 || w.Header().Get("Location") != "/explainers/" {
		t.Errorf("GET /explainers = %d to %q; want 301 to /explainers/", w.Code, w.Header().Get("Location"))
	}
	if w := do(t, h, "GET", "/"); w.Code != 404 {
		t.Errorf("GET / under a base = %d; want 404", w.Code)
	}
	// The error page's styles, icon and way home are under the base too.
	errPage := htmlcheck.Parse(t, do(t, h, "GET", "/explainers/no/such/page", "Accept", "text/html").Body.String())
	for sel, attr := range map[string]string{`link[rel="stylesheet"]`: "href", `link[rel="icon"]`: "href", "main a": "href"} {
		if u, _ := errPage.Attr(t, sel, attr); !strings.HasPrefix(u, "/explainers/") {
			t.Errorf("the error page's %s links to %q, outside /explainers/", sel, u)
		}
	}
	if _, err := New(Config{Base: "explainers"}, testWeb(t)); err == nil {
		t.Error("-base without a leading slash was accepted")
	}
}

// TestPageScripts checks the page's scripts: go-app's loader and Docket's
// own (storage stand-in and embed sizing), all from files, all deferred.
func TestPageScripts(t *testing.T) {
	s := newTestServer(t)
	doc := htmlcheck.Parse(t, do(t, s.Handler(), "GET", "/").Body.String())
	var srcs []string
	for _, n := range doc.All(t, "head script[src]") {
		src, _ := htmlcheck.Attr(n, "src")
		if _, deferred := htmlcheck.Attr(n, "defer"); !deferred {
			t.Errorf("script %s is not deferred", src)
		}
		srcs = append(srcs, src)
	}
	if got, want := strings.Join(srcs, " "), "/wasm_exec.js /app.js /web/docket.js?v="+s.Version(); got != want {
		t.Errorf("scripts = %s; want %s", got, want)
	}
	if href, _ := doc.Attr(t, `head link[rel="preload"][as="fetch"]`, "href"); href != "/web/app.wasm?v="+s.Version() {
		t.Errorf("wasm preload = %q; want the versioned wasm the page fetches", href)
	}
	// The first screen does not need the wasm: at the default (high)
	// priority its download held back the deferred scripts and the first
	// paint (#17).
	if p, _ := doc.Attr(t, `head link[rel="preload"][as="fetch"]`, "fetchpriority"); p != "low" {
		t.Errorf("wasm preload fetchpriority = %q; want low", p)
	}
	if n := doc.Count(t, "script:not([src]):not([type='application/json'])"); n != 0 {
		t.Errorf("%d inline scripts; the CSP allows none", n)
	}
}

// TestPageStylesheets checks that a case page, its embed and a page under
// a sub-path hold back their first paint for one stylesheet, Docket's own:
// go-app's app.css (rules for its loader, which docket.css has) was a
// second render-blocking request (#17).
func TestPageStylesheets(t *testing.T) {
	for _, tc := range []struct{ base, path string }{
		{"", "/"},
		{"", "/embed/twitter-v-dhs-2017"},
		{"/explainers", "/explainers/cases/twitter-v-dhs-2017/"},
	} {
		s, err := New(Config{Base: tc.base, Log: slog.New(slog.DiscardHandler)}, testWeb(t))
		if err != nil {
			t.Fatal(err)
		}
		doc := htmlcheck.Parse(t, do(t, s.Handler(), "GET", tc.path).Body.String())
		var hrefs []string
		for _, n := range doc.All(t, `link[rel="stylesheet"]`) {
			href, _ := htmlcheck.Attr(n, "href")
			hrefs = append(hrefs, href)
		}
		if got, want := strings.Join(hrefs, " "), tc.base+"/web/docket.css?v="+s.Version(); got != want {
			t.Errorf("%s: stylesheets = %s; want %s", tc.path, got, want)
		}
	}
}

// TestEmbedStartsWhenAsked checks what lets an embed wait until it comes
// into view: its page preloads no wasm, and go-app's app.js registers the
// worker and loads the wasm only when Docket's script says (the browser
// test TestEmbedBelowTheFold checks the whole).
func TestEmbedStartsWhenAsked(t *testing.T) {
	s := newTestServer(t)
	c := s.Cases()[0]
	doc := htmlcheck.Parse(t, do(t, s.Handler(), "GET", "/embed/"+c.ID).Body.String())
	if n := doc.Count(t, `link[rel="preload"][type="application/wasm"]`); n != 0 {
		t.Errorf("the embed page preloads the wasm (%d links); it must wait until it is in view", n)
	}
	js := do(t, s.Handler(), "GET", "/app.js").Body.String()
	if !strings.Contains(js, "window.docketWhenNear(start)") || strings.Contains(js, goappStart) {
		t.Errorf("app.js does not wait for docketWhenNear to start:\n%s", js)
	}
	for _, f := range []string{"goappInitServiceWorker", "goappInitWebAssembly", "goappWatchForUpdate", "goappWatchForInstallable"} {
		if !strings.Contains(js, f+"();") {
			t.Errorf("app.js no longer calls %s", f)
		}
	}
	if _, err := startWhenAsked([]byte("goappInitWebAssembly();\n")); err == nil {
		t.Error("an app.js that starts otherwise was accepted")
	}
}

// TestPagesCompressedAndCached checks that pages are rendered once and then
// served with brotli or gzip, strong ETags and 304s, per page.
func TestPagesCompressedAndCached(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	w := do(t, h, "GET", "/", "Accept-Encoding", "gzip, br")
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "br" || w.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("GET / = %d, encoding %q, vary %q", w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("Vary"))
	}
	etag := w.Header().Get("ETag")
	if !strings.HasPrefix(etag, `"`) || len(etag) < 10 {
		t.Errorf("page ETag %q is not strong", etag)
	}
	if again := do(t, h, "GET", "/", "Accept-Encoding", "gzip"); again.Header().Get("ETag") != etag || again.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("second GET /: ETag %q encoding %q; want %q gzip", again.Header().Get("ETag"), again.Header().Get("Content-Encoding"), etag)
	}
	if nm := do(t, h, "GET", "/", "If-None-Match", etag); nm.Code != 304 {
		t.Errorf("If-None-Match = %d; want 304", nm.Code)
	}
	ev := do(t, h, "GET", "/?event=twitter-sues&utm_source=x")
	if ev.Header().Get("ETag") == etag {
		t.Error("a page opened on an event has the ETag of the plain page")
	}
	if same := do(t, h, "GET", "/?utm_source=newsletter"); same.Header().Get("ETag") != etag {
		t.Error("a query parameter pages do not read made another page")
	}
	if got := do(t, h, "GET", "/cases/twitter-v-dhs-2017/events/no-such-event"); got.Code != 404 {
		t.Errorf("event page of an unknown event = %d; want 404", got.Code)
	}
}

// TestPageCacheCannotBeFlooded checks that odd hosts and parameters share
// pages instead of making new ones, and that a page's ETag does not depend
// on go-app's attribute order.
func TestPageCacheCannotBeFlooded(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	first := do(t, h, "GET", "/").Header().Get("ETag")
	for i := range 50 {
		r := httptest.NewRequest("GET", "/?score=bogus"+strconv.Itoa(i)+"&event=nope&view=x", nil)
		r.Host = "attacker-" + strconv.Itoa(i) + ".example"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			t.Fatalf("odd request %d = %d", i, w.Code)
		}
	}
	s.pages.mu.Lock()
	n := len(s.pages.pages)
	s.pages.mu.Unlock()
	if n > maxHosts+1 {
		t.Errorf("50 odd requests made %d cached pages; want at most %d", n, maxHosts+1)
	}
	if got := do(t, h, "GET", "/?score=bogus").Header().Get("ETag"); got != first {
		t.Errorf("an invalid score made another page (ETag %s, want %s)", got, first)
	}
	other := newTestServer(t)
	if got := do(t, other.Handler(), "GET", "/").Header().Get("ETag"); got != first {
		t.Errorf("two servers of one build give / the ETags %s and %s", first, got)
	}
}

// TestAPIErrorsUnderBase checks that under a base path the API answers
// refusals as JSON too, as it does at "/".
func TestAPIErrorsUnderBase(t *testing.T) {
	s, err := New(Config{Base: "/explainers/", Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ method, target, contentType string }{
		{"POST", "/explainers/api/cases", "application/json"},
		{"DELETE", "/explainers/api/cases/twitter-v-dhs-2017", "application/json"},
		{"POST", "/explainers/cases/twitter-v-dhs-2017/", "text/plain; charset=utf-8"},
		{"POST", "/api/cases", "text/plain; charset=utf-8"}, // outside the base: not the API
	} {
		w := do(t, s.Handler(), tc.method, tc.target)
		if w.Code != 405 || w.Header().Get("Content-Type") != tc.contentType {
			t.Errorf("%s %s = %d %s; want 405 %s", tc.method, tc.target, w.Code, w.Header().Get("Content-Type"), tc.contentType)
		}
		if tc.contentType == "application/json" {
			var e apiErrorBody
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || !strings.Contains(e.Error.Message, tc.method) || e.Error.Code != "method_not_allowed" {
				t.Errorf("%s %s: body %q; want JSON naming the method", tc.method, tc.target, w.Body.String())
			}
		}
	}
}
