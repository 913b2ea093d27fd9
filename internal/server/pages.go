package server

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"docket/internal/asset"
	"docket/internal/casefile"
	"docket/internal/components"
	"docket/internal/pages"
	"docket/internal/quiz"
	"docket/internal/routes"

	"github.com/a-h/templ"
	"golang.org/x/sync/singleflight"
)

// Docket's share image, for Open Graph and Twitter cards.
const (
	shareImage       = "/web/share.png"
	shareImageWidth  = 1200
	shareImageHeight = 630
)

// servePage answers the app's pages through go-app, after checking that
// the path is a page of the route table and names a case that exists. It
// adds what go-app cannot put in the raw HTML head for each page (see
// withHeadTags) and the case's data for the browser program.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) error {
	if !routes.IsPage(r.URL.Path) {
		return errNotFound
	}
	snap := s.cases.snapshot() // one state of the cases for the whole page
	id := routes.CaseID(r.URL.Path)
	if id == "" {
		id = snap.DefaultID()
	}
	c, ok := snap.Case(id)
	switch {
	case !ok && snap.Gone(id):
		return errGone
	case !ok:
		return &httpError{status: http.StatusNotFound, msg: "There is no case called \"" + id + "\" here."}
	}
	if ev := routes.EventID(&url.URL{Path: r.URL.Path}); ev != "" && c.Event(ev) == nil {
		return &httpError{status: http.StatusNotFound, msg: "This case has no event called \"" + ev + "\"."}
	}
	canon, key := s.canonicalPage(r, c.Case)
	// A case published anew gets pages of its own; so does a new default
	// case, which changes where pages link.
	key = pageKey(c, snap.DefaultID()) + key
	page, err := s.pages.get(key, func() (*asset.Asset, error) { return s.renderPage(canon, c, key, snap) })
	if err != nil {
		return err
	}
	page.Serve(w, r, "no-cache")
	return nil
}

// pageKey starts the cache key of a page of case c: the case, its version
// and the default case, which pruneStalePages reads back.
func pageKey(c casefile.Entry, defaultID string) string {
	return c.ID + " " + c.Version + " " + defaultID + " "
}

// pruneStalePages forgets the pages of cases whose version is no longer
// the one readers see (or that are gone), once a new snapshot is in place.
func (s *Server) pruneStalePages(snap *caseSnapshot) {
	s.pages.prune(func(key string) bool {
		f := strings.SplitN(key, " ", 4)
		if len(f) < 4 {
			return false
		}
		c, ok := snap.Case(f[0])
		return ok && c.Version == f[1] && snap.DefaultID() == f[2]
	})
}

// canonicalPage is the request a page is rendered from, keeping only what
// pages read and only when it is valid (an event of the case, a view, a
// share code), and its cache key. Odd hosts and parameters thus share a
// page instead of making a new one: nobody can make the server render
// and compress without end.
func (s *Server) canonicalPage(r *http.Request, c *casefile.Case) (*http.Request, string) {
	q := r.URL.Query()
	keep := url.Values{}
	if ev := q.Get("event"); ev != "" && c.Event(ev) != nil {
		keep.Set("event", ev)
	}
	if v := q.Get("view"); v != "" && routes.EmbedView(v) == v {
		keep.Set("view", v)
	}
	if code := q.Get(quiz.ShareParam); code != "" {
		if _, _, ok := quiz.ParseShare(c.ID, code); ok {
			keep.Set(quiz.ShareParam, code)
		}
	}
	host := s.hosts.canonical(r.Host)
	r2 := r.Clone(r.Context())
	r2.Method = http.MethodGet
	r2.Host = host
	r2.URL.RawQuery = keep.Encode()
	r2.RequestURI = r2.URL.RequestURI()
	r2.Header.Del("If-None-Match") // go-app would answer 304 with no page
	return r2, host + " " + r2.URL.RequestURI()
}

// renderPage renders a page with go-app, finishes it, and compresses it:
// once per page, then kept (see pageCache). Its ETag comes from the version
// and the page's key, not its bytes: go-app writes attributes in varying
// order, and replicas must agree.
func (s *Server) renderPage(r *http.Request, c casefile.Entry, key string, lib casefile.Published) (*asset.Asset, error) {
	var rec bufferWriter
	rec.header = http.Header{}
	s.prerender(&rec, r, lib)
	if rec.status != 0 && rec.status != http.StatusOK {
		return nil, fmt.Errorf("go-app rendered %s with status %d", r.URL.Path, rec.status)
	}
	body, err := s.finishPage(rec.body.Bytes(), r, c, lib.DefaultID())
	if err != nil {
		return nil, err
	}
	// Named as the static export names the page's file.
	a, err := asset.New(path.Join(r.URL.Path, "index.html"), body, asset.Quick)
	if err != nil {
		return nil, err
	}
	a.ETag = asset.ETag([]byte(s.version + " " + key))
	return a, nil
}

// goappPages is how a server gives its cases to the pages go-app makes.
// go-app keeps one router per process, makes each page with a function of
// no arguments, and renders a page once before any hook hands it a context;
// so a page can learn its server's cases only from state the process
// shares. Each prerender holds the lock with its server's cases in place,
// so two servers in one process never see each other's cases.
var goappPages struct {
	register sync.Once
	mu       sync.Mutex
	cases    casefile.Published // the cases of the page being rendered
}

// prerender has go-app render a page of lib, a snapshot of this server's
// cases, into w.
func (s *Server) prerender(w http.ResponseWriter, r *http.Request, lib casefile.Published) {
	goappPages.register.Do(func() {
		components.Register(func() casefile.Published {
			if goappPages.cases == nil { // no page of a server is being rendered
				empty, _ := casefile.NewLibrary()
				return empty
			}
			return goappPages.cases
		})
	})
	goappPages.mu.Lock()
	defer goappPages.mu.Unlock()
	goappPages.cases = lib
	defer func() { goappPages.cases = nil }()
	s.app.ServeHTTP(w, r)
}

// maxHosts is how many distinct Host headers get pages of their own (their
// social tags name the host); requests with any other host get the pages
// of the first. With -url, only that host is used.
const maxHosts = 4

// hostSet remembers the hosts pages were rendered for.
type hostSet struct {
	mu     sync.Mutex
	public string // from -url: the only host
	seen   []string
}

func (h *hostSet) canonical(host string) string {
	if h.public != "" {
		return h.public
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	host = strings.ToLower(host)
	if slices.Contains(h.seen, host) {
		return host
	}
	if len(h.seen) < maxHosts && validHost(host) {
		h.seen = append(h.seen, host)
		return host
	}
	if len(h.seen) > 0 {
		return h.seen[0]
	}
	return "localhost"
}

// validHost reports whether a Host header is a plain name or address
// with an optional port.
func validHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == ':' || r == '[' || r == ']') {
			return false
		}
	}
	return true
}

// maxCachedPages bounds the pages kept in memory (each about 150 KB with
// its compressed copies).
const maxCachedPages = 256

// pageCache keeps rendered, compressed pages. A page's key names its case's
// version, so a publish never serves a stale page; the pages of versions
// no longer published are pruned when the cases change. When full, one
// page makes room.
// Each page is rendered once however many ask for it at the same time
// (singleflight), and at most as many pages render at once as there are
// CPUs.
type pageCache struct {
	mu      sync.Mutex
	pages   map[string]*asset.Asset
	renders chan struct{}
	flight  singleflight.Group
}

// get returns the page kept for key, or renders it, keeps it and returns it.
func (c *pageCache) get(key string, render func() (*asset.Asset, error)) (*asset.Asset, error) {
	if a := c.kept(key); a != nil {
		return a, nil
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		// A render for key may have finished since kept was asked.
		if a := c.kept(key); a != nil {
			return a, nil
		}
		c.renders <- struct{}{}
		defer func() { <-c.renders }()
		a, err := render()
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if len(c.pages) >= maxCachedPages {
			for k := range c.pages {
				delete(c.pages, k)
				break
			}
		}
		c.pages[key] = a
		return a, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*asset.Asset), nil
}

// prune forgets every page whose key keep refuses.
func (c *pageCache) prune(keep func(key string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.pages {
		if !keep(k) {
			delete(c.pages, k)
		}
	}
}

// kept returns the page kept for key, or nil; it makes the cache ready on
// first use.
func (c *pageCache) kept(key string) *asset.Asset {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[string]*asset.Asset{}
		c.renders = make(chan struct{}, runtime.NumCPU())
	}
	return c.pages[key]
}

// goappHead matches the tags of go-app's head that the server writes
// itself (see withHeadTags): the title, the description and the Open Graph
// tags; and go-app's own stylesheet, /app.css, whose few rules for its
// loader Docket's stylesheet has (10-base.css): one render-blocking request
// fewer before the first paint (#17). go-app writes them with its own
// fixed values (the components set the page's title and description only
// in the browser), so they hold no case text and a pattern finds them
// reliably.
var goappHead = regexp.MustCompile(`\s*<(?:title>[^<]*</title>|meta[^>]*(?:property="og:[a-z:]+"|name="description")[^>]*>|link[^>]*href="[^"]*/app\.css"[^>]*>)`)

// finishPage completes a page go-app rendered: its head gets the case's
// title, description, social and discovery tags (withHeadTags), and its
// body the case's data for the browser program.
func (s *Server) finishPage(page []byte, r *http.Request, c casefile.Entry, defaultID string) ([]byte, error) {
	headEnd := bytes.Index(page, []byte("</head>"))
	bodyEnd := bytes.LastIndex(page, []byte("</body>"))
	if headEnd < 0 || bodyEnd < headEnd {
		return nil, fmt.Errorf("go-app rendered %s without a head and a body", r.URL.Path)
	}
	var head, data bytes.Buffer
	// A full page starts the wasm's download with the page, at low priority
	// so that it holds back nothing the first paint needs (see
	// pages.WasmPreload), not after go-app's script has run; an embed loads
	// it only when it comes into view (see web/docket.js).
	if !routes.IsEmbed(r.URL.Path) {
		if err := pages.WasmPreload(routes.Under(s.cfg.Base, "/web/app.wasm?v="+s.version)).Render(r.Context(), &head); err != nil {
			return nil, err
		}
	}
	if err := s.withHeadTags(r, c.Case, defaultID).Render(r.Context(), &head); err != nil {
		return nil, err
	}
	if err := s.caseData(r, c).Render(r.Context(), &data); err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(page)+head.Len()+data.Len()+8)
	out = append(out, bytes.TrimRight(goappHead.ReplaceAll(page[:headEnd], nil), " \n")...)
	out = append(out, "\n    "...)
	out = append(out, head.Bytes()...)
	out = append(out, "\n  "...)
	out = append(out, bytes.TrimRight(page[headEnd:bodyEnd], " \n")...)
	out = append(out, "\n    "...)
	out = append(out, data.Bytes()...)
	out = append(out, "\n  "...)
	return append(out, page[bodyEnd:]...), nil
}

// withHeadTags are the page's own head tags: the case's title and
// description, the canonical link, the oEmbed discovery link (read by CMSes
// that run no script) and Open Graph and Twitter card tags, with absolute
// URLs.
func (s *Server) withHeadTags(r *http.Request, c *casefile.Case, defaultID string) templ.Component {
	page := r.URL.Path
	if ev := r.URL.Query().Get("event"); ev != "" && c.Event(ev) != nil {
		page += "?event=" + url.QueryEscape(ev)
	}
	discovery := s.siteURL(r, "/oembed?url="+url.QueryEscape(s.siteURL(r, page))+"&format=json")
	if s.cfg.StaticOEmbed {
		discovery = s.siteURL(r, "/"+StaticOEmbedPath(r.URL.Path))
	}
	return pages.AppHeadTags(pages.AppHead{
		Title:       c.Title,
		Description: c.Summary,
		Canonical:   s.siteURL(r, canonicalPath(r.URL, c, defaultID)),
		OEmbed:      discovery,
		Modified:    c.Updated,
		Image:       s.shareCard(r),
		Embed:       routes.IsEmbed(r.URL.Path),
	})
}

// shareCard is Docket's share card picture, for Open Graph, Twitter cards
// and oEmbed; none (a zero ShareImage) when the build has no share.png.
func (s *Server) shareCard(r *http.Request) pages.ShareImage {
	return s.shareCardAt(s.origin(r))
}

// shareCardAt is shareCard with the site at origin.
func (s *Server) shareCardAt(origin string) pages.ShareImage {
	if _, ok := s.assets[strings.TrimPrefix(shareImage, "/web/")]; !ok {
		return pages.ShareImage{}
	}
	return pages.ShareImage{URL: origin + routes.Under(s.cfg.Base, shareImage), Width: shareImageWidth, Height: shareImageHeight, Alt: "Docket: court cases explained"}
}

// InlineCaseLimit is the largest case, as JSON, that a page carries
// inside itself. A larger case is linked instead (its JSON under
// /api/cases/), so that a case of thousands of events does not repeat its
// megabytes in every event page: a static export of 1,000 events would
// otherwise write 1.4 GB.
const InlineCaseLimit = 128 << 10

// caseData is the element that carries the case inside its page for the
// browser program, or links it when it is larger than InlineCaseLimit.
func (s *Server) caseData(r *http.Request, c casefile.Entry) templ.Component {
	if len(c.JSON) > InlineCaseLimit {
		return pages.CaseData(components.CaseDataID, nil, routes.Under(s.cfg.Base, routes.CaseDataPath(c.ID)))
	}
	return pages.CaseData(components.CaseDataID, c.JSON, "")
}

// canonicalPath is the one address of what a page shows, for search
// engines and share cards: an embed's is its case's page; the default
// case's page is "/"; a page opened on an event (?event=ID) is that
// event's page, which static hosts serve too. Case and event pages end in
// a slash, the form a static export serves without a redirect.
func canonicalPath(u *url.URL, c *casefile.Case, defaultID string) string {
	if ev := routes.EventID(u); ev != "" && c.Event(ev) != nil {
		return routes.EventPath(c.ID, ev)
	}
	return routes.PagePath(c.ID, defaultID)
}

// StaticOEmbedPath is where a static export keeps the oEmbed response of a
// page, relative to the site's base: "oembed/index.json" for "/",
// "oembed/cases/x.json" for "/cases/x/".
func StaticOEmbedPath(pagePath string) string {
	p := strings.Trim(pagePath, "/")
	if p == "" {
		p = "index"
	}
	return "oembed/" + p + ".json"
}

// origin is the scheme and host of the site's public URL when one is set
// (-url), else of the request.
func (s *Server) origin(r *http.Request) string {
	if s.cfg.PublicURL != nil {
		return s.cfg.PublicURL.Scheme + "://" + s.cfg.PublicURL.Host
	}
	return requestOrigin(r)
}

// siteURL is the absolute URL of a site path ("/cases/x/?event=y") as
// readers reach it: the site's origin and its base path.
func (s *Server) siteURL(r *http.Request, path string) string {
	return s.origin(r) + routes.Under(s.cfg.Base, path)
}

// requestOrigin is the scheme and host the reader used, as far as the
// request tells: behind a TLS proxy, X-Forwarded-Proto says https.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// bufferWriter keeps a response in memory so the page can be finished
// before any byte is sent.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header         { return b.header }
func (b *bufferWriter) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
