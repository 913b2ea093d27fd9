// Package components holds Docket's go-app components: the pages and the
// parts they are made of. The same components render on the server (the
// prerendered page) and in the browser (after the wasm has started).
package components

import (
	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// CasePage is the full page of one case: its header, what happened and the
// sources. Its state is unexported and derived from the URL in OnNav, since
// go-app resets exported fields when it reuses a component.
type CasePage struct {
	app.Compo

	caseID string
}

// OnMount marks the document as taken over by the wasm
// (<html data-docket="ready">): tests and benchmarks wait for it.
func (p *CasePage) OnMount(ctx app.Context) {
	markReady()
}

// OnNav picks the case from the URL and names the page after it.
func (p *CasePage) OnNav(ctx app.Context) {
	p.caseID = library.DefaultCaseID()
	if c, ok := library.Case(p.caseID); ok {
		ctx.Page().SetTitle(c.Title + " · Docket")
		ctx.Page().SetDescription(c.Summary)
	}
}

func (p *CasePage) Render() app.UI {
	id := p.caseID
	if id == "" {
		id = library.DefaultCaseID()
	}
	c, ok := library.Case(id)
	if !ok {
		return app.Div().Class("docket").Body(
			app.Main().ID("main").Body(
				app.H1().Text("Case not found"),
				app.P().Text("There is no case here. Check the address, or open the list of cases."),
			),
		)
	}
	return app.Div().Class("docket").Body(
		app.A().Class("skip-link").Href("#events").Text("Skip to what happened"),
		caseHeader(c),
		app.Main().ID("main").Body(
			eventList(c),
		),
		caseFooter(c),
		caseDataScript(c.ID),
	)
}

// caseHeader shows what the case is: its title, summary and where it was heard.
func caseHeader(c *casefile.Case) app.UI {
	return app.Header().Class("case-header").Body(
		app.P().Class("brand").Text("Docket"),
		app.H1().Text(c.Title),
		app.P().Class("summary").Text(c.Summary),
		app.Dl().Class("case-meta").Body(
			app.Dt().Text("Court"), app.Dd().Text(c.Court),
			app.Dt().Text("Docket"), app.Dd().Text(c.Docket),
			app.Dt().Text("Outcome"), app.Dd().Text(c.Outcome),
		),
	)
}

// eventList is every event in order, as a plain list: the whole story,
// readable before the wasm starts and with no script at all.
func eventList(c *casefile.Case) app.UI {
	return app.Section().Class("events").ID("events").Aria("labelledby", "events-heading").Body(
		app.H2().ID("events-heading").Text("What happened"),
		app.Ol().Class("event-list").Body(
			app.Range(c.Events).Slice(func(i int) app.UI {
				return eventItem(c, &c.Events[i])
			}),
		),
	)
}

// eventItem is one event: its date, title, body and sources.
func eventItem(c *casefile.Case, e *casefile.Event) app.UI {
	return app.Li().Class("event").ID(e.ID).Aria("labelledby", e.ID+"-title").Body(
		app.Time().Class("event-date").DateTime(e.Date.Value).Text(dateLabel(e.Date)),
		app.H3().ID(e.ID+"-title").Class("event-title").Text(e.Title),
		app.Range(e.Body).Slice(func(i int) app.UI {
			return app.P().Class("event-body").Text(e.Body[i])
		}),
		sourceLinks(c, e.Sources),
	)
}

// sourceLinks lists the sources a fact rests on, as links that open in a
// new tab so the reader keeps their place.
func sourceLinks(c *casefile.Case, ids []string) app.UI {
	if len(ids) == 0 {
		return nil
	}
	return app.Div().Class("sources").Body(
		app.H4().Class("sources-label").Text("Sources"),
		app.Ul().Class("source-list").Body(
			app.Range(ids).Slice(func(i int) app.UI {
				s := findSource(c, ids[i])
				if s == nil {
					return nil
				}
				return app.Li().Body(
					app.A().Href(s.URL).Target("_blank").Rel("noopener").Text(sourceName(s)),
				)
			}),
		),
	)
}

func sourceName(s *casefile.Source) string {
	if s.Publisher == "" {
		return s.Title
	}
	return s.Publisher + ": " + s.Title
}

func findSource(c *casefile.Case, id string) *casefile.Source {
	for i := range c.Sources {
		if c.Sources[i].ID == id {
			return &c.Sources[i]
		}
	}
	return nil
}

// dateLabel is the date as readers see it; temporary until casefile offers
// Date.Display.
func dateLabel(d casefile.Date) string {
	if d.Label != "" {
		return d.Label
	}
	return d.Value
}

// caseFooter credits who made the explainer and when it was last checked.
func caseFooter(c *casefile.Case) app.UI {
	return app.Footer().Class("case-footer").Body(
		app.Range(c.Credits).Slice(func(i int) app.UI {
			return app.P().Text(c.Credits[i])
		}),
		app.P().Text("Updated "+c.Updated+". Made with Docket."),
	)
}
