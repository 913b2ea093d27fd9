package server

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"sync"
	"time"

	"docket/internal/answers"
	"docket/internal/auth"
	"docket/internal/casefile"
	"docket/internal/pages"
	"docket/internal/store"
)

// How other readers answered: the reader API's one endpoint that counts.
//
//	POST /api/cases/{id}/answers             count an answer or a final score (answers.Answer)
//	GET  /api/cases/{id}/answers?version=V   the counts readers may see (answers.Stats)
//
// Only counts are stored (see store.Counted): no address, cookie, user
// agent or time per answer, and nothing of a request's body or address
// reaches the log. A client is limited to so many answers a minute by a
// token bucket in memory, keyed by a keyed hash of its address that is
// forgotten with the process. An answer is acknowledged (204) only once
// its batch is committed.

// statsCacheControl lets browsers and caches keep the counts a few
// seconds: they move slowly, and a popular quiz is read far more often
// than it is answered.
const statsCacheControl = "public, max-age=5"

// statsCacheFor is how long the server keeps a version's counts in memory
// before reading them from the database again.
const statsCacheFor = time.Second

// stats is the counting side of one server; nil when counting is off.
type stats struct {
	counter *store.Counter
	db      *store.DB
	limiter *auth.Limiter // nil: no limit
	key     []byte        // this process's key for hashing client addresses
	origin  string        // the one other origin allowed to call (a static export's), or ""

	mu    sync.Mutex
	cache map[string]cachedStats // by case id + version
}

type cachedStats struct {
	body    []byte
	at      time.Time
	commits uint64 // the counter's commits when read
}

// DefaultStatsPerMinute is how many answers a client may send a minute,
// and at once: a reader answers a quiz's questions and its score once.
const DefaultStatsPerMinute = 30

func newStats(cfg Config) *stats {
	st := &stats{counter: cfg.DB.NewCounter(store.CounterOptions{}), db: cfg.DB, origin: cfg.StatsOrigin,
		key: make([]byte, 32), cache: map[string]cachedStats{}}
	rand.Read(st.key)
	if cfg.StatsPerMinute > 0 {
		st.limiter = auth.NewLimiter(time.Minute/time.Duration(cfg.StatsPerMinute), cfg.StatsPerMinute, 100_000)
	}
	return st
}

// clientKey is the rate limiter's key of a request's client: a keyed hash
// of its address (its /64 for IPv6), so that the limiter's memory holds no
// address, and the key means nothing outside this process.
func (st *stats) clientKey(r *http.Request) string {
	m := hmac.New(sha256.New, st.key)
	m.Write([]byte(auth.ClientKey(clientAddr(r))))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

var errStatsOff = &httpError{status: http.StatusNotFound, msg: "this server does not count answers"}

// countedCase is the case an answers request names, as readers see it
// now, and its quiz's version.
func (s *Server) countedCase(r *http.Request) (casefile.Entry, string, error) {
	id := r.PathValue("id")
	snap := s.cases.snapshot()
	e, ok := snap.Case(id)
	switch {
	case snap.Gone(id):
		return casefile.Entry{}, "", errGone
	case !ok:
		return casefile.Entry{}, "", &httpError{status: http.StatusNotFound, msg: "no case with id " + quote(id)}
	case len(e.Quiz.Questions) == 0:
		return casefile.Entry{}, "", &httpError{status: http.StatusNotFound, msg: "case " + quote(id) + " has no quiz"}
	}
	return e, snap.quizVersions[id], nil
}

// countAnswer answers POST /api/cases/{id}/answers.
func (s *Server) countAnswer(w http.ResponseWriter, r *http.Request) error {
	st := s.stats
	if st == nil {
		return errStatsOff
	}
	if st.limiter != nil {
		if ok, wait := st.limiter.Allow(st.clientKey(r)); !ok {
			return &httpError{status: http.StatusTooManyRequests, msg: "too many answers from here; try again later",
				header: http.Header{"Retry-After": {strconv.Itoa(int(wait.Seconds()))}}}
		}
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return &httpError{status: http.StatusUnsupportedMediaType, msg: "send the answer as application/json"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, answers.MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return &httpError{status: http.StatusRequestEntityTooLarge, msg: "an answer is at most " + strconv.Itoa(answers.MaxBody) + " bytes"}
	case err != nil:
		return &httpError{status: http.StatusBadRequest, msg: "the answer could not be read"}
	}
	a, err := answers.Parse(body)
	if err != nil {
		return &httpError{status: http.StatusBadRequest, msg: err.Error()}
	}
	e, version, err := s.countedCase(r)
	if err != nil {
		return err
	}
	c, err := answers.Check(e.Case, version, a)
	var p *answers.Problem
	switch {
	case errors.As(err, &p) && p.Stale:
		return &httpError{status: http.StatusConflict, code: "stale_version", msg: p.Error(), detail: map[string]any{"version": version}}
	case errors.As(err, &p):
		return &httpError{status: http.StatusUnprocessableEntity, msg: p.Error(), detail: map[string]any{"field": p.Field}}
	case err != nil:
		return err
	}
	err = st.counter.Add(r.Context(), store.Counted{CaseID: e.ID, Version: version,
		Question: c.Question, Choices: c.Choices, Correct: c.Correct, Score: c.Score})
	if err != nil {
		if r.Context().Err() != nil {
			return nil // the client left; it gets no answer either way
		}
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// serveCounts answers GET /api/cases/{id}/answers?version=V: the counts
// readers may see (nothing under the thresholds), for the version served.
func (s *Server) serveCounts(w http.ResponseWriter, r *http.Request) error {
	st := s.stats
	if st == nil {
		return errStatsOff
	}
	e, version, err := s.countedCase(r)
	if err != nil {
		return err
	}
	switch v := r.URL.Query().Get("version"); {
	case v == "":
		return &httpError{status: http.StatusBadRequest, msg: "name the quiz version: ?version=" + version}
	case v != version:
		return &httpError{status: http.StatusConflict, code: "stale_version", msg: "the quiz is at version " + quote(version) + ", not " + quote(v), detail: map[string]any{"version": version}}
	}
	body, err := st.counts(r, e, version)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", statsCacheControl)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
	return nil
}

// counts is the JSON of a version's public counts, read again after
// statsCacheFor or once this server has committed answers since, so that a
// reader reading after their answer was acknowledged sees it counted. Under
// load that is one read per commit (a batch), not one per request.
func (st *stats) counts(r *http.Request, e casefile.Entry, version string) ([]byte, error) {
	key := e.ID + "\x00" + version
	commits := st.counter.Commits()
	st.mu.Lock()
	c, ok := st.cache[key]
	st.mu.Unlock()
	if ok && c.commits == commits && time.Since(c.at) < statsCacheFor {
		return c.body, nil
	}
	stats, err := st.read(r, e, version)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(stats.Public())
	if err != nil {
		return nil, err
	}
	st.mu.Lock()
	if len(st.cache) > 1000 {
		clear(st.cache)
	}
	st.cache[key] = cachedStats{body: body, at: time.Now(), commits: commits}
	st.mu.Unlock()
	return body, nil
}

// read reads a version's counts from the database, all of them.
func (st *stats) read(r *http.Request, e casefile.Entry, version string) (answers.Stats, error) {
	c, err := st.db.Counts(r.Context(), e.ID, version)
	if err != nil {
		return answers.Stats{}, err
	}
	answered, correct, picked := map[string]int64{}, map[string]int64{}, map[string]map[int]int64{}
	for q, n := range c.Questions {
		answered[q], correct[q], picked[q] = n.Answered, n.Correct, n.Choices
	}
	return answers.NewStats(e.Case, version, answered, correct, picked, c.Scores), nil
}

// answersPreflight answers a browser's CORS preflight for the answers
// endpoint: allowed for exactly the -stats-origin (a static export's
// site), refused otherwise.
func (s *Server) answersPreflight(w http.ResponseWriter, r *http.Request) error {
	if s.stats == nil || s.stats.origin == "" || r.Header.Get("Origin") != s.stats.origin {
		return &httpError{status: http.StatusForbidden, msg: "answers are counted from this site only"}
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "GET, POST")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// servePrivacy answers GET /privacy/: what counting answers keeps, true of
// this server (or, in an export, of the server that counts for it).
func (s *Server) servePrivacy(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return &httpError{status: http.StatusMethodNotAllowed}
	}
	elsewhere, limited := "", s.stats != nil && s.stats.limiter != nil
	if s.cfg.StatsURL != nil {
		// What the other server does is for its own /privacy/ to say.
		elsewhere, limited = s.cfg.StatsURL.Host, false
	}
	var b bytes.Buffer
	if err := pages.Privacy(s.statsBase() != "", elsewhere, limited, answers.MinReaders, s.pageSite()).Render(r.Context(), &b); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
	return nil
}
