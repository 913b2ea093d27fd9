package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
)

// How readers answered the quizzes, kept as counts and nothing else: per
// question, how many answered it and how many got it right; per choice, how
// many picked it; per quiz, how many finished with each score. Nothing says
// who answered or when. Answers are added in batches (see Counter), each
// batch added up in memory first and written in one transaction.

// Counted is one reader's contribution to the counts: an answer to a
// question, or, when Question is "", the score they finished the quiz with.
// The caller has checked it against the published quiz.
type Counted struct {
	CaseID  string
	Version string // the quiz's version (answers.Version)
	// Question is the question answered; "" for a final score.
	Question string
	Choices  []int // the choices picked, each once
	Correct  bool  // the answer was wholly right
	// Score is the number of questions right, for a final score.
	Score int
}

// Counts are how readers answered one version of a case's quiz.
type Counts struct {
	// Questions are the counts of each question anyone answered, by id.
	Questions map[string]QuestionCounts
	// Scores are how many readers finished with each score (questions
	// right), by score.
	Scores map[int]int64
}

// QuestionCounts are how readers answered one question.
type QuestionCounts struct {
	Answered int64         // readers who answered it
	Correct  int64         // of them, readers whose answer was wholly right
	Choices  map[int]int64 // readers who picked each choice, by index; a multiple-choice reader picks several
}

type questionKey struct{ caseID, version, question string }

type choiceKey struct {
	questionKey
	choice int
}

type scoreKey struct {
	caseID, version string
	score           int
}

// tally is a batch of answers added up, as one transaction writes it.
type tally struct {
	answered map[questionKey][2]int64 // answered, correct
	picked   map[choiceKey]int64
	scores   map[scoreKey]int64
}

func tallyOf(cs []Counted) tally {
	t := tally{answered: map[questionKey][2]int64{}, picked: map[choiceKey]int64{}, scores: map[scoreKey]int64{}}
	for _, c := range cs {
		if c.Question == "" {
			t.scores[scoreKey{c.CaseID, c.Version, c.Score}]++
			continue
		}
		q := questionKey{c.CaseID, c.Version, c.Question}
		n := t.answered[q]
		n[0]++
		if c.Correct {
			n[1]++
		}
		t.answered[q] = n
		for _, ch := range c.Choices {
			t.picked[choiceKey{q, ch}]++
		}
	}
	return t
}

func compareQuestion(a, b questionKey) int {
	return cmp.Or(cmp.Compare(a.caseID, b.caseID), cmp.Compare(a.version, b.version), cmp.Compare(a.question, b.question))
}

// AddCounts adds answers to the counts, all in one transaction: every one
// is counted, or (with an error) none. Rows are written in key order, so two
// servers adding to the same rows never deadlock.
func (db *DB) AddCounts(ctx context.Context, cs []Counted) error {
	for _, c := range cs {
		if c.CaseID == "" || c.Version == "" || c.Score < 0 || slices.ContainsFunc(c.Choices, func(i int) bool { return i < 0 }) {
			return fmt.Errorf("counting an answer: case %q, version %q, question %q: not an answer that can be counted", c.CaseID, c.Version, c.Question)
		}
	}
	t := tallyOf(cs)
	questions := slices.SortedFunc(maps.Keys(t.answered), compareQuestion)
	choices := slices.SortedFunc(maps.Keys(t.picked), func(a, b choiceKey) int {
		return cmp.Or(compareQuestion(a.questionKey, b.questionKey), cmp.Compare(a.choice, b.choice))
	})
	scores := slices.SortedFunc(maps.Keys(t.scores), func(a, b scoreKey) int {
		return cmp.Or(cmp.Compare(a.caseID, b.caseID), cmp.Compare(a.version, b.version), cmp.Compare(a.score, b.score))
	})
	return db.Transact(ctx, func(tx *sql.Tx) error {
		if len(questions) > 0 {
			st, err := tx.PrepareContext(ctx, `INSERT INTO answer_questions (case_id, version, question, answered, correct)
				VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (case_id, version, question) DO UPDATE
				SET answered = answer_questions.answered + excluded.answered, correct = answer_questions.correct + excluded.correct`)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, q := range questions {
				n := t.answered[q]
				if _, err := st.ExecContext(ctx, q.caseID, q.version, q.question, n[0], n[1]); err != nil {
					return err
				}
			}
		}
		if len(choices) > 0 {
			st, err := tx.PrepareContext(ctx, `INSERT INTO answer_choices (case_id, version, question, choice, picked)
				VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (case_id, version, question, choice) DO UPDATE
				SET picked = answer_choices.picked + excluded.picked`)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, c := range choices {
				if _, err := st.ExecContext(ctx, c.caseID, c.version, c.question, c.choice, t.picked[c]); err != nil {
					return err
				}
			}
		}
		if len(scores) > 0 {
			st, err := tx.PrepareContext(ctx, `INSERT INTO answer_scores (case_id, version, score, readers)
				VALUES ($1, $2, $3, $4)
				ON CONFLICT (case_id, version, score) DO UPDATE
				SET readers = answer_scores.readers + excluded.readers`)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, s := range scores {
				if _, err := st.ExecContext(ctx, s.caseID, s.version, s.score, t.scores[s]); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Counts reads how readers answered a version of a case's quiz, all in one
// snapshot. A version nobody answered has empty counts.
func (db *DB) Counts(ctx context.Context, caseID, version string) (Counts, error) {
	c := Counts{Questions: map[string]QuestionCounts{}, Scores: map[int]int64{}}
	err := db.snapshot(ctx, func(tx *sql.Tx) error {
		clear(c.Questions)
		clear(c.Scores)
		rows, err := tx.QueryContext(ctx, `SELECT question, answered, correct FROM answer_questions WHERE case_id = $1 AND version = $2`, caseID, version)
		if err != nil {
			return err
		}
		for rows.Next() {
			var q string
			var qc QuestionCounts
			if err := rows.Scan(&q, &qc.Answered, &qc.Correct); err != nil {
				rows.Close()
				return err
			}
			qc.Choices = map[int]int64{}
			c.Questions[q] = qc
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT question, choice, picked FROM answer_choices WHERE case_id = $1 AND version = $2`, caseID, version)
		if err != nil {
			return err
		}
		for rows.Next() {
			var q string
			var choice int
			var n int64
			if err := rows.Scan(&q, &choice, &n); err != nil {
				rows.Close()
				return err
			}
			qc, ok := c.Questions[q]
			if !ok { // cannot be: both are written in one transaction
				qc.Choices = map[int]int64{}
			}
			qc.Choices[choice] = n
			c.Questions[q] = qc
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT score, readers FROM answer_scores WHERE case_id = $1 AND version = $2`, caseID, version)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s int
			var n int64
			if err := rows.Scan(&s, &n); err != nil {
				return err
			}
			c.Scores[s] = n
		}
		return rows.Err()
	})
	if err != nil {
		return Counts{}, fmt.Errorf("reading the answer counts of %s: %w", caseID, err)
	}
	return c, nil
}
