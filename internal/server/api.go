package server

import (
	"encoding/json"
	"net/http"
	"strings"

	"docket/internal/asset"
	"docket/internal/casefile"
)

// The case-data API: JSON made once per version of a case, served with
// strong ETags and brotli/gzip copies.
//
//	GET /api/cases       the cases' ids, titles, summaries and dates
//	GET /api/cases/{id}  one whole case (also as {id}.json, the name
//	                     it has in a static export, which pages link)
//
// Data changes when a case is published anew, so responses may be stored
// but are revalidated (a cheap 304 while the ETag holds).
const apiCacheControl = "public, no-cache"

// apiData is the API's responses for one snapshot of the cases.
type apiData struct {
	index *asset.Asset
	cases map[string]apiCase
}

// apiCase is a case's JSON as served, and the case version it was made from.
type apiCase struct {
	version string
	asset   *asset.Asset
}

// newAPIData makes the responses of a snapshot's cases, taking each case
// whose version has not changed from prev (which may be nil).
func newAPIData(cases casefile.Published, prev *apiData, level asset.Level) (*apiData, error) {
	d := &apiData{cases: map[string]apiCase{}}
	index := cases.Summaries()
	b, err := json.Marshal(index)
	if err != nil {
		return nil, err
	}
	if d.index, err = asset.New("api/cases.json", b, level); err != nil {
		return nil, err
	}
	for _, c := range index {
		e, _ := cases.Case(c.ID)
		if prev != nil && prev.cases[c.ID].version == e.Version {
			d.cases[c.ID] = prev.cases[c.ID]
			continue
		}
		a, err := asset.New("api/cases/"+c.ID+".json", e.JSON, caseLevel(e.JSON, level))
		if err != nil {
			return nil, err
		}
		d.cases[c.ID] = apiCase{version: e.Version, asset: a}
	}
	return d, nil
}

// serveCaseIndex answers GET /api/cases.
func (s *Server) serveCaseIndex(w http.ResponseWriter, r *http.Request) error {
	s.cases.snapshot().api.index.Serve(w, r, apiCacheControl)
	return nil
}

// serveCase answers GET /api/cases/{id} and /api/cases/{id}.json.
func (s *Server) serveCase(w http.ResponseWriter, r *http.Request) error {
	id := strings.TrimSuffix(r.PathValue("id"), ".json")
	snap := s.cases.snapshot()
	c, ok := snap.api.cases[id]
	switch {
	case snap.Gone(id):
		return errGone
	case !ok:
		return &httpError{status: http.StatusNotFound, msg: "no case with id " + quote(id)}
	}
	c.asset.Serve(w, r, apiCacheControl)
	return nil
}

// writeAPIError writes an error as the API's JSON, the reader's and the
// editor's alike: {"error": {"code": "not_found", "message": "...", ...}},
// with what the error adds (a conflict's current draft, a refusal's
// problems) beside the code and message.
func writeAPIError(w http.ResponseWriter, r *http.Request, e *httpError) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(e.status)
	if r.Method == http.MethodHead {
		return
	}
	body := map[string]any{}
	for k, v := range e.detail {
		body[k] = v
	}
	body["code"], body["message"] = e.errorCode(), e.msg
	b, err := json.Marshal(map[string]any{"error": body})
	if err != nil {
		b = []byte(`{"error": {"code": "internal", "message": "internal server error"}}`)
	}
	w.Write(append(b, '\n'))
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// bigCaseJSON is the size past which a case's data is compressed quickly
// even at start: brotli's best quality spends tens of seconds on the
// megabytes of a 10,000-event case, for a few per cent fewer bytes.
const bigCaseJSON = 1 << 20

// caseLevel is how hard to compress a case's data of this size.
func caseLevel(b []byte, level asset.Level) asset.Level {
	if len(b) > bigCaseJSON {
		return asset.Quick
	}
	return level
}
