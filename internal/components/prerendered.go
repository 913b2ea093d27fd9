package components

import (
	"docket/internal/casefile"
	"docket/internal/timeline"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page's parts that never change after load (corrections, glossary,
// footer, the list of events but for the selection and filter it shows)
// are, in the browser, mounted from the HTML the server prerendered for
// them: one call across the wasm boundary per part instead of one per
// node, and the very DOM the reader already sees, so nothing moves. The
// server renders the real components; their HTML reaches the browser
// escaped as always (case text is never HTML).

// staticParts are the ids of the parts kept as prerendered; the quiz's
// list of questions (quiz-panel) until the quiz takes over.
var staticParts = []string{"corrections", "glossary", "case-footer", quizPanelID}

// prerenderedListID keys the prerendered list of events (.tl-list, which
// has no id) in prerendered.html.
const prerenderedListID = "#timeline > .tl-list"

// timelineID is the id of the timeline's section. Until the timeline goes
// live, a task after go-app has mounted the page (see Timeline.OnMount),
// the browser shows it as the server prerendered it, in one node: the
// page's mount, the longest task of the start, does not also build the
// timeline's controls and axis node by node.
const timelineID = "timeline"

// prerendered holds the prerendered HTML of staticParts, read from the
// page before go-app replaces its body, for the case the page carries, and
// the contents of the events its list shows, by event id: each event's
// date, title, body, image, sources, terms and questions never change
// either; only the item's own attributes do (the selection, the filter).
var prerendered struct {
	caseID string
	html   map[string]string
	events map[string][]string
}

// KeepPrerendered reads the prerendered HTML of the page's static parts and
// of its timeline, for the case with id caseID and events events (the
// timeline's list of events is read as the timeline goes live,
// keepPrerenderedList, and stays the server's HTML; see listPart).
// The browser program calls it before go-app starts; afterwards the page's
// body is go-app's own. A long case's list is go-app's from the start
// (windowed), mounted from the contents of each listed event, read now.
func KeepPrerendered(caseID string, events int) {
	doc := app.Window().Get("document")
	prerendered.caseID = caseID
	prerendered.html = map[string]string{}
	prerendered.events = map[string][]string{}
	for _, id := range staticParts {
		if el := doc.Call("getElementById", id); el.Truthy() {
			prerendered.html[id] = el.Get("outerHTML").String()
		}
	}
	if events > timeline.ListAll {
		keepEventContents()
		return
	}
	if el := doc.Call("getElementById", timelineID); el.Truthy() {
		prerendered.html[timelineID] = el.Get("outerHTML").String()
	}
}

// keepPrerenderedList reads the prerendered list of events of case c as
// its timeline goes live, from the timeline the page still shows as
// served. The list is part of the timeline's HTML that KeepPrerendered
// kept; reading it there too would copy it out of the page twice in the
// start's task.
func keepPrerenderedList(c *casefile.Case) {
	if _, kept := prerenderedPart(c, timelineID); !kept {
		return
	}
	if _, done := prerendered.html[prerenderedListID]; done {
		return
	}
	if el := app.Window().Get("document").Call("querySelector", prerenderedListID); el.Truthy() {
		prerendered.html[prerenderedListID] = el.Get("outerHTML").String()
	}
}

// keepEventContents reads the contents of the events the page lists, by
// event id: each event's date, title, body, image, sources, terms and
// questions never change; only the item's own attributes do (the
// selection, the filter).
func keepEventContents() {
	items := app.Window().Get("document").Call("querySelectorAll", "#timeline li.event")
	for i := range items.Length() {
		li := items.Index(i)
		kids := li.Get("children")
		parts := make([]string, kids.Length())
		for k := range parts {
			parts[k] = kids.Index(k).Get("outerHTML").String()
		}
		prerendered.events[li.Get("id").String()] = parts
	}
}

// eventContents is the contents of event e of case c in the list: in the
// browser, the HTML the server prerendered for it when the page listed it
// (one node per part), else render().
func eventContents(c *casefile.Case, e *casefile.Event, render func() []app.UI) []app.UI {
	if app.IsClient && prerendered.caseID == c.ID {
		if parts, ok := prerendered.events[e.ID]; ok {
			ui := make([]app.UI, len(parts))
			for k, html := range parts {
				ui[k] = app.Raw(html)
			}
			return ui
		}
	}
	return render()
}

// static is the part with the given id of case c: in the browser, the HTML
// the server prerendered for it when the page came with it, else render().
func static(c *casefile.Case, id string, render func() app.UI) app.UI {
	if html, ok := prerenderedPart(c, id); ok {
		return app.Raw(html)
	}
	return render()
}

// prerenderedPart is the HTML the server prerendered for the part with the
// given id of case c, in the browser when the page came with it.
func prerenderedPart(c *casefile.Case, id string) (string, bool) {
	if !app.IsClient || c == nil || prerendered.caseID != c.ID {
		return "", false
	}
	html, ok := prerendered.html[id]
	return html, ok
}
