// Package routes is Docket's one route table, used by the browser program
// (to mount pages) and the server (go-app answers 404 for any page path the
// server did not register).
package routes

import (
	"docket/internal/components"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Home is the full page of the default case.
const Home = "/"

// Register tells go-app which component renders which path. Both programs
// call it once at start.
func Register() {
	app.Route(Home, func() app.Composer { return &components.CasePage{} })
}
