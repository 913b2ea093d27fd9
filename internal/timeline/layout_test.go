package timeline

import (
	"fmt"
	"slices"
	"testing"
)

func TestClusteringAtLowZoom(t *testing.T) {
	tl := New([]Item{
		dayItem("a", 2017, 1, 1), dayItem("b", 2017, 1, 2), dayItem("c", 2017, 1, 2),
		dayItem("z", 2027, 1, 1),
	}, Options{})
	tests := []struct {
		name string
		zoom Zoom
		want [][]string // ids per marker
	}{
		{"fit 1000 px: a day is a quarter px", tl.FitZoom(1000), [][]string{{"a", "b", "c"}, {"z"}}},
		{"12 px/day: still closer than 24 px", 12, [][]string{{"a", "b", "c"}, {"z"}}},
		{"24 px/day: split", 24, [][]string{{"a"}, {"b", "c"}, {"z"}}},
		{"max", MaxZoom, [][]string{{"a"}, {"b", "c"}, {"z"}}},
	}
	for _, tt := range tests {
		var got [][]string
		for _, m := range allMarkers(tt.zoom.layout(tl)) {
			got = append(got, m.IDs)
		}
		if !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: markers = %v, want %v", tt.name, got, tt.want)
		}
	}

	l := tl.Layout(tl.FitZoom(1000))
	m := allMarkers(l)[0]
	if m.Groups != 2 || m.Label != "3 events" || m.Precision != Day ||
		!m.Start.Equal(date(2017, 1, 1)) || !m.End.Equal(date(2017, 1, 3)) {
		t.Errorf("cluster = %+v, want 2 groups, \"3 events\", day precision, Jan 1 to Jan 3", m)
	}
}

func (z Zoom) layout(tl *Timeline) *Layout { return tl.Layout(z) }

// TestClustersNeverOverlap checks on dense data, at every zoom step, that
// markers keep MinSpacing apart, stay in order, hold every event exactly
// once, and that zooming in never leaves fewer markers.
func TestClustersNeverOverlap(t *testing.T) {
	items := generate(2000, 3)
	tl := New(items, Options{})
	prev := 0
	for z := tl.FitZoom(800); ; z = tl.ZoomIn(z) {
		ms := allMarkers(tl.Layout(z))
		var ids []string
		for i, m := range ms {
			ids = append(ids, m.IDs...)
			if m.X < m.X0 || m.X > m.X1 {
				t.Errorf("zoom %v: marker at %v outside its span [%v, %v]", z, m.X, m.X0, m.X1)
			}
			if i > 0 && m.X-ms[i-1].X < tl.opt.MinSpacing {
				t.Errorf("zoom %v: markers %d and %d are %v px apart", z, i-1, i, m.X-ms[i-1].X)
			}
		}
		if len(ids) != len(items) {
			t.Errorf("zoom %v: markers hold %d events, want %d", z, len(ids), len(items))
		}
		slices.Sort(ids)
		if len(slices.Compact(ids)) != len(items) {
			t.Errorf("zoom %v: an event is in two markers", z)
		}
		if len(ms) < prev {
			t.Errorf("zoom %v: %d markers, fewer than %d at the zoom before", z, len(ms), prev)
		}
		prev = len(ms)
		if z == MaxZoom {
			if len(ms) != len(tl.Groups()) {
				t.Errorf("at MaxZoom: %d markers for %d groups", len(ms), len(tl.Groups()))
			}
			break
		}
	}
}

// TestLabelLanesNeverOverlap checks pairwise, on dense data, that no two
// shown labels in one lane come closer than LabelGap, and that labels are
// hidden, not crammed, when lanes run out.
func TestLabelLanesNeverOverlap(t *testing.T) {
	// 300 days in a row, each with an event with a long title, and a second
	// event on each of the first 50 days.
	var items []Item
	for i := range 350 {
		it := dayItem(fmt.Sprint(i), 2017, 3, 1+i%300)
		it.Label = "A fairly long event title " + fmt.Sprint(i)
		items = append(items, it)
	}
	for _, opt := range []Options{{}, {MaxLanes: 1}, {MaxLanes: 5, LabelGap: 2}} {
		tl := New(items, opt)
		gap := tl.opt.LabelGap
		for _, z := range []Zoom{tl.FitZoom(600), 4, 16, 64, MaxZoom} {
			ms := allMarkers(tl.Layout(z))
			shown, hidden, need := 0, 0, 0.0
			for i, a := range ms {
				need += a.LabelWidth + gap
				if a.Lane < 0 {
					hidden++
					continue
				}
				shown++
				if a.Lane >= tl.opt.MaxLanes {
					t.Errorf("lanes %d, zoom %v: label in lane %d", tl.opt.MaxLanes, z, a.Lane)
				}
				if a.LabelWidth > tl.opt.MaxLabelWidth {
					t.Errorf("label %q is %v px wide", a.Label, a.LabelWidth)
				}
				for _, b := range ms[i+1:] {
					if a.Lane == b.Lane && a.LabelX < b.LabelX+b.LabelWidth+gap && b.LabelX < a.LabelX+a.LabelWidth+gap {
						t.Errorf("lanes %d, zoom %v: labels %q [%v, %v] and %q [%v, %v] overlap in lane %d",
							tl.opt.MaxLanes, z, a.Label, a.LabelX, a.LabelX+a.LabelWidth,
							b.Label, b.LabelX, b.LabelX+b.LabelWidth, a.Lane)
					}
				}
			}
			if shown == 0 {
				t.Errorf("lanes %d, zoom %v: no label shown", tl.opt.MaxLanes, z)
			}
			// At 160 px/day, 160 px labels alternate between two lanes.
			if z == MaxZoom && tl.opt.MaxLanes >= 2 && hidden > 0 {
				t.Errorf("lanes %d, zoom %v: %d labels hidden, want none", tl.opt.MaxLanes, z, hidden)
			}
			// In one lane, the 50 short "2 events" labels all fit and every
			// other one of the 250 long ones is hidden.
			if z == MaxZoom && tl.opt.MaxLanes == 1 && hidden != 125 {
				t.Errorf("one lane at %v: %d of %d labels hidden, want 125", z, hidden, len(ms))
			}
			if need > float64(tl.opt.MaxLanes)*tl.Layout(z).Width() && hidden == 0 {
				t.Errorf("lanes %d, zoom %v: %d labels need %v px and none hidden", tl.opt.MaxLanes, z, shown, need)
			}
		}
	}
}

func TestLabelsMeasuredAndHidden(t *testing.T) {
	items := []Item{dayItem("a", 2017, 4, 6), dayItem("b", 2017, 4, 7), dayItem("c", 2017, 4, 8)}
	items[0].Label = "" // no label: no lane
	items[1].Label = "Hearing"
	items[2].Label = "A title far too long to show in full on a timeline"
	measure := func(s string) float64 { return 10 * float64(len(s)) }
	tl := New(items, Options{Measure: measure})
	ms := allMarkers(tl.Layout(MaxZoom))
	type label struct {
		width float64
		lane  int
	}
	want := []label{{0, -1}, {70, 0}, {160, 0}}
	for i, m := range ms {
		if got := (label{m.LabelWidth, m.Lane}); got != want[i] {
			t.Errorf("marker %v: label %+v, want %+v", m.IDs, got, want[i])
		}
	}
	if ms := allMarkers(New(items, Options{MaxLanes: -1}).Layout(MaxZoom)); ms[1].Lane != -1 {
		t.Errorf("MaxLanes -1: label shown in lane %d", ms[1].Lane)
	}
}

func TestWindowShowsOnlyWhatIsInView(t *testing.T) {
	// Ten days at 160 px/day with padding 32: markers at 112, 272, 432, ...
	var items []Item
	for d := 1; d <= 10; d++ {
		it := dayItem(fmt.Sprint(d), 2017, 4, d)
		it.Label = ""
		items = append(items, it)
	}
	tl := New(items, Options{Overscan: -1})
	l := tl.Layout(MaxZoom)
	tests := []struct {
		scroll, viewport float64
		ids              []string
		ticks            []string
	}{
		{0, 320, []string{"1", "2"}, []string{"Apr 1", "Apr 2"}},
		// The dot of 3 (at 432, radius 12) touches the left edge, the dot of
		// 5 (at 752) the right edge.
		{420, 320, []string{"3", "4", "5"}, []string{"Apr 4", "Apr 5"}},
		{444.01, 295.98, []string{"4"}, []string{"Apr 4", "Apr 5"}},
		{l.Width() - 100, 100, []string{"10"}, []string{"Apr 11"}},
		{l.Width() + 50, 100, nil, nil},
		{-500, 100, nil, nil},
	}
	for _, tt := range tests {
		w := l.Window(tt.scroll, tt.viewport)
		var ids []string
		for _, m := range w.Markers {
			ids = append(ids, m.IDs...)
		}
		if !slices.Equal(ids, tt.ids) || !slices.Equal(labels(w.Ticks), tt.ticks) {
			t.Errorf("Window(%v, %v) = markers %v, ticks %q; want %v, %q", tt.scroll, tt.viewport, ids, labels(w.Ticks), tt.ids, tt.ticks)
		}
	}

	withOverscan := New(items, Options{Overscan: 160}).Layout(MaxZoom)
	var ids []string
	for _, m := range withOverscan.Window(420, 320).Markers {
		ids = append(ids, m.IDs...)
	}
	if want := []string{"2", "3", "4", "5", "6"}; !slices.Equal(ids, want) {
		t.Errorf("with overscan 160: markers %v, want %v", ids, want)
	}
}

// TestWindowMatchesBruteForce checks Window's binary search against a scan
// of every marker, for dense labelled data at many scroll offsets.
func TestWindowMatchesBruteForce(t *testing.T) {
	tl := New(generate(3000, 4), Options{})
	for _, z := range []Zoom{tl.FitZoom(1000), 1, 8, MaxZoom} {
		l := tl.Layout(z)
		all := allMarkers(l)
		for scroll := -300.0; scroll < l.Width()+300; scroll += max(l.Width()/37, 1) {
			w := l.Window(scroll, 800)
			var want []string
			for _, m := range all {
				dot := m.X+12 >= w.Left && m.X-12 <= w.Right
				label := m.Lane >= 0 && m.LabelX+m.LabelWidth >= w.Left && m.LabelX <= w.Right
				if dot || label {
					want = append(want, m.IDs[0])
				}
			}
			var got []string
			for _, m := range w.Markers {
				got = append(got, m.IDs[0])
			}
			if !slices.Equal(got, want) {
				t.Fatalf("zoom %v, scroll %v: Window has %d markers, a scan finds %d", z, scroll, len(got), len(want))
			}
			for _, tk := range w.Ticks {
				if tk.X < w.Left || tk.X > w.Right || tk.X < 0 || tk.X > l.Width() {
					t.Errorf("zoom %v, scroll %v: tick %q at %v outside [%v, %v]", z, scroll, tk.Label, tk.X, w.Left, w.Right)
				}
			}
		}
	}
}

func TestCenterOn(t *testing.T) {
	var items []Item
	for d := 1; d <= 10; d++ {
		items = append(items, dayItem(fmt.Sprint(d), 2017, 4, d))
	}
	items = append(items, dayItem("5b", 2017, 4, 5))
	tl := New(items, Options{})
	l := tl.Layout(MaxZoom) // width 32+1600+32
	tests := []struct {
		id     string
		scroll float64
		ok     bool
	}{
		{"5", 32 + 4*160 + 80 - 160, true},
		{"5b", 32 + 4*160 + 80 - 160, true}, // same group, same marker
		{"1", 0, true},                      // clamped at the start
		{"10", 1664 - 320, true},            // clamped at the end
		{"nope", 0, false},
	}
	for _, tt := range tests {
		scroll, ok := l.CenterOn(tt.id, 320)
		if scroll != tt.scroll || ok != tt.ok {
			t.Errorf("CenterOn(%q) = %v, %v; want %v, %v", tt.id, scroll, ok, tt.scroll, tt.ok)
		}
	}

	// Zoomed out, an event centres on the cluster that holds it.
	far := tl.Layout(1)
	m, ok := far.MarkerOf("7")
	if !ok || !slices.Contains(m.IDs, "7") || len(m.IDs) < 2 {
		t.Fatalf("MarkerOf(7) at zoom 1 = %+v, %v; want a cluster holding 7", m, ok)
	}
	if _, ok := far.MarkerOf("nope"); ok {
		t.Errorf("MarkerOf(unknown) found a marker")
	}
}

func TestEdgeCases(t *testing.T) {
	t.Run("no items", func(t *testing.T) {
		tl := New(nil, Options{})
		if tl.Len() != 0 || len(tl.Groups()) != 0 {
			t.Errorf("Len %d, %d groups", tl.Len(), len(tl.Groups()))
		}
		if z := tl.FitZoom(1000); z != MaxZoom {
			t.Errorf("FitZoom = %v, want MaxZoom", z)
		}
		l := tl.Layout(tl.FitZoom(1000))
		if w := l.Window(0, 1000); len(w.Markers) != 0 || len(w.Ticks) != 0 {
			t.Errorf("Window = %+v, want empty", w)
		}
		if _, ok := l.CenterOn("a", 1000); ok {
			t.Errorf("CenterOn found an item")
		}
		if s := l.ClampScroll(500, 1000); s != 0 {
			t.Errorf("ClampScroll = %v, want 0", s)
		}
	})
	t.Run("one item", func(t *testing.T) {
		tl := New([]Item{dayItem("a", 2017, 4, 6)}, Options{})
		l := tl.Layout(tl.FitZoom(1000))
		w := l.Window(0, 1000)
		if len(w.Markers) != 1 || w.Markers[0].X != 32+80 || w.Markers[0].Lane != 0 {
			t.Errorf("markers = %+v, want one at 112 with its label", w.Markers)
		}
		if got, want := labels(w.Ticks), []string{"Apr 6", "Apr 7"}; !slices.Equal(got, want) {
			t.Errorf("ticks = %q, want %q", got, want)
		}
	})
	t.Run("all on one day", func(t *testing.T) {
		var items []Item
		for i := range 50 {
			items = append(items, dayItem(fmt.Sprintf("e%02d", 49-i), 2017, 4, 6))
		}
		tl := New(items, Options{})
		for _, z := range []Zoom{tl.FitZoom(300), MaxZoom} {
			ms := allMarkers(tl.Layout(z))
			if len(ms) != 1 || len(ms[0].IDs) != 50 || ms[0].IDs[0] != "e00" || ms[0].Label != "50 events" {
				t.Errorf("zoom %v: markers = %d, want one holding 50 events in id order", z, len(ms))
			}
		}
	})
	t.Run("ten years and more", func(t *testing.T) {
		tl := New([]Item{dayItem("a", 2005, 3, 14), monthItem("b", 2012, 6), dayItem("c", 2020, 11, 2)}, Options{})
		l := tl.Layout(tl.FitZoom(1200))
		if l.Width() != 1200 {
			t.Errorf("Width = %v, want 1200", l.Width())
		}
		w := l.Window(0, 1200)
		if len(w.Markers) != 3 {
			t.Errorf("%d markers, want 3", len(w.Markers))
		}
		want := []string{"2006", "2008", "2010", "2012", "2014", "2016", "2018", "2020"}
		if got := labels(w.Ticks); l.TickUnit().String() != "2 years" || !slices.Equal(got, want) {
			t.Errorf("unit %v, ticks %q; want 2 years, %q", l.TickUnit(), got, want)
		}
	})
}

// TestMonthEventDoesNotHideBehindDay checks that an event known only to the
// month sits between days, not on the day event in the middle of its month.
func TestMonthEventDoesNotHideBehindDay(t *testing.T) {
	tl := New([]Item{monthItem("jan", 2017, 1), dayItem("16th", 2017, 1, 16), yearItem("y", 2017), dayItem("jul2", 2017, 7, 2)}, Options{})
	ms := allMarkers(tl.Layout(MaxZoom))
	var got []string
	for _, m := range ms {
		got = append(got, fmt.Sprintf("%v@%v", m.IDs, m.X))
	}
	// Jan 16 covers px 2432..2592 (padding 32); January's middle is 15.5
	// days in, placed on the boundary after 15 days (2432). 2017's middle is
	// 182.5 days in (Jul 2), placed at the start of Jul 2 (29152).
	want := []string{"[jan]@2432", "[16th]@2512", "[y]@29152", "[jul2]@29232"}
	if !slices.Equal(got, want) {
		t.Errorf("markers = %v, want %v", got, want)
	}
}

func TestLayoutIsKeptForRecentZooms(t *testing.T) {
	tl := New(generate(50, 5), Options{})
	a, b := tl.Layout(1), tl.Layout(2)
	if tl.Layout(1) != a || tl.Layout(2) != b {
		t.Errorf("Layout at a recent zoom was computed again")
	}
	for z := Zoom(3); z < 10; z++ {
		tl.Layout(z)
	}
	if tl.Layout(1) == a {
		t.Errorf("Layout keeps more than %d zooms", len(tl.recent))
	}
	if got, want := allMarkers(tl.Layout(2)), allMarkers(b); !slices.EqualFunc(got, want, func(x, y Marker) bool {
		return x.X == y.X && x.Lane == y.Lane && slices.Equal(x.IDs, y.IDs)
	}) {
		t.Errorf("a recomputed Layout differs from the first")
	}
}
