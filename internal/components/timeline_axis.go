package components

import (
	"math"
	"strconv"

	"docket/internal/timeline"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The axis is drawn only in the browser, into a box of fixed height that
// the prerendered page already holds (20-timeline.css), so its appearance
// moves nothing. Only the markers, labels and ticks within the viewport
// (plus a margin) are in the DOM: timeline.Layout.Window picks them.
//
// The axis is a component of its own that renders again only when its
// window changes (scroll, zoom, filter, size). Which marker is selected
// (aria-current, the roving tabindex) is set on the drawn buttons after
// each render by markSelection, so a keyboard step does not draw the axis
// again.

// renderAxis is the box of the axis and, once the wasm has measured it,
// the axis itself.
func (t *Timeline) renderAxis(m *timelineModel, v *timelineView) app.UI {
	box := app.Div().Class("tl-axis")
	tl, l := t.axisLayout()
	if l == nil {
		t.drawnKey, t.styled = windowKey{}, windowKey{}
		return box
	}
	t.scroll = l.ClampScroll(t.scroll, t.width)
	// Keep the window while the scroll stays within half its margin.
	if key := (windowKey{l, t.drawn, v.hidden}); key != t.drawnKey || math.Abs(t.scroll-t.drawn) >= 100 {
		t.drawn = t.scroll
	}
	t.drawnKey = windowKey{l, t.drawn, v.hidden}
	zoomName := "whole case"
	if l.Zoom() > tl.FitZoom(t.width) {
		zoomName = "ticks every " + l.TickUnit().String()
	}
	return box.Body(&timelineAxis{
		Owner: t, Model: m, Layout: l, Scroll: t.drawn, Width: t.width, Name: "Time axis, " + zoomName,
	})
}

// timelineAxis draws the window of the axis at scroll Scroll: ticks, the
// spans of events known only to the month or year, labels in lanes and one
// button per marker.
type timelineAxis struct {
	app.Compo

	Owner  *Timeline
	Model  *timelineModel
	Layout *timeline.Layout
	Scroll float64 // content px at the viewport's left edge
	Width  float64 // of the viewport, px
	Name   string  // the accessible name of the axis
}

func (a *timelineAxis) Render() app.UI {
	t, m, l := a.Owner, a.Model, a.Layout
	w := l.Window(a.Scroll, a.Width)
	return app.Div().Class("tl-viewport").ID("tl-viewport").
		Role("group").Aria("label", a.Name).Aria("describedby", "tl-hint").
		OnScroll(t.onAxisScroll).
		OnWheel(t.onWheel).
		On("touchstart", t.onAxisTouch, app.PassiveEvent()).
		On("touchmove", t.onAxisTouch, app.PassiveEvent()).
		On("touchend", t.onAxisTouch, app.PassiveEvent()).
		On("touchcancel", t.onAxisTouch, app.PassiveEvent()).
		Body(
			app.Div().Class("tl-content").DataSet("css", "width:"+px(l.Width())).Body(
				app.Div().Class("tl-ticks").Aria("hidden", ariaTrue).Body(
					app.Range(w.Ticks).Slice(func(i int) app.UI {
						tk := w.Ticks[i]
						c := "tl-tick"
						if tk.Major {
							c += " is-major"
						}
						return app.Div().Class(c).DataSet("css", "left:"+px(tk.X)).Body(
							app.Span().Text(tk.Label),
						)
					}),
				),
				app.Div().Class("tl-spans").Aria("hidden", ariaTrue).Body(
					app.Range(w.Markers).Slice(func(i int) app.UI {
						mk := w.Markers[i]
						// A band shows how long one group's date is: a month,
						// a year. A cluster's span says nothing useful.
						if mk.Groups > 1 || mk.Precision == timeline.Day || mk.X1-mk.X0 < 6 {
							return nil
						}
						return app.Div().Class("tl-span-band").
							DataSet("css", "left:"+px(mk.X0)+";width:"+px(mk.X1-mk.X0)+";--fill:"+m.markerFill(mk.IDs))
					}),
				),
				app.Div().Class("tl-labels").Aria("hidden", ariaTrue).Body(
					app.Range(w.Markers).Slice(func(i int) app.UI {
						mk := w.Markers[i]
						if mk.Lane < 0 {
							return nil
						}
						return app.Div().Class("tl-label lane-"+strconv.Itoa(mk.Lane)).
							DataSet("css", "left:"+px(mk.LabelX)+";width:"+px(mk.LabelWidth)+";--stem:"+px(mk.X-mk.LabelX)).
							DataSet("id", mk.IDs[0]).
							OnClick(t.onMarkerClick).
							Body(app.Span().Text(mk.Label))
					}),
				),
				app.Ul().Class("tl-markers").Body(
					app.Range(w.Markers).Slice(func(i int) app.UI {
						mk := w.Markers[i]
						c := "tl-marker"
						if len(mk.IDs) > 1 {
							c += " is-group"
						}
						return app.Li().DataSet("css", "left:"+px(mk.X)).Body(
							app.Button().Type("button").Class(c).
								DataSet("id", mk.IDs[0]).
								DataSet("css", "--fill:"+m.markerFill(mk.IDs)).
								Aria("label", m.markerName(mk)).
								TabIndex(-1).
								OnClick(t.onMarkerClick),
						)
					}),
				),
			),
		)
}

// markSelection marks the selected event's marker and label on the drawn
// axis (aria-current, and the one tab stop of the roving tabindex: the
// selected marker, or the first drawn when it is not).
func (t *Timeline) markSelection() {
	vp := app.Window().GetElementByID("tl-viewport")
	if !vp.Truthy() {
		return
	}
	marked := vp.Call("querySelectorAll", `[aria-current], .tl-marker[tabindex="0"], .tl-label.is-selected`)
	for i := range marked.Length() {
		el := marked.Index(i)
		el.Call("removeAttribute", "aria-current")
		el.Get("classList").Call("remove", "is-selected")
		if el.Get("tagName").String() == "BUTTON" {
			el.Set("tabIndex", -1)
		}
	}
	var first string
	if _, l := t.axisLayout(); l != nil {
		if mk, ok := l.MarkerOf(t.selectedID()); ok {
			first = mk.IDs[0]
		}
	}
	b := app.Value(nil)
	if first != "" {
		b = vp.Call("querySelector", `.tl-marker[data-id="`+first+`"]`)
	}
	if b != nil && b.Truthy() {
		b.Call("setAttribute", "aria-current", "true")
		if lb := vp.Call("querySelector", `.tl-label[data-id="`+first+`"]`); lb.Truthy() {
			lb.Get("classList").Call("add", "is-selected")
		}
	} else {
		b = vp.Call("querySelector", `.tl-marker`)
	}
	if b != nil && b.Truthy() {
		b.Set("tabIndex", 0)
	}
}

func px(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) + "px"
}

// measureWidth reads the width of the axis box, 0 when it is not shown (a
// narrow screen shows the list alone), and sets up the label measure.
func (t *Timeline) measureWidth() {
	if !app.IsClient {
		return
	}
	el := app.Window().GetElementByID("timeline")
	if !el.Truthy() {
		return
	}
	box := el.Call("querySelector", ".tl-axis")
	if !box.Truthy() {
		return
	}
	old := t.width
	t.width = box.Get("clientWidth").Float()
	if t.measure == nil && t.width > 0 {
		t.measure = canvasMeasure()
	}
	if old > 0 && t.width > 0 && old != t.width && t.zoom == 0 {
		t.scroll = 0
	}
	t.setLeft = true
}

// canvasMeasure measures labels in the font 20-timeline.css gives them,
// plus their padding, so that a label's box fits its text.
func canvasMeasure() func(string) float64 {
	doc := app.Window().Get("document")
	canvas := doc.Call("createElement", "canvas")
	c2d := canvas.Call("getContext", "2d")
	if !c2d.Truthy() {
		return func(s string) float64 { return float64(len([]rune(s)))*7.5 + labelPadding }
	}
	c2d.Set("font", `600 13px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`)
	cache := map[string]float64{}
	return func(s string) float64 {
		if w, ok := cache[s]; ok {
			return w
		}
		w := math.Ceil(c2d.Call("measureText", s).Get("width").Float()) + labelPadding
		if len(cache) < 4096 {
			cache[s] = w
		}
		return w
	}
}

// labelPadding is a label's horizontal padding plus a pixel of slack.
const labelPadding = 2*4 + 2

// afterRender schedules, once per frame, what follows a render of the
// axis: each drawn element's position and colour, the axis's scroll when
// the state moved it (zoom, selection, resize), and focus on the marker
// that had it: go-app reuses buttons by position, so after the window moves
// the focused button may stand for another marker.
func (t *Timeline) afterRender(ctx app.Context) {
	if t.pendingRender || !app.IsClient {
		return
	}
	t.pendingRender = true
	keep := focusedMarkerID(app.Window().Get("document").Get("activeElement"))
	ctx.Defer(func(app.Context) {
		t.pendingRender = false
		if t.styled != t.drawnKey {
			// Only a new window moves or recolours anything.
			t.styled = t.drawnKey
			applyStyles()
		}
		t.markSelection()
		if t.setLeft {
			t.setLeft = false
			if el := app.Window().GetElementByID("tl-viewport"); el.Truthy() {
				el.Set("scrollLeft", t.scroll)
			}
		}
		if keep != "" && focusedMarkerID(app.Window().Get("document").Get("activeElement")) != keep {
			t.focusMarkerOf(keep)
		}
	})
}

// applyStyles copies each drawn element's data-css into its style. The
// page's Content-Security-Policy refuses style attributes (style-src
// 'self'), but not styles set through the CSSOM.
func applyStyles() {
	els := app.Window().Get("document").Call("querySelectorAll", "#timeline [data-css]")
	for i := range els.Length() {
		el := els.Index(i)
		el.Get("style").Set("cssText", el.Call("getAttribute", "data-css"))
	}
}

// onAxisScroll follows the reader's scroll of the axis and draws a new
// window only when the old one's margin is nearly used up.
func (t *Timeline) onAxisScroll(ctx app.Context, e app.Event) {
	if t.setLeft {
		// The element has not yet been scrolled to the state's offset
		// (a zoom or a step is being drawn): its offset is stale.
		ctx.PreventUpdate()
		return
	}
	left := ctx.JSSrc().Get("scrollLeft").Float()
	t.scroll = left
	if math.Abs(left-t.drawn) < 100 {
		ctx.PreventUpdate()
		return
	}
	t.afterRender(ctx)
}

// onWheel zooms on Ctrl+wheel (and a trackpad pinch, which browsers send as
// one), around the pointer. A plain wheel scrolls the page as usual.
func (t *Timeline) onWheel(ctx app.Context, e app.Event) {
	if !e.Get("ctrlKey").Bool() {
		ctx.PreventUpdate()
		return
	}
	e.PreventDefault()
	dy := e.Get("deltaY").Float()
	if e.Get("deltaMode").Int() == 1 { // lines
		dy *= 16
	}
	t.wheel += dy
	const notch = 60
	anchor := e.Get("clientX").Float() - ctx.JSSrc().Call("getBoundingClientRect").Get("left").Float()
	switch {
	case t.wheel <= -notch:
		t.wheel = 0
		t.zoomStep(ctx, +1, anchor)
	case t.wheel >= notch:
		t.wheel = 0
		t.zoomStep(ctx, -1, anchor)
	default:
		ctx.PreventUpdate()
	}
}

// onAxisTouch turns two fingers moving apart or together on the axis into
// zoom steps around their middle. (Touch events rather than pointer
// events: the browser cancels the pointers of a touch as soon as it pans
// the axis, and touch-action keeps it from zooming the page instead.)
func (t *Timeline) onAxisTouch(ctx app.Context, e app.Event) {
	touches := e.Get("touches")
	if touches.Length() != 2 {
		t.pinch = 0
		ctx.PreventUpdate()
		return
	}
	a, b := touches.Index(0), touches.Index(1)
	ax, ay, bx, by := a.Get("clientX").Float(), a.Get("clientY").Float(), b.Get("clientX").Float(), b.Get("clientY").Float()
	d := math.Hypot(ax-bx, ay-by)
	if t.pinch <= 0 {
		t.pinch = d
		ctx.PreventUpdate()
		return
	}
	anchor := (ax+bx)/2 - ctx.JSSrc().Call("getBoundingClientRect").Get("left").Float()
	switch r := d / t.pinch; {
	case r >= 1.5:
		t.pinch = d
		t.zoomStep(ctx, +1, anchor)
	case r <= 1/1.5:
		t.pinch = d
		t.zoomStep(ctx, -1, anchor)
	default:
		ctx.PreventUpdate()
	}
}

// onZoom handles the zoom buttons. They zoom around the selected marker
// when it is in view, else around the middle of the axis.
func (t *Timeline) onZoom(ctx app.Context, e app.Event) {
	if ctx.JSSrc().Call("getAttribute", "aria-disabled").String() == "true" {
		ctx.PreventUpdate()
		return
	}
	switch ctx.JSSrc().Get("dataset").Get("zoom").String() {
	case "in":
		t.zoomStep(ctx, +1, t.zoomAnchor())
	case "out":
		t.zoomStep(ctx, -1, t.zoomAnchor())
	case "fit":
		t.zoomTo(ctx, 0, t.zoomAnchor())
	}
}

// zoomAnchor is the viewport x to zoom around: the selected marker when in
// view, else the middle.
func (t *Timeline) zoomAnchor() float64 { return t.anchorOf(t.selectedID()) }

// anchorOf is the viewport x of the marker holding event id when it is in
// view, else the middle of the viewport.
func (t *Timeline) anchorOf(id string) float64 {
	_, l := t.axisLayout()
	if l == nil {
		return t.width / 2
	}
	if mk, ok := l.MarkerOf(id); ok {
		if x := mk.X - t.scroll; x >= 0 && x <= t.width {
			return x
		}
	}
	return t.width / 2
}

// zoomStep zooms in (dir > 0) or out one step around viewport x anchor.
func (t *Timeline) zoomStep(ctx app.Context, dir int, anchor float64) {
	tl, l := t.axisLayout()
	if l == nil {
		return
	}
	z := tl.ZoomOut(l.Zoom(), t.width)
	if dir > 0 {
		z = tl.ZoomIn(l.Zoom())
	}
	t.zoomTo(ctx, z, anchor)
}

// zoomTo sets the zoom (0 or below the fit: the whole case), keeping the
// moment under anchor in place.
func (t *Timeline) zoomTo(ctx app.Context, z timeline.Zoom, anchor float64) {
	tl, l := t.axisLayout()
	if l == nil {
		return
	}
	fit := tl.FitZoom(t.width)
	z = max(z, fit)
	if z == l.Zoom() {
		ctx.PreventUpdate()
		return
	}
	scroll := tl.ZoomScroll(l.Zoom(), z, t.scroll, anchor)
	if z <= fit {
		t.zoom = 0
	} else {
		t.zoom = z
	}
	t.scroll = tl.Layout(z).ClampScroll(scroll, t.width)
	t.setLeft = true
	t.afterRender(ctx)
}

// onMarkerClick selects the event of a marker. A marker of several days
// (a cluster) zooms in until the first of them stands alone; a marker of
// one day with several events selects them in turn.
func (t *Timeline) onMarkerClick(ctx app.Context, e app.Event) {
	tl, l := t.axisLayout()
	if l == nil {
		return
	}
	m := t.modelNow()
	mk, ok := l.MarkerOf(ctx.JSSrc().Get("dataset").Get("id").String())
	if !ok {
		return
	}
	target := m.firstByFile(mk.IDs)
	if mk.Groups > 1 {
		z := l.Zoom()
		for z < timeline.MaxZoom {
			z = tl.ZoomIn(z)
			if mk2, _ := tl.Layout(z).MarkerOf(target); mk2.Groups == 1 {
				break
			}
		}
		t.zoom = z
		t.scroll, _ = tl.Layout(z).CenterOn(target, t.width)
		t.setLeft = true
	} else if cur := t.selectedID(); containsID(mk.IDs, cur) && len(mk.IDs) > 1 {
		target = nextInGroup(m, mk.IDs, cur)
	}
	t.choose(ctx, m.index[target])
	t.afterRender(ctx)
	ctx.Defer(func(app.Context) { t.focusMarkerOf(target) })
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// nextInGroup is the event after cur among ids in file order, wrapping.
func nextInGroup(m *timelineModel, ids []string, cur string) string {
	ci := m.index[cur]
	best, bi := "", math.MaxInt
	for _, id := range ids {
		if i := m.index[id]; i > ci && i < bi {
			best, bi = id, i
		}
	}
	if best == "" {
		return m.firstByFile(ids)
	}
	return best
}

// focusMarkerOf moves focus to the marker that holds event id, after a
// render: a marker's button may now stand for another marker, or be gone.
func (t *Timeline) focusMarkerOf(id string) {
	_, l := t.axisLayout()
	if l == nil {
		return
	}
	mk, ok := l.MarkerOf(id)
	if !ok {
		return
	}
	if el := app.Window().Get("document").Call("querySelector", `#tl-viewport .tl-marker[data-id="`+mk.IDs[0]+`"]`); el.Truthy() {
		el.Call("focus", map[string]any{"preventScroll": true})
	}
}

// focusedMarkerID is the id of the first event of the marker el is in, or
// "" when el is not a marker.
func focusedMarkerID(el app.Value) string {
	if !el.Truthy() || el.Get("closest").IsUndefined() {
		return ""
	}
	if m := el.Call("closest", ".tl-marker"); m.Truthy() {
		return m.Get("dataset").Get("id").String()
	}
	return ""
}
