package components

import (
	"math"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// onKeyDown moves through the events with ←/→ and Home/End, and zooms with
// + and −, only while focus is inside the timeline: the handler is on the
// timeline's section, never on the window, so the host page keeps its keys.
func (t *Timeline) onKeyDown(ctx app.Context, e app.Event) {
	if !t.mounted || e.Get("altKey").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() {
		ctx.PreventUpdate()
		return
	}
	target := e.Get("target")
	switch target.Get("tagName").String() {
	case "INPUT", "TEXTAREA", "SELECT":
		ctx.PreventUpdate()
		return
	}
	m := t.modelNow()
	v := m.view(t.hidden)
	where := focusArea(target)
	sel := t.selectedPos(v)
	if where == inList {
		// Step from the event the reader is on in the list.
		if li := target.Call("closest", "li.event"); li.Truthy() {
			if i, ok := m.index[li.Get("id").String()]; ok && v.shown(i) {
				sel = i
			}
		}
	}
	if sel < 0 {
		ctx.PreventUpdate()
		return
	}
	to := -1
	switch e.Get("key").String() {
	case "ArrowLeft":
		to = v.step(sel, -1)
	case "ArrowRight":
		to = v.step(sel, +1)
	case "Home":
		to = v.order[0]
	case "End":
		to = v.order[len(v.order)-1]
	case "+", "=", "-", "_":
		// Zoom around the focused marker, and keep focus on it.
		e.PreventDefault()
		dir := +1
		if k := e.Get("key").String(); k == "-" || k == "_" {
			dir = -1
		}
		id := focusedMarkerID(target)
		if id == "" {
			id = t.selectedID()
		}
		t.zoomStep(ctx, dir, t.anchorOf(id))
		t.reveal(id)
		if where == inMarkers {
			ctx.Defer(func(app.Context) { t.focusMarkerOf(id) })
		}
		return
	default:
		ctx.PreventUpdate()
		return
	}
	e.PreventDefault()
	if to == sel && m.c.Events[to].ID == t.selected {
		ctx.PreventUpdate()
		return
	}
	t.choose(ctx, to)
	t.afterRender(ctx)
	t.refocus(ctx, where)
}

// The parts of the timeline that keep focus across a step.
const (
	inMarkers = "markers"
	inList    = "list"
	inCard    = "card"
	inOther   = ""
)

// focusArea says which part of the timeline holds the focused element.
func focusArea(el app.Value) string {
	switch {
	case !el.Truthy() || el.Get("closest").IsUndefined():
		return inOther
	case el.Call("closest", ".tl-markers").Truthy():
		return inMarkers
	case el.Call("closest", ".event-list").Truthy():
		return inList
	case el.Call("closest", ".tl-card").Truthy():
		return inCard
	}
	return inOther
}

// refocus puts focus, after the render, where the reader will look for it:
// on the new marker, on the new list item, or on the card (whose links may
// be gone). Focus elsewhere (the buttons) stays put.
func (t *Timeline) refocus(ctx app.Context, where string) {
	id := t.selected
	ctx.Defer(func(app.Context) {
		switch where {
		case inMarkers:
			t.focusMarkerOf(id)
		case inList:
			scrollToEvent(id, "nearest", true)
		case inCard:
			if el := app.Window().GetElementByID("tl-card"); el.Truthy() {
				el.Call("focus", map[string]any{"preventScroll": true})
			}
		default:
			// On a narrow screen only the list shows: bring the event into view.
			if card := app.Window().GetElementByID("tl-card"); card.Truthy() && !card.Get("offsetParent").Truthy() {
				scrollToEvent(id, "nearest", false)
			}
		}
	})
}

// scrollToEvent brings the list item of event id into view ("start": to
// the top of the window, as a link to #id does; "nearest": as little as
// needed), and focuses it when focus is true.
func scrollToEvent(id, block string, focus bool) {
	el := app.Window().GetElementByID(id)
	if !el.Truthy() {
		return
	}
	el.Call("scrollIntoView", map[string]any{"block": block})
	if focus {
		el.Call("focus", map[string]any{"preventScroll": true})
	}
}

// onStep handles the previous and next buttons.
func (t *Timeline) onStep(ctx app.Context, e app.Event) {
	src := ctx.JSSrc()
	if src.Call("getAttribute", "aria-disabled").String() == "true" {
		ctx.PreventUpdate()
		return
	}
	d := 1
	if src.Get("dataset").Get("step").String() == "prev" {
		d = -1
	}
	t.stepBy(ctx, d)
}

// stepBy selects the event d places after the selected one.
func (t *Timeline) stepBy(ctx app.Context, d int) {
	m := t.modelNow()
	v := m.view(t.hidden)
	sel := t.selectedPos(v)
	if sel < 0 {
		return
	}
	t.choose(ctx, v.step(sel, d))
	t.afterRender(ctx)
}

// onChooseButton selects the event a button names by its position.
func (t *Timeline) onChooseButton(ctx app.Context, e app.Event) {
	i, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("pos").String())
	if err != nil {
		return
	}
	t.choose(ctx, i)
	t.afterRender(ctx)
}

// onToggleCategory shows or hides a category's events. The last category
// shown stays shown, and a selection that gets hidden moves to the nearest
// event still shown.
func (t *Timeline) onToggleCategory(ctx app.Context, e app.Event) {
	k, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("cat").String())
	if err != nil {
		return
	}
	m := t.modelNow()
	hidden := t.hidden ^ (1 << k)
	if len(m.view(hidden).order) == 0 {
		ctx.PreventUpdate()
		return
	}
	before := t.selectedID()
	t.hidden = hidden
	t.listFrom = -1
	if after := t.selectedID(); after != before {
		// The selected event was hidden: move to the nearest one shown.
		t.selected = ""
		t.choose(ctx, m.index[after])
	}
	t.scroll = 0
	t.revealOnAxis()
	t.afterRender(ctx)
}

// onSwipeStart, onSwipeEnd: a quick horizontal swipe across the card
// moves to the next event (leftwards) or the previous one. The card allows
// only vertical panning (touch-action: pan-y), so a horizontal swipe
// scrolls nothing; a vertical one scrolls the page as usual.
func (t *Timeline) onSwipeStart(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	ts := e.Get("touches")
	if ts.Length() != 1 {
		t.swipe.active = false
		return
	}
	p := ts.Index(0)
	t.swipe = swipeStart{
		x: p.Get("clientX").Float(), y: p.Get("clientY").Float(),
		time:   e.Get("timeStamp").Float(),
		active: true,
	}
}

func (t *Timeline) onSwipeEnd(ctx app.Context, e app.Event) {
	s := t.swipe
	t.swipe.active = false
	ts := e.Get("changedTouches")
	if !s.active || e.Get("type").String() != "touchend" || ts.Length() != 1 || e.Get("touches").Length() != 0 {
		ctx.PreventUpdate()
		return
	}
	p := ts.Index(0)
	dx, dy := p.Get("clientX").Float()-s.x, p.Get("clientY").Float()-s.y
	dt := e.Get("timeStamp").Float() - s.time
	if math.Abs(dx) < 48 || math.Abs(dx) < 1.5*math.Abs(dy) || dt > 800 {
		ctx.PreventUpdate()
		return
	}
	if dx < 0 {
		t.stepBy(ctx, +1)
	} else {
		t.stepBy(ctx, -1)
	}
}
