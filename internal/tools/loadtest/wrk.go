package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// benchLua is wrk's script: it rotates over the paths it is given and
// prints its figures as JSON.
//
//go:embed bench.lua
var benchLua []byte

// wrkRunner runs wrk with the load test's script.
type wrkRunner struct {
	bin     string
	dir     string // where the script is written
	threads int
	timeout time.Duration
}

// Run is one wrk run's figures.
type Run struct {
	Requests  int64   `json:"requests"`
	Seconds   float64 `json:"seconds"`
	ReqPerSec float64 `json:"req_per_sec"`
	MBPerSec  float64 `json:"mb_per_sec"`
	P50Ms     float64 `json:"p50_ms"`
	P90Ms     float64 `json:"p90_ms"`
	P99Ms     float64 `json:"p99_ms"`
	MaxMs     float64 `json:"max_ms"`
	MeanMs    float64 `json:"mean_ms"`
	// Errors is every request that failed: a status other than 2xx or
	// 3xx, or a socket error (connect, read, write, timeout).
	Errors      int64       `json:"errors"`
	ErrorDetail ErrorDetail `json:"error_detail"`
}

// ErrorDetail is wrk's count of each kind of error.
type ErrorDetail struct {
	Status  int64 `json:"status"`
	Connect int64 `json:"connect"`
	Read    int64 `json:"read"`
	Write   int64 `json:"write"`
	Timeout int64 `json:"timeout"`
}

// run loads baseURL's targets with conns connections for d, the
// requests rotating over the targets.
func (w wrkRunner) run(ctx context.Context, baseURL string, conns int, d time.Duration, ts ...target) (Run, error) {
	if _, err := loopbackURL(baseURL); err != nil {
		return Run{}, err
	}
	script := filepath.Join(w.dir, "bench.lua")
	if err := os.WriteFile(script, benchLua, 0o644); err != nil {
		return Run{}, err
	}
	args := []string{
		"-t", strconv.Itoa(w.threads), "-c", strconv.Itoa(conns),
		"-d", strconv.Itoa(int(d.Round(time.Second).Seconds())) + "s",
		"--timeout", strconv.Itoa(int(max(w.timeout.Round(time.Second), time.Second).Seconds())) + "s",
		"-s", script, baseURL + ts[0].Path, "--",
	}
	for _, t := range ts {
		args = append(args, t.Path, t.AcceptEncoding)
	}
	// wrk stops by itself after d; the deadline only guards a stuck wrk.
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	cmd := exec.CommandContext(ctx, w.bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return Run{}, ctx.Err()
		}
		return Run{}, fmt.Errorf("wrk %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	r, err := parseWrk(out.String())
	if err != nil {
		return Run{}, fmt.Errorf("wrk %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return r, nil
}

// parseWrk reads the LOADTEST line that bench.lua prints at the end.
func parseWrk(out string) (Run, error) {
	var line string
	for _, l := range strings.Split(out, "\n") {
		if s, ok := strings.CutPrefix(l, "LOADTEST "); ok {
			line = s
		}
	}
	if line == "" {
		return Run{}, errors.New("wrk printed no LOADTEST line: was bench.lua's done hook run?")
	}
	// Counts are whole numbers; float64 also takes what a Lua without
	// integers prints.
	var s struct {
		Requests   float64 `json:"requests"`
		DurationUs float64 `json:"duration_us"`
		Bytes      float64 `json:"bytes"`
		Connect    float64 `json:"connect"`
		Read       float64 `json:"read"`
		Write      float64 `json:"write"`
		Status     float64 `json:"status"`
		Timeout    float64 `json:"timeout"`
		P50Us      float64 `json:"p50_us"`
		P90Us      float64 `json:"p90_us"`
		P99Us      float64 `json:"p99_us"`
		MaxUs      float64 `json:"max_us"`
		MeanUs     float64 `json:"mean_us"`
	}
	if err := json.Unmarshal([]byte(line), &s); err != nil {
		return Run{}, fmt.Errorf("wrk's LOADTEST line: %w", err)
	}
	if s.DurationUs <= 0 {
		return Run{}, fmt.Errorf("wrk's LOADTEST line has no duration: %s", line)
	}
	secs := s.DurationUs / 1e6
	r := Run{
		Requests:  int64(s.Requests),
		Seconds:   round(secs, 2),
		ReqPerSec: round(s.Requests/secs, 1),
		MBPerSec:  round(s.Bytes/secs/1e6, 1),
		P50Ms:     round(s.P50Us/1e3, 3),
		P90Ms:     round(s.P90Us/1e3, 3),
		P99Ms:     round(s.P99Us/1e3, 3),
		MaxMs:     round(s.MaxUs/1e3, 3),
		MeanMs:    round(s.MeanUs/1e3, 3),
		ErrorDetail: ErrorDetail{
			Status: int64(s.Status), Connect: int64(s.Connect), Read: int64(s.Read),
			Write: int64(s.Write), Timeout: int64(s.Timeout),
		},
	}
	e := r.ErrorDetail
	r.Errors = e.Status + e.Connect + e.Read + e.Write + e.Timeout
	return r, nil
}

// Ratio is Docket's figures divided by nginx's: requests/s below 1 and
// latencies above 1 mean Docket is slower.
type Ratio struct {
	ReqPerSec float64 `json:"req_per_sec"`
	P50       float64 `json:"p50"`
	P99       float64 `json:"p99"`
}

func ratios(docket, nginx Run) Ratio {
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return round(a/b, 4)
	}
	return Ratio{
		ReqPerSec: div(docket.ReqPerSec, nginx.ReqPerSec),
		P50:       div(docket.P50Ms, nginx.P50Ms),
		P99:       div(docket.P99Ms, nginx.P99Ms),
	}
}

// Soak is the long run against Docket alone, with its memory over time.
type Soak struct {
	Run
	Conns   int            `json:"conns"`
	Paths   []string       `json:"paths"`
	Samples []MemorySample `json:"rss_samples"`
	// WarmRSSKiB is the sample after the warm-up (15s), LastRSSKiB the
	// last one; GrowthPct is how much the second exceeds the first.
	WarmRSSKiB int64   `json:"warm_rss_kib"`
	LastRSSKiB int64   `json:"last_rss_kib"`
	GrowthPct  float64 `json:"growth_pct"`
	Grew       bool    `json:"grew"`
	// HWMKiB is the server's VmHWM at the end of the soak: the most
	// memory it has held since it started.
	HWMKiB int64 `json:"hwm_kib"`
}

// MemorySample is the server's resident memory at a time into the soak.
type MemorySample struct {
	AtS    float64 `json:"at_s"`
	RSSKiB int64   `json:"rss_kib"`
}

const (
	soakWarmup   = 15 * time.Second
	soakEvery    = 5 * time.Second
	maxGrowthPct = 20.0
)

// soak runs all targets at once against Docket for cfg.Soak with
// cfg.SoakConns connections, sampling its memory every 5s.
func soak(ctx context.Context, w wrkRunner, docket *process, cfg Config) (*Soak, error) {
	start := time.Now()
	quit, done := make(chan struct{}), make(chan []MemorySample, 1)
	go func() {
		var samples []MemorySample
		t := time.NewTicker(soakEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				samples = append(samples, MemorySample{AtS: round(time.Since(start).Seconds(), 1), RSSKiB: docket.rss()})
			case <-quit:
				// The last sample, as the load ends, unless one was just taken.
				at := time.Since(start).Seconds()
				if len(samples) == 0 || at-samples[len(samples)-1].AtS > soakEvery.Seconds()/2 {
					samples = append(samples, MemorySample{AtS: round(at, 1), RSSKiB: docket.rss()})
				}
				done <- samples
				return
			}
		}
	}()
	r, err := w.run(ctx, docket.url, cfg.SoakConns, cfg.Soak, targets...)
	close(quit)
	samples := <-done
	if err != nil {
		return nil, err
	}
	if err := docket.alive(); err != nil {
		return nil, err
	}
	s := &Soak{Run: r, Conns: cfg.SoakConns, Samples: samples}
	for _, t := range targets {
		s.Paths = append(s.Paths, t.Path)
	}
	s.WarmRSSKiB, s.LastRSSKiB, s.GrowthPct = memoryGrowth(samples, soakWarmup)
	s.Grew = s.GrowthPct > maxGrowthPct
	s.HWMKiB = docket.hwm()
	return s, nil
}

// memoryGrowth compares the last sample with the first one taken after
// the warm-up, and returns both and the growth in percent.
func memoryGrowth(samples []MemorySample, warmup time.Duration) (warm, last int64, pct float64) {
	if len(samples) == 0 {
		return 0, 0, 0
	}
	last = samples[len(samples)-1].RSSKiB
	warm = last
	for _, s := range samples {
		if s.AtS >= warmup.Seconds()-0.5 {
			warm = s.RSSKiB
			break
		}
	}
	if warm == 0 {
		return warm, last, 0
	}
	return warm, last, round(float64(last-warm)/float64(warm)*100, 1)
}

func round(x float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	if x < 0 {
		return -float64(int64(-x*p+0.5)) / p
	}
	return float64(int64(x*p+0.5)) / p
}
