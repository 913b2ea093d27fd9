package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/casefile"
)

// docketBinary is bin/docket, which `make build` writes.
func docketBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(browsertest.ModuleRoot(t), "bin", "docket")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s is missing: build it with `make build` (make test does) before this test", bin)
	}
	return bin
}

// serveBinary starts bin/docket serve in dir with args and returns it and
// its address once it listens.
func serveBinary(t *testing.T, dir string, env []string, args ...string) (*binary, string) {
	t.Helper()
	srv := startBinaryIn(t, dir, env, docketBinary(t), append([]string{"serve", "-addr", "127.0.0.1:0"}, args...)...)
	return srv, logField(srv.log.waitFor(t, "msg=serving", 30*time.Second, srv.exited), "url")
}

// TestFirstRun runs bin/docket serve as `make run` does on a fresh clone:
// no flags, no database. It makes ./docket-data/docket.db (a folder and a
// file only its owner can read), prints the one-time setup link on its
// console, and the link opens the form that creates the first account.
func TestFirstRun(t *testing.T) {
	browsertest.Parallel(t)
	dir := t.TempDir()
	srv, url := serveBinary(t, dir, nil)
	line := srv.log.waitFor(t, "/studio/setup?token=", 10*time.Second, srv.exited)
	link := strings.TrimSpace(line)
	if !strings.HasPrefix(link, url+"/studio/setup?token=") {
		t.Errorf("the setup link %q is not on the server's address %s", link, url)
	}
	token := link[strings.Index(link, "token=")+len("token="):]
	for _, l := range strings.Split(srv.log.String(), "\n") {
		if strings.Contains(l, token) && strings.Contains(l, "level=") {
			t.Errorf("a log line holds the setup token: %s", l)
		}
	}
	for path, mode := range map[string]os.FileMode{"docket-data": 0o700, "docket-data/docket.db": 0o600} {
		fi, err := os.Stat(filepath.Join(dir, path))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if fi.Mode().Perm() != mode {
			t.Errorf("%s has mode %v; want %v", path, fi.Mode().Perm(), mode)
		}
	}
	res, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "Create the first account") {
		t.Errorf("the setup link = %d", res.StatusCode)
	}
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-srv.exited

	// Started again with an account (made by `docket user add`): no link.
	add := startBinaryIn(t, dir, []string{"DOCKET_PASSWORD=" + editorPassword}, docketBinary(t), "user", "add", "ed")
	<-add.exited
	if add.cmd.ProcessState.ExitCode() != 0 {
		t.Fatalf("docket user add: %s", add.log)
	}
	again, _ := serveBinary(t, dir, nil)
	time.Sleep(500 * time.Millisecond)
	if strings.Contains(again.log.String(), "setup") {
		t.Errorf("with an account, serve still prints a setup link:\n%s", again.log)
	}
}

const editorPassword = "a passphrase for the crash test"

// editorClient speaks to the editor API with a session.
type editorClient struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

func newEditorClient(t *testing.T, base string) *editorClient {
	jar, _ := cookiejar.New(nil)
	return &editorClient{t: t, base: base, http: &http.Client{Jar: jar, Timeout: 20 * time.Second}}
}

// send makes a request with a JSON body and returns the status and body,
// or an error when the request did not complete (the server was killed).
func (c *editorClient) send(method, path string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	res, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

func (c *editorClient) must(method, path string, body any, want int, into any) {
	c.t.Helper()
	code, b, err := c.send(method, path, body)
	if err != nil || code != want {
		c.t.Fatalf("%s %s = %d %.300s, %v; want %d", method, path, code, b, err, want)
	}
	if into != nil {
		if err := json.Unmarshal(b, into); err != nil {
			c.t.Fatal(err)
		}
	}
}

func (c *editorClient) signIn(login, password string) {
	c.t.Helper()
	var s struct {
		CSRFToken string `json:"csrfToken"`
	}
	c.must("POST", "/api/editor/session", map[string]string{"login": login, "password": password}, 200, &s)
	c.csrf = s.CSRFToken
}

// crashCase is the case a crash-test writer saves at a revision: the
// shipped case with its own id and a title naming the revision, so any
// stored draft or version can be checked whole and matched to its save.
func crashCase(t *testing.T, id string, revision int64) map[string]any {
	b, err := os.ReadFile(filepath.Join(browsertest.ModuleRoot(t), "web", "cases", "twitter-v-dhs-2017.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	json.Unmarshal(b, &c)
	c["id"], c["title"] = id, crashTitle(id, revision)
	return c
}

func crashTitle(id string, revision int64) string {
	return fmt.Sprintf("Crash %s at revision %d", id, revision)
}

// TestCrashDuringEditorWrites kills bin/docket with SIGKILL in the middle
// of a burst of saves and publishes through the editor API, on SQLite and
// on PostgreSQL, starts it again on the same database, and checks that
// every write it acknowledged is there, every version is whole (it
// decodes and validates, and is one of the saves), and readers are served
// the latest.
func TestCrashDuringEditorWrites(t *testing.T) {
	browsertest.Parallel(t)
	forEachBackend(t, crashTest)
}

func crashTest(t *testing.T, dbURL string) {
	const writers, killAt = 4, 240
	dir := t.TempDir()
	add := startBinaryIn(t, dir, []string{"DOCKET_PASSWORD=" + editorPassword}, docketBinary(t), "user", "add", "-db", dbURL, "ed")
	<-add.exited
	if add.cmd.ProcessState.ExitCode() != 0 {
		t.Fatalf("docket user add: %s", add.log)
	}
	srv, url := serveBinary(t, dir, nil, "-db", dbURL)
	c := newEditorClient(t, url)
	c.signIn("ed", editorPassword)
	for i := range writers {
		id := fmt.Sprint("crash-", i)
		c.must("POST", "/api/editor/cases", map[string]any{"id": id, "case": crashCase(t, id, 1)}, 201, nil)
	}

	// Each writer saves its case again and again, and publishes every
	// third save; what the server acknowledged is recorded.
	type acked struct {
		revision int64 // the highest acknowledged save
		versions map[int]int64
	}
	var mu sync.Mutex
	acks := make([]acked, writers)
	total := 0
	killed := make(chan struct{})
	var once sync.Once
	kill := func() {
		once.Do(func() {
			srv.cmd.Process.Signal(syscall.SIGKILL)
			close(killed)
		})
	}
	start := time.Now()
	var wg sync.WaitGroup
	for i := range writers {
		acks[i] = acked{revision: 1, versions: map[int]int64{}}
		wg.Go(func() {
			id := fmt.Sprint("crash-", i)
			for rev := int64(1); ; rev++ {
				code, _, err := c.send("PUT", "/api/editor/cases/"+id+"/draft", map[string]any{"revision": rev, "case": crashCase(t, id, rev+1)})
				if err != nil {
					return // killed
				}
				if code != 200 {
					t.Errorf("save %s at %d = %d", id, rev, code)
					return
				}
				mu.Lock()
				acks[i].revision = rev + 1
				total++
				n := total
				mu.Unlock()
				if n >= killAt {
					kill()
				}
				if rev%3 != 0 {
					continue
				}
				var v struct {
					Number int `json:"number"`
				}
				code, b, err := c.send("POST", "/api/editor/cases/"+id+"/publish", map[string]any{"revision": rev + 1, "note": "crash test"})
				if err != nil {
					return
				}
				if code != 201 || json.Unmarshal(b, &v) != nil {
					t.Errorf("publish %s at %d = %d %.200s", id, rev+1, code, b)
					return
				}
				mu.Lock()
				acks[i].versions[v.Number] = rev + 1
				total++
				n = total
				mu.Unlock()
				if n >= killAt {
					kill()
				}
			}
		})
	}
	select {
	case <-killed:
	case <-time.After(3 * time.Minute):
		kill()
		t.Error("the burst did not reach its writes within 3 minutes")
	}
	burst := time.Since(start)
	wg.Wait()
	<-srv.exited
	t.Logf("killed after %d acknowledged writes in %v", total, burst.Round(time.Millisecond))

	// Started again: every acknowledged write is there, whole.
	_, url = serveBinary(t, dir, nil, "-db", dbURL)
	c = newEditorClient(t, url)
	c.signIn("ed", editorPassword)
	unacked := 0
	for i := range writers {
		id := fmt.Sprint("crash-", i)
		var d struct {
			Revision      int64           `json:"revision"`
			LatestVersion int             `json:"latestVersion"`
			Case          json.RawMessage `json:"case"`
		}
		c.must("GET", "/api/editor/cases/"+id+"/draft", nil, 200, &d)
		if d.Revision < acks[i].revision {
			t.Errorf("%s: the draft is at revision %d; revision %d was acknowledged", id, d.Revision, acks[i].revision)
		}
		unacked += int(d.Revision - acks[i].revision)
		checkWhole(t, id+"'s draft", d.Case, crashTitle(id, d.Revision))
		var list struct {
			Versions []struct {
				Number int `json:"number"`
			} `json:"versions"`
		}
		c.must("GET", "/api/editor/cases/"+id+"/versions", nil, 200, &list)
		stored := map[int]bool{}
		for _, v := range list.Versions {
			stored[v.Number] = true
			var full struct {
				Case json.RawMessage `json:"case"`
			}
			c.must("GET", fmt.Sprintf("/api/editor/cases/%s/versions/%d", id, v.Number), nil, 200, &full)
			if want, ok := acks[i].versions[v.Number]; ok {
				checkWhole(t, fmt.Sprintf("%s version %d", id, v.Number), full.Case, crashTitle(id, want))
			} else {
				unacked++
				checkWhole(t, fmt.Sprintf("%s version %d (unacknowledged)", id, v.Number), full.Case, "")
			}
		}
		for n := range acks[i].versions {
			if !stored[n] {
				t.Errorf("%s: version %d was acknowledged and is gone", id, n)
			}
		}
		if len(list.Versions) > 0 {
			code, page, _ := c.send("GET", "/cases/"+id+"/", nil)
			if code != 200 || !regexp.MustCompile(`Crash `+id+` at revision \d+`).Match(page) {
				t.Errorf("%s: the reader's page = %d after the restart", id, code)
			}
		}
	}
	t.Logf("after the restart: every acknowledged write found; %d committed writes had not been acknowledged when the kill came", unacked)
}

// checkWhole checks that a stored case is a whole case: it decodes and
// validates, and has the title of the save it came from ("" for any).
func checkWhole(t *testing.T, what string, data []byte, title string) {
	t.Helper()
	c, problems := casefile.Check(what, data)
	if c == nil || len(problems) > 0 {
		t.Errorf("%s is not a whole case: %v", what, problems)
		return
	}
	if title != "" && c.Title != title {
		t.Errorf("%s has the title %q; want %q", what, c.Title, title)
	}
	if title == "" && !strings.HasPrefix(c.Title, "Crash ") {
		t.Errorf("%s has the title %q, of no save", what, c.Title)
	}
}
