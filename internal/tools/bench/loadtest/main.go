// Command loadtest puts bin/docket under load on loopback with vegeta:
// each path at the highest rate a pool of workers can send, then a soak
// over all of them with more workers while Docket's memory is sampled, then
// readers of a case's page while an editor publishes it anew every second
// (see publish.go), then SIGTERM. It prints a table, writes the figures as
// JSON, and fails when Docket failed a request, served a page that was not
// wholly one published version, kept growing in memory or did not shut
// down cleanly. Docket runs on a new SQLite database in a temporary
// folder, removed at the end.
//
//	go -C internal/tools/bench run ./loadtest -root "$PWD" [-duration 5s] [-soak 20s] [-publish 60s]
package main

import (
	"docket/internal/tools/bench/benchcmd"
	"docket/internal/tools/bench/docketserver"

	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"docket/internal/routes"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func main() { benchcmd.Main("loadtest", run) }

// config is what a run measures; the flags bind into it.
type config struct {
	Root, Bin, Out, Case string
	Duration, Soak       time.Duration
	Workers, SoakWorkers int
	Timeout              time.Duration
	MaxGrowthPct         float64
	// The publishing run: its length, its readers, how often the editor
	// publishes, and the case file it publishes.
	Publish, PublishEvery time.Duration
	PublishWorkers        int
	CaseFile              string
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := benchcmd.NewFlagSet("loadtest", stderr, &c.Root)
	fs.PathVar(&c.Bin, "bin", "bin/docket", "the built server")
	fs.PathVar(&c.Out, "out", "bin/bench/load.json", "where to write the figures as JSON")
	fs.StringVar(&c.Case, "case", "twitter-v-dhs-2017", "the case whose data is requested")
	fs.DurationVar(&c.Duration, "duration", 5*time.Second, "length of each path's run")
	fs.IntVar(&c.Workers, "workers", 64, "workers (each with its own keep-alive connection) of the path runs")
	fs.DurationVar(&c.Soak, "soak", 20*time.Second, "length of the soak over all paths; 0 skips it")
	fs.IntVar(&c.SoakWorkers, "soak-workers", 256, "workers of the soak")
	fs.DurationVar(&c.Timeout, "timeout", 20*time.Second, "a response slower than this counts as an error (the two cores are shared with vegeta and whatever else runs: seconds mean a busy machine, tens of seconds a stuck server)")
	fs.Float64Var(&c.MaxGrowthPct, "max-growth", 25, "the most Docket's resident memory may grow during the soak and the publishing run, in percent, after their first 5 s")
	fs.DurationVar(&c.Publish, "publish", 60*time.Second, "length of the publishing run (readers of a case's page while an editor publishes it); 0 skips it")
	fs.IntVar(&c.PublishWorkers, "publish-workers", 256, "readers of the publishing run")
	fs.DurationVar(&c.PublishEvery, "publish-every", time.Second, "how often the editor publishes")
	fs.PathVar(&c.CaseFile, "case-file", "web/cases/twitter-v-dhs-2017.json", "the case file the editor publishes, under its own id and title")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case c.Duration < time.Second || c.Duration > 10*time.Minute:
		return nil, errors.New("-duration: want 1s to 10m")
	case c.Soak != 0 && (c.Soak < 10*time.Second || c.Soak > time.Hour):
		return nil, errors.New("-soak: want 0 (no soak) or 10s to 1h")
	case c.Workers < 1 || c.Workers > 10000 || c.SoakWorkers < 1 || c.SoakWorkers > 10000 || c.PublishWorkers < 1 || c.PublishWorkers > 10000:
		return nil, errors.New("-workers, -soak-workers and -publish-workers: want 1 to 10000")
	case c.Publish != 0 && (c.Publish < 10*time.Second || c.Publish > time.Hour):
		return nil, errors.New("-publish: want 0 (no publishing run) or 10s to 1h")
	case c.PublishEvery < 100*time.Millisecond:
		return nil, errors.New("-publish-every: want 100ms or more")
	}
	return c, nil
}

// path is a URL the load test requests, with the Accept-Encoding it sends:
// a browser's for the page and the data, brotli for the wasm.
type path struct {
	Path           string `json:"path"`
	AcceptEncoding string `json:"accept_encoding"`
}

// stats is what vegeta measured in one attack.
type stats struct {
	Requests  uint64         `json:"requests"`
	ReqPerSec float64        `json:"req_per_s"`
	MBPerSec  float64        `json:"mb_per_s"`
	BodyBytes float64        `json:"body_bytes"`
	P50Ms     float64        `json:"p50_ms"`
	P99Ms     float64        `json:"p99_ms"`
	Errors    int            `json:"errors"`
	Codes     map[string]int `json:"status_codes"`
	ErrorText []string       `json:"error_text,omitempty"`
}

// report is everything one load test measured; it is written as JSON.
type report struct {
	Date      string   `json:"date"`
	CPUs      int      `json:"cpus"`
	Vegeta    string   `json:"vegeta"`
	Workers   int      `json:"workers"`
	DurationS float64  `json:"duration_s"`
	Paths     []result `json:"paths"`
	Soak      *soak    `json:"soak,omitempty"`
	// Publishing is the publishing run (see publish.go).
	Publishing *publishing `json:"publishing,omitempty"`
	Shutdown   string      `json:"shutdown"`
	Problems   []string    `json:"problems"`
}

type result struct {
	path
	stats
}

type soak struct {
	Workers   int     `json:"workers"`
	DurationS float64 `json:"duration_s"`
	stats
	// RSS samples of Docket's resident memory in KiB, every 5 s from the
	// start of the soak.
	RSSKiB    []int64 `json:"rss_kib"`
	GrowthPct float64 `json:"growth_pct"`
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	paths := []path{
		{"/", "gzip, deflate, br"},
		{routes.CaseDataPath(cfg.Case), "gzip, deflate, br"},
		{"/web/app.wasm", "br"},
	}
	srv, err := startDocket(ctx, cfg.Bin)
	if err != nil {
		return err
	}
	defer srv.Stop()
	rep := &report{Date: time.Now().UTC().Format(time.RFC3339), CPUs: runtime.NumCPU(), Vegeta: vegetaVersion(), Workers: cfg.Workers, DurationS: cfg.Duration.Seconds()}

	fmt.Fprintf(stderr, "warming up %s (1 s)\n", cfg.Bin)
	attack(srv.URL, paths, cfg.Workers, time.Second, cfg.Timeout, nil)
	for _, p := range paths {
		fmt.Fprintf(stderr, "%s (Accept-Encoding: %s): %d workers for %s\n", p.Path, p.AcceptEncoding, cfg.Workers, cfg.Duration)
		s := attack(srv.URL, []path{p}, cfg.Workers, cfg.Duration, cfg.Timeout, nil)
		rep.Paths = append(rep.Paths, result{p, s})
		if s.Errors > 0 {
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %d failed requests: %v %s", p.Path, s.Errors, s.Codes, strings.Join(s.ErrorText, "; ")))
		}
	}
	if cfg.Soak > 0 {
		fmt.Fprintf(stderr, "soak: %d workers for %s over every path\n", cfg.SoakWorkers, cfg.Soak)
		so := &soak{Workers: cfg.SoakWorkers, DurationS: cfg.Soak.Seconds()}
		sample := func() {
			if kib, err := srv.RSS(); err == nil {
				so.RSSKiB = append(so.RSSKiB, kib)
			}
		}
		sample()
		tick := time.NewTicker(5 * time.Second)
		so.stats = attack(srv.URL, paths, cfg.SoakWorkers, cfg.Soak, cfg.Timeout, func(*vegeta.Result) {
			select {
			case <-tick.C:
				sample()
			default:
			}
		})
		tick.Stop()
		sample()
		if n := len(so.RSSKiB); n >= 3 {
			so.GrowthPct = 100 * float64(so.RSSKiB[n-1]-so.RSSKiB[1]) / float64(so.RSSKiB[1])
			if so.GrowthPct > cfg.MaxGrowthPct {
				rep.Problems = append(rep.Problems, fmt.Sprintf("soak: resident memory grew %.0f%% after its first 5 s (limit %.0f%%)", so.GrowthPct, cfg.MaxGrowthPct))
			}
		}
		if so.Errors > 0 {
			rep.Problems = append(rep.Problems, fmt.Sprintf("soak: %d failed requests: %v %s", so.Errors, so.Codes, strings.Join(so.ErrorText, "; ")))
		}
		rep.Soak = so
	}
	if cfg.Publish > 0 {
		pub, problems, err := publishRun(ctx, cfg, srv)
		if err != nil {
			return err
		}
		rep.Publishing = pub
		rep.Problems = append(rep.Problems, problems...)
	}
	rep.Shutdown = srv.Stop()
	if rep.Shutdown != "clean" {
		rep.Problems = append(rep.Problems, "shutdown on SIGTERM: "+rep.Shutdown)
	}
	rep.table(stdout)
	if err := benchcmd.WriteJSON(cfg.Out, rep); err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		return fmt.Errorf("%d problem(s) with Docket under load (see above)", len(rep.Problems))
	}
	return nil
}

// attack sends requests for the paths, in turn, from workers workers as
// fast as they are answered, for d; each is called with every result.
func attack(base string, paths []path, workers int, d, timeout time.Duration, each func(*vegeta.Result)) stats {
	var targets []vegeta.Target
	for _, p := range paths {
		targets = append(targets, vegeta.Target{Method: http.MethodGet, URL: base + p.Path, Header: http.Header{"Accept-Encoding": {p.AcceptEncoding}}})
	}
	a := vegeta.NewAttacker(vegeta.Workers(uint64(workers)), vegeta.MaxWorkers(uint64(workers)),
		vegeta.Connections(workers), vegeta.KeepAlive(true), vegeta.Timeout(timeout))
	var m vegeta.Metrics
	for res := range a.Attack(vegeta.NewStaticTargeter(targets...), vegeta.Rate{}, d, "docket") {
		m.Add(res)
		if each != nil {
			each(res)
		}
	}
	m.Close()
	s := stats{
		Requests:  m.Requests,
		ReqPerSec: m.Throughput,
		MBPerSec:  float64(m.BytesIn.Total) / m.Duration.Seconds() / 1e6,
		BodyBytes: m.BytesIn.Mean,
		P50Ms:     float64(m.Latencies.P50) / 1e6,
		P99Ms:     float64(m.Latencies.P99) / 1e6,
		Codes:     m.StatusCodes,
		ErrorText: m.Errors,
	}
	s.Errors = int(m.Requests) - m.StatusCodes["200"]
	return s
}

// server is a running bin/docket, with a database of its own in its folder.
type server struct {
	*docketserver.Server
	db string
}

func startDocket(ctx context.Context, bin string) (*server, error) {
	var db string
	s, err := docketserver.Start(ctx, bin, "docket-loadtest-", func(dir string) []string {
		db = "sqlite:" + filepath.Join(dir, "docket.db")
		return []string{"-db", db}
	})
	if err != nil {
		return nil, err
	}
	return &server{Server: s, db: db}, nil
}

// table prints the report for a person.
func (r *report) table(w io.Writer) {
	fmt.Fprintf(w, "Docket under load on 127.0.0.1: vegeta %s, %d workers, %gs a path, %d CPUs shared with vegeta\n\n", r.Vegeta, r.Workers, r.DurationS, r.CPUs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "path\tbody bytes\treq/s\tMB/s\tp50 ms\tp99 ms\terrors\t")
	for _, p := range r.Paths {
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.1f\t%.2f\t%.2f\t%d\t\n", p.Path, p.BodyBytes, p.ReqPerSec, p.MBPerSec, p.P50Ms, p.P99Ms, p.Errors)
	}
	tw.Flush()
	if s := r.Soak; s != nil {
		fmt.Fprintf(w, "\nsoak: %d workers, %gs, every path: %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors\n", s.Workers, s.DurationS, s.Requests, s.ReqPerSec, s.P50Ms, s.P99Ms, s.Errors)
		fmt.Fprintf(w, "      resident memory every 5 s (KiB): %v; %+.1f%% after the first 5 s\n", s.RSSKiB, s.GrowthPct)
	}
	if p := r.Publishing; p != nil {
		p.table(w)
	}
	fmt.Fprintf(w, "shutdown on SIGTERM: %s\n", r.Shutdown)
	if len(r.Problems) == 0 {
		fmt.Fprintln(w, "no problems: no failed requests, no page of a half-published case, no memory growth, clean shutdown")
		return
	}
	fmt.Fprintln(w, "PROBLEMS:")
	for _, p := range r.Problems {
		fmt.Fprintln(w, "  "+p)
	}
}

// vegetaVersion is the version of vegeta this program was built with.
func vegetaVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/tsenart/vegeta/v12" {
				return d.Version
			}
		}
	}
	return "v12"
}
