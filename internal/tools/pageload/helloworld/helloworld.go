// Package helloworld is the go-app hello world that the page-load benchmark
// measures Docket against: the smallest go-app program that prerenders a
// page, takes it over in the browser and answers a key, so its wasm size and
// time to interactive are the floor go-app's runtime sets for Docket.
package helloworld

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Register routes the page at / to the Hello component, in the browser
// program and in the server that prerenders it.
func Register() {
	app.Route("/", func() app.Composer { return &Hello{} })
}

// Hello is the page: a heading and a counter that ArrowRight advances while
// focus is in #timeline, the same region and key that the benchmark presses
// in Docket's timeline, so "interactive" means the same thing for both.
type Hello struct {
	app.Compo
	presses int
}

// OnMount marks <html data-docket="ready"> as Docket does once its wasm has
// mounted the page.
func (h *Hello) OnMount(ctx app.Context) {
	if app.IsServer {
		return
	}
	app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-docket", "ready")
}

// Render draws the page.
func (h *Hello) Render() app.UI {
	return app.Main().Body(
		app.H1().Text("Hello, world!"),
		app.Section().ID("timeline").TabIndex(0).Aria("label", "Counter").OnKeyDown(h.onKeyDown).Body(
			app.P().ID("count").Text(strconv.Itoa(h.presses)),
		),
	)
}

func (h *Hello) onKeyDown(ctx app.Context, e app.Event) {
	if e.Get("key").String() != "ArrowRight" {
		ctx.PreventUpdate()
		return
	}
	h.presses++
}
