package server

import (
	"crypto/rand"
	"net/http"
	"strconv"
	"time"

	"docket/internal/auth"
	"docket/internal/store"
)

// The admins' endpoints of the editor API: accounts and the audit log.

// accountID reads the {id} of an account's path.
func accountID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, &httpError{status: http.StatusNotFound, msg: "no account " + quote(r.PathValue("id")) + ": accounts are named by their numeric id"}
	}
	return id, nil
}

// newPassword is the password an admin gave, checked against the rules,
// or a new random one (generated is true) that the answer carries once.
func newPassword(given, login string) (password string, generated bool, err error) {
	if given == "" {
		return rand.Text(), true, nil // 26 characters, 128 random bits
	}
	if err := auth.CheckPassword(given, login); err != nil {
		return "", false, &httpError{status: http.StatusBadRequest, code: "weak_password", msg: err.Error()}
	}
	return given, false, nil
}

// passwordAnswer is an account with, when the server made it, its new
// password: shown once, never stored in clear, never logged.
type passwordAnswer struct {
	User     userJSON `json:"user"`
	Password string   `json:"password,omitempty"`
}

// listUsers answers GET /api/editor/users.
func (e *editor) listUsers(w http.ResponseWriter, r *http.Request, _ *signedIn) error {
	list, err := e.db.Users(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Users []userJSON `json:"users"`
	}{Users: []userJSON{}}
	for _, u := range list {
		out.Users = append(out.Users, userOf(u))
	}
	return writeJSON(w, http.StatusOK, out)
}

// addUser answers POST /api/editor/users: {login, name, role, password}.
func (e *editor) addUser(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	var req struct {
		Login    string `json:"login"`
		Name     string `json:"name"`
		Role     string `json:"role"`
		Password string `json:"password"`
	}
	if err := decodeBody(w, r, smallBodyLimit, &req); err != nil {
		return err
	}
	login, err := auth.Login(req.Login)
	if err != nil {
		return &httpError{status: http.StatusBadRequest, code: "bad_login", msg: err.Error()}
	}
	role := store.RoleEditor
	if req.Role != "" {
		if role, err = store.ParseRole(req.Role); err != nil {
			return &httpError{status: http.StatusBadRequest, code: "bad_role", msg: err.Error()}
		}
	}
	if req.Name == "" {
		req.Name = login
	}
	password, generated, err := newPassword(req.Password, login)
	if err != nil {
		return err
	}
	hash, err := e.hasher.Hash(r.Context(), password)
	if err != nil {
		return err
	}
	u, err := e.db.CreateUser(r.Context(), store.NewUser{Login: login, Name: req.Name, Role: role, PasswordHash: hash}, who.user().ID)
	if err != nil {
		return storeError(err)
	}
	e.s.cfg.Log.Info("account added", "account", u.Login, "role", string(u.Role), "by", who.user().Login)
	answer := passwordAnswer{User: userOf(u)}
	if generated {
		answer.Password = password
	}
	return writeJSON(w, http.StatusCreated, answer)
}

// changeUser answers PATCH /api/editor/users/{id}: {name, role, disabled},
// each optional.
func (e *editor) changeUser(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	id, err := accountID(r)
	if err != nil {
		return err
	}
	var req struct {
		Name     *string `json:"name"`
		Role     *string `json:"role"`
		Disabled *bool   `json:"disabled"`
	}
	if err := decodeBody(w, r, smallBodyLimit, &req); err != nil {
		return err
	}
	c := store.UserChange{Name: req.Name, Disabled: req.Disabled}
	if req.Role != nil {
		role, err := store.ParseRole(*req.Role)
		if err != nil {
			return &httpError{status: http.StatusBadRequest, code: "bad_role", msg: err.Error()}
		}
		c.Role = &role
	}
	u, err := e.db.ChangeUser(r.Context(), id, c, who.user().ID)
	if err != nil {
		return storeError(err)
	}
	e.s.cfg.Log.Info("account changed", "account", u.Login, "role", string(u.Role), "disabled", u.Disabled, "by", who.user().Login)
	return writeJSON(w, http.StatusOK, userOf(u))
}

// resetPassword answers POST /api/editor/users/{id}/password: {password},
// or {} for a new random one. The account's sessions end.
func (e *editor) resetPassword(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	id, err := accountID(r)
	if err != nil {
		return err
	}
	var req struct {
		Password string `json:"password"`
	}
	if err := decodeBody(w, r, smallBodyLimit, &req); err != nil {
		return err
	}
	u, err := e.db.User(r.Context(), id)
	if err != nil {
		return storeError(err)
	}
	password, generated, err := newPassword(req.Password, u.Login)
	if err != nil {
		return err
	}
	hash, err := e.hasher.Hash(r.Context(), password)
	if err != nil {
		return err
	}
	if err := e.db.SetPassword(r.Context(), id, hash, who.user().ID); err != nil {
		return storeError(err)
	}
	e.s.cfg.Log.Info("password reset", "account", u.Login, "by", who.user().Login)
	answer := passwordAnswer{User: userOf(u)}
	if generated {
		answer.Password = password
	}
	return writeJSON(w, http.StatusOK, answer)
}

// auditEntryJSON is one line of the audit log.
type auditEntryJSON struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"` // "" for the command line
	Action  string    `json:"action"`
	CaseID  string    `json:"caseId,omitempty"`
	Version int       `json:"version,omitempty"`
	Subject string    `json:"subject,omitempty"`
	Note    string    `json:"note,omitempty"`
}

// auditLog answers GET /api/editor/audit?case=ID&before=ENTRY&limit=N.
func (e *editor) auditLog(w http.ResponseWriter, r *http.Request, _ *signedIn) error {
	q := r.URL.Query()
	f := store.AuditFilter{CaseID: q.Get("case")}
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return &httpError{status: http.StatusBadRequest, msg: "before must be the positive id of an entry"}
		}
		f.Before = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return &httpError{status: http.StatusBadRequest, msg: "limit must be a number from 1 to 1000"}
		}
		f.Limit = n
	}
	list, err := e.db.Audit(r.Context(), f)
	if err != nil {
		return err
	}
	out := struct {
		Entries []auditEntryJSON `json:"entries"`
	}{Entries: []auditEntryJSON{}}
	for _, a := range list {
		out.Entries = append(out.Entries, auditEntryJSON{ID: a.ID, At: a.At, Actor: a.Actor.Login, Action: a.Action,
			CaseID: a.CaseID, Version: a.Version, Subject: a.Subject, Note: a.Note})
	}
	return writeJSON(w, http.StatusOK, out)
}
