package components

import (
	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// SourceList shows the sources a fact rests on, each as sourceItem cites
// it. Unknown ids are skipped; validation has already refused them.
func SourceList(c *casefile.Case, ids []string) app.UI {
	if len(ids) == 0 {
		return nil
	}
	return app.Div().Class("sources").Body(
		app.P().Class("sources-label").Text("Sources"),
		app.Elem("ul").Class("source-list").Body(
			app.Range(ids).Slice(func(i int) app.UI {
				s := c.Source(ids[i])
				if s == nil {
					return nil
				}
				return sourceItem(s)
			}),
		),
	)
}

// SourceName is how a source is named in a list: "Publisher: Title".
func SourceName(s *casefile.Source) string {
	if s.Publisher == "" {
		return s.Title
	}
	return s.Publisher + ": " + s.Title
}

// TermList shows glossary terms that open their definition in place: a
// native <details> disclosure, so it works by keyboard, with screen
// readers and with no script at all.
func TermList(c *casefile.Case, ids []string) app.UI {
	if len(ids) == 0 {
		return nil
	}
	return app.Div().Class("terms").Body(
		app.P().Class("terms-label").Text("Key terms"),
		app.Range(ids).Slice(func(i int) app.UI {
			term := c.Term(ids[i])
			if term == nil {
				return nil
			}
			return TermDisclosure(term)
		}),
	)
}

// TermDisclosure is one glossary term that opens its definition in place.
func TermDisclosure(term *casefile.Term) app.UI {
	return app.Elem("details").Class("term").Body(
		app.Elem("summary").Text(term.Term),
		app.P().Class("term-definition").Text(term.Definition),
	)
}

// EventHref is the deep link to an event on its case's full page (page:
// "/" for the default case, /cases/{id}/ for the others, see
// routes.PagePath): it opens the page with that event selected, with or
// without script.
func EventHref(page, eventID string) string {
	return Href(page + "?event=" + eventID + "#" + eventID)
}

// QuestionHref is the link to a quiz question on the case page.
func QuestionHref(questionID string) string {
	return "#q-" + questionID
}

// linkOut makes a link open in a new tab (rel=noopener) when newTab is
// set: inside an embed, a link to the full page must not take the reader
// away from the article around it.
func linkOut(a app.HTMLElem, newTab bool) app.HTMLElem {
	if !newTab {
		return a
	}
	return a.Attr("target", "_blank").Attr("rel", "noopener")
}
