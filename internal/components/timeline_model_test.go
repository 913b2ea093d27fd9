//go:build !(js && wasm)

package components

import (
	"slices"
	"strings"
	"testing"
	"time"

	"docket/internal/casefile"
	"docket/internal/htmlcheck"
	"docket/internal/timeline"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// timelineCase is a small case with what the timeline draws: three
// categories, several events on one day, an event known to the month, terms,
// quiz questions and text that needs escaping.
func timelineCase() *casefile.Case {
	day := func(v string) casefile.Date { return casefile.Date{Value: v, Precision: casefile.Day} }
	return &casefile.Case{
		ID: "demo", Title: "Demo", Summary: "A demo.", Court: "Court", Docket: "1", Outcome: "Dismissed", Updated: "2026-11-29",
		Categories: []casefile.Category{
			{ID: "court", Label: "In court", Color: "#1d4ed8"},
			{ID: "gov", Label: "Government & agencies", Color: "#a8421a"},
			{ID: "press", Label: "Press", Color: "#0f766e"},
		},
		Events: []casefile.Event{
			{ID: "a", Date: day("2017-01-24"), Title: "First", Body: []string{"One."}, Category: "press", Sources: []string{"s1"},
				Media: &casefile.Media{Image: &casefile.Image{Src: "media/a b&c.png", Alt: "A \"quoted\" <alt> & more", Caption: "Caption & <b>", Credit: "Photo: “Someone”", Width: 640, Height: 480}}},
			{ID: "b", Date: casefile.Date{Value: "2017-01", Precision: casefile.Month, Label: "Late January 2017"}, Title: "Known to the month", Body: []string{"Two."}, Category: "gov", Sources: []string{"s1", "s2"}, Terms: []string{"t1"}},
			{ID: "c", Date: day("2017-04-06"), Title: "Suit <filed> & “quoted”", Body: []string{"Three & more.", "A second paragraph."}, Category: "court", Sources: []string{"s2"},
				Media: &casefile.Media{Link: &casefile.Link{URL: "https://www.youtube.com/watch?v=x&t=1", Title: "Video & <more>"}}},
			{ID: "d", Date: day("2017-04-06"), Title: "Same day", Body: []string{"Four."}, Category: "press", Sources: []string{"s1"},
				Media: &casefile.Media{Image: &casefile.Image{Src: "https://img.example.org/d.jpg?a=1&b=2", Alt: "Unsized"}}},
			{ID: "e", Date: day("2017-04-07"), End: &casefile.Date{Value: "2017-04-09", Precision: casefile.Day}, Title: "Dropped", Body: []string{"Five."}, Category: "court", Sources: []string{"s1"}, Terms: []string{"t1"}},
		},
		Glossary: []casefile.Term{{ID: "t1", Term: "Without prejudice", Definition: "May be brought again.", Explanation: "Longer.", Sources: []string{"s1"}}},
		Quiz: casefile.Quiz{Title: "Quiz", Intro: "Intro.", Questions: []casefile.Question{
			{ID: "q1", Kind: casefile.TrueFalse, Prompt: "Was it dropped?", Choices: []string{"True", "False"}, Answers: []int{0}, Explanation: "Yes.", Events: []string{"e", "c"}, Sources: []string{"s1"}},
			{ID: "q2", Kind: casefile.TrueFalse, Prompt: "Was it “filed”?", Choices: []string{"True", "False"}, Answers: []int{0}, Explanation: "Yes.", Events: []string{"c"}, Sources: []string{"s1"}},
		}},
		Sources: []casefile.Source{
			{ID: "s1", Title: "Docket", Publisher: "Court", URL: "https://example.org/docket?a=1&b=2"},
			{ID: "s2", Title: "Story", URL: "https://example.org/story"},
		},
	}
}

func TestTimelineModelLookups(t *testing.T) {
	m := newTimelineModel(timelineCase())
	if got := m.catCount; !slices.Equal(got, []int{2, 1, 2}) {
		t.Errorf("catCount = %v", got)
	}
	qs := m.questions[2]
	if len(qs) != 2 || qs[0].ID != "q1" || qs[1].ID != "q2" {
		t.Errorf("questions about c = %v; want q1, q2 in quiz order", qs)
	}
	for i, want := range []int{2, 1, 0, 2, 0} {
		if got := m.events.Category(i); got != want {
			t.Errorf("category of event %d = %d; want %d", i, got, want)
		}
	}
	if cat := m.category(1); cat == nil || cat.ID != "gov" {
		t.Errorf("category(1) = %v; want gov", cat)
	}
	if e := m.event("d"); e == nil || e.Title != "Same day" {
		t.Errorf("event(d) = %v", e)
	}
	if got := m.span; got != "5 events, January 2017 to April 2017" {
		t.Errorf("span = %q", got)
	}
}

func TestTimelineMarkerWords(t *testing.T) {
	m := newTimelineModel(timelineCase())
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, tc := range []struct {
		mk   timeline.Marker
		want string
	}{
		{timeline.Marker{IDs: []string{"b"}}, "Late January 2017: Known to the month"},
		{timeline.Marker{IDs: []string{"c", "d"}, Start: d("2017-04-06"), End: d("2017-04-07"), Precision: timeline.Day}, "April 6, 2017: 2 events"},
		{timeline.Marker{IDs: []string{"a", "b"}, Start: d("2017-01-01"), End: d("2017-02-01"), Precision: timeline.Mixed}, "January 1 to January 31, 2017: 2 events"},
		{timeline.Marker{IDs: []string{"a", "e"}, Start: d("2016-12-30"), End: d("2017-04-08"), Precision: timeline.Mixed}, "December 30, 2016 to April 7, 2017: 2 events"},
		{timeline.Marker{IDs: []string{"x", "y"}, Start: d("2017-01-01"), End: d("2017-02-01"), Precision: timeline.Month}, "January 2017: 2 events"},
	} {
		if got := m.markerName(tc.mk); got != tc.want {
			t.Errorf("markerName(%v) = %q; want %q", tc.mk.IDs, got, tc.want)
		}
	}
	for _, tc := range []struct {
		ids  []string
		want string
	}{
		{[]string{"c"}, "#1d4ed8"},
		{[]string{"c", "e"}, "#1d4ed8"},
		{[]string{"c", "d"}, "conic-gradient(#1d4ed8 0% 50%, #0f766e 50% 100%)"},
	} {
		if got := m.markerFill(tc.ids); got != tc.want {
			t.Errorf("markerFill(%v) = %q; want %q", tc.ids, got, tc.want)
		}
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 10000: "10,000", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q; want %q", n, got, want)
		}
	}
}

// TestEventListHTMLMatchesComponents checks that the list written directly
// for long cases has the very elements the components render.
func TestEventListHTMLMatchesComponents(t *testing.T) {
	m := newTimelineModel(timelineCase())
	for i := range m.c.Events {
		for _, sel := range []bool{false, true} {
			var raw strings.Builder
			writeEventHTML(&raw, m, i, sel)
			want := app.HTMLString(eventItem(m, i, sel, false))
			if got, wantTree := domTree(t, raw.String()), domTree(t, want); got != wantTree {
				t.Errorf("event %d (selected %v):\nwritten:   %s\ncomponent: %s", i, sel, got, wantTree)
			}
		}
	}
	doc := htmlcheck.Parse(t, eventListHTML(m, nil, 2))
	if got := doc.Count(t, "ol.event-list > li.event"); got != len(m.c.Events) {
		t.Errorf("list has %d events", got)
	}
	if id, _ := doc.Attr(t, `li[aria-current="true"]`, "id"); id != "c" {
		t.Errorf("current = %q; want c", id)
	}
}

// domTree writes an HTML fragment's elements, sorted attributes and
// non-blank text in a canonical form. ARIA values are compared without
// case: the server writes "TRUE" (see ariaTrue).
func domTree(t *testing.T, s string) string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "ol", DataAtom: atom.Ol})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if txt := strings.Join(strings.Fields(n.Data), " "); txt != "" {
				b.WriteString("«" + txt + "»")
			}
		case html.ElementNode:
			var attrs []string
			for _, a := range n.Attr {
				v := a.Val
				if strings.HasPrefix(a.Key, "aria-") {
					v = strings.ToLower(v)
				}
				attrs = append(attrs, a.Key+"="+v)
			}
			slices.Sort(attrs)
			b.WriteString("<" + n.Data + " " + strings.Join(attrs, " ") + ">")
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			b.WriteString("</" + n.Data + ">")
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}
