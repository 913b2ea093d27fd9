package export

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"docket/internal/asset"
	"docket/internal/casefile"
	"docket/internal/htmlcheck"
	"docket/internal/routes"
	"docket/internal/server"
	"docket/web"

	"github.com/andybalholm/brotli"
)

// testWeb is the embedded web folder with a small stand-in for app.wasm,
// so these tests run before `make build` and quickly.
func testWeb(t *testing.T) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(web.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "app.wasm") {
			return err
		}
		b, err := fs.ReadFile(web.FS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m["app.wasm"] = &fstest.MapFile{Data: append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("docket "), 4096)...)}
	return m
}

// defaultCase is the shipped case, which the export writes.
func defaultCase(t *testing.T) *casefile.Case {
	t.Helper()
	lib, err := casefile.Load(web.Cases(), "")
	if err != nil || lib.Default() == nil {
		t.Fatalf("loading the shipped cases: %v", err)
	}
	return lib.Default()
}

// exportTo runs the export into a new folder and returns it.
func exportTo(t *testing.T, opts Options) string {
	t.Helper()
	opts.Out = filepath.Join(t.TempDir(), "site")
	if _, err := Run(opts, testWeb(t)); err != nil {
		t.Fatalf("export %+v: %v", opts, err)
	}
	return opts.Out
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("the export lacks %s: %v", name, err)
	}
	return b
}

// TestExportWritesEveryFile checks that every page, event page, embed,
// oEmbed response, data file and asset is written, with .br and .gz copies
// that decompress to the same bytes.
func TestExportWritesEveryFile(t *testing.T) {
	out := exportTo(t, Options{})
	c := defaultCase(t)
	want := []string{"index.html", "404.html", "_headers", "app.js", "app.css", "wasm_exec.js", "app-worker.js",
		"manifest.webmanifest", "case.schema.json", "api/cases.json", "api/cases/" + c.ID + ".json",
		"cases/" + c.ID + "/index.html", "embed/" + c.ID + "/index.html", "web/app.wasm", "web/docket.js",
		"web/docket.css", "web/share.png", "oembed/index.json", "oembed/cases/" + c.ID + ".json", "oembed/embed/" + c.ID + ".json"}
	for _, e := range c.Events {
		want = append(want, "cases/"+c.ID+"/events/"+e.ID+"/index.html", "oembed/cases/"+c.ID+"/events/"+e.ID+".json")
	}
	for _, name := range want {
		body := read(t, out, name)
		if !asset.Compressible(name) || name == "_headers" || name == "404.html" {
			continue
		}
		br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(read(t, out, name+".br"))))
		if err != nil || !bytes.Equal(br, body) {
			t.Errorf("%s.br does not decompress to %s (%v)", name, name, err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(read(t, out, name+".gz")))
		if err != nil {
			t.Errorf("%s.gz: %v", name, err)
			continue
		}
		gz, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(gz, body) {
			t.Errorf("%s.gz does not decompress to %s (%v)", name, name, err)
		}
	}
	// Each event page is prerendered on its event.
	for _, e := range []casefile.Event{c.Events[0], c.Events[len(c.Events)-1]} {
		doc := htmlcheck.Parse(t, string(read(t, out, "cases/"+c.ID+"/events/"+e.ID+"/index.html")))
		if got := doc.Text(t, "#tl-card-title"); got != e.Title {
			t.Errorf("the page of %s opens on %q", e.ID, got)
		}
	}
	// No page links to nothing: a source with no web address is cited in
	// words, on every page that lists it, and the corrections are there.
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if n := htmlcheck.Parse(t, string(b)).Count(t, `a:not([href]), [href=""]`); n != 0 {
			t.Errorf("%s: %d links without an address", p, n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"index.html", "embed/" + c.ID + "/index.html"} {
		doc := htmlcheck.Parse(t, string(read(t, out, page)))
		if doc.Count(t, ".source-list cite.source-cite") == 0 || doc.Count(t, "#corrections li.correction") != len(c.Corrections) {
			t.Errorf("%s: no citation without an address, or not the case's %d corrections", page, len(c.Corrections))
		}
	}
	// The not-found page is the site's own, and says so.
	if doc := htmlcheck.Parse(t, string(read(t, out, "404.html"))); !strings.Contains(strings.ToLower(doc.Text(t, "h1")), "not found") {
		t.Errorf("404.html heading %q", doc.Text(t, "h1"))
	}
}

// rootURL finds site-absolute addresses in attributes and JSON strings.
var rootURL = regexp.MustCompile(`(?:(?:href|src|action|content)="|"(?:src|start_url|scope|id|url|html)":\s*")(/[^"]*|https?://[^"/]+/[^"]*)`)

// TestExportRespectsBase exports under /explainers/ with a public URL and
// checks that every address in every page, the manifest, the worker and
// the oEmbed files is under it.
func TestExportRespectsBase(t *testing.T) {
	out := exportTo(t, Options{Base: "/explainers/", URL: "https://news.example.org/explainers/"})
	var checked int
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(p) {
		case ".html", ".json", ".webmanifest":
		default:
			if filepath.Base(p) != "app-worker.js" {
				return nil
			}
		}
		if strings.HasPrefix(filepath.ToSlash(p), filepath.ToSlash(out)+"/api/") || strings.HasSuffix(p, "case.schema.json") {
			return nil // case data: its addresses are sources on other sites
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		for _, m := range rootURL.FindAllSubmatch(b, -1) {
			u := string(m[1])
			u = strings.ReplaceAll(u, `\u0026`, "&")
			checked++
			switch {
			case strings.HasPrefix(u, "/explainers/"), strings.HasPrefix(u, "https://news.example.org/explainers/"):
			case strings.HasPrefix(u, "http"):
				if strings.Contains(u, "news.example.org") || strings.Contains(u, "localhost") {
					t.Errorf("%s: %s is not under the base", rel, u)
				}
			default:
				t.Errorf("%s: %s is not under /explainers/", rel, u)
			}
		}
		// The worker's list of files to keep.
		if filepath.Base(p) == "app-worker.js" {
			list := regexp.MustCompile(`resourcesToCache = (\[[^\]]*\])`).FindSubmatch(b)
			if list == nil {
				t.Fatal("app-worker.js has no resourcesToCache list")
			}
			for _, m := range regexp.MustCompile(`"(/[^"]*)"`).FindAllSubmatch(list[1], -1) {
				checked++
				if !strings.HasPrefix(string(m[1]), "/explainers/") {
					t.Errorf("app-worker.js keeps %s, outside /explainers/", m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Errorf("checked only %d addresses: the scan is not reading the pages", checked)
	}
}

// TestExportOEmbedDiscovery follows each page's oEmbed discovery link to a
// file of the export, which describes that page's embed.
func TestExportOEmbedDiscovery(t *testing.T) {
	const site = "https://news.example.org/explainers/"
	out := exportTo(t, Options{URL: site})
	c := defaultCase(t)
	for _, page := range []string{"index.html", "cases/" + c.ID + "/index.html", "cases/" + c.ID + "/events/" + c.Events[2].ID + "/index.html"} {
		doc := htmlcheck.Parse(t, string(read(t, out, page)))
		href, ok := doc.Attr(t, `link[type="application/json+oembed"]`, "href")
		file, under := strings.CutPrefix(href, site)
		if !ok || !under {
			t.Errorf("%s: discovery %q; want a file under %s", page, href, site)
			continue
		}
		var o struct {
			Type, Version, HTML, Title string
			Width, Height              int
		}
		if err := json.Unmarshal(read(t, out, file), &o); err != nil {
			t.Errorf("%s: %s: %v", page, file, err)
			continue
		}
		if o.Type != "rich" || o.Version != "1.0" || o.Title != c.Title || !strings.Contains(o.HTML, `src="`+site+"embed/"+c.ID) {
			t.Errorf("%s: oEmbed %s = %+v", page, file, o)
		}
	}
}

// TestExportHeadersMatchServer reads _headers as Netlify and Cloudflare
// Pages do and checks, for each kind of path, that the headers it gives
// are the server's own and that no two rules set one header.
func TestExportHeadersMatchServer(t *testing.T) {
	for _, base := range []string{"/", "/explainers/"} {
		t.Run(strings.Trim(base, "/")+"root", func(t *testing.T) {
			out := exportTo(t, Options{Base: base})
			rules, err := ParseHeaders(string(read(t, out, "_headers")))
			if err != nil {
				t.Fatal(err)
			}
			s, err := server.New(server.Config{Base: base, StaticOEmbed: true, Log: quiet}, testWeb(t))
			if err != nil {
				t.Fatal(err)
			}
			c := defaultCase(t)
			prefix := strings.TrimSuffix(base, "/")
			carried := []string{"Content-Security-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy", "Access-Control-Allow-Origin",
				"Cross-Origin-Resource-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"}
			// Each static path, and what the server answers for it.
			served := map[string]string{"/oembed/index.json": "/oembed?format=json&url=" + url.QueryEscape("http://example.com"+base)}
			paths := []string{"/", "/cases/" + c.ID + "/", "/cases/" + c.ID + "/events/" + c.Events[1].ID + "/", "/embed/" + c.ID + "/", "/web/icons/icon.svg", "/api/cases", "/oembed/index.json"}
			// go-app's files, the manifest and the schema, which revalidate.
			paths = append(paths, "/app.js", "/app.css", "/wasm_exec.js", "/app-worker.js", "/manifest.webmanifest", "/case.schema.json")
			for _, p := range paths {
				static := http.Header{}
				from := map[string]string{}
				for _, r := range rules {
					if !r.Match(prefix + p) {
						continue
					}
					for k, v := range r.Header {
						if prev, ok := from[k]; ok {
							t.Errorf("%s: rules %s and %s both set %s", p, prev, r.Pattern, k)
						}
						from[k] = r.Pattern
						static[k] = v
					}
				}
				target := prefix + p
				if q, ok := served[p]; ok {
					target = prefix + q
				}
				rec := httptest.NewRecorder()
				s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
				if rec.Code != 200 {
					t.Fatalf("the server answers %s with %d", target, rec.Code)
				}
				for _, k := range carried {
					if got, want := static.Get(k), rec.Header().Get(k); got != want {
						t.Errorf("%s %s: _headers gives %q; the server sends %q", prefix+p, k, got, want)
					}
				}
				if got, want := static.Get("Cache-Control"), rec.Header().Get("Cache-Control"); p != "/web/icons/icon.svg" && got != want {
					t.Errorf("%s Cache-Control: _headers gives %q; the server sends %q", prefix+p, got, want)
				}
			}
			// The versioned files may be kept for a year.
			for _, f := range []string{"/web/app.wasm", "/web/docket.css", "/web/docket.js"} {
				var got []string
				for _, r := range rules {
					if r.Match(prefix+f) && r.Header.Get("Cache-Control") != "" {
						got = append(got, r.Header.Get("Cache-Control"))
					}
				}
				if len(got) != 1 || !strings.Contains(got[0], "immutable") {
					t.Errorf("%s: Cache-Control %q; want one immutable rule", prefix+f, got)
				}
			}
		})
	}
}

// TestExportRefusesABrokenSite makes one event page fail: the export
// names it, and leaves no folder behind that a deploy could publish.
func TestExportRefusesABrokenSite(t *testing.T) {
	s, err := server.New(server.Config{StaticOEmbed: true, Log: quiet}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	c := defaultCase(t)
	broken := routes.EventPath(c.ID, c.Events[3].ID)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == broken {
			http.Error(w, "render failed", http.StatusInternalServerError)
			return
		}
		s.Handler().ServeHTTP(w, r)
	})
	out := filepath.Join(t.TempDir(), "site")
	_, err = export(out, s, h, "localhost", false)
	if err == nil || !strings.Contains(err.Error(), broken) || !strings.Contains(err.Error(), "500") {
		t.Fatalf("export with a failing page: %v; want an error naming %s and its status", err, broken)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed export left %s behind (%v)", out, err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*"))
	if len(left) > 0 {
		t.Errorf("a failed export left %v behind", left)
	}
}

// TestExportOptions checks the refusals that protect an existing folder
// and a site address that disagrees with -base.
func TestExportOptions(t *testing.T) {
	full := t.TempDir()
	keep := filepath.Join(full, "keep.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"no folder", Options{}, "-out DIR"},
		{"folder with files", Options{Out: full}, "not empty"},
		{"url and base disagree", Options{Out: filepath.Join(t.TempDir(), "x"), Base: "/a/", URL: "https://example.org/b/"}, "-base"},
		{"url without scheme", Options{Out: filepath.Join(t.TempDir(), "x"), URL: "example.org"}, "-url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(tc.opts, testWeb(t))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Run(%+v) = %v; want an error mentioning %q", tc.opts, err, tc.want)
			}
		})
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "mine" {
		t.Errorf("a refused export touched %s", keep)
	}
	// An empty folder is fine, and so are -url and -base that agree.
	empty := t.TempDir()
	if _, err := Run(Options{Out: empty, Base: "/b/", URL: "https://example.org/b/"}, testWeb(t)); err != nil {
		t.Fatalf("export into an empty folder: %v", err)
	}
	names, _ := os.ReadDir(empty)
	var got []string
	for _, n := range names {
		got = append(got, n.Name())
	}
	sort.Strings(got)
	if len(got) < 10 {
		t.Errorf("export into an empty folder wrote %v", got)
	}
}

// quiet drops the server's access log in these tests.
var quiet = slog.New(slog.DiscardHandler)

// TestExportLargeCaseLinksItsData exports a case too large to carry inside
// every page: its event pages link the case's JSON, which the export
// writes, instead of repeating it, so they stay the size of a page.
func TestExportLargeCaseLinksItsData(t *testing.T) {
	c := defaultCase(t)
	c.ID = "large-case"
	// Each event twelve times over, on its own date, keeps the case in order.
	events := c.Events
	c.Events = nil
	for _, e := range events {
		c.Events = append(c.Events, e)
		for k := 1; k < 12; k++ {
			copy := e
			copy.ID = fmt.Sprintf("%s-%d", e.ID, k)
			c.Events = append(c.Events, copy)
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) <= server.InlineCaseLimit {
		t.Fatalf("the large case is only %d bytes", len(b))
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "large-case.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := exportTo(t, Options{CasesDir: dir, Base: "/explainers/"})
	var data casefile.Case
	if err := json.Unmarshal(read(t, out, "api/cases/large-case.json"), &data); err != nil || len(data.Events) != len(c.Events) {
		t.Fatalf("api/cases/large-case.json: %d events, %v", len(data.Events), err)
	}
	for _, e := range []casefile.Event{c.Events[0], c.Events[len(c.Events)-1]} {
		page := read(t, out, "cases/large-case/events/"+e.ID+"/index.html")
		doc := htmlcheck.Parse(t, string(page))
		src, _ := doc.Attr(t, "script#docket-case", "data-src")
		if src != "/explainers/api/cases/large-case.json" || doc.Text(t, "script#docket-case") != "" {
			t.Errorf("the page of %s carries its case as %q with %d bytes inside; want a link to the case's JSON", e.ID, src, len(doc.Text(t, "script#docket-case")))
		}
		// It lists a window of the case around its event, with links to
		// the windows before and after (event pages of the export).
		if n := doc.Count(t, "#timeline li.event"); n == 0 || n > 50 {
			t.Errorf("the page of %s lists %d events; want a window of at most 50", e.ID, n)
		}
		if doc.Count(t, "#timeline li.event#"+e.ID) != 1 {
			t.Errorf("the page of %s does not list its own event", e.ID)
		}
		links := doc.All(t, "#timeline .tl-pager a[href]")
		if len(links) == 0 {
			t.Errorf("the page of %s has no link to the rest of the list", e.ID)
		}
		for _, a := range links {
			href, _ := htmlcheck.Attr(a, "href")
			read(t, out, strings.TrimPrefix(href, "/explainers/")+"index.html")
		}
		t.Logf("the page of %s: %d bytes (the case: %d)", e.ID, len(page), len(b))
		if got := doc.Text(t, "#tl-card-title"); got != e.Title {
			t.Errorf("the page of %s opens on %q", e.ID, got)
		}
	}
	// The shipped case is small enough to travel inside its pages.
	doc := htmlcheck.Parse(t, string(read(t, out, "index.html")))
	if _, linked := doc.Attr(t, "script#docket-case", "data-src"); linked || len(doc.Text(t, "script#docket-case")) < 1000 {
		t.Error("the shipped case is not carried inside its page")
	}
}

// TestExportCopiesMedia exports a case folder with images: they are
// copied, kept a year by _headers with a policy that runs nothing, named
// in the service worker's list, and the pages' img-src names the https
// hosts of the cases' images.
func TestExportCopiesMedia(t *testing.T) {
	dir := t.TempDir()
	fixture := "../e2e/testdata/timeline-only"
	for _, name := range []string{"timeline-only.json", "media/courthouse.png", "media/summons.jpg"} {
		b, err := os.ReadFile(filepath.Join(fixture, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "timeline-only.json" {
			b = bytes.Replace(b, []byte(`"src": "media/summons.jpg"`), []byte(`"src": "https://images.example.org/summons.jpg"`), 1)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := exportTo(t, Options{CasesDir: dir})
	png, _ := os.ReadFile(filepath.Join(dir, "media/courthouse.png"))
	if got := read(t, out, "media/timeline-only/media/courthouse.png"); !bytes.Equal(got, png) {
		t.Errorf("the exported image differs from the case folder's")
	}
	if _, err := os.Stat(filepath.Join(out, "media/timeline-only/media/summons.jpg")); err == nil {
		t.Errorf("an image the case no longer references was exported")
	}
	headers := string(read(t, out, "_headers"))
	rules, err := ParseHeaders(headers)
	if err != nil {
		t.Fatal(err)
	}
	var media, page http.Header
	for _, r := range rules {
		if r.Match("/media/timeline-only/media/courthouse.png") && r.Header.Get("Cache-Control") != "" {
			media = r.Header
		}
		if r.Match("/cases/timeline-only/") && r.Header.Get("Content-Security-Policy") != "" {
			page = r.Header
		}
	}
	if media == nil || media.Get("Cache-Control") != "public, max-age=31536000, immutable" || !strings.Contains(media.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("_headers for media: %v\n%s", media, headers)
	}
	if page == nil || !strings.Contains(page.Get("Content-Security-Policy"), "img-src 'self' data: https://images.example.org;") {
		t.Errorf("_headers for pages does not allow the image host: %v", page)
	}
	worker := string(read(t, out, "app-worker.js"))
	if !strings.Contains(worker, "/media/timeline-only/media/courthouse.png?v=") {
		t.Errorf("the service worker does not keep the case's image")
	}
}
