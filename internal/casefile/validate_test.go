package casefile

import (
	"fmt"
	"strings"
	"testing"
)

func TestValidateValidCases(t *testing.T) {
	for name, c := range map[string]*Case{"minimal": minimalCase(t), "demo": demoCase(t), "timeline-only": timelineCase(t)} {
		if ps := c.Validate(); len(ps) > 0 {
			t.Errorf("%s: %v", name, ps)
		}
	}
}

// TestValidate breaks the minimal case one way at a time and checks the
// exact problems reported: each rule of the format has a row here.
func TestValidate(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) }
	tests := []struct {
		name   string
		mutate func(c *Case)
		want   []string
	}{
		// Required fields.
		{"title missing", func(c *Case) { c.Title = "" }, []string{"title: is required"}},
		{"blank summary", func(c *Case) { c.Summary = "   " }, []string{"summary: is blank"}},
		{"court, docket and outcome missing", func(c *Case) { c.Court, c.Docket, c.Outcome = "", "", "" },
			[]string{"court: is required", "docket: is required", "outcome: is required"}},
		{"no parties", func(c *Case) { c.Parties = nil }, []string{"parties: needs at least one party"}},
		{"party without name or role", func(c *Case) { c.Parties[0] = Party{} },
			[]string{"parties[0].name: is required", "parties[0].role: is required"}},
		{"no credits", func(c *Case) { c.Credits = nil }, []string{"credits: needs at least one credit"}},
		{"empty credit", func(c *Case) { c.Credits = []string{""} }, []string{"credits[0]: is required"}},
		{"no categories", func(c *Case) { c.Categories = nil }, []string{
			"categories: needs at least one category",
			`events[0].category: "court" is not a category of this case`}},
		{"no events", func(c *Case) { c.Events = nil }, []string{
			"events: needs at least one event",
			`quiz.questions[0].events[0]: "case-filed" is not an event of this case`}},
		{"event without title, body, category or sources", func(c *Case) {
			e := &c.Events[0]
			e.Title, e.Body, e.Category, e.Sources = "", nil, "", nil
		}, []string{
			"events[0].title: is required",
			"events[0].body: needs at least one paragraph",
			"events[0].category: is required",
			"events[0].sources: needs at least one source"}},
		{"empty paragraph", func(c *Case) { c.Events[0].Body = append(c.Events[0].Body, "") },
			[]string{"events[0].body[1]: is required"}},
		{"empty date", func(c *Case) { c.Events[0].Date = Date{} },
			[]string{"events[0].date.precision: is required", "events[0].date.value: is required"}},
		{"term without definition, explanation or sources", func(c *Case) {
			g := &c.Glossary[0]
			g.Definition, g.Explanation, g.Sources = "", "", nil
		}, []string{
			"glossary[0].definition: is required",
			"glossary[0].explanation: is required",
			"glossary[0].sources: needs at least one source"}},
		{"no quiz: a timeline-only case", func(c *Case) { c.Quiz = Quiz{} }, nil},
		{"no quiz and no glossary", func(c *Case) { c.Quiz, c.Glossary, c.Events[0].Terms = Quiz{}, nil, nil }, nil},
		{"quiz with a title and no questions", func(c *Case) { c.Quiz.Questions = nil }, []string{
			"quiz.questions: has no questions: add a question or remove the quiz"}},
		{"quiz with an empty list of questions", func(c *Case) { c.Quiz = Quiz{Questions: []Question{}} }, []string{
			"quiz.title: is required", "quiz.intro: is required",
			"quiz.questions: has no questions: add a question or remove the quiz"}},
		{"quiz with questions and no title", func(c *Case) { c.Quiz.Title, c.Quiz.Intro = "", "" }, []string{
			"quiz.title: is required", "quiz.intro: is required"}},
		{"too many questions", func(c *Case) {
			for i := range MaxQuestions {
				q := c.Quiz.Questions[0]
				q.ID = fmt.Sprintf("q%d", i)
				c.Quiz.Questions = append(c.Quiz.Questions, q)
			}
		}, []string{"quiz.questions: has 101 questions; the limit is 100"}},
		{"question without prompt, explanation or sources", func(c *Case) {
			q := &c.Quiz.Questions[0]
			q.Prompt, q.Explanation, q.Sources = "", "", nil
		}, []string{
			"quiz.questions[0].prompt: is required",
			"quiz.questions[0].explanation: is required",
			"quiz.questions[0].sources: needs at least one source"}},
		{"source without title, publisher or url", func(c *Case) { c.Sources[0] = Source{ID: "demo-docket"} }, []string{
			"sources[0].title: is required", "sources[0].publisher: is required",
			`sources[0].url: is required for a web source (the default kind); a source with no address needs "kind": wire, print, broadcast or filing`}},
		{"no sources", func(c *Case) { c.Sources = nil }, []string{
			`events[0].sources[0]: "demo-docket" is not a source of this case`,
			`glossary[0].sources[0]: "demo-docket" is not a source of this case`,
			`quiz.questions[0].sources[0]: "demo-docket" is not a source of this case`,
			"sources: needs at least one source"}},

		// Ids: form and uniqueness within each list.
		{"case id missing", func(c *Case) { c.ID = "" }, []string{"id: is required"}},
		{"id with capitals and underscore", func(c *Case) { c.ID = "Demo_Case" }, []string{
			`id: "Demo_Case" is not a valid id: use lowercase letters, digits and single hyphens, like "summons-faxed"`}},
		{"id with double hyphen", func(c *Case) { c.Categories[0].ID = "in--court"; c.Events[0].Category = "in--court" }, []string{
			`categories[0].id: "in--court" is not a valid id: use lowercase letters, digits and single hyphens, like "summons-faxed"`}},
		{"id with leading hyphen", func(c *Case) { c.Sources[0].ID = "-docket" }, []string{
			`sources[0].id: "-docket" is not a valid id: use lowercase letters, digits and single hyphens, like "summons-faxed"`,
			`events[0].sources[0]: "demo-docket" is not a source of this case`,
			`glossary[0].sources[0]: "demo-docket" is not a source of this case`,
			`quiz.questions[0].sources[0]: "demo-docket" is not a source of this case`}},
		{"id too long", func(c *Case) { c.ID = strings.Repeat("a", MaxIDLen+1) }, []string{"id: is 65 characters; the limit is 64"}},
		{"id at the limit", func(c *Case) { c.ID = strings.Repeat("a", MaxIDLen) }, nil},
		{"duplicate event id", func(c *Case) { c.Events = append(c.Events, c.Events[0]) }, []string{
			`events[1].id: "case-filed" is already the id of events[0]`}},
		{"duplicate term id", func(c *Case) {
			g := c.Glossary[0]
			g.Term = "Another term"
			c.Glossary = append(c.Glossary, g)
		}, []string{`glossary[1].id: "without-prejudice" is already the id of glossary[0]`}},
		{"duplicate question id", func(c *Case) { c.Quiz.Questions = append(c.Quiz.Questions, c.Quiz.Questions[0]) }, []string{
			`quiz.questions[1].id: "can-refile" is already the id of quiz.questions[0]`}},
		{"duplicate source id", func(c *Case) { c.Sources = append(c.Sources, c.Sources[0]) }, []string{
			`sources[1].id: "demo-docket" is already the id of sources[0]`}},
		{"duplicate category id", func(c *Case) {
			c.Categories = append(c.Categories, Category{ID: "court", Label: "Court again", Color: "#0f766e"})
		}, []string{`categories[1].id: "court" is already the id of categories[0]`}},
		{"same term twice", func(c *Case) {
			g := c.Glossary[0]
			g.ID, g.Term = "wp", "WITHOUT PREJUDICE"
			c.Glossary = append(c.Glossary, g)
		}, []string{`glossary[1].term: "WITHOUT PREJUDICE" is already the term of glossary[0]`}},

		// Dates.
		{"day that does not exist", func(c *Case) { c.Events[0].Date = Date{Value: "2017-02-30", Precision: Day} }, []string{
			`events[0].date.value: "2017-02-30" is not a date`}},
		{"leap day", func(c *Case) { c.Events[0].Date = Date{Value: "2016-02-29", Precision: Day} }, nil},
		{"month 13", func(c *Case) { c.Events[0].Date = Date{Value: "2017-13", Precision: Month} }, []string{
			`events[0].date.value: "2017-13" is not a date`}},
		{"month written as a day", func(c *Case) { c.Events[0].Date = Date{Value: "2017-04-06", Precision: Month} }, []string{
			`events[0].date.value: "2017-04-06" does not match precision "month": write YYYY-MM`}},
		{"day written as a month", func(c *Case) { c.Events[0].Date = Date{Value: "2017-04", Precision: Day} }, []string{
			`events[0].date.value: "2017-04" does not match precision "day": write YYYY-MM-DD`}},
		{"year in words", func(c *Case) { c.Events[0].Date = Date{Value: "April 6, 2017", Precision: Year} }, []string{
			`events[0].date.value: "April 6, 2017" is not a date: write YYYY`}},
		{"unpadded day", func(c *Case) { c.Events[0].Date = Date{Value: "2017-4-6", Precision: Day} }, []string{
			`events[0].date.value: "2017-4-6" is not a date: write YYYY-MM-DD`}},
		{"unknown precision", func(c *Case) { c.Events[0].Date = Date{Value: "2017-02-30", Precision: "week"} }, []string{
			`events[0].date.precision: "week" is not a precision: use minute, day, month or year`,
			`events[0].date.value: "2017-02-30" is not a date`}},
		{"label with HTML", func(c *Case) { c.Events[0].Date.Label = "<i>Early</i> April" }, []string{
			`events[0].date.label: contains HTML ("<i"): write plain text`}},
		{"label too long", func(c *Case) { c.Events[0].Date.Label = long(MaxDateLabelLen + 1) }, []string{
			`events[0].date.label: is 41 characters; the limit is 40`}},
		{"updated not a full date", func(c *Case) { c.Updated = "2026-11" }, []string{
			`updated: "2026-11" does not match precision "day": write YYYY-MM-DD`}},
		{"updated does not exist", func(c *Case) { c.Updated = "2026-11-31" }, []string{`updated: "2026-11-31" is not a date`}},
		{"updated missing", func(c *Case) { c.Updated = "" }, []string{`updated: is required`}},
		{"source date", func(c *Case) { c.Sources[0].Date = "2017-4" }, []string{
			`sources[0].date: "2017-4" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`}},
		{"events out of order", func(c *Case) {
			e := c.Events[0]
			e.ID, e.Date = "earlier", Date{Value: "2017-03-31", Precision: Day}
			c.Events = append(c.Events, e)
		}, []string{`events[1].date: March 31, 2017 comes before events[0] (Early April 2017): list events in date order`}},
		{"overlapping events in either order", func(c *Case) {
			e := c.Events[0]
			e.ID, e.Date = "inside", Date{Value: "2017-04-02", Precision: Day}
			c.Events = append(c.Events, e)
		}, nil},

		// Status.
		{"status missing", func(c *Case) { c.Status = "" }, []string{"status: is required"}},
		{"status unknown", func(c *Case) { c.Status = "won" }, []string{
			`status: "won" is not a status: use open, decided, settled, dismissed or closed`}},

		// Categories.
		{"undeclared category", func(c *Case) { c.Events[0].Category = "courts" }, []string{
			`events[0].category: "courts" is not a category of this case`}},
		{"colour by name", func(c *Case) { c.Categories[0].Color = "blue" }, []string{
			`categories[0].color: "blue" is not a colour: write #rrggbb`}},
		{"short colour", func(c *Case) { c.Categories[0].Color = "#00f" }, []string{
			`categories[0].color: "#00f" is not a colour: write #rrggbb`}},
		{"colour missing", func(c *Case) { c.Categories[0].Color = "" }, []string{`categories[0].color: is required`}},
		{"low contrast colour", func(c *Case) { c.Categories[0].Color = "#FFCC00" }, []string{
			`categories[0].color: "#FFCC00" has a contrast of 1.51:1 on white; it needs at least 4.5:1`}},
		{"just enough contrast", func(c *Case) { c.Categories[0].Color = "#767676" }, nil},
		{"just too little contrast", func(c *Case) { c.Categories[0].Color = "#777777" }, []string{
			`categories[0].color: "#777777" has a contrast of 4.47:1 on white; it needs at least 4.5:1`}},
		{"same colour twice", func(c *Case) {
			c.Categories = append(c.Categories, Category{ID: "other", Label: "Other", Color: "#1D4ED8"})
		}, []string{`categories[1].color: "#1D4ED8" is the same colour as categories[0]`}},

		// References.
		{"unknown source", func(c *Case) { c.Events[0].Sources = []string{"demo-docket", "nyt"} }, []string{
			`events[0].sources[1]: "nyt" is not a source of this case`}},
		{"source listed twice", func(c *Case) { c.Glossary[0].Sources = []string{"demo-docket", "demo-docket"} }, []string{
			`glossary[0].sources[1]: "demo-docket" is listed twice`}},
		{"empty reference", func(c *Case) { c.Events[0].Terms = []string{""} }, []string{`events[0].terms[0]: is required`}},
		{"unknown term", func(c *Case) {
			c.Events[0].Terms = []string{"res-judicata"}
			c.Quiz.Questions[0].Terms = []string{"res-judicata"}
		}, []string{
			`events[0].terms[0]: "res-judicata" is not a glossary term of this case`,
			`quiz.questions[0].terms[0]: "res-judicata" is not a glossary term of this case`}},
		{"unknown event", func(c *Case) { c.Quiz.Questions[0].Events = []string{"case-filed", "dismissal"} }, []string{
			`quiz.questions[0].events[1]: "dismissal" is not an event of this case`}},
		{"glossary is optional", func(c *Case) { c.Glossary, c.Events[0].Terms, c.Quiz.Questions[0].Terms = nil, nil, nil }, nil},

		// Questions: kinds, choices and answers.
		{"kind missing", func(c *Case) { c.Quiz.Questions[0].Kind = "" }, []string{`quiz.questions[0].kind: is required`}},
		{"kind unknown", func(c *Case) { c.Quiz.Questions[0].Kind = "essay" }, []string{
			`quiz.questions[0].kind: "essay" is not a question kind: use single, multiple or true-false`}},
		{"answer past the choices", func(c *Case) { c.Quiz.Questions[0].Answers = []int{2} }, []string{
			`quiz.questions[0].answers[0]: 2 is not a choice: choices are numbered 0 to 1`}},
		{"negative answer", func(c *Case) { c.Quiz.Questions[0].Answers = []int{-1} }, []string{
			`quiz.questions[0].answers[0]: -1 is not a choice: choices are numbered 0 to 1`}},
		{"answer listed twice", func(c *Case) {
			q := &c.Quiz.Questions[0]
			q.Kind, q.Answers = MultipleChoice, []int{1, 1}
		}, []string{`quiz.questions[0].answers[1]: 1 is listed twice`}},
		{"true-false with two answers", func(c *Case) { c.Quiz.Questions[0].Answers = []int{0, 1} }, []string{
			`quiz.questions[0].answers: a true-false question needs exactly one answer, not 2`}},
		{"true-false without answer", func(c *Case) { c.Quiz.Questions[0].Answers = nil }, []string{
			`quiz.questions[0].answers: a true-false question needs exactly one answer, not 0`}},
		{"true-false with three choices", func(c *Case) { c.Quiz.Questions[0].Choices = []string{"True", "False", "Maybe"} }, []string{
			`quiz.questions[0].choices: a true-false question needs exactly 2 choices, not 3`}},
		{"single with two answers", func(c *Case) {
			q := &c.Quiz.Questions[0]
			q.Kind, q.Choices, q.Answers = SingleChoice, []string{"A", "B", "C"}, []int{0, 2}
		}, []string{`quiz.questions[0].answers: a single-answer question needs exactly one answer, not 2`}},
		{"single with one choice", func(c *Case) {
			q := &c.Quiz.Questions[0]
			q.Kind, q.Choices = SingleChoice, []string{"A"}
		}, []string{`quiz.questions[0].choices: a single-answer question needs at least 2 choices, not 1`}},
		{"multiple without answers", func(c *Case) {
			q := &c.Quiz.Questions[0]
			q.Kind, q.Answers = MultipleChoice, nil
		}, []string{`quiz.questions[0].answers: needs at least one answer`}},
		{"multiple with one choice", func(c *Case) {
			q := &c.Quiz.Questions[0]
			q.Kind, q.Choices = MultipleChoice, []string{"A"}
		}, []string{`quiz.questions[0].choices: a multiple-answer question needs at least 2 choices, not 1`}},
		{"multiple with every answer", func(c *Case) {
			q := &c.Quiz.Questions[0]
			q.Kind, q.Answers = MultipleChoice, []int{0, 1}
		}, nil},
		{"too many choices", func(c *Case) {
			q := &c.Quiz.Questions[0]
			q.Kind, q.Choices = SingleChoice, []string{"A", "B", "C", "D", "E", "F", "G"}
		}, []string{`quiz.questions[0].choices: has 7 choices; the limit is 6`}},
		{"no choices", func(c *Case) { c.Quiz.Questions[0].Choices = nil }, []string{
			`quiz.questions[0].choices: a true-false question needs exactly 2 choices, not 0`,
			`quiz.questions[0].answers[0]: 0 is not a choice: the question has no choices`}},
		{"same choice twice", func(c *Case) { c.Quiz.Questions[0].Choices = []string{"True", "True"} }, []string{
			`quiz.questions[0].choices[1]: "True" repeats quiz.questions[0].choices[0]`}},

		// URLs.
		{"javascript URL", func(c *Case) { c.Sources[0].URL = "javascript:alert(1)" }, []string{
			`sources[0].url: "javascript:alert(1)" is not an http or https URL`}},
		{"ftp URL", func(c *Case) { c.Sources[0].URL = "ftp://example.org/x" }, []string{
			`sources[0].url: "ftp://example.org/x" is not an http or https URL`}},
		{"relative URL", func(c *Case) { c.Sources[0].URL = "/docket" }, []string{
			`sources[0].url: "/docket" is not an absolute URL: start it with https://`}},
		{"URL without scheme", func(c *Case) { c.Sources[0].URL = "example.org/docket" }, []string{
			`sources[0].url: "example.org/docket" is not an absolute URL: start it with https://`}},
		{"URL without host", func(c *Case) { c.Sources[0].URL = "https:///docket" }, []string{
			`sources[0].url: "https:///docket" has no host`}},
		{"URL with user", func(c *Case) { c.Sources[0].URL = "https://example.org@evil.example/" }, []string{
			`sources[0].url: "https://example.org@evil.example/" must not contain a user name`}},
		{"URL with space", func(c *Case) { c.Sources[0].URL = "https://example.org/a b" }, []string{
			`sources[0].url: "https://example.org/a b" contains spaces: encode them as %20`}},
		{"URL with bad escape", func(c *Case) { c.Sources[0].URL = "https://example.org/%zz" }, []string{
			`sources[0].url: "https://example.org/%zz" is not a valid URL`}},
		{"uppercase scheme", func(c *Case) { c.Sources[0].URL = "HTTPS://example.org/" }, []string{
			`sources[0].url: "HTTPS://example.org/" is not an http or https URL`}},
		{"http is allowed", func(c *Case) { c.Sources[0].URL = "http://example.org/docket?x=1#y" }, nil},
		{"URL too long", func(c *Case) { c.Sources[0].URL = "https://example.org/" + strings.Repeat("a", MaxURLLen-19) }, []string{
			`sources[0].url: is 2001 characters; the limit is 2000`}},

		// Sources without a web address: any kind but the web may have no
		// URL, and then needs its date (title and publisher are required
		// for every source).
		{"web source without URL", func(c *Case) { c.Sources[0].Kind, c.Sources[0].URL = SourceWeb, "" }, []string{
			`sources[0].url: is required for a web source (the default kind); a source with no address needs "kind": wire, print, broadcast or filing`}},
		{"wire source without URL", func(c *Case) { c.Sources[0].Kind, c.Sources[0].URL = SourceWire, "" }, nil},
		{"print, broadcast and filing sources without URL", func(c *Case) {
			for _, k := range []SourceKind{SourcePrint, SourceBroadcast, SourceFiling} {
				s := c.Sources[0]
				s.ID, s.Kind, s.URL = "demo-"+string(k), k, ""
				c.Sources = append(c.Sources, s)
			}
		}, nil},
		{"wire source with URL", func(c *Case) { c.Sources[0].Kind = SourceWire }, nil},
		{"wire source without date", func(c *Case) { c.Sources[0].Kind, c.Sources[0].URL, c.Sources[0].Date = SourceWire, "", "" }, []string{
			`sources[0].date: is required for a wire source, which readers find by its publisher, title and date`}},
		{"filing source with URL but no date", func(c *Case) { c.Sources[0].Kind, c.Sources[0].Date = SourceFiling, "" }, []string{
			`sources[0].date: is required for a filing source, which readers find by its publisher, title and date`}},
		{"wire source without publisher", func(c *Case) { c.Sources[0].Kind, c.Sources[0].URL, c.Sources[0].Publisher = SourceWire, "", "" }, []string{
			`sources[0].publisher: is required`}},
		{"wire source with a month", func(c *Case) { c.Sources[0].Kind, c.Sources[0].URL, c.Sources[0].Date = SourceWire, "", "2017-04" }, nil},
		{"source dated to the minute", func(c *Case) { c.Sources[0].Date = "2017-04-06T16:30" }, []string{
			`sources[0].date: "2017-04-06T16:30" has a time of day: write YYYY, YYYY-MM or YYYY-MM-DD`}},
		{"correction dated to the minute", func(c *Case) {
			c.Corrections = []Correction{{Date: "2026-11-29T10:00", Text: "Fixed."}}
		}, []string{`corrections[0].date: "2026-11-29T10:00" does not match precision "day": write YYYY-MM-DD`}},
		{"wire source with a bad date", func(c *Case) { c.Sources[0].Kind, c.Sources[0].URL, c.Sources[0].Date = SourceWire, "", "April 2017" }, []string{
			`sources[0].date: "April 2017" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`}},
		{"unknown source kind", func(c *Case) { c.Sources[0].Kind = "tv" }, []string{
			`sources[0].kind: "tv" is not a source kind: use web, wire, print, broadcast or filing`}},
		{"unknown source kind without URL", func(c *Case) { c.Sources[0].Kind, c.Sources[0].URL = "Wire", "" }, []string{
			`sources[0].kind: "Wire" is not a source kind: use web, wire, print, broadcast or filing`}},

		// Corrections.
		{"correction of an event", func(c *Case) {
			c.Corrections = []Correction{{Date: "2026-11-29", Text: "An earlier version gave the wrong month.", Event: "case-filed"}}
		}, nil},
		{"correction of a term, and one of the whole case", func(c *Case) {
			c.Corrections = []Correction{
				{Date: "2026-11-28", Text: "The definition said too much.", Term: "without-prejudice"},
				{Date: "2026-11-29", Text: "Sources now carry their dates."},
			}
		}, nil},
		{"correction of an unknown event", func(c *Case) {
			c.Corrections = []Correction{{Date: "2026-11-29", Text: "Fixed.", Event: "dismissal"}}
		}, []string{`corrections[0].event: "dismissal" is not an event of this case`}},
		{"correction of an unknown term", func(c *Case) {
			c.Corrections = []Correction{{Date: "2026-11-29", Text: "Fixed.", Event: "case-filed", Term: "res-judicata"}}
		}, []string{`corrections[0].term: "res-judicata" is not a glossary term of this case`}},
		{"correction without date or text", func(c *Case) { c.Corrections = []Correction{{}} }, []string{
			`corrections[0].date: is required`, `corrections[0].text: is required`}},
		{"correction on a day that does not exist", func(c *Case) {
			c.Corrections = []Correction{{Date: "2026-11-31", Text: "Fixed."}}
		}, []string{`corrections[0].date: "2026-11-31" is not a date`}},
		{"correction dated to the month", func(c *Case) {
			c.Corrections = []Correction{{Date: "2026-11", Text: "Fixed."}}
		}, []string{`corrections[0].date: "2026-11" does not match precision "day": write YYYY-MM-DD`}},
		{"correction after updated", func(c *Case) {
			c.Corrections = []Correction{{Date: "2026-12-06", Text: "Fixed."}}
		}, []string{`corrections[0].date: 2026-12-06 is after updated (2026-11-29): move updated to the date of the latest correction`}},
		{"correction with HTML", func(c *Case) {
			c.Corrections = []Correction{{Date: "2026-11-29", Text: "Fixed <b>this</b>."}}
		}, []string{`corrections[0].text: contains HTML ("<b"): write plain text`}},
		{"correction too long", func(c *Case) {
			c.Corrections = []Correction{{Date: "2026-11-29", Text: long(MaxCorrectionLen + 1)}}
		}, []string{`corrections[0].text: is 601 characters; the limit is 600`}},
		{"too many corrections", func(c *Case) {
			for range MaxCorrections + 1 {
				c.Corrections = append(c.Corrections, Correction{Date: "2026-11-29", Text: "Fixed."})
			}
		}, []string{`corrections: has 101 corrections; the limit is 100`}},

		// Times of day: a minute date needs the case's timezone.
		{"a time of day with a timezone", func(c *Case) {
			c.Timezone, c.Events[0].Date = "America/Los_Angeles", Date{Value: "2017-04-06T16:30", Precision: Minute}
		}, nil},
		{"a time of day without a timezone", func(c *Case) { c.Events[0].Date = Date{Value: "2017-04-06T16:30", Precision: Minute} }, []string{
			`events[0].date: has a time of day, so the case needs a "timezone": add the IANA name of the zone its times are in, such as "America/Los_Angeles"`}},
		{"three times of day without a timezone: one problem", func(c *Case) {
			c.Eras = []Era{{Title: "In court", Start: Date{Value: "2017-04-06T09:00", Precision: Minute}, End: Date{Value: "2017-04-06T17:00", Precision: Minute}}}
			c.Events[0].Date = Date{Value: "2017-04-06T16:30", Precision: Minute}
		}, []string{
			`events[0].date: has a time of day, so the case needs a "timezone": add the IANA name of the zone its times are in, such as "America/Los_Angeles" (3 dates have a time of day)`}},
		{"a time of day that does not exist", func(c *Case) {
			c.Timezone, c.Events[0].Date = "UTC", Date{Value: "2017-04-06T24:00", Precision: Minute}
		}, []string{`events[0].date.value: "2017-04-06T24:00" is not a date and time`}},
		{"a time with seconds", func(c *Case) {
			c.Timezone, c.Events[0].Date = "UTC", Date{Value: "2017-04-06T16:30:00", Precision: Minute}
		}, []string{`events[0].date.value: "2017-04-06T16:30:00" is not a date: write YYYY-MM-DDTHH:MM`}},
		{"a day written with a time", func(c *Case) { c.Events[0].Date = Date{Value: "2017-04-06T16:30", Precision: Day} }, []string{
			`events[0].date.value: "2017-04-06T16:30" does not match precision "day": write YYYY-MM-DD`}},
		{"a time written as a day", func(c *Case) {
			c.Timezone, c.Events[0].Date = "UTC", Date{Value: "2017-04-06", Precision: Minute}
		}, []string{`events[0].date.value: "2017-04-06" does not match precision "minute": write YYYY-MM-DDTHH:MM`}},
		{"a time with an unknown precision", func(c *Case) { c.Events[0].Date = Date{Value: "2017-04-06T16:30", Precision: "hour"} }, []string{
			`events[0].date.precision: "hour" is not a precision: use minute, day, month or year`}},
		{"a timezone with no time of day is fine", func(c *Case) { c.Timezone = "Europe/London" }, nil},
		{"UTC", func(c *Case) { c.Timezone = "UTC" }, nil},
		{"a timezone that is not a name", func(c *Case) { c.Timezone = "Pacific Time" }, []string{
			`timezone: "Pacific Time" is not a time zone name: use an IANA name, such as "America/Los_Angeles"`}},
		{"an offset as timezone", func(c *Case) { c.Timezone = "-07:00" }, []string{
			`timezone: "-07:00" is not a time zone name: use an IANA name, such as "America/Los_Angeles"`}},
		{"the Local timezone", func(c *Case) { c.Timezone = "Local" }, []string{
			`timezone: "Local" is the zone of the computer that shows the case, not the case's: use an IANA name, such as "America/Los_Angeles"`}},

		// Spans: an end of any precision, not before the date.
		{"a span of days", func(c *Case) {
			c.Events[0].Date, c.Events[0].End = Date{Value: "2017-04-06", Precision: Day}, &Date{Value: "2017-05-02", Precision: Day}
		}, nil},
		{"a span from a month to a day inside it", func(c *Case) { c.Events[0].End = &Date{Value: "2017-04-06", Precision: Day} }, nil},
		{"a span from a time to a later day", func(c *Case) {
			c.Timezone = "America/New_York"
			c.Events[0].Date, c.Events[0].End = Date{Value: "2017-04-06T16:30", Precision: Minute}, &Date{Value: "2017-04-07", Precision: Day}
		}, nil},
		{"an end equal to the date", func(c *Case) { c.Events[0].End = &Date{Value: "2017-04", Precision: Month} }, nil},
		{"an end before the date", func(c *Case) { c.Events[0].End = &Date{Value: "2017-03-31", Precision: Day} }, []string{
			`events[0].end: "2017-03-31" is before the event's date ("2017-04"): a span ends on or after the day it starts`}},
		{"an end earlier the same day", func(c *Case) {
			c.Timezone = "UTC"
			c.Events[0].Date, c.Events[0].End = Date{Value: "2017-04-06T16:30", Precision: Minute}, &Date{Value: "2017-04-06T09:00", Precision: Minute}
		}, []string{`events[0].end: "2017-04-06T09:00" is before the event's date ("2017-04-06T16:30"): a span ends on or after the day it starts`}},
		{"an end that is not a date", func(c *Case) { c.Events[0].End = &Date{Value: "2017-04-31", Precision: Day} }, []string{
			`events[0].end.value: "2017-04-31" is not a date`}},
		{"an end without precision", func(c *Case) { c.Events[0].End = &Date{Value: "2017-05"} }, []string{
			`events[0].end.precision: is required`}},
		{"an empty end", func(c *Case) { c.Events[0].End = &Date{} }, []string{
			`events[0].end.precision: is required`, `events[0].end.value: is required`}},
		{"an end with a time and no timezone", func(c *Case) { c.Events[0].End = &Date{Value: "2017-04-30T12:00", Precision: Minute} }, []string{
			`events[0].end: has a time of day, so the case needs a "timezone": add the IANA name of the zone its times are in, such as "America/Los_Angeles"`}},
		{"an end with HTML in its label", func(c *Case) { c.Events[0].End = &Date{Value: "2017-05", Precision: Month, Label: "<b>May</b>"} }, []string{
			`events[0].end.label: contains HTML ("<b"): write plain text`}},
		{"a bad date does not compare its end", func(c *Case) {
			c.Events[0].Date, c.Events[0].End = Date{Value: "2017-13", Precision: Month}, &Date{Value: "2017-01", Precision: Month}
		}, []string{`events[0].date.value: "2017-13" is not a date`}},

		// Eras: a title and two dates in order; they may overlap.
		{"an era ending in a year that starts before it", func(c *Case) {
			c.Eras = []Era{
				{Title: "The summons", Start: Date{Value: "2017-03", Precision: Month}, End: Date{Value: "2017-04-06", Precision: Day}},
				{Title: "In court", Start: Date{Value: "2017-04", Precision: Month}, End: Date{Value: "2017", Precision: Year, Label: "All of 2017"}},
			}
		}, []string{`eras[1].end: "2017" is before the era's start ("2017-04"): an era ends on or after the day it starts`}},
		{"eras out of order and overlapping", func(c *Case) {
			c.Eras = []Era{
				{Title: "In court", Start: Date{Value: "2017-04", Precision: Month}, End: Date{Value: "2017-12", Precision: Month}},
				{Title: "The summons", Start: Date{Value: "2017-03", Precision: Month}, End: Date{Value: "2017-04-06", Precision: Day}},
			}
		}, nil},
		{"an era of one day", func(c *Case) {
			c.Eras = []Era{{Title: "Filing day", Start: Date{Value: "2017-04-06", Precision: Day}, End: Date{Value: "2017-04-06", Precision: Day}}}
		}, nil},
		{"an empty era", func(c *Case) { c.Eras = []Era{{}} }, []string{
			`eras[0].title: is required`,
			`eras[0].start.precision: is required`, `eras[0].start.value: is required`,
			`eras[0].end.precision: is required`, `eras[0].end.value: is required`}},
		{"an era ending before it starts", func(c *Case) {
			c.Eras = []Era{{Title: "Backwards", Start: Date{Value: "2017-04-06", Precision: Day}, End: Date{Value: "2017-04-05", Precision: Day}}}
		}, []string{`eras[0].end: "2017-04-05" is before the era's start ("2017-04-06"): an era ends on or after the day it starts`}},
		{"an era with a bad date", func(c *Case) {
			c.Eras = []Era{{Title: "Odd", Start: Date{Value: "2017-02-30", Precision: Day}, End: Date{Value: "2017-01", Precision: Month}}}
		}, []string{`eras[0].start.value: "2017-02-30" is not a date`}},
		{"an era title too long", func(c *Case) {
			c.Eras = []Era{{Title: long(MaxEraTitleLen + 1), Start: Date{Value: "2017", Precision: Year}, End: Date{Value: "2017", Precision: Year}}}
		}, []string{`eras[0].title: is 81 characters; the limit is 80`}},
		{"too many eras", func(c *Case) {
			for range MaxEras + 1 {
				c.Eras = append(c.Eras, Era{Title: "Era", Start: Date{Value: "2017", Precision: Year}, End: Date{Value: "2017", Precision: Year}})
			}
		}, []string{`eras: has 51 eras; the limit is 50`}},

		// Media: exactly one image or link.
		{"an image in the case's folder", func(c *Case) {
			c.Events[0].Media = &Media{Image: &Image{Src: "media/summons.jpg", Alt: "The summons.", Caption: "As filed.", Credit: "The court", Width: 1200, Height: 800}}
		}, nil},
		{"an https image, any extension or none", func(c *Case) {
			c.Media = &Media{Image: &Image{Src: "https://example.org/img?id=4&w=800", Alt: "A courthouse."}}
		}, nil},
		{"image extensions in any case", func(c *Case) {
			c.Media = &Media{Image: &Image{Src: "Photos/IMG_0042.JPG", Alt: "A courthouse."}}
			c.Events[0].Media = &Media{Image: &Image{Src: "a.b/chart-2.svg", Alt: "A chart."}}
		}, nil},
		{"a link", func(c *Case) {
			c.Events[0].Media = &Media{Link: &Link{URL: "https://www.youtube.com/watch?v=abc", Title: "Video: the hearing"}}
		}, nil},
		{"an http link", func(c *Case) {
			c.Media = &Media{Link: &Link{URL: "http://example.org/order.pdf", Title: "The order (PDF)"}}
		}, nil},
		{"empty media", func(c *Case) { c.Events[0].Media = &Media{} }, []string{`events[0].media: needs an image or a link`}},
		{"both an image and a link", func(c *Case) {
			c.Media = &Media{Image: &Image{Src: "a.png", Alt: "A."}, Link: &Link{URL: "https://example.org/", Title: "A"}}
		}, []string{`media: has both an image and a link: keep one (an event shows one medium)`}},
		{"an image with no src or alt", func(c *Case) { c.Events[0].Media = &Media{Image: &Image{}} }, []string{
			`events[0].media.image.src: is required`,
			`events[0].media.image.alt: is required: screen readers read it to readers who cannot see the image, so say what it shows`}},
		{"a blank alt", func(c *Case) { c.Events[0].Media = &Media{Image: &Image{Src: "a.png", Alt: " "}} }, []string{
			`events[0].media.image.alt: is blank`}},
		{"an alt with Markdown, caption and credit too long", func(c *Case) {
			c.Events[0].Media = &Media{Image: &Image{Src: "a.png", Alt: "A **bold** claim.", Caption: long(MaxCaptionLen + 1), Credit: long(MaxImageCreditLen + 1)}}
		}, []string{
			`events[0].media.image.alt: contains Markdown ("**"): write plain text`,
			`events[0].media.image.caption: is 301 characters; the limit is 300`,
			`events[0].media.image.credit: is 201 characters; the limit is 200`}},
		{"an http image", func(c *Case) { c.Media = &Media{Image: &Image{Src: "http://example.org/a.jpg", Alt: "A."}} }, []string{
			`media.image.src: "http://example.org/a.jpg" is an http URL: images must be https so the page stays secure`}},
		{"a data image", func(c *Case) { c.Media = &Media{Image: &Image{Src: "data:image/png;base64,AAAA", Alt: "A."}} }, []string{
			`media.image.src: "data:image/png;base64,AAAA" is neither an https URL nor a path in the case's folder`}},
		{"an image from the server's root", func(c *Case) { c.Media = &Media{Image: &Image{Src: "/media/a.jpg", Alt: "A."}} }, []string{
			`media.image.src: "/media/a.jpg" starts with "/": write the path from the case's folder, like "media/summons.jpg"`}},
		{"an image outside the case's folder", func(c *Case) { c.Media = &Media{Image: &Image{Src: "media/../../secrets.png", Alt: "A."}} }, []string{
			`media.image.src: "media/../../secrets.png" leaves the case's folder (".."): keep images inside it`}},
		{"a Windows path", func(c *Case) { c.Media = &Media{Image: &Image{Src: `media\a.jpg`, Alt: "A."}} }, []string{
			`media.image.src: "media\\a.jpg" uses "\": separate folders with "/", like "media/summons.jpg"`}},
		{"a hidden file, a space, an empty folder name", func(c *Case) {
			c.Media = &Media{Image: &Image{Src: ".hidden.png", Alt: "A."}}
			c.Events[0].Media = &Media{Image: &Image{Src: "my photo.jpg", Alt: "A."}}
		}, []string{
			`media.image.src: ".hidden.png" is not a file path Docket serves: use letters, digits, "-", "_" and "." (not first) in names, like "media/summons.jpg"`,
			`events[0].media.image.src: "my photo.jpg" is not a file path Docket serves: use letters, digits, "-", "_" and "." (not first) in names, like "media/summons.jpg"`}},
		{"a file that is not an image", func(c *Case) { c.Media = &Media{Image: &Image{Src: "media/ruling.pdf", Alt: "A."}} }, []string{
			`media.image.src: "media/ruling.pdf" is not an image file Docket shows: use .jpg, .jpeg, .png, .gif, .webp, .avif or .svg`}},
		{"an https image without host", func(c *Case) { c.Media = &Media{Image: &Image{Src: "https:///a.jpg", Alt: "A."}} }, []string{
			`media.image.src: "https:///a.jpg" has no host`}},
		{"an image src too long", func(c *Case) {
			c.Media = &Media{Image: &Image{Src: "https://example.org/" + strings.Repeat("a", MaxURLLen-19), Alt: "A."}}
		}, []string{`media.image.src: is 2001 characters; the limit is 2000`}},
		{"a width without height", func(c *Case) { c.Media = &Media{Image: &Image{Src: "a.png", Alt: "A.", Width: 800}} }, []string{
			`media.image.height: is required with width: give both, so the page keeps the image's space while it loads`}},
		{"a height without width", func(c *Case) { c.Media = &Media{Image: &Image{Src: "a.png", Alt: "A.", Height: 800}} }, []string{
			`media.image.width: is required with height: give both, so the page keeps the image's space while it loads`}},
		{"a negative size", func(c *Case) { c.Media = &Media{Image: &Image{Src: "a.png", Alt: "A.", Width: -1, Height: 10}} }, []string{
			`media.image.width: -1 is not a size: give the image's size in pixels`}},
		{"sizes at and past the limit", func(c *Case) {
			c.Media = &Media{Image: &Image{Src: "a.png", Alt: "A.", Width: MaxImageSize, Height: MaxImageSize + 1}}
		}, []string{`media.image.height: is 10001 pixels; the limit is 10000`}},
		{"a link with no URL or title", func(c *Case) { c.Events[0].Media = &Media{Link: &Link{}} }, []string{
			`events[0].media.link.url: is required`, `events[0].media.link.title: is required`}},
		{"a javascript link", func(c *Case) { c.Events[0].Media = &Media{Link: &Link{URL: "javascript:alert(1)", Title: "Click"}} }, []string{
			`events[0].media.link.url: "javascript:alert(1)" is not an http or https URL`}},
		{"a link without host", func(c *Case) { c.Events[0].Media = &Media{Link: &Link{URL: "https://", Title: "Nothing"}} }, []string{
			`events[0].media.link.url: "https://" has no host`}},
		{"a link title with HTML", func(c *Case) {
			c.Events[0].Media = &Media{Link: &Link{URL: "https://example.org/", Title: "<iframe>"}}
		}, []string{`events[0].media.link.title: contains HTML ("<i"): write plain text`}},

		// Text: limits and plain text.
		{"title too long", func(c *Case) { c.Title = long(MaxTitleLen + 1) }, []string{"title: is 121 characters; the limit is 120"}},
		{"title at the limit", func(c *Case) { c.Title = long(MaxTitleLen) }, nil},
		{"summary too long", func(c *Case) { c.Summary = long(MaxSummaryLen + 1) }, []string{"summary: is 601 characters; the limit is 600"}},
		{"paragraph too long", func(c *Case) { c.Events[0].Body[0] = long(MaxParagraphLen + 1) }, []string{
			"events[0].body[0]: is 1201 characters; the limit is 1200"}},
		{"too many paragraphs", func(c *Case) {
			for range MaxParagraphs {
				c.Events[0].Body = append(c.Events[0].Body, "More.")
			}
		}, []string{"events[0].body: has 11 paragraphs; the limit is 10"}},
		{"definition too long", func(c *Case) { c.Glossary[0].Definition = long(MaxDefinitionLen + 1) }, []string{
			"glossary[0].definition: is 301 characters; the limit is 300"}},
		{"choice too long", func(c *Case) { c.Quiz.Questions[0].Choices[0] = long(MaxChoiceLen + 1) }, []string{
			"quiz.questions[0].choices[0]: is 201 characters; the limit is 200"}},
		{"HTML tag", func(c *Case) { c.Summary = "A <script>alert(1)</script> case." }, []string{
			`summary: contains HTML ("<s"): write plain text`}},
		{"HTML comment", func(c *Case) { c.Summary = "A <!-- hidden --> case." }, []string{
			`summary: contains HTML ("<!"): write plain text`}},
		{"less-than in prose is fine", func(c *Case) { c.Summary = "Fewer than 24 hours (< 1 day) later." }, nil},
		{"HTML entity", func(c *Case) { c.Events[0].Title = "Smith &amp; Jones sue" }, []string{
			`events[0].title: contains an HTML entity ("&amp;"): write the character itself`}},
		{"ampersand is fine", func(c *Case) { c.Events[0].Title = "Smith & Jones sue" }, nil},
		{"Markdown bold", func(c *Case) { c.Glossary[0].Explanation = "It is **not** a ruling." }, []string{
			`glossary[0].explanation: contains Markdown ("**"): write plain text`}},
		{"Markdown link", func(c *Case) { c.Quiz.Intro = "See [the rule](https://example.org)." }, []string{
			`quiz.intro: contains Markdown ("]("): write plain text`}},
		{"Markdown heading", func(c *Case) { c.Events[0].Body[0] = "# What happened" }, []string{
			`events[0].body[0]: contains Markdown ("# "): write plain text`}},
		{"Markdown list item", func(c *Case) { c.Events[0].Body[0] = "- First point" }, []string{
			`events[0].body[0]: contains Markdown ("- "): write plain text`}},
		{"hashtag and brackets are fine", func(c *Case) { c.Events[0].Body[0] = "#resist: \"[a]ll records\" - 24 hours." }, nil},
		{"line break", func(c *Case) { c.Events[0].Body[0] = "One.\nTwo." }, []string{
			`events[0].body[0]: contains a control character (U+000A): write each paragraph as its own string`}},
		{"direction override", func(c *Case) { c.Parties[0].Name = "Demo \u202EPlaintiff" }, []string{
			`parties[0].name: contains an invisible direction control (U+202E)`}},
		{"spaces at the ends", func(c *Case) { c.Outcome = " Dismissed. " }, []string{`outcome: has spaces at the start or end`}},
		{"wrong $schema", func(c *Case) { c.Schema = "https://example.org/schema.json" }, []string{`$schema: must be "/case.schema.json"`}},
		{"no $schema is fine", func(c *Case) { c.Schema = "" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := minimalCase(t)
			tt.mutate(c)
			diffLines(t, c.Validate().Strings(), tt.want)
		})
	}
}

// TestValidateReportsEveryProblem checks that problems in different parts
// of a case are all reported, not only the first.
func TestValidateReportsEveryProblem(t *testing.T) {
	c := minimalCase(t)
	c.ID = "Bad"
	c.Events[0].Date.Value = "2017-02-30"
	c.Events[0].Date.Precision = Day
	c.Quiz.Questions[0].Answers = []int{5}
	c.Sources[0].URL = "/x"
	diffLines(t, c.Validate().Strings(), []string{
		`id: "Bad" is not a valid id: use lowercase letters, digits and single hyphens, like "summons-faxed"`,
		`events[0].date.value: "2017-02-30" is not a date`,
		`quiz.questions[0].answers[0]: 5 is not a choice: choices are numbered 0 to 1`,
		`sources[0].url: "/x" is not an absolute URL: start it with https://`,
	})
}
