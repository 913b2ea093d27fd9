package timeline

import (
	"cmp"
	"math"
	"slices"
	"testing"
	"time"
)

func TestTimedItemsSitAtTheirMinute(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2017, 4, 6, h, m, 0, 0, time.UTC) }
	items := []Item{
		{ID: "filed", Start: at(16, 30), End: at(16, 31)},
		{ID: "morning", Start: at(9, 0), End: at(9, 1)},
		dayItem("day", 2017, 4, 6),
		dayItem("next", 2017, 4, 7),
		{ID: "hearing", Start: at(10, 0), End: at(10, 0).Add(50 * time.Hour)}, // Thursday 10:00 to Saturday 12:00
	}
	tl := New(items, Options{Padding: 10, MinSpacing: 1})
	l := tl.Layout(MaxZoom)
	z := float64(MaxZoom)
	tests := []struct {
		id         string
		x, x0, x1  float64 // px from the padding
		groups, in int
	}{
		{"morning", (9*60 + 0.5) / 1440 * z, 9.0 / 24 * z, (9*60 + 1.0) / 1440 * z, 1, 1},
		{"filed", (16*60 + 30.5) / 1440 * z, (16*60 + 30.0) / 1440 * z, (16*60 + 31.0) / 1440 * z, 1, 1},
		{"day", 0.5 * z, 0, z, 1, 1},
		{"next", 1.5 * z, z, 2 * z, 1, 1},
		{"hearing", (10.0/24 + 50.0/24/2) * z, 10.0 / 24 * z, (10.0/24 + 50.0/24) * z, 1, 1},
	}
	for _, tt := range tests {
		m, ok := l.MarkerOf(tt.id)
		if !ok {
			t.Fatalf("%s: no marker", tt.id)
		}
		near := func(a, b float64) bool { return math.Abs(a-b) < 0.01 }
		if !near(m.X-10, tt.x) || !near(m.X0-10, tt.x0) || !near(m.X1-10, tt.x1) || m.Groups != tt.groups {
			t.Errorf("%s: marker at %.2f [%.2f, %.2f] of %d groups, want %.2f [%.2f, %.2f] of %d",
				tt.id, m.X-10, m.X0-10, m.X1-10, m.Groups, tt.x, tt.x0, tt.x1, tt.groups)
		}
		if got := l.X(items[indexOf(items, tt.id)].Start) - 10; !near(got, tt.x0) {
			t.Errorf("%s: X(Start) = %.2f, want the marker's X0 %.2f", tt.id, got, tt.x0)
		}
	}
	// Two events at the same minute share a marker; a minute apart they
	// are two groups (clustered at this zoom, apart at a closer one).
	same := New([]Item{
		{ID: "a", Start: at(16, 30), End: at(16, 31)},
		{ID: "b", Start: at(16, 30), End: at(16, 31)},
		{ID: "c", Start: at(16, 31), End: at(16, 32)},
	}, Options{})
	if g := same.Groups(); len(g) != 2 || len(g[0].IDs) != 2 || g[1].IDs[0] != "c" {
		t.Errorf("groups = %+v, want [a b] and [c]", g)
	}
}

func indexOf(items []Item, id string) int {
	for i, it := range items {
		if it.ID == id {
			return i
		}
	}
	return -1
}

func TestEraBands(t *testing.T) {
	items := []Item{dayItem("a", 2017, 1, 1), dayItem("z", 2017, 12, 31)}
	eras := []Era{
		{Title: "In court", Start: date(2017, 4, 6), End: date(2017, 4, 8)},    // two days: no room at a low zoom
		{Title: "The summons", Start: date(2017, 1, 1), End: date(2017, 4, 6)}, // listed out of order
		{Title: "Afterwards", Start: date(2017, 4, 8), End: date(2018, 3, 1)},  // past the last event: the axis reaches it
		{Title: "", Start: date(2017, 6, 1), End: date(2017, 7, 1)},            // no title: a band, no label
	}
	measure := func(s string) float64 { return float64(len(s)) * 10 }
	tl := New(items, Options{Padding: 20, Eras: eras, Measure: measure})
	if _, end := tl.Range(); !end.Equal(date(2018, 3, 1)) {
		t.Errorf("Range ends %v, want the end of the last era, 2018-03-01", end)
	}
	type want struct {
		title            string
		shown, truncated bool
		width            float64
	}
	tests := []struct {
		name string
		zoom Zoom
		want []want
	}{
		{"2 px a day: the two-day era has no room", 2, []want{
			{"The summons", true, false, 110}, {"In court", false, false, 0}, {"Afterwards", true, false, 100}, {"", false, false, 0}}},
		{"30 px a day: the two-day era is cut to its band", 30, []want{
			{"The summons", true, false, 110}, {"In court", true, true, 2*30 - 2*eraInset}, {"Afterwards", true, false, 100}, {"", false, false, 0}}},
		{"max: all room", MaxZoom, []want{
			{"The summons", true, false, 110}, {"In court", true, false, 80}, {"Afterwards", true, false, 100}, {"", false, false, 0}}},
	}
	for _, tt := range tests {
		l := tl.Layout(tt.zoom)
		got := l.Eras()
		if len(got) != len(tt.want) {
			t.Fatalf("%s: %d eras, want %d", tt.name, len(got), len(tt.want))
		}
		prevEnd := math.Inf(-1)
		for i, w := range tt.want {
			b := got[i]
			if b.Title != w.title || b.Shown != w.shown || b.Truncated != w.truncated || math.Abs(b.LabelWidth-w.width) > 0.01 {
				t.Errorf("%s: era %d = %q shown %v truncated %v width %.1f, want %q %v %v %.1f",
					tt.name, i, b.Title, b.Shown, b.Truncated, b.LabelWidth, w.title, w.shown, w.truncated, w.width)
			}
			if b.X0 != l.X(b.Start) || b.X1 != l.X(b.End) {
				t.Errorf("%s: era %q band [%v, %v], want [%v, %v]", tt.name, b.Title, b.X0, b.X1, l.X(b.Start), l.X(b.End))
			}
			if b.Shown {
				if b.LabelX < b.X0 || b.LabelX+b.LabelWidth > b.X1 {
					t.Errorf("%s: era %q label [%v, %v] outside its band [%v, %v]", tt.name, b.Title, b.LabelX, b.LabelX+b.LabelWidth, b.X0, b.X1)
				}
				if b.LabelX < prevEnd+eraGap {
					t.Errorf("%s: era %q label starts %v px after the previous one ends", tt.name, b.Title, b.LabelX-prevEnd)
				}
				prevEnd = b.LabelX + b.LabelWidth
			}
		}
		// The window holds the eras in view, and only those.
		w := l.Window(l.X(date(2017, 4, 7))-10, 20)
		for _, b := range w.Eras {
			if b.X1 < w.Left || b.X0 > w.Right {
				t.Errorf("%s: window [%v, %v] holds era %q at [%v, %v]", tt.name, w.Left, w.Right, b.Title, b.X0, b.X1)
			}
		}
	}
}

// TestSortStable checks the eras' sort against slices.SortStableFunc: the
// same order, equal keys kept as they came, NaN first as cmp.Less has it.
func TestSortStable(t *testing.T) {
	type kv struct {
		k float64
		v int
	}
	for _, tc := range []struct {
		name string
		in   []kv
	}{
		{"empty", nil},
		{"one", []kv{{1, 0}}},
		{"sorted", []kv{{1, 0}, {2, 1}, {3, 2}}},
		{"reversed", []kv{{3, 0}, {2, 1}, {1, 2}}},
		{"ties keep their order", []kv{{2, 0}, {1, 1}, {2, 2}, {1, 3}, {2, 4}}},
		{"NaN first", []kv{{2, 0}, {math.NaN(), 1}, {1, 2}, {math.NaN(), 3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, want := slices.Clone(tc.in), slices.Clone(tc.in)
			sortStable(got, func(a, b kv) bool { return cmp.Less(a.k, b.k) })
			slices.SortStableFunc(want, func(a, b kv) int { return cmp.Compare(a.k, b.k) })
			for i := range want {
				if got[i].v != want[i].v {
					t.Fatalf("sortStable = %v; want %v", got, want)
				}
			}
		})
	}
}
