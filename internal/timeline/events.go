package timeline

import (
	"math"
	"sync"
)

// MaxCategories is the most categories a Filter can switch off; a case
// file allows fewer.
const MaxCategories = 32

// Filter is the categories a reader has switched off, by position in the
// case's list of categories: bit k hides category k.
type Filter uint32

// Hides reports whether the filter hides category k.
func (f Filter) Hides(k int) bool { return k >= 0 && k < MaxCategories && f&(1<<k) != 0 }

// Event is one event for NewEvents: its id and the position of its
// category in the case's list, -1 for none (an event of no category is
// never hidden).
type Event struct {
	ID       string
	Category int
}

// Events are a case's events in reading order (the case file's, which
// validation keeps in date order), each with its category: what a View
// steps through and filters. NewEvents indexes them once, so that with
// 10,000 events a step or a filter costs lookups, not scans. They are
// read-only once built and safe for concurrent use; every View of a case
// shares them.
type Events struct {
	ids   []string
	cat   []int          // by position: the category's position, -1 for none
	ncat  int            // categories the case has
	index map[string]int // id → position; a repeated id names its first
	axis  func(positions []int) *Timeline

	mu    sync.Mutex
	shown map[Filter]*Shown
}

// NewEvents indexes events, given in reading order. categories is how many
// categories the case has (those past MaxCategories cannot be switched
// off). axis lays out the events at the positions it is given (those a
// filter shows, in reading order) on a time axis; a View calls it only once
// it has a width to draw in, once per filter.
func NewEvents(events []Event, categories int, axis func(positions []int) *Timeline) *Events {
	e := &Events{
		ids:   make([]string, len(events)),
		cat:   make([]int, len(events)),
		ncat:  max(0, min(categories, MaxCategories)),
		index: make(map[string]int, len(events)),
		axis:  axis,
		shown: map[Filter]*Shown{},
	}
	for i, ev := range events {
		e.ids[i] = ev.ID
		e.cat[i] = ev.Category
		if _, dup := e.index[ev.ID]; !dup {
			e.index[ev.ID] = i
		}
	}
	return e
}

// Len is the number of events.
func (e *Events) Len() int { return len(e.ids) }

// ID is the id of the event at position i.
func (e *Events) ID(i int) string { return e.ids[i] }

// Index is the position of event id; false for an unknown id.
func (e *Events) Index(id string) (int, bool) {
	i, ok := e.index[id]
	return i, ok
}

// Category is the position of the category of the event at position i, -1
// for none.
func (e *Events) Category(i int) int { return e.cat[i] }

// Categories is how many categories a Filter can switch off.
func (e *Events) Categories() int { return e.ncat }

// all is the filter that hides every category.
func (e *Events) all() Filter { return Filter(1)<<e.ncat - 1 }

// Show is the events that filter f leaves shown.
func (e *Events) Show(f Filter) *Shown {
	f &= e.all()
	e.mu.Lock()
	defer e.mu.Unlock()
	if s, ok := e.shown[f]; ok {
		return s
	}
	s := &Shown{events: e, rank: make([]int32, len(e.ids))}
	for i, k := range e.cat {
		if f.Hides(k) {
			s.rank[i] = -1
			continue
		}
		s.rank[i] = int32(len(s.order))
		s.order = append(s.order, i)
	}
	// A reader tries a few filters; do not keep every one ever asked for.
	if len(e.shown) >= 8 {
		clear(e.shown)
	}
	e.shown[f] = s
	return s
}

// FirstOf is, of the events ids, the one that comes first in reading
// order; "" when none is known.
func (e *Events) FirstOf(ids []string) string {
	best, bi := "", len(e.ids)
	for _, id := range ids {
		if i, ok := e.index[id]; ok && i < bi {
			best, bi = id, i
		}
	}
	return best
}

// nextOf is the event after cur among ids in reading order, wrapping
// round to the first.
func (e *Events) nextOf(ids []string, cur string) string {
	ci := e.index[cur]
	best, bi := "", math.MaxInt
	for _, id := range ids {
		if i := e.index[id]; i > ci && i < bi {
			best, bi = id, i
		}
	}
	if best == "" {
		return e.FirstOf(ids)
	}
	return best
}

// Shown is the events one Filter leaves shown, in reading order, and the
// axis that places them. It is read-only and shared.
type Shown struct {
	events *Events
	order  []int   // positions of the events shown
	rank   []int32 // by position: its place in order, -1 when hidden

	axisOnce sync.Once
	axis     *Timeline
}

// Len is the number of events shown.
func (s *Shown) Len() int { return len(s.order) }

// Order is the positions of the events shown; shared, do not modify.
func (s *Shown) Order() []int { return s.order }

// Has reports whether the event at position i is shown.
func (s *Shown) Has(i int) bool { return i >= 0 && i < len(s.rank) && s.rank[i] >= 0 }

// Rank is the place among those shown of the event at position i, -1 when
// it is hidden.
func (s *Shown) Rank(i int) int { return int(s.rank[i]) }

// Nearest is the position of the shown event nearest to event i in reading
// order: i itself when shown, else the next one shown, else the one before.
// It is -1 when nothing is shown.
func (s *Shown) Nearest(i int) int {
	if len(s.order) == 0 {
		return -1
	}
	if s.Has(i) {
		return i
	}
	for j := i + 1; j < len(s.rank); j++ {
		if s.rank[j] >= 0 {
			return j
		}
	}
	for j := min(i, len(s.rank)) - 1; j >= 0; j-- {
		if s.rank[j] >= 0 {
			return j
		}
	}
	return s.order[0]
}

// Step is the position of the shown event delta places after event i
// (before it for a negative delta), held at the first and last shown; -1
// when nothing is shown.
func (s *Shown) Step(i, delta int) int {
	i = s.Nearest(i)
	if i < 0 {
		return -1
	}
	r := int(s.rank[i]) + delta
	r = max(0, min(r, len(s.order)-1))
	return s.order[r]
}

// Axis is the time axis of the events shown, laid out on first use.
func (s *Shown) Axis() *Timeline {
	s.axisOnce.Do(func() { s.axis = s.events.axis(s.order) })
	return s.axis
}
