package timeline

import (
	"math"
	"net/url"
	"slices"

	"docket/internal/routes"
)

// View is one reader's state of a case's timeline: the event selected, the
// categories switched off, the zoom and scroll of the axis, the part of a
// long list shown, and the gestures under way. It is a value: each method
// returns the next View and the Effects the page must perform, and leaves
// its receiver as it was (the update of the Elm architecture), so that
// tests drive it without a browser. The component that shows it only reads
// the page into method calls and applies the effects. Use NewView.
type View struct {
	events    *Events
	selected  string // the selected event's id; "" for the first shown
	hidden    Filter // categories the reader has switched off
	mounted   bool   // the browser has drawn the page: the axis shows
	navs      int    // Navigate calls so far: the first is the page load
	announced string // the event the live region names; "" before any choice
	eventPage bool   // the page is one event's: a long case lists a window there too
	listFrom  int    // place in Shown of the first event listed; -1 follows the selection

	width  float64 // px width of the axis viewport; 0 when not shown
	zoom   Zoom    // 0 fits the whole case in the viewport
	scroll float64 // axis scroll offset, content px
	moved  bool    // the View moved the scroll; the page has not yet followed

	// The axis window the page draws (see Drawn).
	drawnOn    *Layout
	drawnAt    float64
	drawnWidth float64

	wheel float64 // Ctrl+wheel delta not yet turned into a zoom step
	pinch float64 // px between two fingers on the axis at the last zoom step
	swipe swipe   // where and when a touch on the card began
}

// swipe is where and when a touch began on the card.
type swipe struct {
	x, y, time float64
	active     bool
}

// The list of a long case is shown a page at a time.
const (
	// ListAll is the most events whose list the browser shows whole; a
	// longer case shows ListPage events at a time around the selection, so
	// the DOM and each keystroke stay small with 10,000 events. The
	// prerendered page lists every event (an event's own page excepted).
	ListAll = 100
	// ListPage is the number of events on one page of a long list.
	ListPage = 50
)

// Effects are what the page does after the View changed, besides drawing
// the new View.
type Effects struct {
	Render     bool   // draw again; false when nothing drawn changed
	Handled    bool   // the key or wheel was the timeline's: keep the browser from acting on it
	Address    bool   // put the selected event in the address, replacing the history entry
	Focus      Focus  // after drawing, where focus goes; none when Focus.ID is ""
	HoldInView string // after drawing, keep this event's list item at the top of the window (the browser scrolled to its #ID)
	ListTop    bool   // after drawing, bring the top of the list into view (another page of it)
}

// Area is a part of the timeline that can hold focus.
type Area uint8

// The parts of the timeline that keep focus across a step.
const (
	Elsewhere Area = iota // the buttons, or outside the timeline
	Markers               // the markers on the axis
	List                  // the list of events
	Card                  // the card of the selected event
)

// Focus says where focus goes after a change: on the marker of event ID,
// on its list item, on the card; from Elsewhere it stays put, but on a
// narrow screen, where only the list shows, event ID's item is brought
// into view.
type Focus struct {
	In Area
	ID string
}

// Key is a key pressed while focus is inside the timeline.
type Key struct {
	Name     string // KeyboardEvent.key: "ArrowLeft", "ArrowRight", "Home", "End", "+", "=", "-", "_"
	Modified bool   // Alt, Ctrl or Meta held: the key is the browser's or the system's
	InField  bool   // focus is in a form field, which keeps its keys
	Focus    Area   // the part of the timeline that has focus
	On       string // the event of the focused marker (Focus Markers) or list item (Focus List)
}

// Wheel is a wheel event over the axis.
type Wheel struct {
	DeltaY float64 // WheelEvent.deltaY
	Lines  bool    // deltaMode 1: DeltaY counts lines, not px
	Ctrl   bool    // Ctrl held; browsers send a trackpad pinch as a Ctrl+wheel too
	X      float64 // the pointer, px from the axis viewport's left edge
}

// Point is where a finger touches, px.
type Point struct{ X, Y float64 }

// TouchPhase is the kind of a touch event.
type TouchPhase uint8

// The touch events (touchstart, touchmove, touchend, touchcancel).
const (
	TouchStart TouchPhase = iota
	TouchMove
	TouchEnd
	TouchCancel
)

// Touch is a touch event.
type Touch struct {
	Phase   TouchPhase
	Touches []Point // the fingers on the screen after the event (TouchEvent.touches)
	Changed []Point // the fingers the event is about (changedTouches): for TouchEnd, those lifted
	Time    float64 // Event.timeStamp, ms
}

// Drawn is the part of the axis the page draws: Layout (of the events a
// filter shows, at one zoom) cut at Left (content px, within the window's
// margin of the scroll) for a viewport Width px wide (a wider one draws
// more markers). The same Drawn, the same elements in the same places:
// Layout.Window(Left, Width). The zero Drawn is no axis.
type Drawn struct {
	Layout *Layout
	Left   float64
	Width  float64
}

// Thresholds of the axis gestures: px, but for pinchStep, a ratio.
const (
	revealMargin = 48  // a marker nearer the viewport's edge is brought into view
	redrawAfter  = 100 // a scroll this far from the drawn window's cut draws a new window
	wheelNotch   = 60  // Ctrl+wheel delta that makes one zoom step
	pinchStep    = 1.5 // fingers this many times further apart (or closer) make one zoom step
)

// A swipe across the card: far enough, mostly sideways, quick enough.
const (
	swipeMinX    = 48  // px
	swipeSlope   = 1.5 // sideways at least this many times more than up or down
	swipeMaxTime = 800 // ms
)

// NewView is a reader's first View of events: the first event selected,
// every category shown, the whole case on the axis, the list following the
// selection. events may be nil: the View then shows nothing.
func NewView(events *Events) View { return View{events: events, listFrom: -1} }

// Open selects the event that address u names, before anything is drawn:
// by fragment (#ID), by query (?event=ID), or by an event page's path
// (/cases/x/events/ID, which static hosts serve). u is the site's address,
// without the base path Docket may be served under.
func (v View) Open(u *url.URL) View {
	v.selectFromURL(u)
	return v
}

// Switch starts afresh on other events (the page shows another case): the
// reader's choices go, the page's size stays, and u names the selection.
func (v View) Switch(events *Events, u *url.URL) (View, Effects) {
	v.events = events
	v.hidden, v.selected, v.announced = 0, "", ""
	v.zoom, v.listFrom = 0, -1
	v.setScroll(0)
	v.selectFromURL(u)
	return v.done(Effects{Render: true})
}

// Navigate follows the address to u: an in-page link (#ID) selects its
// event, which the live region announces (but not at the page load, the
// first navigation) and the axis brings into view.
func (v View) Navigate(u *url.URL) (View, Effects) {
	v.navs++
	before := v.selected
	if !v.selectFromURL(u) || v.selected == before {
		return v.done(Effects{Render: true})
	}
	v.listFrom = -1
	if v.navs > 1 {
		v.announced = v.selected
	}
	v.reveal(v.SelectedID())
	return v.done(Effects{Render: true})
}

// Mount is the page drawn in the browser, with an axis viewport width px
// wide (0 when the axis does not show: on a narrow screen the list alone is
// the timeline). u is the address: when its fragment names an event, the
// browser scrolled the page to that event's list item, and keeps it there.
func (v View) Mount(width float64, u *url.URL) (View, Effects) {
	v.mounted = true
	v.resize(width)
	v.reveal(v.SelectedID())
	v, fx := v.done(Effects{Render: true})
	if u != nil && v.events != nil {
		if _, ok := v.events.Index(u.Fragment); ok {
			fx.HoldInView = u.Fragment
		}
	}
	return v, fx
}

// Resize fits the axis to a viewport now width px wide.
func (v View) Resize(width float64) (View, Effects) {
	v.resize(width)
	v.reveal(v.SelectedID())
	return v.done(Effects{Render: true})
}

// Key handles a key: ←/→ step to the previous or next event shown, Home and
// End go to the first and last, + (or =) and − (or -, _) zoom around the
// focused marker, or else the selected one. A step from the list starts at
// the focused item. Any other key, a key with Alt, Ctrl or Meta and a key
// in a form field are the page's.
func (v View) Key(k Key) (View, Effects) {
	if !v.mounted || k.Modified || k.InField || v.events == nil {
		return v, Effects{}
	}
	s := v.Shown()
	sel := v.selectedPos(s)
	if k.Focus == List {
		if i, ok := v.events.Index(k.On); ok && s.Has(i) {
			sel = i
		}
	}
	if sel < 0 {
		return v, Effects{}
	}
	to := -1
	switch k.Name {
	case "ArrowLeft":
		to = s.Step(sel, -1)
	case "ArrowRight":
		to = s.Step(sel, +1)
	case "Home":
		to = s.order[0]
	case "End":
		to = s.order[len(s.order)-1]
	case "+", "=", "-", "_":
		dir := +1
		if k.Name == "-" || k.Name == "_" {
			dir = -1
		}
		id := ""
		if k.Focus == Markers {
			id = k.On
		}
		if id == "" {
			id = v.SelectedID()
		}
		fx := v.zoomStep(dir, v.anchorOf(id))
		v.reveal(id)
		fx.Handled = true
		if k.Focus == Markers {
			// Keep focus on the marker zoomed around.
			fx.Focus = Focus{In: Markers, ID: id}
		}
		return v.done(fx)
	default:
		return v, Effects{}
	}
	fx := Effects{Handled: true}
	if to == sel && v.events.ID(to) == v.selected {
		return v, fx
	}
	fx.Render = true
	fx.Address = v.choose(to)
	fx.Focus = Focus{In: k.Focus, ID: v.selected}
	return v.done(fx)
}

// Step selects the event delta places after the selected one among those
// shown (before it for a negative delta), held at the first and last: the
// previous and next buttons.
func (v View) Step(delta int) (View, Effects) {
	fx := Effects{Render: true}
	if v.events == nil {
		return v.done(fx)
	}
	s := v.Shown()
	sel := v.selectedPos(s)
	if sel < 0 {
		return v.done(fx)
	}
	fx.Address = v.choose(s.Step(sel, delta))
	return v.done(fx)
}

// Select selects event id: it announces it, brings it into view on the axis
// and puts it in the address. An unknown id changes nothing.
func (v View) Select(id string) (View, Effects) {
	fx := Effects{Render: true}
	if v.events == nil {
		return v.done(fx)
	}
	if i, ok := v.events.Index(id); ok {
		fx.Address = v.choose(i)
	}
	return v.done(fx)
}

// Filter switches category k off, or on again. The last category shown
// stays on (nothing changes when switching k off would show no event), and
// a selection that gets hidden moves to the nearest event still shown.
func (v View) Filter(k int) (View, Effects) {
	if v.events == nil || k < 0 || k >= v.events.Categories() {
		return v, Effects{}
	}
	hidden := v.hidden ^ 1<<k
	if v.events.Show(hidden).Len() == 0 {
		return v, Effects{}
	}
	fx := Effects{Render: true}
	before := v.SelectedID()
	v.hidden = hidden
	v.listFrom = -1
	if after := v.SelectedID(); after != before {
		// The selected event was hidden: move to the nearest one shown.
		v.selected = ""
		i, _ := v.events.Index(after)
		fx.Address = v.choose(i)
	}
	// Each filter has its own axis, which starts from its left.
	v.setScroll(0)
	v.reveal(v.SelectedID())
	return v.done(fx)
}

// Zoom is a zoom button: one step in (dir > 0) or out (dir < 0), or back to
// the whole case (dir 0), around the selected marker when it is in view,
// else around the middle of the axis.
func (v View) Zoom(dir int) (View, Effects) {
	anchor := v.anchorOf(v.SelectedID())
	if dir == 0 {
		return v.done(v.zoomTo(0, anchor))
	}
	return v.done(v.zoomStep(dir, anchor))
}

// Wheel zooms on Ctrl+wheel, around the pointer: a step each time the
// wheel has turned a notch's worth (60 px; a line counts 16) one way. A
// plain wheel is the page's, to scroll.
func (v View) Wheel(w Wheel) (View, Effects) {
	if !w.Ctrl {
		return v, Effects{}
	}
	dy := w.DeltaY
	if w.Lines {
		dy *= 16
	}
	v.wheel += dy
	var fx Effects
	switch {
	case v.wheel <= -wheelNotch:
		v.wheel = 0
		fx = v.zoomStep(+1, w.X)
	case v.wheel >= wheelNotch:
		v.wheel = 0
		fx = v.zoomStep(-1, w.X)
	}
	fx.Handled = true
	return v.done(fx)
}

// Pinch follows the fingers on the axis after a touch event (their x in px
// from the viewport's left edge): two fingers moving half as far apart
// again, or closer by as much, zoom a step in or out around their middle.
func (v View) Pinch(t Touch) (View, Effects) {
	if len(t.Touches) != 2 {
		v.pinch = 0
		return v, Effects{}
	}
	a, b := t.Touches[0], t.Touches[1]
	d := math.Hypot(a.X-b.X, a.Y-b.Y)
	if v.pinch <= 0 {
		v.pinch = d
		return v, Effects{}
	}
	anchor := (a.X + b.X) / 2
	var fx Effects
	switch r := d / v.pinch; {
	case r >= pinchStep:
		v.pinch = d
		fx = v.zoomStep(+1, anchor)
	case r <= 1/pinchStep:
		v.pinch = d
		fx = v.zoomStep(-1, anchor)
	}
	return v.done(fx)
}

// Swipe follows a touch on the card: a quick sideways swipe leftwards
// selects the next event, rightwards the previous one. A short, slow or
// mostly vertical one (the page scrolls) selects nothing; so does a
// touchcancel. A TouchMove changes nothing.
func (v View) Swipe(t Touch) (View, Effects) {
	if t.Phase == TouchStart {
		if len(t.Touches) != 1 {
			v.swipe.active = false
			return v, Effects{}
		}
		p := t.Touches[0]
		v.swipe = swipe{x: p.X, y: p.Y, time: t.Time, active: true}
		return v, Effects{}
	}
	if t.Phase == TouchMove {
		return v, Effects{}
	}
	s := v.swipe
	v.swipe.active = false
	if !s.active || t.Phase != TouchEnd || len(t.Changed) != 1 || len(t.Touches) != 0 {
		return v, Effects{}
	}
	p := t.Changed[0]
	dx, dy := p.X-s.x, p.Y-s.y
	if math.Abs(dx) < swipeMinX || math.Abs(dx) < swipeSlope*math.Abs(dy) || t.Time-s.time > swipeMaxTime {
		return v, Effects{}
	}
	if dx < 0 {
		return v.Step(+1)
	}
	return v.Step(-1)
}

// Pan follows the reader's scroll of the axis to left px. It draws a new
// window of the axis only when the old one's margin is nearly used up, and
// ignores the scroll while the page has not yet followed one the View
// made (a zoom or a step being drawn): the offset it reports is stale.
func (v View) Pan(left float64) (View, Effects) {
	if v.moved {
		return v, Effects{}
	}
	v.scroll = left
	if math.Abs(left-v.drawnAt) < redrawAfter {
		return v, Effects{}
	}
	return v.done(Effects{Render: true})
}

// ScrollToSet is the axis scroll the page must set after drawing, when the
// View moved it (a zoom, a step, a resize); false when the page's scroll is
// the View's.
func (v View) ScrollToSet() (float64, bool) { return v.scroll, v.moved }

// ScrollSet is the View once the page has set the axis's scroll.
func (v View) ScrollSet() View {
	v.moved = false
	return v
}

// ClickMarker selects the event of a marker (by the id of any event it
// holds). A marker of several days (a cluster) zooms in until its first
// event stands alone; a marker of one day with several events selects them
// in turn. Focus stays on the marker.
func (v View) ClickMarker(id string) (View, Effects) {
	fx := Effects{Render: true}
	tl, l := v.axis()
	if l == nil {
		return v.done(fx)
	}
	mk, ok := l.MarkerOf(id)
	if !ok {
		return v.done(fx)
	}
	target := v.events.FirstOf(mk.IDs)
	if mk.Groups > 1 {
		z := l.Zoom()
		for z < MaxZoom {
			z = tl.ZoomIn(z)
			if mk2, _ := tl.Layout(z).MarkerOf(target); mk2.Groups == 1 {
				break
			}
		}
		v.zoom = z
		v.scroll, _ = tl.Layout(z).CenterOn(target, v.width)
		v.moved = true
	} else if cur := v.SelectedID(); len(mk.IDs) > 1 && slices.Contains(mk.IDs, cur) {
		target = v.events.nextOf(mk.IDs, cur)
	}
	i, _ := v.events.Index(target)
	fx.Address = v.choose(i)
	fx.Focus = Focus{In: Markers, ID: target}
	return v.done(fx)
}

// Page shows the previous (delta < 0) or next page of a long list.
func (v View) Page(delta int) (View, Effects) {
	if v.events == nil {
		return v, Effects{}
	}
	from := v.listStart(true)
	if delta < 0 {
		from = max(0, from-ListPage)
	} else if from+ListPage < v.Shown().Len() {
		from += ListPage
	}
	v.listFrom = from
	return v.done(Effects{Render: true, ListTop: true})
}

// Events are the events the View shows; nil for none.
func (v View) Events() *Events { return v.events }

// Shown is the events the filter leaves shown. The View must have events.
func (v View) Shown() *Shown { return v.events.Show(v.hidden) }

// Hidden is the categories switched off.
func (v View) Hidden() Filter {
	if v.events == nil {
		return 0
	}
	return v.hidden & v.events.all()
}

// OnlyShown reports whether category k is the one category still shown, so
// that its switch cannot turn it off.
func (v View) OnlyShown(k int) bool {
	h := v.Hidden()
	return h|1<<k == v.events.all() && !h.Hides(k)
}

// Selected is the position of the event the card shows: the selected one,
// or the nearest shown when a filter hides it; -1 when none is shown.
func (v View) Selected() int {
	if v.events == nil {
		return -1
	}
	return v.selectedPos(v.Shown())
}

// SelectedID is the id of the event the card shows; "" when none is shown.
func (v View) SelectedID() string {
	if i := v.Selected(); i >= 0 {
		return v.events.ID(i)
	}
	return ""
}

// Announced is the event the live region names: the last one selected
// after the page loaded; "" before any.
func (v View) Announced() string { return v.announced }

// Mounted reports whether the page is drawn in the browser.
func (v View) Mounted() bool { return v.mounted }

// Width is the width of the axis viewport, px.
func (v View) Width() float64 { return v.width }

// Drawn is the window of the axis the page draws; the zero Drawn when no
// axis shows (before the browser draws the page, on a narrow screen, or
// with no event shown).
func (v View) Drawn() Drawn {
	if v.drawnOn == nil {
		return Drawn{}
	}
	return Drawn{Layout: v.drawnOn, Left: v.drawnAt, Width: v.drawnWidth}
}

// CanZoomIn reports whether the axis can zoom in further.
func (v View) CanZoomIn() bool {
	tl, l := v.axis()
	return l != nil && tl.ZoomIn(l.Zoom()) != l.Zoom()
}

// CanZoomOut reports whether the axis shows less than the whole case, so
// that it can zoom out.
func (v View) CanZoomOut() bool {
	tl, l := v.axis()
	return l != nil && l.Zoom() > tl.FitZoom(v.width)
}

// MarkerID is the id by which the page names the marker that holds event
// id (its first event's); false when the axis does not show it.
func (v View) MarkerID(id string) (string, bool) {
	_, l := v.axis()
	if l == nil {
		return "", false
	}
	mk, ok := l.MarkerOf(id)
	if !ok {
		return "", false
	}
	return mk.IDs[0], true
}

// ListWindow is the part of the list shown, as places [from, to) in Shown;
// windowed is false when the list shows every event: for a short case, and
// in the prerendered page (browser false) of a long one, but for an
// event's own page, so that a static export of a long case is not every
// event written once per event.
func (v View) ListWindow(browser bool) (from, to int, windowed bool) {
	if v.events == nil || v.events.Len() <= ListAll || (!browser && !v.eventPage) {
		return 0, 0, false
	}
	n := v.Shown().Len()
	from = max(0, min(v.listStart(browser), n))
	return from, min(from+ListPage, n), true
}

// listStart is the place in Shown of the first event the list window
// shows: 0 for a case short enough to list whole, and for the prerendered
// page of a long case, which lists every event (an event's page excepted).
func (v View) listStart(browser bool) int {
	if (!browser && !v.eventPage) || v.events.Len() <= ListAll {
		return 0
	}
	s := v.Shown()
	from := v.listFrom
	if sel := v.selectedPos(s); from < 0 && sel >= 0 {
		from = s.Rank(sel) / ListPage * ListPage
	}
	return max(0, min(from, s.Len()-1))
}

// selectFromURL selects the event u names and reports whether it named
// one.
func (v *View) selectFromURL(u *url.URL) bool {
	if u == nil || v.events == nil {
		return false
	}
	v.eventPage = routes.IsEventPage(u.Path)
	for _, id := range []string{u.Fragment, routes.EventID(u)} {
		if _, ok := v.events.Index(id); ok {
			v.selected = id
			return true
		}
	}
	return false
}

// selectedPos is the position of the selected event in s, or of the
// nearest shown when it is filtered out; -1 when none is shown.
func (v View) selectedPos(s *Shown) int {
	i, ok := v.events.Index(v.selected)
	if !ok {
		if s.Len() == 0 {
			return -1
		}
		return s.order[0]
	}
	return s.Nearest(i)
}

// choose selects the event at position i: the live region announces it and
// the axis brings it into view. It reports whether the selection changed,
// which the address must follow.
func (v *View) choose(i int) bool {
	if i < 0 || i >= v.events.Len() {
		return false
	}
	id := v.events.ID(i)
	if id == v.selected {
		return false
	}
	v.selected = id
	v.listFrom = -1
	v.announced = id
	v.reveal(v.SelectedID())
	return true
}

// axis is the axis at the current zoom, or nil when none is drawn.
func (v View) axis() (*Timeline, *Layout) {
	if !v.mounted || v.width <= 0 || v.events == nil {
		return nil, nil
	}
	s := v.Shown()
	if s.Len() == 0 {
		return nil, nil
	}
	tl := s.Axis()
	return tl, tl.Layout(max(v.zoom, tl.FitZoom(v.width)))
}

// resize takes the viewport's new width. At the whole-case zoom the axis
// starts again from its left; the page sets the scroll either way.
func (v *View) resize(width float64) {
	old := v.width
	v.width = width
	if old > 0 && width > 0 && old != width && v.zoom == 0 {
		v.scroll = 0
	}
	v.moved = true
}

// setScroll scrolls the axis to left: the page must follow when it moved.
func (v *View) setScroll(left float64) {
	if left != v.scroll {
		v.scroll = left
		v.moved = true
	}
}

// reveal scrolls the axis, if needed, so that the marker of event id is in
// view.
func (v *View) reveal(id string) {
	_, l := v.axis()
	if l == nil {
		return
	}
	mk, ok := l.MarkerOf(id)
	if !ok {
		return
	}
	left := v.scroll
	if mk.X < left+revealMargin || mk.X > left+v.width-revealMargin {
		left, _ = l.CenterOn(id, v.width)
	}
	v.setScroll(l.ClampScroll(left, v.width))
}

// anchorOf is the viewport x of the marker holding event id when it is in
// view, else the middle of the viewport.
func (v View) anchorOf(id string) float64 {
	_, l := v.axis()
	if l == nil {
		return v.width / 2
	}
	if mk, ok := l.MarkerOf(id); ok {
		if x := mk.X - v.scroll; x >= 0 && x <= v.width {
			return x
		}
	}
	return v.width / 2
}

// zoomStep zooms in (dir > 0) or out one step around viewport x anchor.
func (v *View) zoomStep(dir int, anchor float64) Effects {
	tl, l := v.axis()
	if l == nil {
		return Effects{Render: true}
	}
	z := tl.ZoomOut(l.Zoom(), v.width)
	if dir > 0 {
		z = tl.ZoomIn(l.Zoom())
	}
	return v.zoomTo(z, anchor)
}

// zoomTo sets the zoom (0 or below the fit: the whole case), keeping the
// moment under anchor in place. Nothing is drawn when the zoom stays.
func (v *View) zoomTo(z Zoom, anchor float64) Effects {
	tl, l := v.axis()
	if l == nil {
		return Effects{Render: true}
	}
	fit := tl.FitZoom(v.width)
	z = max(z, fit)
	if z == l.Zoom() {
		return Effects{}
	}
	scroll := tl.ZoomScroll(l.Zoom(), z, v.scroll, anchor)
	if z <= fit {
		v.zoom = 0
	} else {
		v.zoom = z
	}
	v.scroll = tl.Layout(z).ClampScroll(scroll, v.width)
	v.moved = true
	return Effects{Render: true}
}

// done ends a change: when it is drawn, the scroll is held within the
// axis (the page follows), and the window of the axis is cut again if the
// layout changed (a zoom, a width, a filter: each filter has its own axis)
// or the scroll moved beyond the window's margin.
func (v View) done(fx Effects) (View, Effects) {
	if !fx.Render {
		return v, fx
	}
	_, l := v.axis()
	if l == nil {
		v.drawnOn = nil
		return v, fx
	}
	v.setScroll(l.ClampScroll(v.scroll, v.width))
	if l != v.drawnOn || math.Abs(v.scroll-v.drawnAt) >= redrawAfter {
		v.drawnAt = v.scroll
	}
	v.drawnOn, v.drawnWidth = l, v.width
	return v, fx
}
