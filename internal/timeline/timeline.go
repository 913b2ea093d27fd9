// Package timeline is Docket's interactive timeline without the browser:
// the date and layout arithmetic (where each event sits on a horizontal
// axis at a zoom level, which events share a marker, where labels and ticks
// go, and which of them are in view) and the reader's state (which event is
// selected, which categories are hidden, the zoom and scroll, and what each
// key, click, wheel and touch does to them). It is plain Go with no UI and
// no I/O, so that tests drive it natively and the browser program can call
// it on every render.
//
// Build a Timeline once from the events (New sorts and groups them), pick a
// Zoom (FitZoom, ZoomIn, ZoomOut), compute a Layout for that zoom, and ask
// the Layout for the Window the reader can see. A View holds one reader's
// state over a case's Events; its methods return the next View and the
// Effects the page must perform.
package timeline

import (
	"cmp"
	"sort"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// Item is one event on the timeline: ID names it, [Start, End) is when it
// happened in UTC and Label is the text shown beside its marker. An event
// known only to the month spans the month, a day event spans the day, an
// event known to the minute spans its minute (and sits at it), and a span
// of several days covers them all.
type Item struct {
	ID         string
	Start, End time.Time
	Label      string
}

// Precision says how much of a marker's date is known, judged from the span
// of its events.
type Precision uint8

// The precisions a group of events may have.
const (
	Mixed Precision = iota // a cluster of groups whose precisions differ
	Day                    // one calendar day
	Days                   // any other whole-day span, such as a three-day trial
	Month                  // one calendar month
	Year                   // one calendar year
)

// String is the precision's name: "day", "days", "month", "year" or "mixed".
func (p Precision) String() string {
	switch p {
	case Day:
		return "day"
	case Days:
		return "days"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return "mixed"
}

// Options tunes the layout. A zero field takes the default given beside it,
// so Options{} is a sensible start.
type Options struct {
	Padding        float64 // px before the first day and after the last (32), so edge markers are not cut off
	MinSpacing     float64 // least px between marker centres (24, a touch target); closer groups are clustered
	MinTickSpacing float64 // least px between axis ticks (80), so tick labels do not touch
	MaxLanes       int     // label rows (3); a label that fits in none is hidden; negative hides all labels
	LabelGap       float64 // least px between two labels in one lane (8)
	MaxLabelWidth  float64 // widest label in px (160); the UI truncates longer text to this
	CharWidth      float64 // average px per character (7), used to estimate widths when Measure is nil
	Overscan       float64 // px beyond each side of the viewport that Window also returns (200); negative for none

	// Eras are the case's labelled stretches of time, drawn as bands behind
	// the markers; the axis covers them as well as the items.
	Eras []Era

	// Measure, when set, returns the width in px of a label. New calls it once
	// per group, so it may be slow (a canvas measureText call) but not very slow.
	Measure func(label string) float64
	// CountLabel, when set, is the label of a marker holding n > 1 events
	// (default "n events").
	CountLabel func(n int) string
}

func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Padding, 32)
	def(&o.MinSpacing, 24)
	def(&o.MinTickSpacing, 80)
	def(&o.LabelGap, 8)
	def(&o.MaxLabelWidth, 160)
	def(&o.CharWidth, 7)
	def(&o.Overscan, 200)
	if o.Overscan < 0 {
		o.Overscan = 0
	}
	if o.MaxLanes == 0 {
		o.MaxLanes = 3
	}
	if o.MaxLanes < 0 {
		o.MaxLanes = 0
	}
	if o.CountLabel == nil {
		o.CountLabel = func(n int) string { return strconv.Itoa(n) + " events" }
	}
	if o.Measure == nil {
		cw := o.CharWidth
		o.Measure = func(s string) float64 { return float64(utf8.RuneCountInString(s)) * cw }
	}
	return o
}

func (o *Options) labelWidth(s string) float64 {
	if s == "" {
		return 0
	}
	return min(o.Measure(s), o.MaxLabelWidth)
}

// Timeline is a case's events, sorted and grouped once by New so that
// layouts at any zoom are cheap. It is safe for concurrent use.
type Timeline struct {
	opt       Options
	items     []Item           // sorted by (Start, ID)
	index     map[string]int32 // item ID → position in items
	itemGroup []int32          // items[i] belongs to group itemGroup[i]

	day0 int64 // first day covered (days since 1970-01-01 UTC)
	days int64 // number of days covered, from day0 to the last event's end

	// Groups, in marker order (by the middle of their span). Days are
	// offsets from day0; group g spans days [gFrom[g], gTo[g]) and holds the
	// items gIDs[gOff[g]:gOff[g+1]].
	gFrom, gTo []int32
	gPos       []float64 // where the marker goes, in days from day0
	gX0, gX1   []float64 // the exact start and end of the group's items, in days from day0
	gPrec      []Precision
	gOff       []int32
	gIDs       []string
	gLabel     []string
	gLabelW    []float64

	mu     sync.Mutex
	recent [4]*Layout // the layouts last asked for, most recent first
}

const (
	secondsPerDay = 24 * 60 * 60
	minutesPerDay = 24 * 60
)

// floorMinute is the minute number (minutes since 1970-01-01 UTC) t falls on.
func floorMinute(t time.Time) int64 {
	s := t.Unix()
	m := s / 60
	if s%60 < 0 {
		m--
	}
	return m
}

// ceilMinute is the first minute number starting at or after t.
func ceilMinute(t time.Time) int64 {
	m := floorMinute(t)
	if t.Unix() > m*60 || t.Nanosecond() > 0 {
		m++
	}
	return m
}

// timed reports whether an item has a time of day: it does not start and
// end at midnight UTC, so its marker sits at its minutes, not its days.
func timed(it Item) bool {
	return it.Start.Unix()%secondsPerDay != 0 || it.End.Unix()%secondsPerDay != 0 ||
		it.Start.Nanosecond() != 0 || it.End.Nanosecond() != 0
}

// floorDay is the day number (days since 1970-01-01 UTC) that t falls on.
func floorDay(t time.Time) int64 {
	s := t.Unix()
	d := s / secondsPerDay
	if s%secondsPerDay < 0 {
		d--
	}
	return d
}

// ceilDay is the first day number starting at or after t.
func ceilDay(t time.Time) int64 {
	d := floorDay(t)
	if t.Unix() > d*secondsPerDay || t.Nanosecond() > 0 {
		d++
	}
	return d
}

// dayTime is midnight UTC at the start of day number d.
func dayTime(d int64) time.Time { return time.Unix(d*secondsPerDay, 0).UTC() }

// markerPos2 is twice the day (fractional, since 1970) where the marker of
// the span [from, to) goes: the middle of a single day, and for a longer
// span the day boundary nearest its middle (rounding down), so that an event
// known only to the month never sits exactly on a day event and hides
// behind it at close zoom.
func markerPos2(from, to int64) int64 {
	if to-from == 1 {
		return from + to
	}
	return 2 * ((from + to) >> 1) // >> floors for negative days too
}

// precisionOf names the span of days [from, to).
func precisionOf(from, to int64) Precision {
	if to == from+1 {
		return Day
	}
	y, m, d := dayTime(from).Date()
	if d == 1 {
		if floorDay(time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC)) == to {
			return Month
		}
		if m == time.January && floorDay(time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)) == to {
			return Year
		}
	}
	return Days
}

// New sorts items by (Start, ID), keeping the input order of equal pairs,
// and groups the items that cover the same days: one marker for several
// events on one day, while a month-long event stays apart from a day event
// on the 1st. An item with a time of day is placed at its minutes (the
// middle of its span) and groups only with items at the same minutes; an
// End before Start counts as Start. IDs should be unique;
// for a repeated ID, navigation follows its first occurrence. Options{}
// gives the defaults.
func New(items []Item, opt Options) *Timeline {
	tl := &Timeline{opt: opt.withDefaults(), items: sortItems(items)}
	n := len(tl.items)
	tl.index = make(map[string]int32, n)
	tl.itemGroup = make([]int32, n)
	if n == 0 {
		tl.gOff = []int32{0}
		return tl
	}

	// Order items by where their marker goes; items with the same span end
	// up next to each other, in (Start, ID) order, and form one group.
	spans := make([]span, n)
	first, last := int64(1<<62), int64(-1<<62)
	for i, it := range tl.items {
		if _, dup := tl.index[it.ID]; !dup {
			tl.index[it.ID] = int32(i)
		}
		from, to := floorDay(it.Start), ceilDay(it.End)
		to = max(to, from+1)
		sp := span{pos2: markerPos2(from, to) * minutesPerDay, from: from, to: to, i: int32(i)}
		if timed(it) {
			m0, m1 := floorMinute(it.Start), ceilMinute(it.End)
			sp.pos2, sp.timed = m0+max(m1, m0+1), true
		}
		spans[i] = sp
		first, last = min(first, from), max(last, to)
	}
	for _, e := range tl.opt.Eras {
		from, to := floorDay(e.Start), ceilDay(e.End)
		first, last = min(first, from), max(last, to, from+1)
	}
	tl.day0, tl.days = first, last-first
	if !sort.IsSorted(spansInOrder(spans)) { // sorted when all events are day events
		sortSpans(spans)
	}

	tl.gIDs = make([]string, n)
	for k, s := range spans {
		tl.gIDs[k] = tl.items[s.i].ID
		x0, x1 := float64(s.from-first), float64(s.to-first)
		if s.timed {
			it := &tl.items[s.i]
			x0 = float64(floorMinute(it.Start)-first*minutesPerDay) / minutesPerDay
			x1 = float64(max(ceilMinute(it.End), floorMinute(it.Start)+1)-first*minutesPerDay) / minutesPerDay
		}
		if k == 0 || s.from != spans[k-1].from || s.to != spans[k-1].to || s.pos2 != spans[k-1].pos2 {
			tl.gOff = append(tl.gOff, int32(k))
			tl.gFrom = append(tl.gFrom, int32(s.from-first))
			tl.gTo = append(tl.gTo, int32(s.to-first))
			tl.gPos = append(tl.gPos, float64(s.pos2-2*first*minutesPerDay)/(2*minutesPerDay))
			tl.gX0 = append(tl.gX0, x0)
			tl.gX1 = append(tl.gX1, x1)
			tl.gPrec = append(tl.gPrec, precisionOf(s.from, s.to))
		} else {
			g := len(tl.gX0) - 1
			tl.gX0[g], tl.gX1[g] = min(tl.gX0[g], x0), max(tl.gX1[g], x1)
		}
		tl.itemGroup[s.i] = int32(len(tl.gOff) - 1)
	}
	tl.gOff = append(tl.gOff, int32(n))

	g := len(tl.gFrom)
	tl.gLabel = make([]string, g)
	tl.gLabelW = make([]float64, g)
	for k := range g {
		if c := tl.gOff[k+1] - tl.gOff[k]; c == 1 {
			tl.gLabel[k] = tl.items[spans[tl.gOff[k]].i].Label
		} else {
			tl.gLabel[k] = tl.opt.CountLabel(int(c))
		}
		tl.gLabelW[k] = tl.opt.labelWidth(tl.gLabel[k])
	}
	return tl
}

// sortItems is a copy of items sorted by (Start, ID), equal pairs in input
// order, with an End before Start moved to Start. It sorts small keys and
// then moves each item once, several times faster than sorting the items.
func sortItems(items []Item) []Item {
	keys := make(itemKeys, len(items))
	for i, it := range items {
		keys[i] = itemKey{it.Start.Unix(), int32(it.Start.Nanosecond()), int32(i), it.ID}
	}
	// Case files are written in order, and a filtered copy of Items is in
	// order too: check before sorting.
	if !sort.IsSorted(keys) {
		sort.Sort(keys)
	}
	sorted := make([]Item, len(items))
	for k, key := range keys {
		sorted[k] = items[key.i]
		if sorted[k].End.Before(sorted[k].Start) {
			sorted[k].End = sorted[k].Start
		}
	}
	return sorted
}

// itemKey is what sortItems sorts item i by.
type itemKey struct {
	sec  int64
	nsec int32
	i    int32
	id   string
}

// itemKeys sort by (Start, ID, input order). They sort through package
// sort's interface, as the spans do, not slices.SortFunc: each struct
// sorted by slices brings its own copy of the sorting code (about 20 KB)
// into the reader's wasm, where go-app already has package sort's.
type itemKeys []itemKey

func (ks itemKeys) Len() int      { return len(ks) }
func (ks itemKeys) Swap(i, j int) { ks[i], ks[j] = ks[j], ks[i] }
func (ks itemKeys) Less(i, j int) bool {
	a, b := &ks[i], &ks[j]
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	if a.nsec != b.nsec {
		return a.nsec < b.nsec
	}
	if a.id != b.id {
		return a.id < b.id
	}
	return a.i < b.i
}

// span is the days [from, to) that item i covers; pos2 is twice the
// minute where its marker goes (see markerPos2 for items without a time of
// day, the middle of their minutes for timed ones).
type span struct {
	pos2, from, to int64
	i              int32
	timed          bool
}

func compareSpans(a, b span) int {
	if c := cmp.Compare(a.pos2, b.pos2); c != 0 {
		return c
	}
	if c := cmp.Compare(a.from, b.from); c != 0 {
		return c
	}
	return cmp.Compare(a.i, b.i)
}

// spansInOrder sort by compareSpans (through package sort: see itemKeys).
type spansInOrder []span

func (s spansInOrder) Len() int           { return len(s) }
func (s spansInOrder) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }
func (s spansInOrder) Less(i, j int) bool { return compareSpans(s[i], s[j]) < 0 }

// sortSpans sorts the spans of items sorted by Start, by compareSpans. The
// spans of single days are in that order already, so it moves the others
// (months, years, times of day: usually few) aside, sorts them and merges
// them back in from the end.
func sortSpans(spans []span) {
	var long []span
	days := 0
	for _, s := range spans {
		if s.to-s.from == 1 && !s.timed {
			spans[days] = s
			days++
		} else {
			long = append(long, s)
		}
	}
	sort.Sort(spansInOrder(long))
	i, j := days-1, len(long)-1
	for k := len(spans) - 1; j >= 0; k-- {
		if i >= 0 && compareSpans(spans[i], long[j]) > 0 {
			spans[k] = spans[i]
			i--
		} else {
			spans[k] = long[j]
			j--
		}
	}
}

// Len is the number of items.
func (tl *Timeline) Len() int { return len(tl.items) }

// Items are the items sorted by (Start, ID), the reading order of a list
// view. The slice is shared: do not modify it.
func (tl *Timeline) Items() []Item { return tl.items }

// Range is the whole days the items cover: midnight UTC of the first day
// and of the day after the last. Both are zero for an empty timeline.
func (tl *Timeline) Range() (start, end time.Time) {
	if len(tl.items) == 0 {
		return time.Time{}, time.Time{}
	}
	return dayTime(tl.day0), dayTime(tl.day0 + tl.days)
}

// Group is the items that cover the same days and so share one marker.
type Group struct {
	Start, End time.Time // midnight UTC, End exclusive
	Precision  Precision
	IDs        []string // in (Start, ID) order; shared, do not modify
}

// Groups are the groups in the order of their markers on the axis (about
// the middle of their span), for list views that show one heading per day.
func (tl *Timeline) Groups() []Group {
	gs := make([]Group, len(tl.gFrom))
	for g := range gs {
		gs[g] = Group{
			Start:     dayTime(tl.day0 + int64(tl.gFrom[g])),
			End:       dayTime(tl.day0 + int64(tl.gTo[g])),
			Precision: tl.gPrec[g],
			IDs:       tl.groupIDs(g, g+1),
		}
	}
	return gs
}

// groupIDs are the ids of the items in groups [g0, g1), capped so that an
// append by the caller cannot overwrite the next group.
func (tl *Timeline) groupIDs(g0, g1 int) []string {
	a, b := tl.gOff[g0], tl.gOff[g1]
	return tl.gIDs[a:b:b]
}

// First is the ID of the earliest item; false when there are none.
func (tl *Timeline) First() (string, bool) {
	if len(tl.items) == 0 {
		return "", false
	}
	return tl.items[0].ID, true
}

// Last is the ID of the latest item; false when there are none.
func (tl *Timeline) Last() (string, bool) {
	if len(tl.items) == 0 {
		return "", false
	}
	return tl.items[len(tl.items)-1].ID, true
}

// Next is the ID of the item after id in (Start, ID) order; false at the
// last item or for an unknown id.
func (tl *Timeline) Next(id string) (string, bool) {
	i, ok := tl.index[id]
	if !ok || int(i)+1 >= len(tl.items) {
		return "", false
	}
	return tl.items[i+1].ID, true
}

// Prev is the ID of the item before id in (Start, ID) order; false at the
// first item or for an unknown id.
func (tl *Timeline) Prev(id string) (string, bool) {
	i, ok := tl.index[id]
	if !ok || i == 0 {
		return "", false
	}
	return tl.items[i-1].ID, true
}
