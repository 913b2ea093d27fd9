package studio

import (
	"slices"
	"testing"

	"docket/internal/casefile"
)

func TestFieldID(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"title", "f-title"},
		{"events[2].date.value", "f-events-2-date-value"},
		{"events[0].sources[1]", "f-events-0-sources-1"},
		{"$schema", "f-schema"},
	} {
		if got := FieldID(tc.path); got != tc.want {
			t.Errorf("FieldID(%q) = %q; want %q", tc.path, got, tc.want)
		}
	}
}

func TestAncestors(t *testing.T) {
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"title", []string{"title"}},
		{"events[2].date.value", []string{"events[2].date.value", "events[2].date", "events[2]", "events"}},
		{"events[0].sources[1]", []string{"events[0].sources[1]", "events[0].sources", "events[0]", "events"}},
	} {
		if got := Ancestors(tc.path); !slices.Equal(got, tc.want) {
			t.Errorf("Ancestors(%q) = %q; want %q", tc.path, got, tc.want)
		}
	}
}

func TestWhere(t *testing.T) {
	c := &casefile.Case{
		Events:     []casefile.Event{{Title: "Suit filed"}, {}},
		Sources:    []casefile.Source{{Title: "The order"}},
		Categories: []casefile.Category{{Label: "Rulings"}},
		Quiz:       casefile.Quiz{Questions: []casefile.Question{{}, {Prompt: "Who sued?"}}},
		Glossary:   []casefile.Term{{Term: "Injunction"}},
		Eras:       []casefile.Era{{}, {Title: "The trial"}},
	}
	for _, tc := range []struct{ path, want string }{
		{"title", "Case details: title"},
		{"events[0].date.value", "Event 1 “Suit filed”: date"},
		{"events[1].title", "Event 2: title"},
		{"events[0].body[1]", "Event 1 “Suit filed”: paragraph 2"},
		{"events[0].sources", "Event 1 “Suit filed”: sources"},
		{"sources[0].url", "Source 1 “The order”: URL"},
		{"events", "Events"},
		{"quiz.questions", "Quiz: questions"},
		{"parties[1].role", "Party 2: role"},
		{"events[7]", "Event 8"},
		{"quiz.title", "Quiz: title"},
		{"glossary[1].definition", "Term 2: definition"},
		{"media.image.alt", "Lead image or link: image description (alt)"},
		{"media.image.width", "Lead image or link: image width"},
		{"quiz.questions[0].choices", "Question 1: choices"},
		{"events[0].end.value", "Event 1 “Suit filed”: end"},
		{"events[0].end.precision", "Event 1 “Suit filed”: end precision"},
		{"events[1].terms[0]", "Event 2: terms"},
		{"events[1].media.image.alt", "Event 2: image description (alt)"},
		{"events[1].media.image.src", "Event 2: image address"},
		{"events[1].media.link.url", "Event 2: link URL"},
		{"events[1].media.link.title", "Event 2: link title"},
		{"eras[0].start.value", "Era 1: start"},
		{"eras[0].end.label", "Era 1: end label"},
		{"corrections[0].text", "Correction 1: text"},
		{"categories[0].color", "Category 1 “Rulings”: color"},
		{"categories[3].label", "Category 4: label"},
		{"quiz.questions[1].kind", "Question 2 “Who sued?”: kind"},
		{"glossary[0].definition", "Term 1 “Injunction”: definition"},
		{"eras[1].title", "Era 2 “The trial”: title"},
		{"timezone", "Case details: timezone"},
	} {
		if got := Where(tc.path, c); got != tc.want {
			t.Errorf("Where(%q) = %q; want %q", tc.path, got, tc.want)
		}
	}
}

func TestInFormOrder(t *testing.T) {
	ps := casefile.Problems{{Path: "quiz.title"}, {Path: "sources"}, {Path: "events[1].title"}, {Path: "summary"},
		{Path: "events[0].date.value"}, {Path: "parties"}, {Path: ""}, {Path: "title"}}
	InFormOrder(ps)
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	want := []string{"title", "summary", "parties", "events[1].title", "events[0].date.value", "sources", "quiz.title", ""}
	if !slices.Equal(got, want) {
		t.Errorf("InFormOrder = %q; want %q", got, want)
	}
}

func TestHasForm(t *testing.T) {
	for path, want := range map[string]bool{
		"title": true, "events[3].date.value": true, "quiz.questions[0].prompt": true, "sources": true,
		"glossary[0].term": true, "corrections[1].date": true, "eras[0].start.value": true, "timezone": true,
		"events[0].media.image.alt": true, "media.image.alt": true, "": false,
	} {
		if got := HasForm(path); got != want {
			t.Errorf("HasForm(%q) = %v; want %v", path, got, want)
		}
	}
}

func TestOwner(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"title", "title"},
		{"timezone", "timezone"},
		{"events[1].date", "events[1].date.value"}, // out of order, or needs a time zone
		{"events[1].date.value", "events[1].date.value"},
		{"events[1].end", "events[1].end.value"}, // before the event's date
		{"events[1].end.precision", "events[1].end.precision"},
		{"eras[0].start", "eras[0].start.value"},
		{"eras[0].end", "eras[0].end.value"},
		{"events[0].terms[2]", "events[0].terms"},
		{"events[0].terms", "events[0].terms"},
		{"events[0].sources[1]", "events[0].sources"},
		{"glossary[3].sources[0]", "glossary[3].sources"},
		{"events[0].body[1]", "events[0].body"},
		{"quiz.questions[0].answers[1]", "quiz.questions[0].answers"},
		{"credits[2]", "credits"},
		{"events[2].media", "events[2].media"},
		{"events[2].media.image", "events[2].media"},
		{"events[2].media.image.width", "events[2].media.image.width"},
		{"events[2].media.image.alt", "events[2].media.image.alt"},
		{"events[2].media.link.url", "events[2].media.link.url"},
		{"sources[1]", "sources[1]"},
		{"events[4]", "events[4]"},
		{"corrections[0].event", "corrections[0].event"},
	} {
		if got := Owner(tc.path); got != tc.want {
			t.Errorf("Owner(%q) = %q; want %q", tc.path, got, tc.want)
		}
	}
}
