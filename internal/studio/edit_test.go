package studio

import (
	"slices"
	"strings"
	"testing"

	"docket/internal/casefile"
)

func TestAddGivesUniqueIDs(t *testing.T) {
	c := NewCase("x", "X")
	AddCategory(c)
	i := AddEvent(c)
	j := AddEvent(c)
	c.Events[i].ID = "event-3"
	k := AddEvent(c)
	if got := []string{c.Events[i].ID, c.Events[j].ID, c.Events[k].ID}; !slices.Equal(got, []string{"event-3", "event-2", "event-1"}) {
		t.Errorf("event ids = %q", got)
	}
	if c.Events[k].Category != c.Categories[0].ID || c.Events[k].Date.Precision != casefile.Day {
		t.Errorf("a new event = %+v; want the first category, by day", c.Events[k])
	}
	if a, b := AddSource(c), AddSource(c); c.Sources[a].ID == c.Sources[b].ID {
		t.Errorf("two sources share the id %q", c.Sources[a].ID)
	}
}

func TestMove(t *testing.T) {
	for _, tc := range []struct {
		i, delta, want int
		list           string
	}{
		{0, +1, 1, "bac"},
		{2, -1, 1, "acb"},
		{0, -1, 0, "abc"}, // at the top it stays
		{2, +1, 2, "abc"}, // at the bottom too
		{5, -1, 5, "abc"}, // out of range: nothing
	} {
		list := strings.Split("abc", "")
		if got := Move(list, tc.i, tc.delta); got != tc.want || strings.Join(list, "") != tc.list {
			t.Errorf("Move(abc, %d, %d) = %d, %s; want %d, %s", tc.i, tc.delta, got, strings.Join(list, ""), tc.want, tc.list)
		}
	}
}

func TestRemoveAndRenameSourceKeepReferences(t *testing.T) {
	c := NewCase("x", "X")
	c.Sources = []casefile.Source{{ID: "a"}, {ID: "b"}}
	c.Events = []casefile.Event{{ID: "e", Sources: []string{"a", "b"}}}
	c.Glossary = []casefile.Term{{ID: "t", Sources: []string{"b"}}}
	RenameSource(c, 1, "bee")
	if !slices.Equal(c.Events[0].Sources, []string{"a", "bee"}) || !slices.Equal(c.Glossary[0].Sources, []string{"bee"}) {
		t.Fatalf("after renaming: %q, %q", c.Events[0].Sources, c.Glossary[0].Sources)
	}
	RemoveSource(c, 0)
	if len(c.Sources) != 1 || !slices.Equal(c.Events[0].Sources, []string{"bee"}) {
		t.Errorf("after removing a: sources %v, event cites %q", c.Sources, c.Events[0].Sources)
	}
}

func TestCiteKeepsTheSourcesOrder(t *testing.T) {
	c := NewCase("x", "X")
	c.Sources = []casefile.Source{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	c.Events = []casefile.Event{{ID: "e"}}
	Cite(c, 0, "c", true)
	Cite(c, 0, "a", true)
	Cite(c, 0, "a", true) // twice is once
	if !slices.Equal(c.Events[0].Sources, []string{"a", "c"}) {
		t.Errorf("cites %q; want [a c]", c.Events[0].Sources)
	}
	Cite(c, 0, "c", false)
	if !slices.Equal(c.Events[0].Sources, []string{"a"}) {
		t.Errorf("cites %q; want [a]", c.Events[0].Sources)
	}
}

func TestParagraphs(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"", []string{}},
		{"One.", []string{"One."}},
		{"One.\n\nTwo.", []string{"One.", "Two."}},
		{"One.\r\n\r\nTwo.\n", []string{"One.", "Two."}},
		{"One,\nstill one.\n \n\n\nTwo.", []string{"One,\nstill one.", "Two."}},
		{"  spaced  \n\n", []string{"spaced"}},
	} {
		if got := Paragraphs(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Paragraphs(%q) = %q; want %q", tc.text, got, tc.want)
		}
	}
	if got := BodyText([]string{"One.", "Two."}); got != "One.\n\nTwo." {
		t.Errorf("BodyText = %q", got)
	}
}

func TestCited(t *testing.T) {
	c := NewCase("x", "X")
	c.Events = []casefile.Event{{Sources: []string{"a"}}, {}, {Sources: []string{"a", "b"}}}
	with, all := Cited(c)
	if with != 2 || all != 3 || CitedLabel(with, all) != "2 of 3 events have a source" {
		t.Errorf("Cited = %d of %d, %q", with, all, CitedLabel(with, all))
	}
	for _, tc := range []struct {
		with, all int
		want      string
	}{
		{0, 0, "No events yet"},
		{1, 1, "The event has a source"},
		{0, 1, "The event has no source yet"},
		{4, 4, "Every event has a source (4)"},
	} {
		if got := CitedLabel(tc.with, tc.all); got != tc.want {
			t.Errorf("CitedLabel(%d, %d) = %q; want %q", tc.with, tc.all, got, tc.want)
		}
	}
}

// TestCheckIsTheValidator: a new case has the problems `docket validate`
// names, with paths the forms find; filled in, it has none.
func TestCheckIsTheValidator(t *testing.T) {
	c := NewCase("new-case", "A new case")
	ps := Check(c)
	var paths []string
	for _, p := range ps {
		paths = append(paths, p.Path)
	}
	for _, want := range []string{"summary", "court", "parties", "events", "sources", "categories", "updated"} {
		if !slices.Contains(paths, want) {
			t.Errorf("a new case's problems %q lack %q", paths, want)
		}
	}
	c.Summary, c.Court, c.Docket, c.Outcome, c.Updated = "What it is about.", "A court", "1:23", "Pending.", "2024-05-01"
	c.Parties = []casefile.Party{{Name: "A", Role: "plaintiff"}}
	c.Credits = []string{"Written by someone"}
	AddCategory(c)
	c.Categories[0].Label = "Court"
	e := AddEvent(c)
	c.Events[e].Date.Value, c.Events[e].Title, c.Events[e].Body = "2024-04-01", "Suit filed", []string{"It began."}
	s := AddSource(c)
	c.Sources[s].Title, c.Sources[s].Publisher, c.Sources[s].URL = "The complaint", "The court", "https://example.org/complaint"
	c.Quiz.Title, c.Quiz.Intro = "What is a complaint?", "One question."
	q := &c.Quiz.Questions[AddQuestion(c)]
	q.Prompt, q.Explanation = "Who files a complaint?", "The plaintiff does."
	SetChoices(q, []string{"The plaintiff", "The court"})
	MarkAnswer(q, 0, true)
	CiteIn(c, &q.Sources, c.Sources[s].ID, true)
	if ps := Check(c); len(ps) != 1 || ps[0].Path != "events[0].sources" {
		t.Fatalf("with no citation, problems = %v; want only events[0].sources", ps)
	}
	Cite(c, e, c.Sources[s].ID, true)
	if ps := Check(c); len(ps) != 0 {
		t.Errorf("a filled-in case has problems: %v", ps)
	}
	data, err := Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := Decode(data); err != nil || back.Events[0].Title != "Suit filed" {
		t.Errorf("Decode(Encode) = %v, %v", back, err)
	}
}

func TestDecodeRefusesWhatTheFormsWouldDrop(t *testing.T) {
	if _, err := Decode([]byte(`{"id": "x", "mystery": 1}`)); err == nil || !strings.Contains(err.Error(), "mystery") {
		t.Errorf("Decode of an unknown field = %v; want an error naming it", err)
	}
}

func TestDuplicate(t *testing.T) {
	c := NewCase("old", "Old")
	c.Corrections = []casefile.Correction{{Date: "2024-01-01", Text: "Fixed."}}
	AddEvent(c)
	d, err := Duplicate(c, "new", "New")
	if err != nil || d.ID != "new" || d.Title != "New" || len(d.Corrections) != 0 || len(d.Events) != 1 {
		t.Fatalf("Duplicate = %+v, %v", d, err)
	}
	d.Events[0].Title = "changed"
	if c.Events[0].Title == "changed" {
		t.Error("the copy shares its events with the original")
	}
}

func TestStateLabel(t *testing.T) {
	for state, want := range map[string]string{
		"draft": "Draft, never published", "published": "Published", "changed": "Published, changed since", "unpublished": "Taken down",
	} {
		if got := StateLabel(state); got != want {
			t.Errorf("StateLabel(%q) = %q; want %q", state, got, want)
		}
	}
}

func TestQuestionEdits(t *testing.T) {
	c := NewCase("x", "X")
	q := &c.Quiz.Questions[AddQuestion(c)]
	if q.ID != "question-1" || q.Kind != casefile.SingleChoice {
		t.Fatalf("a new question = %+v", q)
	}
	SetChoices(q, []string{"A", "B", "C"})
	MarkAnswer(q, 2, true)
	MarkAnswer(q, 0, true) // one answer: the last marked
	if !slices.Equal(q.Answers, []int{0}) {
		t.Errorf("single: answers %v; want [0]", q.Answers)
	}
	SetKind(q, casefile.MultipleChoice)
	MarkAnswer(q, 2, true)
	MarkAnswer(q, 1, true)
	MarkAnswer(q, 1, false)
	if !slices.Equal(q.Answers, []int{0, 2}) {
		t.Errorf("multiple: answers %v; want [0 2]", q.Answers)
	}
	SetChoices(q, []string{"A", "B"}) // C is gone, and its mark
	if !slices.Equal(q.Answers, []int{0}) {
		t.Errorf("after dropping a choice: answers %v; want [0]", q.Answers)
	}
	q2 := &c.Quiz.Questions[AddQuestion(c)]
	SetKind(q2, casefile.TrueFalse)
	if !slices.Equal(q2.Choices, []string{"True", "False"}) {
		t.Errorf("true-false choices = %q", q2.Choices)
	}
}

func TestBoxText(t *testing.T) {
	for _, tc := range []struct {
		typed string
		ok    bool
		list  []string
		want  string
	}{
		{"", false, []string{"One.", "Two."}, "One.\n\nTwo."}, // nothing typed yet
		{"One. ", true, []string{"One."}, "One. "},            // a space being typed stays
		{"One.\n\n", true, []string{"One."}, "One.\n\n"},      // so does a new paragraph's start
		{"One.\n\nTwo", true, []string{"Other."}, "Other."},   // the list changed elsewhere
		{"One.\n\nTwo.", true, []string{"One.", "Two."}, "One.\n\nTwo."},
	} {
		if got := BoxText(tc.typed, tc.ok, tc.list, Paragraphs, BodyText); got != tc.want {
			t.Errorf("BoxText(%q, %v, %q) = %q; want %q", tc.typed, tc.ok, tc.list, got, tc.want)
		}
	}
	if got := Lines(" A \n\nB\n"); !slices.Equal(got, []string{"A", "B"}) {
		t.Errorf("Lines = %q", got)
	}
}

func TestSetPrecision(t *testing.T) {
	for _, tc := range []struct {
		value string
		p     casefile.Precision
		want  string
	}{
		{"2017-04-06T16:30", casefile.Day, "2017-04-06"},
		{"2017-04-06", casefile.Month, "2017-04"},
		{"2017-04-06", casefile.Year, "2017"},
		{"2017-04", casefile.Minute, "2017-04"}, // shorter: left to complete
		{"2017-04-06", casefile.Minute, "2017-04-06"},
		{"", casefile.Day, ""},
	} {
		d := casefile.Date{Value: tc.value, Precision: casefile.Minute}
		SetPrecision(&d, tc.p)
		if d.Value != tc.want || d.Precision != tc.p {
			t.Errorf("SetPrecision(%q, %s) = %q, %s; want %q", tc.value, tc.p, d.Value, d.Precision, tc.want)
		}
	}
}

func TestSetEnd(t *testing.T) {
	e := casefile.Event{Date: casefile.Date{Value: "2017-04", Precision: casefile.Month}}
	SetEnd(&e, true)
	if e.End == nil || e.End.Precision != casefile.Month || e.End.Value != "" {
		t.Fatalf("a span's end = %+v; want an empty date by month", e.End)
	}
	e.End.Value = "2017-05"
	SetEnd(&e, true) // on again keeps it
	if e.End.Value != "2017-05" {
		t.Errorf("ticking a span again lost its end: %+v", e.End)
	}
	SetEnd(&e, false)
	if e.End != nil {
		t.Errorf("not a span: end = %+v", e.End)
	}
}

func TestTermsFollowTheGlossary(t *testing.T) {
	c := NewCase("x", "X")
	a, b := AddTerm(c), AddTerm(c)
	if c.Glossary[a].ID == c.Glossary[b].ID || c.Glossary[a].Sources == nil {
		t.Fatalf("new terms: %+v", c.Glossary)
	}
	c.Glossary[a].ID, c.Glossary[b].ID = "a", "b"
	c.Events = []casefile.Event{{ID: "e"}}
	c.Quiz.Questions = []casefile.Question{{ID: "q", Terms: []string{"b"}}}
	c.Corrections = []casefile.Correction{{Term: "b"}, {Term: "a"}}
	Tick(&c.Events[0].Terms, "b", true, TermIDs(c))
	Tick(&c.Events[0].Terms, "a", true, TermIDs(c))
	Tick(&c.Events[0].Terms, "a", true, TermIDs(c))
	if !slices.Equal(c.Events[0].Terms, []string{"a", "b"}) {
		t.Fatalf("ticked terms %q; want [a b], the glossary's order", c.Events[0].Terms)
	}
	RenameTerm(c, 1, "bee")
	if !slices.Equal(c.Events[0].Terms, []string{"a", "bee"}) || c.Quiz.Questions[0].Terms[0] != "bee" || c.Corrections[0].Term != "bee" {
		t.Fatalf("after renaming b: %q, %q, %+v", c.Events[0].Terms, c.Quiz.Questions[0].Terms, c.Corrections)
	}
	RemoveTerm(c, 1)
	if len(c.Glossary) != 1 || !slices.Equal(c.Events[0].Terms, []string{"a"}) || len(c.Quiz.Questions[0].Terms) != 0 || c.Corrections[0].Term != "" || c.Corrections[1].Term != "a" {
		t.Errorf("after removing bee: %+v, %q, %q, %+v", c.Glossary, c.Events[0].Terms, c.Quiz.Questions[0].Terms, c.Corrections)
	}
	Tick(&c.Events[0].Terms, "a", false, TermIDs(c))
	if len(c.Events[0].Terms) != 0 {
		t.Errorf("unticked: %q", c.Events[0].Terms)
	}
}

// TestRenamingAnItemWithoutAnIdChangesNoReference: an item with no id yet
// is named by nothing, though other places may be empty too.
func TestRenamingAnItemWithoutAnIdChangesNoReference(t *testing.T) {
	c := NewCase("x", "X")
	c.Categories = []casefile.Category{{ID: "a"}, {}}
	c.Sources = []casefile.Source{{}}
	c.Glossary = []casefile.Term{{}}
	c.Events = []casefile.Event{{ID: "e1", Category: "a"}, {ID: "", Category: "", Sources: []string{""}, Terms: []string{""}}, {}}
	c.Corrections = []casefile.Correction{{}}
	RenameCategory(c, 0, "rulings")
	if c.Events[0].Category != "rulings" || c.Events[1].Category != "" {
		t.Fatalf("after renaming a: categories %q, %q", c.Events[0].Category, c.Events[1].Category)
	}
	RenameCategory(c, 1, "other")
	RenameSource(c, 0, "s")
	RenameTerm(c, 0, "t")
	RenameEvent(c, 2, "e3")
	if c.Events[1].Category != "" || c.Events[1].Sources[0] != "" || c.Events[1].Terms[0] != "" || c.Corrections[0] != (casefile.Correction{}) {
		t.Errorf("renaming items without ids changed empty references: %+v, %+v", c.Events[1], c.Corrections[0])
	}
	if c.Categories[1].ID != "other" || c.Sources[0].ID != "s" || c.Glossary[0].ID != "t" || c.Events[2].ID != "e3" {
		t.Errorf("the items were not renamed: %+v %+v %+v %+v", c.Categories[1], c.Sources[0], c.Glossary[0], c.Events[2])
	}
}

func TestSetMedia(t *testing.T) {
	e := casefile.Event{}
	for _, tc := range []struct{ kind, want string }{
		{ImageMedia, ImageMedia}, {LinkMedia, LinkMedia}, {NoMedia, NoMedia}, {ImageMedia, ImageMedia},
	} {
		SetMedia(&e.Media, tc.kind)
		if got := MediaKind(e.Media); got != tc.want {
			t.Errorf("SetMedia(%q): kind %q; want %q", tc.kind, got, tc.want)
		}
	}
	e.Media.Image.Alt = "A fence"
	SetMedia(&e.Media, ImageMedia) // the same kind keeps what it holds
	if e.Media.Image.Alt != "A fence" {
		t.Errorf("choosing image again lost the alt text: %+v", e.Media.Image)
	}
}

func TestImagesAreHTTPSInTheStudio(t *testing.T) {
	for _, tc := range []struct {
		src, want string
	}{
		{"https://example.org/fence.jpg", ""},
		{"media/fence.jpg", "is not an https URL"},
		{"http://example.org/fence.jpg", "https"}, // the validator's own message
		{"", "is required"},
	} {
		c := validCase()
		c.Events[0].Media = &casefile.Media{Image: &casefile.Image{Src: tc.src, Alt: "A fence"}}
		var got []string
		for _, p := range Check(c) {
			got = append(got, p.Path+": "+p.Message)
		}
		all := strings.Join(got, "\n")
		if tc.want == "" && len(got) > 0 || tc.want != "" && !strings.Contains(all, "events[0].media.image.src: ") || !strings.Contains(all, tc.want) {
			t.Errorf("src %q: problems %q; want one at the src saying %q", tc.src, got, tc.want)
		}
	}
}

func TestEraAndCorrectionAreValidOnceFilled(t *testing.T) {
	c := validCase()
	i := AddEra(c)
	c.Eras[i].Title, c.Eras[i].Start.Value, c.Eras[i].End.Value = "In court", "2024-04-01", "2024-04-02"
	k := AddCorrection(c)
	if c.Corrections[k].Date != c.Updated {
		t.Errorf("a new correction is dated %q; want the last-checked day %q", c.Corrections[k].Date, c.Updated)
	}
	c.Corrections[k].Text, c.Corrections[k].Event = "The date was wrong.", c.Events[0].ID
	if ps := Check(c); len(ps) > 0 {
		t.Errorf("problems: %v", ps)
	}
}

// validCase is a case with nothing to fix: one event, cited, and a quiz.
func validCase() *casefile.Case {
	c := NewCase("new-case", "A new case")
	c.Summary, c.Court, c.Docket, c.Outcome, c.Updated = "What it is about.", "A court", "1:23", "Pending.", "2024-05-01"
	c.Parties = []casefile.Party{{Name: "A", Role: "plaintiff"}}
	c.Credits = []string{"Written by someone"}
	AddCategory(c)
	c.Categories[0].Label = "Court"
	e := AddEvent(c)
	c.Events[e].Date.Value, c.Events[e].Title, c.Events[e].Body = "2024-04-01", "Suit filed", []string{"It began."}
	s := AddSource(c)
	c.Sources[s].Title, c.Sources[s].Publisher, c.Sources[s].URL = "The complaint", "The court", "https://example.org/complaint"
	Cite(c, e, c.Sources[s].ID, true)
	return c
}

func TestRemoveAndRenameEventKeepReferences(t *testing.T) {
	c := NewCase("x", "X")
	c.Events = []casefile.Event{{ID: "a"}, {ID: "b"}}
	c.Quiz.Questions = []casefile.Question{{ID: "q", Events: []string{"a", "b"}}}
	c.Corrections = []casefile.Correction{{Event: "b"}, {Event: "a"}}
	RenameEvent(c, 1, "bee")
	if c.Quiz.Questions[0].Events[1] != "bee" || c.Corrections[0].Event != "bee" {
		t.Fatalf("after renaming b: %q, %+v", c.Quiz.Questions[0].Events, c.Corrections)
	}
	RemoveEvent(c, 1)
	if len(c.Events) != 1 || !slices.Equal(c.Quiz.Questions[0].Events, []string{"a"}) || c.Corrections[0].Event != "" || c.Corrections[1].Event != "a" {
		t.Errorf("after removing b: %+v, %q, %+v", c.Events, c.Quiz.Questions[0].Events, c.Corrections)
	}
	Tick(&c.Quiz.Questions[0].Events, "a", false, []string{"a"})
	if len(c.Quiz.Questions[0].Events) != 0 {
		t.Errorf("unticked: %q", c.Quiz.Questions[0].Events)
	}
}
