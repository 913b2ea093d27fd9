package timeline

import (
	"math"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*max(1, math.Abs(a), math.Abs(b)) }

func TestScaleIsProportional(t *testing.T) {
	tl := New([]Item{dayItem("a", 2017, 1, 1), dayItem("b", 2017, 1, 2), dayItem("c", 2017, 2, 1)}, Options{})
	for _, z := range []Zoom{MaxZoom, 24, 1, 0.1} {
		l := tl.Layout(z)
		ms := allMarkers(l)
		x := map[string]float64{}
		for _, m := range ms {
			for _, id := range m.IDs {
				x[id] = m.X
			}
		}
		if z < 24 {
			continue // clustered; the scale itself is checked below
		}
		day, month := x["b"]-x["a"], x["c"]-x["a"]
		if !near(day, float64(z)) || !near(month/day, 31) {
			t.Errorf("zoom %v: one day = %v px, one month = %v px (%.1f×), want %v px and 31×", z, day, month, month/day, z)
		}
	}

	l := tl.Layout(10)
	pad := tl.opt.Padding
	tests := []struct {
		t    time.Time
		want float64
	}{
		{date(2017, 1, 1), pad},
		{date(2017, 1, 1).Add(12 * time.Hour), pad + 5},
		{date(2017, 1, 2), pad + 10},
		{date(2017, 2, 1), pad + 310},
		{date(2017, 2, 2), pad + 320}, // the end of the last day
		{date(2016, 12, 31), pad - 10},
	}
	for _, tt := range tests {
		if got := l.X(tt.t); !near(got, tt.want) {
			t.Errorf("X(%v) = %v, want %v", tt.t, got, tt.want)
		}
		if got := l.Time(tt.want); got.Sub(tt.t).Abs() > time.Microsecond {
			t.Errorf("Time(%v) = %v, want %v", tt.want, got, tt.t)
		}
	}
	if got, want := l.Width(), 2*pad+320; got != want {
		t.Errorf("Width = %v, want %v (padding at both ends)", got, want)
	}
}

func TestPaddingKeepsEdgeMarkersInside(t *testing.T) {
	tl := New(generate(300, 1), Options{})
	for _, z := range []Zoom{tl.FitZoom(320), tl.FitZoom(1280), 1, MaxZoom} {
		l := tl.Layout(z)
		r := tl.opt.MinSpacing / 2
		for _, m := range allMarkers(l) {
			if m.X-r < 0 || m.X+r > l.Width() {
				t.Errorf("zoom %v: marker at %v is cut off in content [0, %v]", z, m.X, l.Width())
			}
			if m.Lane >= 0 && (m.LabelX < 0 || m.LabelX+m.LabelWidth > l.Width()) {
				t.Errorf("zoom %v: label [%v, %v] is cut off", z, m.LabelX, m.LabelX+m.LabelWidth)
			}
		}
	}
}

func TestZoomSteps(t *testing.T) {
	tl := New([]Item{dayItem("a", 2010, 1, 1), dayItem("b", 2019, 12, 31)}, Options{})
	const width = 1000
	fit := tl.FitZoom(width)
	if got := tl.Layout(fit).Width(); !near(got, width) {
		t.Errorf("content width at FitZoom(%v) = %v", width, got)
	}

	var in []Zoom
	for z := fit; ; {
		in = append(in, z)
		next := tl.ZoomIn(z)
		if next == z {
			break
		}
		if next != 2*z && next != MaxZoom {
			t.Errorf("ZoomIn(%v) = %v, want ×2 or MaxZoom", z, next)
		}
		z = next
	}
	if last := in[len(in)-1]; last != MaxZoom {
		t.Errorf("zooming in stops at %v, want MaxZoom", last)
	}
	// 3652 days: from about 0.26 px/day to 160 px/day is ten steps.
	if len(in) != 11 {
		t.Errorf("zoom levels from fit to max = %d (%v), want 11", len(in), in)
	}

	z := MaxZoom
	for range 20 {
		z = tl.ZoomOut(z, width)
	}
	if z != fit {
		t.Errorf("zooming out stops at %v, want fit %v", z, fit)
	}
	if got := tl.ZoomOut(fit, width); got != fit {
		t.Errorf("ZoomOut(fit) = %v, want fit %v", got, fit)
	}

	// A case of a few days does not need zooming at all.
	short := New([]Item{dayItem("a", 2017, 4, 6), dayItem("b", 2017, 4, 7)}, Options{})
	if got := short.FitZoom(1000); got != MaxZoom {
		t.Errorf("FitZoom for two days = %v, want MaxZoom", got)
	}
	if got := short.FitZoom(10); got <= 0 {
		t.Errorf("FitZoom for a viewport narrower than the padding = %v, want > 0", got)
	}
}

func TestZoomScrollKeepsTheAnchor(t *testing.T) {
	tl := New(generate(100, 2), Options{})
	const anchor = 300
	for _, tt := range []struct {
		from, to Zoom
		scroll   float64
	}{
		{1, 2, 500},
		{2, 1, 1200},
		{0.3, 160, 100},
		{160, 80, 40000},
	} {
		before := tl.Layout(tt.from).Time(tt.scroll + anchor)
		scroll := tl.ZoomScroll(tt.from, tt.to, tt.scroll, anchor)
		after := tl.Layout(tt.to).Time(scroll + anchor)
		if d := after.Sub(before).Abs(); d > time.Millisecond {
			t.Errorf("zoom %v→%v: the moment under the anchor moved by %v", tt.from, tt.to, d)
		}
	}
}
