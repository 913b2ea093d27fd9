package timeline

import (
	"cmp"
	"time"
)

// Era is a labelled stretch of a case's time ("The summons", "In court"):
// [Start, End) in UTC, drawn as a band behind the markers.
type Era struct {
	Title      string
	Start, End time.Time
}

// EraBand is an era laid out at one zoom: its band from X0 to X1 (content
// px) and its label, which starts at LabelX and is LabelWidth px wide,
// shorter than the title when the band (or the next era's label) leaves
// less room: the UI truncates the text to that width and keeps the full
// title as text. A label with no room at all is not shown (Shown false).
type EraBand struct {
	Index      int // position in Options.Eras
	Title      string
	Start, End time.Time
	X0, X1     float64
	LabelX     float64
	LabelWidth float64
	Shown      bool // the label has room to be drawn
	Truncated  bool // the label is narrower than its title
}

// Era labels' geometry, in px: the inset of a label in its band, the least
// gap between two labels, and the narrowest label worth drawing (a few
// letters and an ellipsis).
const (
	eraInset    = 6
	eraGap      = 8
	eraMinLabel = 40
)

// placeEras lays out the eras' bands at the layout's zoom and places their
// labels left to right in one row: each at its band's start, moved right
// past the label before it, cut to the room left in its band; a label with
// less than eraMinLabel px of room is hidden, never drawn over another.
func (l *Layout) placeEras() {
	eras := l.tl.opt.Eras
	if len(eras) == 0 {
		return
	}
	order := make([]int, len(eras))
	for i := range order {
		order[i] = i
	}
	sortStable(order, func(a, b int) bool { return eras[a].Start.Before(eras[b].Start) })
	l.eras = make([]EraBand, 0, len(eras))
	prevEnd := -1e18
	for _, i := range order {
		e := eras[i]
		end := e.End
		if end.Before(e.Start) {
			end = e.Start
		}
		b := EraBand{Index: i, Title: e.Title, Start: e.Start, End: end, X0: l.X(e.Start), X1: l.X(end)}
		want := l.tl.opt.Measure(e.Title)
		b.LabelX = max(b.X0+eraInset, prevEnd+eraGap)
		room := b.X1 - eraInset - b.LabelX
		if room >= min(want, eraMinLabel) && e.Title != "" {
			b.LabelWidth = min(want, room)
			b.Shown = true
			b.Truncated = b.LabelWidth < want
			prevEnd = b.LabelX + b.LabelWidth
		}
		l.eras = append(l.eras, b)
	}
	sortStable(l.eras, func(a, b EraBand) bool { return cmp.Less(a.X0, b.X0) })
}

// sortStable sorts s by less, keeping equal elements in order: an
// insertion sort, for the few eras a case has (at most casefile.MaxEras),
// which spares the browser program two copies of slices' generic stable
// sort.
func sortStable[T any](s []T, less func(a, b T) bool) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && less(s[j], s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Eras are every era laid out at this zoom, by start.
func (l *Layout) Eras() []EraBand { return l.eras }
