package casefile

import (
	"strings"
	"testing"
)

func TestValidateValidCases(t *testing.T) {
	for name, c := range map[string]*Case{"minimal": minimalCase(t), "demo": demoCase(t)} {
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
		{"quiz without title, intro or questions", func(c *Case) { c.Quiz = Quiz{} }, []string{
			"quiz.title: is required", "quiz.intro: is required", "quiz.questions: needs at least one question"}},
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
			`events[0].date.precision: "week" is not a precision: use day, month or year`,
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
