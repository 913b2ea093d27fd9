// Command publishload measures bin/docket while a case is published again
// and again, as during a developing story: many readers on the case's page
// while an editor publishes it anew every second through the editor API.
// Every answer must succeed and be a whole page of one published version
// (its title, heading, social tags and embedded data all name the same
// version, one that was published); Docket's resident memory must stay
// flat. It prints a table, writes the figures as JSON, and fails when any
// of that does not hold.
//
//	go run ./internal/tools/publishload [-bin bin/docket] [-readers 256] [-duration 60s]
//
// Everything stays on this machine: Docket listens on 127.0.0.1 with a new
// SQLite database in a temporary folder, removed at the end.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/andybalholm/brotli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "publishload:", err)
		os.Exit(1)
	}
}

// config is what a run measures; the flags bind into it.
type config struct {
	Bin, Out, CaseFile string
	Readers            int
	Duration, Every    time.Duration
	Timeout            time.Duration
	MaxGrowthPct       float64
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := flag.NewFlagSet("publishload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Bin, "bin", "bin/docket", "the built server")
	fs.StringVar(&c.Out, "out", "bin/bench/publish.json", "where to write the figures as JSON")
	fs.StringVar(&c.CaseFile, "case", "web/cases/twitter-v-dhs-2017.json", "the case file the editor publishes (with its own id and title)")
	fs.IntVar(&c.Readers, "readers", 256, "readers, each with its own keep-alive connection, reading the case's page as fast as it is answered")
	fs.DurationVar(&c.Duration, "duration", 60*time.Second, "length of the run")
	fs.DurationVar(&c.Every, "every", time.Second, "how often the editor publishes")
	fs.DurationVar(&c.Timeout, "timeout", 20*time.Second, "a response slower than this counts as an error (the two cores are shared with the readers)")
	fs.Float64Var(&c.MaxGrowthPct, "max-growth", 25, "the most Docket's resident memory may grow, in percent, after the run's first 5 s")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case c.Readers < 1 || c.Readers > 10000:
		return nil, errors.New("-readers: want 1 to 10000")
	case c.Duration < 10*time.Second || c.Duration > time.Hour:
		return nil, errors.New("-duration: want 10s to 1h")
	case c.Every < 100*time.Millisecond:
		return nil, errors.New("-every: want 100ms or more")
	}
	return c, nil
}

// report is everything one run measured; it is written as JSON.
type report struct {
	Date      string  `json:"date"`
	CPUs      int     `json:"cpus"`
	Readers   int     `json:"readers"`
	DurationS float64 `json:"duration_s"`
	Path      string  `json:"path"`
	Requests  int64   `json:"requests"`
	ReqPerSec float64 `json:"req_per_s"`
	P50Ms     float64 `json:"p50_ms"`
	P99Ms     float64 `json:"p99_ms"`
	Errors    int64   `json:"errors"`
	// Mixed are answers that were not a whole page of exactly one
	// published version.
	Mixed int64 `json:"mixed"`
	// Versions seen by readers, and published by the editor.
	VersionsSeen      int     `json:"versions_seen"`
	VersionsPublished int     `json:"versions_published"`
	PublishP50Ms      float64 `json:"publish_p50_ms"`
	PublishMaxMs      float64 `json:"publish_max_ms"`
	// RSSKiB samples Docket's resident memory every 5 s from the start.
	RSSKiB    []int64  `json:"rss_kib"`
	GrowthPct float64  `json:"growth_pct"`
	Shutdown  string   `json:"shutdown"`
	Problems  []string `json:"problems"`
	ErrorText []string `json:"error_text,omitempty"`
}

// caseID is the case the editor publishes; its title names its version.
const caseID = "bench-live"

var versionRE = regexp.MustCompile(`Bench edition (\d+)`)

func title(n int) string { return fmt.Sprintf("Bench edition %d", n) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	doc, err := os.ReadFile(cfg.CaseFile)
	if err != nil {
		return err
	}
	srv, err := startDocket(ctx, cfg.Bin)
	if err != nil {
		return err
	}
	defer srv.stop()
	ed, err := newEditor(srv, doc)
	if err != nil {
		return fmt.Errorf("the editor: %w\n%s", err, srv.logs)
	}
	rep := &report{Date: time.Now().UTC().Format(time.RFC3339), CPUs: runtime.NumCPU(), Readers: cfg.Readers,
		DurationS: cfg.Duration.Seconds(), Path: "/cases/" + caseID + "/"}

	runCtx, stop := context.WithTimeout(ctx, cfg.Duration)
	defer stop()
	var attempted atomic.Int64 // the newest version the editor has asked to publish
	attempted.Store(1)
	var publishTimes []time.Duration
	var published int
	var editorErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(cfg.Every)
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
			published = n
		}
	})
	fmt.Fprintf(stderr, "%d readers on %s for %s while an editor publishes it every %s\n", cfg.Readers, rep.Path, cfg.Duration, cfg.Every)
	r := readers{url: srv.url + rep.Path, attempted: &attempted, timeout: cfg.Timeout, seen: map[int]int64{}}
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Second)
		defer tick.Stop()
		for {
			if kib, err := srv.rss(); err == nil {
				rep.RSSKiB = append(rep.RSSKiB, kib)
			}
			select {
			case <-runCtx.Done():
				return
			case <-tick.C:
			}
		}
	})
	r.read(runCtx, cfg.Readers)
	wg.Wait()
	if kib, err := srv.rss(); err == nil {
		rep.RSSKiB = append(rep.RSSKiB, kib)
	}

	rep.Requests, rep.Errors, rep.Mixed = r.requests.Load(), r.errors.Load(), r.mixed.Load()
	rep.ReqPerSec = float64(rep.Requests) / cfg.Duration.Seconds()
	rep.P50Ms, rep.P99Ms = r.percentile(50), r.percentile(99)
	rep.VersionsSeen, rep.VersionsPublished = len(r.seen), published
	rep.ErrorText = r.errorText
	if len(publishTimes) > 0 {
		slices.Sort(publishTimes)
		rep.PublishP50Ms = ms(publishTimes[len(publishTimes)/2])
		rep.PublishMaxMs = ms(publishTimes[len(publishTimes)-1])
	}
	if n := len(rep.RSSKiB); n >= 3 {
		rep.GrowthPct = 100 * float64(rep.RSSKiB[n-1]-rep.RSSKiB[1]) / float64(rep.RSSKiB[1])
		if rep.GrowthPct > cfg.MaxGrowthPct {
			rep.Problems = append(rep.Problems, fmt.Sprintf("resident memory grew %.0f%% after the first 5 s (limit %.0f%%)", rep.GrowthPct, cfg.MaxGrowthPct))
		}
	}
	if editorErr != nil {
		rep.Problems = append(rep.Problems, editorErr.Error())
	}
	if rep.Errors > 0 {
		rep.Problems = append(rep.Problems, fmt.Sprintf("%d failed requests: %s", rep.Errors, strings.Join(rep.ErrorText, "; ")))
	}
	if rep.Mixed > 0 {
		rep.Problems = append(rep.Problems, fmt.Sprintf("%d answers were not a whole page of one published version", rep.Mixed))
	}
	if rep.VersionsSeen < published/2 {
		rep.Problems = append(rep.Problems, fmt.Sprintf("readers saw only %d of %d versions: publishes did not reach them", rep.VersionsSeen, published))
	}
	rep.Shutdown = srv.stop()
	if rep.Shutdown != "clean" {
		rep.Problems = append(rep.Problems, "shutdown on SIGTERM: "+rep.Shutdown)
	}
	rep.table(stdout)
	if err := writeJSON(cfg.Out, rep); err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		return fmt.Errorf("%d problem(s) (see above)", len(rep.Problems))
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

// readers read the case's page as browsers do (brotli or gzip), each on its
// own connection, and check every answer.
type readers struct {
	url       string
	attempted *atomic.Int64
	timeout   time.Duration

	requests, errors, mixed atomic.Int64
	mu                      sync.Mutex
	latencies               []time.Duration
	seen                    map[int]int64 // version → answers
	errorText               []string
}

func (r *readers) read(ctx context.Context, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			client := &http.Client{Timeout: r.timeout, Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 1}}
			defer client.CloseIdleConnections()
			var lat []time.Duration
			for ctx.Err() == nil {
				start := time.Now()
				version, err := r.once(ctx, client)
				if ctx.Err() != nil {
					break // the run ended mid-request: not counted
				}
				lat = append(lat, time.Since(start))
				r.requests.Add(1)
				r.mu.Lock()
				switch {
				case err != nil:
					r.errors.Add(1)
					if len(r.errorText) < 10 {
						r.errorText = append(r.errorText, err.Error())
					}
				case version == 0:
					r.mixed.Add(1)
				default:
					r.seen[version]++
				}
				r.mu.Unlock()
			}
			r.mu.Lock()
			r.latencies = append(r.latencies, lat...)
			r.mu.Unlock()
		})
	}
	wg.Wait()
}

// once reads the page and returns the one version it shows, or 0 when it
// shows none, several, or one not yet published.
func (r *readers) once(ctx context.Context, client *http.Client) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "br, gzip")
	ceiling := r.attempted.Load() // published before the request, or being published
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var body io.Reader = res.Body
	switch res.Header.Get("Content-Encoding") {
	case "br":
		body = brotli.NewReader(res.Body)
	case "gzip":
		if body, err = gzip.NewReader(res.Body); err != nil {
			return 0, err
		}
	}
	page, err := io.ReadAll(body)
	if err != nil {
		return 0, err
	}
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %d", res.StatusCode)
	}
	versions := map[string]bool{}
	for _, m := range versionRE.FindAllSubmatch(page, -1) {
		versions[string(m[1])] = true
	}
	if len(versions) != 1 {
		return 0, nil
	}
	for v := range versions {
		n, _ := strconv.Atoi(v)
		if int64(n) > max(ceiling, r.attempted.Load()) {
			return 0, nil
		}
		return n, nil
	}
	return 0, nil
}

func (r *readers) percentile(p int) float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.latencies) == 0 {
		return 0
	}
	slices.Sort(r.latencies)
	return ms(r.latencies[min(len(r.latencies)-1, len(r.latencies)*p/100)])
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
	const password = "a passphrase for the load run"
	add := exec.Command(srv.bin, "user", "add", "-db", srv.db, "editor")
	add.Env = append(os.Environ(), "DOCKET_PASSWORD="+password)
	if out, err := add.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("docket user add: %v: %s", err, out)
	}
	jar, _ := cookiejar.New(nil)
	e := &editor{base: srv.url, http: &http.Client{Jar: jar, Timeout: time.Minute}}
	if err := json.Unmarshal(doc, &e.doc); err != nil {
		return nil, err
	}
	var s struct {
		CSRFToken string `json:"csrfToken"`
	}
	if err := e.send("POST", "/api/editor/session", map[string]string{"login": "editor", "password": password}, 200, &s); err != nil {
		return nil, err
	}
	e.csrf = s.CSRFToken
	e.doc["id"], e.doc["title"] = caseID, title(1)
	if err := e.send("POST", "/api/editor/cases", map[string]any{"id": caseID, "case": e.doc}, 201, nil); err != nil {
		return nil, err
	}
	return e, e.send("POST", "/api/editor/cases/"+caseID+"/publish", map[string]any{"revision": 1, "note": "bench"}, 201, nil)
}

// publish saves version n's draft (revision n) and publishes it.
func (e *editor) publish(n int) error {
	e.doc["title"] = title(n)
	if err := e.send("PUT", "/api/editor/cases/"+caseID+"/draft", map[string]any{"revision": n - 1, "case": e.doc}, 200, nil); err != nil {
		return err
	}
	return e.send("POST", "/api/editor/cases/"+caseID+"/publish", map[string]any{"revision": n, "note": "bench"}, 201, nil)
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

// server is a running bin/docket with a database of its own.
type server struct {
	bin, url, db, dir string
	cmd               *exec.Cmd
	logs              *bytes.Buffer
	done              chan error
}

func startDocket(ctx context.Context, bin string) (*server, error) {
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("%s is missing: run `make build` first", bin)
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "docket-publishload-")
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	s := &server{bin: bin, url: "http://" + addr, db: "sqlite:" + filepath.Join(dir, "docket.db"), dir: dir, logs: &bytes.Buffer{}, done: make(chan error, 1)}
	s.cmd = exec.CommandContext(ctx, bin, "serve", "-addr", addr, "-db", s.db)
	s.cmd.Dir = dir
	s.cmd.Env = append(os.Environ(), "PORT=")
	s.cmd.Stderr = s.logs
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	go func() { s.done <- s.cmd.Wait() }()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(s.url + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
	s.stop()
	return nil, fmt.Errorf("%s serve did not answer /healthz within 30s:\n%s", bin, s.logs.String())
}

// rss is the server's resident memory in KiB, from Linux's /proc.
func (s *server) rss() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, errors.New("no VmRSS in /proc status")
}

// stop sends SIGTERM, removes the database's folder, and says how the
// server ended: "clean" when it exited 0 within 15 s.
func (s *server) stop() string {
	if s.cmd.ProcessState != nil {
		return "already stopped"
	}
	defer os.RemoveAll(s.dir)
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, s.logs.String())
		}
		return "clean"
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return "did not exit within 15 s of SIGTERM: killed"
	}
}

// table prints the report for a person.
func (r *report) table(w io.Writer) {
	fmt.Fprintf(w, "Docket while a case is published every second: %d readers of %s for %gs, %d CPUs shared with the readers\n\n", r.Readers, r.Path, r.DurationS, r.CPUs)
	fmt.Fprintf(w, "  requests %d (%.0f/s), p50 %.1f ms, p99 %.1f ms, errors %d\n", r.Requests, r.ReqPerSec, r.P50Ms, r.P99Ms, r.Errors)
	fmt.Fprintf(w, "  versions published %d (each publish: p50 %.0f ms, max %.0f ms), seen by readers %d\n", r.VersionsPublished, r.PublishP50Ms, r.PublishMaxMs, r.VersionsSeen)
	fmt.Fprintf(w, "  answers not of exactly one published version: %d\n", r.Mixed)
	fmt.Fprintf(w, "  resident memory every 5 s (KiB): %v; %+.1f%% after the first 5 s\n", r.RSSKiB, r.GrowthPct)
	fmt.Fprintf(w, "  shutdown on SIGTERM: %s\n", r.Shutdown)
	if len(r.Problems) == 0 {
		fmt.Fprintln(w, "no problems: no failed request, no mixed version, no memory growth, clean shutdown")
		return
	}
	fmt.Fprintln(w, "PROBLEMS:")
	for _, p := range r.Problems {
		fmt.Fprintln(w, "  "+p)
	}
}

func writeJSON(name string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, append(b, '\n'), 0o644)
}
