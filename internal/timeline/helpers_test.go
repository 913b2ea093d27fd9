package timeline

import (
	"fmt"
	"math/rand/v2"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// dayItem is an event known to the day.
func dayItem(id string, y int, m time.Month, d int) Item {
	return Item{ID: id, Start: date(y, m, d), End: date(y, m, d+1), Label: "Event " + id}
}

// monthItem is an event known only to the month.
func monthItem(id string, y int, m time.Month) Item {
	return Item{ID: id, Start: date(y, m, 1), End: date(y, m+1, 1), Label: "Event " + id}
}

// yearItem is an event known only to the year.
func yearItem(id string, y int) Item {
	return Item{ID: id, Start: date(y, 1, 1), End: date(y+1, 1, 1), Label: "Event " + id}
}

// generate makes n events over the ten years 2010-2019, most known to the
// day, some to the month or the year, with labels of 10 to 60 characters.
func generate(n int, seed uint64) []Item {
	r := rand.New(rand.NewPCG(seed, 1))
	items := make([]Item, n)
	for i := range items {
		id := fmt.Sprintf("e%05d", i)
		y, m := 2010+r.IntN(10), time.Month(1+r.IntN(12))
		switch p := r.IntN(100); {
		case p < 85:
			items[i] = dayItem(id, y, m, 1+r.IntN(daysIn(y, m)))
		case p < 95:
			items[i] = monthItem(id, y, m)
		default:
			items[i] = yearItem(id, y)
		}
		label := make([]byte, 10+r.IntN(51))
		for k := range label {
			label[k] = 'a' + byte(r.IntN(26))
		}
		items[i].Label = string(label)
	}
	return items
}

// allMarkers expands every marker of a layout.
func allMarkers(l *Layout) []Marker {
	ms := make([]Marker, len(l.markers))
	for i := range l.markers {
		ms[i] = l.expand(&l.markers[i])
	}
	return ms
}

func labels(ticks []Tick) []string {
	s := make([]string, len(ticks))
	for i, t := range ticks {
		s[i] = t.Label
	}
	return s
}
