package studio

import (
	"reflect"
	"testing"

	"docket/internal/casefile"
)

func diffBase() *casefile.Case {
	return &casefile.Case{
		ID: "c", Title: "A v. B", Summary: "Old summary",
		Events: []casefile.Event{
			{ID: "filed", Title: "Suit filed", Date: casefile.Date{Value: "2024-01-02", Precision: "day"}, Body: []string{"One.", "Two."}, Sources: []string{"s1"}},
			{ID: "heard", Title: "Hearing", Body: []string{"Heard."}},
		},
		Glossary: []casefile.Term{{ID: "tro", Term: "TRO", Definition: "An order."}},
		Quiz: casefile.Quiz{Title: "Quiz", Questions: []casefile.Question{
			{ID: "q1", Prompt: "Who sued?", Choices: []string{"A", "B"}, Answers: []int{0}},
		}},
		Sources: []casefile.Source{{ID: "s1", Title: "Complaint"}},
		Parties: []casefile.Party{{Name: "A", Role: "plaintiff"}},
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *casefile.Case)
		want   []Difference
	}{
		{"the same", func(c *casefile.Case) {}, nil},
		{"a detail", func(c *casefile.Case) { c.Summary = "New summary" }, []Difference{
			{Where: "Case details", Change: "changed", Fields: []FieldChange{{"summary", "Old summary", "New summary"}}},
		}},
		{"the quiz's title is a detail", func(c *casefile.Case) { c.Quiz.Title = "Test" }, []Difference{
			{Where: "Case details", Change: "changed", Fields: []FieldChange{{"quiz title", "Quiz", "Test"}}},
		}},
		{"an event's title and a paragraph", func(c *casefile.Case) {
			c.Events[0].Title = "Suit filed in court"
			c.Events[0].Body[1] = "Three."
		}, []Difference{
			{Where: "Event “Suit filed in court” (filed)", Change: "changed", Fields: []FieldChange{
				{"body 2", "Two.", "Three."}, {"title", "Suit filed", "Suit filed in court"}}},
		}},
		{"a paragraph added, a date changed", func(c *casefile.Case) {
			c.Events[1].Body = append(c.Events[1].Body, "Then adjourned.")
			c.Events[0].Date.Value = "2024-01-03"
		}, []Difference{
			{Where: "Event “Suit filed” (filed)", Change: "changed", Fields: []FieldChange{{"date value", "2024-01-02", "2024-01-03"}}},
			{Where: "Event “Hearing” (heard)", Change: "changed", Fields: []FieldChange{{"body 2", "", "Then adjourned."}}},
		}},
		{"an event removed, a term added", func(c *casefile.Case) {
			c.Events = c.Events[:1]
			c.Glossary = append(c.Glossary, casefile.Term{ID: "pi", Term: "Injunction"})
		}, []Difference{
			{Where: "Event “Hearing” (heard)", Change: "removed", Fields: []FieldChange{
				{"body 1", "Heard.", ""}, {"id", "heard", ""}, {"title", "Hearing", ""}}},
			{Where: "Term “Injunction” (pi)", Change: "added", Fields: []FieldChange{{"id", "", "pi"}, {"term", "", "Injunction"}}},
		}},
		{"the right answer", func(c *casefile.Case) { c.Quiz.Questions[0].Answers = []int{1} }, []Difference{
			{Where: "Question “Who sued?” (q1)", Change: "changed", Fields: []FieldChange{{"answers 1", "0", "1"}}},
		}},
		{"a party, without id, by place", func(c *casefile.Case) { c.Parties[0].Role = "appellant" }, []Difference{
			{Where: "Party 1", Change: "changed", Fields: []FieldChange{{"role", "plaintiff", "appellant"}}},
		}},
		{"events reordered", func(c *casefile.Case) { c.Events[0], c.Events[1] = c.Events[1], c.Events[0] }, []Difference{
			{Where: "Event order", Change: "changed"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := diffBase(), diffBase()
			tt.change(b)
			got := Compare(a, b)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Compare:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestVersionLabels(t *testing.T) {
	opts := CompareOptions([]Version{{Number: 3}, {Number: 2}})
	if want := [][2]string{{"draft", "The draft"}, {"3", "Version 3"}, {"2", "Version 2"}}; !reflect.DeepEqual(opts, want) {
		t.Errorf("CompareOptions = %v; want %v", opts, want)
	}
	for _, tt := range []struct{ got, want string }{
		{ComparedLabel("1", "2", 0), "From version 1 to version 2: no difference."},
		{ComparedLabel("2", "draft", 1), "From version 2 to the draft: 1 part differs."},
		{ComparedLabel("draft", "3", 4), "From the draft to version 3: 4 parts differ."},
		{RolledBackLabel(1, 3, "published"), "Version 1 is published again, as version 3. The draft is version 1 again."},
		{RolledBackLabel(1, 3, "changed"), "Version 1 is published again, as version 3. The draft keeps its changes not yet published."},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q; want %q", tt.got, tt.want)
		}
	}
}
