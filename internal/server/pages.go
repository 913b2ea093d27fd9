package server

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"docket/internal/asset"
	"docket/internal/casefile"
	"docket/internal/quiz"
	"docket/internal/routes"

	"golang.org/x/sync/singleflight"
)

// Docket's share image, for Open Graph and Twitter cards.
const (
	shareImage       = "web/share.png"
	shareImageWidth  = 1200
	shareImageHeight = 630
)

// servePage answers the app's pages through go-app, after checking that
// the path is a page of the route table and names a case that exists. It
// adds what go-app cannot put in the raw HTML head for each page: the
// oEmbed discovery link (read by CMSes that run no script), Open Graph and
// Twitter card tags with absolute URLs, and the canonical link.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) error {
	if !routes.IsPage(r.URL.Path) {
		return errNotFound
	}
	c := s.cases.cases.Default()
	if id := routes.CaseID(r.URL.Path); id != "" {
		var ok bool
		if c, ok = s.cases.cases.Case(id); !ok {
			return &httpError{status: http.StatusNotFound, msg: "There is no case called \"" + id + "\" here."}
		}
	}
	if ev := routes.EventID(&url.URL{Path: r.URL.Path}); ev != "" && c.Event(ev) == nil {
		return &httpError{status: http.StatusNotFound, msg: "This case has no event called \"" + ev + "\"."}
	}
	canon, key := s.canonicalPage(r, c)
	page, err := s.pages.get(key, func() (*asset.Asset, error) { return s.renderPage(canon, c, key) })
	if err != nil {
		return err
	}
	page.Serve(w, r, "no-cache")
	return nil
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

// renderPage renders a page with go-app, finishes its head, and compresses
// it: once per page, then kept (see pageCache). Its ETag comes from the
// version and the page's key, not its bytes: go-app writes attributes in
// varying order, and replicas must agree.
func (s *Server) renderPage(r *http.Request, c *casefile.Case, key string) (*asset.Asset, error) {
	var rec bufferWriter
	rec.header = http.Header{}
	s.app.ServeHTTP(&rec, r)
	if rec.status != 0 && rec.status != http.StatusOK {
		return nil, fmt.Errorf("go-app rendered %s with status %d", r.URL.Path, rec.status)
	}
	body := s.withHeadTags(rec.body.Bytes(), r, c)
	// Named as the static export names the page's file.
	a, err := asset.New(path.Join(r.URL.Path, "index.html"), body, asset.Quick)
	if err != nil {
		return nil, err
	}
	a.ETag = asset.ETag([]byte(s.version + " " + key))
	return a, nil
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

// pageCache keeps rendered, compressed pages. Pages change only when the
// server restarts, so nothing expires; when full, one page makes room.
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

// goappSocial matches the Open Graph tags go-app writes itself, which lack
// a host (og:url "https://", an empty og:image): replaced by ours.
var goappSocial = regexp.MustCompile(`\s*<meta[^>]*property="og:(url|image|type)"[^>]*>`)

// withHeadTags puts the page's social and discovery tags into its head.
func (s *Server) withHeadTags(page []byte, r *http.Request, c *casefile.Case) []byte {
	origin := s.origin(r)
	pageURL := origin + s.cfg.Base + strings.TrimPrefix(r.URL.Path, "/")
	if ev := r.URL.Query().Get("event"); ev != "" && c.Event(ev) != nil {
		pageURL += "?event=" + url.QueryEscape(ev)
	}
	discovery := origin + s.cfg.Base + "oembed?url=" + url.QueryEscape(pageURL) + "&format=json"
	if s.cfg.StaticOEmbed {
		discovery = origin + s.cfg.Base + StaticOEmbedPath(r.URL.Path)
	}
	image := origin + s.cfg.Base + shareImage
	title := c.Title
	var b strings.Builder
	tag := func(format string, args ...string) {
		for i := range args {
			args[i] = html.EscapeString(args[i])
		}
		b.WriteString("\n    ")
		b.WriteString(strings.NewReplacer(pairs(args)...).Replace(format))
	}
	canonical := origin + s.cfg.Base + strings.TrimPrefix(s.canonicalPath(r.URL, c), "/")
	tag(`<link rel="canonical" href="$0">`, canonical)
	if routes.IsEmbed(r.URL.Path) {
		// The embed repeats the case's page in compact chrome: search
		// engines may index it inside the articles that embed it, not alone.
		tag(`<meta name="robots" content="noindex, indexifembedded">`)
	}
	tag(`<link rel="alternate" type="application/json+oembed" href="$0" title="$1">`, discovery, title)
	tag(`<meta property="og:type" content="article">`)
	tag(`<meta property="og:site_name" content="Docket">`)
	tag(`<meta property="og:url" content="$0">`, canonical)
	tag(`<meta property="og:image" content="$0">`, image)
	tag(`<meta property="og:image:width" content="$0">`, strconv.Itoa(shareImageWidth))
	tag(`<meta property="og:image:height" content="$0">`, strconv.Itoa(shareImageHeight))
	tag(`<meta property="og:image:alt" content="$0">`, "Docket: court cases explained")
	tag(`<meta name="twitter:card" content="summary_large_image">`)
	tag(`<meta name="twitter:title" content="$0">`, title)
	tag(`<meta name="twitter:description" content="$0">`, c.Summary)
	tag(`<meta name="twitter:image" content="$0">`, image)
	// Only the head is searched: the body is most of the page.
	end := bytes.Index(page, []byte("</head>"))
	if end < 0 {
		return page
	}
	head := goappSocial.ReplaceAll(page[:end], nil)
	out := make([]byte, 0, len(page)+b.Len())
	out = append(out, bytes.TrimRight(head, " \n")...)
	out = append(out, b.String()...)
	out = append(out, "\n  "...)
	return append(out, page[end:]...)
}

// canonicalPath is the one address of what a page shows, for search
// engines and share cards: an embed's is its case's page; the default
// case's page is "/"; a page opened on an event (?event=ID) is that
// event's page, which static hosts serve too. Case and event pages end in
// a slash, the form a static export serves without a redirect.
func (s *Server) canonicalPath(u *url.URL, c *casefile.Case) string {
	if ev := routes.EventID(u); ev != "" && c.Event(ev) != nil {
		return routes.EventPath(c.ID, ev)
	}
	if d := s.cases.cases.Default(); d != nil && c.ID == d.ID {
		return "/"
	}
	return routes.CasePath(c.ID)
}

// pairs turns values into strings.NewReplacer pairs for $0, $1, ...
func pairs(args []string) []string {
	var out []string
	for i := len(args) - 1; i >= 0; i-- { // $10 before $1
		out = append(out, "$"+strconv.Itoa(i), args[i])
	}
	return out
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
