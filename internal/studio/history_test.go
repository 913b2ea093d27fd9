package studio

import (
	"fmt"
	"strings"
	"testing"

	"docket/internal/casefile"
)

// TestHistory drives a history through an editing session: each step is
// an edit, an undo or a redo, and what the history stands at after it.
func TestHistory(t *testing.T) {
	type step struct {
		do                 string // "edit STATE KEY LABEL MS", "undo", "redo"
		now                string // the state after
		undoLabel, redoLbl string // what Undo and Redo would do after
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"typing in one field is one step", []step{
			{"edit a title event-1-title 0", "a", "event 1 title", ""},
			{"edit ab title event-1-title 300", "ab", "event 1 title", ""},
			{"edit abc title event-1-title 900", "abc", "event 1 title", ""},
			{"undo", "", "", "event 1 title"},
			{"redo", "abc", "event 1 title", ""},
		}},
		{"the focus back in the field (another key) makes a new step", []step{
			{"edit a title#1 event-1-title 0", "a", "event 1 title", ""},
			{"edit ab title#2 event-1-title 1500", "ab", "event 1 title", ""},
			{"undo", "a", "event 1 title", "event 1 title"},
			{"undo", "", "", "event 1 title"},
		}},
		{"another field makes a new step", []step{
			{"edit a title title 0", "a", "title", ""},
			{"edit ab summary summary 100", "ab", "summary", ""},
			{"undo", "a", "title", "summary"},
		}},
		{"adds, removes and moves are a step each", []step{
			{"edit a - add-event 0", "a", "add-event", ""},
			{"edit ab - add-event 10", "ab", "add-event", ""},
			{"edit abc - remove-event-1 20", "abc", "remove-event-1", ""},
			{"undo", "ab", "add-event", "remove-event-1"},
			{"undo", "a", "add-event", "add-event"},
		}},
		{"a new edit clears what could be redone", []step{
			{"edit a title title 0", "a", "title", ""},
			{"undo", "", "", "title"},
			{"edit x summary summary 100", "x", "summary", ""},
			{"redo", "x", "summary", ""},
		}},
		{"typing on after an undo is a step of its own", []step{
			{"edit a title title 0", "a", "title", ""},
			{"edit b summary summary 10", "b", "summary", ""},
			{"undo", "a", "title", "summary"},
			{"edit ax title title 20", "ax", "title", ""},
			{"undo", "a", "title", "title"},
		}},
		{"an edit that changes nothing is no step", []step{
			{"edit a title title 0", "a", "title", ""},
			{"edit a - tick 2000", "a", "title", ""},
			{"undo", "", "", "title"},
		}},
		{"nothing to undo or redo", []step{
			{"undo", "", "", ""},
			{"redo", "", "", ""},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := Start([]byte(""))
			for i, s := range tc.steps {
				f := strings.Fields(s.do)
				switch f[0] {
				case "edit":
					key := f[2]
					if key == "-" {
						key = ""
					}
					h.Record([]byte(f[1]), key, strings.ReplaceAll(f[3], "-", " "))
				case "undo":
					h.Undo()
				case "redo":
					h.Redo()
				}
				want := func(l string) string { return strings.ReplaceAll(l, "-", " ") }
				if string(h.Now) != s.now || h.UndoLabel() != want(s.undoLabel) || h.RedoLabel() != want(s.redoLbl) {
					t.Errorf("step %d (%s): now %q, undo %q, redo %q; want %q, %q, %q", i, s.do,
						h.Now, h.UndoLabel(), h.RedoLabel(), s.now, want(s.undoLabel), want(s.redoLbl))
				}
			}
		})
	}
}

func TestHistoryUndoGivesBackEachState(t *testing.T) {
	h := Start([]byte("0"))
	for i := 1; i <= 3; i++ {
		h.Record([]byte(fmt.Sprint(i)), "", fmt.Sprint("step ", i))
	}
	for _, want := range []struct{ state, label string }{{"2", "step 3"}, {"1", "step 2"}, {"0", "step 1"}} {
		state, label, ok := h.Undo()
		if !ok || string(state) != want.state || label != want.label {
			t.Errorf("Undo = %q, %q, %v; want %q, %q", state, label, ok, want.state, want.label)
		}
	}
	for _, want := range []struct{ state, label string }{{"1", "step 1"}, {"2", "step 2"}, {"3", "step 3"}} {
		state, label, ok := h.Redo()
		if !ok || string(state) != want.state || label != want.label {
			t.Errorf("Redo = %q, %q, %v; want %q, %q", state, label, ok, want.state, want.label)
		}
	}
}

func TestHistoryCaps(t *testing.T) {
	for _, tc := range []struct {
		name      string
		steps     int
		size      int
		wantSteps int
	}{
		{"under the caps, every step", 10, 10, 10},
		{"beyond MaxSteps, the oldest go", MaxSteps + 50, 10, MaxSteps},
		{"beyond MaxStepBytes, the oldest go", 20, 250, 4},
		{"one step larger than the cap is kept", 3, 2000, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func(n, b int) { MaxSteps, MaxStepBytes = n, b }(MaxSteps, MaxStepBytes)
			if tc.size > 100 {
				MaxStepBytes = 1000
			}
			h := Start(nil)
			h.Record(state(0, tc.size), "", "start")
			for i := 1; i <= tc.steps; i++ {
				h.Record(state(i, tc.size), "", fmt.Sprint(i))
			}
			n := 0
			for _, _, ok := h.Undo(); ok; _, _, ok = h.Undo() {
				n++
			}
			if n != tc.wantSteps {
				t.Errorf("%d steps could be undone; want %d", n, tc.wantSteps)
			}
		})
	}
}

// state is a distinct state of size bytes.
func state(i, size int) []byte {
	b := make([]byte, size)
	copy(b, fmt.Sprint(i, "-"))
	return b
}

// TestHistoryFollowsTheVersionInTheForms: a conflict's choices never let
// an undo cross from one version to the other.
func TestHistoryFollowsTheVersionInTheForms(t *testing.T) {
	mine := func() History {
		h := Start([]byte("base"))
		h.Record([]byte("mine"), "title", "title")
		return h
	}
	for _, tc := range []struct {
		name      string
		now       string
		mineAside bool
		undoTo    string // "" when nothing to undo
		asideNow  string
	}{
		{"their version shown: theirs starts afresh, mine set aside", "theirs", true, "", "mine"},
		{"nothing swapped (theirs unreadable)", "mine", true, "base", ""},
		{"mine kept, same case", "mine", false, "base", ""},
		{"theirs taken for good: afresh", "theirs", false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, aside := mine(), History{}
			h.Follow([]byte(tc.now), tc.mineAside, &aside)
			if string(h.Now) != tc.now || string(aside.Now) != tc.asideNow {
				t.Errorf("now %q, aside %q; want %q, %q", h.Now, aside.Now, tc.now, tc.asideNow)
			}
			state, _, ok := h.Undo()
			if string(state) != tc.undoTo || ok != (tc.undoTo != "") {
				t.Errorf("Undo = %q, %v; want %q", state, ok, tc.undoTo)
			}
		})
	}

	// Theirs shown, edited there, then mine again: mine's history is back;
	// theirs' edits stay with theirs.
	h, aside := mine(), History{}
	h.Follow([]byte("theirs"), true, &aside)
	h.Record([]byte("theirs edited"), "summary", "summary")
	h.Follow([]byte("mine"), false, &aside)
	if string(h.Now) != "mine" || h.UndoLabel() != "title" || aside.Now != nil {
		t.Errorf("mine shown again: now %q, undo %q, aside %q; want mine, title, none", h.Now, h.UndoLabel(), aside.Now)
	}
}

func TestStepName(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"title", "title"},
		{"events[2].title", "event 3 title"},
		{"events[0].date.value", "event 1 date"},
		{"events[0].end", "event 1 end"},
		{"events[1].body", "event 2 text"},
		{"events[0].media.image.alt", "event 1 image alt text"},
		{"events[0].media", "event 1 media"},
		{"categories[0].color", "category 1 colour"},
		{"quiz.questions[0].prompt", "question 1 prompt"},
		{"quiz.title", "quiz title"},
		{"glossary[3].definition", "term 4 definition"},
		{"parties[0].name", "party 1 name"},
	} {
		if got := StepName(tc.path); got != tc.want {
			t.Errorf("StepName(%q) = %q; want %q", tc.path, got, tc.want)
		}
	}
	for _, tc := range []struct{ got, want string }{
		{AddName("events"), "add event"},
		{AddName("quiz.questions"), "add question"},
		{AddName("glossary"), "add term"},
		{MoveName("events", 1, 4), "move event 2 to 5"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q; want %q", tc.got, tc.want)
		}
	}
}

// TestUndoneCaseSavesAsBefore: a state taken back from the history reads
// and writes as it was, so an undo records no step of its own.
func TestUndoneCaseSavesAsBefore(t *testing.T) {
	c := NewCase("undo", "Undo")
	AddEvent(c)
	AddSource(c)
	AddTerm(c)
	AddQuestion(c)
	c.Events[0].Title = "Suit filed"
	c.Events[0].Body = []string{"One.", "Two."}
	Cite(c, 0, c.Sources[0].ID, true)
	c.Events[0].Terms = []string{c.Glossary[0].ID}
	SetEnd(&c.Events[0], true)
	SetMedia(&c.Events[0].Media, ImageMedia)
	c.Corrections = []casefile.Correction{{Date: "2024-05-01", Text: "Fixed.", Event: c.Events[0].ID}}
	first, err := Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(first)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Encode(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(first) != string(again) {
		t.Errorf("a case read back writes otherwise:\n%s\n%s", first, again)
	}
}
