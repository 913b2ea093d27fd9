package server

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
)

// routes is the server's mux: its own endpoints first, then go-app's
// handler for the app pages and go-app's generated files.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /web/", s.handle(s.serveAsset))
	mux.Handle("GET /case.schema.json", s.handle(s.serveSchema))
	mux.Handle("GET /healthz", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, err := w.Write([]byte("ok\n"))
		return err
	}))
	mux.Handle("GET /", s.app)
	return mux
}

// serveAsset serves a file under /web/ from memory.
func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) error {
	name := strings.TrimPrefix(r.URL.Path, "/web/")
	a, ok := s.assets[name]
	if !ok || strings.HasPrefix(name, "cases/") {
		return errNotFound
	}
	cache := "no-cache"
	if r.URL.Query().Get("v") == s.version {
		cache = "public, max-age=31536000, immutable"
	}
	a.serve(w, r, cache)
	return nil
}

// serveSchema serves the case-file JSON Schema where case files' "$schema"
// points, so editors autocomplete and flag mistakes.
func (s *Server) serveSchema(w http.ResponseWriter, r *http.Request) error {
	a, ok := s.assets["case.schema.json"]
	if !ok {
		return errNotFound
	}
	a.serve(w, r, "no-cache")
	return nil
}

// httpError is an error with the status and the message a client sees.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

var errNotFound = &httpError{http.StatusNotFound, "not found"}

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
			he = &httpError{http.StatusInternalServerError, "internal server error"}
		}
		s.writeError(w, r, he)
	})
}

// writeError answers with the status and a short plain message.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, he *httpError) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(he.status)
	w.Write([]byte(he.msg + "\n"))
}

var _ = slog.Default
