package timeline

import (
	"slices"
	"testing"
	"time"
)

func TestTicksPerZoomLevel(t *testing.T) {
	tests := []struct {
		zoom   Zoom
		items  []Item
		unit   string
		labels []string
	}{
		{160, []Item{dayItem("a", 2016, 12, 30), dayItem("b", 2017, 1, 2)},
			"day", []string{"Dec 30", "Dec 31", "2017", "Jan 2", "Jan 3"}},
		{40, []Item{dayItem("a", 2017, 3, 25), dayItem("b", 2017, 4, 4)},
			"2 days", []string{"Mar 25", "Mar 27", "Apr 1", "Apr 3", "Apr 5"}},
		{12, []Item{dayItem("a", 2017, 3, 1), dayItem("b", 2017, 4, 30)},
			"week", []string{"Mar 1", "Mar 8", "Mar 15", "Mar 22", "Apr 1", "Apr 8", "Apr 15", "Apr 22", "May 1"}},
		{6, []Item{dayItem("a", 2016, 12, 1), dayItem("b", 2017, 2, 28)},
			"half month", []string{"Dec 1", "Dec 15", "2017", "Jan 15", "Feb 1", "Feb 15", "Mar 1"}},
		{3, []Item{monthItem("a", 2016, 11), monthItem("b", 2017, 2)},
			"month", []string{"Nov 2016", "Dec 2016", "2017", "Feb 2017", "Mar 2017"}},
		{1, []Item{monthItem("a", 2016, 7), monthItem("b", 2017, 12)},
			"quarter", []string{"Jul 2016", "Oct 2016", "2017", "Apr 2017", "Jul 2017", "Oct 2017", "2018"}},
		{0.5, []Item{yearItem("a", 2016), yearItem("b", 2017)},
			"half year", []string{"2016", "Jul 2016", "2017", "Jul 2017", "2018"}},
		{0.25, []Item{yearItem("a", 2015), yearItem("b", 2017)},
			"year", []string{"2015", "2016", "2017", "2018"}},
		{0.15, []Item{yearItem("a", 2010), yearItem("b", 2019)},
			"2 years", []string{"2010", "2012", "2014", "2016", "2018", "2020"}},
		{0.05, []Item{yearItem("a", 2010), yearItem("b", 2029)},
			"5 years", []string{"2010", "2015", "2020", "2025", "2030"}},
		{0.005, []Item{yearItem("a", 1900), yearItem("b", 2000)},
			"50 years", []string{"1900", "1950", "2000"}},
	}
	for _, tt := range tests {
		tl := New(tt.items, Options{Overscan: -1})
		l := tl.Layout(tt.zoom)
		if got := l.TickUnit().String(); got != tt.unit {
			t.Errorf("zoom %v: unit = %q, want %q", tt.zoom, got, tt.unit)
		}
		ticks := l.Window(0, l.Width()).Ticks
		if got := labels(ticks); !slices.Equal(got, tt.labels) {
			t.Errorf("zoom %v: tick labels = %q, want %q", tt.zoom, got, tt.labels)
		}
		for _, tk := range ticks {
			_, m, d := tk.Time.Date()
			if want := m == time.January && d == 1; tk.Major != want {
				t.Errorf("zoom %v: tick %q Major = %v, want %v", tt.zoom, tk.Label, tk.Major, want)
			}
			if x := l.X(tk.Time); x != tk.X {
				t.Errorf("zoom %v: tick %q at %v, want X(%v) = %v", tt.zoom, tk.Label, tk.X, tk.Time, x)
			}
		}
	}
}

// TestTickSpacing checks at many zooms that ticks never come closer than
// MinTickSpacing, the room their labels need, and that a wide window always
// has some.
func TestTickSpacing(t *testing.T) {
	tl := New([]Item{dayItem("a", 1995, 6, 15), dayItem("b", 2024, 2, 29)}, Options{})
	minPx := tl.opt.MinTickSpacing
	for z := MaxZoom; z > 0.001; z *= 0.83 {
		l := tl.Layout(z)
		for _, scroll := range []float64{0, l.Width() / 3, l.Width() - 2000} {
			ticks := l.Window(scroll, 2000).Ticks
			if len(ticks) < 2 && 2000 < l.Width() {
				t.Errorf("zoom %v (%v): %d ticks in a 2000 px window", z, l.TickUnit(), len(ticks))
			}
			for i := 1; i < len(ticks); i++ {
				if gap := ticks[i].X - ticks[i-1].X; gap < minPx-1e-9 {
					t.Errorf("zoom %v (%v): ticks %q and %q are %v px apart, want ≥ %v",
						z, l.TickUnit(), ticks[i-1].Label, ticks[i].Label, gap, minPx)
				}
			}
		}
	}
}
