// Package helloworld is the go-app hello world that the page bench measures
// Docket against: the smallest go-app program that prerenders a page, takes
// it over in the browser and answers a tap, so its wasm size, blocking time
// and start-up are the floor go-app's runtime sets for Docket.
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

// Hello is the page: a heading and a Next button that counts taps, as
// Docket's timeline steps to the next event.
type Hello struct {
	app.Compo
	taps int
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
		app.P().ID("count").Text(strconv.Itoa(h.taps)),
		app.Button().ID("next").Text("Next").OnClick(func(app.Context, app.Event) { h.taps++ }),
	)
}
