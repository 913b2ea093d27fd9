package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"docket/internal/auth"
	"docket/internal/pages"
	"docket/internal/routes"
	"docket/internal/store"

	"github.com/a-h/templ"
)

// Sessions: a random token in an HttpOnly cookie, its sha256 in the
// database (so a session made on one server works on every server of the
// database), a new token at every sign-in, ended by signing out, a new
// password or a disabled account.
const (
	sessionCookie   = "docket_session"
	sessionLifetime = 7 * 24 * time.Hour
)

// signedIn returns the session the request's cookie names: 401 when there
// is none, or it ended.
func (e *editor) signedIn(r *http.Request) (*signedIn, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, errSignIn
	}
	token, err := auth.ParseSessionToken(c.Value)
	if err != nil {
		return nil, errSignIn
	}
	s, err := e.db.Session(r.Context(), token.Hash())
	if errors.Is(err, store.ErrNotFound) {
		return nil, errSignIn
	} else if err != nil {
		return nil, err
	}
	return &signedIn{session: s, token: token}, nil
}

// startSession makes a new session for u and sets its cookie. A session
// the browser had before ends in the same step: a token that someone may
// have planted or seen before sign-in is worth nothing after it.
func (e *editor) startSession(w http.ResponseWriter, r *http.Request, u store.User) (*signedIn, error) {
	token := auth.NewSessionToken()
	ns := store.NewSession{TokenHash: token.Hash(), UserID: u.ID, Expires: time.Now().Add(sessionLifetime)}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if old, err := auth.ParseSessionToken(c.Value); err == nil {
			ns.Replaces = old.Hash()
		}
	}
	s, err := e.db.CreateSession(r.Context(), ns)
	if err != nil {
		return nil, storeError(err)
	}
	e.setCookie(w, r, token.Reveal(), s.Expires)
	e.s.cfg.Log.Info("signed in", "account", u.Login, "role", string(u.Role))
	return &signedIn{session: s, token: token}, nil
}

// setCookie sets the session cookie (value "" clears it): HttpOnly, for
// the site's base path, SameSite=Lax, and Secure unless the request came
// over plain HTTP from and to this machine (a browser would not send a
// Secure cookie back over http://localhost).
func (e *editor) setCookie(w http.ResponseWriter, r *http.Request, value string, expires time.Time) {
	c := &http.Cookie{
		Name:     sessionCookie,
		Value:    value,
		Path:     e.s.cfg.Base,
		HttpOnly: true,
		Secure:   !plainLoopback(r),
		SameSite: http.SameSiteLaxMode,
	}
	if value == "" {
		c.MaxAge = -1
	} else {
		c.Expires = expires
	}
	http.SetCookie(w, c)
}

// plainLoopback reports whether a request came over plain HTTP, from this
// machine, to a loopback address: the one case where a Secure cookie would
// lock the editor out. Behind a proxy (which connects from loopback too)
// the Host is the site's public name, or X-Forwarded-Proto says https.
func plainLoopback(r *http.Request) bool {
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		return false
	}
	remote, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil || !remote.Addr().IsLoopback() {
		return false
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(r.Host); err == nil {
		host = h
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && a.IsLoopback()
}

// clientAddr is the address a request came from, for the login limiter.
func clientAddr(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}
	}
	return ap.Addr()
}

// errWrongLogin is the one answer to a login that names no account and to
// a wrong password, so the answer does not tell which logins exist.
var errWrongLogin = &httpError{status: http.StatusUnauthorized, code: "wrong_login", msg: "wrong login or password"}

// authenticate checks a login and a password. Attempts are limited per
// account and per client (429 with Retry-After); a login that names no
// account takes as long as a wrong password. Nothing typed is logged: a
// password typed into the login field by mistake must not reach the log.
func (e *editor) authenticate(ctx context.Context, r *http.Request, rawLogin, password string) (store.User, error) {
	login, loginErr := auth.Login(rawLogin)
	key := login
	if loginErr != nil {
		key = "unknown:" + strings.ToLower(strings.TrimSpace(rawLogin))
		if len(key) > 300 {
			key = key[:300]
		}
	}
	if ok, wait := e.limiter.Allow(key, clientAddr(r)); !ok {
		secs := strconv.Itoa(max(1, int(wait.Round(time.Second)/time.Second)))
		e.s.cfg.Log.Warn("sign-in attempts limited", "client", auth.ClientKey(clientAddr(r)))
		return store.User{}, &httpError{status: http.StatusTooManyRequests, code: "rate_limited",
			msg: "too many sign-in attempts: try again in " + secs + " s", header: http.Header{"Retry-After": {secs}}}
	}
	var u store.User
	var err error
	if loginErr == nil {
		u, err = e.db.UserByLogin(ctx, login)
	}
	if loginErr != nil || errors.Is(err, store.ErrNotFound) {
		if err := e.hasher.VerifyAbsent(ctx, password); err != nil {
			return store.User{}, err
		}
		e.s.cfg.Log.Info("sign-in refused: no such account", "client", auth.ClientKey(clientAddr(r)))
		return store.User{}, errWrongLogin
	} else if err != nil {
		return store.User{}, err
	}
	ok, rehash, err := e.hasher.Verify(ctx, password, u.PasswordHash)
	if err != nil {
		e.s.cfg.Log.Error("an account's password hash cannot be read", "account", u.Login, "err", err)
		return store.User{}, errWrongLogin
	}
	if !ok {
		e.s.cfg.Log.Info("sign-in refused: wrong password", "account", u.Login, "client", auth.ClientKey(clientAddr(r)))
		return store.User{}, errWrongLogin
	}
	if u.Disabled {
		return store.User{}, &httpError{status: http.StatusForbidden, code: "disabled", msg: "this account is disabled: ask an admin"}
	}
	if rehash {
		if h, err := e.hasher.Hash(ctx, password); err == nil {
			if err := e.db.RehashPassword(ctx, u.ID, u.PasswordHash, h); err != nil {
				e.s.cfg.Log.Error("storing a stronger password hash", "account", u.Login, "err", err)
			}
		}
	}
	return u, nil
}

// sessionJSON is the answer to signing in and to "who am I": the account,
// the CSRF token every write must send (X-CSRF-Token), and the expiry.
type sessionJSON struct {
	User      userJSON  `json:"user"`
	CSRFToken string    `json:"csrfToken"`
	Expires   time.Time `json:"expires"`
}

func sessionOf(who *signedIn) sessionJSON {
	return sessionJSON{User: userOf(who.user()), CSRFToken: who.token.CSRFToken(), Expires: who.session.Expires}
}

// logIn answers POST /api/editor/session: {login, password}.
func (e *editor) logIn(w http.ResponseWriter, r *http.Request, _ *signedIn) error {
	var req struct {
		Login    string `json:"login"`
		Password string `json:"password"`
	}
	if err := decodeBody(w, r, smallBodyLimit, &req); err != nil {
		return err
	}
	u, err := e.authenticate(r.Context(), r, req.Login, req.Password)
	if err != nil {
		return err
	}
	who, err := e.startSession(w, r, u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sessionOf(who))
}

// whoAmI answers GET /api/editor/session.
func (e *editor) whoAmI(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	return writeJSON(w, http.StatusOK, sessionOf(who))
}

// logOut answers DELETE /api/editor/session: the session ends in the
// database, so its cookie opens nothing on any server.
func (e *editor) logOut(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	if err := e.db.RevokeSession(r.Context(), who.token.Hash()); err != nil {
		return err
	}
	e.setCookie(w, r, "", time.Time{})
	e.s.cfg.Log.Info("signed out", "account", who.user().Login)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// sweepSessions removes expired sessions every hour until ctx ends.
func (e *editor) sweepSessions(ctx context.Context) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		if n, err := e.db.DeleteExpiredSessions(ctx); err != nil && ctx.Err() == nil {
			e.s.cfg.Log.Error("removing expired sessions", "err", err)
		} else if n > 0 {
			e.s.cfg.Log.Info("removed expired sessions", "sessions", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// The Studio's pages: plain forms, so that signing in and the first setup
// need no script.

// page answers a templ page with a status, rendered in full first.
func (e *editor) page(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	var b bytes.Buffer
	if err := c.Render(r.Context(), &b); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
	return nil
}

func (e *editor) under(path string) string { return routes.Under(e.s.cfg.Base, path) }

// readForm parses a form post of at most smallBodyLimit bytes from this
// site.
func (e *editor) readForm(w http.ResponseWriter, r *http.Request) error {
	if e.crossOrigin.Check(r) != nil {
		return errCrossOrigin
	}
	r.Body = http.MaxBytesReader(w, r.Body, smallBodyLimit)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return &httpError{status: http.StatusRequestEntityTooLarge, msg: "The form is too large."}
		}
		return &httpError{status: http.StatusBadRequest, msg: "The form could not be read."}
	}
	return nil
}

func (e *editor) loginPage(w http.ResponseWriter, r *http.Request) error {
	next := studioReturn(e.s.cfg.Base, r.URL.Query().Get("next"))
	if _, err := e.signedIn(r); err == nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	return e.page(w, r, http.StatusOK, pages.StudioLoginPage(pages.StudioLogin{Site: e.s.pageSite(), Action: e.under(routes.StudioLogin), Next: next}))
}

func (e *editor) loginForm(w http.ResponseWriter, r *http.Request) error {
	if err := e.readForm(w, r); err != nil {
		return err
	}
	login, next := r.PostForm.Get("login"), studioReturn(e.s.cfg.Base, r.PostForm.Get("next"))
	u, err := e.authenticate(r.Context(), r, login, r.PostForm.Get("password"))
	var he *httpError
	if errors.As(err, &he) {
		for k, v := range he.header {
			w.Header()[k] = v
		}
		msg := "Wrong login or password."
		if he.status != http.StatusUnauthorized {
			msg = strings.ToUpper(he.msg[:1]) + he.msg[1:] + "."
		}
		return e.page(w, r, he.status, pages.StudioLoginPage(pages.StudioLogin{Site: e.s.pageSite(), Action: e.under(routes.StudioLogin), Next: next, Login: login, Error: msg}))
	} else if err != nil {
		return err
	}
	if _, err := e.startSession(w, r, u); err != nil {
		return err
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (e *editor) logoutForm(w http.ResponseWriter, r *http.Request) error {
	if err := e.readForm(w, r); err != nil {
		return err
	}
	who, err := e.signedIn(r)
	if err != nil {
		http.Redirect(w, r, e.under(routes.StudioLogin), http.StatusSeeOther)
		return nil
	}
	if !who.token.CheckCSRF(r.PostForm.Get("csrf")) {
		return &httpError{status: http.StatusForbidden, msg: "This form is out of date: go back, reload the page and try again."}
	}
	if err := e.db.RevokeSession(r.Context(), who.token.Hash()); err != nil {
		return err
	}
	e.setCookie(w, r, "", time.Time{})
	e.s.cfg.Log.Info("signed out", "account", who.user().Login)
	http.Redirect(w, r, e.under(routes.StudioLogin), http.StatusSeeOther)
	return nil
}

// setupLink is the one-time link that creates the first account, made at
// start when the database has none: valid until it is used or the server
// stops (it lives only in this process's memory).
type setupLink struct {
	mu    sync.Mutex
	token auth.SessionToken // "" when there is none
}

// matches reports, in constant time, whether got is the pending token.
func (l *setupLink) matches(got string) (auth.SessionToken, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.token == "" || subtle.ConstantTimeCompare([]byte(got), []byte(l.token.Reveal())) != 1 {
		return "", false
	}
	return l.token, true
}

func (l *setupLink) pending() auth.SessionToken {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.token
}

func (l *setupLink) end() {
	l.mu.Lock()
	l.token = ""
	l.mu.Unlock()
}

// SetupURL is the site path (under the base path) of the one-time link that
// creates the first account, or "" when there is none.
func (s *Server) SetupURL() string {
	if s.editor == nil {
		return ""
	}
	t := s.editor.setup.pending()
	if t == "" {
		return ""
	}
	return s.editor.under(routes.StudioSetup) + "?token=" + t.Reveal()
}

// announceSetup prints the setup link on the console, as Jupyter prints
// its token: the operator who started the server opens it. It is not a
// log line, and the access log leaves query strings out.
func (e *editor) announceSetup(origin string) {
	link := e.s.SetupURL()
	if link == "" || e.s.cfg.Console == nil {
		return
	}
	fmt.Fprintf(e.s.cfg.Console, "\nThere is no editor account yet. To create the first one (an admin), open\n"+
		"this link in a browser; it works once, until this server stops:\n\n    %s%s\n\n"+
		"(Or create accounts from a shell: docket user add LOGIN)\n\n", origin, link)
}

var errSetupGone = &httpError{status: http.StatusNotFound, msg: "This setup link does not work: it has been used, or the server that printed it has stopped. While there is no account, each start of `docket serve` prints a new link; `docket user add` also makes accounts."}

func (e *editor) setupForm(w http.ResponseWriter, r *http.Request) error {
	if err := e.readForm(w, r); err != nil {
		return err
	}
	token, ok := e.setup.matches(r.PostForm.Get("token"))
	if !ok {
		return errSetupGone
	}
	if !token.CheckCSRF(r.PostForm.Get("csrf")) {
		return &httpError{status: http.StatusForbidden, msg: "This form is out of date: open the setup link again."}
	}
	d := e.setupData(token)
	d.Login, d.Name = r.PostForm.Get("login"), strings.TrimSpace(r.PostForm.Get("name"))
	password := r.PostForm.Get("password")
	login, err := auth.Login(d.Login)
	switch {
	case err != nil:
		d.Error = capitalize(err.Error()) + "."
	case password != r.PostForm.Get("password2"):
		d.Error = "The two passwords differ."
	default:
		if err := auth.CheckPassword(password, login); err != nil {
			d.Error = capitalize(err.Error()) + "."
		}
	}
	if d.Error != "" {
		return e.page(w, r, http.StatusBadRequest, pages.StudioSetupPage(d))
	}
	if d.Name == "" {
		d.Name = login
	}
	hash, err := e.hasher.Hash(r.Context(), password)
	if err != nil {
		return err
	}
	u, err := e.db.CreateFirstAdmin(r.Context(), store.NewUser{Login: login, Name: d.Name, PasswordHash: hash})
	if errors.Is(err, store.ErrHasAccounts) {
		e.setup.end()
		return e.page(w, r, http.StatusConflict, pages.StudioNoticePage("An account exists already",
			"Someone created an account since this link was printed. Sign in, or ask an admin for an account.", "Sign in", e.under(routes.StudioLogin), e.s.pageSite()))
	} else if err != nil {
		return storeError(err)
	}
	e.setup.end()
	e.s.cfg.Log.Info("first account created with the setup link", "account", u.Login)
	if _, err := e.startSession(w, r, u); err != nil {
		return err
	}
	http.Redirect(w, r, e.under(routes.StudioHome), http.StatusSeeOther)
	return nil
}

func (e *editor) setupPage(w http.ResponseWriter, r *http.Request) error {
	token, ok := e.setup.matches(r.URL.Query().Get("token"))
	if !ok {
		return errSetupGone
	}
	if n, err := e.db.CountUsers(r.Context()); err != nil {
		return err
	} else if n > 0 {
		e.setup.end()
		return e.page(w, r, http.StatusConflict, pages.StudioNoticePage("An account exists already",
			"The first account was created another way (docket user add). Sign in, or ask an admin for an account.", "Sign in", e.under(routes.StudioLogin), e.s.pageSite()))
	}
	return e.page(w, r, http.StatusOK, pages.StudioSetupPage(e.setupData(token)))
}

func (e *editor) setupData(token auth.SessionToken) pages.StudioSetup {
	return pages.StudioSetup{Site: e.s.pageSite(), Action: e.under(routes.StudioSetup), Token: token.Reveal(),
		CSRF: token.CSRFToken(), MinLength: auth.MinPasswordLength}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
