package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"time"

	"docket/internal/casefile"
	"docket/internal/routes"
	"docket/internal/store"
)

// The cases' endpoints of the editor API: drafts, validation, publishing,
// versions, rollback, unpublishing. A draft may be anything (it is saved
// as often as the editor likes); only a valid one is published, checked by
// the validator of `docket validate`.

// draftJSON is a case's draft as the API shows it; Case is left out of the
// answer to a save, which has just sent it.
type draftJSON struct {
	ID                string          `json:"id"`
	Title             string          `json:"title"`
	State             store.State     `json:"state"`
	Revision          int64           `json:"revision"`
	PublishedRevision int64           `json:"publishedRevision"`
	LatestVersion     int             `json:"latestVersion"`
	SavedBy           string          `json:"savedBy"`
	SavedAt           time.Time       `json:"savedAt"`
	Case              json.RawMessage `json:"case,omitempty"`
}

func draftOf(d store.Draft, withCase bool) draftJSON {
	j := draftJSON{ID: d.CaseID, Title: d.Title, State: d.State, Revision: d.Revision,
		PublishedRevision: d.PublishedRevision, LatestVersion: d.LatestVersion,
		SavedBy: d.SavedBy.Login, SavedAt: d.SavedAt}
	if withCase {
		j.Case = rawJSON(d.JSON)
	}
	return j
}

// rawJSON is stored JSON as it is, or, should it not parse (the store
// takes any text), as a JSON string, so the answer stays JSON.
func rawJSON(b []byte) json.RawMessage {
	if json.Valid(b) {
		return b
	}
	s, _ := json.Marshal(string(b))
	return s
}

// versionJSON is a published version as the API shows it.
type versionJSON struct {
	CaseID       string          `json:"caseId"`
	Number       int             `json:"number"`
	PublishedBy  string          `json:"publishedBy"`
	PublishedAt  time.Time       `json:"publishedAt"`
	Note         string          `json:"note"`
	RestoredFrom int             `json:"restoredFrom,omitempty"`
	Case         json.RawMessage `json:"case,omitempty"`
}

func versionOf(v store.Version) versionJSON {
	j := versionJSON{CaseID: v.CaseID, Number: v.Number, PublishedBy: v.PublishedBy.Login,
		PublishedAt: v.PublishedAt, Note: v.Note, RestoredFrom: v.RestoredFrom}
	if v.JSON != nil {
		j.Case = rawJSON(v.JSON)
	}
	return j
}

// problemJSON is one problem the validator found, with its JSON path and,
// when known, its line and column in the JSON as sent.
type problemJSON struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
}

func problemsOf(ps casefile.Problems) []problemJSON {
	out := make([]problemJSON, len(ps))
	for i, p := range ps {
		out[i] = problemJSON{Path: p.Path, Line: p.Line, Col: p.Col, Message: p.Message}
	}
	return out
}

// checkCase runs the validator of `docket validate` on a case's JSON, and
// checks that it keeps the case's id.
func checkCase(id string, data []byte) casefile.Problems {
	c, ps := casefile.Check("", data)
	if c != nil && c.ID != "" && c.ID != id {
		ps = append(ps, casefile.Problem{Path: "id", Message: fmt.Sprintf("is %q, but this case is %q: a case keeps its id", c.ID, id)})
	}
	if c != nil {
		ps = append(ps, folderImages(c)...)
	}
	return ps
}

// folderImages are the problems of a database case's images that name a
// file of a case folder: a case published from the Studio has no folder,
// so its images must be https URLs.
func folderImages(c *casefile.Case) casefile.Problems {
	var ps casefile.Problems
	check := func(path string, m *casefile.Media) {
		if m != nil && m.Image != nil && m.Image.Src != "" && routes.IsLocalMedia(m.Image.Src) {
			ps = append(ps, casefile.Problem{Path: path + ".image.src", Message: fmt.Sprintf(
				"%q is a file of a case folder, but a case published from the Studio has no folder: give the image's https URL (folder images are for case files served with -cases)", m.Image.Src)})
		}
	}
	check("media", c.Media)
	for i := range c.Events {
		check(fmt.Sprintf("events[%d].media", i), c.Events[i].Media)
	}
	return ps
}

func invalidError(ps casefile.Problems) *httpError {
	return &httpError{status: http.StatusUnprocessableEntity, code: "invalid",
		msg:    fmt.Sprintf("the case has %d problem(s): fix them, then publish", len(ps)),
		detail: map[string]any{"problems": problemsOf(ps)}}
}

// conflictError is a save or publish refused because the draft moved on:
// 409 with the draft as it is now, and, for a save, where it differs from
// what was sent, so that nothing the editor wrote is lost.
func conflictError(c *store.ConflictError, sent []byte) *httpError {
	detail := map[string]any{"current": draftOf(c.Current, true)}
	if sent != nil {
		detail["changes"] = draftChanges(sent, c.Current.JSON)
	}
	return &httpError{status: http.StatusConflict, code: "conflict", detail: detail,
		msg: fmt.Sprintf("the draft changed since revision %d: %s saved revision %d at %s; nothing was overwritten",
			c.Base, c.Current.SavedBy.Login, c.Current.Revision, c.Current.SavedAt.Format(time.RFC3339))}
}

// change is one place where the saved draft differs from what an editor
// sent: "added" (only in the saved draft), "removed" (only in what was
// sent) or "changed".
type change struct {
	Path   string `json:"path"`
	Change string `json:"change"`
}

// draftChanges lists where saved differs from sent: by top-level field,
// and, in lists of items with ids (events, glossary, sources...), by item,
// as `events[id=suit-filed]`.
func draftChanges(sent, saved []byte) []change {
	var a, b map[string]any
	if json.Unmarshal(sent, &a) != nil || json.Unmarshal(saved, &b) != nil {
		return []change{{Path: "", Change: "changed"}}
	}
	out := []change{}
	keys := slices.Sorted(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		x, inSent := a[k]
		y, inSaved := b[k]
		switch {
		case !inSent:
			out = append(out, change{k, "added"})
		case !inSaved:
			out = append(out, change{k, "removed"})
		case !reflect.DeepEqual(x, y):
			if items, ok := itemChanges(k, x, y); ok {
				out = append(out, items...)
			} else {
				out = append(out, change{k, "changed"})
			}
		}
	}
	return out
}

// itemChanges compares two lists of objects with string ids, item by item;
// ok is false when either is not such a list.
func itemChanges(path string, x, y any) (out []change, ok bool) {
	byID := func(v any) (map[string]any, []string, bool) {
		list, ok := v.([]any)
		if !ok {
			return nil, nil, false
		}
		m, order := map[string]any{}, []string{}
		for _, item := range list {
			obj, _ := item.(map[string]any)
			id, _ := obj["id"].(string)
			if id == "" || m[id] != nil {
				return nil, nil, false
			}
			m[id] = item
			order = append(order, id)
		}
		return m, order, true
	}
	sent, sentOrder, ok1 := byID(x)
	saved, savedOrder, ok2 := byID(y)
	if !ok1 || !ok2 {
		return nil, false
	}
	for _, id := range savedOrder {
		if s, ok := sent[id]; !ok {
			out = append(out, change{path + "[id=" + id + "]", "added"})
		} else if !reflect.DeepEqual(s, saved[id]) {
			out = append(out, change{path + "[id=" + id + "]", "changed"})
		}
	}
	for _, id := range sentOrder {
		if _, ok := saved[id]; !ok {
			out = append(out, change{path + "[id=" + id + "]", "removed"})
		}
	}
	if len(out) == 0 { // the same items, in another order
		out = append(out, change{path, "changed"})
	}
	return out, true
}

// caseInfoJSON is a case as the Studio lists it.
type caseInfoJSON struct {
	ID            string      `json:"id"`
	Title         string      `json:"title"`
	State         store.State `json:"state"`
	Created       time.Time   `json:"created"`
	Revision      int64       `json:"revision"`
	SavedBy       string      `json:"savedBy"`
	SavedAt       time.Time   `json:"savedAt"`
	LatestVersion int         `json:"latestVersion"`
	PublishedBy   string      `json:"publishedBy,omitempty"`
	PublishedAt   *time.Time  `json:"publishedAt,omitempty"`
}

// fileCaseJSON is a case read from a file, which the Studio cannot change.
type fileCaseJSON struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
}

// listCases answers GET /api/editor/cases: the database's cases with their
// states, and the cases from files, which are read-only here.
func (e *editor) listCases(w http.ResponseWriter, r *http.Request, _ *signedIn) error {
	list, err := e.db.Cases(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Cases []caseInfoJSON `json:"cases"`
		Files []fileCaseJSON `json:"files"`
	}{Cases: []caseInfoJSON{}, Files: []fileCaseJSON{}}
	for _, c := range list {
		j := caseInfoJSON{ID: c.ID, Title: c.Title, State: c.State, Created: c.Created, Revision: c.Revision,
			SavedBy: c.SavedBy.Login, SavedAt: c.SavedAt, LatestVersion: c.LatestVersion, PublishedBy: c.PublishedBy.Login}
		if !c.PublishedAt.IsZero() {
			j.PublishedAt = &c.PublishedAt
		}
		out.Cases = append(out.Cases, j)
	}
	for _, c := range e.s.cases.files.Cases() {
		where, _ := e.s.cases.FileOf(c.ID)
		out.Files = append(out.Files, fileCaseJSON{ID: c.ID, Title: c.Title, Source: where})
	}
	return writeJSON(w, http.StatusOK, out)
}

// createCase answers POST /api/editor/cases: {id, case}. Without a case,
// the draft starts as {"id": ID}.
func (e *editor) createCase(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	var req struct {
		ID   string          `json:"id"`
		Case json.RawMessage `json:"case"`
	}
	if err := decodeBody(w, r, caseBodyLimit, &req); err != nil {
		return err
	}
	if len(req.ID) > casefile.MaxIDLen || !routes.IsPage(routes.CasePath(req.ID)) {
		return &httpError{status: http.StatusBadRequest, code: "bad_id",
			msg: fmt.Sprintf("id %q: a case id is lowercase words and digits joined by single hyphens, at most %d characters", req.ID, casefile.MaxIDLen)}
	}
	if where, ok := e.s.cases.FileOf(req.ID); ok {
		return &httpError{status: http.StatusConflict, code: "exists", msg: fmt.Sprintf("case %q is %s; cases from files are read-only here", req.ID, where)}
	}
	data := []byte(req.Case)
	if len(data) == 0 || string(data) == "null" {
		data, _ = json.Marshal(map[string]string{"id": req.ID})
	}
	d, err := e.db.CreateCase(r.Context(), req.ID, data, who.user().ID)
	if err != nil {
		return storeError(err)
	}
	return writeJSON(w, http.StatusCreated, draftOf(d, true))
}

// getDraft answers GET /api/editor/cases/{id}/draft.
func (e *editor) getDraft(w http.ResponseWriter, r *http.Request, _ *signedIn) error {
	d, err := e.db.Draft(r.Context(), r.PathValue("id"))
	if err != nil {
		return storeError(err)
	}
	return writeJSON(w, http.StatusOK, draftOf(d, true))
}

// saveDraft answers PUT /api/editor/cases/{id}/draft: {revision, case}.
// A draft that moved on since revision is not overwritten: 409, with the
// draft as it is and where it differs from what was sent.
func (e *editor) saveDraft(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	var req struct {
		Revision *int64          `json:"revision"`
		Case     json.RawMessage `json:"case"`
	}
	if err := decodeBody(w, r, caseBodyLimit, &req); err != nil {
		return err
	}
	if req.Revision == nil || len(req.Case) == 0 || string(req.Case) == "null" {
		return &httpError{status: http.StatusBadRequest, msg: "send the revision the draft is based on and the case: {\"revision\": N, \"case\": {...}}"}
	}
	d, err := e.db.SaveDraft(r.Context(), r.PathValue("id"), *req.Revision, req.Case, who.user().ID)
	var conflict *store.ConflictError
	if errors.As(err, &conflict) {
		return conflictError(conflict, req.Case)
	} else if err != nil {
		return storeError(err)
	}
	return writeJSON(w, http.StatusOK, draftOf(d, false))
}

// validate answers POST /api/editor/cases/{id}/validate: the problems of
// the case sent as the body or, with no body, of the saved draft.
func (e *editor) validate(w http.ResponseWriter, r *http.Request, _ *signedIn) error {
	id := r.PathValue("id")
	out := struct {
		Valid    bool          `json:"valid"`
		Revision int64         `json:"revision,omitempty"` // of the draft checked
		Problems []problemJSON `json:"problems"`
	}{}
	var data []byte
	if r.ContentLength == 0 && len(r.TransferEncoding) == 0 {
		d, err := e.db.Draft(r.Context(), id)
		if err != nil {
			return storeError(err)
		}
		data, out.Revision = d.JSON, d.Revision
	} else {
		var err error
		if data, err = readBody(w, r, caseBodyLimit); err != nil {
			return err
		}
	}
	ps := checkCase(id, data)
	out.Valid, out.Problems = len(ps) == 0, problemsOf(ps)
	return writeJSON(w, http.StatusOK, out)
}

// publish answers POST /api/editor/cases/{id}/publish: {revision, note}.
// The draft at that revision is validated in the same transaction that
// publishes it: 422 with the problems, 409 if the draft moved on.
func (e *editor) publish(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	var req struct {
		Revision *int64 `json:"revision"`
		Note     string `json:"note"`
	}
	if err := decodeBody(w, r, smallBodyLimit, &req); err != nil {
		return err
	}
	if req.Revision == nil {
		return &httpError{status: http.StatusBadRequest, msg: "send the revision of the draft to publish: {\"revision\": N, \"note\": \"...\"}"}
	}
	if err := checkNote(req.Note); err != nil {
		return err
	}
	id := r.PathValue("id")
	v, err := e.db.Publish(r.Context(), store.PublishRequest{CaseID: id, Revision: *req.Revision, By: who.user().ID, Note: req.Note,
		Validate: func(data []byte) error { return checkCase(id, data).Err() }})
	if err != nil {
		return storeError(err)
	}
	e.s.cfg.Log.Info("published", "case", id, "version", v.Number, "account", who.user().Login)
	e.published(r)
	return writeJSON(w, http.StatusCreated, versionOf(store.Version{CaseID: v.CaseID, Number: v.Number,
		PublishedBy: v.PublishedBy, PublishedAt: v.PublishedAt, Note: v.Note}))
}

// published brings this server's readers the change at once; the other
// servers of the database notice it within CheckEvery.
func (e *editor) published(r *http.Request) {
	if err := e.s.cases.Refresh(r.Context()); err != nil {
		e.s.cfg.Log.Error("reading the published cases after a change", "err", err)
	}
}

// listVersions answers GET /api/editor/cases/{id}/versions.
func (e *editor) listVersions(w http.ResponseWriter, r *http.Request, _ *signedIn) error {
	list, err := e.db.Versions(r.Context(), r.PathValue("id"))
	if err != nil {
		return storeError(err)
	}
	out := struct {
		Versions []versionJSON `json:"versions"`
	}{Versions: []versionJSON{}}
	for _, v := range list {
		out.Versions = append(out.Versions, versionOf(v))
	}
	return writeJSON(w, http.StatusOK, out)
}

// getVersion answers GET /api/editor/cases/{id}/versions/{number}.
func (e *editor) getVersion(w http.ResponseWriter, r *http.Request, _ *signedIn) error {
	n, err := strconv.Atoi(r.PathValue("number"))
	if err != nil || n < 1 {
		return &httpError{status: http.StatusNotFound, msg: "versions are numbered 1, 2, 3...: no version " + quote(r.PathValue("number"))}
	}
	v, err := e.db.Version(r.Context(), r.PathValue("id"), n)
	if err != nil {
		return storeError(err)
	}
	return writeJSON(w, http.StatusOK, versionOf(v))
}

// rollBack answers POST /api/editor/cases/{id}/rollback: {to, note}.
func (e *editor) rollBack(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	var req struct {
		To   int    `json:"to"`
		Note string `json:"note"`
	}
	if err := decodeBody(w, r, smallBodyLimit, &req); err != nil {
		return err
	}
	if req.To < 1 {
		return &httpError{status: http.StatusBadRequest, msg: "send the number of the version to restore: {\"to\": N, \"note\": \"...\"}"}
	}
	if err := checkNote(req.Note); err != nil {
		return err
	}
	id := r.PathValue("id")
	v, err := e.db.RollBack(r.Context(), store.RollBackRequest{CaseID: id, To: req.To, By: who.user().ID, Note: req.Note,
		Validate: func(data []byte) error { return checkCase(id, data).Err() }})
	if err != nil {
		return storeError(err)
	}
	e.s.cfg.Log.Info("rolled back", "case", id, "version", v.Number, "restored", req.To, "account", who.user().Login)
	e.published(r)
	v.JSON = nil
	return writeJSON(w, http.StatusCreated, versionOf(v))
}

// unpublish answers POST /api/editor/cases/{id}/unpublish: {note}, or no
// body. Readers get 410 Gone until the case is published again.
func (e *editor) unpublish(w http.ResponseWriter, r *http.Request, who *signedIn) error {
	var req struct {
		Note string `json:"note"`
	}
	if r.ContentLength != 0 || len(r.TransferEncoding) > 0 {
		if err := decodeBody(w, r, smallBodyLimit, &req); err != nil {
			return err
		}
	}
	if err := checkNote(req.Note); err != nil {
		return err
	}
	id := r.PathValue("id")
	d, err := e.db.Draft(r.Context(), id)
	if err != nil {
		return storeError(err)
	}
	if d.State == store.StateDraft {
		return &httpError{status: http.StatusConflict, code: "not_published", msg: "case " + quote(id) + " has never been published"}
	}
	if err := e.db.Unpublish(r.Context(), id, who.user().ID, req.Note); err != nil {
		return storeError(err)
	}
	e.s.cfg.Log.Info("unpublished", "case", id, "account", who.user().Login)
	e.published(r)
	if d, err = e.db.Draft(r.Context(), id); err != nil {
		return storeError(err)
	}
	return writeJSON(w, http.StatusOK, draftOf(d, false))
}
