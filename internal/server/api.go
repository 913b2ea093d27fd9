package server

import (
	"encoding/json"
	"net/http"
	"strings"

	"docket/internal/asset"
	"docket/internal/casefile"
)

// The case-data API: JSON made once at start, served with strong ETags
// and brotli/gzip copies.
//
//	GET /api/cases       the cases' ids, titles, summaries and dates
//	GET /api/cases/{id}  one whole case (also as {id}.json, the name
//	                     it has in a static export, which pages link)
//
// Data changes only when the server restarts, so responses may be stored
// but are revalidated (a cheap 304 while the ETag holds).
const apiCacheControl = "public, no-cache"

// apiData is the API's responses, prepared at start.
type apiData struct {
	index *asset.Asset
	cases map[string]*asset.Asset
}

func newAPIData(cases casefile.Published) (*apiData, error) {
	d := &apiData{cases: map[string]*asset.Asset{}}
	index := cases.Summaries()
	b, err := json.Marshal(index)
	if err != nil {
		return nil, err
	}
	if d.index, err = asset.New("api/cases.json", b, asset.Best); err != nil {
		return nil, err
	}
	for _, c := range index {
		e, _ := cases.Case(c.ID)
		if d.cases[c.ID], err = asset.New("api/cases/"+c.ID+".json", e.JSON, asset.Best); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// serveCaseIndex answers GET /api/cases.
func (s *Server) serveCaseIndex(w http.ResponseWriter, r *http.Request) error {
	s.api.index.Serve(w, r, apiCacheControl)
	return nil
}

// serveCase answers GET /api/cases/{id} and /api/cases/{id}.json.
func (s *Server) serveCase(w http.ResponseWriter, r *http.Request) error {
	id := strings.TrimSuffix(r.PathValue("id"), ".json")
	a, ok := s.api.cases[id]
	if !ok {
		return &httpError{status: http.StatusNotFound, msg: "no case with id " + quote(id)}
	}
	a.Serve(w, r, apiCacheControl)
	return nil
}

// writeAPIError writes an error as the API's JSON: {"error": "..."}.
func writeAPIError(w http.ResponseWriter, r *http.Request, e *httpError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	if r.Method != http.MethodHead {
		b, _ := json.Marshal(map[string]string{"error": e.msg})
		w.Write(append(b, '\n'))
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
