package components

import (
	"math"
	"strconv"
	"sync"

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
func (t *Timeline) renderAxis(m *timelineModel, v timeline.View) app.UI {
	box := app.Div().Class("tl-axis")
	d := v.Drawn()
	if d.Layout == nil {
		return box
	}
	zoomName := "whole case"
	if v.CanZoomOut() {
		zoomName = "ticks every " + d.Layout.TickUnit().String()
	}
	return box.Body(&timelineAxis{
		Owner: t, Model: m, Layout: d.Layout, Scroll: d.Left, Width: d.Width, Name: "Time axis, " + zoomName,
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
				// Eras: bands behind everything, each label cut to the
				// room the layout gives it (the list under the heading
				// names every era in full).
				app.If(len(w.Eras) > 0, func() app.UI {
					return app.Div().Class("tl-eras").Aria("hidden", ariaTrue).Body(
						app.Range(w.Eras).Slice(func(i int) app.UI {
							e := w.Eras[i]
							c := "tl-era"
							if e.Index%2 == 1 {
								c += " is-odd"
							}
							return app.Div().Class(c).DataSet("css", "left:"+px(e.X0)+";width:"+px(e.X1-e.X0)).Body(
								app.If(e.Shown, func() app.UI {
									return app.Elem("span").Class("tl-era-label").DataSet("css", "left:"+px(e.LabelX-e.X0)+";width:"+px(e.LabelWidth)).Text(e.Title)
								}),
							)
						}),
					)
				}),
				app.Div().Class("tl-ticks").Aria("hidden", ariaTrue).Body(
					app.Range(w.Ticks).Slice(func(i int) app.UI {
						tk := w.Ticks[i]
						c := "tl-tick"
						if tk.Major {
							c += " is-major"
						}
						return app.Div().Class(c).DataSet("css", "left:"+px(tk.X)).Body(
							app.Elem("span").Text(tk.Label),
						)
					}),
				),
				app.Div().Class("tl-spans").Aria("hidden", ariaTrue).Body(
					app.Range(w.Markers).Slice(func(i int) app.UI {
						mk := w.Markers[i]
						// A band shows how long one group's date is: a month,
						// a year; a bar, how long an event lasted (from its
						// date to its end). A cluster's own extent says
						// nothing useful, but the spans in it do.
						if mk.Groups > 1 {
							return clusterSpans(m, l, mk)
						}
						span := len(mk.IDs) == 1 && m.isSpan(mk.IDs[0])
						if !span && (mk.Precision == timeline.Day || mk.X1-mk.X0 < 6) {
							return nil
						}
						c := "tl-span-band"
						if span {
							c += " is-span"
						}
						return app.Div().Class(c).
							DataSet("css", "left:"+px(mk.X0)+";width:"+px(max(mk.X1-mk.X0, 2))+";--fill:"+m.markerFill(mk.IDs))
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
							Body(app.Elem("span").Text(mk.Label))
					}),
				),
				app.Elem("ul").Class("tl-markers").Body(
					app.Range(w.Markers).Slice(func(i int) app.UI {
						mk := w.Markers[i]
						c := "tl-marker"
						if len(mk.IDs) > 1 {
							c += " is-group"
						}
						return app.Elem("li").DataSet("css", "left:"+px(mk.X)).Body(
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
	first, _ := t.view.MarkerID(t.view.SelectedID())
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

// axisWidth is the width of the axis box, 0 when it is not shown (a narrow
// screen shows the list alone).
func axisWidth() float64 {
	el := app.Window().GetElementByID("timeline")
	if !el.Truthy() {
		return 0
	}
	box := el.Call("querySelector", ".tl-axis")
	if !box.Truthy() {
		return 0
	}
	return box.Get("clientWidth").Float()
}

// labelMeasure measures axis labels in the browser, made on first use: only
// the browser draws an axis.
var labelMeasure = sync.OnceValue(canvasMeasure)

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
// the view moved it (zoom, selection, resize), and focus on the marker
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
		if d := t.view.Drawn(); t.styled != d {
			// Only a new window moves or recolours anything.
			t.styled = d
			if d.Layout != nil {
				applyStyles()
			}
		}
		t.markSelection()
		if t.listKept() {
			t.markList()
		}
		if left, ok := t.view.ScrollToSet(); ok {
			t.view = t.view.ScrollSet()
			if el := app.Window().GetElementByID("tl-viewport"); el.Truthy() {
				el.Set("scrollLeft", left)
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

// onAxisScroll follows the reader's scroll of the axis.
func (t *Timeline) onAxisScroll(ctx app.Context, e app.Event) {
	v, fx := t.view.Pan(ctx.JSSrc().Get("scrollLeft").Float())
	t.update(ctx, e, v, fx)
}

// onWheel zooms on Ctrl+wheel (and a trackpad pinch, which browsers send as
// one), around the pointer. A plain wheel scrolls the page as usual.
func (t *Timeline) onWheel(ctx app.Context, e app.Event) {
	w := timeline.Wheel{Ctrl: e.Get("ctrlKey").Bool()}
	if w.Ctrl {
		w.DeltaY = e.Get("deltaY").Float()
		w.Lines = e.Get("deltaMode").Int() == 1
		w.X = e.Get("clientX").Float() - ctx.JSSrc().Call("getBoundingClientRect").Get("left").Float()
	}
	v, fx := t.view.Wheel(w)
	t.update(ctx, e, v, fx)
}

// onAxisTouch turns two fingers moving apart or together on the axis into
// zoom steps around their middle. (Touch events rather than pointer
// events: the browser cancels the pointers of a touch as soon as it pans
// the axis, and touch-action keeps it from zooming the page instead.)
func (t *Timeline) onAxisTouch(ctx app.Context, e app.Event) {
	touches := e.Get("touches")
	left := 0.0
	if touches.Length() == 2 {
		left = ctx.JSSrc().Call("getBoundingClientRect").Get("left").Float()
	}
	v, fx := t.view.Pinch(timeline.Touch{Touches: fingers(touches, left)})
	t.update(ctx, e, v, fx)
}

// fingers are the points of a TouchList, x measured from left.
func fingers(list app.Value, left float64) []timeline.Point {
	n := list.Length()
	if n == 0 {
		return nil
	}
	ps := make([]timeline.Point, n)
	for i := range ps {
		p := list.Index(i)
		ps[i] = timeline.Point{X: p.Get("clientX").Float() - left, Y: p.Get("clientY").Float()}
	}
	return ps
}

// onZoom handles the zoom buttons.
func (t *Timeline) onZoom(ctx app.Context, e app.Event) {
	if ctx.JSSrc().Call("getAttribute", "aria-disabled").String() == "true" {
		ctx.PreventUpdate()
		return
	}
	dir, ok := map[string]int{"in": +1, "out": -1, "fit": 0}[ctx.JSSrc().Get("dataset").Get("zoom").String()]
	if !ok {
		return
	}
	v, fx := t.view.Zoom(dir)
	t.update(ctx, e, v, fx)
}

// onMarkerClick selects the event of a marker or its label.
func (t *Timeline) onMarkerClick(ctx app.Context, e app.Event) {
	v, fx := t.view.ClickMarker(ctx.JSSrc().Get("dataset").Get("id").String())
	t.update(ctx, e, v, fx)
}

// focusMarkerOf moves focus to the marker that holds event id, after a
// render: a marker's button may now stand for another marker, or be gone.
func (t *Timeline) focusMarkerOf(id string) {
	first, ok := t.view.MarkerID(id)
	if !ok {
		return
	}
	if el := app.Window().Get("document").Call("querySelector", `#tl-viewport .tl-marker[data-id="`+first+`"]`); el.Truthy() {
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

// clusterSpans draws, for a cluster, the bar of each of its events that has
// an end, from its date to its end, as a lone span's is drawn: zoomed out on
// a crowded case (Gideon's prison term among the clusters of 1961-63) the
// reader still sees how long it lasted. Nil when the cluster holds none;
// a case without spans pays one check per cluster.
func clusterSpans(m *timelineModel, l *timeline.Layout, mk timeline.Marker) app.UI {
	if !m.hasSpans {
		return nil
	}
	var bars []app.UI
	for _, id := range mk.IDs {
		e := m.event(id)
		if e == nil || !e.IsSpan() {
			continue
		}
		start, end := e.Span()
		x0, x1 := l.X(start), l.X(end)
		bars = append(bars, app.Div().Class("tl-span-band is-span").DataSet("id", id).
			DataSet("css", "left:"+px(x0)+";width:"+px(max(x1-x0, 2))+";--fill:"+m.markerFill([]string{id})))
	}
	if len(bars) == 0 {
		return nil
	}
	return app.Div().Class("tl-cluster-spans").Body(bars...)
}
