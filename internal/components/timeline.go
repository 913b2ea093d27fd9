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
// Its state is a timeline.View, a plain value whose methods say what
// changes and what the page must do; the component reads the page into
// those methods and applies what they return. The state is unexported and
// derived from the URL, since go-app resets exported fields when the parent
// renders again.
type Timeline struct {
	app.Compo

	Case *casefile.Case

	model         *timelineModel // of Case, built in OnInit and OnUpdate
	view          timeline.View  // selection, filter, zoom, scroll, gestures
	styled        timeline.Drawn // the axis window whose styles the page has applied
	pendingRender bool           // afterRender is scheduled
	listMarked    listMarks      // the selection and filter shown on the prerendered list (see markList)
}

// Axis geometry, in px; 20-timeline.css draws with the same numbers.
const (
	axisPadding = 40 // before the first day and after the last
	axisLanes   = 3  // rows of labels above the markers
)

// OnInit reads the selection from the address in the browser before the
// first render, so that render equals the prerendered page.
func (t *Timeline) OnInit() {
	t.model = t.modelNow()
	t.view = timeline.NewView(t.model.eventsOf())
	if app.IsClient {
		t.view = t.view.Open(siteURL(app.Window().URL()))
	}
}

// OnUpdate starts afresh when the parent hands the component another case.
func (t *Timeline) OnUpdate(ctx app.Context) {
	if t.model == nil || t.model.c == t.Case {
		return
	}
	t.model = t.modelNow()
	t.listMarked = listMarks{} // the list shown is another, or served anew
	v, fx := t.view.Switch(t.model.eventsOf(), siteURL(ctx.Page().URL()))
	t.update(ctx, app.Event{}, v, fx)
}

// OnNav selects the event the address names: on the server before the page
// is prerendered (?event=ID), and in the browser for in-page links (#ID).
func (t *Timeline) OnNav(ctx app.Context) {
	v, fx := t.view.Navigate(siteURL(ctx.Page().URL()))
	t.update(ctx, app.Event{}, v, fx)
}

// OnMount draws the axis into the space the page reserved for it and
// makes the controls live, in a task after the page's mount (see
// slices.go), and marks the page ready. The list of events stays as the
// server prerendered it (see listPart).
func (t *Timeline) OnMount(ctx app.Context) {
	later(ctx, func(ctx app.Context) {
		keepPrerenderedList(t.Case)
		v, fx := t.view.Mount(axisWidth(), ctx.Page().URL())
		t.update(ctx, app.Event{}, v, fx)
		ctx.Defer(func(app.Context) { markReady() })
	})
}

// OnResize fits the axis to its new width.
func (t *Timeline) OnResize(ctx app.Context) {
	v, fx := t.view.Resize(axisWidth())
	t.update(ctx, app.Event{}, v, fx)
}

// update keeps the view a change returned and performs its effects: e (of
// an event handler; the zero Event for the others) loses its default
// action when the timeline handled it, the address follows the
// selection, and what must wait for the new page waits for it.
func (t *Timeline) update(ctx app.Context, e app.Event, v timeline.View, fx timeline.Effects) {
	t.view = v
	if fx.Handled && e.Value != nil {
		e.PreventDefault()
	}
	if fx.Address {
		t.replaceURL(ctx)
	}
	if fx.Render {
		t.afterRender(ctx)
	} else {
		ctx.PreventUpdate()
	}
	if f := fx.Focus; f.ID != "" {
		ctx.Defer(func(app.Context) { t.focus(f) })
	}
	if id := fx.HoldInView; id != "" {
		ctx.Defer(func(app.Context) { holdFragment(id) })
	}
	if fx.ListTop {
		ctx.Defer(func(app.Context) {
			if h := app.Window().GetElementByID("tl-list-heading"); h.Truthy() {
				h.Call("scrollIntoView", map[string]any{"block": "start"})
			}
		})
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

// modelNow is the model of the case shown; nil for none. It does not keep
// it: OnInit and OnUpdate do.
func (t *Timeline) modelNow() *timelineModel {
	if t.Case == nil {
		return nil
	}
	if t.model != nil && t.model.c == t.Case {
		return t.model
	}
	return modelOf(t.Case)
}

// eventsOf is the model's events; nil for no model.
func (m *timelineModel) eventsOf() *timeline.Events {
	if m == nil {
		return nil
	}
	return m.events
}

// siteURL is SiteURL(u), nil for nil.
func siteURL(u *url.URL) *url.URL {
	if u == nil {
		return nil
	}
	return SiteURL(u)
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
	id := t.view.SelectedID()
	u := ctx.Page().URL()
	location := u.RequestURI() + fragment(u)
	q := u.Query()
	if p, ok := routes.OnEvent(SiteURL(u).Path, id); ok {
		u.Path = Href(p)
		q.Del("event")
	} else {
		q.Set("event", id)
	}
	u.RawQuery = q.Encode()
	if _, ok := t.view.Events().Index(u.Fragment); ok {
		u.Fragment = ""
	}
	// The history's own call, with the address as the page has it: go-app's
	// ReplaceURL reads the location twice more and rewrites og:url, which
	// no crawler reads from a running page (a step's answer is the cost).
	if next := u.RequestURI() + fragment(u); next != location {
		app.Window().Get("history").Call("replaceState", nil, "", next)
	}
}

// fragment is u's fragment with its #, or "".
func fragment(u *url.URL) string {
	if u.Fragment == "" {
		return ""
	}
	return "#" + u.EscapedFragment()
}

// Render draws the view. It changes nothing: every change happens in a
// method of timeline.View, called by a handler.
func (t *Timeline) Render() app.UI {
	m := t.modelNow()
	if m == nil {
		return app.Elem("section").Class("timeline").ID(timelineID)
	}
	v := t.view
	if v.Events() != m.events {
		// Not yet initialised for this case: as it will be.
		v = timeline.NewView(m.events)
	}
	if !v.Mounted() {
		if html, ok := prerenderedPart(m.c, timelineID); ok {
			return app.Raw(html) // until it goes live (see timelineID)
		}
	}
	s := v.Shown()
	sel := v.Selected()
	class := "timeline"
	if len(m.c.Eras) > 0 {
		class += " has-eras" // a taller axis, from the first paint
	}
	if v.Mounted() {
		class += " is-live"
	}
	live := ""
	if e := m.event(v.Announced()); e != nil {
		live = e.When(m.c.Timezone) + ": " + e.Title
	}
	from, to, windowed := v.ListWindow(app.IsClient)
	return app.Elem("section").Class(class).ID(timelineID).Aria("labelledby", "timeline-heading").
		OnKeyDown(t.onKeyDown).
		Body(
			app.Elem("h2").ID("timeline-heading").Text("What happened"),
			app.P().Class("tl-span").Text(m.span),
			eraList(m.c),
			t.renderToolbar(m, v),
			app.Div().Class("tl-stage").Body(
				t.renderAxis(m, v),
				t.renderNav(m, v, s, sel),
				t.renderCard(m, v, s, sel),
			),
			app.P().Class("tl-live", "visually-hidden").Aria("live", "polite").Aria("atomic", ariaTrue).Text(live),
			app.P().Class("tl-hint", "visually-hidden").ID("tl-hint").Text("Left and right arrow keys move between events, Home and End go to the first and last, plus and minus zoom the time axis."),
			t.listPart(v, func() app.UI {
				return &eventList{Model: m, Shown: s, Selected: sel, From: from, To: to, Windowed: windowed, Browser: app.IsClient, Owner: t}
			}),
		)
}

// listPart is the list of events: in the browser, the whole list as the
// server prerendered it, in one node that go-app never builds or diffs,
// on which markList shows the selection and the filter; go-app's
// eventList for a case the page did not come with, and for a windowed
// list (a long case: the server lists every event, the browser a page of
// them).
func (t *Timeline) listPart(v timeline.View, live func() app.UI) app.UI {
	if html, ok := t.keptList(v); ok {
		return app.Raw(html)
	}
	return live()
}

// keptList is the prerendered list of events when view v shows it (see
// listPart).
func (t *Timeline) keptList(v timeline.View) (string, bool) {
	if _, _, windowed := v.ListWindow(app.IsClient); windowed {
		return "", false
	}
	return prerenderedPart(t.Case, prerenderedListID)
}

// listKept reports whether the list the timeline shows is the prerendered
// one.
func (t *Timeline) listKept() bool {
	_, ok := t.keptList(t.view)
	return ok
}

// listMarks are the selection and the filter as the list shows them.
type listMarks struct {
	set      bool // marked once: the prerendered list's are the server's
	selected string
	hidden   timeline.Filter
}

// markList shows the view's selection and filter on the prerendered list
// of events, as go-app's eventList would render them: the selected item is
// aria-current, the items of the categories switched off are hidden.
// Only what changed is touched.
func (t *Timeline) markList() {
	want := listMarks{set: true, selected: t.view.SelectedID(), hidden: t.view.Hidden()}
	had := t.listMarked
	if want == had {
		return
	}
	t.listMarked = want
	list := app.Window().Get("document").Call("querySelector", prerenderedListID)
	if !list.Truthy() {
		return
	}
	if !had.set || had.selected != want.selected {
		current := list.Call("querySelectorAll", "li.event[aria-current]")
		for i := range current.Length() {
			current.Index(i).Call("removeAttribute", "aria-current")
		}
		if want.selected != "" {
			// The item's id is the event's (the target of #ID links).
			if li := app.Window().GetElementByID(want.selected); li.Truthy() && list.Call("contains", li).Bool() {
				li.Call("setAttribute", "aria-current", "true")
			}
		}
	}
	if !had.set || had.hidden != want.hidden {
		shown := t.view.Shown()
		items := list.Call("querySelectorAll", "li.event")
		for i := range items.Length() {
			li := items.Index(i)
			pos, ok := t.view.Events().Index(li.Get("id").String())
			li.Set("hidden", ok && !shown.Has(pos))
		}
	}
}

// renderToolbar is the category legend, which also filters, and the zoom
// buttons.
func (t *Timeline) renderToolbar(m *timelineModel, v timeline.View) app.UI {
	cats := m.c.Categories
	hidden := v.Hidden()
	mounted := v.Mounted()
	canOut := v.CanZoomOut()
	return app.Div().Class("tl-toolbar").Body(
		app.Div().Class("tl-legend").Role("group").Aria("label", "Show events by category").Body(
			app.Range(cats).Slice(func(k int) app.UI {
				cat := &cats[k]
				return app.Button().Type("button").Class("tl-chip").
					Aria("pressed", boolAttr(!hidden.Hides(k))).
					// The last category shown cannot be switched off.
					Aria("disabled", boolAttr(v.OnlyShown(k))).
					Disabled(!mounted).
					DataSet("cat", k).
					OnClick(t.onToggleCategory).
					Body(
						swatch(cat.Color, "tl-swatch"),
						app.Elem("span").Class("tl-chip-label").Text(cat.Label),
						app.Elem("span").Class("tl-chip-count").Text(thousands(m.catCount[k])),
					)
			}),
		),
		app.Div().Class("tl-zoom").Role("group").Aria("label", "Zoom the time axis").Body(
			zoomButton("Zoom out", "−", "out", mounted, canOut, t.onZoom),
			zoomButton("Show the whole case", "Whole case", "fit", mounted, canOut, t.onZoom),
			zoomButton("Zoom in", "+", "in", mounted, v.CanZoomIn(), t.onZoom),
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
func (t *Timeline) renderNav(m *timelineModel, v timeline.View, s *timeline.Shown, sel int) app.UI {
	if sel < 0 {
		return app.Div().Class("tl-nav")
	}
	r := s.Rank(sel)
	order := s.Order()
	prev, next := -1, -1
	if r > 0 {
		prev = order[r-1]
	}
	if r+1 < len(order) {
		next = order[r+1]
	}
	count := "Event " + thousands(r+1) + " of " + thousands(len(order))
	if len(order) != len(m.c.Events) {
		count += " shown"
	}
	mounted := v.Mounted()
	return app.Div().Class("tl-nav").Body(
		navButton(m, "prev", "Previous", prev, mounted, t.onStep),
		app.P().Class("tl-count").Text(count),
		navButton(m, "next", "Next", next, mounted, t.onStep),
	)
}

func navButton(m *timelineModel, dir, word string, to int, mounted bool, h app.EventHandler) app.UI {
	arrow := app.Elem("span").Class("tl-arrow").Aria("hidden", ariaTrue).Text(map[string]string{"prev": "←", "next": "→"}[dir])
	var title app.UI
	if to >= 0 {
		title = app.Elem("span").Class("tl-nav-title").Body(
			app.Elem("span").Class("tl-nav-sep").Text(": "),
			app.Text(m.c.Events[to].Title),
		)
	}
	word1 := app.Elem("span").Class("tl-nav-word").Text(word)
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
