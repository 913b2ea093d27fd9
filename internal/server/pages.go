package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"docket/internal/casefile"
	"docket/internal/routes"

	"github.com/andybalholm/brotli"
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
	key := pageKey(r)
	page := s.pages.get(key)
	if page == nil {
		var err error
		if page, err = s.renderPage(r, c); err != nil {
			return err
		}
		s.pages.put(key, page)
	}
	page.serve(w, r, "no-cache")
	return nil
}

// renderPage renders a page with go-app, finishes its head, and compresses
// it: once per page, then kept (see pageCache).
func (s *Server) renderPage(r *http.Request, c *casefile.Case) (*asset, error) {
	r2 := r.Clone(r.Context())
	r2.Method = http.MethodGet
	r2.Header.Del("If-None-Match") // go-app would answer 304 with no page
	var rec bufferWriter
	rec.header = http.Header{}
	s.app.ServeHTTP(&rec, r2)
	if rec.status != 0 && rec.status != http.StatusOK {
		return nil, fmt.Errorf("go-app rendered %s with status %d", r.URL.Path, rec.status)
	}
	body := s.withHeadTags(rec.body.Bytes(), r, c)
	sum := sha256.Sum256(body)
	a := &asset{name: r.URL.Path, contentType: "text/html; charset=utf-8", etag: `"` + hex.EncodeToString(sum[:12]) + `"`, raw: body}
	a.br = compressWith(body, func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, 6) })
	a.gz = compressWith(body, func(w io.Writer) io.WriteCloser { z, _ := gzip.NewWriterLevel(w, 6); return z })
	return a, nil
}

// compressWith compresses b with a writer from newWriter.
func compressWith(b []byte, newWriter func(io.Writer) io.WriteCloser) []byte {
	var buf bytes.Buffer
	zw := newWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// pageKey is what a rendered page depends on: the host (its social tags
// are absolute), the path, and the query parameters pages read. Other
// parameters (a campaign tag, say) share the page.
func pageKey(r *http.Request) string {
	q := r.URL.Query()
	keep := url.Values{}
	for _, name := range []string{"event", "view", "score"} {
		if v := q.Get(name); v != "" {
			keep.Set(name, v)
		}
	}
	return r.Host + " " + r.URL.Path + "?" + keep.Encode()
}

// maxCachedPages bounds the pages kept in memory (each about 150 KB with
// its compressed copies): odd query strings cannot grow it without end.
const maxCachedPages = 128

// pageCache keeps rendered, compressed pages. Pages change only when the
// server restarts, so nothing expires; when full it starts again.
type pageCache struct {
	mu    sync.Mutex
	pages map[string]*asset
}

func (c *pageCache) get(key string) *asset {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages[key]
}

func (c *pageCache) put(key string, a *asset) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil || len(c.pages) >= maxCachedPages {
		c.pages = map[string]*asset{}
	}
	c.pages[key] = a
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
	tag(`<link rel="canonical" href="$0">`, pageURL)
	tag(`<link rel="alternate" type="application/json+oembed" href="$0" title="$1">`, discovery, title)
	tag(`<meta property="og:type" content="article">`)
	tag(`<meta property="og:site_name" content="Docket">`)
	tag(`<meta property="og:url" content="$0">`, pageURL)
	tag(`<meta property="og:image" content="$0">`, image)
	tag(`<meta property="og:image:width" content="$0">`, strconv.Itoa(shareImageWidth))
	tag(`<meta property="og:image:height" content="$0">`, strconv.Itoa(shareImageHeight))
	tag(`<meta property="og:image:alt" content="$0">`, "Docket: court cases explained")
	tag(`<meta name="twitter:card" content="summary_large_image">`)
	tag(`<meta name="twitter:title" content="$0">`, title)
	tag(`<meta name="twitter:description" content="$0">`, c.Summary)
	tag(`<meta name="twitter:image" content="$0">`, image)
	page = goappSocial.ReplaceAll(page, nil)
	return bytes.Replace(page, []byte("\n  </head>"), []byte(b.String()+"\n  </head>"), 1)
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
