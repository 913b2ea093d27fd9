package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"docket/internal/asset"
)

// goappFiles are the files go-app generates, at the site's root. Docket
// makes its own manifest (see manifest) and serves it in go-app's place.
var goappFiles = []string{"/app.js", "/app.css", "/wasm_exec.js", "/app-worker.js", "/manifest.webmanifest"}

// goappCacheControl is the caching of go-app's files: pages and the worker
// link them without a version, so browsers revalidate them (a 304 while
// the ETag holds); the service worker keeps them for offline use.
const goappCacheControl = "no-cache"

// goappAssets asks go-app's handler once, at start, for each file it
// generates, and makes it an asset like every other: compressed, with an
// ETag from its bytes. Their bytes follow from the version and the base
// path, which hold for the server's life.
func (s *Server) goappAssets(manifest []byte) (map[string]*asset.Asset, error) {
	out := map[string]*asset.Asset{}
	for _, p := range goappFiles {
		raw := manifest
		if p != "/manifest.webmanifest" {
			rec := bufferWriter{header: http.Header{}}
			s.app.ServeHTTP(&rec, &http.Request{Method: http.MethodGet, URL: &url.URL{Path: p}, Header: http.Header{}})
			if rec.status != http.StatusOK || rec.body.Len() == 0 {
				return nil, fmt.Errorf("go-app's handler answered %s with status %d and %d bytes", p, rec.status, rec.body.Len())
			}
			raw = rec.body.Bytes()
		}
		a, err := asset.New(strings.TrimPrefix(p, "/"), raw, asset.Best)
		if err != nil {
			return nil, err
		}
		out[p] = a
	}
	return out, nil
}

// serveGoAppFile serves one of goappFiles from memory.
func (s *Server) serveGoAppFile(p string) http.Handler {
	a := s.goapp[p]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.Serve(w, r, goappCacheControl)
	})
}
