package quiz

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestNavigation(t *testing.T) {
	type at struct {
		place Place
		index int
	}
	intro, results := at{AtIntro, -1}, at{AtResults, -1}
	q := func(i int) at { return at{AtQuestion, i} }

	tests := []struct {
		name  string
		steps func(s *State) bool // the last move's report
		want  at
		moved bool
	}{
		{"starts at intro", func(s *State) bool { return true }, intro, true},
		{"back at intro stays", func(s *State) bool { return s.Back() }, intro, false},
		{"next from intro", func(s *State) bool { return s.Next() }, q(0), true},
		{"next twice", func(s *State) bool { s.Next(); return s.Next() }, q(1), true},
		{"next past last question", func(s *State) bool { s.Go(2); return s.Next() }, results, true},
		{"next at results stays", func(s *State) bool { s.Finish(); return s.Next() }, results, false},
		{"back from results", func(s *State) bool { s.Finish(); return s.Back() }, q(2), true},
		{"back from first question", func(s *State) bool { s.Go(0); return s.Back() }, intro, true},
		{"go to question", func(s *State) bool { return s.Go(1) }, q(1), true},
		{"go past the end stays", func(s *State) bool { s.Go(1); return s.Go(3) }, q(1), false},
		{"go negative stays", func(s *State) bool { return s.Go(-1) }, intro, false},
		{"reset returns to intro", func(s *State) bool { s.Go(2); s.Reset(); return true }, intro, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(testQuiz(), testCase)
			moved := tt.steps(&s)
			place, index := s.Where()
			if got := (at{place, index}); got != tt.want || moved != tt.moved {
				t.Errorf("Where() = %v, moved %v; want %v, moved %v", got, moved, tt.want, tt.moved)
			}
			cur, ok := s.Current()
			if ok != (place == AtQuestion) || ok && cur.ID != testQuiz().Questions[index].ID {
				t.Errorf("Current() = %q, %v at %v", cur.ID, ok, tt.want)
			}
		})
	}
}

func TestEmptyQuiz(t *testing.T) {
	var s State // the zero State must be usable
	if p, _ := s.Where(); p != AtIntro {
		t.Fatalf("zero State is at %v, want intro", p)
	}
	if !s.Next() {
		t.Fatal("Next from intro of an empty quiz did not move")
	}
	if p, _ := s.Where(); p != AtResults {
		t.Errorf("empty quiz after Next is at %v, want results", p)
	}
	if got, max := s.Score(); got != 0 || max != 0 {
		t.Errorf("Score() = %v, %v; want 0, 0", got, max)
	}
	if s.Done() {
		t.Error("an empty quiz reports Done")
	}
	if err := s.Answer("x", []int{0}); !errors.Is(err, ErrUnknown) {
		t.Errorf("Answer on empty quiz = %v, want ErrUnknown", err)
	}
	if len(s.Review()) != 0 {
		t.Error("Review of an empty quiz is not empty")
	}
}

func TestAnswer(t *testing.T) {
	tests := []struct {
		name  string
		setup func(s *State)
		qid   string
		picks []int
		want  error
	}{
		{"first answer", func(*State) {}, "prejudice", []int{1}, nil},
		{"wrong answer is still an answer", func(*State) {}, "prejudice", []int{0}, nil},
		{"unknown question", func(*State) {}, "nope", []int{1}, ErrUnknown},
		{"no pick", func(*State) {}, "prejudice", nil, ErrNoPick},
		{"two picks on single", func(*State) {}, "prejudice", []int{0, 1}, ErrTooMany},
		{"out of range", func(*State) {}, "moot", []int{2}, ErrOutOfRange},
		{"duplicate", func(*State) {}, "dismissal", []int{2, 2}, ErrDuplicate},
		{"locked once submitted", func(s *State) { s.Answer("prejudice", []int{0}) }, "prejudice", []int{1}, ErrLocked},
		{"after a selection", func(s *State) { s.Select("prejudice", []int{0}) }, "prejudice", []int{1}, nil},
		{"after reset", func(s *State) { s.Answer("prejudice", []int{0}); s.Reset() }, "prejudice", []int{1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(testQuiz(), testCase)
			tt.setup(&s)
			before, _ := s.Response(tt.qid)
			err := s.Answer(tt.qid, tt.picks)
			if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Fatalf("Answer = %v, want %v", err, tt.want)
			}
			got, _ := s.Response(tt.qid)
			if err != nil {
				if !slices.Equal(got.Picks, before.Picks) || got.Submitted != before.Submitted {
					t.Errorf("failed Answer changed the response from %+v to %+v", before, got)
				}
				return
			}
			if !got.Submitted || !slices.Equal(got.Picks, tt.picks) {
				t.Errorf("Response = %+v, want submitted %v", got, tt.picks)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	s := New(testQuiz(), testCase)
	if err := s.Select("dismissal", []int{3, 0}); err != nil {
		t.Fatalf("Select = %v", err)
	}
	got, _ := s.Response("dismissal")
	if want := []int{0, 3}; got.Submitted || !slices.Equal(got.Picks, want) {
		t.Errorf("Response = %+v, want unsubmitted %v", got, want)
	}
	if _, ok := s.Result("dismissal"); ok {
		t.Error("Result of an unsubmitted question reports ok")
	}
	if err := s.Select("dismissal", nil); err != nil {
		t.Errorf("clearing a selection = %v", err)
	}
	if got, _ := s.Response("dismissal"); got.Picks != nil {
		t.Errorf("picks after clearing = %v", got.Picks)
	}
	if err := s.Select("prejudice", []int{0, 1}); !errors.Is(err, ErrTooMany) {
		t.Errorf("Select two on single = %v, want ErrTooMany", err)
	}
	s.Answer("moot", []int{1})
	if err := s.Select("moot", []int{0}); !errors.Is(err, ErrLocked) {
		t.Errorf("Select on a submitted question = %v, want ErrLocked", err)
	}
}

func TestResponseIsACopy(t *testing.T) {
	s := New(testQuiz(), testCase)
	picks := []int{2, 0}
	s.Answer("dismissal", picks)
	picks[0] = 4 // the caller's slice is not kept
	r, _ := s.Response("dismissal")
	r.Picks[0] = 4 // nor is the returned one shared
	if got, _ := s.Response("dismissal"); !slices.Equal(got.Picks, []int{0, 2}) {
		t.Errorf("picks = %v, want [0 2]", got.Picks)
	}
}

func TestStateIsAValue(t *testing.T) {
	s := New(testQuiz(), testCase)
	s.Answer("prejudice", []int{1})
	before := s
	s.Answer("moot", []int{0})
	s.Reset()
	if r, _ := before.Response("prejudice"); !r.Submitted {
		t.Error("Reset on a copy cleared the earlier state")
	}
	if r, _ := before.Response("moot"); r.Submitted {
		t.Error("Answer on a copy changed the earlier state")
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name    string
		answers map[string][]int
		got     float64
		done    bool
	}{
		{"nothing answered", nil, 0, false},
		{"one right", map[string][]int{"prejudice": {1}}, 1, false},
		{"all right", map[string][]int{"prejudice": {1}, "dismissal": {0, 2, 3}, "moot": {1}}, 3, true},
		{"all wrong", map[string][]int{"prejudice": {0}, "dismissal": {1}, "moot": {0}}, 0, true},
		{"partial credit", map[string][]int{"prejudice": {1}, "dismissal": {0, 2}, "moot": {0}}, 1 + 2.0/3, true},
		{"partial with a wrong pick", map[string][]int{"dismissal": {0, 2, 4}}, 1.0 / 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(testQuiz(), testCase)
			for qid, picks := range tt.answers {
				if err := s.Answer(qid, picks); err != nil {
					t.Fatal(err)
				}
			}
			s.Select("moot", []int{1}) // a selection alone earns nothing
			got, max := s.Score()
			if math.Abs(got-tt.got) > 1e-12 || max != 3 {
				t.Errorf("Score() = %v, %v; want %v, 3", got, max, tt.got)
			}
			if s.Done() != tt.done {
				t.Errorf("Done() = %v, want %v", s.Done(), tt.done)
			}
		})
	}
}

func TestReview(t *testing.T) {
	s := New(testQuiz(), testCase)
	s.Answer("prejudice", []int{2})
	s.Answer("dismissal", []int{3, 0})
	s.Select("moot", []int{1}) // selected, not submitted

	got := s.Review()
	want := []struct {
		id        string
		picks     []int
		answers   []int
		submitted bool
		correct   bool
		credit    float64
		marks     []Mark
	}{
		{"prejudice", []int{2}, []int{1}, true, false, 0, []Mark{u, rm, wp, u}},
		{"dismissal", []int{0, 3}, []int{0, 2, 3}, true, false, 2.0 / 3, []Mark{rp, u, rm, rp, u}},
		{"moot", nil, []int{1}, false, false, 0, []Mark{u, rm}},
	}
	if len(got) != len(want) {
		t.Fatalf("Review has %d items, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Question.ID != w.id || !slices.Equal(g.Picks, w.picks) || !slices.Equal(g.Answers, w.answers) ||
			g.Submitted != w.submitted || g.Result.Correct != w.correct ||
			math.Abs(g.Result.Credit-w.credit) > 1e-12 || !slices.Equal(g.Result.Marks, w.marks) {
			t.Errorf("item %d = {%s %v %v %v %v %v %v}, want %+v", i, g.Question.ID, g.Picks, g.Answers,
				g.Submitted, g.Result.Correct, g.Result.Credit, g.Result.Marks, w)
		}
	}
}

func TestResult(t *testing.T) {
	s := New(testQuiz(), testCase)
	s.Answer("dismissal", []int{0, 1, 2, 3})
	r, ok := s.Result("dismissal")
	if !ok || r.Correct || math.Abs(r.Credit-2.0/3) > 1e-12 {
		t.Errorf("Result = %+v, %v; want 2/3 credit", r, ok)
	}
	if _, ok := s.Result("nope"); ok {
		t.Error("Result of an unknown question reports ok")
	}
}
