package answers

import (
	"slices"
	"strconv"
	"strings"

	"docket/internal/casefile"
)

// Stats are the counts of one version of a quiz, as the server answers
// them (GET /api/cases/{id}/answers) and the reader's page shows them.
type Stats struct {
	Version string `json:"version"`
	// Questions are the counts per question id.
	Questions map[string]QuestionStats `json:"questions"`
	// Scores are how many readers finished the quiz with each score
	// (questions wholly right), indexed by score.
	Scores []int64 `json:"scores,omitempty"`
}

// QuestionStats are how readers answered one question.
type QuestionStats struct {
	Answered int64   `json:"answered"` // readers who answered it
	Correct  int64   `json:"correct"`  // of them, readers wholly right
	Choices  []int64 `json:"choices"`  // readers who picked each choice, by index
}

// NewStats arranges counts for case c's quiz: per question of the quiz (a
// count of a question or choice no longer in it is left out), and scores
// from 0 to the number of questions.
func NewStats(c *casefile.Case, version string, answered, correct map[string]int64, picked map[string]map[int]int64, scores map[int]int64) Stats {
	s := Stats{Version: version, Questions: map[string]QuestionStats{}}
	for _, q := range c.Quiz.Questions {
		if answered[q.ID] == 0 {
			continue
		}
		qs := QuestionStats{Answered: answered[q.ID], Correct: correct[q.ID], Choices: make([]int64, len(q.Choices))}
		for i := range qs.Choices {
			qs.Choices[i] = picked[q.ID][i]
		}
		s.Questions[q.ID] = qs
	}
	var finished int64
	for _, n := range scores {
		finished += n
	}
	if finished > 0 {
		s.Scores = make([]int64, len(c.Quiz.Questions)+1)
		for score, n := range scores {
			if score >= 0 && score < len(s.Scores) {
				s.Scores[score] = n
			}
		}
	}
	return s
}

// Public is what readers may see: the questions at least MinReaders
// answered, and the scores once MinFinished readers finished. Nothing
// below a threshold leaves the server.
func (s Stats) Public() Stats {
	p := Stats{Version: s.Version, Questions: map[string]QuestionStats{}}
	for id, q := range s.Questions {
		if q.Answered >= MinReaders {
			p.Questions[id] = q
		}
	}
	if sum(s.Scores) >= MinFinished {
		p.Scores = s.Scores
	}
	return p
}

func sum(ns []int64) int64 {
	var t int64
	for _, n := range ns {
		t += n
	}
	return t
}

// Shares are how other readers answered a question, in words.
type Shares struct {
	// Heading: "How 1,203 readers answered".
	Heading string
	// Verdict: "Most readers got this right: 64% of 1,203 readers did."
	Verdict string
	// Choices: one per choice of the question, in its order.
	Choices []Share
}

// Share is the part of readers who picked one choice.
type Share struct {
	Percent int    // rounded to the nearest whole per cent
	Readers int64  // readers who picked it
	Text    string // "64% (770 readers)"
}

// Question says how readers answered q, or false below MinReaders or when
// the counts do not fit q.
func (s Stats) Question(q casefile.Question) (Shares, bool) {
	qs, ok := s.Questions[q.ID]
	if !ok || qs.Answered < MinReaders || len(qs.Choices) != len(q.Choices) || qs.Correct > qs.Answered {
		return Shares{}, false
	}
	n := qs.Answered
	sh := Shares{Heading: "How " + Readers(n) + " answered"}
	switch right, wrong := qs.Correct, n-qs.Correct; {
	case right*100 >= ClearMajority*n:
		sh.Verdict = "Most readers got this right: " + Percent(right, n) + " of " + Readers(n) + " did."
	case wrong*100 >= ClearMajority*n:
		sh.Verdict = "Most readers got this wrong: only " + Percent(right, n) + " of " + Readers(n) + " got it right."
	default:
		sh.Verdict = "Readers are split: " + Percent(right, n) + " of " + Readers(n) + " got this right."
	}
	for _, picked := range qs.Choices {
		sh.Choices = append(sh.Choices, Share{
			Percent: percent(picked, n),
			Readers: picked,
			Text:    Percent(picked, n) + " (" + Readers(picked) + ")",
		})
	}
	return sh, true
}

// Comparison compares a reader's final score (questions wholly right) with
// every reader who finished the quiz, or reports false below MinFinished.
// Ties are said as such: "better than" counts only lower scores (rounded
// down, so it never flatters), "the same as" the equal ones. The reader's
// own score is among them once it is counted.
func (s Stats) Comparison(score int) (string, bool) {
	total := sum(s.Scores)
	if total < MinFinished || score < 0 || score >= len(s.Scores) {
		return "", false
	}
	var lower int64
	for _, n := range s.Scores[:score] {
		lower += n
	}
	same := s.Scores[score]
	who := "the " + Readers(total) + " who finished this quiz"
	var b strings.Builder
	switch {
	case lower == 0:
		b.WriteString("No one of " + who + " scored lower than you")
	case lower*100 < total:
		b.WriteString("You scored better than fewer than 1% of " + who)
	default:
		b.WriteString("You scored better than " + strconv.FormatInt(lower*100/total, 10) + "% of " + who)
	}
	if same > 0 {
		b.WriteString("; " + Percent(same, total) + " scored the same")
	}
	b.WriteString(".")
	return b.String(), true
}

// percent is n of total in whole per cent, rounded to the nearest.
func percent(n, total int64) int {
	if total <= 0 {
		return 0
	}
	return int((n*200 + total) / (total * 2))
}

// Percent is n of total as readers read it: "64%".
func Percent(n, total int64) string { return strconv.Itoa(percent(n, total)) + "%" }

// Readers is a number of readers in words: "1 reader", "1,203 readers".
func Readers(n int64) string {
	if n == 1 {
		return "1 reader"
	}
	return Thousands(n) + " readers"
}

// Thousands writes n with commas between thousands: 1,203.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + Thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// MostPickedWrong is the wrong choice of q that readers picked most (the
// first of a tie), or false when no reader picked a wrong one: the
// misunderstanding an editor may want to address.
func (s Stats) MostPickedWrong(q casefile.Question) (int, bool) {
	qs, ok := s.Questions[q.ID]
	if !ok {
		return 0, false
	}
	best, most := -1, int64(0)
	for j, n := range qs.Choices {
		if n > most && !slices.Contains(q.Answers, j) {
			best, most = j, n
		}
	}
	return best, best >= 0
}

// Hardest is the question of c's quiz with the smallest share of readers
// right (the first of a tie), among those answered at all.
func (s Stats) Hardest(c *casefile.Case) (string, bool) {
	id, found := "", false
	var bestRight, bestAnswered int64
	for _, q := range c.Quiz.Questions {
		qs, ok := s.Questions[q.ID]
		if !ok || qs.Answered == 0 {
			continue
		}
		// right/answered < bestRight/bestAnswered, without division.
		if !found || qs.Correct*bestAnswered < bestRight*qs.Answered {
			id, bestRight, bestAnswered, found = q.ID, qs.Correct, qs.Answered, true
		}
	}
	return id, found
}
