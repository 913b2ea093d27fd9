package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"docket/internal/tools/bench/benchcmd"
)

// results are one run of the bench, written as JSON.
type results struct {
	Date       string              `json:"date"`
	Lighthouse string              `json:"lighthouse"`
	Chromium   string              `json:"chromium"`
	CPUs       int                 `json:"cpus"`
	Runs       int                 `json:"runs"`
	Elapsed    string              `json:"elapsed"`
	Pages      []pageResult        `json:"pages"`
	Wasm       map[string]wasmSize `json:"wasm"` // by page key: case (Docket's) and hello
	Targets    []target            `json:"targets"`
}

// pageResult is a page and every run measured on it.
type pageResult struct {
	page
	Audits []audit   `json:"lighthouse_runs"`
	Flows  []flowRun `json:"flow_runs,omitempty"`
}

// wasmSize is a browser program's size as served, in bytes.
type wasmSize struct {
	Raw    int `json:"raw"`
	Brotli int `json:"brotli"`
	Gzip   int `json:"gzip"`
}

// target is one of issue #17's targets, checked on one page.
type target struct {
	Page   string  `json:"page"`
	What   string  `json:"what"`
	Figure float64 `json:"figure"`
	Limit  float64 `json:"limit"`
	Met    bool    `json:"met"`
}

// figure is a row of the table: a median over the runs of one page.
type figure struct {
	label  string
	format func(float64) string
	get    func(pageResult) (float64, bool)
}

// fromAudits and fromFlows take the median of a figure over a page's
// Lighthouse runs or flow runs; a page without flow runs has none.
func fromAudits(f func(audit) float64) func(pageResult) (float64, bool) {
	return func(p pageResult) (float64, bool) {
		vs := make([]float64, len(p.Audits))
		for i, a := range p.Audits {
			vs[i] = f(a)
		}
		return median(vs), len(vs) > 0
	}
}

func fromFlows(f func(flowRun) float64) func(pageResult) (float64, bool) {
	return func(p pageResult) (float64, bool) {
		vs := make([]float64, len(p.Flows))
		for i, r := range p.Flows {
			vs[i] = f(r)
		}
		return median(vs), len(vs) > 0
	}
}

func score(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }
func ms(v float64) string    { return strconv.FormatFloat(v, 'f', 0, 64) }
func cls(v float64) string   { return strconv.FormatFloat(v, 'f', 4, 64) }
func kb(v float64) string    { return strconv.FormatFloat(v/1000, 'f', 1, 64) }

// figures are the table's rows.
var figures = []figure{
	{"Performance", score, fromAudits(func(a audit) float64 { return a.Performance })},
	{"Accessibility", score, fromAudits(func(a audit) float64 { return a.Accessibility })},
	{"Best practices", score, fromAudits(func(a audit) float64 { return a.BestPractices })},
	{"SEO", score, fromAudits(func(a audit) float64 { return a.SEO })},
	{"FCP ms", ms, fromAudits(func(a audit) float64 { return a.FCP })},
	{"FCP ms, unthrottled", ms, fromAudits(func(a audit) float64 { return a.FCPUnthrottled })},
	{"LCP ms", ms, fromAudits(func(a audit) float64 { return a.LCP })},
	{"TBT ms", ms, fromAudits(func(a audit) float64 { return a.TBT })},
	{"longest task ms", ms, fromAudits(func(a audit) float64 { return a.LongestTask })},
	{"CLS", cls, fromAudits(func(a audit) float64 { return a.CLS })},
	{"KB transferred", kb, fromAudits(func(a audit) float64 { return a.Bytes })},
	{"wasm KB", kb, fromAudits(func(a audit) float64 { return a.WasmBytes })},
	{"INP ms, start-up, 4× CPU", ms, fromFlows(func(r flowRun) float64 { return r.INPStartup })},
	{"INP ms, first step, 4× CPU", ms, fromFlows(func(r flowRun) float64 { return r.INPFirstStep })},
	{"INP ms, step traced by Lighthouse, 4× CPU", ms, fromFlows(func(r flowRun) float64 { return r.INPStep })},
	{"ready ms, 4× CPU", ms, fromFlows(func(r flowRun) float64 { return r.Ready })},
	{"warm ready ms, 4× CPU", ms, fromFlows(func(r flowRun) float64 { return r.WarmReady })},
	{"warm KB", kb, fromFlows(func(r flowRun) float64 { return r.WarmBytes })},
	{"warm wasm KB", kb, fromFlows(func(r flowRun) float64 { return r.WarmWasmBytes })},
}

// figureOf is the median of the figure labelled label on the page key.
func (r *results) figureOf(key, label string) (float64, bool) {
	for _, p := range r.Pages {
		if p.Key != key {
			continue
		}
		for _, f := range figures {
			if f.label == label {
				return f.get(p)
			}
		}
	}
	return 0, false
}

// ratios are the table's ratio columns: Docket's pages over the peers.
var ratios = [][2]string{
	{caseKey, tlKey}, {caseKey, helloKey}, {caseKey, staticKey},
	{embedKey, tlKey}, {embedKey, helloKey}, {embedKey, staticKey},
}

// short names the peers in the ratio columns' headings.
var short = map[string]string{tlKey: "TL", helloKey: "hello", staticKey: "static"}

// checkTargets checks issue #17's targets on Docket's case and embed pages
// against the peers measured in the same run.
func (r *results) checkTargets() {
	r.Targets = nil
	atMost := func(key, what, label string, limit float64, ok bool) {
		v, has := r.figureOf(key, label)
		if has && ok {
			r.Targets = append(r.Targets, target{key, what, v, limit, v <= limit})
		}
	}
	peer := func(key, label string, factor float64) (float64, bool) {
		v, ok := r.figureOf(key, label)
		return v * factor, ok
	}
	for _, key := range []string{caseKey, embedKey} {
		if perf, ok := r.figureOf(key, "Performance"); ok {
			if tl, ok := r.figureOf(tlKey, "Performance"); ok {
				r.Targets = append(r.Targets, target{key, "Performance ≥ TimelineJS's", perf, tl, perf >= tl})
			}
		}
		for _, cat := range []string{"Accessibility", "Best practices", "SEO"} {
			if v, ok := r.figureOf(key, cat); ok {
				r.Targets = append(r.Targets, target{key, cat + " 100", v, 100, v >= 100})
			}
		}
		limit, ok := peer(helloKey, "TBT ms", 1)
		atMost(key, "TBT ≤ the hello world's", "TBT ms", limit, ok)
		limit, ok = peer(helloKey, "longest task ms", 1)
		atMost(key, "longest task ≤ the hello world's", "longest task ms", limit, ok)
		limit, ok = peer(staticKey, "FCP ms", 1.25)
		atMost(key, "FCP ≤ 1.25× the static page's, mobile", "FCP ms", limit, ok)
		limit, ok = peer(staticKey, "FCP ms, unthrottled", 1.25)
		atMost(key, "FCP ≤ 1.25× the static page's, unthrottled", "FCP ms, unthrottled", limit, ok)
		atMost(key, "INP ≤ 200 ms while the app starts, 4× CPU", "INP ms, start-up, 4× CPU", 200, true)
		atMost(key, "INP ≤ 200 ms on the first step, 4× CPU", "INP ms, first step, 4× CPU", 200, true)
		if v, ok := r.figureOf(key, "CLS"); ok {
			r.Targets = append(r.Targets, target{key, "CLS < 0.02", v, 0.02, v < 0.02})
		}
		atMost(key, "warm: no wasm transferred", "warm wasm KB", 0, true)
		limit, ok = peer(tlKey, "warm ready ms, 4× CPU", 1)
		atMost(key, "warm: ready no later than TimelineJS warm, 4× CPU", "warm ready ms, 4× CPU", limit, ok)
	}
	d, h := r.Wasm[caseKey], r.Wasm[helloKey]
	if d.Brotli > 0 && h.Brotli > 0 {
		limit := 1.15 * float64(h.Brotli)
		r.Targets = append(r.Targets, target{"", "app.wasm brotli ≤ 1.15× the hello world's", float64(d.Brotli), limit, float64(d.Brotli) <= limit})
	}
}

// ratio is a/b for the table, "–" where it means nothing.
func ratio(a, b float64) string {
	if b == 0 || math.IsNaN(a) || math.IsNaN(b) {
		return "–"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64)
}

// markdown writes the table, the targets and the wasm sizes.
func (r *results) markdown(w io.Writer) {
	var index []float64
	for _, p := range r.Pages {
		for _, a := range p.Audits {
			index = append(index, a.BenchmarkIndex)
		}
	}
	fmt.Fprintf(w, "Lighthouse %s, medians of %d runs (`make bench`, %s, %s, %d CPUs, Lighthouse's benchmark index %.0f; the pages took %s). Ratios are Docket's page over the peer's.\n\n",
		r.Lighthouse, r.Runs, r.Date, r.Chromium, r.CPUs, median(index), r.Elapsed)
	head := "| |"
	rule := "|---|"
	for _, p := range r.Pages {
		head += " " + p.Name + " |"
		rule += "---:|"
	}
	for _, q := range ratios {
		head += " " + q[0] + " ÷ " + short[q[1]] + " |"
		rule += "---:|"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for _, f := range figures {
		row := "| " + f.label + " |"
		vals := map[string]float64{}
		for _, p := range r.Pages {
			v, ok := f.get(p)
			if !ok {
				row += " – |"
				continue
			}
			vals[p.Key] = v
			row += " " + f.format(v) + " |"
		}
		for _, q := range ratios {
			a, okA := vals[q[0]]
			b, okB := vals[q[1]]
			if !okA || !okB {
				row += " – |"
				continue
			}
			row += " " + ratio(a, b) + " |"
		}
		fmt.Fprintln(w, row)
	}

	fmt.Fprintln(w, "\nPerformance to wasm KB: Lighthouse's mobile profile (a phone's screen, 4× CPU and slow 4G, simulated); "+
		"FCP unthrottled is the first paint Lighthouse observed before it simulated the phone. "+
		"INP, ready and warm: Lighthouse user flows on a desktop screen with the CPU slowed 4× (DevTools) and the network not throttled; "+
		"INP start-up is the slowest answer (Event Timing) to clicks every 100 ms from DOMContentLoaded until the page is ready, "+
		"INP first step the answer (Event Timing) to a first click on the next-event control, INP step traced by Lighthouse its INP for a second click inside a Lighthouse timespan "+
		"(its trace recording slows the page at 4× CPU, so this is for reference), warm the page loaded again with its service worker and HTTP cache.")
	fmt.Fprintln(w, "\n| app.wasm as served | raw | brotli | gzip |\n|---|---:|---:|---:|")
	d, h := r.Wasm[caseKey], r.Wasm[helloKey]
	fmt.Fprintf(w, "| Docket | %d | %d | %d |\n", d.Raw, d.Brotli, d.Gzip)
	fmt.Fprintf(w, "| hello world | %d | %d | %d |\n", h.Raw, h.Brotli, h.Gzip)
	fmt.Fprintf(w, "| Docket ÷ hello world | %s | %s | %s |\n", ratio(float64(d.Raw), float64(h.Raw)), ratio(float64(d.Brotli), float64(h.Brotli)), ratio(float64(d.Gzip), float64(h.Gzip)))

	fmt.Fprintln(w, "\nIssue #17's targets, on Docket's case page and embed page:")
	fmt.Fprintln(w)
	for _, t := range r.Targets {
		verdict := "met   "
		if !t.Met {
			verdict = "MISSED"
		}
		where := ""
		if t.Page != "" {
			where = " [" + t.Page + "]"
		}
		fmt.Fprintf(w, "- `%s` %s%s: %s against %s\n", verdict, t.What, where, number4(t.Figure), number4(t.Limit))
	}

	fmt.Fprintln(w, "\nAudits that cost points in Accessibility, Best practices or SEO, in any run:")
	fmt.Fprintln(w)
	for _, p := range r.Pages {
		var failed []string
		for _, a := range p.Audits {
			for _, f := range a.Failed {
				if !slices.Contains(failed, f) {
					failed = append(failed, f)
				}
			}
		}
		if len(failed) == 0 {
			failed = []string{"none"}
		}
		fmt.Fprintf(w, "- %s: %s\n", p.Name, strings.Join(failed, ", "))
	}
}

// number4 shows a figure with up to four significant digits, and large
// ones whole.
func number4(v float64) string {
	if math.Abs(v) >= 1000 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// Markers around the table in the README.
const (
	beginMarker = "<!-- pageload:begin -->"
	endMarker   = "<!-- pageload:end -->"
)

// replaceTable puts table between the README's markers.
func replaceTable(doc, table string) (string, error) {
	before, rest, ok := strings.Cut(doc, beginMarker)
	if !ok {
		return "", errors.New("the README has no " + beginMarker)
	}
	_, after, ok := strings.Cut(rest, endMarker)
	if !ok {
		return "", errors.New("the README has no " + endMarker + " after " + beginMarker)
	}
	return before + beginMarker + "\n" + strings.TrimSpace(table) + "\n" + endMarker + after, nil
}

// write writes the results as JSON and the table as Markdown, and puts
// the table into the README when there is one to update.
func (r *results) write(jsonPath, mdPath, readme string, stdout io.Writer) error {
	var md strings.Builder
	r.markdown(&md)
	io.WriteString(stdout, md.String())
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{jsonPath, append(b, '\n')}, {mdPath, []byte(md.String())}} {
		if err := benchcmd.WriteFile(f.path, f.data); err != nil {
			return err
		}
	}
	if readme == "" {
		return nil
	}
	doc, err := os.ReadFile(readme)
	if err != nil {
		return err
	}
	out, err := replaceTable(string(doc), md.String())
	if err != nil {
		return fmt.Errorf("%s: %w", readme, err)
	}
	return os.WriteFile(readme, []byte(out), 0o644)
}
