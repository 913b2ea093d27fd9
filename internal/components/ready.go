package components

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// markReady sets <html data-docket="ready"> once the wasm has mounted a
// page, so tests and benchmarks can tell when the app is interactive.
func markReady() {
	if app.IsServer {
		return
	}
	app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-docket", "ready")
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
