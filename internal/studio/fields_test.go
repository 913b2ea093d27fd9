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
		Events:  []casefile.Event{{Title: "Suit filed"}, {}},
		Sources: []casefile.Source{{Title: "The order"}},
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
		{"media.image.alt", "Case: media image alt"},
		{"quiz.questions[0].choices", "Question 1: choices"},
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
		"glossary[0].term": false, "corrections[1].date": false, "media.image.alt": false, "": false,
	} {
		if got := HasForm(path); got != want {
			t.Errorf("HasForm(%q) = %v; want %v", path, got, want)
		}
	}
}
