package timelinejs

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"docket/internal/casefile"
)

// roundTripCase holds everything the bridge carries: dates of each
// precision with labels, spans, times of day, eras, images, links, and
// sources with and without an address; and what it does not (a quiz, a
// glossary, the court).
func roundTripCase() *casefile.Case {
	d := func(v string, p casefile.Precision, label string) casefile.Date {
		return casefile.Date{Value: v, Precision: p, Label: label}
	}
	ptr := func(d casefile.Date) *casefile.Date { return &d }
	return &casefile.Case{
		ID: "round-trip", Title: "A round trip & back", Summary: "What 5 < 6 & 7 > 3 means.",
		Court: "A court", Docket: "No. 1", Parties: []casefile.Party{{Name: "A", Role: "plaintiff"}},
		Status: casefile.StatusOpen, Outcome: "Pending.", Updated: "2017-05-01", Credits: []string{"B"},
		Timezone:   "America/New_York",
		Media:      &casefile.Media{Image: &casefile.Image{Src: "media/lead.png", Alt: "The lead", Caption: "A caption", Credit: "A credit", Width: 800, Height: 600}},
		Categories: []casefile.Category{{ID: "court", Label: "Court", Color: "#1d4ed8"}, {ID: "filings", Label: "Filings", Color: "#b91c1c"}},
		Events: []casefile.Event{
			{ID: "a-year", Date: d("0999", casefile.Year, "Some time in 999"), Title: "A year", Body: []string{"One <b>not bold</b> & \"quoted\".", "Two."},
				Category: "court", Sources: []string{"web"}},
			{ID: "a-month", Date: d("1999-02", casefile.Month, ""), End: ptr(d("2001", casefile.Year, "")), Title: "A month", Body: []string{"Span."},
				Category: "filings", Sources: []string{"web", "paper"}},
			{ID: "a-day", Date: d("2017-04-05", casefile.Day, ""), Title: "A day", Body: []string{"Image."}, Category: "court", Sources: []string{"paper"},
				Media: &casefile.Media{Image: &casefile.Image{Src: "https://example.org/a.jpg", Alt: "Alt", Caption: "Caption", Credit: "Credit"}}},
			{ID: "a-minute", Date: d("2017-04-06T16:30", casefile.Minute, ""), End: ptr(d("2017-04-06T18:05", casefile.Minute, "")), Title: "A minute",
				Body: []string{"Link."}, Category: "court", Sources: []string{"web"},
				Media: &casefile.Media{Link: &casefile.Link{URL: "https://www.youtube.com/watch?v=x", Title: "The hearing"}}},
			{ID: "midnight", Date: d("2017-04-07T00:00", casefile.Minute, "Just after midnight"), End: ptr(d("2017-04-08", casefile.Day, "the next day")),
				Title: "Midnight", Body: []string{"Labels."}, Category: "filings", Sources: []string{"web"}, Terms: []string{"t"}},
		},
		Eras: []casefile.Era{
			{Title: "First", Start: d("1999", casefile.Year, "From 1999"), End: d("2001-06", casefile.Month, "")},
			{Title: "Second", Start: d("2017-04-05", casefile.Day, ""), End: d("2017-04-08", casefile.Day, "8 April")},
		},
		Glossary: []casefile.Term{{ID: "t", Term: "Term", Definition: "D.", Explanation: "E.", Sources: []string{"web"}}},
		Quiz: casefile.Quiz{Title: "Q", Intro: "I", Questions: []casefile.Question{{ID: "q", Kind: casefile.TrueFalse,
			Prompt: "P?", Choices: []string{"True", "False"}, Answers: []int{0}, Explanation: "E.", Sources: []string{"web"}}}},
		Sources: []casefile.Source{
			{ID: "web", Title: "The order", Publisher: "The court", Date: "2017-04-06", URL: "https://example.org/order?a=1&b=2"},
			{ID: "paper", Kind: casefile.SourcePrint, Title: "A report", Publisher: "The Paper", Date: "2017-04-07"},
			{ID: "unused", Title: "Background", Publisher: "example.org", URL: "https://example.org/background"},
		},
	}
}

// comparable is what a round trip must keep of a case: its events (ids,
// dates with precision and labels, spans, titles, bodies, category labels,
// media, and their sources' titles, publishers, dates, addresses and
// kinds), its category labels in order, eras, title, summary and media.
type comparableCase struct {
	Title, Summary string
	Media          *casefile.Media
	Categories     []string
	Events         []comparableEvent
	Eras           []casefile.Era
	Sources        []casefile.Source // without ids, sorted
}

type comparableEvent struct {
	ID, Title, Category string
	Date                casefile.Date
	End                 *casefile.Date
	Body                []string
	Media               *casefile.Media
	Sources             []casefile.Source // without ids
}

func comparable(c *casefile.Case) comparableCase {
	noID := func(ids []string) []casefile.Source {
		var out []casefile.Source
		for _, id := range ids {
			s := *c.Source(id)
			s.ID = ""
			out = append(out, s)
		}
		return out
	}
	out := comparableCase{Title: c.Title, Summary: c.Summary, Media: c.Media, Eras: c.Eras}
	for _, cat := range c.Categories {
		out.Categories = append(out.Categories, cat.Label)
	}
	for _, s := range c.Sources {
		s.ID = ""
		out.Sources = append(out.Sources, s)
	}
	// The order of the case's sources is not the story's: compare them as a set.
	slices.SortFunc(out.Sources, func(a, b casefile.Source) int { return strings.Compare(a.Title+a.URL, b.Title+b.URL) })
	for _, e := range c.Events {
		label := ""
		if cat := c.Category(e.Category); cat != nil {
			label = cat.Label
		}
		out.Events = append(out.Events, comparableEvent{ID: e.ID, Title: e.Title, Category: label, Date: e.Date, End: e.End,
			Body: e.Body, Media: e.Media, Sources: noID(e.Sources)})
	}
	return out
}

// roundTrip exports c in format f and imports the export.
func roundTrip(t *testing.T, c *casefile.Case, f Format) (*casefile.Case, []byte, *Report) {
	t.Helper()
	data, rep, err := Export(c, f)
	if err != nil {
		t.Fatal(err)
	}
	back, _, err := Import("export", bytes.NewReader(data), Auto)
	if err != nil {
		t.Fatalf("importing the export: %v\n%s", err, data)
	}
	return back, data, rep
}

func assertSame(t *testing.T, got, want comparableCase) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("the round trip changed the case:\ngot:\n%s\nwant:\n%s", g, w)
	}
}

// TestRoundTripJSON checks case -> TimelineJS JSON -> case: the same
// events, dates (precision, labels, spans, minutes), categories, eras,
// media and sources; the export reports what TimelineJS cannot hold.
func TestRoundTripJSON(t *testing.T) {
	c := roundTripCase()
	back, data, rep := roundTrip(t, c, JSON)
	want := comparable(c)
	want.Media.Image.Width, want.Media.Image.Height = 0, 0 // TimelineJS sizes images itself
	assertSame(t, comparable(back), want)
	for _, msg := range []string{"the quiz (1 question): TimelineJS has no quiz, so it is not exportable",
		"the glossary (1 term): TimelineJS has no glossary, so it is not exportable",
		"the case's court, docket, status, outcome, updated, parties, credits",
		`the time zone "America/New_York"`, "the category colours", "the image's width and height", "events[4].terms"} {
		if !hasItem(rep, Dropped, msg) {
			t.Errorf("the export report lacks %q:\n%s", msg, rep)
		}
	}
	// The sources are a list in each slide's text, escaped.
	if !strings.Contains(string(data), `<ul class=\"docket-sources\"><li><a href=\"https://example.org/order?a=1&amp;b=2\">The order</a> (The court, 2017-04-06)</li></ul>`) ||
		!strings.Contains(string(data), `<p>One &lt;b&gt;not bold&lt;/b&gt; &amp; &#34;quoted&#34;.</p>`) {
		t.Errorf("the export's text is not the escaped paragraphs and source list:\n%s", data)
	}
}

// TestRoundTripCSV checks case -> Sheets CSV -> case: the same, but for
// what the template has no column for (ids not made from the headline,
// end dates' labels), which the export reports.
func TestRoundTripCSV(t *testing.T) {
	c := roundTripCase()
	back, _, rep := roundTrip(t, c, CSV)
	want := comparable(c)
	want.Media.Image.Width, want.Media.Image.Height = 0, 0
	want.Events[4].End.Label = ""
	want.Eras[1].End.Label = ""
	assertSame(t, comparable(back), want)
	for _, msg := range []string{`events[4].end.label: the end date's label "the next day"`, `eras[1].end.label`} {
		if !hasItem(rep, Dropped, msg) {
			t.Errorf("the export report lacks %q:\n%s", msg, rep)
		}
	}
	c.Events[0].ID = "not-the-headline"
	_, _, rep = roundTrip(t, c, CSV)
	if !hasItem(rep, Changed, `the template has no id column: "not-the-headline" comes back from the headline as "a-year"`) {
		t.Errorf("the export report does not warn of the id:\n%s", rep)
	}
}

// TestRoundTripShippedCase round-trips the case Docket ships, a real one,
// through both formats.
func TestRoundTripShippedCase(t *testing.T) {
	data, err := os.ReadFile("../../web/cases/twitter-v-dhs-2017.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Decode("twitter-v-dhs-2017.json", data)
	if err != nil {
		t.Fatal(err)
	}
	want := comparable(c)
	// TimelineJS has no list of groups: an import declares them in the
	// order the events first use them, and the export says so.
	slices.Sort(want.Categories)
	back, _, rep := roundTrip(t, c, JSON)
	got := comparable(back)
	slices.Sort(got.Categories)
	assertSame(t, got, want)
	if !hasItem(rep, Changed, "the groups come back in the order the events first use them") {
		t.Errorf("the export does not say the categories' order changes:\n%s", rep)
	}

	back, _, rep = roundTrip(t, c, CSV)
	got = comparable(back)
	slices.Sort(got.Categories)
	for i := range c.Events { // the template has no id column
		if want.Events[i].ID != slug(c.Events[i].Title) && !hasItem(rep, Changed, c.Events[i].ID) {
			t.Errorf("the CSV export does not warn that %q comes back as %q", c.Events[i].ID, slug(c.Events[i].Title))
		}
		got.Events[i].ID = want.Events[i].ID
	}
	assertSame(t, got, want)
}

// TestExportShape checks the export against TimelineJS's formats: the JSON
// slide fields and the template's header row.
func TestExportShape(t *testing.T) {
	c := roundTripCase()
	data, _, err := Export(c, JSON)
	if err != nil {
		t.Fatal(err)
	}
	var tl struct {
		Title  map[string]any   `json:"title"`
		Events []map[string]any `json:"events"`
		Eras   []map[string]any `json:"eras"`
	}
	if err := json.Unmarshal(data, &tl); err != nil {
		t.Fatal(err)
	}
	minute := tl.Events[3]["start_date"].(map[string]any)
	if minute["year"] != 2017.0 || minute["month"] != 4.0 || minute["day"] != 6.0 || minute["hour"] != 16.0 || minute["minute"] != 30.0 {
		t.Errorf("start_date %v", minute)
	}
	if tl.Events[0]["unique_id"] != "a-year" || tl.Events[0]["group"] != "Court" || len(tl.Eras) != 2 || tl.Title["text"] == nil {
		t.Errorf("event %v, eras %v", tl.Events[0], tl.Eras)
	}
	csvData, _, err := Export(c, CSV)
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(csvData), "\r\n")
	if first != strings.Join(Columns, ",") {
		t.Errorf("header %q", first)
	}
	if !strings.Contains(string(csvData), "\r\n2017,4,6,16:30,2017,4,6,18:05,,A minute,") {
		t.Errorf("no row with the time of day:\n%s", csvData)
	}
	if _, _, err := Export(c, "pdf"); err == nil {
		t.Error("Export to an unknown format: no error")
	}
}
