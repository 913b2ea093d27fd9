package server

import (
	"net/http"

	"docket/internal/answers"
)

// answersReport is how readers answered a case's quiz, for editors: every
// count, whatever the thresholds readers see (editors see small numbers
// too, and judge them).
type answersReport struct {
	CaseID  string `json:"caseId"`
	Version string `json:"version"` // the quiz version served now
	// Hardest is the question with the smallest share of readers right.
	Hardest   string           `json:"hardest,omitempty"`
	Questions []questionReport `json:"questions"`
	// Scores are how many readers finished with each score (questions
	// wholly right), by score; Finished is their sum.
	Scores   []int64 `json:"scores"`
	Finished int64   `json:"finished"`
}

type questionReport struct {
	ID       string         `json:"id"`
	Prompt   string         `json:"prompt"`
	Answered int64          `json:"answered"`
	Correct  int64          `json:"correct"`
	Choices  []choiceReport `json:"choices"`
	// MostPickedWrong is the index of the wrong choice picked most, or
	// absent when no reader picked a wrong one.
	MostPickedWrong *int `json:"mostPickedWrong,omitempty"`
}

type choiceReport struct {
	Text   string `json:"text"`
	Right  bool   `json:"right"`
	Picked int64  `json:"picked"`
}

// caseAnswers answers GET /api/editor/cases/{id}/answers: the counts of
// the quiz as readers see it now (the served version), per question.
func (e *editor) caseAnswers(w http.ResponseWriter, r *http.Request, _ *signedIn) error {
	id := r.PathValue("id")
	c, ok := e.s.cases.Case(id)
	if !ok {
		return &httpError{status: http.StatusNotFound, msg: "readers see no case " + quote(id) + " (not published, or taken down)"}
	}
	version := answers.Version(c.Case)
	counts, err := e.db.Counts(r.Context(), c.ID, version)
	if err != nil {
		return err
	}
	answered, correct, picked := map[string]int64{}, map[string]int64{}, map[string]map[int]int64{}
	for q, n := range counts.Questions {
		answered[q], correct[q], picked[q] = n.Answered, n.Correct, n.Choices
	}
	st := answers.NewStats(c.Case, version, answered, correct, picked, counts.Scores)
	out := answersReport{CaseID: c.ID, Version: version, Questions: []questionReport{},
		Scores: make([]int64, len(c.Quiz.Questions)+1)}
	out.Hardest, _ = st.Hardest(c.Case)
	copy(out.Scores, st.Scores)
	for _, n := range out.Scores {
		out.Finished += n
	}
	for _, q := range c.Quiz.Questions {
		qs := st.Questions[q.ID]
		qr := questionReport{ID: q.ID, Prompt: q.Prompt, Answered: qs.Answered, Correct: qs.Correct}
		for j, text := range q.Choices {
			ch := choiceReport{Text: text}
			for _, a := range q.Answers {
				ch.Right = ch.Right || a == j
			}
			if j < len(qs.Choices) {
				ch.Picked = qs.Choices[j]
			}
			qr.Choices = append(qr.Choices, ch)
		}
		if j, ok := st.MostPickedWrong(q); ok {
			qr.MostPickedWrong = &j
		}
		out.Questions = append(out.Questions, qr)
	}
	return writeJSON(w, http.StatusOK, out)
}
