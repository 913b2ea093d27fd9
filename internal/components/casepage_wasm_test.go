//go:build js && wasm

package components

import (
	"testing"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// demoCase is a small case for component tests, independent of the
// shipped case files.
func demoCase() *casefile.Case {
	return &casefile.Case{
		ID: "demo", Title: "Demo v. Example", Summary: "A demo case.",
		Court: "Demo Court", Docket: "1:00-cv-00001", Outcome: "Dismissed", Updated: "2026-11-29",
		Categories: []casefile.Category{{ID: "court", Label: "Court", Color: "#1d3557"}},
		Events: []casefile.Event{
			{ID: "filed", Date: casefile.Date{Value: "2017-04-06", Precision: casefile.Day}, Title: "Suit filed", Body: []string{"It was filed."}, Category: "court", Sources: []string{"s"}},
			{ID: "dropped", Date: casefile.Date{Value: "2017-04-07", Precision: casefile.Day}, Title: "Suit dropped", Body: []string{"It was dropped.", "Without prejudice."}, Category: "court", Sources: []string{"s"}},
		},
		Sources: []casefile.Source{{ID: "s", Title: "Notice", Publisher: "Court", URL: "https://example.org/notice"}},
	}
}

func query(selector string) app.Value {
	return app.Window().Get("document").Call("querySelectorAll", selector)
}

// TestCasePageInBrowser mounts the case page in a real DOM and checks what
// a reader sees: the title, every event in order with its paragraphs, and
// source links that open in a new tab.
func TestCasePageInBrowser(t *testing.T) {
	lib, err := NewMemoryLibrary(demoCase())
	if err != nil {
		t.Fatal(err)
	}
	UseLibrary(lib)
	e := app.NewTestEngine()
	if err := e.Load(&CasePage{}); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()

	if got := query("h1").Index(0).Get("textContent").String(); got != "Demo v. Example" {
		t.Errorf("h1 = %q; want %q", got, "Demo v. Example")
	}
	items := query("li.event")
	if got := items.Length(); got != 2 {
		t.Fatalf("%d events shown; want 2", got)
	}
	for i, want := range []string{"filed", "dropped"} {
		if got := items.Index(i).Get("id").String(); got != want {
			t.Errorf("event %d id = %q; want %q", i, got, want)
		}
	}
	if got := query("#dropped .event-body").Length(); got != 2 {
		t.Errorf("second event shows %d paragraphs; want 2", got)
	}
	link := query("#filed .source-list a").Index(0)
	if got := link.Get("href").String(); got != "https://example.org/notice" {
		t.Errorf("source link href = %q", got)
	}
	if got := link.Get("rel").String(); got != "noopener" {
		t.Errorf("source link rel = %q; want noopener", got)
	}
	// The browser never renders the case data again: it already has it.
	if got := query("#" + caseDataID).Length(); got != 0 {
		t.Errorf("case data script rendered in the browser")
	}
}
