package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// results is everything one run measured; it is written as JSON.
type results struct {
	Date     string `json:"date"`
	Elapsed  string `json:"elapsed"`
	Runs     int    `json:"runs"`
	Quick    bool   `json:"quick"`
	CPUs     int    `json:"cpus"`
	Go       string `json:"go"`
	Chromium string `json:"chromium"`
	// LoadAvg is the machine's load average (1 minute) when the
	// measurements started and ended: figures from a busy machine are slow
	// and noisy.
	LoadAvg  [2]string       `json:"load_average"`
	Docket   docketInfo      `json:"docket"`
	Pages    []benchPage     `json:"pages"`
	Profiles []profileResult `json:"profiles"`
	Sizes    sizeReport      `json:"sizes"`
	Targets  []check         `json:"targets"`
}

type profileResult struct {
	Profile profile                `json:"profile"`
	Pages   map[string]*pageResult `json:"pages"`
}

type pageResult struct {
	Cold   phase    `json:"cold"`
	Warm   phase    `json:"warm"`
	Errors []string `json:"errors,omitempty"`
}

type phase struct {
	Median summary `json:"median"`
	Runs   []load  `json:"runs"`
}

// summary is the median of each figure over a page's runs.
type summary struct {
	N           int     `json:"n"`
	FCP         float64 `json:"fcp_ms"`
	LCP         float64 `json:"lcp_ms"`
	CLS         float64 `json:"cls"`
	CLSMax      float64 `json:"cls_max"`
	Ready       float64 `json:"ready_ms,omitempty"`
	BusyUntil   float64 `json:"busy_until_ms,omitempty"`
	KeyLatency  float64 `json:"key_latency_ms,omitempty"`
	TTI         float64 `json:"tti_ms,omitempty"`
	KeyAnswered int     `json:"runs_key_answered"`
	Bytes       float64 `json:"bytes"`
	WasmBytes   float64 `json:"wasm_bytes"`
	WorkerBytes float64 `json:"worker_bytes"`
}

func medianOf(ls []load) summary {
	s := summary{N: len(ls)}
	if len(ls) == 0 {
		return s
	}
	m := func(f func(load) float64) float64 {
		v := make([]float64, len(ls))
		for i, l := range ls {
			v[i] = f(l)
		}
		return median(v)
	}
	s.FCP = m(func(l load) float64 { return l.FCP })
	s.LCP = m(func(l load) float64 { return l.LCP })
	s.CLS = m(func(l load) float64 { return l.CLS })
	s.Ready = m(func(l load) float64 { return l.Ready })
	s.BusyUntil = m(func(l load) float64 { return l.BusyUntil })
	s.KeyLatency = m(func(l load) float64 { return l.KeyLatency })
	s.TTI = m(func(l load) float64 { return l.TTI })
	s.Bytes = m(func(l load) float64 { return float64(l.Bytes) })
	s.WasmBytes = m(func(l load) float64 { return float64(l.WasmBytes) })
	s.WorkerBytes = m(func(l load) float64 { return float64(l.WorkerBytes) })
	for _, l := range ls {
		s.CLSMax = max(s.CLSMax, l.CLS)
		if l.KeyAnswered {
			s.KeyAnswered++
		}
	}
	return s
}

func median(v []float64) float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// check is one target of issue #9, met or not.
type check struct {
	Target  string  `json:"target"`
	Profile string  `json:"profile,omitempty"`
	Value   float64 `json:"value"`
	Limit   float64 `json:"limit"`
	// Met is nil when the figures to decide are missing.
	Met  *bool  `json:"met"`
	Note string `json:"note,omitempty"`
}

// row is a line of the table: one figure, cold or warm.
type row struct {
	label string
	warm  bool
	unit  string // "ms", "KB" or "" (CLS)
	get   func(summary) float64
	// targets are this row's checks: the limit from the other pages'
	// figures, and how the table names it.
	targets []rowTarget
}

type rowTarget struct {
	name  string // "≤1.25× static"
	limit func(by map[string]summary) (float64, bool)
	less  bool // strictly less than the limit
}

func ratioOf(key string, f float64, get func(summary) float64) func(map[string]summary) (float64, bool) {
	return func(by map[string]summary) (float64, bool) {
		s, ok := by[key]
		if !ok || s.N == 0 || get(s) <= 0 {
			return 0, false
		}
		return f * get(s), true
	}
}

func constant(v float64) func(map[string]summary) (float64, bool) {
	return func(map[string]summary) (float64, bool) { return v, true }
}

var (
	getFCP   = func(s summary) float64 { return s.FCP }
	getLCP   = func(s summary) float64 { return s.LCP }
	getCLS   = func(s summary) float64 { return s.CLS }
	getTTI   = func(s summary) float64 { return s.TTI }
	getBytes = func(s summary) float64 { return s.Bytes }
	getWasm  = func(s summary) float64 { return s.WasmBytes }
)

var rows = []row{
	{label: "cold FCP", unit: "ms", get: getFCP, targets: []rowTarget{{name: "≤1.25× static", limit: ratioOf("static", 1.25, getFCP)}}},
	{label: "cold LCP", unit: "ms", get: getLCP, targets: []rowTarget{{name: "≤0.5× TimelineJS", limit: ratioOf("timelinejs", 0.5, getLCP)}}},
	{label: "cold CLS", get: getCLS, targets: []rowTarget{{name: "<0.02", limit: constant(0.02), less: true}}},
	{label: "cold TTI", unit: "ms", get: getTTI, targets: []rowTarget{{name: "≤1.1× hello", limit: ratioOf("hello", 1.1, getTTI)}}},
	{label: "cold bytes", unit: "KB", get: getBytes},
	{label: "cold wasm", unit: "KB", get: getWasm},
	{label: "warm FCP", warm: true, unit: "ms", get: getFCP},
	{label: "warm LCP", warm: true, unit: "ms", get: getLCP},
	{label: "warm CLS", warm: true, get: getCLS, targets: []rowTarget{{name: "<0.02", limit: constant(0.02), less: true}}},
	{label: "warm TTI", warm: true, unit: "ms", get: getTTI, targets: []rowTarget{
		{name: "≤ TimelineJS", limit: ratioOf("timelinejs", 1, getTTI)},
		{name: "≤1.1× hello", limit: ratioOf("hello", 1.1, getTTI)},
	}},
	{label: "warm bytes", warm: true, unit: "KB", get: getBytes},
	{label: "warm wasm", warm: true, unit: "KB", get: getWasm, targets: []rowTarget{{name: "0", limit: constant(0)}}},
}

var columns = []struct{ key, head string }{
	{"docket", "Docket"}, {"timelinejs", "TimelineJS"}, {"hello", "hello"}, {"static", "static"},
}

// evaluate checks every target of every profile.
func evaluate(res *results) {
	res.Targets = nil
	for _, pr := range res.Profiles {
		for _, r := range rows {
			by := pr.summaries(r.warm)
			d, ok := by["docket"]
			for _, t := range r.targets {
				c := check{Target: r.label + " " + t.name, Profile: pr.Profile.Name}
				limit, lok := t.limit(by)
				if ok && d.N > 0 && lok && !(r.get(d) == 0 && r.unit == "ms") {
					c.Value, c.Limit = r.get(d), limit
					met := c.Value <= limit
					if t.less {
						met = c.Value < limit
					}
					c.Met = &met
				}
				if r.label == "cold TTI" || r.label == "warm TTI" {
					if ok && d.N > 0 && d.KeyAnswered < d.N {
						c.Note = fmt.Sprintf("the timeline answered ArrowRight in %d of %d runs; the others count from data-docket=ready", d.KeyAnswered, d.N)
					}
				}
				if (r.label == "cold CLS" || r.label == "warm CLS") && ok && d.CLSMax >= 0.02 {
					c.Note = fmt.Sprintf("worst run %.3f", d.CLSMax)
				}
				res.Targets = append(res.Targets, c)
			}
		}
	}
	s := res.Sizes
	size := check{Target: "app.wasm brotli ≤1.15× hello world's", Value: float64(s.Docket.Brotli), Limit: 1.15 * float64(s.Hello.Brotli)}
	if s.Docket.Brotli > 0 && s.Hello.Brotli > 0 {
		met := size.Value <= size.Limit
		size.Met = &met
		size.Note = fmt.Sprintf("%.3f×", float64(s.Docket.Brotli)/float64(s.Hello.Brotli))
	}
	res.Targets = append(res.Targets, size)
	pre := res.Docket.Preload
	res.Targets = append(res.Targets, check{Target: "the page preloads the wasm (<link rel=preload>)", Met: &pre})
	lazy := res.Docket.EagerMedia == 0
	res.Targets = append(res.Targets, check{Target: "embeds and images lazy-loaded (loading=lazy; go-app's loading icon aside)", Value: float64(res.Docket.EagerMedia), Met: &lazy,
		Note: fmt.Sprintf("%d eager", res.Docket.EagerMedia)})
}

func (pr profileResult) summaries(warm bool) map[string]summary {
	by := map[string]summary{}
	for k, p := range pr.Pages {
		if warm {
			by[k] = p.Warm.Median
		} else {
			by[k] = p.Cold.Median
		}
	}
	return by
}

func (res *results) met(profile, target string) *bool {
	for _, c := range res.Targets {
		if c.Profile == profile && c.Target == target {
			return c.Met
		}
	}
	return nil
}

// readResults reads the JSON of an earlier run.
func readResults(path string) (*results, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var res results
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &res, nil
}

// report prints the table and writes the JSON and Markdown files.
func report(cfg *config, res *results, stdout, stderr io.Writer) error {
	evaluate(res)
	text, md := tables(res)
	io.WriteString(stdout, text)
	var errs []error
	for _, f := range []struct {
		path string
		data func() ([]byte, error)
	}{
		{cfg.Out, func() ([]byte, error) { return json.MarshalIndent(res, "", "  ") }},
		{cfg.Markdown, func() ([]byte, error) { return []byte(md), nil }},
	} {
		if f.path == "" {
			continue
		}
		p := f.path
		if !filepath.IsAbs(p) {
			p = filepath.Join(cfg.Root, p)
		}
		b, err := f.data()
		if err == nil {
			if err = os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
				err = os.WriteFile(p, b, 0o644)
			}
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintln(stderr, "wrote", f.path)
	}
	if cfg.Readme != "" {
		if err := updateReadme(cfg.Readme, md); err != nil {
			errs = append(errs, err)
		} else {
			fmt.Fprintln(stderr, "updated", cfg.Readme)
		}
	}
	return errors.Join(errs...)
}

const (
	readmeBegin = "<!-- pageload:begin -->"
	readmeEnd   = "<!-- pageload:end -->"
)

// updateReadme replaces what lies between the markers with md; a README
// without them gets a "Page load" section with them at its end.
func updateReadme(path, md string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(withFigures(string(b), md)), 0o644)
}

func withFigures(readme, md string) string {
	i, j := strings.Index(readme, readmeBegin), strings.Index(readme, readmeEnd)
	if i < 0 || j < i {
		return strings.TrimRight(readme, "\n") + "\n\n## Page load\n\n" + readmeBegin + "\n" + md + readmeEnd + "\n"
	}
	return readme[:i+len(readmeBegin)] + "\n" + md + readme[j:]
}

// tables renders the results for the terminal and as Markdown.
func tables(res *results) (string, string) {
	var t, m bytes.Buffer
	fmt.Fprintf(&t, "\nDocket page load vs TimelineJS %s, go-app hello world, static HTML — medians of %d runs\n(%s, %d CPUs, load average %s at start and %s at end, %s)\n",
		timelineJSVersion, res.Runs, res.Chromium, res.CPUs, res.LoadAvg[0], res.LoadAvg[1], res.Date)
	fmt.Fprintf(&m, "Page load, medians of %d runs (`make bench`, %s, %s, %d CPUs, load average %s → %s). Ratios are Docket's figure over the other page's.\n",
		res.Runs, res.Date[:10], res.Chromium, res.CPUs, res.LoadAvg[0], res.LoadAvg[1])
	for _, pr := range res.Profiles {
		fmt.Fprintf(&t, "\n== %s: %s ==\n", pr.Profile.Name, pr.Profile.Label)
		fmt.Fprintf(&t, "%-11s %10s %10s %10s %10s %7s %7s %7s  %-28s %s\n", "", "Docket", "TimelineJS", "hello", "static", "D/TL", "D/stat", "D/hello", "target", "met")
		fmt.Fprintf(&m, "\n**%s** (%s)\n\n", pr.Profile.Name, pr.Profile.Label)
		m.WriteString("| | Docket | TimelineJS | hello world | static | D/TL | D/static | D/hello | target | met |\n")
		m.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n")
		for _, r := range rows {
			by := pr.summaries(r.warm)
			label := r.label
			if r.unit != "" {
				label += " " + r.unit
			}
			var cells []string
			for _, c := range columns {
				cells = append(cells, cell(r, by, c.key))
			}
			var ratios []string
			for _, k := range []string{"timelinejs", "static", "hello"} {
				ratios = append(ratios, ratio(r, by, k))
			}
			var names, mets []string
			for _, tg := range r.targets {
				names = append(names, tg.name)
				mets = append(mets, yesNo(res.met(pr.Profile.Name, r.label+" "+tg.name)))
			}
			fmt.Fprintf(&t, "%-11s %10s %10s %10s %10s %7s %7s %7s  %-28s %s\n", label, cells[0], cells[1], cells[2], cells[3],
				ratios[0], ratios[1], ratios[2], strings.Join(names, "; "), strings.Join(mets, "; "))
			fmt.Fprintf(&m, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", label, cells[0], cells[1], cells[2], cells[3],
				ratios[0], ratios[1], ratios[2], strings.Join(names, "; "), strings.Join(mets, "; "))
		}
		for _, c := range columns {
			if p := pr.Pages[c.key]; p != nil && len(p.Errors) > 0 {
				fmt.Fprintf(&t, "  %s: %d failed loads: %s\n", c.head, len(p.Errors), p.Errors[0])
			}
		}
	}

	s := res.Sizes
	fmt.Fprintf(&t, "\n== app.wasm ==\n%-12s %10s %10s %10s %10s %10s\n", "", "raw", "brotli", "gzip", "code", "data")
	m.WriteString("\n**app.wasm**\n\n| | raw | brotli | gzip | code section | data section |\n|---|---:|---:|---:|---:|---:|\n")
	for _, w := range []struct {
		name string
		s    wasmSize
	}{{"Docket", s.Docket}, {"hello world", s.Hello}} {
		fmt.Fprintf(&t, "%-12s %10d %10d %10d %10d %10d\n", w.name, w.s.Raw, w.s.Brotli, w.s.Gzip, w.s.Code, w.s.Data)
		fmt.Fprintf(&m, "| %s | %d | %d | %d | %d | %d |\n", w.name, w.s.Raw, w.s.Brotli, w.s.Gzip, w.s.Code, w.s.Data)
	}
	if s.Hello.Brotli > 0 {
		fmt.Fprintf(&t, "%-12s %10.3f %10.3f %10.3f %10.3f %10.3f\n", "Docket/hello",
			float64(s.Docket.Raw)/float64(s.Hello.Raw), float64(s.Docket.Brotli)/float64(s.Hello.Brotli),
			float64(s.Docket.Gzip)/float64(s.Hello.Gzip), float64(s.Docket.Code)/float64(max(1, s.Hello.Code)), float64(s.Docket.Data)/float64(max(1, s.Hello.Data)))
	}
	if len(s.Docket.Packages) > 0 {
		fmt.Fprintf(&t, "\ncode by package (bytes), top 15:\n%-48s %9s   %-48s %9s   %-40s %9s\n", "Docket", "", "hello world", "", "Docket minus hello world", "")
		m.WriteString("\n| Docket's code by package | bytes | hello world's | bytes | Docket − hello world | bytes |\n|---|---:|---|---:|---|---:|\n")
		for i := range 15 {
			var a, b, c [2]string
			if i < len(s.Docket.Packages) {
				a = [2]string{short(s.Docket.Packages[i].Package, 48), fmt.Sprint(s.Docket.Packages[i].Bytes)}
			}
			if i < len(s.Hello.Packages) {
				b = [2]string{short(s.Hello.Packages[i].Package, 48), fmt.Sprint(s.Hello.Packages[i].Bytes)}
			}
			if i < len(s.Diff) {
				c = [2]string{short(s.Diff[i].Package, 40), fmt.Sprintf("%+d", s.Diff[i].Diff)}
			}
			fmt.Fprintf(&t, "%-48s %9s   %-48s %9s   %-40s %9s\n", a[0], a[1], b[0], b[1], c[0], c[1])
			fmt.Fprintf(&m, "| %s | %s | %s | %s | %s | %s |\n", a[0], a[1], b[0], b[1], c[0], c[1])
		}
		added, removed := 0, 0
		for _, d := range s.Diff {
			if d.Diff > 0 {
				added += d.Diff
			} else {
				removed -= d.Diff
			}
		}
		fmt.Fprintf(&t, "code: Docket %+d bytes over hello world (%d added, %d fewer)\n", s.Docket.Code-s.Hello.Code, added, removed)
	}
	for _, n := range s.Notes {
		fmt.Fprintln(&t, "note:", n)
	}

	fmt.Fprintf(&t, "\n== targets (issue #9) ==\n")
	m.WriteString("\n**Targets**\n\n")
	for _, c := range res.Targets {
		line := fmt.Sprintf("%-7s %s", strings.ToUpper(yesNoWord(c.Met)), c.Target)
		if c.Profile != "" {
			line += " [" + c.Profile + "]"
		}
		if c.Met != nil && c.Limit != 0 {
			line += fmt.Sprintf(": %s vs %s", num(c.Value), num(c.Limit))
		}
		if c.Note != "" {
			line += " (" + c.Note + ")"
		}
		fmt.Fprintln(&t, line)
		fmt.Fprintf(&m, "- %s\n", line)
	}
	fmt.Fprintln(&t, "\n== how to read it ==")
	m.WriteString("\n**How to read it**\n\n")
	for _, n := range notes(res) {
		fmt.Fprintln(&t, "- "+n)
		fmt.Fprintln(&m, "- "+n)
	}
	fmt.Fprintf(&t, "\n(%s; Docket serves %d bytes of HTML, %d as sent)\n", res.Elapsed, res.Docket.HTMLBytes, res.Docket.HTMLServed)
	return t.String(), m.String()
}

func cell(r row, by map[string]summary, key string) string {
	s, ok := by[key]
	if !ok || s.N == 0 {
		return "–"
	}
	v := r.get(s)
	switch r.unit {
	case "ms":
		if v == 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f", v)
	case "KB":
		return fmt.Sprintf("%.1f", v/1000)
	}
	return fmt.Sprintf("%.4f", v)
}

func ratio(r row, by map[string]summary, key string) string {
	d, ok1 := by["docket"]
	o, ok2 := by[key]
	if !ok1 || !ok2 || d.N == 0 || o.N == 0 || r.get(o) <= 0 || r.unit == "" {
		return "–"
	}
	if r.unit == "ms" && r.get(d) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", r.get(d)/r.get(o))
}

func yesNo(b *bool) string {
	switch {
	case b == nil:
		return "n/a"
	case *b:
		return "yes"
	}
	return "NO"
}

func yesNoWord(b *bool) string {
	switch {
	case b == nil:
		return "n/a"
	case *b:
		return "met"
	}
	return "missed"
}

func num(v float64) string {
	switch {
	case v == 0:
		return "0"
	case math.Abs(v) < 1:
		return fmt.Sprintf("%.4f", v)
	case math.Abs(v) >= 10000:
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n+1:]
}

// notes say what the figures mean, and what the run noticed.
func notes(res *results) []string {
	n := []string{
		"Cold: a new Chromium profile per load. Warm: the same browser loads the page again once its service worker is active (Docket, hello world) or its files are in the HTTP cache (TimelineJS, static).",
		"TTI: when <html data-docket=\"ready\"> is set (TimelineJS: its \"ready\" event), or the end of a long task running then, plus the time ArrowRight takes to change the selection, pressed in the timeline after a one-second settle (the paints and shifts are read before the key).",
		"Bytes: everything the page and its service worker fetched over the network, headers included; answers from a cache or the worker count nothing.",
		"TimelineJS " + timelineJSVersion + " is served from loopback, its script and styles cached for a year; the Google fonts its default theme asks for are blocked (every host but 127.0.0.1 is), which only makes it faster.",
	}
	for _, pr := range res.Profiles {
		d, ok := pr.Pages["docket"]
		if !ok || d.Cold.Median.N == 0 || res.Sizes.Docket.Brotli == 0 {
			continue
		}
		if copies := d.Cold.Median.WasmBytes / float64(res.Sizes.Docket.Brotli); copies > 1.5 {
			n = append(n, fmt.Sprintf("A cold Docket load downloads app.wasm %.1f times: the page, and the service worker as it installs. DevTools throttles the page and the worker separately, so on a real link, where the two copies share the bandwidth, the second one would also delay the first.", copies))
			break
		}
	}
	for _, pr := range res.Profiles {
		if d, ok := pr.Pages["docket"]; ok && d.Cold.Median.N > 0 && d.Cold.Median.KeyAnswered < d.Cold.Median.N {
			n = append(n, fmt.Sprintf("Docket's timeline answered ArrowRight in %d of %d cold loads [%s]; where it did not, TTI counts from ready without the key.", d.Cold.Median.KeyAnswered, d.Cold.Median.N, pr.Profile.Name))
		}
	}
	return n
}
