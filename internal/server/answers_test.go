package server

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"docket/internal/answers"
	"docket/internal/casefile"
	"docket/internal/routes"
	"docket/internal/store"
)

const countedCase = "twitter-v-dhs-2017"

// withStats turns counting on, with a limit high enough for the tests that
// do not test it.
func withStats(cfg *Config) {
	cfg.Stats = true
	cfg.StatsPerMinute = 10_000
}

// quizOf is the shipped case as the server serves it, and its quiz version.
func quizOf(t *testing.T, st *studio) (*casefile.Case, string) {
	t.Helper()
	e, ok := st.s.cases.Case(countedCase)
	if !ok {
		t.Fatal("no shipped case")
	}
	return e.Case, answers.Version(e.Case)
}

func answerBody(version, question string, choices ...int) map[string]any {
	return map[string]any{"version": version, "question": question, "choices": choices}
}

// readCounts reads the public counts through the API.
func readCounts(t *testing.T, c *client, version string) answers.Stats {
	t.Helper()
	r := c.get(routes.AnswersPath(countedCase) + "?version=" + url.QueryEscape(version))
	if r.StatusCode != 200 {
		t.Fatalf("GET counts: %d %s", r.StatusCode, r.body)
	}
	var s answers.Stats
	r.json(t, &s)
	return s
}

// TestAnswersValidated sends answers right and wrong in every field: the
// right ones are counted (204), each wrong one is refused with the API's
// error and a status saying why, and nothing refused is counted.
func TestAnswersValidated(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL, withStats)
		c := st.client(t)
		_, v := quizOf(t, st)
		path := routes.AnswersPath(countedCase)
		ok := []map[string]any{
			answerBody(v, "meaning-of-without-prejudice", 0),
			answerBody(v, "meaning-of-without-prejudice", 2),
			answerBody(v, "after-the-notice", 1, 0),
			{"version": v, "score": 16},
			{"version": v, "score": 0},
		}
		for _, a := range ok {
			if r := c.send("POST", path, a); r.StatusCode != 204 {
				t.Fatalf("POST %v: %d %s", a, r.StatusCode, r.body)
			}
		}
		tests := []struct {
			name   string
			path   string
			body   any
			header []string
			status int
			code   string
		}{
			{"unknown case", routes.AnswersPath("no-such-case"), answerBody(v, "meaning-of-without-prejudice", 0), nil, 404, "not_found"},
			{"old version", path, answerBody("an-old-version", "meaning-of-without-prejudice", 0), nil, 409, "stale_version"},
			{"no version", path, answerBody("", "meaning-of-without-prejudice", 0), nil, 422, "invalid"},
			{"unknown question", path, answerBody(v, "no-such-question", 0), nil, 422, "invalid"},
			{"no question", path, map[string]any{"version": v, "choices": []int{0}}, nil, 422, "invalid"},
			{"no choice", path, answerBody(v, "meaning-of-without-prejudice"), nil, 422, "invalid"},
			{"choice out of range", path, answerBody(v, "meaning-of-without-prejudice", 4), nil, 422, "invalid"},
			{"negative choice", path, answerBody(v, "meaning-of-without-prejudice", -1), nil, 422, "invalid"},
			{"two choices, single", path, answerBody(v, "meaning-of-without-prejudice", 0, 1), nil, 422, "invalid"},
			{"two choices, true-false", path, answerBody(v, "no-judge-needed", 0, 1), nil, 422, "invalid"},
			{"a choice twice", path, answerBody(v, "after-the-notice", 1, 1), nil, 422, "invalid"},
			{"score too high", path, map[string]any{"version": v, "score": 17}, nil, 422, "invalid"},
			{"score negative", path, map[string]any{"version": v, "score": -1}, nil, 422, "invalid"},
			{"unknown field", path, map[string]any{"version": v, "score": 1, "reader": "x"}, nil, 400, "bad_request"},
			{"not JSON", path, []byte("choices=1"), nil, 400, "bad_request"},
			{"too big", path, []byte(`{"version":"` + strings.Repeat("v", answers.MaxBody) + `"}`), nil, 413, "too_large"},
			{"a form", path, []byte(`{"version":"x"}`), []string{"Content-Type", "text/plain"}, 415, "unsupported_media_type"},
			{"PUT", path, answerBody(v, "meaning-of-without-prejudice", 0), []string{}, 405, "method_not_allowed"},
		}
		for _, tt := range tests {
			method := "POST"
			if tt.name == "PUT" {
				method = "PUT"
			}
			r := c.send(method, tt.path, tt.body, tt.header...)
			if r.StatusCode != tt.status {
				t.Errorf("%s: %d %s; want %d", tt.name, r.StatusCode, r.body, tt.status)
				continue
			}
			if code, msg := r.apiError(t); code != tt.code || msg == "" {
				t.Errorf("%s: error %q %q; want code %q and a message", tt.name, code, msg, tt.code)
			}
		}
		counts, err := st.db.Counts(context.Background(), countedCase, v)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Counts{
			Questions: map[string]store.QuestionCounts{
				"meaning-of-without-prejudice": {Answered: 2, Correct: 1, Choices: map[int]int64{0: 1, 2: 1}},
				"after-the-notice":             {Answered: 1, Correct: 1, Choices: map[int]int64{0: 1, 1: 1}},
			},
			Scores: map[int]int64{0: 1, 16: 1},
		}
		if fmt.Sprint(counts) != fmt.Sprint(want) {
			t.Errorf("counts:\n got %v\nwant %v", counts, want)
		}
		// GET: a version is required and must be the served one.
		if r := c.get(path); r.StatusCode != 400 {
			t.Errorf("GET without a version: %d", r.StatusCode)
		}
		if r := c.get(path + "?version=old"); r.StatusCode != 409 {
			t.Errorf("GET of another version: %d", r.StatusCode)
		}
	})
}

// TestCountsShownAboveThreshold checks that the public counts hold nothing
// until 30 readers answered a question (or finished), and everything then.
func TestCountsShownAboveThreshold(t *testing.T) {
	st := newStudio(t, databases[0].url(t), withStats)
	c := st.client(t)
	_, v := quizOf(t, st)
	q := "no-judge-needed"
	seed := func(n int, choice int, score int) {
		var cs []store.Counted
		for range n {
			cs = append(cs, store.Counted{CaseID: countedCase, Version: v, Question: q, Choices: []int{choice}, Correct: choice == 1},
				store.Counted{CaseID: countedCase, Version: v, Score: score})
		}
		if err := st.db.AddCounts(context.Background(), cs); err != nil {
			t.Fatal(err)
		}
	}
	seed(29, 1, 10)
	s := readCounts(t, c, v)
	if len(s.Questions) != 0 || s.Scores != nil || s.Version != v {
		t.Fatalf("29 readers: %+v; want nothing shown", s)
	}
	st.s.stats.mu.Lock()
	clear(st.s.stats.cache) // the server keeps counts a second
	st.s.stats.mu.Unlock()
	seed(1, 0, 12)
	r := c.get(routes.AnswersPath(countedCase) + "?version=" + v)
	if cc := r.Header.Get("Cache-Control"); cc != statsCacheControl {
		t.Errorf("Cache-Control %q", cc)
	}
	r.json(t, &s)
	got := s.Questions[q]
	if got.Answered != 30 || got.Correct != 29 || fmt.Sprint(got.Choices) != "[1 29]" || len(s.Scores) != 17 || s.Scores[10] != 29 || s.Scores[12] != 1 {
		t.Errorf("30 readers: %+v", s)
	}
}

// TestAnswersRateLimited checks that one client can add no more answers
// than its limit: a burst past it is refused (429, Retry-After) and not
// counted, so it cannot skew a question by more than the limit.
func TestAnswersRateLimited(t *testing.T) {
	st := newStudio(t, databases[0].url(t), func(cfg *Config) { cfg.Stats = true; cfg.StatsPerMinute = 5 })
	c := st.client(t)
	_, v := quizOf(t, st)
	var wg sync.WaitGroup
	codes := make(chan int, 40)
	for range 40 {
		wg.Go(func() {
			codes <- c.send("POST", routes.AnswersPath(countedCase), answerBody(v, "no-judge-needed", 0)).StatusCode
		})
	}
	wg.Wait()
	close(codes)
	n := map[int]int{}
	for code := range codes {
		n[code]++
	}
	if n[204] != 5 || n[429] != 35 {
		t.Errorf("40 answers at once with a limit of 5: %v", n)
	}
	r := c.send("POST", routes.AnswersPath(countedCase), answerBody(v, "no-judge-needed", 0))
	if code, _ := r.apiError(t); r.StatusCode != 429 || code != "rate_limited" || r.Header.Get("Retry-After") == "" {
		t.Errorf("over the limit: %d %q Retry-After %q", r.StatusCode, code, r.Header.Get("Retry-After"))
	}
	counts, _ := st.db.Counts(context.Background(), countedCase, v)
	if got := counts.Questions["no-judge-needed"].Answered; got != 5 {
		t.Errorf("%d answers counted; want the limit, 5", got)
	}
	// Reading the counts is not limited.
	if r := c.get(routes.AnswersPath(countedCase) + "?version=" + v); r.StatusCode != 200 {
		t.Errorf("GET over the answers' limit: %d", r.StatusCode)
	}
}

// TestAnswersLeaveNoTrace checks that counting writes nothing about the
// reader: no log line for an answer sent (it would date each answer), none
// with a client address or anything of a body, and the rate limiter holds a
// keyed hash, not an address.
func TestAnswersLeaveNoTrace(t *testing.T) {
	st := newStudio(t, databases[0].url(t), withStats)
	c := st.client(t)
	_, v := quizOf(t, st)
	for _, body := range []any{answerBody(v, "uk-letters", 1), answerBody(v, "uk-letters", 7), map[string]any{"version": v, "score": 9}} {
		c.send("POST", routes.AnswersPath(countedCase), body, "User-Agent", "Secret-Agent/1.0", "Cookie", "who=me")
	}
	c.get(routes.AnswersPath(countedCase) + "?version=" + v)
	logs := st.log.String()
	if !strings.Contains(logs, "/answers") {
		t.Fatalf("the log does not show the requests; the capture is not working:\n%s", logs)
	}
	for _, line := range strings.Split(logs, "\n") {
		if !strings.Contains(line, "/answers") {
			continue
		}
		if strings.Contains(line, "POST") {
			t.Errorf("an answer sent is logged, with its time: %s", line)
		}
		for _, secret := range []string{"127.0.0.1", v, "uk-letters", "Secret-Agent", "who=me", "choices"} {
			if strings.Contains(line, secret) {
				t.Errorf("a log line holds %q: %s", secret, line)
			}
		}
	}
	// The key is 32 hex digits, so it cannot hold the dotted address; a
	// check for "127" alone would fail whenever the hash happens to hold it.
	key := st.s.stats.clientKey(&http.Request{RemoteAddr: "127.0.0.1:1234"})
	if _, err := hex.DecodeString(key); err != nil || len(key) != 32 || key == newStats(Config{DB: st.db}).clientKey(&http.Request{RemoteAddr: "127.0.0.1:1234"}) {
		t.Errorf("the limiter's key %q is not a per-process hash of the address", key)
	}
}

// TestAnswersCORS checks that only this site may count, unless
// -stats-origin names one other (a static export's): then exactly that one.
func TestAnswersCORS(t *testing.T) {
	dbURL := databases[0].url(t)
	plain := newStudio(t, dbURL, withStats)
	c := plain.client(t)
	_, v := quizOf(t, plain)
	path := routes.AnswersPath(countedCase)
	r := c.send("POST", path, answerBody(v, "uk-letters", 1), "Origin", "https://static.example.org")
	if r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("without -stats-origin, another origin is allowed: %q", r.Header.Get("Access-Control-Allow-Origin"))
	}
	if r := c.send("OPTIONS", path, nil, "Origin", "https://static.example.org", "Access-Control-Request-Method", "POST"); r.StatusCode != 403 {
		t.Errorf("preflight without -stats-origin: %d", r.StatusCode)
	}
	if r := c.get("/api/cases"); r.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("the case data lost its CORS")
	}

	export := newStudio(t, dbURL, withStats, func(cfg *Config) { cfg.StatsOrigin = "https://Static.example.org/" })
	c = export.client(t)
	r = c.send("OPTIONS", path, nil, "Origin", "https://static.example.org", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	if r.StatusCode != 204 || r.Header.Get("Access-Control-Allow-Origin") != "https://static.example.org" ||
		!strings.Contains(r.Header.Get("Access-Control-Allow-Headers"), "Content-Type") || !strings.Contains(r.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("preflight from the export's origin: %d %v", r.StatusCode, r.Header)
	}
	r = c.send("POST", path, answerBody(v, "uk-letters", 1), "Origin", "https://static.example.org")
	if r.StatusCode != 204 || r.Header.Get("Access-Control-Allow-Origin") != "https://static.example.org" || !strings.Contains(r.Header.Get("Vary"), "Origin") {
		t.Errorf("POST from the export's origin: %d %v", r.StatusCode, r.Header)
	}
	for _, other := range []string{"https://evil.example.org", "http://static.example.org", "null"} {
		if r := c.send("OPTIONS", path, nil, "Origin", other, "Access-Control-Request-Method", "POST"); r.StatusCode != 403 || r.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight from %s: %d %q", other, r.StatusCode, r.Header.Get("Access-Control-Allow-Origin"))
		}
	}
	for _, bad := range []string{"static.example.org", "https://static.example.org/path", "ftp://x", "https://user@x.org"} {
		if _, err := cleanOrigin(bad); err == nil {
			t.Errorf("-stats-origin %q was accepted", bad)
		}
	}
}

// TestStatsOff checks that with counting off, the endpoint is not there,
// the browser program is told so, and the privacy page says so.
func TestStatsOff(t *testing.T) {
	st := newStudio(t, databases[0].url(t))
	c := st.client(t)
	_, v := quizOf(t, st)
	if r := c.send("POST", routes.AnswersPath(countedCase), answerBody(v, "uk-letters", 1)); r.StatusCode != 404 {
		t.Errorf("POST with counting off: %d", r.StatusCode)
	}
	if r := c.get(routes.AnswersPath(countedCase) + "?version=" + v); r.StatusCode != 404 {
		t.Errorf("GET with counting off: %d", r.StatusCode)
	}
	if app := string(c.get("/app.js").body); !strings.Contains(app, `"DOCKET_STATS":""`) {
		t.Errorf("app.js does not tell the browser program that nothing is counted")
	}
	if p := string(c.get(routes.Privacy).body); !strings.Contains(p, "does not count quiz answers") {
		t.Errorf("the privacy page does not say that nothing is counted:\n%s", p)
	}
	on := newStudio(t, databases[0].url(t), withStats, func(cfg *Config) { cfg.Base = "/explainers/" })
	oc := on.client(t)
	if app := string(oc.get("/explainers/app.js").body); !strings.Contains(app, `"DOCKET_STATS":"/explainers/"`) {
		t.Errorf("app.js does not tell the browser program where to count")
	}
	p := oc.get("/explainers" + routes.Privacy)
	if page := string(p.body); p.StatusCode != 200 || !strings.Contains(page, "no IP address, no cookie") || !strings.Contains(page, "30 readers") {
		t.Errorf("the privacy page: %d\n%s", p.StatusCode, page)
	}
	res, err := http.Get(on.url + "/explainers" + routes.Privacy)
	if err == nil {
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if len(res.Cookies()) > 0 {
			t.Errorf("the privacy page sets cookies: %v", res.Cookies())
		}
	}
}
