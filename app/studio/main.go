// Command studio is Docket Studio's browser program, compiled to
// WebAssembly as web/studio/studio.wasm: the editor's screens, served only
// to signed-in editors under /studio/. The reader's app.wasm never
// includes it.
package main

import (
	"docket/internal/studio"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	studio.Register()
	app.RunWhenOnBrowser()
}
