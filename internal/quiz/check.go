package quiz

import (
	"fmt"
	"slices"

	"docket/internal/casefile"
)

// Mark is what one choice shows once a question is checked. Each mark has its
// own words (Label) so that feedback never rests on colour alone.
type Mark uint8

// The marks a choice can get.
const (
	Unpicked    Mark = iota // a wrong choice the reader left alone
	RightPicked             // a right choice the reader picked
	RightMissed             // a right choice the reader did not pick
	WrongPicked             // a wrong choice the reader picked
)

// Label is the mark in readers' words, for the text or the accessible name
// shown beside a choice; it is empty for Unpicked.
func (m Mark) Label() string {
	switch m {
	case RightPicked:
		return "Right answer, you picked it"
	case RightMissed:
		return "Right answer, you did not pick it"
	case WrongPicked:
		return "Not a right answer, you picked it"
	}
	return ""
}

// String names the mark for tests and logs.
func (m Mark) String() string {
	switch m {
	case Unpicked:
		return "unpicked"
	case RightPicked:
		return "right-picked"
	case RightMissed:
		return "right-missed"
	case WrongPicked:
		return "wrong-picked"
	}
	return fmt.Sprintf("Mark(%d)", uint8(m))
}

// Result is how a reader's picks fare on one question.
type Result struct {
	Correct bool    // all the right choices and only them were picked
	Credit  float64 // 0 to 1; 1 exactly when Correct
	Marks   []Mark  // one per choice, always len(Choices)
	Right   int     // number of right choices in the question
	Found   int     // right choices the reader picked
	Wrong   int     // wrong choices the reader picked
	Err     error   // why the picks or the question could not be checked, or nil
}

// Check marks the reader's picks (indexes into q.Choices, in any order)
// against q.Answers.
//
// Single-choice and true-false questions are all or nothing. A
// multiple-choice question gives partial credit:
//
//	credit = max(0, (right picked − wrong picked) / number of right choices)
//
// so each wrong pick cancels a right one and ticking every box is no way to
// full marks; credit is 1 only when the picks are exactly the right choices.
//
// No picks is a wrong answer (credit 0; the marks show the right choices as
// missed). Invalid picks (out of range, duplicated, or more than one for a
// single-choice or true-false question) and a question that cannot be checked
// (unknown kind, no right choice, an answer out of range, several answers to
// a one-answer question) count as no answer: credit 0, Err says why, and the
// marks show the right choices as missed.
func Check(q casefile.Question, picked []int) Result {
	r := Result{Marks: make([]Mark, len(q.Choices))}
	right, err := rightChoices(q)
	for i, ok := range right {
		if ok {
			r.Right++
			r.Marks[i] = RightMissed
		}
	}
	if err == nil {
		err = checkPicks(q, picked)
	}
	if err != nil {
		r.Err = err
		return r
	}
	for _, p := range picked {
		if right[p] {
			r.Found++
			r.Marks[p] = RightPicked
		} else {
			r.Wrong++
			r.Marks[p] = WrongPicked
		}
	}
	r.Correct = r.Found == r.Right && r.Wrong == 0
	switch {
	case r.Correct:
		r.Credit = 1
	case q.Kind == casefile.MultipleChoice:
		r.Credit = max(0, float64(r.Found-r.Wrong)/float64(r.Right))
	}
	return r
}

// Validate reports whether picked can be submitted as an answer to q: at
// least one pick, each a distinct choice, only one for a single-choice or
// true-false question, and q itself checkable.
func Validate(q casefile.Question, picked []int) error {
	if _, err := rightChoices(q); err != nil {
		return err
	}
	if len(picked) == 0 {
		return ErrNoPick
	}
	return checkPicks(q, picked)
}

// rightChoices returns, per choice, whether it is a right one, or an error
// wrapping ErrBadQuestion when q cannot be checked. The slice always has
// len(q.Choices) entries, with the in-range answers set, so callers can still
// show the right choices.
func rightChoices(q casefile.Question) ([]bool, error) {
	right := make([]bool, len(q.Choices))
	var err error
	n := 0
	for _, a := range q.Answers {
		if a < 0 || a >= len(q.Choices) {
			err = fmt.Errorf("%w: answer %d is not one of its %d choices", ErrBadQuestion, a, len(q.Choices))
			continue
		}
		if !right[a] {
			right[a] = true
			n++
		}
	}
	switch {
	case err != nil:
	case q.Kind != casefile.SingleChoice && q.Kind != casefile.MultipleChoice && q.Kind != casefile.TrueFalse:
		err = fmt.Errorf("%w: unknown kind %q", ErrBadQuestion, q.Kind)
	case n == 0:
		err = fmt.Errorf("%w: no right choice", ErrBadQuestion)
	case n > 1 && q.Kind != casefile.MultipleChoice:
		err = fmt.Errorf("%w: %d right choices in a %s question", ErrBadQuestion, n, q.Kind)
	}
	return right, err
}

// checkPicks reports whether every pick is a distinct choice of q, and only
// one for a one-answer question. No picks is fine here.
func checkPicks(q casefile.Question, picked []int) error {
	seen := make([]bool, len(q.Choices))
	for _, p := range picked {
		if p < 0 || p >= len(q.Choices) {
			return ErrOutOfRange
		}
		if seen[p] {
			return ErrDuplicate
		}
		seen[p] = true
	}
	if len(picked) > 1 && q.Kind != casefile.MultipleChoice {
		return ErrTooMany
	}
	return nil
}

// rightAnswers returns q's right choices, in range, sorted and without
// repeats, for showing them back to the reader.
func rightAnswers(q casefile.Question) []int {
	right, _ := rightChoices(q)
	var out []int
	for i, ok := range right {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// sortedCopy returns picks sorted in a new slice, or nil when there are none.
func sortedCopy(picks []int) []int {
	if len(picks) == 0 {
		return nil
	}
	out := slices.Clone(picks)
	slices.Sort(out)
	return out
}
