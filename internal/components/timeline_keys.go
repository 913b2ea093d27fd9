package components

import (
	"strconv"

	"docket/internal/timeline"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// onKeyDown hands timeline.View.Key the keys pressed while focus is inside
// the timeline: the handler is on the timeline's section, never on the
// window, so the host page keeps its keys.
func (t *Timeline) onKeyDown(ctx app.Context, e app.Event) {
	target := e.Get("target")
	k := timeline.Key{
		Name:     e.Get("key").String(),
		Modified: e.Get("altKey").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool(),
		Focus:    focusArea(target),
	}
	switch target.Get("tagName").String() {
	case "INPUT", "TEXTAREA", "SELECT":
		k.InField = true
	}
	switch k.Focus {
	case timeline.Markers:
		k.On = focusedMarkerID(target)
	case timeline.List:
		// Step from the event the reader is on in the list.
		if li := target.Call("closest", "li.event"); li.Truthy() {
			k.On = li.Get("id").String()
		}
	}
	v, fx := t.view.Key(k)
	t.update(ctx, e, v, fx)
}

// focusArea says which part of the timeline holds the focused element.
func focusArea(el app.Value) timeline.Area {
	switch {
	case !el.Truthy() || el.Get("closest").IsUndefined():
		return timeline.Elsewhere
	case el.Call("closest", ".tl-markers").Truthy():
		return timeline.Markers
	case el.Call("closest", ".event-list").Truthy():
		return timeline.List
	case el.Call("closest", ".tl-card").Truthy():
		return timeline.Card
	}
	return timeline.Elsewhere
}

// focus puts focus, after the render, where the reader will look for it:
// on the new marker, on the new list item, or on the card (whose links may
// be gone). Focus elsewhere (the buttons) stays put.
func (t *Timeline) focus(f timeline.Focus) {
	switch f.In {
	case timeline.Markers:
		t.focusMarkerOf(f.ID)
	case timeline.List:
		scrollToEvent(f.ID, "nearest", true)
	case timeline.Card:
		if el := app.Window().GetElementByID("tl-card"); el.Truthy() {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
	default:
		// On a narrow screen only the list shows: bring the event into view.
		if card := app.Window().GetElementByID("tl-card"); card.Truthy() && !card.Get("offsetParent").Truthy() {
			scrollToEvent(f.ID, "nearest", false)
		}
	}
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
	v, fx := t.view.Step(d)
	t.update(ctx, e, v, fx)
}

// onChooseButton selects the event a button names by its position.
func (t *Timeline) onChooseButton(ctx app.Context, e app.Event) {
	i, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("pos").String())
	if err != nil || i < 0 || i >= len(t.Case.Events) {
		return
	}
	v, fx := t.view.Select(t.Case.Events[i].ID)
	t.update(ctx, e, v, fx)
}

// onToggleCategory shows or hides a category's events.
func (t *Timeline) onToggleCategory(ctx app.Context, e app.Event) {
	k, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("cat").String())
	if err != nil {
		return
	}
	v, fx := t.view.Filter(k)
	t.update(ctx, e, v, fx)
}

// onSwipe follows a touch on the card: a quick horizontal swipe moves to
// the next event (leftwards) or the previous one. The card allows only
// vertical panning (touch-action: pan-y), so a horizontal swipe scrolls
// nothing; a vertical one scrolls the page as usual.
func (t *Timeline) onSwipe(ctx app.Context, e app.Event) {
	phase, ok := map[string]timeline.TouchPhase{
		"touchstart": timeline.TouchStart, "touchmove": timeline.TouchMove, "touchend": timeline.TouchEnd,
	}[e.Get("type").String()]
	if !ok {
		phase = timeline.TouchCancel
	}
	v, fx := t.view.Swipe(timeline.Touch{
		Phase:   phase,
		Touches: fingers(e.Get("touches"), 0),
		Changed: fingers(e.Get("changedTouches"), 0),
		Time:    e.Get("timeStamp").Float(),
	})
	t.update(ctx, e, v, fx)
}
