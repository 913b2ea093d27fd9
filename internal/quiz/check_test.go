package quiz

import (
	"errors"
	"math"
	"slices"
	"testing"

	"docket/internal/casefile"
)

const (
	u  = Unpicked
	rp = RightPicked
	rm = RightMissed
	wp = WrongPicked
)

func TestCheck(t *testing.T) {
	qs := testQuiz().Questions
	single, multi, tf := qs[0], qs[1], qs[2]
	badKind := single
	badKind.Kind = "essay"
	noAnswer := single
	noAnswer.Answers = nil
	outOfRange := multi
	outOfRange.Answers = []int{0, 7}
	twoForSingle := single
	twoForSingle.Answers = []int{1, 2}
	repeated := multi
	repeated.Answers = []int{3, 0, 2, 0}

	tests := []struct {
		name    string
		q       casefile.Question
		picked  []int
		correct bool
		credit  float64
		marks   []Mark
		err     error
	}{
		{"single right", single, []int{1}, true, 1, []Mark{u, rp, u, u}, nil},
		{"single wrong", single, []int{2}, false, 0, []Mark{u, rm, wp, u}, nil},
		{"single none", single, nil, false, 0, []Mark{u, rm, u, u}, nil},
		{"single two picks", single, []int{1, 2}, false, 0, []Mark{u, rm, u, u}, ErrTooMany},
		{"true-false right", tf, []int{1}, true, 1, []Mark{u, rp}, nil},
		{"true-false wrong", tf, []int{0}, false, 0, []Mark{wp, rm}, nil},
		{"true-false both", tf, []int{0, 1}, false, 0, []Mark{u, rm}, ErrTooMany},

		{"multiple exact", multi, []int{0, 2, 3}, true, 1, []Mark{rp, u, rp, rp, u}, nil},
		{"multiple exact any order", multi, []int{3, 0, 2}, true, 1, []Mark{rp, u, rp, rp, u}, nil},
		{"multiple two of three", multi, []int{0, 2}, false, 2.0 / 3, []Mark{rp, u, rp, rm, u}, nil},
		{"multiple one of three", multi, []int{3}, false, 1.0 / 3, []Mark{rm, u, rm, rp, u}, nil},
		{"multiple all right one wrong", multi, []int{0, 1, 2, 3}, false, 2.0 / 3, []Mark{rp, wp, rp, rp, u}, nil},
		{"multiple two right one wrong", multi, []int{0, 2, 4}, false, 1.0 / 3, []Mark{rp, u, rp, rm, wp}, nil},
		{"multiple one right one wrong", multi, []int{0, 1}, false, 0, []Mark{rp, wp, rm, rm, u}, nil},
		{"multiple more wrong than right floors at 0", multi, []int{0, 1, 4}, false, 0, []Mark{rp, wp, rm, rm, wp}, nil},
		{"multiple only wrong", multi, []int{1, 4}, false, 0, []Mark{rm, wp, rm, rm, wp}, nil},
		{"multiple every box", multi, []int{0, 1, 2, 3, 4}, false, 1.0 / 3, []Mark{rp, wp, rp, rp, wp}, nil},
		{"multiple none", multi, []int{}, false, 0, []Mark{rm, u, rm, rm, u}, nil},
		{"multiple duplicate pick", multi, []int{0, 0}, false, 0, []Mark{rm, u, rm, rm, u}, ErrDuplicate},
		{"multiple pick past the end", multi, []int{0, 5}, false, 0, []Mark{rm, u, rm, rm, u}, ErrOutOfRange},
		{"negative pick", single, []int{-1}, false, 0, []Mark{u, rm, u, u}, ErrOutOfRange},
		{"repeated answers count once", repeated, []int{0, 2, 3}, true, 1, []Mark{rp, u, rp, rp, u}, nil},

		{"unknown kind", badKind, []int{1}, false, 0, []Mark{u, rm, u, u}, ErrBadQuestion},
		{"no right choice", noAnswer, []int{1}, false, 0, []Mark{u, u, u, u}, ErrBadQuestion},
		{"answer out of range", outOfRange, []int{0}, false, 0, []Mark{rm, u, u, u, u}, ErrBadQuestion},
		{"two answers to a single", twoForSingle, []int{1}, false, 0, []Mark{u, rm, rm, u}, ErrBadQuestion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check(tt.q, tt.picked)
			if got.Correct != tt.correct {
				t.Errorf("Correct = %v, want %v", got.Correct, tt.correct)
			}
			if math.Abs(got.Credit-tt.credit) > 1e-12 {
				t.Errorf("Credit = %v, want %v", got.Credit, tt.credit)
			}
			if !slices.Equal(got.Marks, tt.marks) {
				t.Errorf("Marks = %v, want %v", got.Marks, tt.marks)
			}
			if !errors.Is(got.Err, tt.err) || (tt.err == nil) != (got.Err == nil) {
				t.Errorf("Err = %v, want %v", got.Err, tt.err)
			}
			if got.Correct != (got.Credit == 1) {
				t.Errorf("Correct = %v but Credit = %v: full credit must mean correct", got.Correct, got.Credit)
			}
		})
	}
}

func TestCheckCounts(t *testing.T) {
	got := Check(testQuiz().Questions[1], []int{0, 2, 4})
	if got.Right != 3 || got.Found != 2 || got.Wrong != 1 {
		t.Errorf("Right, Found, Wrong = %d, %d, %d; want 3, 2, 1", got.Right, got.Found, got.Wrong)
	}
}

func TestCheckDoesNotChangePicks(t *testing.T) {
	picked := []int{3, 0, 2}
	Check(testQuiz().Questions[1], picked)
	if want := []int{3, 0, 2}; !slices.Equal(picked, want) {
		t.Errorf("picked = %v after Check, want %v", picked, want)
	}
}

func TestValidate(t *testing.T) {
	qs := testQuiz().Questions
	bad := qs[0]
	bad.Kind = ""
	tests := []struct {
		name   string
		q      casefile.Question
		picked []int
		want   error
	}{
		{"single one pick", qs[0], []int{2}, nil},
		{"multiple several picks", qs[1], []int{4, 1, 0}, nil},
		{"true-false one pick", qs[2], []int{0}, nil},
		{"no picks", qs[0], nil, ErrNoPick},
		{"empty picks", qs[1], []int{}, ErrNoPick},
		{"out of range", qs[2], []int{2}, ErrOutOfRange},
		{"duplicate", qs[1], []int{1, 1}, ErrDuplicate},
		{"two for single", qs[0], []int{0, 1}, ErrTooMany},
		{"bad question", bad, []int{1}, ErrBadQuestion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Validate(tt.q, tt.picked)
			if !errors.Is(got, tt.want) || (tt.want == nil) != (got == nil) {
				t.Errorf("Validate = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMarkLabel(t *testing.T) {
	if got := Unpicked.Label(); got != "" {
		t.Errorf("Unpicked.Label() = %q, want empty", got)
	}
	seen := map[string]Mark{}
	for _, m := range []Mark{RightPicked, RightMissed, WrongPicked} {
		l := m.Label()
		if l == "" {
			t.Errorf("%v.Label() is empty: the mark would rest on colour alone", m)
		}
		if other, ok := seen[l]; ok {
			t.Errorf("%v and %v share the label %q", m, other, l)
		}
		seen[l] = m
	}
}
