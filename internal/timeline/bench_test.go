package timeline

import (
	"net/url"
	"testing"
)

const benchViewport = 1280

// benchLayout measures what a render costs when the zoom has just changed:
// the whole layout at that zoom plus the window in view, at three zooms.
func benchLayout(b *testing.B, n int) {
	tl := New(generate(n, 42), Options{})
	for _, bc := range []struct {
		name string
		zoom Zoom
	}{
		{"fit", tl.FitZoom(benchViewport)},
		{"2px_per_day", 2},
		{"max", MaxZoom},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var markers int
			for b.Loop() {
				l := tl.layout(bc.zoom) // not the cached Layout
				w := l.Window(l.Width()/2, benchViewport)
				markers = len(w.Markers)
			}
			b.ReportMetric(float64(markers), "markers/window")
		})
	}
	// What a render costs when the zoom has not changed since the last one.
	b.Run("max_cached", func(b *testing.B) {
		for b.Loop() {
			l := tl.Layout(MaxZoom)
			_ = l.Window(l.Width()/2, benchViewport)
		}
	})
}

func BenchmarkLayout1000(b *testing.B)  { benchLayout(b, 1000) }
func BenchmarkLayout10000(b *testing.B) { benchLayout(b, 10000) }

// BenchmarkStep10000 measures one zoom step as the UI does it: zoom in (or
// back out from MaxZoom), keep the viewport centre in place, lay out and
// take the window.
func BenchmarkStep10000(b *testing.B) {
	tl := New(generate(10000, 42), Options{})
	fit := tl.FitZoom(benchViewport)
	z, scroll, in := fit, 0.0, true
	for b.Loop() {
		next := tl.ZoomOut(z, benchViewport)
		if in {
			next = tl.ZoomIn(z)
		}
		if next == z {
			in = !in
			continue
		}
		l := tl.layout(next) // not the cached Layout
		scroll = l.ClampScroll(tl.ZoomScroll(z, next, scroll, benchViewport/2), benchViewport)
		_ = l.Window(scroll, benchViewport)
		z = next
	}
}

// BenchmarkWindow10000 measures a scroll frame with the layout kept from
// the last zoom change.
func BenchmarkWindow10000(b *testing.B) {
	tl := New(generate(10000, 42), Options{})
	l := tl.Layout(8)
	scroll := 0.0
	for b.Loop() {
		_ = l.Window(scroll, benchViewport)
		scroll += 37
		if scroll > l.Width() {
			scroll = 0
		}
	}
}

// BenchmarkNew10000 measures the one-time preparation: sorting, grouping
// and measuring labels, from shuffled events and, as after a change of the
// category filter, from a subset of a Timeline's sorted Items.
func BenchmarkNew10000(b *testing.B) {
	items := generate(10000, 42)
	b.Run("shuffled", func(b *testing.B) {
		for b.Loop() {
			_ = New(items, Options{})
		}
	})
	b.Run("sorted", func(b *testing.B) {
		sorted := New(items, Options{}).Items()
		for b.Loop() {
			_ = New(sorted, Options{})
		}
	})
}

// BenchmarkKey10000 measures what an arrow key costs the View with 10,000
// events, zoomed in: the step, the reveal on the axis, and what a render
// then reads of the View.
func BenchmarkKey10000(b *testing.B) {
	long, _ := longEvents(10000)
	v, _ := NewView(long).Open(&url.URL{RawQuery: "event=" + long.ID(5000)}).Mount(benchViewport, nil)
	for range 4 {
		v, _ = v.Zoom(+1)
	}
	keys := [2]Key{{Name: "ArrowRight", Focus: Markers}, {Name: "ArrowLeft", Focus: Markers}}
	i := 0
	for b.Loop() {
		v, _ = v.Key(keys[i%2])
		v = v.ScrollSet()
		_, _, _ = v.Selected(), v.CanZoomIn(), v.CanZoomOut()
		_, _, _ = v.ListWindow(true)
		_, _ = v.MarkerID(v.SelectedID())
		i++
	}
}
