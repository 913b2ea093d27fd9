// Command app is Docket's browser program, compiled to WebAssembly. It reads
// the case the prerendered page carries and hands the page over to go-app.
package main

import (
	"docket/internal/casefile"
	"docket/internal/components"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	// Go's runtime has started in one task; the case is read in the next
	// and the page mounted in a third (see components.Yield).
	components.Yield()
	lib, err := components.LibraryFromPage()
	if err != nil {
		app.Log("docket:", err)
		lib, _ = casefile.NewLibrary() // the pages say the case is not found
	}
	components.Register(func() casefile.Published { return lib })
	components.Yield()
	app.RunWhenOnBrowser()
}
