package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"strings"
	"time"

	"docket/internal/auth"
	"docket/internal/casefile"
	"docket/internal/routes"
	"docket/internal/store"
)

// The editor's side of the server: the editor API (routes.EditorAPI, JSON)
// and the Studio's own pages (sign in, first-account setup). Every
// endpoint but signing in needs a session; every request that changes
// anything needs the session's CSRF token and must not come from another
// origin; nothing here is cached or readable from other origins (see
// headers). The handlers are in editor_session.go, editor_cases.go and
// editor_users.go.

// editor is the editor's side of one server.
type editor struct {
	s       *Server
	db      *store.DB
	hasher  *auth.Hasher
	limiter *auth.LoginLimiter
	// crossOrigin refuses writes that a browser says come from another
	// site: a second layer under the CSRF token.
	crossOrigin *http.CrossOriginProtection
	setup       setupLink
	// methods lists, for each path of the editor API, the methods it
	// answers, for 405's Allow; paths finds a request's path among them.
	methods map[string][]string
	paths   *http.ServeMux
	// files are the Studio's own files (see loadStudioFiles).
	files assets
}

// Body limits: a case may be a few megabytes (10,000 events), the largest
// file casefile.Check accepts, plus its envelope; anything else is small.
const (
	caseBodyLimit  = casefile.MaxFileBytes + 64<<10
	smallBodyLimit = 64 << 10
	maxNoteChars   = 2000
)

func newEditor(ctx context.Context, s *Server, web fs.FS) (*editor, error) {
	e := &editor{
		s:           s,
		db:          s.cfg.DB,
		hasher:      s.cfg.Hasher,
		limiter:     auth.NewLoginLimiter(),
		crossOrigin: http.NewCrossOriginProtection(),
		methods:     map[string][]string{},
		paths:       http.NewServeMux(),
	}
	files, err := loadStudioFiles(web)
	if err != nil {
		return nil, fmt.Errorf("reading the Studio's files: %w", err)
	}
	e.files = files
	n, err := e.db.CountUsers(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the accounts in %s: %w", e.db, err)
	}
	if n == 0 {
		e.setup.token = auth.NewSessionToken()
	}
	for _, ep := range routes.EditorAPI {
		if _, seen := e.methods[ep.Path]; !seen {
			e.paths.Handle(ep.Path, http.NotFoundHandler())
		}
		e.methods[ep.Path] = append(e.methods[ep.Path], ep.Method)
	}
	return e, nil
}

// editorHandler answers a request of the editor API; who is nil only for
// endpoints anyone may call.
type editorHandler func(w http.ResponseWriter, r *http.Request, who *signedIn) error

// signedIn is the session a request came with.
type signedIn struct {
	session store.Session
	token   auth.SessionToken
}

func (who *signedIn) user() store.User { return who.session.User }

// register adds the editor API (every endpoint of routes.EditorAPI, and
// nothing else) and the Studio's pages to mux.
func (e *editor) register(mux *http.ServeMux) {
	handlers := map[string]editorHandler{
		"POST /api/editor/session":                     e.logIn,
		"GET /api/editor/session":                      e.whoAmI,
		"DELETE /api/editor/session":                   e.logOut,
		"GET /api/editor/cases":                        e.listCases,
		"POST /api/editor/cases":                       e.createCase,
		"GET /api/editor/cases/{id}/draft":             e.getDraft,
		"PUT /api/editor/cases/{id}/draft":             e.saveDraft,
		"POST /api/editor/cases/{id}/validate":         e.validate,
		"POST /api/editor/cases/{id}/publish":          e.publish,
		"GET /api/editor/cases/{id}/versions":          e.listVersions,
		"GET /api/editor/cases/{id}/versions/{number}": e.getVersion,
		"POST /api/editor/cases/{id}/rollback":         e.rollBack,
		"POST /api/editor/cases/{id}/unpublish":        e.unpublish,
		"GET /api/editor/cases/{id}/answers":           e.caseAnswers,
		"GET /api/editor/users":                        e.listUsers,
		"POST /api/editor/users":                       e.addUser,
		"PATCH /api/editor/users/{id}":                 e.changeUser,
		"POST /api/editor/users/{id}/password":         e.resetPassword,
		"GET /api/editor/audit":                        e.auditLog,
	}
	for _, ep := range routes.EditorAPI {
		h, ok := handlers[ep.Pattern()]
		if !ok {
			panic("no handler for the editor API's " + ep.Pattern())
		}
		delete(handlers, ep.Pattern())
		mux.Handle(ep.Pattern(), e.endpoint(ep, h))
	}
	if len(handlers) > 0 {
		panic(fmt.Sprintf("handlers for endpoints not in routes.EditorAPI: %v", handlers))
	}
	mux.Handle(routes.EditorAPIPrefix, e.s.handle(e.notAnEndpoint))

	mux.Handle("GET "+routes.StudioHome+"{$}", e.s.handle(e.studioPage))
	mux.Handle("GET "+routes.StudioCasePrefix+"{id}", e.s.handle(e.studioPage))
	mux.Handle("GET "+routes.StudioFiles+"{name}", e.s.handle(e.studioFile))
	mux.Handle("GET "+routes.StudioPreviewPrefix+"cases/{id}/{$}", e.s.handle(e.studioPreview))
	mux.Handle("GET "+routes.StudioLogin, e.s.handle(e.loginPage))
	mux.Handle("POST "+routes.StudioLogin, e.s.handle(e.loginForm))
	mux.Handle("POST "+routes.StudioLogout, e.s.handle(e.logoutForm))
	mux.Handle("GET "+routes.StudioSetup, e.s.handle(e.setupPage))
	mux.Handle("POST "+routes.StudioSetup, e.s.handle(e.setupForm))
	mux.Handle(routes.StudioPrefix, e.s.handle(func(w http.ResponseWriter, r *http.Request) error { return errNotFound }))
}

// notAnEndpoint answers a request of the editor API that no endpoint
// takes: 405 with the methods the path answers, or 404.
func (e *editor) notAnEndpoint(w http.ResponseWriter, r *http.Request) error {
	if _, pattern := e.paths.Handler(r); pattern != "" {
		return &httpError{status: http.StatusMethodNotAllowed, allow: strings.Join(e.methods[pattern], ", ")}
	}
	return &httpError{status: http.StatusNotFound, msg: "no such endpoint of the editor API: " + r.URL.Path}
}

// Refusals that every endpoint may answer.
var (
	errSignIn      = &httpError{status: http.StatusUnauthorized, code: "unauthorized", msg: "sign in first: this needs an editor's session"}
	errCSRF        = &httpError{status: http.StatusForbidden, code: "csrf", msg: "missing or wrong X-CSRF-Token header: send the token the session answered"}
	errCrossOrigin = &httpError{status: http.StatusForbidden, code: "cross_origin", msg: "a request from another site may not change anything here"}
)

// endpoint checks who may call ep, in this order: a write from another
// origin is refused (403); a session is needed (401); a write needs the
// session's CSRF token (403); the account's role must allow ep (403).
func (e *editor) endpoint(ep routes.Endpoint, h editorHandler) http.Handler {
	return e.s.handle(func(w http.ResponseWriter, r *http.Request) error {
		write := !safeMethod(r.Method)
		if write && e.crossOrigin.Check(r) != nil {
			return errCrossOrigin
		}
		if ep.Access == routes.AccessAnyone {
			return h(w, r, nil)
		}
		who, err := e.signedIn(r)
		if err != nil {
			return err
		}
		if write && !who.token.CheckCSRF(r.Header.Get("X-CSRF-Token")) {
			return errCSRF
		}
		if !mayAccess(who.user().Role, ep.Access) {
			return &httpError{status: http.StatusForbidden, code: "forbidden", msg: "this needs the " + string(ep.Access) + " role; you are " + string(who.user().Role)}
		}
		return h(w, r, who)
	})
}

func safeMethod(m string) bool { return m == http.MethodGet || m == http.MethodHead }

// mayAccess reports whether an account with role may call an endpoint of
// access a: admins may do what editors may.
func mayAccess(role store.Role, a routes.Access) bool {
	switch a {
	case routes.AccessAnyone, routes.AccessSignedIn:
		return true
	case routes.AccessEditor:
		return role == store.RoleEditor || role == store.RoleAdmin
	case routes.AccessAdmin:
		return role == store.RoleAdmin
	}
	return false
}

// decodeBody reads a JSON body of at most limit bytes into v, strictly:
// an unknown field is an error, as in case files.
func decodeBody(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	body, err := readBody(w, r, limit)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &httpError{status: http.StatusBadRequest, code: "bad_json", msg: "the request's JSON: " + err.Error()}
	}
	if dec.More() {
		return &httpError{status: http.StatusBadRequest, code: "bad_json", msg: "the request's JSON has more after its object"}
	}
	return nil
}

// readBody reads a body of JSON of at most limit bytes: 413 beyond it, 415
// for another type.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if t, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); t != "application/json" {
		return nil, &httpError{status: http.StatusUnsupportedMediaType, msg: "send JSON, with Content-Type: application/json"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, &httpError{status: http.StatusRequestEntityTooLarge, msg: fmt.Sprintf("the request is larger than %d bytes", limit)}
	} else if err != nil {
		return nil, &httpError{status: http.StatusBadRequest, msg: "reading the request: " + err.Error()}
	}
	if len(body) == 0 {
		return nil, &httpError{status: http.StatusBadRequest, code: "bad_json", msg: "the request has no body: send a JSON object"}
	}
	return body, nil
}

// writeJSON answers v as JSON with the status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}

// storeError turns the store's errors into what a client is told.
func storeError(err error) error {
	var conflict *store.ConflictError
	var problems casefile.Problems
	switch {
	case err == nil:
		return nil
	case errors.As(err, &conflict):
		return conflictError(conflict, nil)
	case errors.As(err, &problems):
		return invalidError(problems)
	case errors.Is(err, store.ErrNotFound):
		return &httpError{status: http.StatusNotFound, msg: err.Error()}
	case errors.Is(err, store.ErrExists):
		return &httpError{status: http.StatusConflict, code: "exists", msg: err.Error()}
	case errors.Is(err, store.ErrLastAdmin):
		return &httpError{status: http.StatusConflict, code: "last_admin", msg: "that would leave no enabled admin: make another account an admin first"}
	case errors.Is(err, store.ErrDisabled):
		return &httpError{status: http.StatusForbidden, code: "disabled", msg: err.Error()}
	}
	return err
}

// checkNote refuses a note longer than maxNoteChars.
func checkNote(note string) error {
	if len([]rune(note)) > maxNoteChars {
		return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf("the note is longer than %d characters", maxNoteChars)}
	}
	return nil
}

// userJSON is an account as the API shows it: never its password hash.
type userJSON struct {
	ID         int64      `json:"id"`
	Login      string     `json:"login"`
	Name       string     `json:"name"`
	Role       store.Role `json:"role"`
	Disabled   bool       `json:"disabled"`
	Created    time.Time  `json:"created"`
	DisabledAt *time.Time `json:"disabledAt,omitempty"`
}

func userOf(u store.User) userJSON {
	j := userJSON{ID: u.ID, Login: u.Login, Name: u.Name, Role: u.Role, Disabled: u.Disabled, Created: u.Created}
	if u.Disabled {
		j.DisabledAt = &u.DisabledAt
	}
	return j
}
