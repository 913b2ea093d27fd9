package server

import (
	"bytes"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"docket/internal/casefile"
	"docket/internal/routes"
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
	var rec bufferWriter
	rec.header = http.Header{}
	s.app.ServeHTTP(&rec, r)
	body := rec.body.Bytes()
	if rec.status == 0 || rec.status == http.StatusOK {
		body = s.withHeadTags(body, r, c)
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if rec.status != 0 {
		w.WriteHeader(rec.status)
	}
	if r.Method != http.MethodHead {
		w.Write(body)
	}
	return nil
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
