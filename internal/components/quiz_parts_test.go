package components

import (
	"testing"

	"docket/internal/casefile"
	"docket/internal/quiz"
)

// TestQuizWords checks what the quiz says about an answer: the verdict, the
// live region's announcement and the note on partial credit.
func TestQuizWords(t *testing.T) {
	single := casefile.Question{ID: "s", Kind: casefile.SingleChoice, Choices: []string{"A", "B", "C"}, Answers: []int{1}}
	multi := casefile.Question{ID: "m", Kind: casefile.MultipleChoice, Choices: []string{"A", "B", "C", "D"}, Answers: []int{0, 2}}
	tests := []struct {
		name     string
		q        casefile.Question
		picks    []int
		verdict  string
		announce string
		credit   string
	}{
		{"single right", single, []int{1}, "Correct", "Correct.", ""},
		{"single wrong", single, []int{0}, "Not quite", "Not quite. The answer is: B.", ""},
		{"multiple right", multi, []int{0, 2}, "Correct", "Correct.", ""},
		{"multiple half", multi, []int{0}, "Partly right", "Partly right, 0.5 points. The answers are: A; C.",
			"You picked 1 of the 2 right answers: 0.5 points. Each wrong pick cancels a right one."},
		{"multiple cancelled", multi, []int{0, 1}, "Not quite", "Not quite. The answers are: A; C.",
			"You picked 1 of the 2 right answers and 1 wrong one: 0 points. Each wrong pick cancels a right one."},
		{"multiple all ticked", multi, []int{0, 1, 2, 3}, "Not quite", "Not quite. The answers are: A; C.",
			"You picked 2 of the 2 right answers and 2 wrong ones: 0 points. Each wrong pick cancels a right one."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := quiz.Check(tt.q, tt.picks)
			if got := verdictOf(res, true).words; got != tt.verdict {
				t.Errorf("verdict = %q; want %q", got, tt.verdict)
			}
			if got := announcement(tt.q, res); got != tt.announce {
				t.Errorf("announcement = %q; want %q", got, tt.announce)
			}
			if got := creditNote(tt.q, res); got != tt.credit {
				t.Errorf("credit note = %q; want %q", got, tt.credit)
			}
		})
	}
	if got := verdictOf(quiz.Check(single, nil), false).words; got != "Not answered" {
		t.Errorf("unsubmitted verdict = %q", got)
	}
}

func TestQuizKindsText(t *testing.T) {
	q := func(k casefile.QuestionKind) casefile.Question { return casefile.Question{Kind: k} }
	tests := []struct {
		qs   []casefile.Question
		want string
	}{
		{nil, ""},
		{[]casefile.Question{q(casefile.TrueFalse)}, "True-or-false questions"},
		{[]casefile.Question{q(casefile.TrueFalse), q(casefile.SingleChoice)}, "Single-choice and true-or-false questions"},
		{[]casefile.Question{q(casefile.MultipleChoice), q(casefile.TrueFalse), q(casefile.SingleChoice)}, "Single-choice, multiple-choice and true-or-false questions"},
	}
	for _, tt := range tests {
		if got := kindsText(tt.qs); got != tt.want {
			t.Errorf("kindsText(%v) = %q; want %q", tt.qs, got, tt.want)
		}
	}
}

func TestQuizPoints(t *testing.T) {
	for credit, want := range map[float64]string{0: "0 points", 0.5: "0.5 points", 1: "1 point", 1.0 / 3: "0.3 points"} {
		if got := points(credit); got != want {
			t.Errorf("points(%v) = %q; want %q", credit, got, want)
		}
	}
}
