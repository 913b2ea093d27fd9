// Package server is Docket's HTTP server: it serves the app pages that
// go-app prerenders, the browser program and its assets, and the case data.
// It is server-only: nothing here is compiled into the wasm.
package server

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"docket/internal/answers"
	"docket/internal/asset"
	"docket/internal/auth"
	"docket/internal/casefile"
	"docket/internal/routes"
	"docket/internal/store"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// appWorkerJS is the template of Docket's service worker.
//
//go:embed app-worker.js
var appWorkerJS string

// Config is what an operator can set, with defaults that work.
type Config struct {
	// Addr is the host:port to listen on.
	Addr string
	// CasesDir, when set, is a folder of extra *.json case files to serve
	// beside the embedded ones.
	CasesDir string
	// Base is the path the site is served under, such as "/explainers/";
	// "/" by default.
	Base string
	// FrameAncestors is the CSP frame-ancestors source list for embeds:
	// "*" (any site) by default, or a list such as
	// "https://news.example.org https://*.example.com".
	FrameAncestors string
	// PublicURL, when set, is where readers reach the site; social tags and
	// oEmbed use its scheme and host instead of the request's.
	PublicURL *url.URL
	// StaticOEmbed points each page's oEmbed discovery link at a static
	// file (StaticOEmbedPath) instead of /oembed: for the static export.
	StaticOEmbed bool
	// HSTS sends Strict-Transport-Security, for a server behind TLS.
	HSTS bool
	// Log receives the server's structured logs.
	Log *slog.Logger

	// DB, when set, is the database of editors' cases and accounts: its
	// published cases are served beside the files', and the editor API
	// (/api/editor/) and the Studio's pages (/studio/) use it. Without it
	// those answer 404.
	DB *store.DB
	// Console, when set, is where `docket serve` tells its operator what
	// is not a log line: the one-time link that creates the first account.
	Console io.Writer
	// Hasher hashes editors' passwords; nil means auth.DefaultParams, two
	// hashes at a time.
	Hasher *auth.Hasher
	// CheckEvery is how often the server checks the database for what
	// other servers published; 1 s by default.
	CheckEvery time.Duration

	// Stats counts how readers answer the quizzes (POST and GET
	// /api/cases/{id}/answers) in DB, and shows readers the counts. Off
	// without a database.
	Stats bool
	// StatsPerMinute is how many answers one client may send a minute (and
	// at once); 0 means no limit.
	StatsPerMinute int
	// StatsOrigin, when set, is the one other origin (a static export's
	// site, such as https://static.example.org) whose pages may send and
	// read counts here (CORS).
	StatsOrigin string
	// StatsURL, for a static export, is the Docket server whose counts the
	// exported quiz sends and reads (export -stats-url); the export calls
	// nothing without it.
	StatsURL *url.URL
}

// Server is a ready-to-serve Docket: cases loaded and checked, assets in
// memory, the route table registered.
type Server struct {
	cfg     Config
	assets  assets
	version string
	app     *app.Handler
	cases   *caseSource
	media   caseMedia // the folder images of the cases from files
	pages   pageCache
	editor  *editor // nil without a database
	stats   *stats  // nil: answers are not counted here
	hosts   hostSet
	// goapp are go-app's generated files and Docket's manifest, by path.
	goapp   map[string]*asset.Asset
	handler http.Handler
}

// New loads and checks everything the server needs, from the embedded web
// folder, cfg.CasesDir and cfg.DB, so that a bad case file, a case id in
// two places or a missing wasm stops the start with a message rather than
// serving half a site.
func New(cfg Config, web fs.FS) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.CheckEvery <= 0 {
		cfg.CheckEvery = time.Second
	}
	if cfg.Hasher == nil {
		cfg.Hasher = auth.NewHasher(auth.DefaultParams, 2)
	}
	base, err := cleanBase(cfg.Base)
	if err != nil {
		return nil, err
	}
	cfg.Base = base
	if cfg.FrameAncestors, err = cleanFrameAncestors(cfg.FrameAncestors); err != nil {
		return nil, err
	}
	if cfg.StatsOrigin, err = cleanOrigin(cfg.StatsOrigin); err != nil {
		return nil, err
	}
	files, err := loadCases(web, cfg.CasesDir)
	if err != nil {
		return nil, err
	}
	builtIn, err := fs.Sub(web, "cases")
	if err != nil {
		return nil, err
	}
	// loadMedia fills in the sizes of images from their files: encode the
	// cases again before anything serves them.
	media, err := loadMedia(files, builtIn, cfg.CasesDir)
	if err != nil {
		return nil, fmt.Errorf("reading the cases' images:\n%w", err)
	}
	if err := files.Reencode(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cases, err := newCaseSource(ctx, files, cfg.CasesDir, cfg.DB, cfg.Log)
	if err != nil {
		return nil, err
	}
	as, err := loadAssets(web)
	if err != nil {
		return nil, fmt.Errorf("reading the web assets: %w", err)
	}
	if _, ok := as["app.wasm"]; !ok {
		return nil, errors.New("web/app.wasm is missing: build it with `make build`")
	}
	s := &Server{
		cfg:     cfg,
		assets:  as,
		version: buildVersion(as, files, media),
		cases:   cases,
		media:   media,
	}
	cases.swapped = s.pruneStalePages
	if cfg.DB != nil {
		if s.editor, err = newEditor(ctx, s, web); err != nil {
			return nil, err
		}
		if cfg.Stats {
			s.stats = newStats(cfg)
		}
	}
	mf, err := s.manifest(web)
	if err != nil {
		return nil, err
	}
	if cfg.PublicURL != nil {
		s.hosts.public = cfg.PublicURL.Host
	}
	if s.app, err = s.appHandler(); err != nil {
		return nil, err
	}
	if s.goapp, err = s.goappAssets(mf); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// loadCases reads and checks the embedded cases (web/cases) and, when dir
// is set, every *.json there. Any problem in any file stops the start.
func loadCases(web fs.FS, dir string) (*casefile.Library, error) {
	sub, err := fs.Sub(web, "cases")
	if err != nil {
		return nil, err
	}
	return casefile.Load(sub, dir)
}

// cleanBase checks a -base path and returns it as "/" or "/a/b/".
func cleanBase(b string) (string, error) {
	if b == "" || b == "/" {
		return "/", nil
	}
	if !strings.HasPrefix(b, "/") || strings.ContainsAny(b, "?#\\ ") || strings.Contains(b, "..") {
		return "", fmt.Errorf("-base %q: want a path such as /explainers/", b)
	}
	return strings.TrimRight(b, "/") + "/", nil
}

// cleanOrigin checks a -stats-origin: "", or an origin such as
// https://static.example.org (a scheme, a host and maybe a port; no path),
// returned as browsers send it in the Origin header.
func cleanOrigin(o string) (string, error) {
	if o == "" {
		return "", nil
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("-stats-origin %q: want the origin of the exported site, such as https://static.example.org", o)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

// statsBase is where the reader's quiz sends and reads counts, for the
// browser program (the DOCKET_STATS variable): this site's base path when
// it counts, the -stats-url of an export, or "" when nothing is counted.
func (s *Server) statsBase() string {
	switch {
	case s.cfg.StatsURL != nil:
		return strings.TrimRight(s.cfg.StatsURL.String(), "/") + "/"
	case s.stats != nil:
		return s.cfg.Base
	}
	return ""
}

// cleanFrameAncestors checks a -frame-ancestors list: "*", or sources
// such as https://example.org or https://*.example.org, space-separated.
func cleanFrameAncestors(list string) (string, error) {
	fields := strings.Fields(list)
	if len(fields) == 0 {
		return "*", nil
	}
	for _, f := range fields {
		ok := f == "*" || f == "'self'" ||
			((strings.HasPrefix(f, "https://") || strings.HasPrefix(f, "http://")) && !strings.ContainsAny(f, ";,'\"<>"))
		if !ok {
			return "", fmt.Errorf("-frame-ancestors: %q is not a source such as https://news.example.org", f)
		}
	}
	return strings.Join(fields, " "), nil
}

// Version identifies this build: a hash of app.wasm, the other assets and
// the case files, so an unchanged build never looks like a new release to
// browsers or replicas, and a changed one always does. Cases published in
// the database are not part of it: a publish must not make every reader
// download the wasm again. Their pages and data carry their own versions
// (in ETags), and the service worker asks the network for them first.
func (s *Server) Version() string { return s.version }

func buildVersion(as assets, cases *casefile.Library, media caseMedia) string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(as)) {
		h.Write([]byte(name + "\x00" + as[name].ETag + "\x00"))
	}
	// The cases' images are linked with the version, so it changes with them.
	for _, id := range slices.Sorted(maps.Keys(media)) {
		for _, src := range slices.Sorted(maps.Keys(media[id])) {
			h.Write([]byte(id + "\x00" + src + "\x00" + media[id][src].ETag + "\x00"))
		}
	}
	for _, c := range cases.Summaries() {
		e, _ := cases.Case(c.ID)
		h.Write([]byte(e.Version + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// Handler is the server's whole HTTP surface.
func (s *Server) Handler() http.Handler { return s.handler }

// appHandler configures go-app: Docket's own name, colours and icons, the
// version from the build, and a small loading indicator in place of
// go-app's full-page overlay.
func (s *Server) appHandler() (*app.Handler, error) {
	return &app.Handler{
		Name:            "Docket",
		ShortName:       "Docket",
		Title:           "Docket",
		Description:     "Court cases explained: what happened, and the legal idea at the heart of it.",
		Lang:            "en",
		BackgroundColor: backgroundColor,
		ThemeColor:      themeColor,
		LoadingLabel:    "Loading the interactive version… {progress}%",
		Icon: app.Icon{
			Default:  "/web/icons/icon-192.png",
			Large:    "/web/icons/icon-512.png",
			Maskable: "/web/icons/maskable-512.png",
			SVG:      "/web/icons/icon.svg",
		},
		Styles:                []string{"/web/docket.css?v=" + s.version},
		Scripts:               []string{"/web/docket.js?v=" + s.version + " defer"},
		CacheableResources:    s.media.urls(s.version),
		Version:               s.version,
		ServiceWorkerTemplate: appWorkerJS,
		WasmContentLength:     strconv.Itoa(len(s.assets["app.wasm"].Raw)),
		Resources:             resolver{version: s.version, base: s.cfg.Base},
		Env:                   map[string]string{answers.Env: s.statsBase()},
	}, nil
}

// resolver tells go-app where Docket's static files live. It is not an
// http.Handler, so go-app never serves /web/ itself: the server does, with
// compression and caching.
// The wasm's URL carries the version, so browsers may keep it for a year.
// Under a sub-path, the resolver prefixes the files go-app links to; the
// components prefix their own links (components.Href).
type resolver struct{ version, base string }

func (r resolver) Resolve(p string) string {
	switch {
	case p == "" || p == "/":
		return routes.Under(r.base, "/")
	case p == "/web/app.wasm":
		return routes.Under(r.base, p+"?v="+r.version)
	case strings.HasPrefix(p, "/web/") || slices.Contains(goappFiles, p) || strings.HasPrefix(p, "/web?") || strings.HasPrefix(p, "/media/"):
		return routes.Under(r.base, p)
	}
	return p
}

// Serve listens on cfg.Addr until ctx ends, then shuts down gracefully,
// letting requests in flight finish for up to ten seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	url := "http://" + displayAddr(ln.Addr().String())
	s.cfg.Log.Info("serving", "url", url, "version", s.version, "cases", strings.Join(caseIDs(s.cases), ","))
	bg, stopBackground := context.WithCancel(ctx)
	var background sync.WaitGroup
	defer background.Wait()
	defer stopBackground()
	if s.cfg.DB != nil {
		s.cfg.Log.Info("database", "db", s.cfg.DB.String(), "published", len(s.cases.snapshot().fromDB))
		background.Go(func() { s.cases.watch(bg, s.cfg.CheckEvery) })
		background.Go(func() { s.editor.sweepSessions(bg) })
		s.editor.announceSetup(url)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.cfg.Log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(shutCtx)
	if s.stats != nil {
		s.stats.counter.Close() // after the last request: what waits is committed
	}
	if err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// displayAddr turns a listen address into one a person can open.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// Base is the path the site is served under, "/" or "/a/b/".
func (s *Server) Base() string { return s.cfg.Base }

// Cases are the cases the server serves, the default first.
func (s *Server) Cases() []*casefile.Case {
	var cs []*casefile.Case
	snap := s.cases.snapshot()
	for _, id := range caseIDs(snap) {
		if e, ok := snap.Case(id); ok {
			cs = append(cs, e.Case)
		}
	}
	return cs
}

// caseIDs are the ids of the published cases, the default first.
func caseIDs(cases casefile.Published) []string {
	var ids []string
	for _, c := range cases.Summaries() {
		ids = append(ids, c.ID)
	}
	return ids
}

// AssetNames are the files served under /web/, sorted.
func (s *Server) AssetNames() []string {
	return slices.Sorted(maps.Keys(s.assets))
}
