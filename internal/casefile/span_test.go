package casefile

import (
	"testing"
	"time"
)

func TestEventWhen(t *testing.T) {
	la := "America/Los_Angeles"
	d := func(v string, p Precision) Date { return Date{Value: v, Precision: p} }
	ptr := func(x Date) *Date { return &x }
	tests := []struct {
		name      string
		date      Date
		end       *Date
		zone      string
		want      string
		last      Date
		spanStart time.Time
		spanEnd   time.Time
	}{
		{"one day", d("2017-04-06", Day), nil, la, "April 6, 2017", d("2017-04-06", Day),
			utc(2017, 4, 6, 0, 0), utc(2017, 4, 7, 0, 0)},
		{"a time of day", d("2017-04-06T16:30", Minute), nil, la, "April 6, 2017, 4:30 p.m. Los Angeles time", d("2017-04-06T16:30", Minute),
			utc(2017, 4, 6, 16, 30), utc(2017, 4, 6, 16, 31)},
		{"an end equal to the date is no span", d("2017-04-06", Day), ptr(d("2017-04-06", Day)), la, "April 6, 2017", d("2017-04-06", Day),
			utc(2017, 4, 6, 0, 0), utc(2017, 4, 7, 0, 0)},
		{"days in one year", d("2017-04-06", Day), ptr(d("2017-05-02", Day)), la, "From April 6 to May 2, 2017", d("2017-05-02", Day),
			utc(2017, 4, 6, 0, 0), utc(2017, 5, 3, 0, 0)},
		{"days across years", d("2017-12-30", Day), ptr(d("2018-01-02", Day)), la, "From December 30, 2017 to January 2, 2018", d("2018-01-02", Day),
			utc(2017, 12, 30, 0, 0), utc(2018, 1, 3, 0, 0)},
		{"months in one year", d("2017-01", Month), ptr(d("2017-03", Month)), "", "From January to March 2017", d("2017-03", Month),
			utc(2017, 1, 1, 0, 0), utc(2017, 4, 1, 0, 0)},
		{"months across years", d("2016-11", Month), ptr(d("2017-03", Month)), "", "From November 2016 to March 2017", d("2017-03", Month),
			utc(2016, 11, 1, 0, 0), utc(2017, 4, 1, 0, 0)},
		{"years", d("2015", Year), ptr(d("2017", Year)), "", "From 2015 to 2017", d("2017", Year),
			utc(2015, 1, 1, 0, 0), utc(2018, 1, 1, 0, 0)},
		{"a month to a day", d("2017-01", Month), ptr(d("2017-04-06", Day)), "", "From January 2017 to April 6, 2017", d("2017-04-06", Day),
			utc(2017, 1, 1, 0, 0), utc(2017, 4, 7, 0, 0)},
		{"hours of one afternoon", d("2017-04-06T16:30", Minute), ptr(d("2017-04-06T18:00", Minute)), la,
			"April 6, 2017, from 4:30 to 6 p.m. Los Angeles time", d("2017-04-06T18:00", Minute),
			utc(2017, 4, 6, 16, 30), utc(2017, 4, 6, 18, 1)},
		{"morning to afternoon", d("2017-04-06T11:00", Minute), ptr(d("2017-04-06T14:15", Minute)), "UTC",
			"April 6, 2017, from 11 a.m. to 2:15 p.m. UTC", d("2017-04-06T14:15", Minute),
			utc(2017, 4, 6, 11, 0), utc(2017, 4, 6, 14, 16)},
		{"noon to afternoon", d("2017-04-06T12:00", Minute), ptr(d("2017-04-06T14:00", Minute)), "",
			"April 6, 2017, from noon to 2 p.m.", d("2017-04-06T14:00", Minute),
			utc(2017, 4, 6, 12, 0), utc(2017, 4, 6, 14, 1)},
		{"times on two days", d("2017-04-06T16:30", Minute), ptr(d("2017-04-07T09:00", Minute)), la,
			"From April 6, 2017, 4:30 p.m. to April 7, 2017, 9 a.m. Los Angeles time", d("2017-04-07T09:00", Minute),
			utc(2017, 4, 6, 16, 30), utc(2017, 4, 7, 9, 1)},
		{"a time to a day", d("2017-04-06T16:30", Minute), ptr(d("2017-04-10", Day)), la,
			"From April 6, 2017, 4:30 p.m. Los Angeles time to April 10, 2017", d("2017-04-10", Day),
			utc(2017, 4, 6, 16, 30), utc(2017, 4, 11, 0, 0)},
		{"a day to a time", d("2017-04-06", Day), ptr(d("2017-04-10T10:00", Minute)), la,
			"From April 6, 2017 to April 10, 2017, 10 a.m. Los Angeles time", d("2017-04-10T10:00", Minute),
			utc(2017, 4, 6, 0, 0), utc(2017, 4, 10, 10, 1)},
		{"labels are kept whole", Date{Value: "2017-01", Precision: Month, Label: "Late January"}, ptr(d("2017-03", Month)), "",
			"From Late January to March 2017", d("2017-03", Month),
			utc(2017, 1, 1, 0, 0), utc(2017, 4, 1, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &Event{Date: tt.date, End: tt.end}
			if got := e.When(tt.zone); got != tt.want {
				t.Errorf("When(%q) = %q, want %q", tt.zone, got, tt.want)
			}
			if got := e.Last(); got != tt.last {
				t.Errorf("Last() = %+v, want %+v", got, tt.last)
			}
			start, end := e.Span()
			if !start.Equal(tt.spanStart) || !end.Equal(tt.spanEnd) {
				t.Errorf("Span() = %v, %v; want %v, %v", start, end, tt.spanStart, tt.spanEnd)
			}
		})
	}
}

func TestEraSpan(t *testing.T) {
	e := Era{Title: "In court", Start: Date{Value: "2017-04", Precision: Month}, End: Date{Value: "2017-04-07", Precision: Day}}
	start, end := e.Span()
	if !start.Equal(utc(2017, 4, 1, 0, 0)) || !end.Equal(utc(2017, 4, 8, 0, 0)) {
		t.Errorf("Span() = %v, %v", start, end)
	}
}

func TestHasQuiz(t *testing.T) {
	c := minimalCase(t)
	if !c.HasQuiz() {
		t.Error("the minimal case has a quiz")
	}
	c.Quiz = Quiz{Title: "A quiz", Intro: "No questions yet."}
	if c.HasQuiz() {
		t.Error("a quiz without questions is no quiz")
	}
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}
