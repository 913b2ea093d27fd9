package timeline

import (
	"strconv"
	"time"
)

// Unit is the spacing of the axis ticks at one zoom level, such as "week"
// or "quarter". Layout picks the finest unit whose ticks stay
// Options.MinTickSpacing apart.
type Unit struct {
	name    string
	minDays float64 // shortest gap between two ticks, in days
	doms    []int   // days of the month that get a tick, for units under a month
	months  int     // months between ticks, for units of a month or more
}

// String is the unit's name in words, such as "week" or "5 years".
func (u Unit) String() string { return u.name }

// Units under a month tick on fixed days of the month, so that every month
// (and so every year) boundary has a tick: weeks on the 1st, 8th, 15th and
// 22nd rather than on Mondays.
var (
	unitDay       = Unit{"day", 1, seq(1, 31, 1), 0}
	unitTwoDays   = Unit{"2 days", 2, seq(1, 27, 2), 0}
	unitWeek      = Unit{"week", 7, []int{1, 8, 15, 22}, 0}
	unitHalfMonth = Unit{"half month", 14, []int{1, 15}, 0}
	unitMonth     = Unit{"month", 28, nil, 1}
	unitQuarter   = Unit{"quarter", 90, nil, 3}
	unitHalfYear  = Unit{"half year", 181, nil, 6}
	subYearUnits  = []Unit{unitDay, unitTwoDays, unitWeek, unitHalfMonth, unitMonth, unitQuarter, unitHalfYear}
)

var firstOfMonth = []int{1}

func seq(from, to, step int) []int {
	var s []int
	for i := from; i <= to; i += step {
		s = append(s, i)
	}
	return s
}

// unitFor is the finest unit whose ticks are at least minPx apart at zoom z.
func unitFor(z Zoom, minPx float64) Unit {
	for _, u := range subYearUnits {
		if u.minDays*float64(z) >= minPx {
			return u
		}
	}
	// Years: 1, 2, 5, 10, 20, 50, 100, ...
	for n := 1; ; n *= 10 {
		for _, k := range [...]int{1, 2, 5} {
			years := n * k
			if float64(365*years)*float64(z) >= minPx || years >= 1_000_000 {
				name := "year"
				if years > 1 {
					name = strconv.Itoa(years) + " years"
				}
				return Unit{name, float64(365 * years), nil, 12 * years}
			}
		}
	}
}

// Tick is one mark on the axis, at the start (midnight UTC) of its day; a
// day's events sit half a day to its right.
type Tick struct {
	X     float64 // content px
	Time  time.Time
	Label string // in readers' words: "2017", "Apr 2017", "Apr 6"
	Major bool   // the tick starts a year; its label is the year
}

var monthAbbr = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func tickLabel(u Unit, y int, m time.Month, d int) (string, bool) {
	if m == time.January && d == 1 {
		return strconv.Itoa(y), true
	}
	if u.months == 0 {
		return monthAbbr[m-1] + " " + strconv.Itoa(d), false
	}
	return monthAbbr[m-1] + " " + strconv.Itoa(y), false
}

// daysIn is the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// floorDiv is a/b rounded towards minus infinity.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// ticks appends to dst the ticks of unit u with lo <= X <= hi.
func (l *Layout) ticks(dst []Tick, u Unit, lo, hi float64) []Tick {
	y, m, _ := l.Time(lo).Date()
	mi := y*12 + int(m) - 1 // months since year 0
	if u.months > 0 {
		mi = floorDiv(mi, u.months) * u.months
	}
	for {
		y, m := floorDiv(mi, 12), time.Month(mi-floorDiv(mi, 12)*12+1)
		doms := u.doms
		if u.months > 0 {
			doms = firstOfMonth
		}
		n := daysIn(y, m)
		for _, d := range doms {
			if d > n {
				break
			}
			t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			x := l.X(t)
			if x > hi {
				return dst
			}
			if x < lo {
				continue
			}
			label, major := tickLabel(u, y, m, d)
			dst = append(dst, Tick{X: x, Time: t, Label: label, Major: major})
		}
		if u.months > 0 {
			mi += u.months
		} else {
			mi++
		}
	}
}
