package server

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"docket/internal/routes"
)

// maxURLBytes is the longest request target the server reads; no Docket
// URL comes near it.
const maxURLBytes = 2048

// guard turns away requests that no Docket endpoint expects, before any
// handler sees them: unknown methods, request bodies (outside the editor's
// side), NUL bytes, paths that try to climb out of the site, absurdly long
// URLs. It sees the path with
// the base path still on: refusals of API requests are JSON all the same.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sitePath, _ := routes.Within(s.cfg.Base, r.URL.Path)
		refuse := func(status int, msg string) {
			s.writeError(w, r, &httpError{status: status, msg: msg, json: isAPI(sitePath)})
		}
		// The editor's side takes writes; its handlers limit each body.
		// So does counting answers, which takes small JSON bodies.
		editor := routes.IsEditor(sitePath)
		counting := routes.IsAnswers(sitePath)
		switch {
		case counting && !slices.Contains(answersMethods, r.Method):
			refuse(http.StatusMethodNotAllowed, "This address answers GET, HEAD, POST and OPTIONS.")
		case counting && r.Method != http.MethodPost && (r.ContentLength != 0 || len(r.TransferEncoding) > 0):
			refuse(http.StatusRequestEntityTooLarge, "Only a POST takes a body here.")
		case counting && len(r.RequestURI) <= maxURLBytes && !escapes(r.URL.Path):
			next.ServeHTTP(w, r)
		case len(r.RequestURI) > maxURLBytes:
			refuse(http.StatusRequestURITooLong, "This address is too long.")
		case editor && !slices.Contains(editorMethods, r.Method):
			refuse(http.StatusMethodNotAllowed, "This address does not answer "+r.Method+".")
		case !editor && r.Method != http.MethodGet && r.Method != http.MethodHead:
			refuse(http.StatusMethodNotAllowed, "This address only answers GET and HEAD.")
		case !editor && (r.ContentLength != 0 || len(r.TransferEncoding) > 0):
			refuse(http.StatusRequestEntityTooLarge, "This server does not accept request bodies.")
		case strings.ContainsRune(r.URL.Path, 0) || strings.Contains(r.URL.RawPath, "%00"):
			refuse(http.StatusBadRequest, "This address is not valid.")
		case escapes(r.URL.Path):
			refuse(http.StatusBadRequest, "This address is not valid.")
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// answersMethods are the methods of a case's answers endpoint; OPTIONS is
// the CORS preflight of a static export's pages.
var answersMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodOptions}

// editorMethods are the methods the editor's side answers.
var editorMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// escapes reports whether a decoded path has a ".." segment or a
// backslash, which only an attempt to reach outside the site would use.
func escapes(p string) bool {
	return strings.ContainsRune(p, '\\') || slices.Contains(strings.Split(p, "/"), "..")
}

// statusWriter records the status and size of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// accessLog writes one structured line per request: method, path, status,
// bytes and duration. The query string is left out: it may carry what a
// reader would not want logged. A reader's answer sent to be counted is not
// logged at all: its line would be a timestamp per answer, which the
// privacy page promises is kept nowhere.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if r.Method == http.MethodPost {
			if p, _ := routes.Within(s.cfg.Base, r.URL.Path); routes.IsAnswers(p) {
				return
			}
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.cfg.Log.Info("request",
			"method", r.Method,
			"path", r.URL.Path,
			"status", sw.status,
			"bytes", sw.bytes,
			"duration", time.Since(start).Round(time.Microsecond),
		)
	})
}
