package server

import (
	"bytes"
	"errors"
	"net/http"
	"strings"

	"docket/internal/pages"
	"docket/internal/routes"
)

// routes is the server's mux: its own endpoints, go-app's generated files
// (captured at start), and the app pages, which go-app renders.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /web/", s.handle(s.serveAsset))
	mux.Handle("GET /media/", s.handle(s.serveMedia))
	mux.Handle("/api/cases", s.handle(s.serveCaseIndex))
	mux.Handle("/api/cases/{id}", s.handle(s.serveCase))
	mux.Handle("GET /api/cases/{id}/answers", s.handle(s.serveCounts))
	mux.Handle("POST /api/cases/{id}/answers", s.handle(s.countAnswer))
	mux.Handle("OPTIONS /api/cases/{id}/answers", s.handle(s.answersPreflight))
	mux.Handle("GET "+routes.Privacy, s.handle(s.servePrivacy))
	mux.Handle("/api/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return &httpError{status: http.StatusNotFound, msg: "no such API endpoint: " + r.URL.Path}
	}))
	mux.Handle("GET /case.schema.json", s.handle(s.serveSchema))
	mux.Handle("GET /healthz", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, err := w.Write([]byte("ok\n"))
		return err
	}))
	for _, p := range goappFiles {
		mux.Handle("GET "+p, s.serveGoAppFile(p))
	}
	if s.editor != nil {
		s.editor.register(mux)
	}
	mux.Handle("GET "+routes.CaseList+"{$}", s.handle(s.serveCaseList))
	mux.Handle("GET "+strings.TrimSuffix(routes.CaseList, "/"), http.RedirectHandler(routes.Under(s.cfg.Base, routes.CaseList), http.StatusMovedPermanently))
	mux.Handle("GET "+routes.Sitemap, s.handle(s.serveSitemap))
	mux.Handle("GET "+routes.Robots, s.handle(s.serveRobots))
	mux.Handle("GET /oembed", s.handle(s.serveOEmbed))
	mux.Handle("GET /embed-code/{id}", s.handle(s.serveEmbedCode))
	mux.Handle("/", s.handle(s.servePage))
	h := s.headers(mux)
	if s.cfg.Base != "/" {
		h = underBase(strings.TrimRight(s.cfg.Base, "/"), h)
	}
	return s.accessLog(s.guard(h))
}

// underBase serves h under a sub-path: /base/x reaches h as /x, and /base
// redirects to /base/. Anything else is not found.
func underBase(base string, h http.Handler) http.Handler {
	strip := http.StripPrefix(base, h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == base:
			http.Redirect(w, r, base+"/", http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, base+"/"):
			strip.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

// serveAsset serves a file under /web/ from memory.
func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) error {
	name := strings.TrimPrefix(r.URL.Path, "/web/")
	a, ok := s.assets[name]
	if !ok {
		return errNotFound
	}
	cache := "no-cache"
	if r.URL.Query().Get("v") == s.version {
		cache = "public, max-age=31536000, immutable"
	}
	a.Serve(w, r, cache)
	return nil
}

// serveSchema serves the case-file JSON Schema where case files' "$schema"
// points, so editors autocomplete and flag mistakes.
func (s *Server) serveSchema(w http.ResponseWriter, r *http.Request) error {
	a, ok := s.assets["case.schema.json"]
	if !ok {
		return errNotFound
	}
	a.Serve(w, r, "no-cache")
	return nil
}

// httpError is an error with the status and the message a client sees.
type httpError struct {
	status int
	msg    string
	json   bool // answer as the API's JSON (see writeAPIError)
	// code names the error for programs ("conflict", "invalid"); "" takes
	// the status's (see errorCode).
	code string
	// detail is what the API's JSON carries beside the code and message.
	detail map[string]any
	// allow is the Allow header of a 405; "" means GET, HEAD.
	allow string
	// header are headers to send with the error (Retry-After).
	header http.Header
}

// isAPI reports whether a site path (the base taken off) is the API's,
// whose errors are JSON.
func isAPI(sitePath string) bool { return strings.HasPrefix(sitePath, "/api/") }

func (e *httpError) Error() string { return e.msg }

// errorCode is the error's code in the API's JSON: its own, or the status's.
func (e *httpError) errorCode() string {
	if e.code != "" {
		return e.code
	}
	switch e.status {
	case http.StatusBadRequest:
		return "bad_request"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusConflict:
		return "conflict"
	case http.StatusGone:
		return "gone"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusRequestURITooLong:
		return "uri_too_long"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusUnprocessableEntity:
		return "invalid"
	case http.StatusTooManyRequests:
		return "rate_limited"
	}
	if e.status >= 500 {
		return "internal"
	}
	return "error"
}

var (
	errNotFound = &httpError{status: http.StatusNotFound, msg: "There is no page at this address. It may have moved, or the link may be mistyped."}
	errGone     = &httpError{status: http.StatusGone, msg: "This case has been taken down by its editors."}
)

// handle turns a handler that returns an error into an http.Handler: typed
// errors become their status and message; anything else is a 500 whose
// detail goes to the log, never to the client.
func (s *Server) handle(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		var he *httpError
		if !errors.As(err, &he) {
			s.cfg.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			he = &httpError{status: http.StatusInternalServerError, msg: "internal server error"}
		}
		if isAPI(r.URL.Path) && !he.json { // the base path is off here
			asJSON := *he
			asJSON.json = true
			he = &asJSON
		}
		s.writeError(w, r, he)
	})
}

// pageSite is where the server's own pages link: home, icon and styles,
// under the site's base path.
func (s *Server) pageSite() pages.Site {
	return pages.Site{
		Home:       routes.Under(s.cfg.Base, "/"),
		Icon:       routes.Under(s.cfg.Base, "/web/icons/icon.svg"),
		Stylesheet: routes.Under(s.cfg.Base, "/web/docket.css?v="+s.version),
	}
}

// writeError answers with the status and a short message: JSON for the
// API, an HTML page for browsers, plain text otherwise. The page is
// rendered into a buffer first, so a failure never sends half a page.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, he *httpError) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	for k, v := range he.header {
		h[k] = v
	}
	if he.status == http.StatusMethodNotAllowed {
		allow := he.allow
		if allow == "" {
			allow = "GET, HEAD"
		}
		h.Set("Allow", allow)
		if he.json {
			he = &httpError{status: he.status, msg: "method " + r.Method + " is not allowed; use " + strings.ReplaceAll(allow, ", ", " or "), json: true}
		}
	}
	if he.json {
		writeAPIError(w, r, he)
		return
	}
	if strings.Contains(r.Header.Get("Accept"), "text/html") {
		var b bytes.Buffer
		title := errorTitle(he.status)
		err := pages.ErrorPage(he.status, title, he.msg, s.pageSite()).Render(r.Context(), &b)
		if err == nil {
			h.Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(he.status)
			if r.Method != http.MethodHead {
				w.Write(b.Bytes())
			}
			return
		}
		s.cfg.Log.Error("rendering the error page", "err", err)
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(he.status)
	if r.Method != http.MethodHead {
		w.Write([]byte(he.msg + "\n"))
	}
}

// errorTitle names an error status in a reader's words.
func errorTitle(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Page not found"
	case http.StatusMethodNotAllowed:
		return "Not allowed here"
	case http.StatusBadRequest:
		return "Bad request"
	case http.StatusGone:
		return "No longer published"
	case http.StatusForbidden:
		return "Not allowed"
	case http.StatusTooManyRequests:
		return "Too many attempts"
	}
	return "Something went wrong"
}
