package components

import (
	"docket/internal/casefile"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// correctionsSection notes, under the timeline, what was corrected after
// the case was published, as a newsroom does under a story: each
// correction with its date and a link to the event or term it corrects.
// It is a pure function of the case, so the prerendered page and the wasm
// render the same section and the takeover moves nothing. newTab opens the
// links in a new tab, as an embed must.
func correctionsSection(c *casefile.Case, newTab bool) app.UI {
	if len(c.Corrections) == 0 {
		return nil
	}
	return app.Elem("section").Class("corrections").ID("corrections").Aria("labelledby", "corrections-heading").Body(
		app.Elem("h2").ID("corrections-heading").Text("Corrections"),
		app.Elem("ol").Class("correction-list").Body(
			app.Range(c.Corrections).Slice(func(i int) app.UI {
				k := &c.Corrections[i]
				return app.Elem("li").Class("correction").Body(
					app.Elem("time").Class("correction-date").Attr("datetime", k.Date).Text(correctionDate(k)),
					app.P().Class("correction-text").Text(k.Text),
					correctedParts(c, k, newTab),
				)
			}),
		),
	)
}

// correctionDate is the day of a correction as readers see it:
// "December 6, 2026".
func correctionDate(k *casefile.Correction) string {
	return casefile.Date{Value: k.Date, Precision: casefile.Day}.Display()
}

// correctedParts links to the event and the glossary term a correction
// names, if any: the event in the timeline, the term in the glossary (on
// the full page, when the links leave an embed).
func correctedParts(c *casefile.Case, k *casefile.Correction, newTab bool) app.UI {
	e, t := c.Event(k.Event), c.Term(k.Term)
	if e == nil && t == nil {
		return nil
	}
	return app.P().Class("correction-about").Body(
		app.Elem("span").Class("correction-about-label").Text("Corrected:"),
		app.If(e != nil, func() app.UI {
			return linkOut(app.Elem("a").Attr("href", EventHref(c.ID, e.ID)), newTab).Text(e.Title)
		}),
		app.If(t != nil, func() app.UI {
			return linkOut(app.Elem("a").Attr("href", termHref(c.ID, t.ID, newTab)), newTab).Text(t.Term)
		}),
	)
}

// termHref links to a glossary term: on this page, or on the case's full
// page from an embed, which shows no glossary.
func termHref(caseID, termID string, fromEmbed bool) string {
	anchor := "#term-" + termID
	if fromEmbed {
		return Href(routes.CasePath(caseID)) + anchor
	}
	return anchor
}
