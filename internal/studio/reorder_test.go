package studio

import (
	"strings"
	"testing"

	"docket/internal/casefile"
)

func TestMoveTo(t *testing.T) {
	for _, tc := range []struct {
		from, to, want int
		list           string
	}{
		{0, 3, 3, "bcda"}, // dropped on the last: it goes last
		{3, 0, 0, "dabc"}, // dropped on the first: it goes first
		{1, 2, 2, "acbd"},
		{2, 1, 1, "acbd"},
		{1, 1, 1, "abcd"},   // on itself: nothing
		{-1, 2, -1, "abcd"}, // out of range: nothing
		{1, 4, 1, "abcd"},
	} {
		list := strings.Split("abcd", "")
		if got := MoveTo(list, tc.from, tc.to); got != tc.want || strings.Join(list, "") != tc.list {
			t.Errorf("MoveTo(abcd, %d, %d) = %d, %s; want %d, %s", tc.from, tc.to, got, strings.Join(list, ""), tc.want, tc.list)
		}
	}
}

// TestMoveToKeepsReferences: a question and a correction name events by
// id, so a drag changes their order and nothing else.
func TestMoveToKeepsReferences(t *testing.T) {
	c := NewCase("x", "X")
	c.Events = []casefile.Event{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	c.Quiz.Questions = []casefile.Question{{ID: "q", Events: []string{"a", "c"}}}
	c.Corrections = []casefile.Correction{{Event: "c"}}
	MoveTo(c.Events, 2, 0)
	var ids []string
	for _, e := range c.Events {
		ids = append(ids, e.ID)
	}
	if strings.Join(ids, "") != "cab" || strings.Join(c.Quiz.Questions[0].Events, "") != "ac" || c.Corrections[0].Event != "c" {
		t.Errorf("after the move: %v, question %v, correction %q", ids, c.Quiz.Questions[0].Events, c.Corrections[0].Event)
	}
}
