package studio

import (
	"docket/internal/answers"
	"docket/internal/casefile"
)

// Answers is how readers answered a published case's quiz, as the editor
// API answers it (GET /api/editor/cases/{id}/answers).
type Answers struct {
	Version   string `json:"version"`
	Questions []struct {
		ID       string `json:"id"`
		Prompt   string `json:"prompt"`
		Answered int64  `json:"answered"`
		Correct  int64  `json:"correct"`
		Choices  []struct {
			Text   string `json:"text"`
			Right  bool   `json:"right"`
			Picked int64  `json:"picked"`
		} `json:"choices"`
		MostPickedWrong *int `json:"mostPickedWrong"`
	} `json:"questions"`
	Finished int64 `json:"finished"`
}

// AnswerRow is one question of the answers table, in words. Below the
// readers' threshold (answers.MinReaders) only Readers is said.
type AnswerRow struct {
	Prompt    string
	Readers   string // "42 readers", or "Not enough answers yet (12 of 30)"
	Enough    bool
	Right     string // "64% right: most readers got this right"
	WrongPick string // "“B” (21%)", or "none"
	Hardest   bool
}

// AnswerRows says per question how readers answered, with the same
// threshold and wording readers see (internal/answers).
func AnswerRows(a Answers) []AnswerRow {
	var rows []AnswerRow
	// The readers' wording and the hardest question, from the same counts,
	// among the questions with enough answers.
	st := answers.Stats{Questions: map[string]answers.QuestionStats{}}
	enough := &casefile.Case{}
	for _, q := range a.Questions {
		row := AnswerRow{Prompt: q.Prompt}
		if q.Answered < answers.MinReaders {
			row.Readers = NotEnough(q.Answered)
			rows = append(rows, row)
			continue
		}
		cq := casefile.Question{ID: q.ID}
		qs := answers.QuestionStats{Answered: q.Answered, Correct: q.Correct}
		for j, ch := range q.Choices {
			cq.Choices = append(cq.Choices, ch.Text)
			qs.Choices = append(qs.Choices, ch.Picked)
			if ch.Right {
				cq.Answers = append(cq.Answers, j)
			}
		}
		st.Questions[q.ID] = qs
		sh, ok := st.Question(cq)
		if !ok {
			row.Readers = NotEnough(q.Answered)
			rows = append(rows, row)
			continue
		}
		row.Enough = true
		enough.Quiz.Questions = append(enough.Quiz.Questions, cq)
		row.Readers = answers.Readers(q.Answered)
		row.Right = sh.Verdict
		row.WrongPick = "none"
		if j := q.MostPickedWrong; j != nil && *j < len(q.Choices) {
			row.WrongPick = "“" + q.Choices[*j].Text + "”, " + sh.Choices[*j].Text
		}
		rows = append(rows, row)
	}
	if id, ok := st.Hardest(enough); ok {
		for i, q := range a.Questions {
			rows[i].Hardest = q.ID == id
		}
	}
	return rows
}

// NotEnough is a question's count below the threshold readers see.
func NotEnough(n int64) string {
	return "Not enough answers yet (" + answers.Thousands(n) + " of " + answers.Thousands(answers.MinReaders) + ")"
}

// HardestLabel names the hardest question among those with enough
// answers, or says there is none yet.
func HardestLabel(rows []AnswerRow) string {
	for _, r := range rows {
		if r.Hardest {
			return "Hardest question: “" + r.Prompt + "”. " + r.Right
		}
	}
	return "No question has enough answers yet to say which is hardest."
}
