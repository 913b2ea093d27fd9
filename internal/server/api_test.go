package server

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"docket/internal/casefile"
)

// TestCaseAPI checks /api/cases and /api/cases/{id}: JSON, strong ETags and
// 304s, caching, JSON errors, and HEAD wherever GET works.
func TestCaseAPI(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()

	w := do(t, h, "GET", "/api/cases")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET /api/cases = %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	var index []casefile.Summary
	if err := json.Unmarshal(w.Body.Bytes(), &index); err != nil {
		t.Fatal(err)
	}
	if len(index) != 1 || index[0].ID != "twitter-v-dhs-2017" || index[0].Title == "" || index[0].First.Value == "" {
		t.Errorf("index = %+v; want the one shipped case with its title and dates", index)
	}

	w = do(t, h, "GET", "/api/cases/twitter-v-dhs-2017", "Accept-Encoding", "br")
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "br" || w.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("GET case with br = %d, encoding %q, vary %q", w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("Vary"))
	}
	w = do(t, h, "GET", "/api/cases/twitter-v-dhs-2017")
	var c casefile.Case
	if err := json.Unmarshal(w.Body.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "twitter-v-dhs-2017" || len(c.Events) == 0 || len(c.Quiz.Questions) == 0 {
		t.Errorf("case = %s with %d events, %d questions", c.ID, len(c.Events), len(c.Quiz.Questions))
	}
	etag := w.Header().Get("ETag")
	if !strings.HasPrefix(etag, `"`) {
		t.Errorf("ETag %q is not strong", etag)
	}
	if got := w.Header().Get("Cache-Control"); got != apiCacheControl {
		t.Errorf("Cache-Control = %q; want %q", got, apiCacheControl)
	}
	if w := do(t, h, "GET", "/api/cases/twitter-v-dhs-2017", "If-None-Match", etag); w.Code != 304 {
		t.Errorf("If-None-Match = %d; want 304", w.Code)
	}
	// The name the case has in a static export, which pages link, is the same file.
	if w := do(t, h, "GET", "/api/cases/twitter-v-dhs-2017.json"); w.Code != 200 || w.Header().Get("ETag") != etag {
		t.Errorf("GET /api/cases/twitter-v-dhs-2017.json = %d, ETag %q; want 200 and %q", w.Code, w.Header().Get("ETag"), etag)
	}

	errorsTests := []struct {
		method, target string
		status         int
		allow          string
		code, msg      string
	}{
		{"GET", "/api/cases/nope", 404, "", "not_found", `no case with id "nope"`},
		{"POST", "/api/cases", 405, "GET, HEAD", "method_not_allowed", "method POST is not allowed"},
		{"DELETE", "/api/cases/twitter-v-dhs-2017", 405, "GET, HEAD", "method_not_allowed", "method DELETE is not allowed"},
		{"GET", "/api/other", 404, "", "not_found", "no such API endpoint"},
	}
	for _, tt := range errorsTests {
		w := do(t, h, tt.method, tt.target)
		var body apiErrorBody
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Errorf("%s %s: body %q is not JSON", tt.method, tt.target, w.Body.String())
		}
		if w.Code != tt.status || w.Header().Get("Allow") != tt.allow || body.Error.Code != tt.code || !strings.Contains(body.Error.Message, tt.msg) {
			t.Errorf("%s %s = %d Allow %q error %+v; want %d %q %q %q", tt.method, tt.target, w.Code, w.Header().Get("Allow"), body.Error, tt.status, tt.allow, tt.code, tt.msg)
		}
	}

	for _, target := range []string{"/api/cases", "/api/cases/twitter-v-dhs-2017"} {
		get, head := do(t, h, "GET", target), do(t, h, "HEAD", target)
		if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Length") != get.Header().Get("Content-Length") {
			t.Errorf("HEAD %s = %d, %d bytes, length %s; want 200, none, %s", target, head.Code, head.Body.Len(), head.Header().Get("Content-Length"), get.Header().Get("Content-Length"))
		}
	}
}

// TestExtraCasesFolder checks -cases: a second, different case is served
// beside the built-in one and listed in /api/cases; the default stays.
func TestExtraCasesFolder(t *testing.T) {
	s, err := New(Config{CasesDir: "../casefile/testdata/second-case", Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	var index []casefile.Summary
	json.Unmarshal(do(t, s.Handler(), "GET", "/api/cases").Body.Bytes(), &index)
	var ids []string
	for _, c := range index {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, ",") != "twitter-v-dhs-2017,demo-appeal" {
		t.Errorf("/api/cases lists %v; want the built-in case, then demo-appeal", ids)
	}
	if w := do(t, s.Handler(), "GET", "/cases/demo-appeal"); w.Code != 200 || !strings.Contains(w.Body.String(), "Demo") {
		t.Errorf("GET /cases/demo-appeal = %d", w.Code)
	}
	if w := do(t, s.Handler(), "GET", "/cases/no-such-case"); w.Code != 404 {
		t.Errorf("GET /cases/no-such-case = %d; want 404", w.Code)
	}
}

// TestBadCaseStopsTheStart checks that an invalid case file in -cases stops
// the server, naming the file and the field.
func TestBadCaseStopsTheStart(t *testing.T) {
	dir := t.TempDir()
	b, err := readFile("../casefile/testdata/invalid/many-problems.json")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir+"/broken.json", b)
	_, err = New(Config{CasesDir: dir}, testWeb(t))
	if err == nil {
		t.Fatal("New with an invalid case = nil error")
	}
	for _, want := range []string{"broken.json", "events[0].date.value", "is not a date"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// apiErrorBody is the API's error, the reader's and the editor's alike.
type apiErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}
