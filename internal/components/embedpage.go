package components

import (
	"net/url"

	"docket/internal/casefile"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// EmbedPage is a case in compact chrome, for an iframe inside a news
// article: no site header, the timeline, the quiz or both (the "view"
// parameter), and a small credit that opens the full page in a new tab.
type EmbedPage struct {
	app.Compo

	lib    casefile.Published // the cases the page may show, given when it is made
	caseID string
	view   string
}

// OnMount marks the document as taken over by the wasm.
func (p *EmbedPage) OnMount(ctx app.Context) {
	ctx.Defer(func(app.Context) { markReady() })
}

// OnInit reads the address before the browser's first render, which
// replaces the prerendered page: rendered without it, the page would show
// "not available" until OnNav.
func (p *EmbedPage) OnInit() {
	if app.IsClient {
		p.read(app.Window().URL())
	}
}

// OnNav reads the address and, in the browser, names the page after the
// case (the server writes the prerendered page's title and description
// itself).
func (p *EmbedPage) OnNav(ctx app.Context) {
	p.read(ctx.Page().URL())
	if c, ok := p.lib.Case(p.caseID); ok && app.IsClient {
		ctx.Page().SetTitle(c.Title + " · Docket")
		ctx.Page().SetDescription(c.Summary)
	}
}

// read takes the case from the address's path and the view from its query.
func (p *EmbedPage) read(addr *url.URL) {
	u := SiteURL(addr)
	p.caseID = routes.CaseID(u.Path)
	p.view = routes.EmbedView(u.Query().Get("view"))
}

func (p *EmbedPage) Render() app.UI {
	c, ok := p.lib.Case(p.caseID)
	if !ok {
		return app.Div().Class("docket docket-embed").Body(
			app.Main().ID("main").Body(app.P().Text("This explainer is not available.")),
		)
	}
	view := p.view
	switch {
	case !c.HasQuiz():
		view = routes.ViewTimeline // a timeline-only case: ?view=quiz shows its timeline
	case view == "":
		view = routes.ViewBoth
	}
	return app.Div().Class("docket docket-embed").Body(
		app.Main().ID("main").Aria("labelledby", embedTitleID).Body(
			app.P().ID(embedTitleID).Class("embed-title").Text(c.Title),
			app.If(view != routes.ViewQuiz, func() app.UI { return &Timeline{Case: c.Case} }),
			app.If(view != routes.ViewTimeline, func() app.UI {
				return &Quiz{Case: c.Case, Embedded: true, Page: routes.PagePath(c.ID, p.lib.DefaultID())}
			}),
			static(c.Case, "corrections", func() app.UI { return correctionsSection(c.Case, true) }),
		),
		embedCredit(c.Case),
	)
}

// embedTitleID is the id of the embed's title, which names its main region
// for screen readers.
const embedTitleID = "embed-title"

// embedCredit names Docket and links to the full page, outside the frame.
func embedCredit(c *casefile.Case) app.UI {
	return app.Elem("footer").Class("embed-credit").Body(
		app.Elem("a").Attr("href", Href(routes.CasePath(c.ID))).Attr("target", "_blank").Attr("rel", "noopener").Text("Open the full explainer"),
		app.Elem("span").Class("embed-brand").Text("Docket"),
	)
}
