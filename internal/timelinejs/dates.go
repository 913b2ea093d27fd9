package timelinejs

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"docket/internal/casefile"
)

// parsedDate is a TimelineJS date as a Docket date, with the instant it
// starts at (for ordering) and what was changed on the way.
type parsedDate struct {
	Date    casefile.Date
	At      time.Time
	Changes []string
}

// Docket's dates run from year 1 to 9999 (four digits).
const minYear, maxYear = 1, 9999

// toDate turns TimelineJS date parts into a Docket date whose precision is
// the finest part given: a year, a month, a day or a minute (seconds are
// dropped, and said so). It returns why when the parts are not a date
// Docket can hold.
func toDate(p *DateParts) (parsedDate, error) {
	var out parsedDate
	year, err := number("year", p.Year)
	switch {
	case err != nil:
		return out, err
	case p.Year == "":
		return out, fmt.Errorf("has no year: TimelineJS needs at least a year, and so does Docket")
	case year < minYear:
		return out, fmt.Errorf("year %d is before year 1: Docket's dates run from year 1 to 9999", year)
	case year > maxYear:
		return out, fmt.Errorf("year %d is after 9999: Docket's dates run from year 1 to 9999", year)
	}
	month, err := number("month", p.Month)
	if err != nil {
		return out, err
	}
	day, err := number("day", p.Day)
	if err != nil {
		return out, err
	}
	hour, minute, second, err := clock(p)
	if err != nil {
		return out, err
	}
	hasTime := p.Hour != "" || p.Minute != "" || p.Second != "" || p.Time != ""
	switch {
	case p.Month == "" && p.Day != "":
		return out, fmt.Errorf("has a day (%s) but no month", p.Day)
	case p.Month != "" && (month < 1 || month > 12):
		return out, fmt.Errorf("month %s is not a month from 1 to 12", p.Month)
	case p.Day != "" && (day < 1 || day > daysIn(year, month)):
		return out, fmt.Errorf("%04d-%02d-%s is not a date: that month has %d days", year, month, p.Day, daysIn(year, month))
	}
	if hasTime && p.Day == "" {
		out.Changes = append(out.Changes, "a time of day on a date with no day was dropped")
		hasTime = false
	}
	if hasTime && (second != 0 || (p.Millisecond != "" && p.Millisecond != "0")) {
		out.Changes = append(out.Changes, fmt.Sprintf("%02d:%02d:%02d became %02d:%02d: Docket's times are to the minute", hour, minute, second, hour, minute))
	}
	d := &out.Date
	switch {
	case hasTime:
		d.Precision, d.Value = casefile.Minute, fmt.Sprintf("%04d-%02d-%02dT%02d:%02d", year, month, day, hour, minute)
		out.At = time.Date(year, time.Month(month), day, hour, minute, 0, 0, time.UTC)
	case p.Day != "":
		d.Precision, d.Value = casefile.Day, fmt.Sprintf("%04d-%02d-%02d", year, month, day)
		out.At = time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	case p.Month != "":
		d.Precision, d.Value = casefile.Month, fmt.Sprintf("%04d-%02d", year, month)
		out.At = time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	default:
		d.Precision, d.Value = casefile.Year, fmt.Sprintf("%04d", year)
		out.At = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	d.Label = inline(p.DisplayDate)
	return out, nil
}

// number parses a date part written as digits, possibly negative, with the
// thousands separators and spaces TimelineJS also ignores ("1,815");
// "" is 0. A number such as 1815.0, as JSON may write it, is 1815.
func number(what, s string) (int, error) {
	clean := strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(s)
	if clean == "" {
		return 0, nil
	}
	if whole, frac, ok := strings.Cut(clean, "."); ok && strings.Trim(frac, "0") == "" {
		clean = whole
	}
	n, err := strconv.Atoi(clean)
	if err != nil || n > 1e9 || n < -1e9 {
		return 0, fmt.Errorf("%s %q is not a whole number", what, shorten(s, 40))
	}
	return n, nil
}

// clock reads the time of day: JSON's hour, minute and second, or the
// Sheets template's Time cell ("16:30", "4:30 PM", "16:30:15").
func clock(p *DateParts) (hour, minute, second int, err error) {
	if p.Time != "" {
		return parseClock(p.Time)
	}
	if hour, err = number("hour", p.Hour); err != nil {
		return
	}
	if minute, err = number("minute", p.Minute); err != nil {
		return
	}
	if second, err = number("second", p.Second); err != nil {
		return
	}
	return hour, minute, second, checkClock(hour, minute, second)
}

// parseClock reads a Time cell: H, H:MM or H:MM:SS, with an optional AM or PM.
func parseClock(s string) (hour, minute, second int, err error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), ""))
	t = strings.ReplaceAll(t, ".", "")
	pm, am := strings.HasSuffix(t, "pm"), strings.HasSuffix(t, "am")
	t = strings.TrimSuffix(strings.TrimSuffix(t, "pm"), "am")
	parts := strings.Split(t, ":")
	bad := fmt.Errorf("time %q is not a time of day such as 16:30 or 4:30 PM", shorten(s, 40))
	if len(parts) > 3 || t == "" {
		return 0, 0, 0, bad
	}
	nums := make([]int, 3)
	for i, part := range parts {
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 || (i > 0 && len(part) != 2) {
			return 0, 0, 0, bad
		}
		nums[i] = n
	}
	hour, minute, second = nums[0], nums[1], nums[2]
	if pm || am {
		if hour < 1 || hour > 12 {
			return 0, 0, 0, bad
		}
		hour %= 12
		if pm {
			hour += 12
		}
	}
	if checkClock(hour, minute, second) != nil {
		return 0, 0, 0, bad
	}
	return hour, minute, second, nil
}

func checkClock(hour, minute, second int) error {
	switch {
	case hour < 0 || hour > 23:
		return fmt.Errorf("hour %d is not from 0 to 23", hour)
	case minute < 0 || minute > 59:
		return fmt.Errorf("minute %d is not from 0 to 59", minute)
	case second < 0 || second > 59:
		return fmt.Errorf("second %d is not from 0 to 59", second)
	}
	return nil
}

// daysIn is the number of days in a month of the proleptic Gregorian
// calendar, as Go's time package counts them.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dateParts is a Docket date as TimelineJS date parts, for the export.
func dateParts(d casefile.Date) DateParts {
	var p DateParts
	v := d.Value
	date, clockPart, _ := strings.Cut(v, "T")
	fields := strings.Split(date, "-")
	trim := func(s string) string {
		if t := strings.TrimLeft(s, "0"); t != "" {
			return t
		}
		return "0"
	}
	p.Year = trim(fields[0])
	if len(fields) > 1 {
		p.Month = trim(fields[1])
	}
	if len(fields) > 2 {
		p.Day = trim(fields[2])
	}
	if h, m, ok := strings.Cut(clockPart, ":"); ok {
		p.Hour, p.Minute = trim(h), trim(m)
	}
	p.DisplayDate = d.Label
	return p
}
