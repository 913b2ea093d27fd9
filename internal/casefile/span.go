package casefile

import (
	"strings"
	"time"
)

// Last is the last date the event covers: its End when it is a span,
// otherwise its Date.
func (e *Event) Last() Date {
	if e.End != nil {
		return *e.End
	}
	return e.Date
}

// IsSpan reports whether the event covers more than its Date: it has an End
// that differs from it.
func (e *Event) IsSpan() bool {
	return e.End != nil && *e.End != e.Date
}

// Span is the stretch of time the event covers, from the start of its Date
// to the end of its Last date (exclusive), as the timeline draws it.
func (e *Event) Span() (start, end time.Time) {
	return e.Date.Start(), e.Last().End()
}

// When is the event's date as lists and the no-script page write it, with
// the case's zone (see DisplayIn): "April 6, 2017", or for a span "From
// April 6 to May 2, 2017", "From January to March 2017", "April 6, 2017,
// from 4:30 to 6 p.m. Los Angeles time" or "From April 6, 2017 to May 2,
// 2018". A shortened form is used only when it cannot be misread: both
// dates of one precision, in one year, without labels.
func (e *Event) When(zone string) string {
	if !e.IsSpan() {
		return e.Date.DisplayIn(zone)
	}
	return fromTo(e.Date, *e.End, zone)
}

// fromTo writes the span from a to b.
func fromTo(a, b Date, zone string) string {
	plain := a.Label == "" && b.Label == "" && a.Precision == b.Precision && a.ISO() != "" && b.ISO() != ""
	if plain {
		x, y := a.Start(), b.Start()
		switch {
		case a.Precision == Minute && x.YearDay() == y.YearDay() && x.Year() == y.Year():
			return x.Format("January 2, 2006") + ", from " + strings.TrimSuffix(strings.TrimSuffix(clock(x), " a.m."), " p.m.") +
				sameHalf(x, y) + " to " + clock(y) + zoneSuffix(zone)
		case a.Precision == Day && x.Year() == y.Year():
			return "From " + x.Format("January 2") + " to " + y.Format("January 2, 2006")
		case a.Precision == Month && x.Year() == y.Year():
			return "From " + x.Format("January") + " to " + y.Format("January 2006")
		}
	}
	first := a.Display()
	if a.Precision == Minute && b.Precision != Minute {
		first = a.DisplayIn(zone)
	}
	return "From " + first + " to " + b.DisplayIn(zone)
}

// sameHalf is what the start of a same-day span keeps of its clock: nothing
// more when both times fall in the same half of the day ("from 4:30 to 6
// p.m."), its own " a.m." or " p.m." when they do not ("from 11 a.m. to 2
// p.m."). A start at noon already reads "noon".
func sameHalf(x, y time.Time) string {
	c := clock(x)
	if c == "noon" || (x.Hour() < 12) == (y.Hour() < 12) {
		return ""
	}
	return c[strings.LastIndexByte(c, ' '):]
}

// zoneSuffix is " Los Angeles time" for a zone, "" for none.
func zoneSuffix(zone string) string {
	if l := ZoneLabel(zone); l != "" {
		return " " + l
	}
	return ""
}

// Span is the stretch of time the era covers: from the start of its Start
// date to the end of its End date (exclusive).
func (e Era) Span() (start, end time.Time) {
	return e.Start.Start(), e.End.End()
}

// HasQuiz reports whether the case has a quiz to take: a case without
// questions is a timeline-only case.
func (c *Case) HasQuiz() bool {
	return len(c.Quiz.Questions) > 0
}
