package quiz

import "docket/internal/casefile"

const testCase = "twitter-v-doj"

// testQuiz is a small quiz with one question of each kind.
func testQuiz() casefile.Quiz {
	return casefile.Quiz{
		Title: "Test your understanding",
		Intro: "Three questions on dismissals.",
		Questions: []casefile.Question{
			{
				ID:      "prejudice",
				Kind:    casefile.SingleChoice,
				Prompt:  "What does 'without prejudice' mean?",
				Choices: []string{"The judge was fair", "The case can be brought again", "The case is over for good", "The jury was excused"},
				Answers: []int{1},
			},
			{
				ID:      "dismissal",
				Kind:    casefile.MultipleChoice,
				Prompt:  "Which of these can end a case?",
				Choices: []string{"A settlement", "A press release", "A voluntary dismissal", "A judgment", "A tweet"},
				Answers: []int{0, 2, 3},
			},
			{
				ID:      "moot",
				Kind:    casefile.TrueFalse,
				Prompt:  "A moot case is one the court still has to decide.",
				Choices: []string{"True", "False"},
				Answers: []int{1},
			},
		},
	}
}
