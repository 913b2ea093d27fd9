package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"image"
	"image/png"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"docket/internal/casefile"
	"docket/internal/compress"
	"docket/internal/tools/bench/docketserver"
	"docket/internal/tools/bench/helloworld"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// page is one of the pages the bench compares.
type page struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	URL  string `json:"url"`
	What string `json:"what"`
	// Next is the CSS selector of the control that steps to the next
	// event, which the flow clicks; the static page has none.
	Next string `json:"next,omitempty"`
}

// The pages, in the table's order.
const (
	caseKey   = "case"
	embedKey  = "embed"
	tlKey     = "timelinejs"
	helloKey  = "hello"
	staticKey = "static"
)

// site is a set of files served from memory, each with brotli and gzip
// copies made once (on first use: most of TimelineJS's files are never
// asked for), a strong ETag and its own Cache-Control: how a careful static
// host serves the pages Docket is compared with.
type site struct {
	files map[string]*file
	// fallback, when set, answers paths that are not files.
	fallback http.Handler
}

type file struct {
	contentType, cacheControl, etag string
	raw                             []byte

	compressOnce sync.Once
	br, gz       []byte // nil for a file sent as it is; br may be made ahead
}

// compressed makes the brotli and gzip copies once.
func (f *file) compressed() (br, gz []byte) {
	f.compressOnce.Do(func() {
		if strings.HasPrefix(f.contentType, "image/png") {
			return
		}
		var err error
		if f.br == nil {
			if f.br, err = compress.Brotli(f.raw, compress.BestBrotli); err != nil {
				panic(err) // writing into memory does not fail
			}
		}
		if f.gz, err = compress.Gzip(f.raw, compress.BestGzip); err != nil {
			panic(err)
		}
	})
	return f.br, f.gz
}

// Cache-Control values: pages revalidate; versioned files are kept.
const (
	revalidate = "no-cache"
	immutable  = "public, max-age=31536000, immutable"
)

func newSite() *site { return &site{files: map[string]*file{}} }

// add serves raw at path p with the Cache-Control cc.
func (s *site) add(p string, raw []byte, cc string) {
	sum := sha256.Sum256(raw)
	s.files[p] = &file{contentType: contentType(p), cacheControl: cc, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, raw: raw}
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := s.files[r.URL.Path]
	if !ok {
		if s.fallback != nil {
			s.fallback.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
		return
	}
	br, gz := f.compressed()
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", f.cacheControl)
	h.Set("ETag", f.etag)
	if br != nil {
		h.Set("Vary", "Accept-Encoding")
	}
	if r.Header.Get("If-None-Match") == f.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, ae := f.raw, r.Header.Get("Accept-Encoding")
	switch {
	case br != nil && strings.Contains(ae, "br"):
		h.Set("Content-Encoding", "br")
		body = br
	case gz != nil && strings.Contains(ae, "gzip"):
		h.Set("Content-Encoding", "gzip")
		body = gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func contentType(p string) string {
	switch path.Ext(p) {
	case "", ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".wasm":
		return "application/wasm"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// serveLoopback serves h on a free port of 127.0.0.1 until ctx ends and
// returns its address with a trailing slash.
func serveLoopback(ctx context.Context, h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	context.AfterFunc(ctx, func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/", nil
}

// child is a program the bench starts and must stop: ending its context
// sends SIGTERM (SIGKILL 10 s later), and stop waits for it to exit, so
// that no browser outlives the bench.
type child struct {
	cmd    *exec.Cmd
	cancel context.CancelFunc
	done   chan struct{}
}

func newChild(ctx context.Context, name string, args ...string) *child {
	ctx, cancel := context.WithCancel(ctx)
	c := &child{cmd: exec.CommandContext(ctx, name, args...), cancel: cancel, done: make(chan struct{})}
	c.cmd.Cancel = func() error { return c.cmd.Process.Signal(syscall.SIGTERM) }
	c.cmd.WaitDelay = 10 * time.Second
	return c
}

func (c *child) start() error {
	if err := c.cmd.Start(); err != nil {
		c.cancel()
		return err
	}
	go func() {
		c.cmd.Wait()
		close(c.done)
	}()
	return nil
}

// stop ends the program and waits until it has exited.
func (c *child) stop() {
	c.cancel()
	<-c.done
}

// startDocket runs `bin serve` on a free loopback port, with a database
// of its own in a folder removed when it stops, and returns its address
// with a trailing slash.
func startDocket(ctx context.Context, bin string) (string, *docketserver.Server, error) {
	s, err := docketserver.Start(ctx, bin, "docket-pageload-", func(dir string) []string {
		return []string{"-db", "sqlite:" + filepath.Join(dir, "docket.db")}
	})
	if err != nil {
		return "", nil, err
	}
	return s.URL + "/", s, nil
}

// get fetches u with the Accept-Encoding enc and returns the body as
// sent (still encoded).
func get(u, enc string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", enc)
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return io.ReadAll(res.Body)
}

var (
	caseDataRE = regexp.MustCompile(`(?s)<script\b[^>]*\bid="docket-case"[^>]*>(.*?)</script>`)
	scriptRE   = regexp.MustCompile(`(?s)\s*<script\b[^>]*>.*?</script>`)
	loaderRE   = regexp.MustCompile(`(?s)\s*<aside\b[^>]*\bid="app-wasm-loader".*?</aside>`)
	linkRE     = regexp.MustCompile(`\s*<link\b[^>]*>`)
	webRefRE   = regexp.MustCompile(`(?:href|src)="(/web/[^"]+)"`)
)

// pageCase reads the case a Docket page carries inline.
func pageCase(doc []byte) (*casefile.Case, error) {
	m := caseDataRE.FindSubmatch(doc)
	if m == nil {
		return nil, errors.New("Docket's page carries no #docket-case data")
	}
	var c casefile.Case
	if err := json.Unmarshal(m[1], &c); err != nil {
		if err2 := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &c); err2 != nil {
			return nil, fmt.Errorf("the case data in Docket's page: %w", err)
		}
	}
	return &c, nil
}

// staticSite is Docket's own prerendered page with every script, the case
// data, go-app's loader and stylesheet, the manifest and the wasm preload
// taken out: the same events, in the same markup and styles, with nothing
// to run. Its first paint is the limit for Docket's.
func staticSite(docketURL string, doc []byte) (*site, error) {
	doc = scriptRE.ReplaceAll(doc, nil)
	doc = loaderRE.ReplaceAll(doc, nil)
	doc = linkRE.ReplaceAllFunc(doc, func(tag []byte) []byte {
		for _, drop := range []string{`rel="manifest"`, `href="/app.css"`, `rel="apple-touch-icon"`, `rel="preload"`} {
			if bytes.Contains(tag, []byte(drop)) {
				return nil
			}
		}
		return tag
	})
	s := newSite()
	s.add("/", doc, revalidate)
	for _, m := range webRefRE.FindAllSubmatch(doc, -1) {
		ref := html.UnescapeString(string(m[1]))
		u, err := url.Parse(ref)
		if err != nil {
			return nil, err
		}
		if _, ok := s.files[u.Path]; ok {
			continue
		}
		b, err := get(docketURL+strings.TrimPrefix(ref, "/"), "identity")
		if err != nil {
			return nil, err
		}
		cc := revalidate
		if u.Query().Get("v") != "" {
			cc = immutable
		}
		s.add(u.Path, b, cc)
	}
	return s, nil
}

// buildHello builds the hello world's browser program with Docket's
// flags (GOOS=js GOARCH=wasm, -trimpath -ldflags="-s -w").
func buildHello(ctx context.Context, dir string) ([]byte, error) {
	out := filepath.Join(dir, "hello.wasm")
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, "docket/internal/tools/bench/helloworld/app")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the hello world: %w\n%s", err, b)
	}
	return os.ReadFile(out)
}

// helloSite serves the hello world as Docket is served: prerendered by
// go-app's handler, its wasm at a versioned URL kept for a year, go-app's
// service worker, its own icons (go-app's default one is on the web).
func helloSite(wasm []byte, cache string) (*site, error) {
	sum := sha256.Sum256(wasm)
	version := hex.EncodeToString(sum[:8])
	s := newSite()
	s.add("/web/app.wasm", wasm, immutable)
	br, err := cachedBrotli(wasm, filepath.Join(cache, "hello-"+version+".wasm.br"))
	if err != nil {
		return nil, err
	}
	s.files["/web/app.wasm"].br = br
	icon := image.NewRGBA(image.Rect(0, 0, 512, 512))
	for i := 0; i < len(icon.Pix); i += 4 {
		icon.Pix[i], icon.Pix[i+1], icon.Pix[i+2], icon.Pix[i+3] = 0x1d, 0x35, 0x57, 0xff
	}
	var b bytes.Buffer
	if err := png.Encode(&b, icon); err != nil {
		return nil, err
	}
	s.add("/web/icon.png", b.Bytes(), revalidate)
	s.add("/web/icon.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1" fill="#1d3557"/></svg>`), revalidate)
	// go-app fetches robots.txt from the web folder through a URL it cannot
	// resolve here; answer it before go-app does.
	s.add("/robots.txt", []byte("User-agent: *\nAllow: /\n"), revalidate)
	helloworld.Register()
	s.fallback = &app.Handler{
		Name: "Hello", ShortName: "Hello", Title: "Hello", Lang: "en",
		Description:       "The go-app hello world",
		Icon:              app.Icon{Default: "/web/icon.png", Large: "/web/icon.png", Maskable: "/web/icon.png", SVG: "/web/icon.svg"},
		Version:           version,
		WasmContentLength: strconv.Itoa(len(wasm)),
		Resources:         versioned(version),
	}
	return s, nil
}

// cachedBrotli is raw at brotli's best quality, kept in the file name
// between runs: the hello world's wasm takes a minute to compress on a
// busy machine, as Docket's does at build time.
func cachedBrotli(raw []byte, name string) ([]byte, error) {
	if br, err := os.ReadFile(name); err == nil {
		return br, nil
	}
	br, err := compress.Brotli(raw, compress.BestBrotli)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	return br, os.WriteFile(name, br, 0o644)
}

// versioned links the wasm with the build's version, as Docket does.
type versioned string

func (v versioned) Resolve(p string) string {
	if p == "/web/app.wasm" {
		return p + "?v=" + string(v)
	}
	return p
}

// timelineJSSite serves TimelineJS's documented embed of the case, its
// JSON and TimelineJS's files (from dist, its npm package's built files),
// the files kept for a year as a versioned CDN would, the page and the
// data revalidating as Docket's page does.
func timelineJSSite(dist string, c *casefile.Case) (*site, error) {
	s := newSite()
	data, err := json.Marshal(timelineJSON(c))
	if err != nil {
		return nil, err
	}
	s.add("/case.json", data, revalidate)
	var doc bytes.Buffer
	if err := timelineJSPage.Execute(&doc, c.Title); err != nil {
		return nil, err
	}
	s.add("/", doc.Bytes(), revalidate)
	for _, sub := range []string{"js", "css"} {
		err := filepath.WalkDir(filepath.Join(dist, sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, ".map") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dist, p)
			s.add("/timeline/"+filepath.ToSlash(rel), b, immutable)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("TimelineJS's files (make bench installs them into bin/npm): %w", err)
		}
	}
	return s, nil
}

// timelineJSPage is TimelineJS's documented embed: its stylesheet and
// script in the head, a container, and the constructor with the data's
// URL. The page marks itself ready as Docket does, when TimelineJS says so.
var timelineJSPage = template.Must(template.New("timelinejs").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{{.}}, as a TimelineJS timeline">
<title>{{.}} · TimelineJS</title>
<link title="timeline-styles" rel="stylesheet" href="/timeline/css/timeline.css">
<script src="/timeline/js/timeline.js"></script>
<style>html, body { margin: 0; height: 100%; } #timeline-embed { width: 100%; height: 100%; min-height: 600px; }</style>
</head>
<body>
<div id="timeline-embed"></div>
<script>
window.timeline = new TL.Timeline('timeline-embed', '/case.json', {script_path: new URL('/timeline/js/', location.href).href});
window.timeline.on('ready', function () { document.documentElement.setAttribute('data-docket', 'ready'); });
</script>
</body>
</html>
`))

// TimelineJS's JSON format.
type tlData struct {
	Title  tlSlide   `json:"title"`
	Events []tlSlide `json:"events"`
}

type tlSlide struct {
	UniqueID  string  `json:"unique_id,omitempty"`
	StartDate *tlDate `json:"start_date,omitempty"`
	Text      tlText  `json:"text"`
	Group     string  `json:"group,omitempty"`
}

type tlDate struct {
	Year        string `json:"year"`
	Month       string `json:"month,omitempty"`
	Day         string `json:"day,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
}

type tlText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

// timelineJSON is the case in TimelineJS's format: a title slide with the
// summary, and a slide per event, dated as precisely as the case knows,
// grouped by category. TimelineJS reads its text as HTML, so the case's
// plain text is escaped.
func timelineJSON(c *casefile.Case) tlData {
	labels := map[string]string{}
	for _, cat := range c.Categories {
		labels[cat.ID] = cat.Label
	}
	d := tlData{Title: tlSlide{Text: tlText{Headline: html.EscapeString(c.Title), Text: paragraphs([]string{c.Summary})}}}
	for _, e := range c.Events {
		parts := strings.Split(e.Date.Value, "-")
		date := &tlDate{Year: parts[0], DisplayDate: e.Date.Label}
		if len(parts) > 1 && e.Date.Precision != casefile.Year {
			date.Month = strings.TrimLeft(parts[1], "0")
		}
		if len(parts) > 2 && e.Date.Precision == casefile.Day {
			date.Day = strings.TrimLeft(parts[2], "0")
		}
		d.Events = append(d.Events, tlSlide{
			UniqueID:  e.ID,
			StartDate: date,
			Text:      tlText{Headline: html.EscapeString(e.Title), Text: paragraphs(e.Body)},
			Group:     labels[e.Category],
		})
	}
	return d
}

func paragraphs(ps []string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	return b.String()
}
