// Package routes is Docket's one route table: every page path, used by the
// browser program (to mount pages), the server (to answer them, since
// go-app answers 404 for any page the server did not register) and the
// static export. It is a leaf package: paths only, no components.
package routes

import (
	"regexp"
	"strings"
)

// Kind is what a page shows.
type Kind int

// The kinds of page.
const (
	// CaseFull is the full page of a case: timeline, quiz and glossary.
	CaseFull Kind = iota
)

// Page is one entry of the route table.
type Page struct {
	// Pattern is the regular expression go-app matches the path against.
	Pattern string
	Kind    Kind
}

// idPattern is the case-id format of case files.
const idPattern = `[a-z0-9]+(?:-[a-z0-9]+)*`

// Table is every page of the app.
var Table = []Page{
	{Pattern: `^/$`, Kind: CaseFull},
	{Pattern: `^/cases/` + idPattern + `$`, Kind: CaseFull},
}

var compiled = func() []*regexp.Regexp {
	res := make([]*regexp.Regexp, len(Table))
	for i, p := range Table {
		res[i] = regexp.MustCompile(p.Pattern)
	}
	return res
}()

// Home is the full page of the default case.
const Home = "/"

// casePrefix starts the full page of any case: /cases/{id}.
const casePrefix = "/cases/"

// Match returns the page a path is, if any.
func Match(path string) (Page, bool) {
	for i, re := range compiled {
		if re.MatchString(path) {
			return Table[i], true
		}
	}
	return Page{}, false
}

// IsPage reports whether path is one of the app's pages.
func IsPage(path string) bool {
	_, ok := Match(path)
	return ok
}

// CaseID returns the case a page path names, or "" for the default case.
func CaseID(path string) string {
	if id, ok := strings.CutPrefix(path, casePrefix); ok {
		return id
	}
	return ""
}

// CasePath is the full page of a case.
func CasePath(id string) string { return casePrefix + id }
