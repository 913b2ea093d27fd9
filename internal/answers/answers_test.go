package answers

import (
	"errors"
	"reflect"
	"testing"

	"docket/internal/casefile"
	"docket/internal/quiz"
)

// testCase has one question of each kind.
func testCase() *casefile.Case {
	return &casefile.Case{ID: "demo", Quiz: casefile.Quiz{Questions: []casefile.Question{
		{ID: "prejudice", Kind: casefile.SingleChoice, Choices: []string{"Fair", "Again", "Over", "Jury"}, Answers: []int{1}},
		{ID: "dismissal", Kind: casefile.MultipleChoice, Choices: []string{"Settlement", "Press", "Voluntary", "Judgment"}, Answers: []int{0, 2, 3}},
		{ID: "moot", Kind: casefile.TrueFalse, Choices: []string{"True", "False"}, Answers: []int{1}},
	}}}
}

func score(n int) *int { return &n }

func TestCheck(t *testing.T) {
	c := testCase()
	v := Version(c)
	tests := []struct {
		name  string
		a     Answer
		want  Counted
		field string // "" with want: accepted
		stale bool
	}{
		{"single right", Answer{Version: v, Question: "prejudice", Choices: []int{1}}, Counted{Question: "prejudice", Choices: []int{1}, Correct: true}, "", false},
		{"single wrong", Answer{Version: v, Question: "prejudice", Choices: []int{3}}, Counted{Question: "prejudice", Choices: []int{3}}, "", false},
		{"multiple, sorted", Answer{Version: v, Question: "dismissal", Choices: []int{3, 0, 2}}, Counted{Question: "dismissal", Choices: []int{0, 2, 3}, Correct: true}, "", false},
		{"multiple, partly", Answer{Version: v, Question: "dismissal", Choices: []int{0}}, Counted{Question: "dismissal", Choices: []int{0}}, "", false},
		{"true-false", Answer{Version: v, Question: "moot", Choices: []int{1}}, Counted{Question: "moot", Choices: []int{1}, Correct: true}, "", false},
		{"score 0", Answer{Version: v, Score: score(0)}, Counted{Score: 0}, "", false},
		{"score all", Answer{Version: v, Score: score(3)}, Counted{Score: 3}, "", false},

		{"no version", Answer{Question: "moot", Choices: []int{1}}, Counted{}, "version", false},
		{"another version", Answer{Version: "old", Question: "moot", Choices: []int{1}}, Counted{}, "version", true},
		{"no question", Answer{Version: v, Choices: []int{1}}, Counted{}, "question", false},
		{"unknown question", Answer{Version: v, Question: "nope", Choices: []int{1}}, Counted{}, "question", false},
		{"no choices", Answer{Version: v, Question: "moot"}, Counted{}, "choices", false},
		{"empty choices", Answer{Version: v, Question: "moot", Choices: []int{}}, Counted{}, "choices", false},
		{"choice too big", Answer{Version: v, Question: "moot", Choices: []int{2}}, Counted{}, "choices", false},
		{"negative choice", Answer{Version: v, Question: "prejudice", Choices: []int{-1}}, Counted{}, "choices", false},
		{"choice twice", Answer{Version: v, Question: "dismissal", Choices: []int{0, 0}}, Counted{}, "choices", false},
		{"several on single", Answer{Version: v, Question: "prejudice", Choices: []int{0, 1}}, Counted{}, "choices", false},
		{"several on true-false", Answer{Version: v, Question: "moot", Choices: []int{0, 1}}, Counted{}, "choices", false},
		{"score too high", Answer{Version: v, Score: score(4)}, Counted{}, "score", false},
		{"score negative", Answer{Version: v, Score: score(-1)}, Counted{}, "score", false},
		{"score with a question", Answer{Version: v, Question: "moot", Score: score(1)}, Counted{}, "score", false},
		{"score with choices", Answer{Version: v, Choices: []int{1}, Score: score(1)}, Counted{}, "score", false},
	}
	for _, tt := range tests {
		got, err := Check(c, v, tt.a)
		var p *Problem
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.field == "" && !reflect.DeepEqual(got, tt.want):
			t.Errorf("%s: %+v; want %+v", tt.name, got, tt.want)
		case tt.field != "" && !errors.As(err, &p):
			t.Errorf("%s: %+v, %v; want a problem with %s", tt.name, got, err, tt.field)
		case tt.field != "" && (p.Field != tt.field || p.Stale != tt.stale || p.Message == ""):
			t.Errorf("%s: problem %+v; want field %s, stale %v", tt.name, p, tt.field, tt.stale)
		}
	}
	if _, err := Check(&casefile.Case{ID: "x"}, "v", Answer{Version: "v", Score: score(0)}); err == nil {
		t.Error("an answer to a case without a quiz was accepted")
	}
}

func TestVersion(t *testing.T) {
	c := testCase()
	v := Version(c)
	c2 := testCase()
	c2.Quiz.Questions[0].Prompt = "Reworded"
	c2.Quiz.Questions[0].Explanation = "Explained anew"
	if Version(c2) != v {
		t.Error("rewording a prompt changed the version: the counts would start again for nothing")
	}
	c3 := testCase()
	c3.Quiz.Questions[0].Answers = []int{2}
	c4 := testCase()
	c4.Quiz.Questions = c4.Quiz.Questions[1:]
	c5 := testCase()
	c5.ID = "other"
	for name, c := range map[string]*casefile.Case{"answers": c3, "questions": c4, "case": c5} {
		if Version(c) == v {
			t.Errorf("changing the %s kept the version: old counts would be read as new", name)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Answer
		ok   bool
	}{
		{`{"version":"v","question":"q","choices":[0,2]}`, Answer{Version: "v", Question: "q", Choices: []int{0, 2}}, true},
		{`{"version":"v","score":0}`, Answer{Version: "v", Score: score(0)}, true},
		{`{"version":"v","question":"q","choices":[0],"reader":"me"}`, Answer{}, false},
		{`{"version":"v"} {"version":"v"}`, Answer{}, false},
		{`{"version":"v","choices":["a"]}`, Answer{}, false},
		{`{"version":"v","score":1.5}`, Answer{}, false},
		{`[1]`, Answer{}, false},
		{``, Answer{}, false},
		{`{"version":"` + string(make([]byte, MaxBody)) + `"}`, Answer{}, false},
	} {
		got, err := Parse([]byte(tt.in))
		if (err == nil) != tt.ok || (tt.ok && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("Parse(%.40q) = %+v, %v; want %+v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestScoreAndURL(t *testing.T) {
	c := testCase()
	s := quiz.New(c.Quiz, c.ID)
	if _, ok := Score(s); ok {
		t.Error("a reader who answered nothing has a final score")
	}
	s.Answer("prejudice", []int{1}) // right
	s.Answer("dismissal", []int{0}) // partly: not wholly right
	if _, ok := Score(s); ok {
		t.Error("a reader who skipped a question has a final score")
	}
	s.Answer("moot", []int{1}) // right
	if got, ok := Score(s); !ok || got != 2 {
		t.Errorf("Score = %d, %v; want 2 (partly right is not right)", got, ok)
	}
	for base, want := range map[string]string{"/": "/api/cases/demo/answers", "/explainers/": "/explainers/api/cases/demo/answers",
		"https://docket.example.org/": "https://docket.example.org/api/cases/demo/answers", "https://d.example.org/sub": "https://d.example.org/sub/api/cases/demo/answers"} {
		if got := URL(base, "demo"); got != want {
			t.Errorf("URL(%q) = %q; want %q", base, got, want)
		}
	}
}
