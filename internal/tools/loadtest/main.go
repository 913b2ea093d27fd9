// Command loadtest measures bin/docket under load beside nginx serving the
// same bytes, then soaks bin/docket at a higher load and watches its
// memory. `make bench` runs it; it prints a table and writes the figures
// as JSON (bin/bench/load.json by default).
//
// Everything stays on this machine: both servers listen on 127.0.0.1
// only, every run is bounded in time, and every process it starts is
// stopped when it ends, fails or is interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var ue usageError
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.As(err, &ue):
		os.Exit(2)
	case ctx.Err() != nil:
		fmt.Fprintln(os.Stderr, "loadtest: interrupted; the servers it started are stopped")
		os.Exit(130)
	default:
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// Config is what a run measures; the flags bind into it.
type Config struct {
	Bin       string        // the built server
	Out       string        // where the JSON report goes
	Duration  time.Duration // each measured run, per path and server
	Conns     int           // connections of the measured runs
	Threads   int           // wrk's threads
	Soak      time.Duration // the soak's length; 0 skips it
	SoakConns int           // connections of the soak
	Timeout   time.Duration // a response slower than this counts as an error
}

// usageError is a mistake on the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func parseFlags(args []string, stderr io.Writer) (Config, error) {
	var c Config
	fl := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&c.Bin, "bin", "bin/docket", "the built server `FILE` (make build)")
	fl.StringVar(&c.Out, "out", "bin/bench/load.json", "`FILE` to write the JSON report to")
	fl.DurationVar(&c.Duration, "duration", 10*time.Second, "length of each measured run (per path and server)")
	fl.IntVar(&c.Conns, "conns", 64, "connections of the measured runs")
	fl.IntVar(&c.Threads, "threads", 2, "wrk threads")
	fl.DurationVar(&c.Soak, "soak", 60*time.Second, "length of the soak against Docket alone; 0 skips it")
	fl.IntVar(&c.SoakConns, "soak-conns", 256, "connections of the soak")
	fl.DurationVar(&c.Timeout, "timeout", 5*time.Second, "a response slower than this counts as an error")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, usageError{err.Error()}
	}
	if fl.NArg() > 0 {
		return c, usageError{fmt.Sprintf("unexpected argument %q", fl.Arg(0))}
	}
	switch {
	case c.Duration < time.Second || c.Duration > 10*time.Minute:
		return c, usageError{"-duration: want 1s to 10m"}
	case c.Soak != 0 && (c.Soak < 20*time.Second || c.Soak > time.Hour):
		return c, usageError{"-soak: want 0 (no soak) or 20s to 1h: the memory check compares the end with the sample after 15s"}
	case c.Threads < 1 || c.Threads > 64:
		return c, usageError{"-threads: want 1 to 64"}
	case c.Conns < c.Threads || c.Conns > 10000 || c.SoakConns < c.Threads || c.SoakConns > 10000:
		return c, usageError{"-conns and -soak-conns: want at least -threads and at most 10000"}
	case c.Timeout < 100*time.Millisecond || c.Timeout > time.Minute:
		return c, usageError{"-timeout: want 100ms to 1m"}
	}
	return c, nil
}

// run does the whole load test: tools, servers, measured runs, soak,
// report. It returns an error when the test could not run or when Docket
// showed a problem (errors, memory growth, an unclean shutdown); the
// report is written either way once there are figures.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if _, err := os.Stat(cfg.Bin); err != nil {
		return fmt.Errorf("%s is missing: build it first with `make build`", cfg.Bin)
	}
	tools, err := ensureTools(ctx, stdout)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "docket-loadtest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// nginx's workers may run as another user when this runs as root.
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}

	rep := &Report{
		Started: time.Now().UTC().Format(time.RFC3339),
		CPUs:    runtime.NumCPU(),
		Config: ReportConfig{
			Bin: cfg.Bin, DurationS: cfg.Duration.Seconds(), Conns: cfg.Conns, Threads: cfg.Threads,
			SoakS: cfg.Soak.Seconds(), SoakConns: cfg.SoakConns, TimeoutS: cfg.Timeout.Seconds(),
		},
		WrkVersion:   tools.wrkVersion,
		NginxVersion: tools.nginxVersion,
	}

	fmt.Fprintf(stdout, "starting %s on 127.0.0.1\n", cfg.Bin)
	docket, err := startDocket(ctx, cfg.Bin)
	if err != nil {
		return err
	}
	defer docket.stop(syscall.SIGTERM, 15*time.Second)
	rep.Memory.StartRSSKiB = docket.rss()

	root := filepath.Join(dir, "root")
	files, err := mirror(ctx, docket.url, root)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "starting nginx on 127.0.0.1 with the same files (%s)\n", tools.nginxVersion)
	ng, err := startNginx(ctx, tools, dir, root, files)
	if err != nil {
		return err
	}
	defer ng.stop(syscall.SIGQUIT, 10*time.Second)
	if err := sameBytes(ctx, docket.url, ng.url, root, files); err != nil {
		return err
	}

	// Measured runs: each path against Docket, then against nginx, while
	// both servers' memory is sampled.
	docketPeak := watchPeak(250*time.Millisecond, docket.rss)
	nginxPeak := watchPeak(250*time.Millisecond, ng.treeRSS)
	w := wrkRunner{bin: tools.wrk, dir: dir, threads: cfg.Threads, timeout: cfg.Timeout}
	fmt.Fprintf(stdout, "warming up both servers (2s each)\n")
	for _, u := range []string{docket.url, ng.url} {
		if _, err := w.run(ctx, u, cfg.Conns, 2*time.Second, targets...); err != nil {
			return err
		}
	}
	for _, t := range targets {
		pr := PathResult{Path: t.Path, AcceptEncoding: t.AcceptEncoding, BodyBytes: files[t.Path].sizeFor(t.AcceptEncoding)}
		for _, s := range []struct {
			name string
			url  string
			into *Run
		}{{"docket", docket.url, &pr.Docket}, {"nginx", ng.url, &pr.Nginx}} {
			fmt.Fprintf(stdout, "%-6s %s (Accept-Encoding: %s): %d connections for %s\n", s.name, t.Path, t.AcceptEncoding, cfg.Conns, cfg.Duration)
			r, err := w.run(ctx, s.url, cfg.Conns, cfg.Duration, t)
			if err != nil {
				return err
			}
			if err := errors.Join(docket.alive(), ng.alive()); err != nil {
				return err
			}
			*s.into = r
		}
		pr.Ratio = ratios(pr.Docket, pr.Nginx)
		rep.Paths = append(rep.Paths, pr)
	}
	rep.Memory.PeakRSSKiB = docketPeak.stop()
	rep.Memory.NginxPeakRSSKiB = nginxPeak.stop()
	rep.Memory.HWMKiB = docket.hwm()
	rep.Nginx = ng.logSummary()
	ng.stop(syscall.SIGQUIT, 10*time.Second)

	if cfg.Soak > 0 {
		fmt.Fprintf(stdout, "soak: %d connections for %s, rotating %d paths, memory every 5s\n", cfg.SoakConns, cfg.Soak, len(targets))
		s, err := soak(ctx, w, docket, cfg)
		if err != nil {
			return err
		}
		rep.Soak = s
	}

	rep.Shutdown = docket.shutdown()
	rep.DocketLog = docket.logSummary()
	rep.Problems = rep.findProblems()
	fmt.Fprintln(stdout)
	rep.WriteTable(stdout)
	if err := rep.WriteJSON(cfg.Out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote %s\n", cfg.Out)
	if len(rep.Problems) > 0 {
		return fmt.Errorf("%d problem(s) with Docket under load (see above)", len(rep.Problems))
	}
	return nil
}
