package components

import (
	"encoding/json"
	"errors"
	"strings"

	"docket/internal/casefile"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Library is where pages find their cases: on the server the validated case
// files, in the browser the case that the prerendered page carried.
type Library interface {
	// Case returns the case with the given id.
	Case(id string) (*casefile.Case, bool)
	// CaseJSON returns the case as compact JSON, safe to put inside a
	// <script> element (json.Marshal escapes <, > and &).
	CaseJSON(id string) ([]byte, bool)
	// DefaultCaseID is the case shown at "/".
	DefaultCaseID() string
}

var library Library = MemoryLibrary{}

// UseLibrary sets where pages find their cases. Both programs call it once
// at start, before any page renders.
func UseLibrary(l Library) { library = l }

// MemoryLibrary is a Library held in memory, keyed by case id. The first
// case in Order is the default.
type MemoryLibrary struct {
	Cases map[string]*casefile.Case
	JSON  map[string][]byte
	Order []string
}

// NewMemoryLibrary returns a library of the given cases; the first is the
// default. It encodes each case once, so pages never re-encode per request.
func NewMemoryLibrary(cases ...*casefile.Case) (MemoryLibrary, error) {
	l := MemoryLibrary{Cases: map[string]*casefile.Case{}, JSON: map[string][]byte{}}
	for _, c := range cases {
		b, err := json.Marshal(c)
		if err != nil {
			return MemoryLibrary{}, err
		}
		l.Cases[c.ID] = c
		l.JSON[c.ID] = b
		l.Order = append(l.Order, c.ID)
	}
	return l, nil
}

func (l MemoryLibrary) Case(id string) (*casefile.Case, bool) {
	c, ok := l.Cases[id]
	return c, ok
}

func (l MemoryLibrary) CaseJSON(id string) ([]byte, bool) {
	b, ok := l.JSON[id]
	return b, ok
}

func (l MemoryLibrary) DefaultCaseID() string {
	if len(l.Order) == 0 {
		return ""
	}
	return l.Order[0]
}

// caseDataID is the id of the <script type="application/json"> element in
// which a prerendered page carries its case for the browser program.
const caseDataID = "docket-case"

// InlineCaseLimit is the largest case, as JSON, that a page carries
// inside itself. A larger case is linked instead (data-src, the case's
// JSON under /api/cases/), so that a case of thousands of events does not
// repeat its megabytes in every event page: a static export of 1,000
// events would otherwise write 1.4 GB.
const InlineCaseLimit = 128 << 10

// caseDataScript is the element that carries a case inside the page, so the
// browser program starts with the very data the page was rendered from and
// its first render matches the prerendered one (no jump). A case larger
// than InlineCaseLimit is linked, and preloaded with the page.
func caseDataScript(id string) app.UI {
	b, ok := library.CaseJSON(id)
	if !ok || app.IsClient {
		return nil
	}
	if len(b) > InlineCaseLimit {
		src := Href(routes.CaseDataPath(id))
		return app.Raw(`<link rel="preload" href="` + src + `" as="fetch" crossorigin="anonymous">` +
			`<script type="application/json" id="` + caseDataID + `" data-src="` + src + `"></script>`)
	}
	return app.Raw(`<script type="application/json" id="` + caseDataID + `">` + string(b) + `</script>`)
}

// LibraryFromPage reads the case that the prerendered page carries, or
// fetches the one it links. The browser program calls it before it starts
// go-app, which replaces the body.
func LibraryFromPage() (MemoryLibrary, error) {
	el := app.Window().Get("document").Call("getElementById", caseDataID)
	if !el.Truthy() {
		return MemoryLibrary{}, errors.New("the page carries no case data")
	}
	text := el.Get("textContent").String()
	if src := el.Call("getAttribute", "data-src"); strings.TrimSpace(text) == "" && src.Truthy() {
		var err error
		if text, err = fetchText(src.String()); err != nil {
			return MemoryLibrary{}, err
		}
	}
	var c casefile.Case
	dec := json.NewDecoder(strings.NewReader(text))
	if err := dec.Decode(&c); err != nil {
		return MemoryLibrary{}, err
	}
	return MemoryLibrary{Cases: map[string]*casefile.Case{c.ID: &c}, Order: []string{c.ID}}, nil
}

// fetchText fetches url with the browser's fetch and waits for its text.
// Called before go-app starts, it blocks only the program's main goroutine.
func fetchText(url string) (string, error) {
	type result struct {
		text string
		err  error
	}
	done := make(chan result, 1)
	var onText, onStatus, onError app.Func
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: errors.New("fetching " + url + ": " + msg)}
		return nil
	})
	onText = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- result{text: args[0].String()}
		return nil
	})
	onStatus = app.FuncOf(func(this app.Value, args []app.Value) any {
		res := args[0]
		if !res.Get("ok").Bool() {
			done <- result{err: errors.New("fetching " + url + ": status " + res.Get("status").String())}
			return nil
		}
		res.Call("text").Call("then", onText, onError)
		return nil
	})
	app.Window().Call("fetch", url).Call("then", onStatus, onError)
	r := <-done
	onText.Release()
	onStatus.Release()
	onError.Release()
	return r.text, r.err
}
