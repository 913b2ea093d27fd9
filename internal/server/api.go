package server

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"docket/internal/casefile"
	"docket/internal/compress"
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
	index *asset
	cases map[string]*asset
}

func newAPIData(cases casefile.Published) (*apiData, error) {
	d := &apiData{cases: map[string]*asset{}}
	index := cases.Summaries()
	b, err := json.Marshal(index)
	if err != nil {
		return nil, err
	}
	if d.index, err = jsonAsset("api/cases", b); err != nil {
		return nil, err
	}
	for _, c := range index {
		e, _ := cases.Case(c.ID)
		if d.cases[c.ID], err = jsonAsset("api/cases/"+c.ID, e.JSON); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// jsonAsset is a JSON response held in memory with its compressed copies.
func jsonAsset(name string, raw []byte) (*asset, error) {
	sum := sha256.Sum256(raw)
	a := &asset{name: name, contentType: "application/json", etag: `"` + hex.EncodeToString(sum[:12]) + `"`, raw: raw}
	var err error
	if a.br, err = compress.Brotli(raw, compress.BestBrotli); err != nil {
		return nil, err
	}
	if a.gz, err = compress.Gzip(raw, compress.BestGzip); err != nil {
		return nil, err
	}
	return a, nil
}

// serveCaseIndex answers GET /api/cases.
func (s *Server) serveCaseIndex(w http.ResponseWriter, r *http.Request) error {
	s.api.index.serve(w, r, apiCacheControl)
	return nil
}

// serveCase answers GET /api/cases/{id} and /api/cases/{id}.json.
func (s *Server) serveCase(w http.ResponseWriter, r *http.Request) error {
	id := strings.TrimSuffix(r.PathValue("id"), ".json")
	a, ok := s.api.cases[id]
	if !ok {
		return &httpError{status: http.StatusNotFound, msg: "no case with id " + quote(id)}
	}
	a.serve(w, r, apiCacheControl)
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
