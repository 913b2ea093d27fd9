package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// bench is everything a run needs: the pages, served, and the wasm sizes.
type bench struct {
	cfg     *config
	log     io.Writer
	tmp     string
	cancel  context.CancelFunc
	pages   []benchPage
	sizes   sizes
	notes   []string
	docket  docketInfo
	dlogs   *bytes.Buffer
	started time.Time
}

type docketInfo struct {
	Bin        string `json:"bin"`
	Version    string `json:"version"`
	HTMLBytes  int    `json:"html_bytes"`
	HTMLServed int    `json:"html_bytes_served"`
	Preload    bool   `json:"wasm_preload"`
	EagerMedia int    `json:"eager_iframes_imgs"`
}

func (b *bench) close() {
	b.cancel()
	if b.cfg.Keep {
		fmt.Fprintln(b.log, "kept", b.tmp)
		return
	}
	os.RemoveAll(b.tmp)
}

func (b *bench) logf(format string, args ...any) { fmt.Fprintf(b.log, format+"\n", args...) }

var versionRE = regexp.MustCompile(`docket\.css\?v=([0-9a-f]+)`)

// prepare starts Docket, builds and serves the hello world, installs and
// serves TimelineJS, makes the static page and measures the wasm sizes.
func prepare(ctx context.Context, cfg *config, log io.Writer) (*bench, error) {
	ctx, cancel := context.WithCancel(ctx)
	b := &bench{cfg: cfg, log: log, cancel: cancel, started: time.Now()}
	tmp, err := os.MkdirTemp("", "pageload-")
	if err != nil {
		cancel()
		return nil, err
	}
	b.tmp = tmp
	fail := func(err error) (*bench, error) { b.close(); return nil, err }

	bin := cfg.Bin
	if !filepath.IsAbs(bin) {
		bin = filepath.Join(cfg.Root, bin)
	}
	b.docket.Bin = cfg.Bin
	b.logf("starting %s serve", cfg.Bin)
	docketURL, dlogs, err := startDocket(ctx, bin)
	if err != nil {
		return fail(err)
	}
	b.dlogs = dlogs
	dp := docketPage
	dp.URL = docketURL
	pageHTML, err := fetch(docketURL)
	if err != nil {
		return fail(err)
	}
	b.docket.HTMLBytes = len(pageHTML)
	if n, err := encodedSize(docketURL, "br, gzip"); err == nil {
		b.docket.HTMLServed = n
	}
	if m := versionRE.FindSubmatch(pageHTML); m != nil {
		b.docket.Version = string(m[1])
	}
	b.docket.Preload = regexp.MustCompile(`<link[^>]*rel="?preload"?[^>]*app\.wasm|<link[^>]*app\.wasm[^>]*rel="?preload`).Match(pageHTML)
	// Embeds and images, other than go-app's loading icon, should wait
	// until the reader scrolls to them.
	for _, tag := range regexp.MustCompile(`<(?:iframe|img)\b[^>]*>`).FindAll(pageHTML, -1) {
		if !bytes.Contains(tag, []byte(`loading="lazy"`)) && !bytes.Contains(tag, []byte(`id="app-wasm-loader-icon"`)) {
			b.docket.EagerMedia++
		}
	}
	c, err := pageCase(pageHTML)
	if err != nil {
		return fail(err)
	}

	for _, key := range cfg.Pages {
		switch key {
		case "docket":
			b.pages = append(b.pages, dp)
		case "static":
			s, err := staticSite(docketURL, pageHTML)
			if err != nil {
				return fail(fmt.Errorf("the static page: %w", err))
			}
			u, err := serveLoopback(ctx, s)
			if err != nil {
				return fail(err)
			}
			b.pages = append(b.pages, benchPage{Key: "static", Name: "static", URL: u + "/",
				What: "Docket's prerendered page without scripts, case data, go-app's loader and app.css; brotli"})
		case "timelinejs":
			b.logf("installing TimelineJS %s from npm", timelineJSVersion)
			dist, err := installTimelineJS(ctx, filepath.Join(tmp, "npm"))
			if err != nil {
				return fail(err)
			}
			s, err := timelineJSSite(dist, c)
			if err != nil {
				return fail(err)
			}
			u, err := serveLoopback(ctx, s)
			if err != nil {
				return fail(err)
			}
			p := timelineJSPage
			p.URL = u + "/"
			b.pages = append(b.pages, p)
		case "hello":
			b.logf("building the go-app hello world")
			h, err := buildHello(ctx, cfg.Root, tmp)
			if err != nil {
				return fail(err)
			}
			hh, err := h.handler()
			if err != nil {
				return fail(err)
			}
			u, err := serveLoopback(ctx, hh)
			if err != nil {
				return fail(err)
			}
			b.pages = append(b.pages, benchPage{Key: "hello", Name: "hello world", URL: u + "/", App: true, Worker: true,
				What:  "go-app " + goAppVersion() + " hello world: one component, Docket's build flags, brotli wasm, go-app's service worker",
				Focus: []string{"#timeline"}, Sig: "document.getElementById('count').textContent"})
			b.sizes.hello = h
		}
	}
	b.logf("measuring the wasm sizes")
	b.measureSizes(ctx, docketURL)
	// Let each server make what it makes on first use (go-app builds its
	// files on the first request), outside the measurements.
	for _, p := range b.pages {
		for _, path := range []string{"", "app.js", "app-worker.js", "wasm_exec.js"} {
			if res, err := http.Get(p.URL + path); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		}
	}
	return b, nil
}

// goAppVersion is the go-app version in the module's build list.
func goAppVersion() string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/maxence-charriere/go-app/v10").Output()
	if err != nil {
		return "v10"
	}
	return strings.TrimSpace(string(out))
}

// measure loads every page, run after run, under each profile. Within a
// run the pages take turns in a rotating order, so that a noisy moment of
// the machine does not always fall on the same page.
func (b *bench) measure(ctx context.Context) (*results, error) {
	res := &results{
		Date:     time.Now().UTC().Format(time.RFC3339),
		Runs:     b.cfg.Runs,
		Quick:    b.cfg.Quick,
		CPUs:     runtime.NumCPU(),
		Go:       runtime.Version(),
		Chromium: chromiumVersion(b.cfg.Chrome),
		Docket:   b.docket,
		Pages:    b.pages,
		Sizes:    b.sizes.out,
		LoadAvg:  [2]string{loadAverage(), ""},
	}
	if l, err := strconv.ParseFloat(res.LoadAvg[0], 64); err == nil && l > float64(res.CPUs) {
		b.logf("the machine is busy (load average %s on %d CPUs): expect slow, noisy figures", res.LoadAvg[0], res.CPUs)
	}
	verbose := func(string, ...any) {}
	if b.cfg.Verbose {
		verbose = b.logf
	}
	for _, pr := range b.cfg.Profiles {
		pres := profileResult{Profile: pr, Pages: map[string]*pageResult{}}
		for _, p := range b.pages {
			pres.Pages[p.Key] = &pageResult{}
		}
		for run := range b.cfg.Runs {
			order := slices.Clone(b.pages)
			k := run % len(order)
			order = append(order[k:], order[:k]...)
			for _, p := range order {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				start := time.Now()
				cold, warm, err := measureOnce(ctx, b.cfg.Chrome, p, pr, verbose)
				pr := pres.Pages[p.Key]
				if err != nil {
					pr.Errors = append(pr.Errors, fmt.Sprintf("run %d: %v", run+1, err))
					b.logf("%-6s %-11s run %d/%d: %v", pres.Profile.Name, p.Name, run+1, b.cfg.Runs, err)
					continue
				}
				pr.Cold.Runs = append(pr.Cold.Runs, cold)
				pr.Warm.Runs = append(pr.Warm.Runs, warm)
				b.logf("%-6s %-11s run %d/%d: cold FCP %4.0f LCP %5.0f TTI %5.0f ms, %4.0f KB (wasm %4.0f KB); warm TTI %5.0f ms, %3.0f KB  [%.0fs]",
					pres.Profile.Name, p.Name, run+1, b.cfg.Runs, cold.FCP, cold.LCP, cold.TTI, kb(cold.Bytes), kb(cold.WasmBytes), warm.TTI, kb(warm.Bytes), time.Since(start).Seconds())
			}
		}
		for _, p := range pres.Pages {
			p.Cold.Median = medianOf(p.Cold.Runs)
			p.Warm.Median = medianOf(p.Warm.Runs)
		}
		res.Profiles = append(res.Profiles, pres)
	}
	res.Elapsed = time.Since(b.started).Round(time.Second).String()
	res.LoadAvg[1] = loadAverage()
	return res, nil
}

// loadAverage is the one-minute load average, where Linux tells it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

func kb(n int64) float64 { return float64(n) / 1000 }

func chromiumVersion(chrome string) string {
	out, err := exec.Command(chrome, "--version").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
