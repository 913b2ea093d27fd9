// Command app is Docket's browser program, compiled to WebAssembly. It reads
// the case the prerendered page carries and hands the page over to go-app.
package main

import (
	"docket/internal/casefile"
	"docket/internal/components"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	// Go's runtime has started in one task; the case is decoded in the
	// next, kept with the prerendered parts in a third, and go-app mounts
	// the page in a fourth (see components/slices.go).
	components.Yield()
	lib, err := components.LibraryFromPage()
	if err != nil {
		app.Log("docket:", err) // lib has no case: the pages say so
	}
	components.Register(func() casefile.Published { return lib })
	components.Yield()
	app.RunWhenOnBrowser()
}
