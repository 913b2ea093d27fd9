package casefile

import (
	"testing"
)

func TestLookups(t *testing.T) {
	c := demoCase(t)
	tests := []struct {
		what, id string
		got      func(id string) string
		want     string
	}{
		{"Event", "trial-ruling", func(id string) string { return nameOf(c.Event(id), func(e *Event) string { return e.Title }) }, "The trial court rules for the board"},
		{"Event", "nope", func(id string) string { return nameOf(c.Event(id), func(e *Event) string { return e.Title }) }, "<nil>"},
		{"Event", "", func(id string) string { return nameOf(c.Event(id), func(e *Event) string { return e.Title }) }, "<nil>"},
		{"Term", "reversed", func(id string) string { return nameOf(c.Term(id), func(x *Term) string { return x.Term }) }, "Reversed"},
		{"Term", "appeal-decided", func(id string) string { return nameOf(c.Term(id), func(x *Term) string { return x.Term }) }, "<nil>"},
		{"Source", "demo-ruling", func(id string) string { return nameOf(c.Source(id), func(x *Source) string { return x.URL }) }, "https://example.org/demo-appeal/ruling"},
		{"Source", "demo", func(id string) string { return nameOf(c.Source(id), func(x *Source) string { return x.URL }) }, "<nil>"},
		{"Category", "appeal", func(id string) string { return nameOf(c.Category(id), func(x *Category) string { return x.Label }) }, "On appeal"},
		{"Category", "court", func(id string) string { return nameOf(c.Category(id), func(x *Category) string { return x.Label }) }, "<nil>"},
		{"Question", "is-real", func(id string) string { return nameOf(c.Question(id), func(x *Question) string { return x.Prompt }) }, "This case really happened."},
	}
	for _, tt := range tests {
		if got := tt.got(tt.id); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.what, tt.id, got, tt.want)
		}
	}
	// Lookups return pointers into the case, not copies.
	if e := c.Event("suit-filed"); e != &c.Events[1] {
		t.Error("Event does not point into the case")
	}
}

func nameOf[T any](p *T, name func(*T) string) string {
	if p == nil {
		return "<nil>"
	}
	return name(p)
}

func TestQuestionsAboutAndOnTerm(t *testing.T) {
	c := demoCase(t)
	ids := func(qs []*Question) []string {
		var s []string
		for _, q := range qs {
			s = append(s, q.ID)
		}
		return s
	}
	tests := []struct {
		name string
		got  []*Question
		want []string
	}{
		{"about appeal-decided", c.QuestionsAbout("appeal-decided"), []string{"who-won", "which-courts"}},
		{"about trial-ruling", c.QuestionsAbout("trial-ruling"), []string{"which-courts"}},
		{"about book-removed", c.QuestionsAbout("book-removed"), nil},
		{"on appeal", c.QuestionsOnTerm("appeal"), []string{"which-courts"}},
		{"on reversed", c.QuestionsOnTerm("reversed"), []string{"who-won"}},
		{"on nothing", c.QuestionsOnTerm("nope"), nil},
	}
	for _, tt := range tests {
		diffLines(t, ids(tt.got), tt.want)
	}
}

func TestSummaryOf(t *testing.T) {
	c := demoCase(t)
	// File order does not matter, and invalid dates are left out.
	c.Events[0], c.Events[3] = c.Events[3], c.Events[0]
	c.Events = append(c.Events, Event{ID: "undated", Date: Date{Value: "soon", Precision: Day}})
	got := SummaryOf(c)
	want := Summary{
		ID: "demo-appeal", Title: c.Title, Summary: c.Summary, Court: c.Court, Status: "decided", Updated: "2026-11-29",
		First: Date{Value: "2018", Precision: Year},
		Last:  Date{Value: "2020-06-15", Precision: Day},
	}
	if got != want {
		t.Errorf("SummaryOf() =\n %+v\nwant\n %+v", got, want)
	}

	// Of two events that start together, the longer one is the last.
	c.Events = []Event{
		{Date: Date{Value: "2020-06-01", Precision: Day}},
		{Date: Date{Value: "2020-06", Precision: Month}},
	}
	if got := SummaryOf(c); got.First.Value != "2020-06-01" || got.Last.Value != "2020-06" {
		t.Errorf("First, Last = %q, %q; want the day, then the month", got.First.Value, got.Last.Value)
	}

	c.Events = nil
	if got := SummaryOf(c); got.First != (Date{}) || got.Last != (Date{}) {
		t.Errorf("no events: First, Last = %+v, %+v; want zero", got.First, got.Last)
	}
}
