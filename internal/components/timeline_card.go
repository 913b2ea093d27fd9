package components

import (
	"docket/internal/casefile"
	"docket/internal/routes"
	"docket/internal/timeline"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderCard is the selected event in full: date (as precise as known),
// category, title, body, sources, glossary terms that open in place, the
// quiz questions about it, and the other events of the same day. A swipe
// on it moves to the previous or next event.
func (t *Timeline) renderCard(m *timelineModel, v timeline.View, s *timeline.Shown, sel int) app.UI {
	card := app.Elem("article").Class("tl-card").ID("tl-card").TabIndex(-1).Aria("labelledby", "tl-card-title")
	if sel < 0 {
		return card.Body(app.P().ID("tl-card-title").Text("No events are shown: switch a category back on."))
	}
	e := &m.c.Events[sel]
	cat := m.category(sel)
	return card.
		On("touchstart", t.onSwipe, app.PassiveEvent()).
		On("touchend", t.onSwipe, app.PassiveEvent()).
		On("touchcancel", t.onSwipe, app.PassiveEvent()).
		Body(
			colorStrip(m.color(sel)),
			app.Div().Class("tl-card-meta").Body(
				app.Elem("time").Class("tl-card-date").Attr("datetime", e.Date.ISO()).Text(e.When(m.c.Timezone)),
				categoryTag(cat),
			),
			app.Div().Class("tl-card-main").Body(
				app.Elem("h3").ID("tl-card-title").Class("tl-card-title").Text(e.Title),
				app.Range(e.Body).Slice(func(i int) app.UI {
					return app.P().Class("tl-card-body").Text(e.Body[i])
				}),
				mediaView(m.c, e.Media),
				SourceList(m.c, e.Sources),
				TermList(m.c, e.Terms),
			),
			t.sameDay(m, s, sel, v.Mounted()),
			app.If(len(m.questions[sel]) > 0, func() app.UI {
				return app.Div().Class("tl-card-aside").Body(questionList(m.questions[sel]))
			}),
		)
}

// categoryTag names an event's category beside a swatch of its colour; the
// text keeps the page's colours, so it reads in light and dark mode alike.
func categoryTag(cat *casefile.Category) app.UI {
	if cat == nil {
		return nil
	}
	return app.Elem("span").Class("tl-cat").Body(
		swatch(cat.Color, "tl-swatch"),
		app.Text(cat.Label),
	)
}

// categoryName names an event's category in the list, where the dot on
// the line shows its colour.
func categoryName(cat *casefile.Category) app.UI {
	if cat == nil {
		return nil
	}
	return app.Elem("span").Class("tl-cat").Text(cat.Label)
}

// Category colours are drawn as SVG fills: the page's
// Content-Security-Policy refuses style attributes, and an SVG fill is an
// attribute that works in the prerendered page too, with no script.
const svgNS = "http://www.w3.org/2000/svg"

// swatch is a dot of a category's colour; 20-timeline.css rings it in the
// page's ink so it shows on light and dark pages alike.
func swatch(color, class string) app.UI {
	if color == "" {
		color = "currentColor"
	}
	return app.Elem("svg").XMLNS(svgNS).Class(class).
		Attr("viewBox", "0 0 16 16").Aria("hidden", ariaTrue).Attr("focusable", "false").
		Body(app.Elem("circle").XMLNS(svgNS).Attr("cx", "8").Attr("cy", "8").Attr("r", "6").Attr("fill", color))
}

// colorStrip is the band of the category's colour along the card's top.
func colorStrip(color string) app.UI {
	if color == "" {
		return nil
	}
	return app.Elem("svg").XMLNS(svgNS).Class("tl-card-strip").
		Attr("viewBox", "0 0 10 1").Attr("preserveAspectRatio", "none").Aria("hidden", ariaTrue).Attr("focusable", "false").
		Body(app.Elem("rect").XMLNS(svgNS).Attr("width", "10").Attr("height", "1").Attr("fill", color))
}

// questionList links to the quiz questions about an event.
func questionList(qs []*casefile.Question) app.UI {
	if len(qs) == 0 {
		return nil
	}
	return app.Div().Class("tl-questions").Body(
		app.P().Class("tl-questions-label").Text("Test yourself"),
		app.Elem("ul").Body(
			app.Range(qs).Slice(func(i int) app.UI {
				return app.Elem("li").Body(app.Elem("a").Attr("href", QuestionHref(qs[i].ID)).Text(qs[i].Prompt))
			}),
		),
	)
}

// sameDay offers the other events shown on the same date as event sel:
// they share one marker on the axis.
func (t *Timeline) sameDay(m *timelineModel, s *timeline.Shown, sel int, mounted bool) app.UI {
	d := m.c.Events[sel].Date
	var others []int
	for j := sel - 1; j >= 0 && m.c.Events[j].Date == d; j-- {
		if s.Has(j) {
			others = append([]int{j}, others...)
		}
	}
	for j := sel + 1; j < len(m.c.Events) && m.c.Events[j].Date == d; j++ {
		if s.Has(j) {
			others = append(others, j)
		}
	}
	if len(others) == 0 {
		return nil
	}
	return app.Div().Class("tl-same-day").Body(
		app.P().Class("tl-same-day-label").Text("Same day"),
		app.Elem("ul").Body(
			app.Range(others).Slice(func(k int) app.UI {
				j := others[k]
				return app.Elem("li").Body(
					app.Button().Type("button").Class("tl-same-day-event").
						DataSet("pos", j).
						Disabled(!mounted).
						OnClick(t.onChooseButton).
						Text(m.c.Events[j].Title),
				)
			}),
		),
	)
}

// eventList is the list of events: every one in the prerendered page and
// for short cases, a window of timeline.ListPage around the selection for
// long ones once in the browser, and in the prerendered page of one event
// (so that a static export of a long case is not every event written once
// per event). It is a component of its own so that scrolling or zooming
// the axis does not render the list again.
type eventList struct {
	app.Compo

	Model    *timelineModel
	Shown    *timeline.Shown
	Selected int  // position of the selected event, -1 for none
	From, To int  // places in Shown of the events listed (Windowed only)
	Windowed bool // a window of the list, with pager controls
	Browser  bool // drawn by the wasm: pager buttons, not links
	Owner    *Timeline
}

func (l *eventList) Render() app.UI {
	m, s := l.Model, l.Shown
	n := len(m.c.Events)
	var shown []int // positions listed; nil for every event
	var items, list app.UI
	var pager func(top bool) app.UI = func(bool) app.UI { return nil }
	if !l.Windowed {
		// Every event, the hidden ones too (hidden, so print shows them).
		items = app.Range(m.c.Events).Slice(func(i int) app.UI {
			return &listedEvent{Model: m, Pos: i, Current: i == l.Selected, Hidden: !s.Has(i)}
		})
	} else {
		from, to := l.From, l.To
		page := s.Order()[from:to]
		shown = page
		items = app.Range(page).Slice(func(k int) app.UI {
			return &listedEvent{Model: m, Pos: page[k], Current: page[k] == l.Selected}
		})
		pager = func(top bool) app.UI {
			status := "Events " + thousands(from+1) + " to " + thousands(to) + " of " + thousands(s.Len())
			earlier := l.pagerControl("earlier", "Earlier events", from > 0, max(0, from-timeline.ListPage))
			later := l.pagerControl("later", "Later events", to < s.Len(), to)
			if top {
				return app.Div().Class("tl-pager").Body(
					app.P().Class("tl-pager-status").Text(status),
					earlier,
				)
			}
			return app.Div().Class("tl-pager").Body(later)
		}
	}
	list = app.Elem("ol").Class("event-list").Aria("labelledby", "tl-list-heading").Body(items)
	if app.IsServer && n > timeline.ListAll {
		// Thousands of events: write the list's HTML directly, a fraction
		// of the time and size of go-app's indented encoding.
		list = app.Raw(eventListHTML(m, shown, l.Selected))
	}
	return app.Div().Class("tl-list").Body(
		app.Elem("h3").Class("tl-list-heading").ID("tl-list-heading").Text("Every event, in order"),
		pager(true),
		list,
		pager(false),
	)
}

// pagerControl moves the list window to the one starting at place to of
// the view: a button in the browser; in an event's prerendered page, a
// link to the page of that window's first event, which works without
// script.
func (l *eventList) pagerControl(dir, text string, enabled bool, to int) app.UI {
	if l.Browser {
		return pagerButton(dir, text, enabled, l.onPage)
	}
	if !enabled {
		return nil
	}
	c := l.Model.c
	e := &c.Events[l.Shown.Order()[to]]
	return app.Elem("a").Class("tl-page-"+dir).Attr("href", Href(routes.EventPath(c.ID, e.ID))).Text(text)
}

func pagerButton(dir, text string, enabled bool, h app.EventHandler) app.UI {
	return app.Button().Type("button").Class("tl-page-"+dir).DataSet("page", dir).
		Aria("disabled", boolAttr(!enabled)).OnClick(h).Text(text)
}

// onPage shows the previous or next page of a long list.
func (l *eventList) onPage(ctx app.Context, e app.Event) {
	if ctx.JSSrc().Call("getAttribute", "aria-disabled").String() == "true" {
		return
	}
	d := +1
	if ctx.JSSrc().Get("dataset").Get("page").String() == "earlier" {
		d = -1
	}
	t := l.Owner
	v, fx := t.view.Page(d)
	t.update(ctx, e, v, fx)
}

// listedEvent is one event of the list: date, category, title, body,
// sources, glossary terms and the quiz questions about it. Its id is the
// event's, the target of #ID links. A component of its own, so that a new
// selection renders two items again, not the list.
type listedEvent struct {
	app.Compo

	Model   *timelineModel
	Pos     int  // the event's position in the case
	Current bool // the selected event
	Hidden  bool // filtered out: hidden on screen, printed
}

func (it *listedEvent) Render() app.UI {
	return eventItem(it.Model, it.Pos, it.Current, it.Hidden)
}

func eventItem(m *timelineModel, i int, selected, hidden bool) app.UI {
	e := &m.c.Events[i]
	li := app.Elem("li").Class("event").ID(e.ID).Aria("labelledby", e.ID+"-title").TabIndex(-1)
	if selected {
		li = li.Aria("current", ariaTrue)
	}
	if hidden {
		li = li.Hidden(true)
	}
	return li.Body(eventContents(m.c, e, func() []app.UI {
		return []app.UI{
			swatch(m.color(i), "event-dot"),
			app.P().Class("event-meta").Body(
				app.Elem("time").Class("event-date").Attr("datetime", e.Date.ISO()).Text(e.When(m.c.Timezone)),
				categoryName(m.category(i)),
			),
			app.Elem("h4").ID(e.ID + "-title").Class("event-title").Text(e.Title),
			app.Range(e.Body).Slice(func(k int) app.UI {
				return app.P().Class("event-body").Text(e.Body[k])
			}),
			mediaView(m.c, e.Media),
			SourceList(m.c, e.Sources),
			TermList(m.c, e.Terms),
			questionList(m.questions[i]),
		}
	})...)
}
