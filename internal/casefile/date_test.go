package casefile

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		d          Date
		display    string
		iso        string
		start, end time.Time
	}{
		{Date{Value: "2017-04-06", Precision: Day}, "April 6, 2017", "2017-04-06", day(2017, 4, 6), day(2017, 4, 7)},
		{Date{Value: "2017-12-31", Precision: Day}, "December 31, 2017", "2017-12-31", day(2017, 12, 31), day(2018, 1, 1)},
		{Date{Value: "2016-02-29", Precision: Day}, "February 29, 2016", "2016-02-29", day(2016, 2, 29), day(2016, 3, 1)},
		{Date{Value: "2017-01", Precision: Month}, "January 2017", "2017-01", day(2017, 1, 1), day(2017, 2, 1)},
		{Date{Value: "2017-12", Precision: Month}, "December 2017", "2017-12", day(2017, 12, 1), day(2018, 1, 1)},
		{Date{Value: "2017-01", Precision: Month, Label: "Late January 2017"}, "Late January 2017", "2017-01", day(2017, 1, 1), day(2017, 2, 1)},
		{Date{Value: "2017", Precision: Year}, "2017", "2017", day(2017, 1, 1), day(2018, 1, 1)},
		// Invalid dates show their raw value and have no span or ISO form.
		{Date{Value: "2017-02-30", Precision: Day}, "2017-02-30", "", time.Time{}, time.Time{}},
		{Date{Value: "2017-04", Precision: Day}, "2017-04", "", time.Time{}, time.Time{}},
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
