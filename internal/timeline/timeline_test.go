package timeline

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestNewSortsAndGroups(t *testing.T) {
	items := []Item{
		{ID: "f", Start: date(2017, 3, 2), End: date(2017, 3, 1)}, // End before Start: the day of Start
		monthItem("b", 2017, 3),
		{ID: "c", Start: date(2017, 3, 1).Add(10 * time.Hour), End: date(2017, 3, 1).Add(11 * time.Hour)},
		dayItem("a", 2017, 3, 1),
		yearItem("d", 2017),
		{ID: "e", Start: date(2017, 3, 1), End: date(2017, 3, 4)}, // a three-day trial
		{ID: "g", Start: date(2017, 3, 1), End: date(2017, 3, 1)}, // an instant at midnight
	}
	tl := New(items, Options{})

	var gotOrder []string
	for _, it := range tl.Items() {
		gotOrder = append(gotOrder, it.ID)
	}
	if want := []string{"d", "a", "b", "e", "g", "c", "f"}; !slices.Equal(gotOrder, want) {
		t.Errorf("Items order = %v, want %v", gotOrder, want)
	}

	type group struct {
		start, end time.Time
		prec       Precision
		ids        []string
	}
	want := []group{
		{date(2017, 3, 1), date(2017, 3, 2), Day, []string{"c"}}, // at 10:30, its middle: before the day's marker at noon
		{date(2017, 3, 1), date(2017, 3, 2), Day, []string{"a", "g"}},
		{date(2017, 3, 1), date(2017, 3, 4), Days, []string{"e"}},
		{date(2017, 3, 2), date(2017, 3, 3), Day, []string{"f"}},
		{date(2017, 3, 1), date(2017, 4, 1), Month, []string{"b"}}, // not merged with the day events on the 1st
		{date(2017, 1, 1), date(2018, 1, 1), Year, []string{"d"}},
	}
	got := tl.Groups()
	if len(got) != len(want) {
		t.Fatalf("got %d groups %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if !g.Start.Equal(w.start) || !g.End.Equal(w.end) || g.Precision != w.prec || !slices.Equal(g.IDs, w.ids) {
			t.Errorf("group %d = {%v %v %v %v}, want {%v %v %v %v}", i,
				g.Start.Format(time.DateOnly), g.End.Format(time.DateOnly), g.Precision, g.IDs,
				w.start.Format(time.DateOnly), w.end.Format(time.DateOnly), w.prec, w.ids)
		}
	}

	start, end := tl.Range()
	if !start.Equal(date(2017, 1, 1)) || !end.Equal(date(2018, 1, 1)) {
		t.Errorf("Range = %v, %v, want 2017-01-01, 2018-01-01", start, end)
	}
}

func TestNewIsStableAndCopies(t *testing.T) {
	items := []Item{
		{ID: "x", Start: date(2020, 1, 1), Label: "first"},
		{ID: "x", Start: date(2020, 1, 1), Label: "second"},
		{ID: "a", Start: date(2019, 1, 1), Label: "earlier"},
	}
	tl := New(items, Options{})
	var got []string
	for _, it := range tl.Items() {
		got = append(got, it.Label)
	}
	if want := []string{"earlier", "first", "second"}; !slices.Equal(got, want) {
		t.Errorf("labels = %v, want %v", got, want)
	}
	if items[0].Label != "first" || items[2].ID != "a" {
		t.Errorf("New changed its input: %v", items)
	}
}

func TestPrecisionOf(t *testing.T) {
	tests := []struct {
		from, to time.Time
		want     Precision
	}{
		{date(2017, 4, 6), date(2017, 4, 7), Day},
		{date(2017, 4, 6), date(2017, 4, 9), Days},
		{date(2017, 2, 1), date(2017, 3, 1), Month},
		{date(2016, 2, 1), date(2016, 3, 1), Month}, // leap year
		{date(2017, 12, 1), date(2018, 1, 1), Month},
		{date(2017, 1, 1), date(2018, 1, 1), Year},
		{date(2017, 1, 1), date(2017, 3, 1), Days},
		{date(2017, 1, 2), date(2017, 2, 2), Days},
	}
	for _, tt := range tests {
		if got := precisionOf(floorDay(tt.from), floorDay(tt.to)); got != tt.want {
			t.Errorf("precisionOf(%v, %v) = %v, want %v", tt.from.Format(time.DateOnly), tt.to.Format(time.DateOnly), got, tt.want)
		}
	}
}

func TestDays(t *testing.T) {
	tests := []struct {
		t           time.Time
		floor, ceil int64
	}{
		{date(1970, 1, 1), 0, 0},
		{date(1970, 1, 1).Add(time.Nanosecond), 0, 1},
		{date(1970, 1, 2).Add(-time.Second), 0, 1},
		{date(1969, 12, 31), -1, -1},
		{date(1969, 12, 31).Add(time.Hour), -1, 0},
		{time.Date(2017, 4, 6, 23, 0, 0, 0, time.FixedZone("UTC-5", -5*3600)), floorDay(date(2017, 4, 7)), floorDay(date(2017, 4, 8))},
	}
	for _, tt := range tests {
		if got := floorDay(tt.t); got != tt.floor {
			t.Errorf("floorDay(%v) = %d, want %d", tt.t, got, tt.floor)
		}
		if got := ceilDay(tt.t); got != tt.ceil {
			t.Errorf("ceilDay(%v) = %d, want %d", tt.t, got, tt.ceil)
		}
	}
}

func TestNavigation(t *testing.T) {
	tl := New([]Item{dayItem("b", 2017, 4, 6), dayItem("a", 2017, 4, 6), dayItem("c", 2017, 5, 1)}, Options{})
	type result struct {
		id string
		ok bool
	}
	tests := []struct {
		name string
		got  func() (string, bool)
		want result
	}{
		{"First", tl.First, result{"a", true}},
		{"Last", tl.Last, result{"c", true}},
		{"Next(a)", func() (string, bool) { return tl.Next("a") }, result{"b", true}},
		{"Next(b)", func() (string, bool) { return tl.Next("b") }, result{"c", true}},
		{"Next(c) at the end", func() (string, bool) { return tl.Next("c") }, result{"", false}},
		{"Prev(c)", func() (string, bool) { return tl.Prev("c") }, result{"b", true}},
		{"Prev(a) at the start", func() (string, bool) { return tl.Prev("a") }, result{"", false}},
		{"Next(unknown)", func() (string, bool) { return tl.Next("zz") }, result{"", false}},
		{"Prev(unknown)", func() (string, bool) { return tl.Prev("zz") }, result{"", false}},
	}
	for _, tt := range tests {
		id, ok := tt.got()
		if got := (result{id, ok}); got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, got, tt.want)
		}
	}

	empty := New(nil, Options{})
	if id, ok := empty.First(); ok {
		t.Errorf("empty First = %q, true", id)
	}
	if id, ok := empty.Last(); ok {
		t.Errorf("empty Last = %q, true", id)
	}
	if id, ok := empty.Next("a"); ok {
		t.Errorf("empty Next = %q, true", id)
	}
}

func TestSortSpansMatchesCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, long := range []int{0, 1, 10, 50, 100} { // percent of spans longer than a day
		// Spans as New makes them: in the order of their items, by start.
		spans := make([]span, 3000)
		from := int64(-200)
		for i := range spans {
			from += r.Int64N(3)
			to := from + 1
			if r.IntN(100) < long {
				to += r.Int64N(400)
			}
			spans[i] = span{pos2: markerPos2(from, to) * minutesPerDay, from: from, to: to, i: int32(i)}
			if to == from+1 && r.IntN(100) < long/2 { // a time of day
				m := from*minutesPerDay + r.Int64N(minutesPerDay)
				spans[i].pos2, spans[i].timed = 2*m+1, true
			}
		}
		want := slices.Clone(spans)
		slices.SortFunc(want, compareSpans)
		sortSpans(spans)
		if !slices.Equal(spans, want) {
			t.Errorf("%d%% long spans: sortSpans differs from sorting by compareSpans", long)
		}
	}
}

func TestNewIgnoresInputOrder(t *testing.T) {
	items := generate(500, 9)
	want := New(items, Options{})
	shuffled := slices.Clone(items)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	got := New(shuffled, Options{})
	if !slices.Equal(got.Items(), want.Items()) {
		t.Errorf("Items differ after shuffling the input")
	}
	if !slices.EqualFunc(got.Groups(), want.Groups(), func(a, b Group) bool {
		return a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.Precision == b.Precision && slices.Equal(a.IDs, b.IDs)
	}) {
		t.Errorf("Groups differ after shuffling the input")
	}
	// Building from a timeline's own Items (a filtered list) gives it back.
	if again := New(want.Items(), Options{}); !slices.Equal(again.Items(), want.Items()) {
		t.Errorf("New(Items()) reorders the items")
	}
}
