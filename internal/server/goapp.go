package server

import (
	"bytes"
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
		if p == "/app.js" {
			var err error
			if raw, err = startWhenAsked(raw); err != nil {
				return nil, err
			}
		}
		a, err := asset.New(strings.TrimPrefix(p, "/"), raw, asset.Best)
		if err != nil {
			return nil, err
		}
		out[p] = a
	}
	return out, nil
}

// goappStart is how go-app's app.js starts: it registers the service
// worker and loads the wasm as soon as it runs.
const goappStart = "goappInitServiceWorker();\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly();\n"

// docketStart replaces goappStart: the update and install watches start at
// once; the service worker and the wasm when the page's own script
// (web/docket.js, deferred after app.js, so run by DOMContentLoaded) says,
// through
// window.docketWhenNear: on a full page once its first contentful paint is
// on the screen (so the first paint never waits for Go's start), and in an
// embed when it comes into view, so that a reader who never scrolls to an
// embed downloads neither the wasm nor the worker's copy of it.
const docketStart = `goappWatchForUpdate();
goappWatchForInstallable();
let docketStarted = false;
const docketStart = () => {
  if (docketStarted) return;
  docketStarted = true;
  const start = () => { goappInitServiceWorker(); goappInitWebAssembly(); };
  if (typeof window.docketWhenNear === "function") window.docketWhenNear(start);
  else start();
};
if (document.readyState === "complete") docketStart();
else {
  document.addEventListener("DOMContentLoaded", docketStart);
  window.addEventListener("load", docketStart);
}
`

// startWhenAsked rewrites app.js's start (goappStart) into docketStart. A
// go-app whose app.js starts otherwise stops the server's start, rather
// than serving embeds that download the wasm unasked.
func startWhenAsked(appJS []byte) ([]byte, error) {
	if n := bytes.Count(appJS, []byte(goappStart)); n != 1 {
		return nil, fmt.Errorf("go-app's app.js starts in an unexpected way (%d copies of its start lines): update server.docketStart", n)
	}
	return bytes.Replace(appJS, []byte(goappStart), []byte(docketStart), 1), nil
}

// serveGoAppFile serves one of goappFiles from memory.
func (s *Server) serveGoAppFile(p string) http.Handler {
	a := s.goapp[p]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.Serve(w, r, goappCacheControl)
	})
}
