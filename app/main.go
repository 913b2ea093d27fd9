// Command app is Docket's browser program, compiled to WebAssembly. It reads
// the case the prerendered page carries and hands the page over to go-app.
package main

import (
	"docket/internal/casefile"
	"docket/internal/components"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	lib, err := components.LibraryFromPage()
	if err != nil {
		app.Log("docket:", err)
		lib, _ = casefile.NewLibrary() // the pages say the case is not found
	}
	components.Register(func() casefile.Published { return lib })
	app.RunWhenOnBrowser()
}
