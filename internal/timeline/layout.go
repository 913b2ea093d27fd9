package timeline

import (
	"math"
	"sort"
	"time"
)

// Layout is the whole timeline laid out at one zoom: every marker's place,
// which groups it clusters and which label lane it has. It is computed for
// all events at once, so markers and labels stay put while the reader
// scrolls; ask it for the Window in view on each render. Content
// coordinates run from 0 to Width, padding included. A Layout is immutable
// and safe to share.
type Layout struct {
	tl      *Timeline
	zoom    Zoom
	width   float64
	unit    Unit
	markers []marker // sorted by x
	eras    []EraBand

	// countLabels holds CountLabel(n) and its width for every cluster size n
	// in this layout, so Window allocates no label strings.
	countLabels map[int32]countLabel
}

type countLabel struct {
	text  string
	width float32
}

// marker is a Marker in compact form; Window expands the visible ones. It
// holds no pointers, so 10,000 of them cost the garbage collector nothing
// to scan.
type marker struct {
	x        float64
	x0, x1   float64 // exact start and end of its items, days from day0
	labelW   float32
	g0, g1   int32 // groups [g0, g1)
	from, to int32 // days covered, as offsets from day0
	lane     int16
	prec     Precision
}

// Marker is one dot on the axis: one group of events on the same days, or a
// cluster of neighbouring groups that would otherwise be closer than
// Options.MinSpacing. Zooming in splits clusters.
type Marker struct {
	X          float64   // centre, content px: about the middle of the days it covers
	X0, X1     float64   // content px where its events start and end (to the minute), to draw a span
	Start, End time.Time // earliest start and latest end of its events (midnight UTC, End exclusive)
	Precision  Precision // of its group; Mixed for a cluster of differing groups
	Groups     int       // number of groups; more than one makes it a cluster
	IDs        []string  // its events, in axis order; shared, do not modify
	Label      string    // the event's label, or CountLabel(len(IDs)) for several
	LabelX     float64   // left edge of the label box, content px
	LabelWidth float64
	Lane       int // label row, 0 nearest the axis; -1 when the label is empty or hidden to avoid overlap
}

// Layout lays out the whole timeline at zoom z (clamped to MaxZoom):
// clusters groups closer than Options.MinSpacing and assigns labels to
// lanes. It is linear in the number of groups, and the Timeline keeps the
// last few layouts, so calling it on every render costs a lookup.
func (tl *Timeline) Layout(z Zoom) *Layout {
	z = clampZoom(z)
	tl.mu.Lock()
	defer tl.mu.Unlock()
	for i, l := range tl.recent {
		if l != nil && l.zoom == z {
			copy(tl.recent[1:i+1], tl.recent[:i])
			tl.recent[0] = l
			return l
		}
	}
	l := tl.layout(z)
	copy(tl.recent[1:], tl.recent[:])
	tl.recent[0] = l
	return l
}

// layout computes the Layout at zoom z, without the cache.
func (tl *Timeline) layout(z Zoom) *Layout {
	z = clampZoom(z)
	o := &tl.opt
	l := &Layout{
		tl:    tl,
		zoom:  z,
		width: 2*o.Padding + float64(tl.days)*float64(z),
		unit:  unitFor(z, o.MinTickSpacing),
	}
	l.cluster()
	l.placeLabels()
	l.placeEras()
	return l
}

// cluster merges groups, left to right, into the marker before them while
// they are less than MinSpacing from it; a merged marker sits at the middle
// of its first and last group. Merging only moves a marker right, so each
// marker stays MinSpacing clear of the one before it, and a cluster spans
// less than 2×MinSpacing.
func (l *Layout) cluster() {
	tl := l.tl
	pad, z, d := tl.opt.Padding, float64(l.zoom), tl.opt.MinSpacing
	// Markers are d apart, so no more than width/d+1 of them fit.
	ms := make([]marker, 0, min(len(tl.gFrom), int(l.width/d)+2))
	var firstX float64
	for g, pos := range tl.gPos {
		from, to := tl.gFrom[g], tl.gTo[g]
		x := pad + pos*z
		if n := len(ms); n > 0 && x-ms[n-1].x < d {
			m := &ms[n-1]
			m.g1 = int32(g + 1)
			m.x = (firstX + x) / 2
			m.from, m.to = min(m.from, from), max(m.to, to)
			m.x0, m.x1 = min(m.x0, tl.gX0[g]), max(m.x1, tl.gX1[g])
			if m.prec != tl.gPrec[g] {
				m.prec = Mixed
			}
			continue
		}
		firstX = x
		ms = append(ms, marker{x: x, x0: tl.gX0[g], x1: tl.gX1[g], g0: int32(g), g1: int32(g + 1), from: from, to: to, prec: tl.gPrec[g]})
	}
	l.markers = ms
}

// placeLabels centres each label over its marker (shifted to stay within
// the content) and puts it in the lowest lane where it clears the labels
// already there by LabelGap; when no lane has room the label is hidden,
// never drawn over another.
func (l *Layout) placeLabels() {
	tl := l.tl
	o := &tl.opt
	laneEnd := make([]float64, o.MaxLanes)
	for i := range laneEnd {
		laneEnd[i] = math.Inf(-1)
	}
	for i := range l.markers {
		m := &l.markers[i]
		if m.g1-m.g0 == 1 {
			m.labelW = float32(tl.gLabelW[m.g0])
		} else {
			n := tl.gOff[m.g1] - tl.gOff[m.g0]
			c, ok := l.countLabels[n]
			if !ok {
				c.text = o.CountLabel(int(n))
				c.width = float32(o.labelWidth(c.text))
				if l.countLabels == nil {
					l.countLabels = make(map[int32]countLabel)
				}
				l.countLabels[n] = c
			}
			m.labelW = c.width
		}
		m.lane = -1
		if m.labelW <= 0 {
			continue
		}
		x, w := l.labelX(m), float64(m.labelW)
		for k, end := range laneEnd {
			if end+o.LabelGap <= x {
				m.lane = int16(k)
				laneEnd[k] = x + w
				break
			}
		}
	}
}

// labelX is the left edge of m's label: centred over the marker, shifted to
// stay within the content.
func (l *Layout) labelX(m *marker) float64 {
	w := float64(m.labelW)
	return max(0, min(m.x-w/2, l.width-w))
}

// Zoom is the layout's zoom.
func (l *Layout) Zoom() Zoom { return l.zoom }

// Width is the content width in px: every day at this zoom plus padding at
// both ends.
func (l *Layout) Width() float64 { return l.width }

// TickUnit is the spacing of the axis ticks at this zoom.
func (l *Layout) TickUnit() Unit { return l.unit }

// X is the content px of moment t: proportional to time, so a month is
// about 30 times the gap of a day.
func (l *Layout) X(t time.Time) float64 {
	secs := float64(t.Unix()-l.tl.day0*secondsPerDay) + float64(t.Nanosecond())/1e9
	return l.tl.opt.Padding + secs/secondsPerDay*float64(l.zoom)
}

// Time is the moment at content px x, the inverse of X (to within a
// microsecond).
func (l *Layout) Time(x float64) time.Time {
	secs := (x - l.tl.opt.Padding) / float64(l.zoom) * secondsPerDay
	s := math.Floor(secs)
	return time.Unix(l.tl.day0*secondsPerDay+int64(s), int64((secs-s)*1e9)).UTC()
}

// ClampScroll keeps a scroll offset within the content for a viewport px
// wide; 0 when the content is narrower than the viewport.
func (l *Layout) ClampScroll(scroll, viewport float64) float64 {
	return max(0, min(scroll, l.width-viewport))
}

// Window is what a viewport shows, plus Options.Overscan px on each side so
// that a small scroll needs no new DOM.
type Window struct {
	Left, Right float64   // content px covered, overscan included
	Markers     []Marker  // markers whose dot or shown label reaches into [Left, Right], by X
	Ticks       []Tick    // ticks within [Left, Right] and the content, by X
	Eras        []EraBand // eras whose band reaches into [Left, Right], by start
}

// Window is the part of the layout in a viewport px wide scrolled to
// scroll px: only the markers and ticks in view, so the DOM stays small
// with 10,000 events. It costs a binary search plus the items returned.
func (l *Layout) Window(scroll, viewport float64) Window {
	o := &l.tl.opt
	w := Window{Left: scroll - o.Overscan, Right: scroll + viewport + o.Overscan}
	if w.Right < w.Left {
		return w
	}
	r := o.MinSpacing / 2
	reach := max(r, o.MaxLabelWidth) // a label lies within MaxLabelWidth of its marker
	ms := l.markers
	i0 := sort.Search(len(ms), func(i int) bool { return ms[i].x >= w.Left-reach })
	i1 := i0 + sort.Search(len(ms)-i0, func(i int) bool { return ms[i0+i].x > w.Right+reach })
	in := func(m *marker) bool {
		dot := m.x+r >= w.Left && m.x-r <= w.Right
		lx := l.labelX(m)
		label := m.lane >= 0 && lx+float64(m.labelW) >= w.Left && lx <= w.Right
		return dot || label
	}
	n := 0
	for i := i0; i < i1; i++ {
		if in(&ms[i]) {
			n++
		}
	}
	if n > 0 {
		w.Markers = make([]Marker, 0, n)
		for i := i0; i < i1; i++ {
			if in(&ms[i]) {
				w.Markers = append(w.Markers, l.expand(&ms[i]))
			}
		}
	}
	for _, e := range l.eras {
		if e.X1 >= w.Left && e.X0 <= w.Right {
			w.Eras = append(w.Eras, e)
		}
	}
	if len(l.tl.items) > 0 {
		lo, hi := max(w.Left, 0), min(w.Right, l.width)
		if lo <= hi {
			step := l.unit.minDays * float64(l.zoom)
			w.Ticks = l.ticks(make([]Tick, 0, int((hi-lo)/step)+2), l.unit, lo, hi)
		}
	}
	return w
}

func (l *Layout) expand(m *marker) Marker {
	tl := l.tl
	pad, z := tl.opt.Padding, float64(l.zoom)
	label := tl.gLabel[m.g0]
	if m.g1-m.g0 > 1 {
		label = l.countLabels[tl.gOff[m.g1]-tl.gOff[m.g0]].text
	}
	return Marker{
		X:          m.x,
		X0:         pad + m.x0*z,
		X1:         pad + m.x1*z,
		Start:      dayTime(tl.day0 + int64(m.from)),
		End:        dayTime(tl.day0 + int64(m.to)),
		Precision:  m.prec,
		Groups:     int(m.g1 - m.g0),
		IDs:        tl.groupIDs(int(m.g0), int(m.g1)),
		Label:      label,
		LabelX:     l.labelX(m),
		LabelWidth: float64(m.labelW),
		Lane:       int(m.lane),
	}
}

// markerOf is the index of the marker holding item id; false for an
// unknown id.
func (l *Layout) markerOf(id string) (int, bool) {
	i, ok := l.tl.index[id]
	if !ok {
		return 0, false
	}
	g := l.tl.itemGroup[i]
	ms := l.markers
	return sort.Search(len(ms), func(k int) bool { return ms[k].g1 > g }), true
}

// MarkerOf is the marker that holds item id at this zoom (its own group, or
// the cluster it is in), to highlight the selected event; false for an
// unknown id.
func (l *Layout) MarkerOf(id string) (Marker, bool) {
	k, ok := l.markerOf(id)
	if !ok {
		return Marker{}, false
	}
	return l.expand(&l.markers[k]), true
}

// CenterOn is the scroll offset that puts the marker holding item id in the
// middle of a viewport px wide, clamped to the content (so the first and
// last events sit off-centre); false for an unknown id.
func (l *Layout) CenterOn(id string, viewport float64) (float64, bool) {
	k, ok := l.markerOf(id)
	if !ok {
		return 0, false
	}
	return l.ClampScroll(l.markers[k].x-viewport/2, viewport), true
}
