// Command app is Docket's browser program, compiled to WebAssembly. It reads
// the case the prerendered page carries and hands the page over to go-app.
package main

import (
	"docket/internal/components"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	components.Register()
	if lib, err := components.LibraryFromPage(); err == nil {
		components.UseLibrary(lib)
	} else {
		app.Log("docket:", err)
	}
	app.RunWhenOnBrowser()
}
