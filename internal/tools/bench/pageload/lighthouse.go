package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"docket/internal/browsertest/chromium"
)

// audit is what one Lighthouse run of a page in its mobile profile says.
// Scores are 0 to 100; times are milliseconds; sizes are bytes.
type audit struct {
	Performance   float64 `json:"performance"`
	Accessibility float64 `json:"accessibility"`
	BestPractices float64 `json:"best_practices"`
	SEO           float64 `json:"seo"`
	FCP           float64 `json:"fcp_ms"`
	LCP           float64 `json:"lcp_ms"`
	TBT           float64 `json:"tbt_ms"`
	LongestTask   float64 `json:"longest_task_ms"`
	CLS           float64 `json:"cls"`
	// FCPUnthrottled is the first paint Lighthouse observed while it
	// loaded the page without throttling, before it simulated the phone.
	FCPUnthrottled float64 `json:"fcp_unthrottled_ms"`
	Bytes          float64 `json:"bytes"`
	WasmBytes      float64 `json:"wasm_bytes"`
	// BenchmarkIndex is Lighthouse's measure of the machine's speed during
	// the run: a busy machine scores lower, and its blocking times grow.
	BenchmarkIndex float64 `json:"benchmark_index"`
	// Failed are the audits that cost the page points in Accessibility,
	// Best practices and SEO, as "category: audit".
	Failed []string `json:"failed,omitempty"`
}

// flowRun is what one run of flow.mjs measured, in the 4x-CPU profile:
// INPStartup and INPFirstStep from the browser's Event Timing, INPStep
// (a second step) from a Lighthouse timespan, which records a trace.
type flowRun struct {
	INPStartup    float64 `json:"inp_startup_ms"`
	StartupClicks int     `json:"startup_clicks"`
	Ready         float64 `json:"ready_ms"`
	INPFirstStep  float64 `json:"inp_first_step_ms"`
	INPStep       float64 `json:"inp_step_ms"`
	WarmReady     float64 `json:"warm_ready_ms"`
	WarmBytes     float64 `json:"warm_bytes"`
	WarmWasmBytes float64 `json:"warm_wasm_bytes"`
}

//go:embed flow.mjs
var flowScript []byte

// offline keeps Chromium from looking up any host but loopback (TimelineJS
// asks for web fonts): a failed lookup of a name could take seconds here,
// where there is no network.
const offline = `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`

// startBrowser starts the headless Chromium that every Lighthouse run
// connects to, which saves Lighthouse starting one a run (seconds on a busy
// machine); Lighthouse still clears the page's storage and the HTTP cache
// before each load. It returns the browser's DevTools port.
func startBrowser(ctx context.Context, chrome, profile string) (string, *child, error) {
	args := append(chromium.Args(), offline, "--remote-debugging-port=0", "--user-data-dir="+profile, "about:blank")
	c := newChild(ctx, chrome, args...)
	stderr, err := c.cmd.StderrPipe()
	if err != nil {
		return "", nil, err
	}
	if err := c.start(); err != nil {
		return "", nil, err
	}
	found := make(chan string, 1)
	go func() {
		var said []string
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if ws, ok := strings.CutPrefix(sc.Text(), "DevTools listening on "); ok {
				if u, err := url.Parse(ws); err == nil {
					found <- u.Port()
					io.Copy(io.Discard, stderr)
					return
				}
			}
			said = append(said, sc.Text())
		}
		found <- "\n" + strings.Join(said, "\n")
	}()
	select {
	case port := <-found:
		if strings.HasPrefix(port, "\n") {
			c.stop()
			return "", nil, fmt.Errorf("%s did not open its DevTools port:%s", chrome, port)
		}
		return port, c, nil
	case <-time.After(30 * time.Second):
		c.stop()
		return "", nil, fmt.Errorf("%s did not open its DevTools port within 30 s", chrome)
	}
}

// lighthouse runs the Lighthouse CLI on u in its default, mobile profile
// (a Moto G Power's screen, simulated 4x CPU and slow 4G) in the browser
// at port, keeps the report as report and returns its figures.
func lighthouse(ctx context.Context, cfg *config, port, u, report string) (audit, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(cfg.NPM, "node_modules", ".bin", "lighthouse"), u,
		"--port="+port, "--output=json", "--output-path="+report, "--quiet", "--no-enable-error-reporting",
		"--disable-full-page-screenshot", "--skip-audits=bf-cache", "--max-wait-for-load=60000")
	if out, err := cmd.CombinedOutput(); err != nil {
		return audit{}, fmt.Errorf("lighthouse %s: %w\n%s", u, err, lastLines(out, 20))
	}
	b, err := os.ReadFile(report)
	if err != nil {
		return audit{}, err
	}
	return parseReport(b)
}

// lhr is the part of a Lighthouse report the bench reads.
type lhr struct {
	RuntimeError *struct {
		Code, Message string
	} `json:"runtimeError"`
	Categories map[string]struct {
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits      map[string]json.RawMessage `json:"audits"`
	Environment struct {
		BenchmarkIndex float64 `json:"benchmarkIndex"`
	} `json:"environment"`
}

// lhAudit is one audit of a report: its score, value and table's rows.
type lhAudit struct {
	Score        *float64 `json:"score"`
	NumericValue float64  `json:"numericValue"`
	Details      struct {
		Items []map[string]any `json:"items"`
	} `json:"details"`
}

// parseReport reads the figures from a Lighthouse JSON report.
func parseReport(b []byte) (audit, error) {
	var r lhr
	if err := json.Unmarshal(b, &r); err != nil {
		return audit{}, fmt.Errorf("a Lighthouse report: %w", err)
	}
	if r.RuntimeError != nil {
		return audit{}, fmt.Errorf("Lighthouse: %s: %s", r.RuntimeError.Code, r.RuntimeError.Message)
	}
	a := audit{BenchmarkIndex: r.Environment.BenchmarkIndex}
	for _, c := range []struct {
		id   string
		into *float64
	}{{"performance", &a.Performance}, {"accessibility", &a.Accessibility}, {"best-practices", &a.BestPractices}, {"seo", &a.SEO}} {
		cat, ok := r.Categories[c.id]
		if !ok || cat.Score == nil {
			return audit{}, fmt.Errorf("the Lighthouse report has no %s score", c.id)
		}
		*c.into = math.Round(*cat.Score * 100)
	}
	audits := map[string]lhAudit{}
	read := func(id string) (lhAudit, error) {
		if au, ok := audits[id]; ok {
			return au, nil
		}
		raw, ok := r.Audits[id]
		if !ok {
			return lhAudit{}, fmt.Errorf("the Lighthouse report has no %s audit", id)
		}
		var au lhAudit
		if err := json.Unmarshal(raw, &au); err != nil {
			return lhAudit{}, fmt.Errorf("the Lighthouse report's %s audit: %w", id, err)
		}
		audits[id] = au
		return au, nil
	}
	for _, id := range []string{"first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
		"cumulative-layout-shift", "total-byte-weight", "long-tasks", "metrics", "network-requests"} {
		if _, err := read(id); err != nil {
			return audit{}, err
		}
	}
	for _, cat := range []string{"accessibility", "best-practices", "seo"} {
		for _, ref := range r.Categories[cat].AuditRefs {
			au, err := read(ref.ID)
			if err != nil {
				return audit{}, err
			}
			if ref.Weight > 0 && au.Score != nil && *au.Score < 1 {
				a.Failed = append(a.Failed, cat+": "+ref.ID)
			}
		}
	}
	a.FCP = audits["first-contentful-paint"].NumericValue
	a.LCP = audits["largest-contentful-paint"].NumericValue
	a.TBT = audits["total-blocking-time"].NumericValue
	a.CLS = audits["cumulative-layout-shift"].NumericValue
	a.Bytes = audits["total-byte-weight"].NumericValue
	for _, t := range audits["long-tasks"].Details.Items {
		a.LongestTask = max(a.LongestTask, number(t["duration"]))
	}
	if items := audits["metrics"].Details.Items; len(items) > 0 {
		a.FCPUnthrottled = number(items[0]["observedFirstContentfulPaint"])
	}
	for _, req := range audits["network-requests"].Details.Items {
		if u, err := url.Parse(fmt.Sprint(req["url"])); err == nil && strings.HasSuffix(u.Path, ".wasm") {
			a.WasmBytes += number(req["transferSize"])
		}
	}
	return a, nil
}

func number(v any) float64 {
	f, _ := v.(float64)
	return f
}

// flows runs flow.mjs over the pages that answer a tap and returns its
// runs by page key.
func flows(ctx context.Context, cfg *config, pages []page, tmp string) (map[string][]flowRun, error) {
	script := filepath.Join(tmp, "flow.mjs")
	if err := os.WriteFile(script, flowScript, 0o644); err != nil {
		return nil, err
	}
	type flowPage struct {
		Key  string `json:"key"`
		URL  string `json:"url"`
		Next string `json:"next"`
	}
	in := struct {
		NPM    string     `json:"npm"`
		Chrome string     `json:"chrome"`
		Args   []string   `json:"args"`
		Runs   int        `json:"runs"`
		Pages  []flowPage `json:"pages"`
	}{NPM: cfg.NPM, Chrome: cfg.Chrome, Args: append(chromium.Args(), offline), Runs: cfg.Runs}
	for _, p := range pages {
		if p.Next != "" {
			in.Pages = append(in.Pages, flowPage{p.Key, p.URL, p.Next})
		}
	}
	arg, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "node", script, string(arg))
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("node flow.mjs: %w", err)
	}
	runs := map[string][]flowRun{}
	if err := json.Unmarshal(out.Bytes(), &runs); err != nil {
		return nil, fmt.Errorf("flow.mjs's output: %w\n%s", err, out.Bytes())
	}
	for _, p := range in.Pages {
		if len(runs[p.Key]) != cfg.Runs {
			return nil, fmt.Errorf("flow.mjs measured %s %d times, not %d", p.Key, len(runs[p.Key]), cfg.Runs)
		}
	}
	return runs, nil
}

// lastLines is the end of a program's output, for an error message.
func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// median of the values (the mean of the middle two for an even count).
func median(vs []float64) float64 {
	if len(vs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(vs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
