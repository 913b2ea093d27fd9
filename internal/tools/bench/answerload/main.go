// Command answerload puts bin/docket's answer counting under load on
// loopback with vegeta: -clients readers send answers to the default
// case's quiz as fast as they are acknowledged (each answer is durable when
// acknowledged: group commit), on SQLite and on PostgreSQL, while a few
// readers load the case's page, whose rate is compared with its rate
// without the answers. Then the same clients send answers at a fixed total
// -rate (vegeta's pacer) for -rate-duration, with the same page readers:
// the target, 5,000 answers a second while the page keeps its
// usual rate, which a flood at the maximum rate on two shared cores cannot
// show. It reports answers a second, p50/p99 latency,
// errors, the server's resident memory before and after, and checks that
// the counts add up to the acknowledged answers. The server runs with
// -stats-limit 0: every client is on 127.0.0.1, one address, which the
// per-client rate limit would otherwise hold to 30 answers a minute.
//
//	go -C internal/tools/bench run ./answerload -root "$PWD" [-duration 30s] [-clients 256] [-rate 5000] [-rate-duration 30s]
package main

import (
	"docket/internal/tools/bench/benchcmd"
	"docket/internal/tools/bench/docketserver"

	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"docket/internal/answers"
	"docket/internal/casefile"
	"docket/internal/pgtest"
	"docket/internal/routes"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func main() { benchcmd.Main("answerload", run) }

type config struct {
	Root, Bin, Out, CaseFile string
	Duration, PageFor        time.Duration
	RateFor                  time.Duration
	Clients, PageClients     int
	Target, Rate             float64
	Databases                []string
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := benchcmd.NewFlagSet("answerload", stderr, &c.Root)
	fs.PathVar(&c.Bin, "bin", "bin/docket", "the built server")
	fs.PathVar(&c.Out, "out", "bin/bench/answers.json", "where to write the figures as JSON")
	fs.PathVar(&c.CaseFile, "case-file", "web/cases/twitter-v-dhs-2017.json", "the case whose quiz is answered (the default case)")
	fs.DurationVar(&c.Duration, "duration", 30*time.Second, "length of the answer load on each database (the issue's figure is 60s)")
	fs.IntVar(&c.Clients, "clients", 256, "concurrent clients sending answers")
	fs.DurationVar(&c.PageFor, "page-baseline", 10*time.Second, "length of the case page's run without answers, for its usual rate")
	fs.IntVar(&c.PageClients, "page-clients", 8, "readers loading the case's page, with and without the answers")
	fs.Float64Var(&c.Target, "target", 5000, "acknowledged answers a second SQLite should reach")
	fs.Float64Var(&c.Rate, "rate", 5000, "answers a second, all clients together, in the paced run after the flood (0: no paced run)")
	fs.DurationVar(&c.RateFor, "rate-duration", 30*time.Second, "length of the paced run on each database")
	dbs := fs.String("databases", "sqlite,postgres", "the databases to run on, comma-separated")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	c.Databases = strings.Split(*dbs, ",")
	switch {
	case c.Duration < time.Second || c.Duration > time.Hour:
		return nil, errors.New("-duration: want 1s to 1h")
	case c.Clients < 1 || c.Clients > 10000 || c.PageClients < 1 || c.PageClients > 1000:
		return nil, errors.New("-clients: want 1 to 10000; -page-clients 1 to 1000")
	case c.Rate < 0 || c.Rate > 1e6:
		return nil, errors.New("-rate: want 0 to 1000000 answers a second")
	case c.Rate > 0 && (c.RateFor < time.Second || c.RateFor > time.Hour):
		return nil, errors.New("-rate-duration: want 1s to 1h")
	}
	for _, d := range c.Databases {
		if d != "sqlite" && d != "postgres" {
			return nil, fmt.Errorf("-databases: %q is neither sqlite nor postgres", d)
		}
	}
	return c, nil
}

// stats is what vegeta measured in one attack.
type stats struct {
	Requests  uint64         `json:"requests"`
	PerSec    float64        `json:"per_s"` // successful requests a second
	P50Ms     float64        `json:"p50_ms"`
	P99Ms     float64        `json:"p99_ms"`
	Errors    int            `json:"errors"`
	Codes     map[string]int `json:"status_codes"`
	ErrorText []string       `json:"error_text,omitempty"`
}

// runResult is one database's run.
type runResult struct {
	Database string `json:"database"`
	Clients  int    `json:"clients"`
	Answers  stats  `json:"answers"`
	// Page is the case page's rate during the answers; PageAlone without.
	Page      stats `json:"page"`
	PageAlone stats `json:"page_alone"`
	RSSBefore int64 `json:"rss_before_kib"`
	RSSAfter  int64 `json:"rss_after_kib"`
	// RSS samples the server's resident memory every 5 s of the answers.
	RSS []int64 `json:"rss_kib"`
	// Counted is the answers the server's counts hold at the end.
	Counted int64 `json:"counted"`
	// Paced is the run at a fixed rate after the flood; nil with -rate 0.
	Paced *pacedRun `json:"paced,omitempty"`
}

// pacedRun is the answers sent at a fixed total rate, with the page's
// readers, compared with the page's rate alone (runResult.PageAlone).
type pacedRun struct {
	Rate      float64 `json:"rate_per_s"`
	DurationS float64 `json:"duration_s"`
	Answers   stats   `json:"answers"`
	Page      stats   `json:"page"`
	// PageRatio is the page's rate during the answers over its rate alone.
	PageRatio float64 `json:"page_during_over_alone"`
	Counted   int64   `json:"counted"`
	RSSAfter  int64   `json:"rss_after_kib"`
}

type report struct {
	Date      string      `json:"date"`
	CPUs      int         `json:"cpus"`
	DurationS float64     `json:"duration_s"`
	Runs      []runResult `json:"runs"`
	Problems  []string    `json:"problems"`
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(cfg.CaseFile)
	if err != nil {
		return err
	}
	c, problems := casefile.Check(cfg.CaseFile, b)
	if c == nil || len(problems) > 0 {
		return fmt.Errorf("%s: %v", cfg.CaseFile, problems)
	}
	rep := &report{Date: time.Now().UTC().Format(time.RFC3339), CPUs: runtime.NumCPU(), DurationS: cfg.Duration.Seconds()}
	for _, db := range cfg.Databases {
		dbURL, cleanup, err := database(ctx, db)
		if err != nil {
			return err
		}
		r, probs, err := loadRun(ctx, cfg, c, db, dbURL, stderr)
		cleanup()
		if err != nil {
			return err
		}
		rep.Runs = append(rep.Runs, r)
		rep.Problems = append(rep.Problems, probs...)
	}
	rep.table(stdout)
	if err := benchcmd.WriteJSON(cfg.Out, rep); err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		return fmt.Errorf("%d problem(s) under the answers' load (see above)", len(rep.Problems))
	}
	return nil
}

// database makes a new, empty database: a SQLite file in a temporary
// folder, or a database on a throwaway PostgreSQL server (internal/pgtest).
func database(ctx context.Context, kind string) (string, func(), error) {
	if kind == "sqlite" {
		dir, err := os.MkdirTemp("", "docket-answerload-")
		if err != nil {
			return "", nil, err
		}
		return "sqlite:" + filepath.Join(dir, "docket.db"), func() { os.RemoveAll(dir) }, nil
	}
	pg, err := pgtest.Start(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("starting PostgreSQL: %w", err)
	}
	_, u, err := pg.NewDatabase(ctx)
	if err != nil {
		pg.Stop()
		return "", nil, err
	}
	return u, func() { pg.Stop() }, nil
}

func loadRun(ctx context.Context, cfg *config, c *casefile.Case, kind, dbURL string, stderr io.Writer) (runResult, []string, error) {
	r := runResult{Database: kind, Clients: cfg.Clients}
	srv, err := startDocket(ctx, cfg.Bin, dbURL)
	if err != nil {
		return r, nil, err
	}
	defer srv.Stop()
	version := answers.Version(c)
	var targets []vegeta.Target
	for _, q := range c.Quiz.Questions {
		for j := range q.Choices {
			body, _ := json.Marshal(answers.Answer{Version: version, Question: q.ID, Choices: []int{j}})
			targets = append(targets, vegeta.Target{Method: http.MethodPost, URL: srv.URL + routes.AnswersPath(c.ID), Body: body,
				Header: http.Header{"Content-Type": {"application/json"}}})
		}
	}
	for s := range len(c.Quiz.Questions) + 1 {
		body, _ := json.Marshal(answers.Answer{Version: version, Score: &s})
		targets = append(targets, vegeta.Target{Method: http.MethodPost, URL: srv.URL + routes.AnswersPath(c.ID), Body: body,
			Header: http.Header{"Content-Type": {"application/json"}}})
	}
	page := []vegeta.Target{{Method: http.MethodGet, URL: srv.URL + "/", Header: http.Header{"Accept-Encoding": {"gzip, deflate, br"}}}}

	fmt.Fprintf(stderr, "%s: the case page alone, %d readers for %s\n", kind, cfg.PageClients, cfg.PageFor)
	attack(page, cfg.PageClients, time.Second, 0, 200) // warm up
	r.PageAlone = attack(page, cfg.PageClients, cfg.PageFor, 0, 200)
	attack(targets, 16, time.Second, 0, 204) // warm up the counter and the database
	r.RSSBefore, _ = srv.RSS()
	before, err := countedAnswers(srv.URL, c, version)
	if err != nil {
		return r, nil, err
	}
	fmt.Fprintf(stderr, "%s: %d clients sending answers for %s, %d readers of the case page\n", kind, cfg.Clients, cfg.Duration, cfg.PageClients)
	var wg sync.WaitGroup
	wg.Go(func() { r.Page = attack(page, cfg.PageClients, cfg.Duration, 0, 200) })
	sampling := make(chan struct{})
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				if kib, err := srv.RSS(); err == nil {
					r.RSS = append(r.RSS, kib)
				}
			case <-sampling:
				return
			}
		}
	})
	r.Answers = attack(targets, cfg.Clients, cfg.Duration, 0, 204)
	close(sampling)
	wg.Wait()
	r.RSSAfter, _ = srv.RSS()
	after, err := countedAnswers(srv.URL, c, version)
	if err != nil {
		return r, nil, err
	}
	r.Counted = after - before
	var problems []string
	if r.Answers.Errors > 0 || r.Page.Errors > 0 {
		problems = append(problems, fmt.Sprintf("%s: %d answers and %d page loads failed: %v %v %s", kind, r.Answers.Errors, r.Page.Errors, r.Answers.Codes, r.Page.Codes, strings.Join(append(r.Answers.ErrorText, r.Page.ErrorText...), "; ")))
	}
	ok := int64(r.Answers.Requests) - int64(r.Answers.Errors)
	if r.Counted < ok || r.Counted > int64(r.Answers.Requests) {
		problems = append(problems, fmt.Sprintf("%s: %d answers counted; %d acknowledged of %d sent", kind, r.Counted, ok, r.Answers.Requests))
	}
	if kind == "sqlite" && r.Answers.PerSec < cfg.Target {
		problems = append(problems, fmt.Sprintf("sqlite: %.0f acknowledged answers a second; the target is %.0f", r.Answers.PerSec, cfg.Target))
	}
	if cfg.Rate > 0 {
		p, probs, err := pacedLoad(cfg, srv, c, version, kind, targets, page, r.PageAlone, stderr)
		if err != nil {
			return r, nil, err
		}
		r.Paced = p
		problems = append(problems, probs...)
	}
	if s := srv.Stop(); s != "clean" {
		problems = append(problems, kind+": shutdown on SIGTERM: "+s)
	}
	return r, problems, nil
}

// pacedLoad sends the answers at cfg.Rate a second from cfg.Clients clients
// for cfg.RateFor while the page's readers load it as fast as they can.
func pacedLoad(cfg *config, srv *docketserver.Server, c *casefile.Case, version, kind string, targets, page []vegeta.Target, alone stats, stderr io.Writer) (*pacedRun, []string, error) {
	p := &pacedRun{Rate: cfg.Rate, DurationS: cfg.RateFor.Seconds()}
	before, err := countedAnswers(srv.URL, c, version)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(stderr, "%s: %d clients sending %.0f answers a second for %s, %d readers of the case page\n", kind, cfg.Clients, cfg.Rate, cfg.RateFor, cfg.PageClients)
	var wg sync.WaitGroup
	wg.Go(func() { p.Page = attack(page, cfg.PageClients, cfg.RateFor, 0, 200) })
	p.Answers = attack(targets, cfg.Clients, cfg.RateFor, cfg.Rate, 204)
	wg.Wait()
	p.RSSAfter, _ = srv.RSS()
	after, err := countedAnswers(srv.URL, c, version)
	if err != nil {
		return nil, nil, err
	}
	p.Counted = after - before
	p.PageRatio = ratio(p.Page.PerSec, alone.PerSec)
	var problems []string
	if p.Answers.Errors > 0 || p.Page.Errors > 0 {
		problems = append(problems, fmt.Sprintf("%s at %.0f/s: %d answers and %d page loads failed: %v %v %s", kind, cfg.Rate, p.Answers.Errors, p.Page.Errors, p.Answers.Codes, p.Page.Codes, strings.Join(append(p.Answers.ErrorText, p.Page.ErrorText...), "; ")))
	}
	ok := int64(p.Answers.Requests) - int64(p.Answers.Errors)
	if p.Counted < ok || p.Counted > int64(p.Answers.Requests) {
		problems = append(problems, fmt.Sprintf("%s at %.0f/s: %d answers counted; %d acknowledged of %d sent", kind, cfg.Rate, p.Counted, ok, p.Answers.Requests))
	}
	if kind == "sqlite" && p.Answers.PerSec < 0.95*cfg.Rate {
		problems = append(problems, fmt.Sprintf("sqlite: %.0f acknowledged answers a second when paced at %.0f", p.Answers.PerSec, cfg.Rate))
	}
	return p, problems, nil
}

// countedAnswers is every answer and score the server's public counts hold
// (every question is far above the threshold under load).
func countedAnswers(base string, c *casefile.Case, version string) (int64, error) {
	res, err := http.Get(base + routes.AnswersPath(c.ID) + "?version=" + version)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var s answers.Stats
	if err := json.NewDecoder(res.Body).Decode(&s); err != nil {
		return 0, err
	}
	var n int64
	for _, q := range s.Questions {
		n += q.Answered
	}
	for _, k := range s.Scores {
		n += k
	}
	return n, nil
}

// attack sends the targets, in turn, from workers workers for d, perSec a
// second in all (vegeta's pacer) or, with 0, as fast as they are answered;
// a status other than ok is an error.
func attack(targets []vegeta.Target, workers int, d time.Duration, perSec float64, ok int) stats {
	a := vegeta.NewAttacker(vegeta.Workers(uint64(workers)), vegeta.MaxWorkers(uint64(workers)),
		vegeta.Connections(workers), vegeta.KeepAlive(true), vegeta.Timeout(30*time.Second))
	var m vegeta.Metrics
	pace := vegeta.Rate{Freq: int(perSec), Per: time.Second} // Freq 0: as fast as answered
	for res := range a.Attack(vegeta.NewStaticTargeter(targets...), pace, d, "answers") {
		m.Add(res)
	}
	m.Close()
	good := m.StatusCodes[strconv.Itoa(ok)]
	return stats{
		Requests:  m.Requests,
		PerSec:    float64(good) / m.Duration.Seconds(),
		P50Ms:     float64(m.Latencies.P50) / 1e6,
		P99Ms:     float64(m.Latencies.P99) / 1e6,
		Errors:    int(m.Requests) - good,
		Codes:     m.StatusCodes,
		ErrorText: m.Errors,
	}
}

// startDocket runs bin/docket on dbURL, without a limit on answers per
// client: every bench client comes from 127.0.0.1.
func startDocket(ctx context.Context, bin, dbURL string) (*docketserver.Server, error) {
	return docketserver.Start(ctx, bin, "docket-answerload-srv-", func(string) []string {
		return []string{"-db", dbURL, "-stats-limit", "0"}
	})
}

func (r *report) table(w io.Writer) {
	fmt.Fprintf(w, "Docket counting answers on 127.0.0.1: %gs a database, %d CPUs shared with vegeta\n\n", r.DurationS, r.CPUs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "database\tanswers sent\tclients\tanswers/s\tp50 ms\tp99 ms\terrors\tcounted\tpage/s alone\tpage/s during\tduring/alone\tRSS before MiB\tRSS after MiB\t")
	for _, x := range r.Runs {
		fmt.Fprintf(tw, "%s\tflat out, %gs\t%d\t%.0f\t%.2f\t%.2f\t%d\t%d\t%.0f\t%.0f\t%.2f\t%.1f\t%.1f\t\n", x.Database, r.DurationS, x.Clients, x.Answers.PerSec, x.Answers.P50Ms, x.Answers.P99Ms,
			x.Answers.Errors, x.Counted, x.PageAlone.PerSec, x.Page.PerSec, ratio(x.Page.PerSec, x.PageAlone.PerSec), float64(x.RSSBefore)/1024, float64(x.RSSAfter)/1024)
		if p := x.Paced; p != nil {
			fmt.Fprintf(tw, "%s\t%.0f/s, %gs\t%d\t%.0f\t%.2f\t%.2f\t%d\t%d\t%.0f\t%.0f\t%.2f\t%.1f\t%.1f\t\n", x.Database, p.Rate, p.DurationS, x.Clients, p.Answers.PerSec, p.Answers.P50Ms, p.Answers.P99Ms,
				p.Answers.Errors, p.Counted, x.PageAlone.PerSec, p.Page.PerSec, p.PageRatio, float64(x.RSSAfter)/1024, float64(p.RSSAfter)/1024)
		}
	}
	tw.Flush()
	for _, x := range r.Runs {
		var mib []string
		for _, k := range x.RSS {
			mib = append(mib, fmt.Sprintf("%.0f", float64(k)/1024))
		}
		fmt.Fprintf(w, "%s: resident memory every 5 s of the answers (MiB): %s\n", x.Database, strings.Join(mib, " "))
	}
	if len(r.Problems) == 0 {
		fmt.Fprintln(w, "no problems: no failed request, every acknowledged answer counted, clean shutdowns")
		return
	}
	fmt.Fprintln(w, "PROBLEMS:")
	for _, p := range r.Problems {
		fmt.Fprintln(w, "  "+p)
	}
}

// ratio is a over b, 0 when b is.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
