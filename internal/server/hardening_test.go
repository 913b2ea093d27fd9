package server

import (
	"bufio"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"docket/internal/routes"
)

// TestSecurityHeaders checks the headers every response carries, and the
// ones that depend on what is served.
func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	targets := []string{"/", "/web/app.wasm", "/api/cases", "/healthz", "/no/such/page", "/app.js"}
	for _, target := range targets {
		w := do(t, h, "GET", target)
		for name, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "strict-origin-when-cross-origin",
			"Permissions-Policy":     permissionsPolicy,
		} {
			if got := w.Header().Get(name); got != want {
				t.Errorf("%s: %s = %q; want %q", target, name, got, want)
			}
		}
		csp := w.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self' 'wasm-unsafe-eval'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q: want scripts from self and wasm only, no unsafe-inline", target, csp)
		}
		if w.Header().Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS sent without -hsts", target)
		}
	}
	page := do(t, h, "GET", "/")
	if got := page.Header().Get("Cross-Origin-Opener-Policy"); got != "same-origin" {
		t.Errorf("/: COOP = %q", got)
	}
	if csp := page.Header().Get("Content-Security-Policy"); !strings.HasSuffix(csp, "frame-ancestors 'self'") {
		t.Errorf("/: CSP %q: full pages are framed by this site only", csp)
	}
	for _, target := range []string{"/web/app.wasm", "/api/cases/twitter-v-dhs-2017"} {
		if got := do(t, h, "GET", target).Header().Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("%s: Access-Control-Allow-Origin = %q; embeds in sandboxed iframes need *", target, got)
		}
	}
	if got := page.Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("/: Access-Control-Allow-Origin = %q; pages need none", got)
	}

	hsts, err := New(Config{HSTS: true, Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := do(t, hsts.Handler(), "GET", "/").Header().Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
		t.Errorf("with -hsts: Strict-Transport-Security = %q", got)
	}
}

// TestHostileRequests checks that odd and hostile requests get a clean 4xx
// and never a file outside the embedded set.
func TestHostileRequests(t *testing.T) {
	s := newTestServer(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	tests := []struct {
		name, request string
		want          int
	}{
		{"dot-dot", "GET /web/../../etc/passwd HTTP/1.1", 400},
		{"encoded dot-dot", "GET /web/%2e%2e/%2e%2e/etc/passwd HTTP/1.1", 400},
		{"encoded slash dot-dot", "GET /web/..%2f..%2fetc%2fpasswd HTTP/1.1", 400},
		{"backslash", "GET /web/..%5c..%5cetc HTTP/1.1", 400},
		{"NUL byte", "GET /web/app.wasm%00.css HTTP/1.1", 400},
		{"long URL", "GET /" + strings.Repeat("a", 5000) + " HTTP/1.1", 414},
		{"unknown method", "BREW / HTTP/1.1", 405},
		{"POST", "POST /api/cases HTTP/1.1\r\nContent-Length: 0", 405},
		{"body on GET", "GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 413},
		{"chunked body", "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n", 413},
		{"unknown file", "GET /web/secret.txt HTTP/1.1", 404},
		{"go source", "GET /web/embed.go HTTP/1.1", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rawStatus(t, srv.Listener.Addr().String(), tt.request)
			if got != tt.want {
				t.Errorf("%q = %d; want %d", tt.request, got, tt.want)
			}
		})
	}
}

// rawStatus sends a request exactly as written (no client cleaning) and
// returns the response status.
func rawStatus(t *testing.T, addr, request string) int {
	t.Helper()
	conn, err := (&netDialer{}).dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if !strings.Contains(request, "\r\n\r\n") {
		request += "\r\n\r\n"
	}
	request = strings.Replace(request, " HTTP/1.1", " HTTP/1.1\r\nHost: localhost\r\nConnection: close", 1)
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the response to %q: %v", request, err)
	}
	res.Body.Close()
	return res.StatusCode
}

// FuzzRequestPath checks that no path makes the server panic or serve
// something outside its pages, assets, API and go-app's files.
func FuzzRequestPath(f *testing.F) {
	for _, seed := range []string{"/", "/web/app.wasm", "/web/../x", "/api/cases/x", "/cases/a-b", "/%00", "/web//docket.css", "/app.js", "/..", "/web/cases/twitter-v-dhs-2017.json"} {
		f.Add(seed)
	}
	s, err := New(Config{Log: slog.New(slog.DiscardHandler)}, testWebFS(f))
	if err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	f.Fuzz(func(t *testing.T, path string) {
		r, err := http.NewRequest("GET", "http://docket.test/", nil)
		if err != nil {
			t.Fatal(err)
		}
		r.URL.Path = path
		r.RequestURI = r.URL.RequestURI()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%q: status %d", path, w.Code)
		}
		if w.Code == 200 {
			allowed := routes.IsPage(path) || path == "/healthz" || path == "/case.schema.json" ||
				strings.HasPrefix(path, "/api/cases") || s.assets[strings.TrimPrefix(path, "/web/")] != nil
			for _, p := range goappFiles {
				allowed = allowed || path == p
			}
			if !allowed {
				t.Fatalf("%q answered 200", path)
			}
		}
	})
}
