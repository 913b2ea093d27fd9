package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"docket/internal/store"
)

// syncBuffer is a buffer that a running command writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `docket serve` with args and vars until the test ends,
// and returns its address and its output.
func startServe(t *testing.T, vars map[string]string, args ...string) (string, *syncBuffer) {
	t.Helper()
	var out syncBuffer
	addr := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	env := Env{Stdout: &out, Stderr: &out, Getenv: func(k string) string { return vars[k] }, Web: standInWeb(t),
		Listening: func(a string) { addr <- a }}
	go func() { done <- Run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), env) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited with %d:\n%s", code, out.String())
		}
	})
	select {
	case a := <-addr:
		return "http://" + a, &out
	case code := <-done:
		t.Fatalf("serve exited with %d:\n%s", code, out.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not listen:\n%s", out.String())
	}
	return "", nil
}

// TestServeFirstRun checks serve's start on a database with no account:
// its output names the database and prints the one-time setup link, which
// opens the setup form; with an account, no link.
func TestServeFirstRun(t *testing.T) {
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "data", "docket.db")
	vars := map[string]string{"DATABASE_URL": dbURL}
	url, out := startServe(t, vars)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "/studio/setup?token=") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	text := out.String()
	i := strings.Index(text, url+"/studio/setup?token=")
	if i < 0 {
		t.Fatalf("serve printed no setup link on %s:\n%s", url, text)
	}
	if !strings.Contains(text, "msg=database db="+dbURL) {
		t.Errorf("serve's log does not name the database %s:\n%s", dbURL, text)
	}
	link, _, _ := strings.Cut(text[i:], "\n")
	res, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("the setup link = %d", res.StatusCode)
	}

	if code, _, errs := runWith(map[string]string{"DATABASE_URL": dbURL, "DOCKET_PASSWORD": "a long enough passphrase"}, "user", "add", "ed"); code != 0 {
		t.Fatalf("user add: %d %s", code, errs)
	}
	_, out = startServe(t, vars)
	time.Sleep(300 * time.Millisecond)
	if strings.Contains(out.String(), "setup") {
		t.Errorf("with an account, serve printed a setup link:\n%s", out.String())
	}
}

// publishInDatabase makes the database at dbURL with two copies of the
// shipped case: "from-db", published, and "taken-down", published and then
// unpublished.
func publishInDatabase(t *testing.T, dbURL string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b, err := os.ReadFile("../../web/cases/twitter-v-dhs-2017.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"from-db", "taken-down"} {
		var c map[string]any
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		c["id"], c["title"] = id, "Published in the database: "+id
		data, _ := json.Marshal(c)
		if _, err := db.CreateCase(ctx, id, data, store.CommandLine); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Publish(ctx, store.PublishRequest{CaseID: id, Revision: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Unpublish(ctx, "taken-down", store.CommandLine, ""); err != nil {
		t.Fatal(err)
	}
}

// TestExportFromDatabase checks `docket export -db`: the database's
// published cases are exported beside the files', a case taken down is
// not, and a SQLite file that does not exist is an error, not a new
// database.
func TestExportFromDatabase(t *testing.T) {
	dir := t.TempDir()
	dbURL := "sqlite:" + filepath.Join(dir, "docket.db")
	publishInDatabase(t, dbURL)

	run := func(vars map[string]string, args ...string) (int, string, string) {
		return runEnv(Env{Getenv: func(k string) string { return vars[k] }, Web: standInWeb(t)}, args...)
	}
	for _, tc := range []struct {
		name string
		vars map[string]string
		args []string
	}{
		{"-db", nil, []string{"-db", dbURL}},
		{"DATABASE_URL", map[string]string{"DATABASE_URL": dbURL}, nil},
	} {
		out := filepath.Join(dir, "site-"+tc.name)
		code, _, errs := run(tc.vars, append([]string{"export", "-out", out, "-url", "https://news.example.org/"}, tc.args...)...)
		if code != 0 {
			t.Fatalf("export with %s: exit %d: %s", tc.name, code, errs)
		}
		page, err := os.ReadFile(filepath.Join(out, "cases", "from-db", "index.html"))
		if err != nil || !strings.Contains(string(page), "Published in the database: from-db") {
			t.Errorf("export with %s: the database's case page: %v", tc.name, err)
		}
		if _, err := os.Stat(filepath.Join(out, "api", "cases", "from-db.json")); err != nil {
			t.Errorf("export with %s: the database's case data: %v", tc.name, err)
		}
		if _, err := os.Stat(filepath.Join(out, "cases", "taken-down")); err == nil {
			t.Errorf("export with %s wrote the page of a case taken down", tc.name)
		}
	}

	missing := filepath.Join(dir, "nothing-here.db")
	code, _, errs := run(nil, "export", "-out", filepath.Join(dir, "never"), "-db", "sqlite:"+missing)
	if code != 1 || !strings.Contains(errs, "no database there") {
		t.Errorf("export from a missing database: exit %d, %q; want 1 and why", code, errs)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("export made the database it was told to read")
	}
}
