package studio

import (
	"docket/internal/casefile"
	"docket/internal/components"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The preview: the Studio's program in a frame of the editor's page,
// showing the reader's page of a case's saved draft with the reader's own
// components and styles, at the frame's width (320 px: a phone). It runs
// in a document of its own, so the reader's styles for narrow screens
// apply, and whatever goes wrong in it cannot touch the editor's work.

// registerPreview reads the saved draft of the case the address names
// and hands it to the reader's components as the only published case.
// A draft with problems is not shown: the reader's components expect a
// valid case.
func registerPreview(prefix string) {
	path, _ := routes.Within(prefix, app.Window().URL().Path)
	id := routes.CaseID(path)
	api := &API{Base: page("api"), Site: page("base")}
	d, err := api.Draft(id)
	var why string
	var c *casefile.Case
	switch {
	case err != nil:
		why = "The draft could not be read: " + err.Error()
	default:
		var ps casefile.Problems
		if c, ps = casefile.Check("", d.Case); c == nil || len(ps) > 0 {
			why = "The preview shows once the saved draft has no problems (" + itoa(len(ps)) + " now)."
		}
	}
	if why == "" {
		lib, err := casefile.NewLibrary(c)
		if err == nil {
			components.Register(func() casefile.Published { return lib })
			return
		}
		why = "The draft cannot be shown: " + err.Error()
	}
	app.RouteWithRegexp(`.*`, func() app.Composer { return &previewNotice{Text: why} })
}

// previewNotice says why the preview shows nothing.
type previewNotice struct {
	app.Compo
	Text string
}

func (n *previewNotice) Render() app.UI {
	return app.Div().Class("docket").Body(app.Main().ID("main").Class("studio-main").Body(
		app.H1().Text("Preview"),
		app.P().Text(n.Text),
	))
}
