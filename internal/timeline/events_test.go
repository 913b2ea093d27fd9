package timeline

import (
	"slices"
	"testing"
)

// demoItems is a small case in reading order: an event known to the day, one
// known to the month, two events on one day and one the day after.
func demoItems() []Item {
	return []Item{
		dayItem("a", 2017, 1, 24),
		monthItem("b", 2017, 1),
		dayItem("c", 2017, 4, 6),
		dayItem("d", 2017, 4, 6),
		dayItem("e", 2017, 4, 7),
	}
}

// demoCategories are the demo events' categories: 0 court (c, e), 1
// government (b), 2 press (a, d).
var demoCategories = []int{2, 1, 0, 2, 0}

const (
	court = 0
	gov   = 1
	press = 2
)

// eventsOf indexes items in reading order with their categories, laying
// the axis out as the case page does.
func eventsOf(items []Item, cats []int, categories int) *Events {
	evs := make([]Event, len(items))
	for i, it := range items {
		evs[i] = Event{ID: it.ID, Category: cats[i]}
	}
	return NewEvents(evs, categories, func(pos []int) *Timeline {
		sub := make([]Item, len(pos))
		for k, i := range pos {
			sub[k] = items[i]
		}
		return New(sub, Options{Padding: 40, MinSpacing: 28, MaxLanes: 3, MaxLabelWidth: 240})
	})
}

func demoEvents() *Events { return eventsOf(demoItems(), demoCategories, 3) }

func TestEventsFilterAndStep(t *testing.T) {
	e := demoEvents()
	all := e.Show(0)
	if !slices.Equal(all.Order(), []int{0, 1, 2, 3, 4}) {
		t.Fatalf("order = %v", all.Order())
	}
	noPress := e.Show(1 << press) // a and d hidden
	for _, tc := range []struct {
		name          string
		s             *Shown
		from, delta   int
		nearest, step int
	}{
		{"next", all, 0, +1, 0, 1},
		{"prev at start stays", all, 0, -1, 0, 0},
		{"next at end stays", all, 4, +1, 4, 4},
		{"skip hidden", noPress, 2, +1, 2, 4},
		{"back over hidden", noPress, 4, -1, 4, 2},
		{"hidden: nearest is the next shown", noPress, 0, 0, 1, 1},
		{"hidden: from a hidden event", noPress, 3, +1, 4, 4},
		{"hidden: from a hidden event back", noPress, 3, -1, 4, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Nearest(tc.from); got != tc.nearest {
				t.Errorf("Nearest(%d) = %d; want %d", tc.from, got, tc.nearest)
			}
			if got := tc.s.Step(tc.from, tc.delta); got != tc.step {
				t.Errorf("Step(%d, %d) = %d; want %d", tc.from, tc.delta, got, tc.step)
			}
		})
	}
	// The last shown event, hidden at the end: nearest looks back.
	if got := e.Show(1 << court).Nearest(4); got != 3 {
		t.Errorf("nearest to the hidden last event = %d; want 3", got)
	}
	if e.Show(1<<press) != noPress {
		t.Error("filters are not kept")
	}
	if got, want := noPress.Rank(2), 1; got != want {
		t.Errorf("Rank(c) = %d; want %d", got, want)
	}
	if got := noPress.Rank(3); got != -1 {
		t.Errorf("Rank of a hidden event = %d; want -1", got)
	}
	if noPress.Has(0) || !noPress.Has(1) || noPress.Has(-1) || noPress.Has(5) {
		t.Error("Has is wrong")
	}
	// An empty filter: every category off shows nothing.
	none := e.Show(e.all())
	if none.Len() != 0 || none.Nearest(2) != -1 || none.Step(2, 1) != -1 {
		t.Errorf("everything hidden: %d shown, Nearest %d, Step %d; want 0, -1, -1", none.Len(), none.Nearest(2), none.Step(2, 1))
	}
	// Bits beyond the case's categories hide nothing.
	if got := e.Show(1 << 7).Len(); got != 5 {
		t.Errorf("a filter of an unknown category shows %d events; want 5", got)
	}
}

func TestEventsLookups(t *testing.T) {
	e := eventsOf(append(demoItems(), dayItem("c", 2017, 5, 1)), []int{2, 1, 0, 2, 0, -1}, 3)
	if i, ok := e.Index("c"); !ok || i != 2 {
		t.Errorf("Index(c) = %d, %v; want the first c, 2", i, ok)
	}
	if _, ok := e.Index("zz"); ok {
		t.Error("Index of an unknown id is found")
	}
	if got := e.FirstOf([]string{"e", "c", "d"}); got != "c" {
		t.Errorf("FirstOf = %q; want c", got)
	}
	if got := e.FirstOf([]string{"zz"}); got != "" {
		t.Errorf("FirstOf unknown = %q; want empty", got)
	}
	for _, tc := range []struct{ cur, want string }{{"c", "d"}, {"d", "e"}, {"e", "c"}} {
		if got := e.nextOf([]string{"d", "e", "c"}, tc.cur); got != tc.want {
			t.Errorf("nextOf after %s = %q; want %q", tc.cur, got, tc.want)
		}
	}
	// An event of no category is never hidden.
	if !e.Show(e.all()).Has(5) {
		t.Error("an event of no category is hidden")
	}
	if got := NewEvents(nil, 40, nil).Categories(); got != MaxCategories {
		t.Errorf("Categories() of 40 = %d; want %d", got, MaxCategories)
	}
}
