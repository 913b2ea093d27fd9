package casefile

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		d          Date
		display    string
		iso        string
		start, end time.Time
	}{
		{Date{Value: "2017-04-06", Precision: Day}, "April 6, 2017", "2017-04-06", day(2017, 4, 6), day(2017, 4, 7)},
		{Date{Value: "2017-04-06T16:30", Precision: Minute}, "April 6, 2017, 4:30 p.m.", "2017-04-06T16:30", at(2017, 4, 6, 16, 30), at(2017, 4, 6, 16, 31)},
		{Date{Value: "2017-04-06T16:00", Precision: Minute}, "April 6, 2017, 4 p.m.", "2017-04-06T16:00", at(2017, 4, 6, 16, 0), at(2017, 4, 6, 16, 1)},
		{Date{Value: "2017-04-06T09:05", Precision: Minute}, "April 6, 2017, 9:05 a.m.", "2017-04-06T09:05", at(2017, 4, 6, 9, 5), at(2017, 4, 6, 9, 6)},
		{Date{Value: "2017-04-06T12:00", Precision: Minute}, "April 6, 2017, noon", "2017-04-06T12:00", at(2017, 4, 6, 12, 0), at(2017, 4, 6, 12, 1)},
		{Date{Value: "2017-04-06T12:45", Precision: Minute}, "April 6, 2017, 12:45 p.m.", "2017-04-06T12:45", at(2017, 4, 6, 12, 45), at(2017, 4, 6, 12, 46)},
		{Date{Value: "2017-04-06T00:00", Precision: Minute}, "April 6, 2017, 12 a.m.", "2017-04-06T00:00", day(2017, 4, 6), at(2017, 4, 6, 0, 1)},
		{Date{Value: "2017-04-06T00:01", Precision: Minute}, "April 6, 2017, 12:01 a.m.", "2017-04-06T00:01", at(2017, 4, 6, 0, 1), at(2017, 4, 6, 0, 2)},
		{Date{Value: "2017-12-31T23:59", Precision: Minute}, "December 31, 2017, 11:59 p.m.", "2017-12-31T23:59", at(2017, 12, 31, 23, 59), day(2018, 1, 1)},
		{Date{Value: "2017-04-06T16:30", Precision: Minute, Label: "Late afternoon, April 6"}, "Late afternoon, April 6", "2017-04-06T16:30", at(2017, 4, 6, 16, 30), at(2017, 4, 6, 16, 31)},
		{Date{Value: "2017-12-31", Precision: Day}, "December 31, 2017", "2017-12-31", day(2017, 12, 31), day(2018, 1, 1)},
		{Date{Value: "2016-02-29", Precision: Day}, "February 29, 2016", "2016-02-29", day(2016, 2, 29), day(2016, 3, 1)},
		{Date{Value: "2017-01", Precision: Month}, "January 2017", "2017-01", day(2017, 1, 1), day(2017, 2, 1)},
		{Date{Value: "2017-12", Precision: Month}, "December 2017", "2017-12", day(2017, 12, 1), day(2018, 1, 1)},
		{Date{Value: "2017-01", Precision: Month, Label: "Late January 2017"}, "Late January 2017", "2017-01", day(2017, 1, 1), day(2017, 2, 1)},
		{Date{Value: "2017", Precision: Year}, "2017", "2017", day(2017, 1, 1), day(2018, 1, 1)},
		// Invalid dates show their raw value and have no span or ISO form.
		{Date{Value: "2017-02-30", Precision: Day}, "2017-02-30", "", time.Time{}, time.Time{}},
		{Date{Value: "2017-04", Precision: Day}, "2017-04", "", time.Time{}, time.Time{}},
		{Date{Value: "2017-04-06T24:00", Precision: Minute}, "2017-04-06T24:00", "", time.Time{}, time.Time{}},
		{Date{Value: "2017-04-06T16:30:00", Precision: Minute}, "2017-04-06T16:30:00", "", time.Time{}, time.Time{}},
		{Date{Value: "2017-04-06", Precision: Minute}, "2017-04-06", "", time.Time{}, time.Time{}},
		{Date{Value: "2017-04-06T16:30", Precision: Day}, "2017-04-06T16:30", "", time.Time{}, time.Time{}},
		{Date{Value: "2017", Precision: "decade"}, "2017", "", time.Time{}, time.Time{}},
		{Date{}, "", "", time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		if got := tt.d.Display(); got != tt.display {
			t.Errorf("%+v.Display() = %q, want %q", tt.d, got, tt.display)
		}
		if got := tt.d.ISO(); got != tt.iso {
			t.Errorf("%+v.ISO() = %q, want %q", tt.d, got, tt.iso)
		}
		if got := tt.d.Start(); !got.Equal(tt.start) || got.Location() != time.UTC {
			t.Errorf("%+v.Start() = %v, want %v", tt.d, got, tt.start)
		}
		if got := tt.d.End(); !got.Equal(tt.end) {
			t.Errorf("%+v.End() = %v, want %v", tt.d, got, tt.end)
		}
	}
}

func TestParseDateMessages(t *testing.T) {
	tests := []struct {
		value string
		p     Precision
		want  string
	}{
		{"2017-04-06T16:30", Minute, ""},
		{"2017-04-06T16:30", anyPrecision, ""},
		{"2017-04-06", anyPrecision, ""},
		{"2017-04-06T25:00", Minute, `"2017-04-06T25:00" is not a date and time`},
		{"2017-02-30T10:00", Minute, `"2017-02-30T10:00" is not a date and time`},
		{"2017-04-06 16:30", Minute, `"2017-04-06 16:30" is not a date: write YYYY-MM-DDTHH:MM`},
		{"2017-04-06", Minute, `"2017-04-06" does not match precision "minute": write YYYY-MM-DDTHH:MM`},
		{"2017-04-06T16:30", Day, `"2017-04-06T16:30" does not match precision "day": write YYYY-MM-DD`},
		// A source's or a correction's date ("") is a calendar date.
		{"2017-04-06T16:30", "", `"2017-04-06T16:30" has a time of day: write YYYY, YYYY-MM or YYYY-MM-DD`},
		{"April", anyPrecision, `"April" is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM`},
		// Only ASCII digits, exactly where the form has them.
		{"2017", Year, ""},
		{"2017-04", Month, ""},
		{"2017-4-06", "", `"2017-4-06" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`},
		{"2017-04-06\n", Day, `"2017-04-06\n" is not a date: write YYYY-MM-DD`},
		{" 2017", Year, `" 2017" is not a date: write YYYY`},
		{"201a", Year, `"201a" is not a date: write YYYY`},
		{"２０１７", Year, `"２０１７" is not a date: write YYYY`},
		{"2017/04/06", "", `"2017/04/06" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`},
	}
	for _, tt := range tests {
		if _, got := parseDate(tt.value, tt.p); got != tt.want {
			t.Errorf("parseDate(%q, %q) = %q, want %q", tt.value, tt.p, got, tt.want)
		}
	}
}

func TestZoneLabel(t *testing.T) {
	tests := []struct{ zone, want string }{
		{"", ""},
		{"America/Los_Angeles", "Los Angeles time"},
		{"America/New_York", "New York time"},
		{"Europe/London", "London time"},
		{"America/Argentina/Buenos_Aires", "Buenos Aires time"},
		{"America/Port-au-Prince", "Port-au-Prince time"},
		{"US/Pacific", "Pacific time"},
		{"UTC", "UTC"},
		{"Etc/UTC", "UTC"},
		{"Etc/GMT", "UTC"},
		{"GMT", "UTC"},
		{"Etc/Zulu", "UTC"},
		{"Etc/GMT+5", "UTC-5"},
		{"Etc/GMT-10", "UTC+10"},
		{"EST5EDT", "EST5EDT time"},
	}
	for _, tt := range tests {
		if got := ZoneLabel(tt.zone); got != tt.want {
			t.Errorf("ZoneLabel(%q) = %q, want %q", tt.zone, got, tt.want)
		}
	}
}

func TestDisplayIn(t *testing.T) {
	la := "America/Los_Angeles"
	tests := []struct {
		d    Date
		zone string
		want string
	}{
		{Date{Value: "2017-04-06T16:30", Precision: Minute}, la, "April 6, 2017, 4:30 p.m. Los Angeles time"},
		{Date{Value: "2017-04-06T12:00", Precision: Minute}, "UTC", "April 6, 2017, noon UTC"},
		{Date{Value: "2017-04-06T16:30", Precision: Minute}, "", "April 6, 2017, 4:30 p.m."},
		{Date{Value: "2017-04-06T16:30", Precision: Minute, Label: "Late on April 6"}, la, "Late on April 6, Los Angeles time"},
		{Date{Value: "2017-04-06", Precision: Day}, la, "April 6, 2017"},
		{Date{Value: "2017-01", Precision: Month}, la, "January 2017"},
		{Date{Value: "2017", Precision: Year}, la, "2017"},
		{Date{Value: "2017-04-06T99:00", Precision: Minute}, la, "2017-04-06T99:00"},
	}
	for _, tt := range tests {
		if got := tt.d.DisplayIn(tt.zone); got != tt.want {
			t.Errorf("%+v.DisplayIn(%q) = %q, want %q", tt.d, tt.zone, got, tt.want)
		}
	}
}
