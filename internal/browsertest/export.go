package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"docket/internal/cli"
	"docket/internal/export"
	"docket/web"
)

// StartExport runs `docket export` with the embedded web folder (and extra
// flags, such as -cases DIR) into a temporary folder for the site path base
// ("/" or "/explainers/"), and serves that folder with Go's plain
// http.FileServer, adding the export's _headers rules as Netlify or
// Cloudflare Pages would: no Docket code answers. "-addr HOST:PORT" among
// the flags is the file server's address, as for serve. Its URL ends before
// the base's last slash, so a test adds the same paths ("/cases/x") as on
// the server; Stop takes the site offline.
func StartExport(t testing.TB, base string, flags ...string) *Server {
	t.Helper()
	if _, err := web.FS.Open("app.wasm"); err != nil {
		t.Fatal("web/app.wasm is missing: run `make build` (make test does) before the browser tests")
	}
	addr := "127.0.0.1:0"
	var rest []string
	for i := 0; i < len(flags); i++ {
		if flags[i] == "-addr" && i+1 < len(flags) {
			addr = flags[i+1]
			i++
			continue
		}
		rest = append(rest, flags[i])
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	site := "http://" + ln.Addr().String() + base
	out := filepath.Join(t.TempDir(), "site")
	var logs LogBuffer
	env := cli.Env{Stdout: &logs, Stderr: &logs, Getenv: func(string) string { return "" }, Web: web.FS}
	args := append([]string{"export", "-out", out, "-base", base, "-url", site}, rest...)
	if code := cli.Run(context.Background(), args, env); code != 0 {
		ln.Close()
		t.Fatalf("docket %s exited %d:\n%s", strings.Join(args, " "), code, logs.String())
	}
	text, err := os.ReadFile(filepath.Join(out, "_headers"))
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	rules, err := export.ParseHeaders(string(text))
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	prefix := strings.TrimSuffix(base, "/")
	mux.Handle(prefix+"/", withHeaders(rules, http.StripPrefix(prefix, http.FileServer(http.Dir(out)))))
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	s := &Server{static: true, URL: "http://" + ln.Addr().String() + prefix, log: &logs, Dir: out}
	var stopped bool
	s.stop = func() {
		if stopped {
			return
		}
		stopped = true
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(ctx)
	}
	t.Cleanup(s.stop)
	return s
}

// A Site is one way Docket reaches readers, for tests that must hold for
// each: its own server, or a static export on a plain file server at the
// root of a host or under a sub-path.
type Site struct {
	Name string
	// Static is true for an export: no server renders a page for a query
	// string, so ?event=ID is the app's to apply once it starts, and the
	// prerendered deep link to an event is its event page.
	Static bool
	start  func(t testing.TB, flags ...string) *Server
}

// Start serves the site for a test with extra flags (-cases DIR).
func (s Site) Start(t testing.TB, flags ...string) *Server {
	t.Helper()
	return s.start(t, flags...)
}

// Sites are the three ways Docket is served: `docket serve`, and
// `docket export` at "/" and at "/explainers/".
var Sites = []Site{
	{Name: "server", start: StartServer},
	{Name: "export", Static: true, start: func(t testing.TB, flags ...string) *Server { return StartExport(t, "/", flags...) }},
	{Name: "export-explainers", Static: true, start: func(t testing.TB, flags ...string) *Server { return StartExport(t, "/explainers/", flags...) }},
}

// ForEachSite runs a test once for each of Sites, as subtests named for
// the site, one after another: not in parallel with other tests, as the
// sites differ in the process-wide environment that go-app's handler sets
// and Docket's server-side rendering reads (see Parallel).
func ForEachSite(t *testing.T, test func(t *testing.T, site Site)) {
	for _, s := range Sites {
		t.Run(s.Name, func(t *testing.T) { test(t, s) })
	}
}

// withHeaders serves as a static host that reads _headers does: every
// rule that matches the path adds its headers. Two rules setting one
// header would reach the reader as one joined value, which no header here
// means: the host answers 500 naming them, so the test fails.
func withHeaders(rules []export.HeaderRule, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		from := map[string]string{}
		for _, rule := range rules {
			if !rule.Match(r.URL.Path) {
				continue
			}
			for k, vs := range rule.Header {
				if prev, ok := from[k]; ok {
					http.Error(w, fmt.Sprintf("_headers: %s and %s both set %s for %s", prev, rule.Pattern, k, r.URL.Path), http.StatusInternalServerError)
					return
				}
				from[k] = rule.Pattern
				w.Header()[k] = vs
			}
		}
		h.ServeHTTP(w, r)
	})
}
