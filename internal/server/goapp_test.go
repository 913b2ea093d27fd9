package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"docket/internal/asset"

	"github.com/andybalholm/brotli"
)

// TestGoAppFilesCompressedAndCached checks that the files go-app generates
// (and Docket's manifest in its place) are served like every other asset:
// brotli or gzip when asked, the bytes go-app made, an ETag from those
// bytes, 304 on If-None-Match, and revalidated, since their URLs carry no
// version. At the root and under a base path.
func TestGoAppFilesCompressedAndCached(t *testing.T) {
	for _, base := range []string{"/", "/explainers/"} {
		s, err := New(Config{Base: base, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, testWeb(t))
		if err != nil {
			t.Fatal(err)
		}
		h := s.Handler()
		prefix := strings.TrimSuffix(base, "/")
		for _, tc := range []struct{ path, contentType string }{
			{"/wasm_exec.js", "text/javascript; charset=utf-8"},
			{"/app.js", "text/javascript; charset=utf-8"},
			{"/app.css", "text/css; charset=utf-8"},
			{"/app-worker.js", "text/javascript; charset=utf-8"},
			{"/manifest.webmanifest", "application/manifest+json"},
		} {
			t.Run(prefix+tc.path, func(t *testing.T) {
				target := prefix + tc.path
				raw := do(t, h, "GET", target)
				if raw.Code != 200 || raw.Header().Get("Content-Encoding") != "" || raw.Header().Get("Content-Type") != tc.contentType {
					t.Fatalf("GET %s = %d, encoding %q, type %q", target, raw.Code, raw.Header().Get("Content-Encoding"), raw.Header().Get("Content-Type"))
				}
				// The bytes are go-app's own, app.js's start rewritten (see
				// TestEmbedStartsWhenAsked); the manifest is Docket's.
				if tc.path == "/manifest.webmanifest" {
					if !strings.Contains(raw.Body.String(), `"start_url": "`+base+`"`) {
						t.Errorf("the manifest is not Docket's for %s:\n%s", base, raw.Body.String())
					}
				} else {
					rec := httptest.NewRecorder()
					s.app.ServeHTTP(rec, httptest.NewRequest("GET", tc.path, nil))
					want := rec.Body.Bytes()
					if tc.path == "/app.js" {
						want, _ = startWhenAsked(want)
					}
					if rec.Code != 200 || !bytes.Equal(want, raw.Body.Bytes()) {
						t.Errorf("the body is not what go-app generates (%d bytes; go-app's %d)", raw.Body.Len(), rec.Body.Len())
					}
				}
				etag := raw.Header().Get("ETag")
				if etag != asset.ETag(raw.Body.Bytes()) {
					t.Errorf("ETag %s is not made from the bytes served", etag)
				}
				for _, coding := range []string{"br", "gzip"} {
					w := do(t, h, "GET", target, "Accept-Encoding", coding)
					if w.Code != 200 || w.Header().Get("Content-Encoding") != coding || w.Header().Get("Vary") != "Accept-Encoding" {
						t.Fatalf("GET %s asking for %s = %d, encoding %q, vary %q", target, coding, w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("Vary"))
					}
					if w.Body.Len() >= raw.Body.Len() {
						t.Errorf("%s: %d bytes, not smaller than the %d raw", coding, w.Body.Len(), raw.Body.Len())
					}
					if got := decompress(t, coding, w.Body.Bytes()); !bytes.Equal(got, raw.Body.Bytes()) {
						t.Errorf("the %s body does not decompress to the raw one", coding)
					}
					if w.Header().Get("ETag") != etag || w.Header().Get("Cache-Control") != "no-cache" {
						t.Errorf("%s: ETag %s, Cache-Control %q; want %s and no-cache", coding, w.Header().Get("ETag"), w.Header().Get("Cache-Control"), etag)
					}
				}
				if w := do(t, h, "GET", target, "Accept-Encoding", "br", "If-None-Match", etag); w.Code != 304 || w.Body.Len() != 0 {
					t.Errorf("If-None-Match with the ETag = %d with %d bytes; want 304 and none", w.Code, w.Body.Len())
				}
			})
		}
	}
}

func decompress(t *testing.T, coding string, b []byte) []byte {
	t.Helper()
	var r io.Reader = brotli.NewReader(bytes.NewReader(b))
	if coding == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", coding, err)
	}
	return out
}
