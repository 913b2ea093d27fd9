package components

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// markReady sets <html data-docket="ready"> once the wasm has mounted a
// page and its timeline is live, so tests and benchmarks can tell when the
// app is interactive. The page and the timeline both call it, each when
// its own part is done (the timeline goes live, its list last, in later
// slices, see slices.go); it does nothing while a timeline on the page is
// not yet live.
func markReady() {
	if app.IsServer {
		return
	}
	doc := app.Window().Get("document")
	if doc.Call("querySelector", ".timeline:not(.is-live)").Truthy() {
		return
	}
	doc.Get("documentElement").Call("setAttribute", "data-docket", "ready")
}

// inFrame reports whether the page runs inside an iframe (an embed), where
// Docket never offers to install itself and never adds history entries
// (web/docket.js turns pushState into replaceState there).
func inFrame() bool {
	if app.IsServer {
		return false
	}
	w := app.Window()
	return !w.Get("self").Equal(w.Get("top"))
}
