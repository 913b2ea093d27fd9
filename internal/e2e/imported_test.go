package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/casefile"

	"github.com/chromedp/chromedp"
)

// importedCaseID is the id `docket import` gives the sample timeline (from
// its title, "Gideon v. Wainwright").
const importedCaseID = "gideon-v-wainwright"

// TestImportedTimeline follows a producer from a TimelineJS timeline to a
// served case: the built bin/docket imports the sample Sheets CSV (and its
// JSON twin) and exits 3 with a to-do list; the to-dos are done as a
// producer would (the court and parties, a source per event, the image
// files copied beside the case, alt text rewritten); `docket validate`
// then passes, and the case reads at 320 and 1280 px with its span, its
// eras, its images and link cards, no quiz, no frame, no layout shift and
// no accessibility violation. Exported back to TimelineJS (JSON and the
// Sheets CSV) and imported again, it keeps its events, dates, categories,
// eras and media.
func TestImportedTimeline(t *testing.T) {
	// Not in parallel (browsertest.Parallel): its server serves other cases (-cases).
	root := browsertest.ModuleRoot(t)
	bin := filepath.Join(root, "bin", "docket")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s is missing: build it with `make build` (make test does) before this test", bin)
	}
	testdata := filepath.Join(root, "internal", "timelinejs", "testdata")
	work := t.TempDir()

	// Import the CSV and the JSON of the same timeline.
	var imported []byte
	for _, src := range []string{"gideon.csv", "gideon.json"} {
		out := filepath.Join(work, src+".case.json")
		code, stdout, stderr := runDocket(t, bin, work, "import", "-o", out, filepath.Join(testdata, src))
		if code != 3 {
			t.Fatalf("docket import %s exited %d; want 3 (written, needs editing)\nstdout:\n%s\nstderr:\n%s", src, code, stdout, stderr)
		}
		for _, want := range []string{
			"To do before the case can be published (17):",
			"copy the image file into the folder that holds the case file, as media/gideon-1961.jpg",
			"copy the image file into the folder that holds the case file, as media/gideon-petition.jpg",
			"rewrite it to say what the picture shows",
			"give its width and height in pixels",
			"the events were put in date order",
			"court: add the court's name",
			"docket: add the docket number",
			"parties: add each party",
			"status: say where the case stands",
			"outcome: say in a sentence how the case ended",
			"updated: add the day you last checked",
			"credits: add who wrote and edited the case",
			`event "a-break-in-at-the-bay-harbor-pool-room"`,
			`event "tried-without-a-lawyer"`,
			`event "five-years-in-prison"`,
			`event "gideons-petition-reaches-the-supreme-court"`,
			`event "the-court-agrees-to-hear-the-case"`,
			`event "argued-before-the-court"`,
			`event "acquitted-at-a-second-trial"`,
			"Wrote " + out + ". It needs editing before it can be published",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("the report of %s does not say %q:\n%s", src, want, stderr)
			}
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if imported == nil {
			imported = data
		} else if !bytes.Equal(data, imported) {
			t.Errorf("the JSON twin imports to a different case than the CSV:\nCSV:\n%s\nJSON:\n%s", imported, data)
		}
	}

	// The case as written still needs its to-dos: validate says so.
	cases := filepath.Join(work, "cases")
	if err := os.MkdirAll(filepath.Join(cases, "media"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(cases, importedCaseID+".json")
	if err := os.WriteFile(file, imported, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runDocket(t, bin, work, "validate", file); code != 1 || !strings.Contains(stderr, "court") {
		t.Errorf("docket validate on the case as imported exited %d; want 1, naming the court:\n%s", code, stderr)
	}

	// Do the to-dos, as a producer would in an editor.
	c, err := casefile.Decode(file, imported)
	if err != nil {
		t.Fatal(err)
	}
	completeImported(t, c, cases)
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runDocket(t, bin, work, "validate", file); code != 0 || !strings.Contains(stdout, ": ok ("+importedCaseID+": 10 events, 0 terms, no quiz)") {
		t.Fatalf("docket validate on the completed case exited %d:\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}

	t.Run("read", func(t *testing.T) { readImported(t, cases) })
	t.Run("round trip", func(t *testing.T) { roundTripImported(t, bin, work, file, c) })
}

// runDocket runs bin/docket in dir and returns its exit status and output.
func runDocket(t *testing.T, bin, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH")} // no $DATABASE_URL
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("running docket %s: %v", strings.Join(args, " "), err)
	}
	return code, out.String(), errb.String()
}

// completeImported does the import's to-do list on c: what TimelineJS has
// no place for, a source for each event, the two image files (small real
// JPEGs, a portrait and a page) copied beside the case file, and the
// petition's alt text rewritten from its caption.
func completeImported(t *testing.T, c *casefile.Case, dir string) {
	t.Helper()
	c.Court, c.Docket = "Supreme Court of the United States", "No. 155"
	c.Parties = []casefile.Party{{Name: "Clarence Earl Gideon", Role: "petitioner"}, {Name: "Louie L. Wainwright", Role: "respondent"}}
	c.Status = casefile.StatusDecided
	c.Outcome = "The Supreme Court ruled 9-0 that a state must give a lawyer to anyone charged with a felony who cannot afford one; Gideon was acquitted at his second trial."
	c.Updated = "2026-12-06"
	c.Credits = []string{"Written by the Docket desk", "Edited by the standards editor"}
	c.Sources = append(c.Sources,
		casefile.Source{ID: "gideons-trumpet", Kind: casefile.SourcePrint, Title: "Gideon's Trumpet", Publisher: "Random House", Date: "1964"},
		casefile.Source{ID: "oyez-gideon", Title: "Gideon v. Wainwright", Publisher: "Oyez", URL: "https://www.oyez.org/cases/1962/155"},
	)
	for i := range c.Events {
		e := &c.Events[i]
		if len(e.Sources) > 0 {
			continue
		}
		if e.Category == "florida-courts" {
			e.Sources = []string{"gideons-trumpet"}
		} else {
			e.Sources = []string{"oyez-gideon"}
		}
	}
	for _, img := range []struct {
		name string
		w, h int
	}{{"gideon-1961.jpg", 240, 300}, {"gideon-petition.jpg", 300, 390}} {
		writeJPEG(t, filepath.Join(dir, "media", img.name), img.w, img.h)
	}
	// The portrait gets its size in the case; the petition's is read
	// from its file by the server.
	c.Media.Image.Width, c.Media.Image.Height = 240, 300
	for i := range c.Events {
		if m := c.Events[i].Media; m != nil && m.Image != nil && m.Image.Src == "media/gideon-petition.jpg" {
			m.Image.Alt = "A handwritten page in pencil on lined prison paper, headed \"In the Supreme Court of the United States\""
		}
	}
}

// writeJPEG writes a small real JPEG of w×h pixels: a grey gradient.
func writeJPEG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetGray(x, y, color.Gray{Y: uint8(80 + 120*(x+y)/(w+h))})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readImported serves the completed case and reads it at 320 and 1280 px.
func readImported(t *testing.T, cases string) {
	srv := browsertest.StartServer(t, "-cases", cases)
	path := "/cases/" + importedCaseID + "/"
	if code, _ := srv.Get(t, path); code != 200 {
		t.Fatalf("GET %s = %d\n%s", path, code, srv.Logs())
	}
	for _, width := range []int{320, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			b := browsertest.NewBrowser(t, browsertest.Options{Width: max(width, 800), Height: 900})
			b.Run(t, browsertest.EmulateWidth(width, 900), browsertest.TrackLayoutShift(),
				chromedp.Navigate(srv.URL+path), browsertest.WaitReady(),
				browsertest.LoadAllImages(),
			)
			var st struct {
				pageParts
				Events int
				Span   string
				Widest float64
			}
			cls := settledParts(t, b, width, `events: document.querySelectorAll("#timeline .event-list li[id]").length,
  span: (document.querySelector("#timeline .event-list li[id$='five-years-in-prison']") || {}).textContent || "",
  widest: Math.max(...[...document.querySelectorAll("img, a.media-link, figure")].map(e => e.getBoundingClientRect().right)),`, &st)
			t.Logf("cumulative layout shift at %d px: %.4f", width, cls)
			if cls >= 0.02 {
				t.Errorf("cumulative layout shift = %.4f; want under 0.02", cls)
			}
			st.checkNoQuiz(t)
			if st.LinkCards != 2 {
				t.Errorf("%d link cards; want 2 (the oral argument and the opinion)", st.LinkCards)
			}
			if st.Eras != 2 {
				t.Errorf("%d eras listed; want 2", st.Eras)
			}
			if st.Events != 10 {
				t.Errorf("%d events listed; want 10", st.Events)
			}
			if !strings.Contains(st.Span, "From August 25, 1961 to August 1963") {
				t.Errorf("the span's list entry does not say from when to when: %q", st.Span)
			}
			if len(st.Images) != 2 {
				t.Errorf("images: %v; want the portrait and the petition", st.Images)
			}
			for _, p := range st.Images {
				if !strings.HasPrefix(p, "/media/"+importedCaseID+"/media/gideon-") {
					t.Errorf("image from %s, want /media/%s/media/...", p, importedCaseID)
				}
			}
			if st.Widest > st.Viewport+0.5 {
				t.Errorf("an image or link card reaches %.0f px, past the %.0f px window", st.Widest, st.Viewport)
			}
			if width >= 640 {
				var bands int
				b.Run(t, browsertest.Eval(`document.querySelectorAll("#tl-viewport .tl-era").length`, &bands))
				if bands != 2 {
					t.Errorf("the axis draws %d era bands; want 2", bands)
				}
				// At the whole case's zoom 1961-63 is two clusters; the
				// prison term (August 1961 to August 1963) still has its bar,
				// across them, about two years long.
				var bar struct{ N, Width, Year float64 }
				b.Run(t, browsertest.Eval(`(() => {
  const bars = [...document.querySelectorAll("#tl-viewport .tl-span-band.is-span")];
  const ticks = [...document.querySelectorAll("#tl-viewport .tl-tick")].map(e => [e.getBoundingClientRect().left, parseInt(e.textContent, 10)]).filter(t => t[1] > 0);
  const [a, z] = [ticks[0], ticks[ticks.length - 1]];
  return {n: bars.length, width: bars.length ? bars[0].getBoundingClientRect().width : 0, year: (z[0] - a[0]) / (z[1] - a[1])};
})()`, &bar))
				if bar.N != 1 || bar.Width < 1.5*bar.Year || bar.Width > 2.5*bar.Year {
					t.Errorf("the whole axis draws %.0f span bars, the first %.0f px wide; want the prison term's, about 2 years (a year is %.1f px)", bar.N, bar.Width, bar.Year)
				}
				t.Logf("screenshot: %s", b.ScreenshotElement(t, "imported-axis-1280", ".tl-axis"))
			}
			b.CheckAxe(t, fmt.Sprintf("the imported case at %d px", width))
			if errs := b.Errors(); len(errs) > 0 {
				t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
			}
			// The install notice stands at the foot of the window, which a
			// whole-page screenshot would show over the middle of the page.
			b.Run(t, chromedp.Evaluate(`document.querySelector(".notice-dismiss")?.click()`, nil), chromedp.Sleep(200*time.Millisecond))
			t.Logf("screenshot: %s", b.Screenshot(t, fmt.Sprintf("imported-%d", width)))
		})
	}

	// Thirty years from the first precedent to the retrial: the whole
	// axis clusters 1961 to 1963. Zoomed in on the prison term, its span
	// is a bar and both eras are labelled bands.
	t.Run("zoomed", func(t *testing.T) {
		b := browsertest.NewBrowser(t, browsertest.Options{Width: 1280, Height: 900})
		b.Run(t, chromedp.Navigate(srv.URL+path+"?event=five-years-in-prison"), browsertest.WaitReady(),
			chromedp.WaitVisible(`#tl-viewport .tl-marker`, chromedp.ByQuery))
		const count = `({
  bars: document.querySelectorAll("#tl-viewport .tl-span-band.is-span").length,
  bands: document.querySelectorAll("#tl-viewport .tl-era").length,
  labels: [...document.querySelectorAll("#tl-viewport .tl-era-label")].map(e => e.textContent),
})`
		var axis struct {
			Bars, Bands int
			Labels      []string
		}
		for range 4 {
			b.Run(t, browsertest.Eval(count, &axis))
			if axis.Bars > 0 && len(axis.Labels) == 2 {
				break
			}
			var w float64
			b.Run(t, browsertest.Eval(`document.querySelector(".tl-content").offsetWidth`, &w),
				chromedp.Click(".tl-zoom-in", chromedp.ByQuery),
				browsertest.WaitFor(fmt.Sprintf(`document.querySelector(".tl-content").offsetWidth > %f`, w*1.5), 10*time.Second),
				chromedp.Sleep(200*time.Millisecond))
		}
		if axis.Bars != 1 || axis.Bands != 2 || strings.Join(axis.Labels, "|") != "In the Florida courts|At the Supreme Court" {
			t.Errorf("zoomed in on the prison term: %d span bars, %d era bands, era labels %q; want the bar, 2 bands, both labels", axis.Bars, axis.Bands, axis.Labels)
		}
		var overlap bool
		b.Run(t, browsertest.Eval(`(() => {
  const r = [...document.querySelectorAll("#tl-viewport .tl-era-label, #tl-viewport .tl-label")].map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
  return r.some((a, i) => r.some((b, j) => j > i && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom));
})()`, &overlap))
		if overlap {
			t.Error("labels on the zoomed axis overlap")
		}
		t.Logf("screenshot: %s", b.ScreenshotElement(t, "imported-axis-zoomed-1280", ".tl-axis"))
	})
}

// roundTripImported exports the completed case with bin/docket as
// TimelineJS JSON and as the Sheets CSV, imports each export again, and
// compares what TimelineJS can hold: the events' titles, dates, spans,
// categories, media and sources, the categories, the eras and the lead
// image.
func roundTripImported(t *testing.T, bin, work, file string, want *casefile.Case) {
	for _, format := range []string{"timelinejs", "timelinejs-csv"} {
		t.Run(format, func(t *testing.T) {
			exported := filepath.Join(work, "export."+format)
			code, _, stderr := runDocket(t, bin, work, "export", "-format", format, "-o", exported, file)
			if code != 0 {
				t.Fatalf("docket export -format %s exited %d:\n%s", format, code, stderr)
			}
			t.Logf("docket export -format %s:\n%s", format, stderr)
			if !strings.Contains(stderr, "Wrote "+exported) || !strings.Contains(stderr, "the image's width and height") {
				t.Errorf("the export does not say what it wrote, or that the portrait's size stays behind:\n%s", stderr)
			}
			back := filepath.Join(work, "back."+format+".json")
			code, _, stderr = runDocket(t, bin, work, "import", "-o", back, exported)
			t.Logf("docket import of the export:\n%s", stderr)
			if code != 3 { // the court, the parties ... are not in a TimelineJS timeline
				t.Fatalf("docket import of the export exited %d; want 3:\n%s", code, stderr)
			}
			data, err := os.ReadFile(back)
			if err != nil {
				t.Fatal(err)
			}
			got, err := casefile.Decode(back, data)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != want.ID || got.Title != want.Title || got.Summary != want.Summary {
				t.Errorf("case: %q %q %q; want %q %q %q", got.ID, got.Title, got.Summary, want.ID, want.Title, want.Summary)
			}
			if !reflect.DeepEqual(got.Categories, want.Categories) {
				t.Errorf("categories:\n got %+v\nwant %+v", got.Categories, want.Categories)
			}
			if !reflect.DeepEqual(got.Eras, want.Eras) {
				t.Errorf("eras:\n got %+v\nwant %+v", got.Eras, want.Eras)
			}
			// TimelineJS sizes images itself: the portrait's width and
			// height stay behind, and the export's report says so.
			lead := *want.Media.Image
			lead.Width, lead.Height = 0, 0
			if got.Media == nil || got.Media.Image == nil || *got.Media.Image != lead {
				t.Errorf("the lead media came back as %s; want %s", jsonOf(got.Media), jsonOf(lead))
			}
			if len(got.Events) != len(want.Events) {
				t.Fatalf("%d events came back; want %d", len(got.Events), len(want.Events))
			}
			for i, w := range want.Events {
				g := got.Events[i]
				if g.Title != w.Title || !reflect.DeepEqual(g.Date, w.Date) || !reflect.DeepEqual(g.End, w.End) ||
					g.Category != w.Category || !reflect.DeepEqual(g.Media, w.Media) || !reflect.DeepEqual(g.Body, w.Body) {
					t.Errorf("event %d came back as\n%s\nwant\n%s", i, jsonOf(g), jsonOf(w))
				}
				if gs, ws := sourcesOf(got, g), sourcesOf(want, w); !reflect.DeepEqual(gs, ws) {
					t.Errorf("event %q came back citing %q; want %q", w.ID, gs, ws)
				}
				if format == "timelinejs" && g.ID != w.ID {
					t.Errorf("event %d came back with the id %q; want %q", i, g.ID, w.ID)
				}
			}
		})
	}
}

// sourcesOf lists what an event's sources are (their kind, publisher,
// title, date and address), without their ids, which an import makes anew.
func sourcesOf(c *casefile.Case, e casefile.Event) []casefile.Source {
	var list []casefile.Source
	for _, id := range e.Sources {
		for _, s := range c.Sources {
			if s.ID == id {
				s.ID = ""
				list = append(list, s)
			}
		}
	}
	return list
}

func jsonOf(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
