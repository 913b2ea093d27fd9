package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/casefile"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// BenchmarkTimeline opens the timeline of the default case and of
// generated cases of 1,000 and 10,000 events, each in a fresh Chromium,
// and reports:
//
//   - fcp-ms: first contentful paint (the prerendered page);
//   - ready-ms: until the wasm has taken over (html[data-docket=ready]);
//   - axis-ms: until the axis is drawn;
//   - step-ms: from an ArrowRight keydown on the selected marker until the
//     card shows the next event, and frame-ms until the frame after that
//     (medians of 15 steps; step-max-ms is the slowest).
//
// Run it with: go test -run=NONE -bench=Timeline -benchtime=1x ./internal/e2e
func BenchmarkTimeline(b *testing.B) {
	dir := b.TempDir()
	for _, n := range []int{1000, 10000} {
		writeCase(b, dir, generateCase(fmt.Sprintf("bench-%d", n), n))
	}
	srv := browsertest.StartServer(b, "-cases", dir)
	def := browsertest.DefaultCase(b)
	for _, bc := range []struct{ name, path string }{
		{"default", "/cases/" + def.ID},
		{"1000", "/cases/bench-1000"},
		{"10000", "/cases/bench-10000"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var sum benchTimes
			for range b.N {
				sum = sum.add(measureTimeline(b, srv, bc.path))
			}
			n := float64(b.N)
			b.ReportMetric(sum.fcp/n, "fcp-ms")
			b.ReportMetric(sum.ready/n, "ready-ms")
			b.ReportMetric(sum.axis/n, "axis-ms")
			b.ReportMetric(sum.step/n, "step-ms")
			b.ReportMetric(sum.stepMax/n, "step-max-ms")
			b.ReportMetric(sum.frame/n, "frame-ms")
			b.ReportMetric(0, "ns/op") // the wall time of a run says nothing here
		})
	}
}

// benchTimes are the milliseconds one page load measures.
type benchTimes struct{ fcp, ready, axis, step, stepMax, frame float64 }

func (a benchTimes) add(b benchTimes) benchTimes {
	return benchTimes{a.fcp + b.fcp, a.ready + b.ready, a.axis + b.axis, a.step + b.step, a.stepMax + b.stepMax, a.frame + b.frame}
}

// benchProbe records, from the start of navigation, when the wasm marks
// the page ready, when the first marker appears, and the times of a
// keydown and of the card's change after it.
const benchProbe = `window.__tl = {};
new MutationObserver((_, o) => {
  if (!__tl.ready && document.documentElement.dataset.docket === "ready") __tl.ready = performance.now();
  if (!__tl.axis && document.querySelector("#tl-viewport .tl-marker")) { __tl.axis = performance.now(); }
  if (__tl.ready && __tl.axis) o.disconnect();
}).observe(document, {attributes: true, childList: true, subtree: true});
addEventListener("keydown", e => { __tl.key = e.timeStamp; }, true);
__tl.watch = want => new MutationObserver((_, o) => {
  if (document.getElementById("tl-card-title")?.textContent !== want) return;
  __tl.card = performance.now();
  o.disconnect();
  requestAnimationFrame(() => setTimeout(() => { __tl.frame = performance.now(); }, 0));
}).observe(document.body, {childList: true, subtree: true, characterData: true});`

// measureTimeline loads path in a fresh browser and measures one load and
// one keyboard step.
func measureTimeline(b *testing.B, srv *browsertest.Server, path string) benchTimes {
	b.Helper()
	br := browsertest.NewBrowser(b, browsertest.Options{Width: 1280, Height: 900})
	br.Run(b, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(benchProbe).Do(ctx)
		return err
	}))
	var t benchTimes
	br.Run(b,
		chromedp.Navigate(srv.URL+path),
		browsertest.WaitReady(),
		chromedp.WaitVisible(`#tl-viewport .tl-marker[aria-current="true"]`, chromedp.ByQuery),
		chromedp.Evaluate(`performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0`, &t.fcp),
		chromedp.Evaluate(`__tl.ready`, &t.ready),
		chromedp.Evaluate(`__tl.axis`, &t.axis),
		chromedp.Evaluate(`document.querySelector('#tl-viewport .tl-marker[aria-current="true"]').focus()`, nil),
	)
	// Several steps: the median is one step, not a garbage collection.
	var steps, frames []float64
	for range benchSteps {
		var next string
		br.Run(b, chromedp.Evaluate(`document.querySelector(".tl-next .tl-nav-title").textContent.replace(/^: /, "")`, &next))
		var key, card, frame float64
		br.Run(b,
			chromedp.Evaluate(fmt.Sprintf(`delete __tl.frame; __tl.watch(%q)`, next), nil),
			chromedp.KeyEvent(kb.ArrowRight),
			chromedp.Poll(`__tl.frame`, nil, chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Evaluate(`__tl.key`, &key),
			chromedp.Evaluate(`__tl.card`, &card),
			chromedp.Evaluate(`__tl.frame`, &frame),
		)
		steps, frames = append(steps, card-key), append(frames, frame-key)
	}
	slices.Sort(steps)
	slices.Sort(frames)
	t.step, t.frame = steps[len(steps)/2], frames[len(frames)/2]
	t.stepMax = steps[len(steps)-1]
	if errs := br.Errors(); len(errs) > 0 {
		b.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
	return t
}

// benchSteps is how many ArrowRight steps a run takes.
const benchSteps = 15

// writeCase validates c and writes it to dir as c.ID.json.
func writeCase(tb testing.TB, dir string, c *casefile.Case) {
	tb.Helper()
	if ps := c.Validate(); len(ps) > 0 {
		tb.Fatalf("generated case %s is not valid:\n%v", c.ID, ps)
	}
	data, err := json.Marshal(c)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, c.ID+".json"), data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// generateCase is a valid case of n events over about n/3 days (so that
// some days hold several events), a twentieth of them known only to the
// month, in five categories, with sources, a few glossary terms and a quiz.
// The same id and n give the same case.
func generateCase(id string, n int) *casefile.Case {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	c := &casefile.Case{
		ID:      id,
		Title:   fmt.Sprintf("Generated case of %d events", n),
		Summary: "A generated case for measuring the timeline with many events.",
		Court:   "Benchmark District Court",
		Docket:  "0:00-cv-00000",
		Parties: []casefile.Party{{Name: "Plaintiff", Role: "plaintiff"}, {Name: "Defendant", Role: "defendant"}},
		Status:  casefile.StatusOpen, Outcome: "Pending.", Updated: "2026-11-29",
		Credits: []string{"Docket benchmarks"},
	}
	colors := []string{"#1d4ed8", "#a8421a", "#0f766e", "#86198f", "#4d5b14"}
	for i, name := range []string{"court", "government", "company", "press", "public"} {
		c.Categories = append(c.Categories, casefile.Category{ID: name, Label: strings.ToUpper(name[:1]) + name[1:], Color: colors[i]})
	}
	for i := range 50 {
		c.Sources = append(c.Sources, casefile.Source{
			ID: fmt.Sprintf("source-%d", i), Title: fmt.Sprintf("Document %d", i), Publisher: "Example News",
			URL: fmt.Sprintf("https://example.org/documents/%d", i),
		})
	}
	for i := range 5 {
		c.Glossary = append(c.Glossary, casefile.Term{
			ID: fmt.Sprintf("term-%d", i), Term: fmt.Sprintf("Term %d", i),
			Definition: "A word the reader needs.", Explanation: "It matters here because of the case.",
			Sources: []string{"source-0"},
		})
	}
	start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	days := max(n/3, 30)
	type dated struct {
		t     time.Time
		month bool
	}
	ds := make([]dated, n)
	for i := range ds {
		t := start.AddDate(0, 0, r.IntN(days))
		if i%20 == 7 {
			ds[i] = dated{time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC), true}
		} else {
			ds[i] = dated{t, false}
		}
	}
	slices.SortStableFunc(ds, func(a, b dated) int { return a.t.Compare(b.t) })
	words := strings.Fields("the court heard a motion on the summons and the agency answered in writing while the company filed papers and reporters asked questions about the account")
	sentence := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = words[r.IntN(len(words))]
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	for i, d := range ds {
		e := casefile.Event{
			ID:       fmt.Sprintf("event-%05d", i+1),
			Date:     casefile.Date{Value: d.t.Format("2006-01-02"), Precision: casefile.Day},
			Title:    fmt.Sprintf("Event %d: %s", i+1, strings.TrimSuffix(sentence(3+r.IntN(4)), ".")),
			Body:     []string{sentence(20 + r.IntN(15))},
			Category: c.Categories[r.IntN(len(c.Categories))].ID,
			Sources:  []string{fmt.Sprintf("source-%d", r.IntN(len(c.Sources)))},
		}
		if d.month {
			e.Date = casefile.Date{Value: d.t.Format("2006-01"), Precision: casefile.Month}
		}
		if i%50 == 3 {
			e.Terms = []string{fmt.Sprintf("term-%d", r.IntN(len(c.Glossary)))}
		}
		c.Events = append(c.Events, e)
	}
	c.Quiz = casefile.Quiz{Title: "Test yourself", Intro: "Questions on the generated case."}
	for i := range 5 {
		c.Quiz.Questions = append(c.Quiz.Questions, casefile.Question{
			ID: fmt.Sprintf("question-%d", i), Kind: casefile.TrueFalse,
			Prompt:  fmt.Sprintf("Statement %d about the case is true.", i),
			Choices: []string{"True", "False"}, Answers: []int{i % 2},
			Explanation: "Because the generator says so.",
			Events:      []string{c.Events[r.IntN(n)].ID},
			Sources:     []string{"source-1"},
		})
	}
	return c
}
