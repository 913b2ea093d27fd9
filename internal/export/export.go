// Package export writes Docket as static files that any static host (an
// object store behind a CDN, GitHub Pages, nginx) serves with no Go
// process: every page, event page and embed of every case, the list of
// cases, the case data, the schema, the manifest, the service worker,
// icons and the wasm, with .br and .gz copies, oEmbed responses as files,
// sitemap.xml and robots.txt (with a public URL), and a _headers file with
// the server's caching and security headers.
package export

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"docket/internal/asset"
	"docket/internal/routes"
	"docket/internal/server"
	"docket/internal/store"
)

// Options say what to export and where.
type Options struct {
	// Out is the folder to write; it is created, and must be empty or
	// missing so that nothing of an older export lingers.
	Out string
	// Base is the path the site will be served under ("/explainers/").
	Base string
	// URL is the public URL of the site, for absolute links in social
	// tags and oEmbed; without it they name the host "localhost".
	URL string
	// CasesDir adds the cases of a folder, as for serve -cases.
	CasesDir string
	// DB, when set, is the URL of a database whose published cases are
	// exported too, as serve -db serves them. A SQLite file must exist:
	// an export never creates a database.
	DB string
	// StatsURL, when set, is the Docket server (its site URL, such as
	// https://docket.example.org/) where the exported quizzes send answers
	// and read how other readers answered; that server must allow the
	// export's origin (serve -stats-origin). Without it the export calls
	// nothing.
	StatsURL string
}

// Run exports the site. It renders every file through the server's own
// handler and fails, naming the page, when any answers other than 200:
// it never writes an error page as if it were a page.
func Run(opts Options, web fs.FS) (files int, err error) {
	cfg := server.Config{Base: opts.Base, CasesDir: opts.CasesDir, StaticOEmbed: true,
		Log: slog.New(slog.DiscardHandler)}
	host := "localhost"
	if opts.URL != "" {
		u, err := url.Parse(opts.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return 0, fmt.Errorf("-url %q: want the site's address, such as https://news.example.org/explainers/", opts.URL)
		}
		cfg.PublicURL = u
		host = u.Host
		switch path := "/" + strings.Trim(u.Path, "/") + "/"; {
		case cfg.Base == "" || cfg.Base == "/":
			cfg.Base = u.Path
		case path != "/" && path != "/"+strings.Trim(cfg.Base, "/")+"/":
			return 0, fmt.Errorf("-url %q is under %s but -base is %s: give one, or the same path in both", opts.URL, path, cfg.Base)
		}
	}
	if opts.StatsURL != "" {
		u, err := url.Parse(opts.StatsURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			return 0, fmt.Errorf("-stats-url %q: want the address of a Docket server, such as https://docket.example.org/", opts.StatsURL)
		}
		cfg.StatsURL = u
	}
	if opts.DB != "" {
		db, err := openExisting(opts.DB)
		if err != nil {
			return 0, err
		}
		defer db.Close()
		cfg.DB = db
	}
	s, err := server.New(cfg, web)
	if err != nil {
		return 0, err
	}
	return export(opts.Out, s, s.Handler(), host, opts.URL != "")
}

// openExisting opens a database to read its published cases; a SQLite
// file that does not exist is an error, not a new database.
func openExisting(dbURL string) (*store.DB, error) {
	kind, path, err := store.ParseURL(dbURL)
	if err != nil {
		return nil, err
	}
	if kind == "sqlite" {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("-db %s: no database there (%v)", dbURL, errors.Unwrap(err))
		}
	}
	return store.Open(context.Background(), dbURL)
}

// export writes every file of s, as h answers it, into out. It writes into
// a temporary folder beside out and renames it into place only when the
// whole site is written: a failed export leaves no half-written site that
// a deploy script could publish. With public (-url given), it writes the
// sitemap and robots.txt too; without, it writes neither, since a sitemap
// must name the site's real address.
func export(out string, s *server.Server, h http.Handler, host string, public bool) (files int, err error) {
	if err := checkOut(out); err != nil {
		return 0, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(out)), "."+filepath.Base(filepath.Clean(out))+".export-")
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return 0, err
	}
	base := s.Base()
	w := writer{out: tmp, handler: h, host: host, base: base, public: public}

	// Pages: the default case at the root; each case, its events and its
	// embed in folders of their own, so /cases/x/ is cases/x/index.html.
	pages := []string{"/"}
	for _, c := range s.Cases() {
		pages = append(pages, routes.CasePath(c.ID), routes.EmbedPath(c.ID))
		for _, e := range c.Events {
			pages = append(pages, routes.EventPath(c.ID, e.ID))
		}
	}
	for _, p := range pages {
		w.file(p, path.Join(strings.TrimPrefix(p, "/"), "index.html"))
		page := "http://" + host + base + strings.TrimPrefix(p, "/")
		w.file("/oembed?format=json&url="+url.QueryEscape(page), server.StaticOEmbedPath(p))
	}
	w.file(routes.CaseList, "cases/index.html")
	for _, f := range rootFiles {
		w.file(f, strings.TrimPrefix(f, "/"))
	}
	for _, f := range w.crawlerFiles() {
		w.file(f, strings.TrimPrefix(f, "/"))
	}
	w.file(routes.Privacy, "privacy/index.html")
	w.file("/api/cases", "api/cases.json")
	for _, c := range s.Cases() {
		w.file("/api/cases/"+c.ID, "api/cases/"+c.ID+".json")
	}
	for _, name := range s.AssetNames() {
		w.file("/web/"+name, "web/"+name)
	}
	// The images of the case files, which pages link with the version
	// (static hosts ignore the query).
	for _, p := range s.MediaPaths() {
		name, err := url.PathUnescape(strings.TrimPrefix(p, "/"))
		if err != nil {
			return 0, err
		}
		w.file(p+"?v="+url.QueryEscape(s.Version()), name)
	}
	w.notFound("/docket-export-404-probe", "404.html")
	if w.err != nil {
		return 0, w.err
	}
	if err := w.headersFile(s); err != nil {
		return 0, err
	}
	// out is missing or empty (checkOut): put the site in its place.
	if err := os.Remove(out); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	if err := os.Rename(tmp, out); err != nil {
		return 0, err
	}
	return w.files, nil
}

// rootFiles are the files at the site's root: go-app's, the manifest and
// the case-file schema.
var rootFiles = []string{"/app.js", "/app.css", "/wasm_exec.js", "/app-worker.js", "/manifest.webmanifest", "/case.schema.json"}

// checkOut refuses an output folder that holds files, so that nothing of
// an older export lingers, and makes the folder it will be written beside.
func checkOut(out string) error {
	if out == "" {
		return fmt.Errorf("name the folder to write with -out DIR")
	}
	entries, err := os.ReadDir(out)
	if err == nil && len(entries) > 0 {
		return fmt.Errorf("-out %s is not empty: export into a new or empty folder", out)
	}
	return os.MkdirAll(filepath.Dir(filepath.Clean(out)), 0o755)
}

// writer requests files from the handler and writes them, with
// compressed copies, stopping at the first failure.
type writer struct {
	out     string
	handler http.Handler
	host    string
	base    string
	public  bool // the host is the site's public one (-url)
	files   int
	err     error
}

// crawlerFiles are the files for search engines, written only with the
// site's public URL: a sitemap's addresses must be absolute and real.
func (w *writer) crawlerFiles() []string {
	if !w.public {
		return nil
	}
	return []string{routes.Sitemap, routes.Robots}
}

func (w *writer) get(target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", "http://"+w.host+w.base+strings.TrimPrefix(target, "/"), nil)
	r.Host = w.host
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	w.handler.ServeHTTP(rec, r)
	return rec
}

// compressed returns the server's own compressed copy of target in the
// given coding, when it keeps one (the wasm's is built with it).
func (w *writer) compressed(target, coding string) []byte {
	rec := w.get(target, "Accept-Encoding", coding)
	if rec.Code == http.StatusOK && rec.Header().Get("Content-Encoding") == coding {
		return rec.Body.Bytes()
	}
	return nil
}

// file writes the response to target at name, failing on any status but 200.
func (w *writer) file(target, name string) {
	if w.err != nil {
		return
	}
	rec := w.get(target)
	if rec.Code != http.StatusOK {
		w.err = fmt.Errorf("export: %s answered %d %s; the site is not written whole", target, rec.Code, strings.TrimSpace(rec.Body.String()))
		return
	}
	w.write(name, rec.Body.Bytes(), w.compressed(target, "br"), w.compressed(target, "gzip"))
}

// notFound writes the site's not-found page, which static hosts show for
// any missing path.
func (w *writer) notFound(target, name string) {
	if w.err != nil {
		return
	}
	r := httptest.NewRequest("GET", "http://"+w.host+w.base+strings.TrimPrefix(target, "/"), nil)
	r.Header.Set("Accept", "text/html")
	rec := httptest.NewRecorder()
	w.handler.ServeHTTP(rec, r)
	if rec.Code != http.StatusNotFound {
		w.err = fmt.Errorf("export: the not-found page answered %d", rec.Code)
		return
	}
	w.write(name, rec.Body.Bytes(), nil, nil)
}

// write writes body at name, with the .br and .gz copies the server sent;
// when it sent none, the asset package makes them (only for compressible
// files, and only when smaller).
func (w *writer) write(name string, body, br, gz []byte) {
	if br == nil && gz == nil {
		a, err := asset.New(name, body, asset.Best)
		if err != nil {
			w.err = err
			return
		}
		br, gz = a.Br, a.Gz
	}
	dst := filepath.Join(w.out, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		w.err = err
		return
	}
	if w.err = os.WriteFile(dst, body, 0o644); w.err != nil {
		return
	}
	w.files++
	for _, c := range []struct {
		ext  string
		data []byte
	}{{".br", br}, {".gz", gz}} {
		if c.data == nil {
			continue
		}
		if w.err = os.WriteFile(dst+c.ext, c.data, 0o644); w.err != nil {
			return
		}
		w.files++
	}
}

// headersFile writes _headers (the format Netlify and Cloudflare Pages
// read) with the headers the server sends for each kind of path. Rules do
// not overlap on a header, since those hosts join repeated values.
func (w *writer) headersFile(s *server.Server) error {
	kinds := []struct{ pattern, sample string }{
		{"/*", "/"},
		{"/", "/"},
		{"/cases/*", "/cases/" + s.Cases()[0].ID + "/"},
		{"/embed/*", "/embed/" + s.Cases()[0].ID + "/"},
		{"/web/*", "/web/icons/icon.svg"},
		{"/api/*", "/api/cases"},
		{"/oembed/*", "/oembed?format=json&url=" + url.QueryEscape("http://"+w.host+w.base)},
	}
	for _, f := range append(rootFiles, w.crawlerFiles()...) {
		kinds = append(kinds, struct{ pattern, sample string }{f, f})
	}
	if media := s.MediaPaths(); len(media) > 0 {
		// Linked with ?v=VERSION only: kept a year, like the versioned
		// files of /web/.
		kinds = append(kinds, struct{ pattern, sample string }{"/media/*", media[0] + "?v=" + url.QueryEscape(s.Version())})
	}
	shared := []string{"X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"}
	perPath := []string{"Content-Security-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy", "Access-Control-Allow-Origin", "Cross-Origin-Resource-Policy", "Cache-Control"}
	var b strings.Builder
	b.WriteString("# Headers for static hosts (Netlify, Cloudflare Pages), the same as `docket serve` sends.\n")
	for i, k := range kinds {
		h := w.get(k.sample).Header()
		names := perPath
		switch {
		case i == 0:
			names = shared
		case k.pattern == "/web/*":
			// Cache-Control is left to the versioned files' own rules
			// below: a host would join two values for one header.
			names = perPath[:len(perPath)-1]
		}
		b.WriteString(strings.TrimRight(w.base, "/") + k.pattern + "\n")
		for _, n := range names {
			if v := h.Get(n); v != "" {
				fmt.Fprintf(&b, "  %s: %s\n", n, v)
			}
		}
	}
	// The files linked with ?v=VERSION may be kept for a year.
	var immutable []string
	for _, name := range []string{"app.wasm", "docket.css", "docket.js"} {
		immutable = append(immutable, strings.TrimRight(w.base, "/")+"/web/"+name)
	}
	sort.Strings(immutable)
	for _, p := range immutable {
		fmt.Fprintf(&b, "%s\n  Cache-Control: public, max-age=31536000, immutable\n", p)
	}
	return os.WriteFile(filepath.Join(w.out, "_headers"), []byte(b.String()), 0o644)
}
