package casefile

import (
	"fmt"
	"regexp"
	"time"
)

// dateForms are the written forms of each precision: the pattern a value
// must match, the time layout that parses it and how a message names it.
var dateForms = []struct {
	precision Precision
	re        func() *regexp.Regexp
	layout    string
	hint      string
}{
	{Day, lazyRegexp(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`), "2006-01-02", "YYYY-MM-DD"},
	{Month, lazyRegexp(`^[0-9]{4}-[0-9]{2}$`), "2006-01", "YYYY-MM"},
	{Year, lazyRegexp(`^[0-9]{4}$`), "2006", "YYYY"},
}

// parseDate parses value written at precision p, or at any precision when p
// is "". It returns the first instant of the date in UTC, or a message
// saying what is wrong: `"2017-02-30" is not a date`.
func parseDate(value string, p Precision) (time.Time, string) {
	hint := "YYYY, YYYY-MM or YYYY-MM-DD"
	for _, f := range dateForms {
		if f.precision == p {
			hint = f.hint
		}
	}
	for _, f := range dateForms {
		if !f.re().MatchString(value) {
			continue
		}
		if p != "" && f.precision != p {
			return time.Time{}, fmt.Sprintf("%q does not match precision %q: write %s", value, p, hint)
		}
		t, err := time.Parse(f.layout, value)
		if err != nil {
			return time.Time{}, fmt.Sprintf("%q is not a date", value)
		}
		return t, ""
	}
	return time.Time{}, fmt.Sprintf("%q is not a date: write %s", value, hint)
}

// Display is the date as readers see it: the Label when set, otherwise
// "April 6, 2017", "January 2017" or "2017" by precision. An invalid date
// shows its raw value.
func (d Date) Display() string {
	if d.Label != "" {
		return d.Label
	}
	t, msg := parseDate(d.Value, d.Precision)
	if msg != "" {
		return d.Value
	}
	switch d.Precision {
	case Day:
		return t.Format("January 2, 2006")
	case Month:
		return t.Format("January 2006")
	}
	return t.Format("2006")
}

// Start is the first instant of the date, midnight UTC on its first day: the
// left end of its span on the timeline. It is the zero time when the date
// is invalid.
func (d Date) Start() time.Time {
	t, _ := parseDate(d.Value, d.Precision)
	return t
}

// End is the first instant after the date (the next day, month or year), so
// that [Start, End) is the whole span the date covers. It is the zero time
// when the date is invalid.
func (d Date) End() time.Time {
	t, msg := parseDate(d.Value, d.Precision)
	if msg != "" {
		return time.Time{}
	}
	switch d.Precision {
	case Day:
		return t.AddDate(0, 0, 1)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(1, 0, 0)
}

// ISO is the date in the machine-readable form of HTML's <time datetime>:
// "2017-04-06", "2017-01" or "2017" (HTML's date, month and year strings).
// It is "" when the date is invalid.
func (d Date) ISO() string {
	if _, msg := parseDate(d.Value, d.Precision); msg != "" {
		return ""
	}
	return d.Value
}
