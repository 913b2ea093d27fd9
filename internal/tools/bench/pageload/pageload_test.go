package main

import (
	"bytes"
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"docket/internal/casefile"
)

func TestParseReport(t *testing.T) {
	b, err := os.ReadFile("testdata/report.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseReport(b)
	if err != nil {
		t.Fatal(err)
	}
	want := audit{
		Performance: 75, Accessibility: 100, BestPractices: 96, SEO: 91,
		FCP: 1057.4, LCP: 1541.4, TBT: 1351.3, LongestTask: 625, CLS: 0.0008,
		FCPUnthrottled: 275, Bytes: 1681249, WasmBytes: 1618034, BenchmarkIndex: 2317,
		Failed: []string{"best-practices: errors-in-console", "seo: canonical"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseReport:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseReportErrors(t *testing.T) {
	for name, doc := range map[string]string{
		"runtime error": `{"runtimeError": {"code": "NO_FCP", "message": "The page did not paint any content."}}`,
		"no score":      `{"categories": {"performance": {"score": null}}, "audits": {}}`,
		"not JSON":      `<html>`,
	} {
		if _, err := parseReport([]byte(doc)); err == nil {
			t.Errorf("%s: parseReport gave no error", name)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{7}, 7}} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if !math.IsNaN(median(nil)) {
		t.Error("median of nothing is a number")
	}
}

// bench is a run with one Lighthouse run and one flow run per page.
func bench(a map[string]audit, f map[string]flowRun) *results {
	r := &results{Wasm: map[string]wasmSize{caseKey: {Brotli: 1150}, helloKey: {Brotli: 1000}}}
	for _, key := range []string{caseKey, embedKey, tlKey, helloKey, staticKey} {
		p := pageResult{page: page{Key: key, Name: key}, Audits: []audit{a[key]}}
		if fr, ok := f[key]; ok {
			p.Flows = []flowRun{fr}
		}
		r.Pages = append(r.Pages, p)
	}
	return r
}

func TestCheckTargets(t *testing.T) {
	full := audit{Performance: 95, Accessibility: 100, BestPractices: 100, SEO: 100}
	caseAudit := full
	caseAudit.Performance, caseAudit.TBT, caseAudit.LongestTask, caseAudit.FCP, caseAudit.CLS = 75, 1350, 625, 1100, 0.001
	embedAudit := full
	embedAudit.SEO, embedAudit.TBT, embedAudit.FCP, embedAudit.CLS = 69, 300, 1300, 0.03
	r := bench(map[string]audit{
		caseKey: caseAudit, embedKey: embedAudit, tlKey: full,
		helloKey:  {Performance: 91, TBT: 380, LongestTask: 300},
		staticKey: {FCP: 1000},
	}, map[string]flowRun{
		caseKey:  {INPStartup: 900, INPFirstStep: 150, INPStep: 450, WarmReady: 500},
		embedKey: {INPStartup: 100, INPFirstStep: 250, INPStep: 150, WarmReady: 900, WarmWasmBytes: 10},
		tlKey:    {WarmReady: 800},
	})
	r.checkTargets()
	met := map[string]bool{}
	for _, tg := range r.Targets {
		met[tg.What+" ["+tg.Page+"]"] = tg.Met
	}
	for what, want := range map[string]bool{
		"Performance ≥ TimelineJS's [case]":                         false,
		"Performance ≥ TimelineJS's [embed]":                        true,
		"SEO 100 [embed]":                                           false,
		"Accessibility 100 [case]":                                  true,
		"TBT ≤ the hello world's [case]":                            false,
		"TBT ≤ the hello world's [embed]":                           true,
		"longest task ≤ the hello world's [case]":                   false,
		"FCP ≤ 1.25× the static page's, mobile [case]":              true,
		"FCP ≤ 1.25× the static page's, mobile [embed]":             false,
		"INP ≤ 200 ms while the app starts, 4× CPU [case]":          false,
		"INP ≤ 200 ms on the first step, 4× CPU [case]":             true,
		"INP ≤ 200 ms on the first step, 4× CPU [embed]":            false,
		"CLS < 0.02 [case]":                                         true,
		"CLS < 0.02 [embed]":                                        false,
		"warm: no wasm transferred [case]":                          true,
		"warm: no wasm transferred [embed]":                         false,
		"warm: ready no later than TimelineJS warm, 4× CPU [case]":  true,
		"warm: ready no later than TimelineJS warm, 4× CPU [embed]": false,
		"app.wasm brotli ≤ 1.15× the hello world's []":              true,
	} {
		got, ok := met[what]
		if !ok {
			t.Errorf("no target %q", what)
		} else if got != want {
			t.Errorf("%s: met = %v, want %v", what, got, want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	r := bench(map[string]audit{
		caseKey: {Performance: 75, TBT: 1350}, embedKey: {Performance: 80}, tlKey: {Performance: 95, TBT: 180},
		helloKey: {Performance: 91, TBT: 380}, staticKey: {Performance: 100},
	}, map[string]flowRun{caseKey: {INPFirstStep: 120, INPStep: 300}})
	r.checkTargets()
	var b strings.Builder
	r.markdown(&b)
	md := b.String()
	for _, want := range []string{
		"| Performance | 75 | 80 | 95 | 91 | 100 | 0.79 | 0.82 | 0.75 | 0.84 | 0.88 | 0.80 |",
		"| TBT ms | 1350 | 0 | 180 | 380 | 0 | 7.50 | 3.55 | – | 0.00 | 0.00 | – |",
		"| INP ms, first step, 4× CPU | 120 | – | – | – | – | – | – | – | – | – | – |",
		"| INP ms, step traced by Lighthouse, 4× CPU | 300 | – | – | – | – | – | – | – | – | – | – |",
		"- `MISSED` Performance ≥ TimelineJS's [case]: 75 against 95",
		"| Docket ÷ hello world | – | 1.15 | – |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the table has no line %q:\n%s", want, md)
		}
	}
}

func TestReplaceTable(t *testing.T) {
	doc := "# Docket\n\n## Performance\n\n" + beginMarker + "\nold table\n" + endMarker + "\n\nMet in this run.\n"
	got, err := replaceTable(doc, "| new |\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "# Docket\n\n## Performance\n\n" + beginMarker + "\n| new |\n" + endMarker + "\n\nMet in this run.\n"
	if got != want {
		t.Errorf("replaceTable:\n%s\nwant\n%s", got, want)
	}
	if _, err := replaceTable("# Docket\n", "| new |"); err == nil {
		t.Error("a README without markers gave no error")
	}
	if _, err := replaceTable(beginMarker+"\n", "| new |"); err == nil {
		t.Error("a README without the end marker gave no error")
	}
}

func TestTimelineJSON(t *testing.T) {
	c := &casefile.Case{
		Title: "A v. <B>", Summary: "What & why.",
		Categories: []casefile.Category{{ID: "court", Label: "In court"}},
		Events: []casefile.Event{
			{ID: "e1", Title: "Filed", Body: []string{"It was <filed>."}, Category: "court", Date: casefile.Date{Value: "2017-04-06", Precision: casefile.Day, Label: "April 6, 2017"}},
			{ID: "e2", Title: "Later", Date: casefile.Date{Value: "2017-05", Precision: casefile.Month}},
		},
	}
	d := timelineJSON(c)
	if d.Title.Text.Headline != "A v. &lt;B&gt;" || d.Title.Text.Text != "<p>What &amp; why.</p>" {
		t.Errorf("title slide %+v: the case's text must be escaped, as TimelineJS reads HTML", d.Title.Text)
	}
	e1, e2 := d.Events[0], d.Events[1]
	if *e1.StartDate != (tlDate{Year: "2017", Month: "4", Day: "6", DisplayDate: "April 6, 2017"}) || e1.Group != "In court" || e1.Text.Text != "<p>It was &lt;filed&gt;.</p>" {
		t.Errorf("first event %+v %+v", e1, *e1.StartDate)
	}
	if *e2.StartDate != (tlDate{Year: "2017", Month: "5"}) {
		t.Errorf("an event known to the month has date %+v", *e2.StartDate)
	}
}

func TestStaticSite(t *testing.T) {
	docket := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/web/docket.css":
			w.Write([]byte("body { color: black }"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer docket.Close()
	page := `<!doctype html><html><head>
<link rel="stylesheet" href="/web/docket.css?v=1">
<link rel="stylesheet" href="/app.css">
<link rel="preload" href="/web/app.wasm?v=1" as="fetch">
<link rel="manifest" href="/manifest.webmanifest">
<script src="/wasm_exec.js"></script>
<script type="application/json" id="docket-case">{"id":"x"}</script>
</head><body><aside id="app-wasm-loader" class="goapp-app-info">loading</aside><h1>A case</h1></body></html>`
	s, err := staticSite(docket.URL+"/", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(s.files["/"].raw)
	for _, gone := range []string{"<script", "app-wasm-loader", "/app.css", "preload", "manifest"} {
		if strings.Contains(doc, gone) {
			t.Errorf("the static page still has %q:\n%s", gone, doc)
		}
	}
	if !strings.Contains(doc, "<h1>A case</h1>") || !strings.Contains(doc, `href="/web/docket.css?v=1"`) {
		t.Errorf("the static page lost Docket's markup or styles:\n%s", doc)
	}
	css, ok := s.files["/web/docket.css"]
	if !ok || string(css.raw) != "body { color: black }" || css.cacheControl != immutable {
		t.Errorf("the static page's stylesheet: %+v", css)
	}
}

func TestSiteServesCompressed(t *testing.T) {
	s := newSite()
	s.add("/case.json", []byte(strings.Repeat(`{"event": "filed"}`, 100)), revalidate)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for enc, want := range map[string]string{"br": "br", "gzip, deflate": "gzip", "identity": ""} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/case.json", nil)
		req.Header.Set("Accept-Encoding", enc)
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Content-Encoding"); got != want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", enc, got, want)
		}
		if res.Header.Get("Cache-Control") != revalidate || res.Header.Get("ETag") == "" {
			t.Errorf("Accept-Encoding %q: headers %v", enc, res.Header)
		}
	}
}

func TestCachedBrotli(t *testing.T) {
	name := t.TempDir() + "/cache/hello-1.wasm.br"
	raw := []byte(strings.Repeat("wasm ", 1000))
	br, err := cachedBrotli(raw, name)
	if err != nil {
		t.Fatal(err)
	}
	if kept, err := os.ReadFile(name); err != nil || !bytes.Equal(kept, br) {
		t.Fatalf("the cache holds %d bytes (%v), want the %d compressed", len(kept), err, len(br))
	}
	// The name stands for the content: a second call reads the file.
	os.WriteFile(name, []byte("kept"), 0o644)
	if again, _ := cachedBrotli(raw, name); string(again) != "kept" {
		t.Errorf("cachedBrotli compressed again instead of reading %s", name)
	}
}

func TestPageCase(t *testing.T) {
	// go-app writes attributes in any order.
	for _, script := range []string{
		`<script type="application/json" id="docket-case">`,
		`<script id="docket-case" type="application/json">`,
	} {
		doc := "<html><body><h1>A case</h1>" + script + `{"id":"twitter-v-dhs-2017","title":"Twitter v. DHS"}</script></body></html>`
		c, err := pageCase([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", script, err)
		}
		if c.ID != "twitter-v-dhs-2017" || c.Title != "Twitter v. DHS" {
			t.Errorf("%s: the case read is %+v", script, c)
		}
	}
	if _, err := pageCase([]byte("<html><body>no data</body></html>")); err == nil {
		t.Error("a page without the case's data gave no error")
	}
}

// TestChildStops checks that stop ends a program the bench started and
// waits for it: no server outlives the bench.
func TestChildStops(t *testing.T) {
	c := newChild(context.Background(), "sleep", "60")
	if err := c.start(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	c.stop()
	if c.cmd.ProcessState == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("stop returned after %s with the program in state %v", time.Since(start), c.cmd.ProcessState)
	}
	if err := c.cmd.Process.Signal(syscall.Signal(0)); err == nil {
		t.Error("the program still runs after stop")
	}
}
