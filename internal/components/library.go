package components

import (
	"encoding/json"
	"errors"
	"strings"

	"docket/internal/casefile"

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

// caseDataScript is the element that carries a case inside the page, so the
// browser program starts with the very data the page was rendered from and
// its first render matches the prerendered one (no fetch, no jump).
func caseDataScript(id string) app.UI {
	b, ok := library.CaseJSON(id)
	if !ok || app.IsClient {
		return nil
	}
	return app.Raw(`<script type="application/json" id="` + caseDataID + `">` + string(b) + `</script>`)
}

// LibraryFromPage reads the case that the prerendered page carries. The
// browser program calls it before it starts go-app, which replaces the body.
func LibraryFromPage() (MemoryLibrary, error) {
	el := app.Window().Get("document").Call("getElementById", caseDataID)
	if !el.Truthy() {
		return MemoryLibrary{}, errors.New("the page carries no case data")
	}
	text := el.Get("textContent").String()
	var c casefile.Case
	dec := json.NewDecoder(strings.NewReader(text))
	if err := dec.Decode(&c); err != nil {
		return MemoryLibrary{}, err
	}
	return MemoryLibrary{Cases: map[string]*casefile.Case{c.ID: &c}, Order: []string{c.ID}}, nil
}
