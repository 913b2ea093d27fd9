package studio

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"docket/internal/casefile"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// API is the editor API as the Studio calls it, through the browser's
// fetch (the browser program does not import net/http). Its calls block:
// make them from ctx.Async, never from an event handler.
type API struct {
	// Base is the API's address, "/api/editor/" or under a base path.
	Base string
	// Site is the site's base path, "/" or "/explainers/", for the
	// readers' API.
	Site string
	// CSRF is the session's token, sent with every write.
	CSRF string
}

// The statuses of the editor API that the Studio answers in its own way
// (the browser program does not import net/http for their names).
const (
	statusUnauthorized = 401 // signed out
	statusConflict     = 409 // the draft moved on
	statusInvalid      = 422 // not valid, not published
)

// ErrOffline is a request that never reached the server.
var ErrOffline = errors.New("the server cannot be reached")

// APIError is a refusal from the server, with its status and the API's
// error object.
type APIError struct {
	Status  int
	Code    string
	Message string
	// Body is the whole answer, for the details of a conflict.
	Body []byte
}

func (e *APIError) Error() string { return e.Message }

// Session is who is signed in, and the CSRF token their writes carry.
type Session struct {
	User struct {
		Login string `json:"login"`
		Name  string `json:"name"`
		Role  string `json:"role"`
	} `json:"user"`
	CSRFToken string `json:"csrfToken"`
}

// CaseInfo is one case of the list, as the API answers it.
type CaseInfo struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	State       string     `json:"state"`
	Revision    int64      `json:"revision"`
	SavedBy     string     `json:"savedBy"`
	SavedAt     time.Time  `json:"savedAt"`
	PublishedAt *time.Time `json:"publishedAt"`
}

// FileCase is a case from a file: listed, not editable.
type FileCase struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
}

// Cases is the list of cases.
type Cases struct {
	Cases []CaseInfo `json:"cases"`
	Files []FileCase `json:"files"`
}

// Draft is a case's draft with its revision.
type Draft struct {
	ID       string          `json:"id"`
	State    string          `json:"state"`
	Revision int64           `json:"revision"`
	SavedBy  string          `json:"savedBy"`
	SavedAt  time.Time       `json:"savedAt"`
	Case     json.RawMessage `json:"case"`
}

// Version is one published version; Case only when asked for one.
type Version struct {
	Number       int             `json:"number"`
	PublishedBy  string          `json:"publishedBy"`
	PublishedAt  time.Time       `json:"publishedAt"`
	Note         string          `json:"note"`
	RestoredFrom int             `json:"restoredFrom"`
	Case         json.RawMessage `json:"case"`
}

// ConflictDetail is what a 409 to a save carries: the draft as it is now,
// and where it differs from what was sent.
type ConflictDetail struct {
	Current Draft `json:"current"`
	Changes []struct {
		Path   string `json:"path"`
		Change string `json:"change"`
	} `json:"changes"`
}

// Conflict reads the detail of a 409.
func (e *APIError) Conflict() (ConflictDetail, error) {
	var body struct {
		Error ConflictDetail `json:"error"`
	}
	err := json.Unmarshal(e.Body, &body)
	return body.Error, err
}

// Session asks who is signed in.
func (a *API) Session() (Session, error) {
	var s Session
	err := a.call("GET", "session", nil, &s)
	return s, err
}

// Cases lists the cases.
func (a *API) Cases() (Cases, error) {
	var c Cases
	err := a.call("GET", "cases", nil, &c)
	return c, err
}

// Create makes a case whose first draft is c.
func (a *API) Create(c *casefile.Case) (Draft, error) {
	data, err := Encode(c)
	if err != nil {
		return Draft{}, err
	}
	var d Draft
	err = a.call("POST", "cases", map[string]any{"id": c.ID, "case": json.RawMessage(data)}, &d)
	return d, err
}

// Published reads a case as readers get it (a case from a file, which
// has no draft), from the readers' API.
func (a *API) Published(id string) (json.RawMessage, error) {
	status, body, err := fetch(routes.Under(a.Site, routes.CaseDataPath(id)), a.options("GET", nil, false))
	if err != nil {
		return nil, err
	}
	if status != 200 {
		return nil, &APIError{Status: status, Message: fmt.Sprintf("case %q: the server answered %d", id, status), Body: body}
	}
	return body, nil
}

// Draft reads a case's draft.
func (a *API) Draft(id string) (Draft, error) {
	var d Draft
	err := a.call("GET", "cases/"+id+"/draft", nil, &d)
	return d, err
}

// Save saves the draft (its JSON, from Encode) based on revision; a 409
// is an *APIError whose Conflict says what the draft is now.
func (a *API) Save(id string, revision int64, data []byte) (Draft, error) {
	var d Draft
	err := a.call("PUT", "cases/"+id+"/draft", map[string]any{"revision": revision, "case": json.RawMessage(data)}, &d)
	return d, err
}

// SaveOnLeaving sends the draft with keepalive, when the page is being
// left: the browser carries it after the page is gone (bodies up to 64
// KiB), and nobody waits for the answer.
func (a *API) SaveOnLeaving(id string, revision int64, data []byte) {
	body, _ := json.Marshal(map[string]any{"revision": revision, "case": json.RawMessage(data)})
	app.Window().Call("fetch", a.Base+"cases/"+id+"/draft", a.options("PUT", body, true))
}

// Publish publishes the draft at revision with a note.
func (a *API) Publish(id string, revision int64, note string) (Version, error) {
	var v Version
	err := a.call("POST", "cases/"+id+"/publish", map[string]any{"revision": revision, "note": note}, &v)
	return v, err
}

// Versions lists a case's published versions, newest first.
func (a *API) Versions(id string) ([]Version, error) {
	var out struct {
		Versions []Version `json:"versions"`
	}
	err := a.call("GET", "cases/"+id+"/versions", nil, &out)
	return out.Versions, err
}

// Version reads one published version, with its case.
func (a *API) Version(id string, number int) (Version, error) {
	var v Version
	err := a.call("GET", fmt.Sprintf("cases/%s/versions/%d", id, number), nil, &v)
	return v, err
}

// RollBack publishes version to again, as a new version; the draft
// becomes it too unless it has changes not yet published.
func (a *API) RollBack(id string, to int, note string) (Version, error) {
	var v Version
	err := a.call("POST", "cases/"+id+"/rollback", map[string]any{"to": to, "note": note}, &v)
	return v, err
}

// Answers reads how readers answered the quiz of the published case.
func (a *API) Answers(id string) (Answers, error) {
	var out Answers
	err := a.call("GET", "cases/"+id+"/answers", nil, &out)
	return out, err
}

// call makes one request and decodes a 2xx answer into out.
func (a *API) call(method, path string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	status, answer, err := fetch(a.Base+path, a.options(method, body, false))
	if err != nil {
		return err
	}
	if status < 200 || status > 299 {
		var e struct {
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		json.Unmarshal(answer, &e)
		msg := e.Error.Message
		if msg == "" {
			msg = fmt.Sprintf("the server answered %d", status)
		}
		return &APIError{Status: status, Code: e.Error.Code, Message: msg, Body: answer}
	}
	if out == nil || len(strings.TrimSpace(string(answer))) == 0 {
		return nil
	}
	return json.Unmarshal(answer, out)
}

// options are fetch's options for a request of the editor API.
func (a *API) options(method string, body []byte, keepalive bool) map[string]any {
	headers := map[string]any{"Accept": "application/json"}
	if method != "GET" {
		headers["X-CSRF-Token"] = a.CSRF
	}
	o := map[string]any{"method": method, "headers": headers, "credentials": "same-origin", "cache": "no-store"}
	if body != nil {
		headers["Content-Type"] = "application/json"
		o["body"] = string(body)
	}
	if keepalive {
		o["keepalive"] = true
	}
	return o
}

// fetch calls the browser's fetch and waits for the status and the body;
// a request that fails before any answer is ErrOffline.
func fetch(url string, options map[string]any) (int, []byte, error) {
	if !app.IsClient {
		return 0, nil, ErrOffline
	}
	res, err := await(app.Window().Call("fetch", url, options))
	if err != nil {
		return 0, nil, ErrOffline
	}
	text, err := await(res.Call("text"))
	if err != nil {
		return 0, nil, ErrOffline
	}
	return res.Get("status").Int(), []byte(text.String()), nil
}

// await waits for a JavaScript promise.
func await(p app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	done := make(chan result, 1)
	var ok, fail app.Func
	ok = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- result{v: args[0]}
		return nil
	})
	fail = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	p.Call("then", ok, fail)
	r := <-done
	ok.Release()
	fail.Release()
	return r.v, r.err
}
