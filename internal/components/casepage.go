// Package components holds Docket's go-app components: the pages and the
// parts they are made of. The same components render on the server (the
// prerendered page) and in the browser (after the wasm has started).
package components

import (
	"docket/internal/casefile"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// CasePage is the full page of one case: its header, the timeline of what
// happened, the quiz on its legal idea and the glossary. Its state is
// unexported and derived from the URL in OnNav, since go-app resets
// exported fields when it reuses a component.
type CasePage struct {
	app.Compo

	lib         casefile.Published // the cases the page may show, given when it is made
	caseID      string
	installable bool // the browser offers to install Docket, outside an iframe
	notNow      bool // the reader declined the install offer for this visit
	updateReady bool // a new version is installed and waits for a reload
}

// OnMount marks the document as taken over by the wasm
// (<html data-docket="ready">, which tests and benchmarks wait for). The
// page asks for a new version every few minutes (docket.js calls go-app's
// goappTryUpdate, as app.TryUpdate does); OnAppUpdate hears the answer.
func (p *CasePage) OnMount(ctx app.Context) {
	ctx.Defer(func(app.Context) { markReady() })
	p.installable = ctx.IsAppInstallable() && !inFrame()
	p.updateReady = hadWorker() && (ctx.AppUpdateAvailable() || app.Window().Get("goappUpdatedBeforeWasmLoaded").Truthy())
}

// OnAppInstallChange shows or hides the install button.
func (p *CasePage) OnAppInstallChange(ctx app.Context) {
	p.installable = ctx.IsAppInstallable() && !inFrame()
}

// OnAppUpdate offers a reload once a new version is installed. The page
// keeps running the version it started with until the reader reloads.
func (p *CasePage) OnAppUpdate(ctx app.Context) {
	p.updateReady = hadWorker()
}

// hadWorker reports whether a service worker controlled the page when it
// loaded (docket.js notes it): without one, a worker that activates is the
// first install, not an update.
func hadWorker() bool {
	return app.Window().Get("docketHadWorker").Truthy()
}

// OnInit picks the case from the address before the browser's first
// render, which replaces the prerendered page: rendered without it, a case
// other than the default would show the default case until OnNav.
func (p *CasePage) OnInit() {
	if app.IsClient {
		p.caseID = routes.CaseID(SiteURL(app.Window().URL()).Path)
	}
}

// OnNav picks the case from the URL and, in the browser, names the page
// after it (the server writes the prerendered page's title and description
// itself, escaped, see server.withHeadTags).
func (p *CasePage) OnNav(ctx app.Context) {
	p.caseID = routes.CaseID(SiteURL(ctx.Page().URL()).Path)
	if c, ok := p.shown(); ok && app.IsClient {
		ctx.Page().SetTitle(c.Title + " · Docket")
		ctx.Page().SetDescription(c.Summary)
	}
}

// shown is the case the page shows: the one its URL names, or the default.
func (p *CasePage) shown() (casefile.Entry, bool) {
	id := p.caseID
	if id == "" {
		id = p.lib.DefaultID()
	}
	return p.lib.Case(id)
}

func (p *CasePage) Render() app.UI {
	c, ok := p.shown()
	if !ok {
		return app.Div().Class("docket").Body(
			app.Main().ID("main").Body(
				app.H1().Text("Case not found"),
				app.P().Text("There is no case here. Check the address, or open the list of cases."),
			),
		)
	}
	return app.Div().Class("docket").Body(
		app.Elem("a").Class("skip-link").Attr("href", "#timeline").Text("Skip to the timeline"),
		caseHeader(c.Case),
		app.Main().ID("main").Body(
			&Timeline{Case: c.Case},
			static(c.Case, "corrections", func() app.UI { return correctionsSection(c.Case, false) }),
			app.If(c.HasQuiz(), func() app.UI { return &Quiz{Case: c.Case, Page: routes.PagePath(c.ID, p.lib.DefaultID())} }),
			static(c.Case, "glossary", func() app.UI { return glossarySection(c.Case) }),
		),
		static(c.Case, "case-footer", func() app.UI { return caseFooter(c.Case) }),
		p.appNotices(),
	)
}

// appNotices are the install button and the update offer: fixed at the
// bottom of the window, so their appearing moves nothing on the page.
func (p *CasePage) appNotices() app.UI {
	install := p.installable && !p.notNow && !p.updateReady
	if !install && !p.updateReady {
		return nil
	}
	return app.Div().Class("app-notices").Body(
		app.If(p.updateReady, func() app.UI {
			return app.Div().Class("app-notice update-notice").Role("status").Body(
				app.Elem("span").Text("A new version of this explainer is ready."),
				app.Button().Type("button").Class("notice-action").Text("Reload").
					OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
			)
		}),
		app.If(install, func() app.UI {
			return app.Div().Class("app-notice install-notice").Body(
				app.Elem("span").Text("Read it offline: install Docket as an app."),
				app.Button().Type("button").Class("notice-action").Text("Install").
					OnClick(func(ctx app.Context, e app.Event) { ctx.ShowAppInstallPrompt() }),
				app.Button().Type("button").Class("notice-dismiss").Text("Not now").
					OnClick(func(ctx app.Context, e app.Event) { p.notNow = true }),
			)
		}),
	)
}

// caseHeader shows what the case is: its title, summary and where it was
// heard, and the page's sections; above them, the brand and a link to the
// list of every case.
func caseHeader(c *casefile.Case) app.UI {
	return app.Elem("header").Class("case-header").Body(
		app.Div().Class("site-bar").Body(
			app.P().Class("brand").Text("Docket"),
			FullPageLink(routes.CaseList).Class("site-bar-link").Text("All cases"),
		),
		app.H1().Text(c.Title),
		app.P().Class("summary").Text(c.Summary),
		mediaView(c, c.Media),
		app.Elem("dl").Class("case-meta").Body(
			app.Elem("dt").Text("Court"), app.Elem("dd").Text(c.Court),
			app.Elem("dt").Text("Docket"), app.Elem("dd").Text(c.Docket),
			app.Elem("dt").Text("Outcome"), app.Elem("dd").Text(c.Outcome),
		),
		app.Elem("nav").Class("case-nav").Aria("label", "On this page").Body(
			app.Elem("ul").Body(
				app.Elem("li").Body(app.Elem("a").Attr("href", "#timeline").Text("What happened")),
				app.If(c.HasQuiz(), func() app.UI {
					return app.Elem("li").Body(app.Elem("a").Attr("href", "#quiz").Text("Quiz: " + c.Quiz.Title))
				}),
				app.If(len(c.Glossary) > 0, func() app.UI { return app.Elem("li").Body(app.Elem("a").Attr("href", "#glossary").Text("Key terms")) }),
			),
		),
	)
}

// glossarySection lists every term of the case with its definition, its
// longer explanation and its sources.
func glossarySection(c *casefile.Case) app.UI {
	if len(c.Glossary) == 0 {
		return nil
	}
	return app.Elem("section").Class("glossary").ID("glossary").Aria("labelledby", "glossary-heading").Body(
		app.Elem("h2").ID("glossary-heading").Text("Key terms"),
		app.Elem("dl").Class("glossary-list").Body(
			app.Range(c.Glossary).Slice(func(i int) app.UI {
				t := &c.Glossary[i]
				return app.Div().Class("glossary-entry").ID("term-"+t.ID).Body(
					app.Elem("dt").Text(t.Term),
					app.Elem("dd").Body(
						app.P().Class("term-definition").Text(t.Definition),
						app.P().Class("term-explanation").Text(t.Explanation),
						SourceList(c, t.Sources),
					),
				)
			}),
		),
	)
}

// caseFooter credits who made the explainer and when it was last checked.
func caseFooter(c *casefile.Case) app.UI {
	return app.Elem("footer").Class("case-footer").ID("case-footer").Body(
		app.Range(c.Credits).Slice(func(i int) app.UI {
			return app.P().Text(c.Credits[i])
		}),
		app.P().Text("Updated "+c.Updated+". Made with Docket."),
	)
}

// FullPageLink is a link to one of the site's pages that are not the
// app's (the list of cases): the browser loads it as a page. go-app would
// follow it inside the app, which shows only cases; docket.js stops its
// click from reaching go-app's handler (data-full-page). Its value is "1",
// not "true", which go-app's server writes as a bare attribute (="") while
// the wasm writes "true": the takeover would change the header's DOM.
func FullPageLink(path string) app.HTMLElem {
	return app.Elem("a").Attr("href", Href(path)).Attr("data-full-page", "1")
}
