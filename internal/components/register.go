package components

import (
	"docket/internal/casefile"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// pages maps each kind of page in the route table to its component.
var pages = map[routes.Kind]func(casefile.Published) app.Composer{
	routes.CaseFull:  func(lib casefile.Published) app.Composer { return &CasePage{lib: lib} },
	routes.CaseEmbed: func(lib casefile.Published) app.Composer { return &EmbedPage{lib: lib} },
}

// Register tells go-app, for every page of the route table, which component
// renders it. library gives each new page the cases it shows: in the browser
// the case the page carried, on the server the library of the server whose
// page is being rendered. go-app's router belongs to the process, so call
// Register once.
func Register(library func() casefile.Published) {
	for _, p := range routes.Table {
		page := pages[p.Kind]
		app.RouteWithRegexp(p.Pattern, func() app.Composer { return page(library()) })
	}
}
