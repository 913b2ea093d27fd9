package components

import (
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// pages maps each kind of page in the route table to its component.
var pages = map[routes.Kind]func() app.Composer{
	routes.CaseFull:  func() app.Composer { return &CasePage{} },
	routes.CaseEmbed: func() app.Composer { return &EmbedPage{} },
}

// Register tells go-app, for every page of the route table, which
// component renders it. Both programs call it once at start.
func Register() {
	for _, p := range routes.Table {
		app.RouteWithRegexp(p.Pattern, pages[p.Kind])
	}
}
