package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"docket/internal/auth"
	"docket/internal/pgtest"
	"docket/internal/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// databases are the databases every test of the editor's side runs
// against, each test with a new, empty one.
var databases = []struct {
	name string
	url  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "docket.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.Database(t) }},
}

// forEachDatabase runs test once per database, each with a new one.
func forEachDatabase(t *testing.T, test func(t *testing.T, dbURL string)) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) { test(t, d.url(t)) })
	}
}

// cheapParams make password hashing fast in tests; auth tests the real ones.
var cheapParams = auth.Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// logBuffer collects everything a server logs and prints on its console.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// studio is a server with a database, serving over HTTP on loopback (as
// `docket serve` does, its watcher running) until the test ends.
type studio struct {
	s       *Server
	db      *store.DB
	dbURL   string
	url     string // http://127.0.0.1:PORT
	log     *logBuffer
	console *logBuffer
	hasher  *auth.Hasher
}

// newStudio starts a server on the database at dbURL.
func newStudio(t *testing.T, dbURL string, cfgs ...func(*Config)) *studio {
	t.Helper()
	db, err := store.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatalf("opening %s: %v", dbURL, err)
	}
	t.Cleanup(func() { db.Close() })
	st := &studio{db: db, dbURL: dbURL, log: &logBuffer{}, console: &logBuffer{}, hasher: auth.NewHasher(cheapParams, 4)}
	cfg := Config{DB: db, Log: slog.New(slog.NewTextHandler(st.log, nil)), Console: st.console, Hasher: st.hasher, CheckEvery: 100 * time.Millisecond}
	for _, f := range cfgs {
		f(&cfg)
	}
	if st.s, err = New(cfg, testWeb(t)); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	st.url = "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- st.s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return st
}

// addAccount creates an account with a password, as `docket user add` does.
func (st *studio) addAccount(t *testing.T, login string, role store.Role, password string) store.User {
	t.Helper()
	hash, err := st.hasher.Hash(context.Background(), password)
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.db.CreateUser(context.Background(), store.NewUser{Login: login, Name: strings.ToUpper(login), Role: role, PasswordHash: hash}, store.CommandLine)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// client is a browser of the editor API: it keeps cookies, and the CSRF
// token the last sign-in answered.
type client struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

func (st *studio) client(t *testing.T) *client { return newClient(t, st.url) }

// signedIn adds an account and returns it with a client signed in as it.
func (st *studio) signedIn(t *testing.T, login string, role store.Role, password string) (*client, store.User) {
	t.Helper()
	u := st.addAccount(t, login, role, password)
	c := st.client(t)
	c.signIn(login, password)
	return c, u
}

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: base, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// response is an answer, its body read.
type response struct {
	*http.Response
	body []byte
}

// json decodes the body into v, failing the test if it is not JSON.
func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("%s %s: %d, body %q is not JSON: %v", r.Request.Method, r.Request.URL.Path, r.StatusCode, r.body, err)
	}
}

// apiError is the API's error body.
func (r response) apiError(t *testing.T) (code, message string) {
	t.Helper()
	var e apiErrorBody
	r.json(t, &e)
	return e.Error.Code, e.Error.Message
}

// send makes a request with a JSON body (nil: none; []byte: as it is),
// the CSRF token, and header pairs.
func (c *client) send(method, path string, body any, header ...string) response {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return response{res, b}
}

// signIn signs in through the API and keeps the CSRF token.
func (c *client) signIn(login, password string) sessionJSON {
	c.t.Helper()
	r := c.send("POST", "/api/editor/session", map[string]string{"login": login, "password": password})
	if r.StatusCode != 200 {
		c.t.Fatalf("sign in as %s: %d %s", login, r.StatusCode, r.body)
	}
	var s sessionJSON
	r.json(c.t, &s)
	c.csrf = s.CSRFToken
	return s
}

// cookie is the session cookie the client holds, or "".
func (c *client) cookie() string {
	u, _ := http.NewRequest("GET", c.base+"/", nil)
	for _, k := range c.http.Jar.Cookies(u.URL) {
		if k.Name == sessionCookie {
			return k.Value
		}
	}
	return ""
}

// get fetches a reader's path and returns the status and body.
func (c *client) get(path string) response { return c.send("GET", path, nil) }

// shippedCase is the shipped case file with another id and title.
func shippedCase(t *testing.T, id, title string) map[string]any {
	t.Helper()
	b, err := os.ReadFile("../../web/cases/twitter-v-dhs-2017.json")
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	c["id"], c["title"] = id, title
	return c
}

// publishCase creates a case through the API from a valid case and
// publishes it, and returns the version.
func (c *client) publishCase(id, title string) versionJSON {
	c.t.Helper()
	r := c.send("POST", "/api/editor/cases", map[string]any{"id": id, "case": shippedCase(c.t, id, title)})
	if r.StatusCode != 201 {
		c.t.Fatalf("create %s: %d %s", id, r.StatusCode, r.body)
	}
	var d draftJSON
	r.json(c.t, &d)
	r = c.send("POST", "/api/editor/cases/"+id+"/publish", map[string]any{"revision": d.Revision, "note": "first"})
	if r.StatusCode != 201 {
		c.t.Fatalf("publish %s: %d %s", id, r.StatusCode, r.body)
	}
	var v versionJSON
	r.json(c.t, &v)
	return v
}
