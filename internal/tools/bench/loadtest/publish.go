package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/andybalholm/brotli"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// The publishing run: readers on one case's page while an editor publishes
// the case anew every second through the editor API, as during a
// developing story. Every answer must succeed and be a whole page of one
// published version: its title, heading, social tags and embedded data all
// name the same version, one the editor has published. Docket's memory
// must stay flat.

// publishCaseID is the case the editor publishes; its title names its
// version ("Bench edition 7").
const publishCaseID = "bench-live"

var editionRE = regexp.MustCompile(`Bench edition (\d+)`)

func edition(n int) string { return fmt.Sprintf("Bench edition %d", n) }

// publishing is what the publishing run measured.
type publishing struct {
	Workers   int     `json:"workers"`
	DurationS float64 `json:"duration_s"`
	Path      string  `json:"path"`
	stats
	// Mixed are answers that were not a whole page of exactly one
	// published version.
	Mixed             int     `json:"mixed"`
	VersionsPublished int     `json:"versions_published"`
	VersionsSeen      int     `json:"versions_seen"`
	PublishP50Ms      float64 `json:"publish_p50_ms"` // a save and a publish, as the editor waits for them
	PublishMaxMs      float64 `json:"publish_max_ms"`
	RSSKiB            []int64 `json:"rss_kib"`
	GrowthPct         float64 `json:"growth_pct"`
}

// publishRun makes an editor's account, creates and publishes the case,
// and reads its page from cfg.PublishWorkers workers for cfg.Publish while
// the editor publishes it every cfg.PublishEvery. It returns the figures
// and the problems found.
func publishRun(ctx context.Context, cfg *config, srv *server) (*publishing, []string, error) {
	doc, err := os.ReadFile(cfg.CaseFile)
	if err != nil {
		return nil, nil, err
	}
	ed, err := newEditor(srv, doc)
	if err != nil {
		return nil, nil, fmt.Errorf("the publishing run's editor: %w\n%s", err, srv.Logs())
	}
	p := &publishing{Workers: cfg.PublishWorkers, DurationS: cfg.Publish.Seconds(), Path: "/cases/" + publishCaseID + "/"}
	fmt.Fprintf(os.Stderr, "publishing: %d workers on %s for %s while an editor publishes it every %s\n", p.Workers, p.Path, cfg.Publish, cfg.PublishEvery)

	runCtx, stop := context.WithTimeout(ctx, cfg.Publish)
	defer stop()
	var attempted atomic.Int64 // the newest version the editor has set out to publish
	attempted.Store(1)
	var publishTimes []time.Duration
	var editorErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(cfg.PublishEvery)
		defer tick.Stop()
		for n := 2; ; n++ {
			select {
			case <-runCtx.Done():
				return
			case <-tick.C:
			}
			attempted.Store(int64(n))
			start := time.Now()
			if err := ed.publish(n); err != nil {
				if runCtx.Err() == nil {
					editorErr = fmt.Errorf("publishing version %d: %w", n, err)
				}
				return
			}
			publishTimes = append(publishTimes, time.Since(start))
			p.VersionsPublished = n
		}
	})

	seen := map[int]int{}
	tick := time.NewTicker(5 * time.Second)
	sample := func() {
		if kib, err := srv.RSS(); err == nil {
			p.RSSKiB = append(p.RSSKiB, kib)
		}
	}
	sample()
	p.stats = attack(srv.URL, []path{{p.Path, "gzip, deflate, br"}}, cfg.PublishWorkers, cfg.Publish, cfg.Timeout, func(res *vegeta.Result) {
		if res.Code == http.StatusOK {
			switch n := pageEdition(res); {
			case n == 0 || int64(n) > attempted.Load():
				p.Mixed++
			default:
				seen[n]++
			}
		}
		select {
		case <-tick.C:
			sample()
		default:
		}
	})
	tick.Stop()
	stop()
	wg.Wait()
	sample()

	p.VersionsSeen = len(seen)
	if len(publishTimes) > 0 {
		slices.Sort(publishTimes)
		p.PublishP50Ms = float64(publishTimes[len(publishTimes)/2]) / 1e6
		p.PublishMaxMs = float64(publishTimes[len(publishTimes)-1]) / 1e6
	}
	var problems []string
	if editorErr != nil {
		problems = append(problems, "publishing: "+editorErr.Error())
	}
	if p.Errors > 0 {
		problems = append(problems, fmt.Sprintf("publishing: %d failed requests: %v %v", p.Errors, p.Codes, p.ErrorText))
	}
	if p.Mixed > 0 {
		problems = append(problems, fmt.Sprintf("publishing: %d answers were not a whole page of one published version", p.Mixed))
	}
	if p.VersionsSeen < p.VersionsPublished/2 {
		problems = append(problems, fmt.Sprintf("publishing: readers saw %d of %d versions: publishes did not reach them", p.VersionsSeen, p.VersionsPublished))
	}
	if n := len(p.RSSKiB); n >= 3 {
		p.GrowthPct = 100 * float64(p.RSSKiB[n-1]-p.RSSKiB[1]) / float64(p.RSSKiB[1])
		if p.GrowthPct > cfg.MaxGrowthPct {
			problems = append(problems, fmt.Sprintf("publishing: resident memory grew %.0f%% after the first 5 s (limit %.0f%%)", p.GrowthPct, cfg.MaxGrowthPct))
		}
	}
	return p, problems, nil
}

// pageEdition is the one version a page names, or 0 when it names none or
// several (or cannot be read).
func pageEdition(res *vegeta.Result) int {
	var body io.Reader = bytes.NewReader(res.Body)
	switch res.Headers.Get("Content-Encoding") {
	case "br":
		body = brotli.NewReader(body)
	case "gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return 0
		}
		body = zr
	}
	page, err := io.ReadAll(body)
	if err != nil {
		return 0
	}
	found := 0
	for _, m := range editionRE.FindAllSubmatch(page, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		if found != 0 && n != found {
			return 0
		}
		found = n
	}
	return found
}

func (p *publishing) table(w io.Writer) {
	fmt.Fprintf(w, "\npublishing: %d workers on %s for %gs while an editor published it every second: %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors\n",
		p.Workers, p.Path, p.DurationS, p.Requests, p.ReqPerSec, p.P50Ms, p.P99Ms, p.Errors)
	fmt.Fprintf(w, "      %d versions published (a save and a publish: p50 %.0f ms, max %.0f ms), %d seen by readers; %d answers not wholly one published version\n",
		p.VersionsPublished, p.PublishP50Ms, p.PublishMaxMs, p.VersionsSeen, p.Mixed)
	fmt.Fprintf(w, "      resident memory every 5 s (KiB): %v; %+.1f%% after the first 5 s\n", p.RSSKiB, p.GrowthPct)
}

// editor is an editor's session with the editor API.
type editor struct {
	base string
	http *http.Client
	csrf string
	doc  map[string]any
}

// newEditor makes an account with `docket user add`, signs in, and
// creates and publishes the case as version 1.
func newEditor(srv *server, doc []byte) (*editor, error) {
	const login, password = "editor", "a passphrase for the load run"
	add := exec.Command(srv.Bin, "user", "add", "-db", srv.db, login)
	add.Dir = srv.Dir
	add.Env = append(os.Environ(), "DOCKET_PASSWORD="+password)
	if out, err := add.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("docket user add: %v: %s", err, out)
	}
	jar, _ := cookiejar.New(nil)
	e := &editor{base: srv.URL, http: &http.Client{Jar: jar, Timeout: time.Minute}}
	if err := json.Unmarshal(doc, &e.doc); err != nil {
		return nil, err
	}
	var s struct {
		CSRFToken string `json:"csrfToken"`
	}
	if err := e.send("POST", "/api/editor/session", map[string]string{"login": login, "password": password}, http.StatusOK, &s); err != nil {
		return nil, err
	}
	e.csrf = s.CSRFToken
	e.doc["id"], e.doc["title"] = publishCaseID, edition(1)
	if err := e.send("POST", "/api/editor/cases", map[string]any{"id": publishCaseID, "case": e.doc}, http.StatusCreated, nil); err != nil {
		return nil, err
	}
	return e, e.send("POST", "/api/editor/cases/"+publishCaseID+"/publish", map[string]any{"revision": 1, "note": "load run"}, http.StatusCreated, nil)
}

// publish saves version n as the draft's revision n and publishes it.
func (e *editor) publish(n int) error {
	e.doc["title"] = edition(n)
	if err := e.send("PUT", "/api/editor/cases/"+publishCaseID+"/draft", map[string]any{"revision": n - 1, "case": e.doc}, http.StatusOK, nil); err != nil {
		return err
	}
	return e.send("POST", "/api/editor/cases/"+publishCaseID+"/publish", map[string]any{"revision": n, "note": "load run"}, http.StatusCreated, nil)
}

func (e *editor) send(method, path string, body any, want int, into any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(method, e.base+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", e.csrf)
	res, err := e.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	answer, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != want {
		return fmt.Errorf("%s %s = %d %.300s", method, path, res.StatusCode, answer)
	}
	if into != nil {
		return json.Unmarshal(answer, into)
	}
	return nil
}
