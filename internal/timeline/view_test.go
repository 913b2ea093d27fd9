package timeline

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"testing"
)

// The View's tests drive it as the Timeline component does: an address
// opened, the page mounted with an axis viewport of some width, then the
// reader's keys, clicks, wheel and fingers. They check what the reader
// would see (the event selected, the zoom, the window of the list) and the
// effects the page is asked to perform.

const demoWidth = 800 // px of the axis viewport in these tests

func addr(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// live is a View of e opened at address u and drawn in the browser with an
// axis width px wide, once the page has followed its first scroll.
func live(t *testing.T, e *Events, u string, width float64) View {
	t.Helper()
	v, fx := NewView(e).Open(addr(t, u)).Mount(width, addr(t, u))
	if !fx.Render {
		t.Fatal("Mount does not draw")
	}
	return v.ScrollSet()
}

// zoomSteps is how many steps in from the whole case the axis is; -1 when
// no axis is drawn.
func zoomSteps(v View) int {
	tl, l := v.axis()
	if l == nil {
		return -1
	}
	n := 0
	for z := tl.FitZoom(v.width); z < l.Zoom(); z = tl.ZoomIn(z) {
		n++
	}
	return n
}

// zoomedIn is v zoomed n steps in with the buttons.
func zoomedIn(t *testing.T, v View, n int) View {
	t.Helper()
	for range n {
		v, _ = v.Zoom(+1)
	}
	return v.ScrollSet()
}

// longEvents is n generated events over ten years in reading (date)
// order, in three categories by turn.
func longEvents(n int) (*Events, []Item) {
	items := generate(n, 42)
	slices.SortStableFunc(items, func(a, b Item) int { return a.Start.Compare(b.Start) })
	cats := make([]int, n)
	for i := range cats {
		cats[i] = i % 3
	}
	return eventsOf(items, cats, 3), items
}

func TestViewOpen(t *testing.T) {
	for _, tc := range []struct {
		addr      string
		want      string
		eventPage bool
	}{
		{"/cases/demo/", "a", false},
		{"/", "a", false},
		{"/cases/demo/?event=c", "c", false},
		{"/?event=b", "b", false},
		{"/embed/demo/?event=d&view=both", "d", false},
		{"/cases/demo/#d", "d", false},
		{"/cases/demo/?event=c#d", "d", false}, // the fragment, an in-page link, wins
		{"/cases/demo/?event=c#q-q1", "c", false},
		{"/cases/demo/?event=zz#yy", "a", false},
		{"/cases/demo/events/e/", "e", true},
		{"/cases/demo/events/e", "e", true},
		{"/cases/demo/events/zz/", "a", true},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			v := NewView(demoEvents()).Open(addr(t, tc.addr))
			if got := v.SelectedID(); got != tc.want {
				t.Errorf("selected %q; want %q", got, tc.want)
			}
			if v.eventPage != tc.eventPage {
				t.Errorf("event page %v; want %v", v.eventPage, tc.eventPage)
			}
			if v.Announced() != "" {
				t.Errorf("the live region names %q before the reader chose anything", v.Announced())
			}
		})
	}
}

func TestViewNavigate(t *testing.T) {
	// On the server, before the prerender: the first navigation is the
	// page load, which the live region does not announce.
	v := NewView(demoEvents())
	v, fx := v.Navigate(addr(t, "/cases/demo/?event=c"))
	if v.SelectedID() != "c" || v.Announced() != "" || fx != (Effects{Render: true}) {
		t.Fatalf("page load: selected %q, announced %q, %+v; want c, nothing, Render", v.SelectedID(), v.Announced(), fx)
	}
	for _, tc := range []struct {
		addr, want, announced string
	}{
		{"/cases/demo/?event=c#e", "e", "e"},      // an in-page link
		{"/cases/demo/?event=c#e", "e", "e"},      // the same again
		{"/cases/demo/?event=c#zz", "c", "c"},     // a link to no event: the query
		{"/cases/demo/events/b/", "b", "b"},       // an event page
		{"/cases/demo/?event=b#top", "b", "b"},    // the selection already
		{"/cases/demo/?event=a#a", "a", "a"},      // back to the first
		{"/cases/other/#nothing", "a", "a"},       // nothing named
		{"/cases/demo/#d", "d", "d"},              // after all that
		{"/cases/demo/?event=d&x=1", "d", "d"},    // other parameters
		{"/cases/demo/?event=&event=c", "d", "d"}, // an empty first value
	} {
		before := v
		v, fx = v.Navigate(addr(t, tc.addr))
		if v.SelectedID() != tc.want || v.Announced() != tc.announced || !fx.Render || fx.Address {
			t.Errorf("%s: selected %q, announced %q, %+v; want %q, %q, Render without Address", tc.addr, v.SelectedID(), v.Announced(), fx, tc.want, tc.announced)
		}
		if before.SelectedID() == tc.want && v.listFrom != before.listFrom {
			t.Errorf("%s: the list moved without a new selection", tc.addr)
		}
	}
}

func TestViewMountAndResize(t *testing.T) {
	e := demoEvents()
	v, fx := NewView(e).Open(addr(t, "/cases/demo/#d")).Mount(demoWidth, addr(t, "/cases/demo/#d"))
	if want := (Effects{Render: true, HoldInView: "d"}); fx != want {
		t.Errorf("Mount at #d: %+v; want %+v", fx, want)
	}
	if !v.Mounted() || v.Drawn().Layout == nil || v.Width() != demoWidth {
		t.Fatalf("after Mount: mounted %v, drawn %v, width %v", v.Mounted(), v.Drawn(), v.Width())
	}
	if _, ok := v.ScrollToSet(); !ok {
		t.Error("Mount does not ask the page to set the axis's scroll")
	}
	if _, fx := NewView(e).Open(addr(t, "/?event=d")).Mount(demoWidth, addr(t, "/?event=d")); fx.HoldInView != "" {
		t.Errorf("Mount without a fragment holds %q in view", fx.HoldInView)
	}
	if _, fx := NewView(e).Mount(demoWidth, addr(t, "/#q-q1")); fx.HoldInView != "" {
		t.Errorf("Mount at a fragment that is no event holds %q in view", fx.HoldInView)
	}

	// A narrow screen: the list alone, no axis.
	narrow, _ := NewView(e).Mount(0, nil)
	if narrow.Drawn() != (Drawn{}) || narrow.CanZoomIn() || narrow.CanZoomOut() {
		t.Errorf("at width 0 an axis is drawn: %+v", narrow.Drawn())
	}
	wide, fx := narrow.ScrollSet().Resize(demoWidth)
	if wide.Drawn().Layout == nil || !fx.Render {
		t.Error("widening the window draws no axis")
	}

	// At the whole-case zoom a new width starts the axis from its left.
	long, _ := longEvents(200)
	v = live(t, long, "/", 1000)
	v.scroll = 300
	v, _ = v.Resize(900)
	if left, moved := v.ScrollToSet(); left != 0 || !moved {
		t.Errorf("resized at the whole case: scroll %v (must set: %v); want 0, true", left, moved)
	}
	if got := v.Drawn().Layout.Width(); got != 900 {
		t.Errorf("the fitted axis is %v px wide in a 900 px viewport", got)
	}
	// Zoomed in, the zoom and the scroll stay, and the selection stays in
	// view.
	v = zoomedIn(t, live(t, long, "/?event="+long.ID(100), 1000), 3)
	s0 := v.scroll
	if w, _ := v.Resize(990); w.scroll != s0 {
		t.Errorf("zoomed in, a new width moved the axis from %v to %v", s0, w.scroll)
	}
	v, _ = v.Resize(700)
	if zoomSteps(v) < 3 {
		t.Errorf("resizing lost the zoom: %d steps in", zoomSteps(v))
	}
	mk, _ := v.Drawn().Layout.MarkerOf(long.ID(100))
	if x := mk.X - v.scroll; x < 0 || x > 700 {
		t.Errorf("after resizing, the selected marker is at %v px of a 700 px viewport", x)
	}
}

// TestViewDrawnWidth checks that the drawn window names the viewport's
// width: zoomed in, a wider window keeps the layout and the cut, but draws
// more markers, which the page must place.
func TestViewDrawnWidth(t *testing.T) {
	long, _ := longEvents(300)
	for _, tc := range []struct {
		name     string
		steps    int // zoom steps in
		from, to float64
	}{
		{"zoomed in, wider", 3, 1000, 1400},
		{"zoomed in, narrower", 3, 1000, 700},
		{"zoomed in, a pixel wider", 3, 1000, 1001},
		{"whole case, wider", 0, 1000, 1400},
		{"zoomed in, the same width", 3, 1000, 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := zoomedIn(t, live(t, long, "/?event="+long.ID(150), tc.from), tc.steps)
			before := v.Drawn()
			v, fx := v.Resize(tc.to)
			d := v.Drawn()
			if !fx.Render || d.Layout == nil {
				t.Fatalf("Resize: %+v, drawn %+v", fx, d)
			}
			if d.Width != tc.to {
				t.Errorf("drawn for a viewport %v px wide; it is %v", d.Width, tc.to)
			}
			if changed := d != before; changed != (tc.from != tc.to) {
				t.Errorf("the drawn window changed: %v; the width changed: %v", changed, tc.from != tc.to)
			}
			// Every marker in the viewport is in the window the page draws.
			drawn := map[string]bool{}
			for _, mk := range d.Layout.Window(d.Left, d.Width).Markers {
				drawn[mk.IDs[0]] = true
			}
			for _, mk := range allMarkers(d.Layout) {
				if mk.X >= v.scroll && mk.X <= v.scroll+tc.to && !drawn[mk.IDs[0]] {
					t.Errorf("the marker of %s at %v px, in view (%v to %v), is not drawn", mk.IDs[0], mk.X, v.scroll, v.scroll+tc.to)
				}
			}
		})
	}
}

func TestViewKeys(t *testing.T) {
	for _, tc := range []struct {
		name string
		open string
		hide []int // categories switched off first
		key  Key
		want string
		fx   Effects
	}{
		{"→ from the first shown", "/", nil, Key{Name: "ArrowRight"}, "b", Effects{Render: true, Handled: true, Address: true, Focus: Focus{Elsewhere, "b"}}},
		{"→ on a marker", "/?event=a", nil, Key{Name: "ArrowRight", Focus: Markers, On: "a"}, "b", Effects{Render: true, Handled: true, Address: true, Focus: Focus{Markers, "b"}}},
		{"←", "/?event=c", nil, Key{Name: "ArrowLeft"}, "b", Effects{Render: true, Handled: true, Address: true, Focus: Focus{Elsewhere, "b"}}},
		{"← at the first stays", "/?event=a", nil, Key{Name: "ArrowLeft"}, "a", Effects{Handled: true}},
		{"→ at the last stays", "/?event=e", nil, Key{Name: "ArrowRight"}, "e", Effects{Handled: true}},
		{"← from the first shown, not yet in the address", "/", nil, Key{Name: "ArrowLeft"}, "a", Effects{Render: true, Handled: true, Address: true, Focus: Focus{Elsewhere, "a"}}},
		{"Home in the card", "/?event=d", nil, Key{Name: "Home", Focus: Card}, "a", Effects{Render: true, Handled: true, Address: true, Focus: Focus{Card, "a"}}},
		{"End", "/?event=a", nil, Key{Name: "End"}, "e", Effects{Render: true, Handled: true, Address: true, Focus: Focus{Elsewhere, "e"}}},
		{"Home at the first", "/?event=a", nil, Key{Name: "Home"}, "a", Effects{Handled: true}},
		{"End at the last", "/?event=e", nil, Key{Name: "End"}, "e", Effects{Handled: true}},
		{"→ in the list steps from the focused item", "/?event=a", nil, Key{Name: "ArrowRight", Focus: List, On: "c"}, "d", Effects{Render: true, Handled: true, Address: true, Focus: Focus{List, "d"}}},
		{"← in the list onto the selection", "/?event=b", nil, Key{Name: "ArrowLeft", Focus: List, On: "c"}, "b", Effects{Render: true, Handled: true, Focus: Focus{List, "b"}}},
		{"→ from a hidden list item steps from the selection", "/?event=b", []int{press}, Key{Name: "ArrowRight", Focus: List, On: "d"}, "c", Effects{Render: true, Handled: true, Address: true, Focus: Focus{List, "c"}}},
		{"→ skips hidden events", "/?event=c", []int{press}, Key{Name: "ArrowRight"}, "e", Effects{Render: true, Handled: true, Address: true, Focus: Focus{Elsewhere, "e"}}},
		{"Home skips hidden events", "/?event=e", []int{press}, Key{Name: "Home"}, "b", Effects{Render: true, Handled: true, Address: true, Focus: Focus{Elsewhere, "b"}}},
		{"End to the last shown", "/?event=b", []int{court}, Key{Name: "End"}, "d", Effects{Render: true, Handled: true, Address: true, Focus: Focus{Elsewhere, "d"}}},
		{"Ctrl+→ is the browser's", "/?event=a", nil, Key{Name: "ArrowRight", Modified: true}, "a", Effects{}},
		{"→ in a form field", "/?event=a", nil, Key{Name: "ArrowRight", InField: true}, "a", Effects{}},
		{"Enter", "/?event=a", nil, Key{Name: "Enter"}, "a", Effects{}},
		{"a letter", "/?event=a", nil, Key{Name: "j"}, "a", Effects{}},
		{"Tab", "/?event=a", nil, Key{Name: "Tab", Focus: Markers, On: "a"}, "a", Effects{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := live(t, demoEvents(), tc.open, demoWidth)
			for _, k := range tc.hide {
				v, _ = v.Filter(k)
			}
			v, fx := v.Key(tc.key)
			if got := v.SelectedID(); got != tc.want {
				t.Errorf("selected %q; want %q", got, tc.want)
			}
			if fx != tc.fx {
				t.Errorf("effects %+v; want %+v", fx, tc.fx)
			}
			if tc.fx.Address && v.Announced() != tc.want {
				t.Errorf("the live region names %q; want %q", v.Announced(), tc.want)
			}
		})
	}

	// A hidden selection: the keys start from the nearest event shown.
	v := live(t, demoEvents(), "/?event=a", demoWidth)
	v, _ = v.Filter(press)
	if got := v.SelectedID(); got != "b" {
		t.Fatalf("a hidden, the card shows %q; want b", got)
	}
	if w, _ := v.Key(Key{Name: "ArrowLeft"}); w.SelectedID() != "b" {
		t.Errorf("← from the first shown went to %q", w.SelectedID())
	}

	// Before the wasm has drawn the page, no key is the timeline's.
	for _, name := range []string{"ArrowRight", "ArrowLeft", "Home", "End", "+", "-"} {
		if v, fx := NewView(demoEvents()).Key(Key{Name: name}); fx != (Effects{}) || v.SelectedID() != "a" {
			t.Errorf("%s before mounting: %+v, selected %q", name, fx, v.SelectedID())
		}
	}
}

func TestViewZoomKeys(t *testing.T) {
	for _, tc := range []struct {
		name        string
		from        int // zoom steps in before the key
		key         Key
		steps       int // after
		fx          Effects
		aroundFocus bool // the marker focused stays in view
	}{
		{"+ zooms in", 0, Key{Name: "+"}, 1, Effects{Render: true, Handled: true}, false},
		{"= zooms in (+ without Shift)", 0, Key{Name: "="}, 1, Effects{Render: true, Handled: true}, false},
		{"+ on a marker keeps focus there", 0, Key{Name: "+", Focus: Markers, On: "a"}, 1, Effects{Render: true, Handled: true, Focus: Focus{Markers, "a"}}, true},
		{"− zooms out", 2, Key{Name: "-"}, 1, Effects{Render: true, Handled: true}, false},
		{"_ zooms out (− with Shift)", 2, Key{Name: "_", Focus: Markers, On: "e"}, 1, Effects{Render: true, Handled: true, Focus: Focus{Markers, "e"}}, true},
		{"− at the whole case does nothing", 0, Key{Name: "-"}, 0, Effects{Handled: true}, false},
		{"+ fully zoomed in does nothing", 5, Key{Name: "+"}, 5, Effects{Handled: true}, false},
		{"+ in the list zooms around the selection", 1, Key{Name: "+", Focus: List, On: "a"}, 2, Effects{Render: true, Handled: true}, false},
		{"Ctrl++ is the browser's zoom", 0, Key{Name: "+", Modified: true}, 0, Effects{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := zoomedIn(t, live(t, demoEvents(), "/?event=c", demoWidth), tc.from)
			if got := zoomSteps(v); got != tc.from {
				t.Fatalf("%d steps in before the key; want %d", got, tc.from)
			}
			v, fx := v.Key(tc.key)
			if got := zoomSteps(v); got != tc.steps {
				t.Errorf("%d steps in after %q; want %d", got, tc.key.Name, tc.steps)
			}
			if fx != tc.fx {
				t.Errorf("effects %+v; want %+v", fx, tc.fx)
			}
			if v.SelectedID() != "c" {
				t.Errorf("zooming selected %q", v.SelectedID())
			}
			if tc.aroundFocus {
				mk, _ := v.Drawn().Layout.MarkerOf(tc.key.On)
				if x := mk.X - v.scroll; x < 0 || x > demoWidth {
					t.Errorf("the focused marker is at %v px, out of view", x)
				}
			}
		})
	}
}

func TestViewZoomButtons(t *testing.T) {
	e := demoEvents()
	v := live(t, e, "/?event=c", demoWidth)
	tl := v.Shown().Axis()
	fit := tl.FitZoom(demoWidth)
	if v.CanZoomOut() || !v.CanZoomIn() {
		t.Fatalf("at the whole case: can zoom out %v, in %v", v.CanZoomOut(), v.CanZoomIn())
	}
	for _, dir := range []int{-1, 0} {
		if w, fx := v.Zoom(dir); fx != (Effects{}) || zoomSteps(w) != 0 {
			t.Errorf("Zoom(%d) at the whole case: %+v, %d steps in", dir, fx, zoomSteps(w))
		}
	}
	// In, to the closest zoom: MaxZoom, five doublings from this case's fit.
	steps := 0
	for v.CanZoomIn() {
		var fx Effects
		v, fx = v.Zoom(+1)
		steps++
		if fx != (Effects{Render: true}) {
			t.Errorf("zoom in %d: %+v", steps, fx)
		}
		if want := min(fit*Zoom(math.Pow(2, float64(steps))), MaxZoom); v.Drawn().Layout.Zoom() != want {
			t.Errorf("zoom in %d: zoom %v; want %v", steps, v.Drawn().Layout.Zoom(), want)
		}
		if steps > 20 {
			t.Fatal("zoom in never ends")
		}
	}
	if v.Drawn().Layout.Zoom() != MaxZoom || steps != 5 {
		t.Errorf("fully zoomed in after %d steps at %v; want 5 steps to %v", steps, v.Drawn().Layout.Zoom(), MaxZoom)
	}
	if w, fx := v.Zoom(+1); fx != (Effects{}) || w.Drawn().Layout.Zoom() != MaxZoom {
		t.Errorf("zoom in at MaxZoom: %+v", fx)
	}
	if !v.CanZoomOut() {
		t.Error("cannot zoom out from MaxZoom")
	}
	// The selected marker stays in view all the way.
	mk, _ := v.Drawn().Layout.MarkerOf("c")
	if x := mk.X - v.scroll; x < 0 || x > demoWidth {
		t.Errorf("fully zoomed in, the selected marker is at %v px", x)
	}
	// Out one step, then back to the whole case at once.
	w, fx := v.Zoom(-1)
	if fx != (Effects{Render: true}) || zoomSteps(w) != 4 {
		t.Errorf("zoom out: %+v, %d steps in; want 4", fx, zoomSteps(w))
	}
	w, fx = w.Zoom(0)
	if fx != (Effects{Render: true}) || zoomSteps(w) != 0 || w.zoom != 0 || w.CanZoomOut() {
		t.Errorf("whole case: %+v, %d steps in, zoom %v", fx, zoomSteps(w), w.zoom)
	}
	// One step out of the first step in is the whole case too.
	w, _ = zoomedIn(t, w, 1).Zoom(-1)
	if w.zoom != 0 {
		t.Errorf("zooming out to the fit keeps zoom %v; want 0 (follows the width)", w.zoom)
	}
}

// TestViewZoomAnchor checks that zooming keeps the moment under its anchor
// in place: the selected marker when it is in view, else the middle.
func TestViewZoomAnchor(t *testing.T) {
	long, _ := longEvents(300)
	const width = 1000
	mid := long.ID(150)
	v := zoomedIn(t, live(t, long, "/?event="+mid, width), 4)
	for _, tc := range []struct {
		name   string
		pick   string
		scroll float64 // set before the zoom; -1 keeps the View's
	}{
		{"around the selected marker", mid, -1},
		{"around the middle when the selected marker is out of view", long.ID(5), 9000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, _ := v.Select(tc.pick)
			w = w.ScrollSet()
			if tc.scroll >= 0 {
				w.scroll = tc.scroll
			}
			l0 := w.Drawn().Layout
			anchor := float64(width) / 2
			if mk, _ := l0.MarkerOf(tc.pick); mk.X-w.scroll >= 0 && mk.X-w.scroll <= width {
				anchor = mk.X - w.scroll
			}
			if got := w.anchorOf(tc.pick); got != anchor {
				t.Fatalf("anchor %v; want %v", got, anchor)
			}
			before := l0.Time(w.scroll + anchor)
			w, _ = w.Zoom(+1)
			l1 := w.Drawn().Layout
			after := l1.Time(w.scroll + anchor)
			if d := after.Sub(before).Abs().Hours(); d > 1 {
				t.Errorf("the moment under the anchor moved by %.1f hours", d)
			}
		})
	}
}

// checkGestures applies gestures in turn to the demo View zoomed from
// steps in, and checks after each how many steps in it is and whether it
// is drawn and handled.
func checkGestures(t *testing.T, from int, gestures []func(View) (View, Effects), steps []int, render []bool, handled bool) {
	t.Helper()
	v := zoomedIn(t, live(t, demoEvents(), "/?event=c", demoWidth), from)
	for i, g := range gestures {
		var fx Effects
		v, fx = g(v)
		if got := zoomSteps(v); got != steps[i] {
			t.Errorf("gesture %d: %d steps in; want %d", i, got, steps[i])
		}
		if want := (Effects{Render: render[i], Handled: handled}); fx != want {
			t.Errorf("gesture %d: %+v; want %+v", i, fx, want)
		}
	}
}

func TestViewWheel(t *testing.T) {
	notch := func(dy float64) Wheel { return Wheel{DeltaY: dy, Ctrl: true, X: 300} }
	for _, tc := range []struct {
		name   string
		from   int
		wheels []Wheel
		steps  []int  // zoom steps in after each wheel
		render []bool // drawn after each wheel
	}{
		{"a notch in", 0, []Wheel{notch(-60)}, []int{1}, []bool{true}},
		{"a big turn is one step", 0, []Wheel{notch(-600)}, []int{1}, []bool{true}},
		{"not quite a notch", 0, []Wheel{notch(-59)}, []int{0}, []bool{false}},
		{"half notches add up", 0, []Wheel{notch(-30), notch(-30)}, []int{0, 1}, []bool{false, true}},
		{"what is left after a step is dropped", 0, []Wheel{notch(-100), notch(-30)}, []int{1, 1}, []bool{true, false}},
		{"back and forth cancel", 0, []Wheel{notch(-40), notch(40), notch(-40)}, []int{0, 0, 0}, []bool{false, false, false}},
		{"lines count 16 px", 0, []Wheel{{DeltaY: -3, Lines: true, Ctrl: true}, {DeltaY: -1, Lines: true, Ctrl: true}}, []int{0, 1}, []bool{false, true}},
		{"a notch out", 2, []Wheel{notch(60)}, []int{1}, []bool{true}},
		{"out at the whole case", 0, []Wheel{notch(60)}, []int{0}, []bool{false}},
		{"in at the closest zoom", 5, []Wheel{notch(-60)}, []int{5}, []bool{false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gestures := make([]func(View) (View, Effects), len(tc.wheels))
			for i, w := range tc.wheels {
				gestures[i] = func(v View) (View, Effects) { return v.Wheel(w) }
			}
			checkGestures(t, tc.from, gestures, tc.steps, tc.render, true)
		})
	}
	// Without Ctrl the wheel scrolls the page, whatever it turns.
	v := live(t, demoEvents(), "/", demoWidth)
	for _, dy := range []float64{-600, -60, 60} {
		w, fx := v.Wheel(Wheel{DeltaY: dy})
		if fx != (Effects{}) || zoomSteps(w) != 0 || w.wheel != 0 {
			t.Errorf("plain wheel %v: %+v, %d steps in, %v kept", dy, fx, zoomSteps(w), w.wheel)
		}
	}
	// The wheel zooms around the pointer.
	long, _ := longEvents(300)
	v = zoomedIn(t, live(t, long, "/?event="+long.ID(150), 1000), 3)
	l0 := v.Drawn().Layout
	before := l0.Time(v.scroll + 250)
	v, _ = v.Wheel(Wheel{DeltaY: -60, Ctrl: true, X: 250})
	if d := v.Drawn().Layout.Time(v.scroll + 250).Sub(before).Abs().Hours(); d > 1 {
		t.Errorf("the moment under the pointer moved by %.1f hours", d)
	}
}

func TestViewPinch(t *testing.T) {
	// Two fingers d px apart, around x = 400.
	two := func(d float64) Touch {
		return Touch{Phase: TouchMove, Touches: []Point{{400 - d/2, 80}, {400 + d/2, 80}}}
	}
	one := Touch{Phase: TouchEnd, Touches: []Point{{400, 80}}}
	for _, tc := range []struct {
		name    string
		from    int
		touches []Touch
		steps   []int
		render  []bool
	}{
		{"apart", 0, []Touch{two(100), two(149), two(150)}, []int{0, 0, 1}, []bool{false, false, true}},
		{"each step from the last", 0, []Touch{two(100), two(150), two(225)}, []int{0, 1, 2}, []bool{false, true, true}},
		{"together", 2, []Touch{two(150), two(101), two(100)}, []int{2, 2, 1}, []bool{false, false, true}},
		{"a finger lifted starts again", 0, []Touch{two(100), one, two(150), two(160)}, []int{0, 0, 0, 0}, []bool{false, false, false, false}},
		{"apart at the closest zoom", 5, []Touch{two(100), two(200)}, []int{5, 5}, []bool{false, false}},
		{"together at the whole case", 0, []Touch{two(200), two(100)}, []int{0, 0}, []bool{false, false}},
		{"three fingers", 0, []Touch{two(100), {Touches: []Point{{0, 0}, {100, 0}, {300, 0}}}, two(150)}, []int{0, 0, 0}, []bool{false, false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gestures := make([]func(View) (View, Effects), len(tc.touches))
			for i, tt := range tc.touches {
				gestures[i] = func(v View) (View, Effects) { return v.Pinch(tt) }
			}
			// Touch listeners are passive: a pinch is never Handled.
			checkGestures(t, tc.from, gestures, tc.steps, tc.render, false)
		})
	}
}

func TestViewPan(t *testing.T) {
	long, _ := longEvents(300)
	v := zoomedIn(t, live(t, long, "/?event="+long.ID(150), 1000), 4)
	d0 := v.Drawn()
	if d0.Left != v.scroll {
		t.Fatalf("the window is cut at %v, the scroll is %v", d0.Left, v.scroll)
	}
	// A small scroll keeps the window.
	v, fx := v.Pan(d0.Left + 60)
	if fx != (Effects{}) || v.Drawn() != d0 || v.scroll != d0.Left+60 {
		t.Errorf("panned 60 px: %+v, window %+v, scroll %v; want the same window", fx, v.Drawn(), v.scroll)
	}
	v, fx = v.Pan(d0.Left - 99)
	if fx != (Effects{}) || v.Drawn() != d0 {
		t.Errorf("panned 99 px back: %+v, window at %v", fx, v.Drawn().Left)
	}
	// Nearly out of the window's margin: a new window.
	v, fx = v.Pan(d0.Left + 100)
	if fx != (Effects{Render: true}) || v.Drawn().Left != d0.Left+100 {
		t.Errorf("panned 100 px: %+v, window at %v; want a new window at %v", fx, v.Drawn().Left, d0.Left+100)
	}
	if _, moved := v.ScrollToSet(); moved {
		t.Error("the reader's own scroll is set again")
	}
	// Beyond the end, held at the end.
	v, _ = v.Pan(1e9)
	if end := v.Drawn().Layout.Width() - 1000; v.scroll != end || v.Drawn().Left != end {
		t.Errorf("panned past the end: scroll %v, window %v; want %v", v.scroll, v.Drawn().Left, end)
	}
	// While the page has not followed a scroll the View made, the page's
	// offset is stale and is ignored.
	v, _ = v.Key(Key{Name: "Home"})
	left, moved := v.ScrollToSet()
	if !moved {
		t.Fatal("Home far from the window does not move the axis")
	}
	if w, fx := v.Pan(left + 500); fx != (Effects{}) || w.scroll != left {
		t.Errorf("a stale scroll event moved the axis to %v (%+v)", w.scroll, fx)
	}
	if w, _ := v.ScrollSet().Pan(left + 500); w.scroll != left+500 {
		t.Errorf("once set, the reader's scroll is ignored: %v", w.scroll)
	}
}

func TestViewFilter(t *testing.T) {
	for _, tc := range []struct {
		name   string
		open   string
		toggle []int
		want   string
		hidden Filter
		fx     Effects // of the last toggle
	}{
		{"hiding the selected event's category moves to the next shown", "/?event=c", []int{court}, "d", 1 << court, Effects{Render: true, Address: true}},
		{"and at the end, to the one before", "/?event=e", []int{court}, "d", 1 << court, Effects{Render: true, Address: true}},
		{"hiding another category keeps the selection", "/?event=c", []int{press}, "c", 1 << press, Effects{Render: true}},
		{"on again", "/?event=c", []int{court, court}, "d", 0, Effects{Render: true}},
		{"two off", "/?event=a", []int{press, gov}, "c", 1<<press | 1<<gov, Effects{Render: true, Address: true}},
		{"the last category shown stays on", "/?event=c", []int{press, gov, court}, "c", 1<<press | 1<<gov, Effects{}},
		{"no such category", "/?event=c", []int{3}, "c", 0, Effects{}},
		{"nor a negative one", "/?event=c", []int{-1}, "c", 0, Effects{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := live(t, demoEvents(), tc.open, demoWidth)
			var fx Effects
			for _, k := range tc.toggle {
				v, fx = v.Filter(k)
			}
			if got := v.SelectedID(); got != tc.want {
				t.Errorf("selected %q; want %q", got, tc.want)
			}
			if v.Hidden() != tc.hidden {
				t.Errorf("hidden %b; want %b", v.Hidden(), tc.hidden)
			}
			if fx != tc.fx {
				t.Errorf("effects %+v; want %+v", fx, tc.fx)
			}
			if fx.Address && v.Announced() != tc.want {
				t.Errorf("the live region names %q; want %q", v.Announced(), tc.want)
			}
			if v.Drawn().Layout.tl != v.Shown().Axis() {
				t.Error("the axis drawn is not of the events shown")
			}
		})
	}
	// A link to a hidden event: the card shows the nearest one shown, and
	// switching the event's category back on selects it.
	v := live(t, demoEvents(), "/?event=b", demoWidth)
	v, _ = v.Filter(press)
	v, _ = v.Navigate(addr(t, "/?event=b#a"))
	if v.SelectedID() != "b" {
		t.Fatalf("a link to hidden a shows %q; want b", v.SelectedID())
	}
	v, fx := v.Filter(press)
	if v.SelectedID() != "a" || v.Announced() != "a" || fx != (Effects{Render: true, Address: true}) {
		t.Errorf("press on again: selected %q, announced %q, %+v; want a, a, Render and Address", v.SelectedID(), v.Announced(), fx)
	}

	// The switches: the one category left cannot be switched off.
	v = live(t, demoEvents(), "/", demoWidth)
	v, _ = v.Filter(press)
	v, _ = v.Filter(gov)
	for k, want := range []bool{true, false, false} {
		if got := v.OnlyShown(k); got != want {
			t.Errorf("OnlyShown(%d) = %v; want %v", k, got, want)
		}
	}
	if v.Shown().Len() != 2 {
		t.Errorf("%d events shown with court alone; want 2", v.Shown().Len())
	}
	// A filter starts the axis from its left and follows the selection, and
	// the page, scrolled wherever the reader left it, follows the View.
	long, _ := longEvents(300)
	for _, tc := range []struct {
		name string
		id   string  // the selection, of category 0, which stays
		page float64 // where the reader scrolled the axis; -1: 200 px on from the zoom's
	}{
		{"selection near the start, axis scrolled on", long.ID(3), -1},
		{"selection near the start, axis at its left already", long.ID(3), 0},
		{"selection in the middle, axis scrolled on", long.ID(150), -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := zoomedIn(t, live(t, long, "/?event="+tc.id, 1000), 4)
			page := tc.page
			if page < 0 {
				page = w.scroll + 200
			}
			w, _ = w.Pan(page)
			w = w.ScrollSet() // the page has its scroll
			w, _ = w.Filter(1)
			if got := w.SelectedID(); got != tc.id {
				t.Errorf("selected %q; want %q", got, tc.id)
			}
			l := w.Drawn().Layout
			want := 0.0
			if mk, _ := l.MarkerOf(tc.id); mk.X > 1000-revealMargin {
				want, _ = l.CenterOn(tc.id, 1000)
			}
			if w.scroll != want {
				t.Errorf("after the filter the axis is scrolled to %v; want %v", w.scroll, want)
			}
			if left, moved := w.ScrollToSet(); moved != (page != want) || moved && left != want {
				t.Errorf("the page scrolled to %v is asked to set %v (%v); want %v set: %v", page, left, moved, want, page != want)
			}
		})
	}
}

func TestViewSwipe(t *testing.T) {
	start := Touch{Phase: TouchStart, Touches: []Point{{200, 300}}, Time: 1000}
	end := func(dx, dy, dt float64) Touch {
		return Touch{Phase: TouchEnd, Changed: []Point{{200 + dx, 300 + dy}}, Time: 1000 + dt}
	}
	for _, tc := range []struct {
		name    string
		open    string
		touches []Touch
		want    string
		fx      Effects // of the last touch
	}{
		{"leftwards: the next event", "/?event=b", []Touch{start, end(-160, 4, 200)}, "c", Effects{Render: true, Address: true}},
		{"rightwards: the previous", "/?event=b", []Touch{start, end(160, -4, 200)}, "a", Effects{Render: true, Address: true}},
		{"just far enough", "/?event=b", []Touch{start, end(-48, 0, 100)}, "c", Effects{Render: true, Address: true}},
		{"too short", "/?event=b", []Touch{start, end(-47, 0, 100)}, "b", Effects{}},
		{"sideways enough", "/?event=b", []Touch{start, end(-60, 40, 100)}, "c", Effects{Render: true, Address: true}},
		{"too steep: the page scrolls", "/?event=b", []Touch{start, end(-60, 41, 100)}, "b", Effects{}},
		{"just quick enough", "/?event=b", []Touch{start, end(-160, 0, 800)}, "c", Effects{Render: true, Address: true}},
		{"too slow", "/?event=b", []Touch{start, end(-160, 0, 801)}, "b", Effects{}},
		{"cancelled", "/?event=b", []Touch{start, {Phase: TouchCancel, Changed: []Point{{40, 300}}, Time: 1100}}, "b", Effects{}},
		{"a finger still down", "/?event=b", []Touch{start, {Phase: TouchEnd, Touches: []Point{{0, 0}}, Changed: []Point{{40, 300}}, Time: 1100}}, "b", Effects{}},
		{"two fingers", "/?event=b", []Touch{{Phase: TouchStart, Touches: []Point{{200, 300}, {260, 300}}, Time: 1000}, end(-160, 0, 100)}, "b", Effects{}},
		{"an end without a start", "/?event=b", []Touch{end(-160, 0, 100)}, "b", Effects{}},
		{"one swipe, one step", "/?event=b", []Touch{start, end(-160, 0, 100), end(-160, 0, 200)}, "c", Effects{}},
		{"moves change nothing", "/?event=b", []Touch{start, {Phase: TouchMove, Touches: []Point{{120, 300}}, Time: 1050}, end(-160, 0, 100)}, "c", Effects{Render: true, Address: true}},
		{"leftwards at the last stays", "/?event=e", []Touch{start, end(-160, 0, 100)}, "e", Effects{Render: true}},
		{"rightwards at the first stays", "/?event=a", []Touch{start, end(160, 0, 100)}, "a", Effects{Render: true}},
		{"skips hidden events", "/?event=c&hide", []Touch{start, end(-160, 0, 100)}, "e", Effects{Render: true, Address: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := addr(t, tc.open)
			v := live(t, demoEvents(), tc.open, demoWidth)
			if u.Query().Has("hide") {
				v, _ = v.Filter(press)
			}
			var fx Effects
			for _, tt := range tc.touches {
				v, fx = v.Swipe(tt)
			}
			if got := v.SelectedID(); got != tc.want {
				t.Errorf("selected %q; want %q", got, tc.want)
			}
			if fx != tc.fx {
				t.Errorf("effects %+v; want %+v", fx, tc.fx)
			}
		})
	}
}

func TestViewClickMarker(t *testing.T) {
	e := demoEvents()
	v := live(t, e, "/?event=a", demoWidth)
	l := v.Drawn().Layout
	// At the whole case, c and d (one day) and e (the day after) share a
	// marker: a cluster of two groups.
	if mk, _ := l.MarkerOf("e"); mk.Groups != 2 || !slices.Equal(mk.IDs, []string{"c", "d", "e"}) {
		t.Fatalf("the demo case needs a cluster at the whole case; e's marker is %+v", mk)
	}

	// A marker of one event selects it.
	w, fx := v.ClickMarker("b")
	if w.SelectedID() != "b" || fx != (Effects{Render: true, Address: true, Focus: Focus{Markers, "b"}}) {
		t.Errorf("click b: selected %q, %+v", w.SelectedID(), fx)
	}
	// The selected one again changes nothing but keeps focus.
	if w, fx := v.ClickMarker("a"); w.SelectedID() != "a" || fx != (Effects{Render: true, Focus: Focus{Markers, "a"}}) {
		t.Errorf("click a again: selected %q, %+v", w.SelectedID(), fx)
	}

	// The cluster zooms in until its first event stands alone.
	w, fx = v.ClickMarker("c")
	if w.SelectedID() != "c" || fx != (Effects{Render: true, Address: true, Focus: Focus{Markers, "c"}}) {
		t.Errorf("click the cluster: selected %q, %+v; want c", w.SelectedID(), fx)
	}
	l1 := w.Drawn().Layout
	tl := w.Shown().Axis()
	if mk, _ := l1.MarkerOf("c"); mk.Groups != 1 || !slices.Equal(mk.IDs, []string{"c", "d"}) {
		t.Errorf("after the click c's marker is %+v; want c and d alone", mk)
	}
	if mk, _ := tl.Layout(l1.Zoom() / 2).MarkerOf("c"); mk.Groups == 1 {
		t.Errorf("zoomed in further than needed: c stood alone at %v", l1.Zoom()/2)
	}
	if left, moved := w.ScrollToSet(); !moved {
		t.Error("the cluster's zoom does not scroll the axis")
	} else if want, _ := l1.CenterOn("c", demoWidth); left != want {
		t.Errorf("scroll %v; want c centred at %v", left, want)
	}

	// One day's marker selects its events in turn.
	w = w.ScrollSet()
	for _, want := range []string{"d", "c", "d"} {
		w, fx = w.ClickMarker("c")
		if w.SelectedID() != want || fx.Focus != (Focus{Markers, want}) || !fx.Address {
			t.Errorf("click c and d's marker: selected %q, %+v; want %q", w.SelectedID(), fx, want)
		}
	}

	// An unknown marker, and no axis, change nothing.
	if w, fx := v.ClickMarker("zz"); w.SelectedID() != "a" || fx != (Effects{Render: true}) {
		t.Errorf("click an unknown marker: selected %q, %+v", w.SelectedID(), fx)
	}
	if w, fx := NewView(e).ClickMarker("b"); w.SelectedID() != "a" || fx != (Effects{Render: true}) {
		t.Errorf("click before mounting: selected %q, %+v", w.SelectedID(), fx)
	}
}

// TestViewReveal checks that a step brings the new event's marker into
// view when it is out of view or within 48 px of an edge, and else leaves
// the axis where it is.
func TestViewReveal(t *testing.T) {
	long, _ := longEvents(300)
	const width = 1000
	base := zoomedIn(t, live(t, long, "/?event="+long.ID(150), width), 6)
	l := base.Drawn().Layout
	next, _ := l.MarkerOf(long.ID(151))
	if cur, _ := l.MarkerOf(long.ID(150)); next.X-cur.X < 100 {
		t.Fatalf("events 150 and 151 are %v px apart: the test needs more", next.X-cur.X)
	}
	centred, _ := l.CenterOn(long.ID(151), width)
	for _, tc := range []struct {
		name string
		at   float64 // px from the viewport's left edge of 151's marker before the step
		want float64 // the scroll after
	}{
		{"well in view", width / 2, next.X - width/2},
		{"49 px from the right edge", width - 49, next.X - (width - 49)},
		{"47 px from the right edge", width - 47, centred},
		{"beyond the right edge", width + 10, centred},
		{"49 px from the left edge", 49, next.X - 49},
		{"47 px from the left edge", 47, centred},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := base
			v.scroll = next.X - tc.at
			v, _ = v.Step(+1)
			if v.SelectedID() != long.ID(151) {
				t.Fatalf("stepped to %q", v.SelectedID())
			}
			if left, _ := v.ScrollToSet(); left != tc.want {
				t.Errorf("scroll %v; want %v", left, tc.want)
			}
		})
	}
}

func TestViewStepAndSelect(t *testing.T) {
	v := live(t, demoEvents(), "/?event=c", demoWidth)
	for _, tc := range []struct {
		name string
		do   func(View) (View, Effects)
		want string
		fx   Effects
	}{
		{"next", func(v View) (View, Effects) { return v.Step(+1) }, "d", Effects{Render: true, Address: true}},
		{"previous", func(v View) (View, Effects) { return v.Step(-1) }, "b", Effects{Render: true, Address: true}},
		{"two on", func(v View) (View, Effects) { return v.Step(+2) }, "e", Effects{Render: true, Address: true}},
		{"far back stops at the first", func(v View) (View, Effects) { return v.Step(-10) }, "a", Effects{Render: true, Address: true}},
		{"select", func(v View) (View, Effects) { return v.Select("e") }, "e", Effects{Render: true, Address: true}},
		{"select the selected", func(v View) (View, Effects) { return v.Select("c") }, "c", Effects{Render: true}},
		{"select an unknown event", func(v View) (View, Effects) { return v.Select("zz") }, "c", Effects{Render: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, fx := tc.do(v)
			if w.SelectedID() != tc.want || fx != tc.fx {
				t.Errorf("selected %q, %+v; want %q, %+v", w.SelectedID(), fx, tc.want, tc.fx)
			}
			if tc.fx.Address && w.Announced() != tc.want {
				t.Errorf("announced %q", w.Announced())
			}
			if v.SelectedID() != "c" {
				t.Error("the View it started from changed")
			}
		})
	}
}

// TestViewIsAValue checks that a method leaves its receiver as it was, so
// that the component may keep an old View.
func TestViewIsAValue(t *testing.T) {
	v := live(t, demoEvents(), "/?event=b", demoWidth)
	v, _ = v.Swipe(Touch{Phase: TouchStart, Touches: []Point{{0, 0}}})
	v, _ = v.Wheel(Wheel{DeltaY: -30, Ctrl: true})
	v, _ = v.Pinch(Touch{Touches: []Point{{0, 0}, {100, 0}}})
	before := fmt.Sprintf("%+v", v)
	steps := []func(View) (View, Effects){
		func(v View) (View, Effects) { return v.Key(Key{Name: "End"}) },
		func(v View) (View, Effects) { return v.Key(Key{Name: "+"}) },
		func(v View) (View, Effects) { return v.Zoom(+1) },
		func(v View) (View, Effects) { return v.Wheel(Wheel{DeltaY: -30, Ctrl: true}) },
		func(v View) (View, Effects) { return v.Pinch(Touch{Touches: []Point{{0, 0}, {200, 0}}}) },
		func(v View) (View, Effects) { return v.Swipe(Touch{Phase: TouchEnd, Changed: []Point{{-100, 0}}}) },
		func(v View) (View, Effects) { return v.Filter(gov) },
		func(v View) (View, Effects) { return v.ClickMarker("c") },
		func(v View) (View, Effects) { return v.Pan(50) },
		func(v View) (View, Effects) { return v.Resize(400) },
		func(v View) (View, Effects) { return v.Navigate(addr(t, "#e")) },
		func(v View) (View, Effects) { return v.Switch(demoEvents(), addr(t, "/?event=d")) },
		func(v View) (View, Effects) { return v.Page(+1) },
	}
	for i, step := range steps {
		w, _ := step(v)
		if fmt.Sprintf("%+v", w) == before {
			t.Errorf("step %d changed nothing: the test does not test it", i)
		}
		if after := fmt.Sprintf("%+v", v); after != before {
			t.Errorf("step %d changed its receiver:\n%s\n%s", i, before, after)
		}
	}
}

// TestViewWithoutEvents checks that a View of no case shows nothing and
// takes every message without failing.
func TestViewWithoutEvents(t *testing.T) {
	v := NewView(nil)
	u := addr(t, "/?event=a#a")
	v = v.Open(u)
	v, _ = v.Mount(demoWidth, u)
	v, _ = v.Navigate(u)
	v, _ = v.Resize(300)
	v, _ = v.Key(Key{Name: "End"})
	v, _ = v.Step(1)
	v, _ = v.Select("a")
	v, _ = v.Filter(0)
	v, _ = v.Zoom(+1)
	v, _ = v.Wheel(Wheel{DeltaY: -100, Ctrl: true})
	v, _ = v.Pinch(Touch{Touches: []Point{{0, 0}, {100, 0}}})
	v, _ = v.Swipe(Touch{Phase: TouchStart, Touches: []Point{{0, 0}}})
	v, _ = v.Swipe(Touch{Phase: TouchEnd, Changed: []Point{{-100, 0}}, Time: 10})
	v, _ = v.ClickMarker("a")
	v, _ = v.Pan(30)
	v, _ = v.Page(1)
	if v.Selected() != -1 || v.SelectedID() != "" || v.Drawn() != (Drawn{}) || v.Hidden() != 0 || v.CanZoomIn() {
		t.Errorf("a View of nothing shows %d %q %+v", v.Selected(), v.SelectedID(), v.Drawn())
	}
	if from, to, windowed := v.ListWindow(true); from != 0 || to != 0 || windowed {
		t.Errorf("a View of nothing lists %d to %d", from, to)
	}
	if _, ok := v.MarkerID("a"); ok {
		t.Error("a View of nothing has a marker")
	}
	// Switching to a case shows it.
	v, fx := v.Switch(demoEvents(), addr(t, "/?event=c"))
	if v.SelectedID() != "c" || !fx.Render || v.Drawn().Layout == nil {
		t.Errorf("after Switch: selected %q, %+v, drawn %v", v.SelectedID(), fx, v.Drawn())
	}
}

func TestViewSwitch(t *testing.T) {
	v := zoomedIn(t, live(t, demoEvents(), "/?event=b", demoWidth), 2)
	v, _ = v.Filter(press)
	v, _ = v.Key(Key{Name: "End"})
	other := eventsOf([]Item{dayItem("x", 2020, 1, 1), dayItem("y", 2020, 6, 1)}, []int{0, 0}, 1)
	w, fx := v.Switch(other, addr(t, "/cases/other/?event=y"))
	if w.SelectedID() != "y" || w.Hidden() != 0 || zoomSteps(w) != 0 || w.Announced() != "" || !fx.Render {
		t.Errorf("after Switch: selected %q, hidden %b, %d steps in, announced %q, %+v", w.SelectedID(), w.Hidden(), zoomSteps(w), w.Announced(), fx)
	}
	if !w.Mounted() || w.Width() != demoWidth || w.Drawn().Layout == nil {
		t.Error("Switch forgot the page's size")
	}
}

func TestViewLongList(t *testing.T) {
	long, _ := longEvents(10_000)
	// The prerendered page lists every event, but for an event's own page.
	v := NewView(long).Open(addr(t, "/cases/x/?event="+long.ID(1234)))
	if _, _, windowed := v.ListWindow(false); windowed {
		t.Error("the prerendered case page lists a window")
	}
	ev := NewView(long).Open(addr(t, "/cases/x/events/"+long.ID(1234)+"/"))
	if from, to, windowed := ev.ListWindow(false); !windowed || from != 1200 || to != 1250 {
		t.Errorf("the prerendered event page lists %d to %d (windowed %v); want 1200 to 1250", from, to, windowed)
	}
	// In the browser, a page of 50 around the selection.
	if from, to, windowed := v.ListWindow(true); !windowed || from != 1200 || to != 1250 {
		t.Errorf("the browser lists %d to %d (windowed %v); want 1200 to 1250", from, to, windowed)
	}
	for _, tc := range []struct {
		name     string
		do       func(View) (View, Effects)
		from, to int
		fx       Effects
	}{
		{"later", func(v View) (View, Effects) { return v.Page(+1) }, 1250, 1300, Effects{Render: true, ListTop: true}},
		{"earlier", func(v View) (View, Effects) { return v.Page(-1) }, 1150, 1200, Effects{Render: true, ListTop: true}},
		{"back to the selection on a step", func(v View) (View, Effects) {
			v, _ = v.Page(+1)
			v, _ = v.Page(+1)
			return v.Step(+1)
		}, 1200, 1250, Effects{Render: true, Address: true}},
		{"a filter follows the selection", func(v View) (View, Effects) {
			v, _ = v.Page(+1)
			return v.Filter(2)
		}, 800, 850, Effects{Render: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, fx := tc.do(v)
			if from, to, _ := w.ListWindow(true); from != tc.from || to != tc.to || fx != tc.fx {
				t.Errorf("lists %d to %d, %+v; want %d to %d, %+v", from, to, fx, tc.from, tc.to, tc.fx)
			}
		})
	}
	// The first and last pages.
	first := NewView(long)
	if w, _ := first.Page(-1); w.listFrom != 0 {
		t.Errorf("earlier than the first page: from %d", w.listFrom)
	}
	last := NewView(long).Open(addr(t, "/?event="+long.ID(9999)))
	if from, to, _ := last.ListWindow(true); from != 9950 || to != 10000 {
		t.Errorf("the last page lists %d to %d; want 9950 to 10000", from, to)
	}
	if w, _ := last.Page(+1); w.listFrom != 9950 {
		t.Errorf("later than the last page: from %d", w.listFrom)
	}
	// A short case lists every event, in the browser too.
	if _, _, windowed := NewView(demoEvents()).ListWindow(true); windowed {
		t.Error("a short case lists a window")
	}
}

// TestViewManyEvents walks a generated case of 10,000 events with the
// keyboard, the zoom and the filter.
func TestViewManyEvents(t *testing.T) {
	long, _ := longEvents(10_000)
	v := live(t, long, "/cases/x/", 1280)
	if v.Shown().Len() != 10_000 {
		t.Fatalf("%d shown", v.Shown().Len())
	}
	v, fx := v.Key(Key{Name: "End", Focus: Markers, On: long.ID(0)})
	if v.SelectedID() != long.ID(9999) || !fx.Address || fx.Focus != (Focus{Markers, long.ID(9999)}) {
		t.Errorf("End: selected %q, %+v", v.SelectedID(), fx)
	}
	if mk, ok := v.MarkerID(long.ID(9999)); !ok || mk == "" {
		t.Error("the last event has no marker")
	}
	v, _ = v.Key(Key{Name: "ArrowLeft"})
	if v.SelectedID() != long.ID(9998) {
		t.Errorf("← from the last: %q", v.SelectedID())
	}
	v, _ = v.Key(Key{Name: "Home"})
	v, fx = v.Key(Key{Name: "ArrowLeft"})
	if v.SelectedID() != long.ID(0) || fx != (Effects{Handled: true}) {
		t.Errorf("← at the first: %q, %+v", v.SelectedID(), fx)
	}
	// Zoom in all the way and back, the selection in view throughout.
	v = v.ScrollSet()
	for v.CanZoomIn() {
		v, _ = v.Key(Key{Name: "+"})
		v = v.ScrollSet()
		mk, _ := v.Drawn().Layout.MarkerOf(v.SelectedID())
		if x := mk.X - v.scroll; x < 0 || x > 1280 {
			t.Fatalf("at zoom %v the selected marker is at %v px", v.Drawn().Layout.Zoom(), x)
		}
	}
	if v.Drawn().Layout.Zoom() != MaxZoom {
		t.Errorf("fully zoomed in at %v", v.Drawn().Layout.Zoom())
	}
	v, _ = v.Key(Key{Name: "End"})
	if l := v.Drawn().Layout; v.scroll != l.Width()-1280 {
		t.Errorf("End fully zoomed in: scroll %v; want the end, %v", v.scroll, l.Width()-1280)
	}
	v, _ = v.Zoom(0)
	if v.CanZoomOut() {
		t.Error("the whole case can zoom out")
	}
	// Hide the last event's category: the selection moves back.
	v, fx = v.Filter(long.Category(9999))
	if i := v.Selected(); i < 0 || long.Category(i) == long.Category(9999) || !fx.Address {
		t.Errorf("filtered: selected %d of category %d, %+v", i, long.Category(i), fx)
	}
	if v.Shown().Len() >= 10_000 || v.Shown().Len() < 6_000 {
		t.Errorf("%d shown with one category of three off", v.Shown().Len())
	}
}
