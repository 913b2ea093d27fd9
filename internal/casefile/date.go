package casefile

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dateForms are the written forms of each precision: the shape a value
// must have (9 a digit, other characters themselves), the time layout that
// parses it and how a message names it. Minute comes first: its value
// starts with a day's. Shapes, not regular expressions: the browser
// program reads dates while it starts, and a pattern would be compiled
// and run there first.
var dateForms = []struct {
	precision Precision
	shape     string
	layout    string
	hint      string
}{
	{Minute, "9999-99-99T99:99", "2006-01-02T15:04", "YYYY-MM-DDTHH:MM"},
	{Day, "9999-99-99", "2006-01-02", "YYYY-MM-DD"},
	{Month, "9999-99", "2006-01", "YYYY-MM"},
	{Year, "9999", "2006", "YYYY"},
}

// hasShape reports whether value is shape with a digit wherever shape has 9.
func hasShape(value, shape string) bool {
	if len(value) != len(shape) {
		return false
	}
	for i := range len(shape) {
		if shape[i] == '9' {
			if value[i] < '0' || value[i] > '9' {
				return false
			}
		} else if value[i] != shape[i] {
			return false
		}
	}
	return true
}

// anyPrecision asks parseDate for a date at any precision, a time of day
// included; "" asks for a calendar date (a day, a month or a year), the form
// of a source's or a correction's date.
const anyPrecision Precision = "*"

// parseDate parses value written at precision p, at any calendar precision
// when p is "", or at any precision at all when p is anyPrecision. It
// returns the first instant of the date (a Minute date's wall-clock time,
// read as UTC), or a message saying what is wrong: `"2017-02-30" is not a
// date`.
func parseDate(value string, p Precision) (time.Time, string) {
	hint := "YYYY, YYYY-MM or YYYY-MM-DD"
	if p == anyPrecision {
		hint = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM"
	}
	for _, f := range dateForms {
		if f.precision == p {
			hint = f.hint
		}
	}
	for _, f := range dateForms {
		if !hasShape(value, f.shape) {
			continue
		}
		if p == "" && f.precision == Minute {
			return time.Time{}, fmt.Sprintf("%q has a time of day: write %s", value, hint)
		}
		if p != "" && p != anyPrecision && f.precision != p {
			return time.Time{}, fmt.Sprintf("%q does not match precision %q: write %s", value, p, hint)
		}
		t, err := time.Parse(f.layout, value)
		if err != nil {
			if f.precision == Minute {
				return time.Time{}, fmt.Sprintf("%q is not a date and time", value)
			}
			return time.Time{}, fmt.Sprintf("%q is not a date", value)
		}
		return t, ""
	}
	return time.Time{}, fmt.Sprintf("%q is not a date: write %s", value, hint)
}

// Display is the date as readers see it: the Label when set, otherwise
// "April 6, 2017, 4:30 p.m.", "April 6, 2017", "January 2017" or "2017" by
// precision. Times are written as newsrooms write them (AP style): "4 p.m.",
// "4:30 p.m.", "noon"; the minute after midnight is "12:01 a.m." and
// midnight itself "12 a.m.", since "midnight" leaves readers unsure which
// day it ends. An invalid date shows its raw value.
func (d Date) Display() string {
	if d.Label != "" {
		return d.Label
	}
	t, msg := parseDate(d.Value, d.Precision)
	if msg != "" {
		return d.Value
	}
	switch d.Precision {
	case Minute:
		return t.Format("January 2, 2006") + ", " + clock(t)
	case Day:
		return t.Format("January 2, 2006")
	case Month:
		return t.Format("January 2006")
	}
	return t.Format("2006")
}

// clock is the time of day of t in AP style: "4 p.m.", "4:30 a.m.", "noon",
// "12 a.m.".
func clock(t time.Time) string {
	h, m := t.Hour(), t.Minute()
	if h == 12 && m == 0 {
		return "noon"
	}
	suffix := " a.m."
	if h >= 12 {
		suffix = " p.m."
	}
	h %= 12
	if h == 0 {
		h = 12
	}
	if m == 0 {
		return strconv.Itoa(h) + suffix
	}
	return fmt.Sprintf("%d:%02d%s", h, m, suffix)
}

// DisplayIn is Display followed by the label of the case's zone (see
// ZoneLabel) when the date has a time of day: "April 6, 2017, 4:30 p.m. Los
// Angeles time". Other precisions, an invalid date and an empty zone give
// Display unchanged. It looks nothing up, so the server's page and the
// browser program write the same bytes.
func (d Date) DisplayIn(zone string) string {
	s := d.Display()
	label := ZoneLabel(zone)
	if d.Precision != Minute || label == "" || d.ISO() == "" {
		return s
	}
	if d.Label != "" {
		return s + ", " + label
	}
	return s + " " + label
}

// utcNames are the IANA names of UTC itself.
var utcNames = map[string]bool{
	"UTC": true, "UCT": true, "GMT": true, "Zulu": true, "Universal": true, "Greenwich": true,
	"GMT0": true, "GMT+0": true, "GMT-0": true,
}

// ZoneLabel is how readers see an IANA time zone beside a time: its city,
// "Los Angeles time" for "America/Los_Angeles" ("Pacific time" for the old
// "US/Pacific"), "UTC" for UTC under any of its names, and "UTC-5" for
// "Etc/GMT+5" (whose sign POSIX inverts). It reads only the name, with no
// time zone database: the browser program must not embed one (about
// 450 KB). It is "" for "".
func ZoneLabel(zone string) string {
	name := strings.TrimPrefix(zone, "Etc/")
	switch {
	case zone == "":
		return ""
	case utcNames[name]:
		return "UTC"
	case name != zone && strings.HasPrefix(name, "GMT") && len(name) > 4:
		// Etc/GMT+5 is five hours behind UTC: POSIX counts westward.
		sign := map[byte]string{'+': "-", '-': "+"}[name[3]]
		if sign != "" {
			return "UTC" + sign + name[4:]
		}
	}
	city := zone[strings.LastIndexByte(zone, '/')+1:]
	return strings.ReplaceAll(city, "_", " ") + " time"
}

// Start is the first instant of the date, midnight UTC on its first day, or
// its wall-clock time read as UTC for a Minute date: the left end of its
// span on the timeline. Every date of a case is in the case's one zone, so
// reading them all as UTC keeps them in order without a zone database. It
// is the zero time when the date is invalid.
func (d Date) Start() time.Time {
	t, _ := parseDate(d.Value, d.Precision)
	return t
}

// End is the first instant after the date (the next minute, day, month or
// year), so that [Start, End) is the whole span the date covers. It is the
// zero time when the date is invalid.
func (d Date) End() time.Time {
	t, msg := parseDate(d.Value, d.Precision)
	if msg != "" {
		return time.Time{}
	}
	switch d.Precision {
	case Minute:
		return t.Add(time.Minute)
	case Day:
		return t.AddDate(0, 0, 1)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(1, 0, 0)
}

// ISO is the date in the machine-readable form of HTML's <time datetime>:
// "2017-04-06T16:30" (a local date and time string: the zone is the case's),
// "2017-04-06", "2017-01" or "2017" (HTML's date, month and year strings).
// It is "" when the date is invalid.
func (d Date) ISO() string {
	if _, msg := parseDate(d.Value, d.Precision); msg != "" {
		return ""
	}
	return d.Value
}
