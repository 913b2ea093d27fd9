package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Report is everything one load test measured; it is written as JSON.
type Report struct {
	Started      string       `json:"started"`
	CPUs         int          `json:"cpus"`
	WrkVersion   string       `json:"wrk_version"`
	NginxVersion string       `json:"nginx_version"`
	Config       ReportConfig `json:"config"`
	Paths        []PathResult `json:"paths"`
	Memory       MemoryResult `json:"memory"`
	Soak         *Soak        `json:"soak,omitempty"`
	Shutdown     Shutdown     `json:"shutdown"`
	DocketLog    LogSummary   `json:"docket_log"`
	Nginx        LogSummary   `json:"nginx_log"`
	// Problems are what Docket did wrong; empty in a good run.
	Problems []string `json:"problems"`
}

// ReportConfig is the run's settings.
type ReportConfig struct {
	Bin       string  `json:"bin"`
	DurationS float64 `json:"duration_s"`
	Conns     int     `json:"conns"`
	Threads   int     `json:"threads"`
	SoakS     float64 `json:"soak_s"`
	SoakConns int     `json:"soak_conns"`
	TimeoutS  float64 `json:"timeout_s"`
}

// PathResult compares Docket and nginx on one path.
type PathResult struct {
	Path           string `json:"path"`
	AcceptEncoding string `json:"accept_encoding"`
	BodyBytes      int    `json:"body_bytes"`
	Docket         Run    `json:"docket"`
	Nginx          Run    `json:"nginx"`
	Ratio          Ratio  `json:"docket_over_nginx"`
}

// MemoryResult is Docket's resident memory: at start, the peak sampled
// during the measured runs, VmHWM after them (which counts the start
// too), and nginx's peak (master and workers together) for comparison.
type MemoryResult struct {
	StartRSSKiB     int64 `json:"start_rss_kib"`
	PeakRSSKiB      int64 `json:"peak_rss_kib"`
	HWMKiB          int64 `json:"hwm_after_runs_kib"`
	NginxPeakRSSKiB int64 `json:"nginx_peak_rss_kib"`
}

// findProblems lists what Docket did wrong: failed requests, memory that
// kept growing, an unclean shutdown, warnings or errors in its log.
func (r *Report) findProblems() []string {
	var out []string
	for _, p := range r.Paths {
		if p.Docket.Errors > 0 {
			out = append(out, fmt.Sprintf("%s: %d failed requests (%+v)", p.Path, p.Docket.Errors, p.Docket.ErrorDetail))
		}
	}
	if s := r.Soak; s != nil {
		if s.Errors > 0 {
			out = append(out, fmt.Sprintf("soak: %d failed requests (%+v)", s.Errors, s.ErrorDetail))
		}
		if s.Grew {
			out = append(out, fmt.Sprintf("soak: resident memory grew %.1f%% after the warm-up (%s to %s; limit %.0f%%)",
				s.GrowthPct, kib(s.WarmRSSKiB), kib(s.LastRSSKiB), maxGrowthPct))
		}
	}
	sd := r.Shutdown
	if sd.Killed || sd.ExitCode != 0 || !sd.LoggedShutdown {
		out = append(out, fmt.Sprintf("shutdown on SIGTERM: exit %d, killed %v, logged \"shutting down\" %v", sd.ExitCode, sd.Killed, sd.LoggedShutdown))
	}
	for _, line := range r.DocketLog.Notable {
		if strings.Contains(line, "level=WARN") || strings.Contains(line, "level=ERROR") {
			out = append(out, "docket logged: "+line)
		}
	}
	return out
}

// WriteTable prints the report for a person.
func (r *Report) WriteTable(w io.Writer) {
	c := r.Config
	fmt.Fprintf(w, "Docket vs nginx (%s), same bytes, 127.0.0.1; wrk (%s) %d threads, %d connections, %gs a run; %d CPUs shared by all\n\n",
		r.NginxVersion, r.WrkVersion, c.Threads, c.Conns, c.DurationS, r.CPUs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "path\tbody\tserver\treq/s\tMB/s\tp50\tp99\terrors\t")
	for _, p := range r.Paths {
		fmt.Fprintf(tw, "%s\t%s\tdocket\t%.0f\t%.1f\t%s\t%s\t%d\t\n", p.Path, size(int64(p.BodyBytes)), p.Docket.ReqPerSec, p.Docket.MBPerSec, ms(p.Docket.P50Ms), ms(p.Docket.P99Ms), p.Docket.Errors)
		fmt.Fprintf(tw, "\t\tnginx\t%.0f\t%.1f\t%s\t%s\t%d\t\n", p.Nginx.ReqPerSec, p.Nginx.MBPerSec, ms(p.Nginx.P50Ms), ms(p.Nginx.P99Ms), p.Nginx.Errors)
		fmt.Fprintf(tw, "\t\tdocket/nginx\t%s\t\t%s\t%s\t\t\n", times(p.Ratio.ReqPerSec), times(p.Ratio.P50), times(p.Ratio.P99))
	}
	tw.Flush()

	m := r.Memory
	fmt.Fprintf(w, "\nmemory   docket: %s at start, %s peak during the runs (VmHWM %s, start included); nginx: %s peak (master and %d workers)\n",
		kib(m.StartRSSKiB), kib(m.PeakRSSKiB), kib(m.HWMKiB), kib(m.NginxPeakRSSKiB), r.CPUs)
	if s := r.Soak; s != nil {
		fmt.Fprintf(w, "soak     %gs, %d connections, rotating %s: %d requests, %.0f req/s, p50 %s, p99 %s, errors %d\n",
			c.SoakS, s.Conns, strings.Join(s.Paths, " "), s.Requests, s.ReqPerSec, ms(s.P50Ms), ms(s.P99Ms), s.Errors)
		var samples []string
		for _, x := range s.Samples {
			samples = append(samples, fmt.Sprintf("%.0fs %s", x.AtS, kib(x.RSSKiB)))
		}
		fmt.Fprintf(w, "         RSS: %s; VmHWM %s\n", strings.Join(samples, ", "), kib(s.HWMKiB))
		verdict := "ok"
		if s.Grew {
			verdict = "GREW"
		}
		fmt.Fprintf(w, "         after warm-up %s, at the end %s: %+.1f%% (limit %.0f%%): %s\n",
			kib(s.WarmRSSKiB), kib(s.LastRSSKiB), s.GrowthPct, maxGrowthPct, verdict)
	}
	sd := r.Shutdown
	fmt.Fprintf(w, "shutdown SIGTERM: exit %d after %.2fs, logged \"shutting down\": %v\n", sd.ExitCode, sd.Seconds, sd.LoggedShutdown)
	fmt.Fprintf(w, "logs     docket %d lines, nginx %d access lines\n", r.DocketLog.Lines, r.Nginx.Lines)
	if len(r.Problems) == 0 {
		fmt.Fprintln(w, "\nno problems: no failed requests, no memory growth, clean shutdown")
		return
	}
	fmt.Fprintln(w, "\nPROBLEMS")
	for _, p := range r.Problems {
		fmt.Fprintln(w, "  "+p)
	}
}

// WriteJSON writes the report to name, making its folder.
func (r *Report) WriteJSON(name string) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(b, '\n'), 0o644)
}

// ms shows a latency in milliseconds with a precision that suits it.
func ms(v float64) string {
	switch {
	case v < 1:
		return fmt.Sprintf("%.0fµs", v*1000)
	case v < 10:
		return fmt.Sprintf("%.2fms", v)
	case v < 1000:
		return fmt.Sprintf("%.1fms", v)
	}
	return fmt.Sprintf("%.2fs", v/1000)
}

// times shows a ratio with three significant digits: 0.00495x, 1.05x, 239x.
func times(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) + "x" }

func kib(v int64) string { return fmt.Sprintf("%.1f MiB", float64(v)/1024) }

func size(b int64) string {
	switch {
	case b < 10<<10:
		return fmt.Sprintf("%d B", b)
	case b < 1<<20:
		return fmt.Sprintf("%.0f KiB", float64(b)/1024)
	}
	return fmt.Sprintf("%.2f MiB", float64(b)/(1<<20))
}
