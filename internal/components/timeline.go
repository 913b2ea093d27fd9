package components

import (
	"net/url"

	"docket/internal/casefile"
	"docket/internal/routes"
	"docket/internal/timeline"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Timeline shows what happened in a case. Its base, prerendered and kept
// by the browser, is the list of every event in order with its date, body
// and sources: the whole story with or without script. Once the wasm has
// mounted, it adds a time axis (markers placed by date, zoomable), a
// category filter, previous/next controls and a card for the selected event.
// The selection lives in the URL (?event=ID, or #ID) so every event has a
// deep link, also inside an iframe.
//
// Its state is unexported and derived from the URL, since go-app resets
// exported fields when the parent renders again.
type Timeline struct {
	app.Compo

	Case *casefile.Case

	model    *timelineModel
	hidden   categoryMask // categories the reader has switched off
	selected string       // the selected event's id; "" for the first shown
	mounted  bool         // the wasm has mounted the component: draw the axis
	navs     int          // OnNav calls so far: the first one is the page load
	announce string       // what the live region says: the last selection

	width         float64       // px width of the axis viewport; 0 when not drawn
	zoom          timeline.Zoom // 0 fits the whole case in the viewport
	scroll        float64       // axis scroll offset, content px
	drawn         float64       // the scroll at which the axis window was drawn
	setLeft       bool          // the axis element's scrollLeft must be set to scroll
	pendingRender bool          // afterRender is scheduled
	drawnKey      windowKey     // the axis window last rendered
	styled        windowKey     // the axis window whose styles are applied
	measure       func(string) float64

	listFrom  int  // first event (place in the view) of the list window; -1 follows the selection
	eventPage bool // the page is one event's (/cases/x/events/y): a long case lists a window around it

	wheel float64 // ctrl+wheel delta not yet turned into a zoom step
	pinch float64 // distance between two fingers on the axis at the last zoom step
	swipe swipeStart
}

// windowKey names an axis window: the same key, the same elements with
// the same styles.
type windowKey struct {
	layout *timeline.Layout
	left   float64
	hidden categoryMask
}

// swipeStart is where and when a touch began on the card.
type swipeStart struct {
	x, y, time float64
	active     bool
}

// Axis geometry, in px; 20-timeline.css draws with the same numbers.
const (
	axisPadding = 40 // before the first day and after the last
	axisLanes   = 3  // rows of labels above the markers
)

// listAll is the most events whose list the browser renders whole; a longer
// case shows listPage events at a time around the selection, from the
// first render on, so the DOM and each keystroke stay small with 10,000
// events. The prerendered page always lists every event.
const (
	listAll  = 100
	listPage = 50
)

// OnInit reads the selection from the address in the browser before the
// first render, so that render equals the prerendered page.
func (t *Timeline) OnInit() {
	t.listFrom = -1
	if app.IsClient {
		t.selectFromURL(app.Window().URL())
	}
}

// OnUpdate starts afresh when the parent hands the component another case.
func (t *Timeline) OnUpdate(ctx app.Context) {
	if t.model == nil || t.model.c == t.Case {
		return
	}
	t.model = nil
	t.hidden, t.selected, t.announce = 0, "", ""
	t.zoom, t.scroll, t.listFrom = 0, 0, -1
	t.selectFromURL(ctx.Page().URL())
	t.afterRender(ctx)
}

// OnNav selects the event the address names: on the server before the page
// is prerendered (?event=ID), and in the browser for in-page links (#ID).
func (t *Timeline) OnNav(ctx app.Context) {
	t.navs++
	before := t.selected
	if !t.selectFromURL(ctx.Page().URL()) || t.selected == before {
		return
	}
	t.listFrom = -1
	if t.navs > 1 {
		t.announceSelected()
	}
	t.revealOnAxis()
	t.afterRender(ctx)
}

// OnMount draws the axis into the space the page reserved for it.
func (t *Timeline) OnMount(ctx app.Context) {
	t.mounted = true
	t.measureWidth()
	t.revealOnAxis()
	t.afterRender(ctx)
	u := ctx.Page().URL()
	if m := t.modelNow(); m.event(u.Fragment) != nil {
		id := u.Fragment
		ctx.Defer(func(app.Context) { holdFragment(id) })
	}
}

// holdFragment keeps the list item of event id at the top of the window
// for a moment after the wasm has drawn the page again. The browser
// scrolled the prerendered page to #id; the new page above the item may be
// shorter (the card shows that event now), and Chromium sometimes restores
// the old scroll offset after the swap. Any scroll by the reader ends the
// hold at once.
func holdFragment(id string) {
	w := app.Window()
	scrollToEvent(id, "start", false)
	var onScroll, onInput, stop app.Func
	done := false
	release := func() {
		if done {
			return
		}
		done = true
		for _, ev := range []string{"wheel", "touchstart", "keydown", "pointerdown"} {
			w.Call("removeEventListener", ev, onInput, true)
		}
		w.Call("removeEventListener", "scroll", onScroll)
		onScroll.Release()
		onInput.Release()
		stop.Release()
	}
	onScroll = app.FuncOf(func(app.Value, []app.Value) any {
		if el := w.GetElementByID(id); el.Truthy() {
			if top := el.Call("getBoundingClientRect").Get("top").Float(); top < -2 || top > 48 {
				scrollToEvent(id, "start", false)
			}
		}
		return nil
	})
	onInput = app.FuncOf(func(app.Value, []app.Value) any { release(); return nil })
	stop = app.FuncOf(func(app.Value, []app.Value) any { release(); return nil })
	w.Call("addEventListener", "scroll", onScroll, map[string]any{"passive": true})
	for _, ev := range []string{"wheel", "touchstart", "keydown", "pointerdown"} {
		w.Call("addEventListener", ev, onInput, map[string]any{"capture": true, "passive": true})
	}
	w.Call("setTimeout", stop, 3000)
}

// OnResize fits the axis to its new width.
func (t *Timeline) OnResize(ctx app.Context) {
	t.measureWidth()
	t.revealOnAxis()
	t.afterRender(ctx)
}

// modelNow is the model of the case shown, built on first use.
func (t *Timeline) modelNow() *timelineModel {
	if t.model == nil || t.model.c != t.Case {
		t.model = modelOf(t.Case)
	}
	return t.model
}

// selectFromURL selects the event that u names, by fragment (#ID), by
// query (?event=ID) or by an event page's path (/cases/x/events/ID, which
// static hosts serve), and reports whether it named one.
func (t *Timeline) selectFromURL(u *url.URL) bool {
	if u == nil || t.Case == nil {
		return false
	}
	m := t.modelNow()
	t.eventPage = routes.IsEventPage(SiteURL(u).Path)
	for _, id := range []string{u.Fragment, routes.EventID(SiteURL(u))} {
		if m.event(id) != nil {
			t.selected = id
			return true
		}
	}
	return false
}

// selectedPos is the position in the case of the selected event, or of the
// nearest event shown when it is filtered out; -1 when none is shown.
func (t *Timeline) selectedPos(v *timelineView) int {
	i, ok := t.model.index[t.selected]
	if !ok {
		if len(v.order) == 0 {
			return -1
		}
		return v.order[0]
	}
	return v.nearest(i)
}

// choose selects the event at position i: it announces it, brings it into
// view on the axis and puts it in the address.
func (t *Timeline) choose(ctx app.Context, i int) {
	m := t.modelNow()
	if i < 0 || i >= len(m.c.Events) {
		return
	}
	id := m.c.Events[i].ID
	if id == t.selected {
		return
	}
	t.selected = id
	t.listFrom = -1
	t.announceSelected()
	t.revealOnAxis()
	t.replaceURL(ctx)
}

// announceSelected sets the live region to the selected event's date and
// title, and nothing else.
func (t *Timeline) announceSelected() {
	if e := t.modelNow().event(t.selected); e != nil {
		t.announce = e.Date.Display() + ": " + e.Title
	}
}

// replaceURL puts the selection in the address without adding a history
// entry (inside an iframe, pushState would add one to the host page's
// history), keeping every other parameter (pym.js passes its own). On an
// event page it moves to the new event's page, which static hosts serve
// prerendered; elsewhere it sets ?event=ID.
func (t *Timeline) replaceURL(ctx app.Context) {
	if !app.IsClient {
		return
	}
	u := ctx.Page().URL()
	q := u.Query()
	if p, ok := routes.OnEvent(SiteURL(u).Path, t.selected); ok {
		u.Path = Href(p)
		q.Del("event")
	} else {
		q.Set("event", t.selected)
	}
	u.RawQuery = q.Encode()
	if t.modelNow().event(u.Fragment) != nil {
		u.Fragment = ""
	}
	ctx.Page().ReplaceURL(u)
}

func (t *Timeline) Render() app.UI {
	if t.Case == nil {
		return app.Section().Class("timeline").ID("timeline")
	}
	m := t.modelNow()
	v := m.view(t.hidden)
	sel := t.selectedPos(v)
	class := "timeline"
	if t.mounted {
		class += " is-live"
	}
	return app.Section().Class(class).ID("timeline").Aria("labelledby", "timeline-heading").
		OnKeyDown(t.onKeyDown).
		Body(
			app.H2().ID("timeline-heading").Text("What happened"),
			app.P().Class("tl-span").Text(m.span),
			t.renderToolbar(m, v),
			app.Div().Class("tl-stage").Body(
				t.renderAxis(m, v),
				t.renderNav(m, v, sel),
				t.renderCard(m, v, sel),
			),
			app.P().Class("tl-live", "visually-hidden").Aria("live", "polite").Aria("atomic", ariaTrue).Text(t.announce),
			app.P().Class("tl-hint", "visually-hidden").ID("tl-hint").Text("Left and right arrow keys move between events, Home and End go to the first and last, plus and minus zoom the time axis."),
			&eventList{Model: m, View: v, Selected: sel, From: t.listStart(v, sel), Browser: app.IsClient, EventPage: t.eventPage, Owner: t},
		)
}

// listStart is the place in the view of the first event the list window
// shows: 0 for a case short enough to list whole, and for the prerendered
// page of a long case, which lists every event (an event's page excepted).
func (t *Timeline) listStart(v *timelineView, sel int) int {
	if (!app.IsClient && !t.eventPage) || len(t.model.c.Events) <= listAll {
		return 0
	}
	from := t.listFrom
	if from < 0 && sel >= 0 {
		from = int(v.rank[sel]) / listPage * listPage
	}
	return max(0, min(from, len(v.order)-1))
}

// renderToolbar is the category legend, which also filters, and the zoom
// buttons.
func (t *Timeline) renderToolbar(m *timelineModel, v *timelineView) app.UI {
	cats := m.c.Categories
	tl, l := t.axisLayout()
	canIn, canOut := false, false
	if l != nil {
		canIn = tl.ZoomIn(l.Zoom()) != l.Zoom()
		canOut = l.Zoom() > tl.FitZoom(t.width)
	}
	return app.Div().Class("tl-toolbar").Body(
		app.Div().Class("tl-legend").Role("group").Aria("label", "Show events by category").Body(
			app.Range(cats).Slice(func(k int) app.UI {
				cat := &cats[k]
				// The last category shown cannot be switched off.
				last := v.hidden|1<<k == m.fullMask() && !v.hidden.has(k)
				return app.Button().Type("button").Class("tl-chip").
					Aria("pressed", boolAttr(!v.hidden.has(k))).
					Aria("disabled", boolAttr(last)).
					Disabled(!t.mounted).
					DataSet("cat", k).
					OnClick(t.onToggleCategory).
					Body(
						swatch(cat.Color, "tl-swatch"),
						app.Span().Class("tl-chip-label").Text(cat.Label),
						app.Span().Class("tl-chip-count").Text(thousands(m.catCount[k])),
					)
			}),
		),
		app.Div().Class("tl-zoom").Role("group").Aria("label", "Zoom the time axis").Body(
			zoomButton("Zoom out", "−", "out", t.mounted, canOut, t.onZoom),
			zoomButton("Show the whole case", "Whole case", "fit", t.mounted, canOut, t.onZoom),
			zoomButton("Zoom in", "+", "in", t.mounted, canIn, t.onZoom),
		),
	)
}

// zoomButton is a zoom button: disabled until the wasm has mounted, and
// aria-disabled (so it keeps focus) while there is no further to zoom.
func zoomButton(name, text, action string, mounted, can bool, h app.EventHandler) app.UI {
	b := app.Button().Type("button").Class("tl-zoom-"+action).DataSet("zoom", action).
		Disabled(!mounted).Aria("disabled", boolAttr(mounted && !can)).OnClick(h)
	if name != text {
		b = b.Aria("label", name).Title(name)
	}
	return b.Text(text)
}

// renderNav is the previous and next buttons around "Event 3 of 16".
func (t *Timeline) renderNav(m *timelineModel, v *timelineView, sel int) app.UI {
	if sel < 0 {
		return app.Div().Class("tl-nav")
	}
	r := int(v.rank[sel])
	prev, next := -1, -1
	if r > 0 {
		prev = v.order[r-1]
	}
	if r+1 < len(v.order) {
		next = v.order[r+1]
	}
	count := "Event " + thousands(r+1) + " of " + thousands(len(v.order))
	if len(v.order) != len(m.c.Events) {
		count += " shown"
	}
	return app.Div().Class("tl-nav").Body(
		navButton(m, "prev", "Previous", prev, t.mounted, t.onStep),
		app.P().Class("tl-count").Text(count),
		navButton(m, "next", "Next", next, t.mounted, t.onStep),
	)
}

func navButton(m *timelineModel, dir, word string, to int, mounted bool, h app.EventHandler) app.UI {
	arrow := app.Span().Class("tl-arrow").Aria("hidden", ariaTrue).Text(map[string]string{"prev": "←", "next": "→"}[dir])
	var title app.UI
	if to >= 0 {
		title = app.Span().Class("tl-nav-title").Body(
			app.Span().Class("tl-nav-sep").Text(": "),
			app.Text(m.c.Events[to].Title),
		)
	}
	word1 := app.Span().Class("tl-nav-word").Text(word)
	b := app.Button().Type("button").Class("tl-"+dir).DataSet("step", dir).
		Disabled(!mounted).Aria("disabled", boolAttr(to < 0)).OnClick(h)
	if dir == "prev" {
		return b.Body(arrow, word1, title)
	}
	return b.Body(word1, title, arrow)
}

// boolAttr is the value of a true or false ARIA state.
func boolAttr(b bool) string {
	if b {
		return ariaTrue
	}
	return "false"
}

// ariaTrue is the value of a true ARIA state or property. go-app's
// prerender writes an attribute whose value is exactly "true" as a bare
// attribute (aria-current=""), which ARIA reads as false or undefined.
// ARIA compares token values without regard to case, so the server writes
// "TRUE"; the browser, which sets attributes through the DOM, writes "true".
var ariaTrue = func() string {
	if app.IsServer {
		return "TRUE"
	}
	return "true"
}()

// axisLayout is the axis at the current zoom, or nil when none is drawn.
func (t *Timeline) axisLayout() (*timeline.Timeline, *timeline.Layout) {
	if !t.mounted || t.width <= 0 || t.measure == nil {
		return nil, nil
	}
	m := t.modelNow()
	v := m.view(t.hidden)
	if len(v.order) == 0 {
		return nil, nil
	}
	tl := m.axisOf(v, t.measure)
	return tl, tl.Layout(max(t.zoom, tl.FitZoom(t.width)))
}

// revealOnAxis scrolls the axis, if needed, so the selected event's marker
// is in view.
func (t *Timeline) revealOnAxis() { t.reveal(t.selectedID()) }

// reveal scrolls the axis, if needed, so the marker of event id is in view.
func (t *Timeline) reveal(id string) {
	_, l := t.axisLayout()
	if l == nil {
		return
	}
	const margin = 48
	mk, ok := l.MarkerOf(id)
	if !ok {
		return
	}
	old := t.scroll
	if mk.X < t.scroll+margin || mk.X > t.scroll+t.width-margin {
		t.scroll, _ = l.CenterOn(id, t.width)
	}
	t.scroll = l.ClampScroll(t.scroll, t.width)
	if t.scroll != old {
		t.setLeft = true
	}
}

// selectedID is the id of the event the card shows.
func (t *Timeline) selectedID() string {
	m := t.modelNow()
	if i := t.selectedPos(m.view(t.hidden)); i >= 0 {
		return m.c.Events[i].ID
	}
	return ""
}
