// Command pageload compares Docket's case page and embed page with the
// same events as a TimelineJS page, a go-app hello world and a static HTML
// page, all served the same way from loopback, in Lighthouse 12: its CLI in
// the mobile profile for scores, paints, blocking time, layout shift and
// bytes, and user flows (flow.mjs) in a 4x-CPU profile for Interaction to
// Next Paint and warm loads. It prints one table with the medians, Docket's
// ratios to the peers and issue #17's targets met or missed, writes it as
// JSON and Markdown, and can put it into the README.
//
//	go -C internal/tools/bench run ./pageload -root "$PWD" [-runs 3] [-readme README.md]
//
// `make bench` runs it after installing Lighthouse and TimelineJS into
// bin/npm.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"docket/internal/browsertest/chromium"
	"docket/internal/routes"
	"docket/internal/tools/bench/benchcmd"
)

func main() { benchcmd.Main("pageload", run) }

// config is what the command line sets; paths are made absolute from Root.
type config struct {
	Root, Bin, NPM, Out, Markdown, Readme string
	Runs                                  int
	Chrome                                string
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := benchcmd.NewFlagSet("pageload", stderr, &c.Root)
	fs.PathVar(&c.Bin, "bin", "bin/docket", "the Docket binary to serve")
	fs.PathVar(&c.NPM, "npm", "bin/npm", "where npm installed lighthouse and @knight-lab/timelinejs")
	fs.IntVar(&c.Runs, "runs", 3, "runs per page; the table shows medians")
	fs.PathVar(&c.Out, "out", "bin/bench/pageload.json", "where to write the figures as JSON")
	fs.PathVar(&c.Markdown, "md", "bin/bench/pageload.md", "where to write the table as Markdown")
	fs.PathVar(&c.Readme, "readme", "", "also put the table into this file, between "+beginMarker+" and "+endMarker)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if c.Runs < 1 {
		return nil, errors.New("-runs must be at least 1")
	}
	if _, err := os.Stat(filepath.Join(c.NPM, "node_modules", ".bin", "lighthouse")); err != nil {
		return nil, fmt.Errorf("no Lighthouse in %s: `make bench` installs it (npm install --prefix bin/npm lighthouse@12.8.2)", c.NPM)
	}
	if c.Chrome = chromium.Path(); c.Chrome == "" {
		return nil, errors.New(chromium.Missing)
	}
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	started := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tmp, err := os.MkdirTemp("", "docket-pageload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	logf := func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }

	logf("serving the pages")
	docket, server, err := startDocket(ctx, cfg.Bin)
	if err != nil {
		return err
	}
	defer server.Stop()
	pages, wasm, err := servePages(ctx, cfg, docket, tmp)
	if err != nil {
		return err
	}
	res := &results{
		Date:     started.UTC().Format("2006-01-02"),
		Chromium: version(cfg.Chrome, "--version"),
		CPUs:     runtime.NumCPU(),
		Runs:     cfg.Runs,
		Wasm:     wasm,
	}
	res.Lighthouse = strings.TrimSpace(version(filepath.Join(cfg.NPM, "node_modules", ".bin", "lighthouse"), "--version"))
	for _, p := range pages {
		res.Pages = append(res.Pages, pageResult{page: p})
	}

	// The pages take turns within a run, each run starting with the next
	// page, so that a busy moment of the machine does not always fall on
	// the same one.
	reports := filepath.Join(filepath.Dir(cfg.Out), "lighthouse")
	if err := os.MkdirAll(reports, 0o755); err != nil {
		return err
	}
	port, browser, err := startBrowser(ctx, cfg.Chrome, filepath.Join(tmp, "chromium"))
	if err != nil {
		return err
	}
	defer browser.stop()
	for run := range cfg.Runs {
		for i := range res.Pages {
			p := &res.Pages[(i+run)%len(res.Pages)]
			t := time.Now()
			a, err := lighthouse(ctx, cfg, port, p.URL, filepath.Join(reports, fmt.Sprintf("%s-%d.json", p.Key, run+1)))
			if err != nil {
				return err
			}
			p.Audits = append(p.Audits, a)
			logf("lighthouse %-10s run %d/%d: Performance %3.0f, FCP %4.0f ms, TBT %4.0f ms, longest task %4.0f ms  [%.0f s]",
				p.Key, run+1, cfg.Runs, a.Performance, a.FCP, a.TBT, a.LongestTask, time.Since(t).Seconds())
		}
	}
	browser.stop()
	runs, err := flows(ctx, cfg, pages, tmp)
	if err != nil {
		return err
	}
	for i := range res.Pages {
		res.Pages[i].Flows = runs[res.Pages[i].Key]
	}
	res.Elapsed = time.Since(started).Round(time.Second).String()
	res.checkTargets()
	return res.write(cfg.Out, cfg.Markdown, cfg.Readme, stdout)
}

// servePages serves the other four pages beside Docket's on loopback
// until ctx ends and returns the five, with the sizes of Docket's and the
// hello world's wasm as served.
func servePages(ctx context.Context, cfg *config, docket, tmp string) ([]page, map[string]wasmSize, error) {
	doc, err := get(docket, "identity")
	if err != nil {
		return nil, nil, err
	}
	c, err := pageCase(doc)
	if err != nil {
		return nil, nil, err
	}
	static, err := staticSite(docket, doc)
	if err != nil {
		return nil, nil, fmt.Errorf("the static page: %w", err)
	}
	tl, err := timelineJSSite(filepath.Join(cfg.NPM, "node_modules", "@knight-lab", "timelinejs", "dist"), c)
	if err != nil {
		return nil, nil, err
	}
	wasm, err := buildHello(ctx, tmp)
	if err != nil {
		return nil, nil, err
	}
	hello, err := helloSite(wasm, filepath.Join(filepath.Dir(cfg.Out), "cache"))
	if err != nil {
		return nil, nil, err
	}
	urls := map[string]string{}
	for key, h := range map[string]http.Handler{staticKey: static, tlKey: tl, helloKey: hello} {
		if urls[key], err = serveLoopback(ctx, h); err != nil {
			return nil, nil, err
		}
	}
	pages := []page{
		{caseKey, "case", docket, "Docket's page of the default case (/, its canonical address): prerendered, then go-app's wasm", ".tl-next"},
		{embedKey, "embed", docket + strings.TrimPrefix(routes.EmbedPath(c.ID), "/"), "Docket's embed of the same case", ".tl-next"},
		{tlKey, "TimelineJS", urls[tlKey], "TimelineJS " + timelineJSVersion(cfg.NPM) + "'s documented embed of the same events", ".tl-slidenav-next"},
		{helloKey, "hello world", urls[helloKey], "go-app's hello world, built and served as Docket is", "#next"},
		{staticKey, "static", urls[staticKey], "Docket's prerendered page without scripts, case data, go-app's loader and stylesheet", ""},
	}
	sizes := map[string]wasmSize{}
	for key, base := range map[string]string{caseKey: docket, helloKey: urls[helloKey]} {
		var s wasmSize
		for _, enc := range []struct {
			name string
			into *int
		}{{"identity", &s.Raw}, {"br", &s.Brotli}, {"gzip", &s.Gzip}} {
			b, err := get(base+"web/app.wasm", enc.name)
			if err != nil {
				return nil, nil, err
			}
			*enc.into = len(b)
		}
		sizes[key] = s
	}
	// go-app makes its files on the first request, and the sites compress
	// theirs: let that happen outside the measurements.
	for _, p := range pages {
		for _, path := range []string{"", "app.js", "app-worker.js", "wasm_exec.js", "manifest.webmanifest", "timeline/js/timeline.js", "timeline/css/timeline.css", "case.json"} {
			if res, err := http.Get(p.URL + path); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		}
	}
	return pages, sizes, nil
}

// timelineJSVersion is the version of TimelineJS that npm installed.
func timelineJSVersion(npm string) string {
	b, err := os.ReadFile(filepath.Join(npm, "node_modules", "@knight-lab", "timelinejs", "package.json"))
	if err != nil {
		return "?"
	}
	_, v, _ := strings.Cut(string(b), `"version": "`)
	v, _, _ = strings.Cut(v, `"`)
	return v
}

// version is what a program says its version is.
func version(program string, args ...string) string {
	out, err := exec.Command(program, args...).Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}
