//go:build js && wasm

package components

import (
	"slices"
	"strings"
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
	lib, err := casefile.NewLibrary(demoCase())
	if err != nil {
		t.Fatal(err)
	}
	e := app.NewTestEngine()
	if err := e.Load(&CasePage{lib: lib}); err != nil {
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
}

// TestLibraryFromPage reads the case a page carries, as the browser program
// does before go-app starts, and checks that the element is taken out.
func TestLibraryFromPage(t *testing.T) {
	doc := app.Window().Get("document")
	lib, _ := casefile.NewLibrary(demoCase())
	entry, _ := lib.Case("demo")
	el := doc.Call("createElement", "script")
	el.Call("setAttribute", "type", "application/json")
	el.Call("setAttribute", "id", CaseDataID)
	el.Set("textContent", string(entry.JSON))
	doc.Get("body").Call("appendChild", el)

	got, err := LibraryFromPage()
	if err != nil {
		t.Fatal(err)
	}
	c, ok := got.Case("demo")
	if got.DefaultID() != "demo" || !ok || c.Title != "Demo v. Example" || len(c.Events) != 2 {
		t.Errorf("LibraryFromPage() read default %q, case %+v", got.DefaultID(), c.Case)
	}
	if len(c.JSON) != 0 || c.Version != "" {
		t.Errorf("the case read back carries its JSON again (%d bytes, version %q): the reader never uses them", len(c.JSON), c.Version)
	}
	if doc.Call("getElementById", CaseDataID).Truthy() {
		t.Error("the case data is still in the page after it was read")
	}
	if _, err := LibraryFromPage(); err == nil {
		t.Error("LibraryFromPage() found case data a second time")
	}
}

// TestPagesRenderTheirAddressFirst mounts each page at the address of a
// case other than the default, as the browser program does, and reads the
// page before go-app has handled the navigation: go-app's first render
// replaces the prerendered page, so it must already show the addressed
// case (not the default case, nor "not available"), or the reader sees it
// flash by and the page shifts.
func TestPagesRenderTheirAddressFirst(t *testing.T) {
	other := demoCase()
	other.ID, other.Title = "other", "Other v. Example"
	lib, err := casefile.NewLibrary(demoCase(), other)
	if err != nil {
		t.Fatal(err)
	}
	history := app.Window().Get("history")
	start := app.Window().URL().String()
	defer history.Call("replaceState", nil, "", start)
	for _, tc := range []struct {
		path, title string
		page        app.Composer
	}{
		{"/cases/other/", "h1", &CasePage{lib: lib}},
		{"/embed/other/", ".embed-title", &EmbedPage{lib: lib}},
		{"/embed/other/?view=quiz", ".embed-title", &EmbedPage{lib: lib}},
	} {
		history.Call("replaceState", nil, "", tc.path)
		e := app.NewTestEngine()
		if err := e.Load(tc.page); err != nil {
			t.Fatal(err)
		}
		title := query(tc.title)
		if title.Length() == 0 || title.Index(0).Get("textContent").String() != other.Title {
			t.Errorf("%s: the first render shows %q; want %q in %s", tc.path, query("body").Index(0).Get("textContent").String(), other.Title, tc.title)
		}
	}
}

// TestTimelineKeptUntilLive checks that the timeline is, until it goes
// live, the very HTML the server prerendered (one node for go-app to
// mount, in the start's longest task), and go-app's own, with its
// controls, once it has.
func TestTimelineKeptUntilLive(t *testing.T) {
	doc := app.Window().Get("document")
	holder := doc.Call("createElement", "div")
	holder.Set("innerHTML", `<section id="timeline" class="timeline"><p class="as-served">Prerendered</p><div class="tl-list"></div></section>`)
	doc.Get("body").Call("prepend", holder) // before the pages other tests left
	defer func() {
		holder.Call("remove")
		prerendered.caseID, prerendered.html, prerendered.events = "", nil, nil
	}()
	KeepPrerendered("demo", 2)

	tl := &Timeline{Case: demoCase()}
	tl.OnInit()
	if got := htmlOf(tl.Render()); !strings.Contains(got, `class="as-served"`) {
		t.Errorf("before the timeline is live it renders %.200s; want the prerendered section", got)
	}
	tl.view, _ = tl.view.Mount(800, nil)
	if got := htmlOf(tl.Render()); strings.Contains(got, "as-served") || !strings.Contains(got, `class="tl-next"`) {
		t.Errorf("once live the timeline renders %.200s; want go-app's, with its controls", got)
	}

	other := demoCase()
	other.ID = "other"
	tl = &Timeline{Case: other}
	tl.OnInit()
	if got := htmlOf(tl.Render()); strings.Contains(got, "as-served") {
		t.Error("a timeline of another case than the page's renders the page's prerendered HTML")
	}
}

// TestListKeptAndMarked checks that the list of events stays, once the
// timeline is live, the HTML the server prerendered (go-app neither builds
// nor diffs it), and that the selection and the category filter are shown
// on it in place, as go-app's list would render them.
func TestListKeptAndMarked(t *testing.T) {
	c := demoCase()
	c.Categories = append(c.Categories, casefile.Category{ID: "press", Label: "Press", Color: "#e63946"})
	c.Events[1].Category = "press"
	doc := app.Window().Get("document")
	holder := doc.Call("createElement", "div")
	holder.Set("innerHTML", `<section id="timeline" class="timeline"><div class="tl-list"><ol class="event-list">`+
		`<li class="event" id="filed" aria-current="TRUE"><p class="as-served">Suit filed</p></li>`+
		`<li class="event" id="dropped"><p>Suit dropped</p></li></ol></div></section>`)
	doc.Get("body").Call("prepend", holder)
	defer func() {
		holder.Call("remove")
		prerendered.caseID, prerendered.html, prerendered.events = "", nil, nil
	}()
	KeepPrerendered("demo", 2)
	tl := &Timeline{Case: c}
	tl.OnInit()
	keepPrerenderedList(c)
	tl.view, _ = tl.view.Mount(800, nil)
	if got := htmlOf(tl.Render()); !strings.Contains(got, `class="as-served"`) || !strings.Contains(got, `class="tl-next"`) {
		t.Fatalf("the live timeline renders %.300s; want its controls and the prerendered list", got)
	}
	if !tl.listKept() {
		t.Fatal("listKept is false for the list the page came with")
	}
	marks := func() (current []string, hidden []string) {
		items := holder.Call("querySelectorAll", "li.event") // other tests leave pages behind
		for i := range items.Length() {
			li := items.Index(i)
			if li.Call("getAttribute", "aria-current").String() == "true" {
				current = append(current, li.Get("id").String())
			}
			if li.Get("hidden").Bool() {
				hidden = append(hidden, li.Get("id").String())
			}
		}
		return current, hidden
	}
	check := func(when string, wantCurrent, wantHidden []string) {
		t.Helper()
		tl.markList()
		current, hidden := marks()
		if !slices.Equal(current, wantCurrent) || !slices.Equal(hidden, wantHidden) {
			t.Errorf("%s: current %v, hidden %v; want %v, %v", when, current, hidden, wantCurrent, wantHidden)
		}
	}
	first := tl.view.SelectedID()
	check("at start", []string{first}, nil)
	tl.view, _ = tl.view.Select("dropped")
	check("dropped selected", []string{"dropped"}, nil)
	tl.view, _ = tl.view.Filter(0)
	check("court switched off", []string{"dropped"}, []string{"filed"})
	tl.view, _ = tl.view.Filter(0)
	tl.view, _ = tl.view.Select("filed")
	check("court on again, filed selected", []string{"filed"}, nil)
}

// htmlOf is ui as HTML.
func htmlOf(ui app.UI) string {
	var b strings.Builder
	app.PrintHTML(&b, ui)
	return b.String()
}
