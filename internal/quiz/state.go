package quiz

import (
	"slices"

	"docket/internal/casefile"
)

// Place is the part of the quiz the reader is on.
type Place uint8

// The places a reader can be.
const (
	AtIntro    Place = iota // the quiz's title and intro, before the first question
	AtQuestion              // one of the questions
	AtResults               // the score and the review, after the last question
)

// Response is the reader's picks on one question. Once Submitted, the picks
// are locked, as in a real quiz: the reader can come back and see them but
// not change them.
type Response struct {
	Picks     []int // indexes into the question's Choices, sorted
	Submitted bool
}

// State is one reader's progress through a quiz: their response to each
// question and where they are. It is a value: methods that change it never
// touch the storage of an earlier copy, so a component can keep the previous
// state. The zero State is an empty quiz at its intro; use New.
type State struct {
	quiz      casefile.Quiz
	caseID    string
	pos       int        // 0 intro, 1..n question pos-1, n+1 results
	responses []Response // one per question, in the quiz's order
}

// New starts a reader on quiz, at its intro with nothing answered. caseID
// binds the saved state (Encode) to the case.
func New(quiz casefile.Quiz, caseID string) State {
	return State{quiz: quiz, caseID: caseID, responses: make([]Response, len(quiz.Questions))}
}

// Where says where the reader is and, at a question, its index in the quiz
// (-1 elsewhere).
func (s State) Where() (Place, int) {
	switch {
	case s.pos <= 0:
		return AtIntro, -1
	case s.pos > len(s.quiz.Questions):
		return AtResults, -1
	}
	return AtQuestion, s.pos - 1
}

// Current returns the question the reader is on, or false at the intro or
// the results.
func (s State) Current() (casefile.Question, bool) {
	if p, i := s.Where(); p == AtQuestion {
		return s.quiz.Questions[i], true
	}
	return casefile.Question{}, false
}

// Response returns the reader's response to question qid, or false when the
// quiz has no such question.
func (s State) Response(qid string) (Response, bool) {
	i := s.index(qid)
	if i < 0 {
		return Response{}, false
	}
	r := s.response(i)
	r.Picks = slices.Clone(r.Picks)
	return r, true
}

// Result checks the reader's submitted answer to question qid, for the
// feedback shown after submitting; false when it is not submitted.
func (s State) Result(qid string) (Result, bool) {
	i := s.index(qid)
	if i < 0 || !s.response(i).Submitted {
		return Result{}, false
	}
	return Check(s.quiz.Questions[i], s.response(i).Picks), true
}

// Select records picks on question qid without submitting them, so that a
// reader who leaves mid-question finds their choice again. No picks clears
// the selection. It fails once the question is submitted or when a pick is
// invalid (see Check).
func (s *State) Select(qid string, picks []int) error {
	return s.record(qid, picks, false)
}

// Answer submits picks as the reader's answer to question qid and locks it.
// It fails with ErrLocked when the question is already submitted and with
// the error of Validate when the picks cannot be an answer.
func (s *State) Answer(qid string, picks []int) error {
	return s.record(qid, picks, true)
}

func (s *State) record(qid string, picks []int, submit bool) error {
	i := s.index(qid)
	if i < 0 {
		return ErrUnknown
	}
	if s.response(i).Submitted {
		return ErrLocked
	}
	q := s.quiz.Questions[i]
	var err error
	if submit {
		err = Validate(q, picks)
	} else if _, err = rightChoices(q); err == nil {
		err = checkPicks(q, picks)
	}
	if err != nil {
		return err
	}
	rs := make([]Response, len(s.quiz.Questions))
	copy(rs, s.responses)
	rs[i] = Response{Picks: sortedCopy(picks), Submitted: submit}
	s.responses = rs
	return nil
}

// Go moves to question i (0-based); it reports false and stays put when
// there is no such question.
func (s *State) Go(i int) bool {
	if i < 0 || i >= len(s.quiz.Questions) {
		return false
	}
	s.pos = i + 1
	return true
}

// Next moves one step on: intro to the first question, a question to the
// next one, the last question to the results. Unanswered questions may be
// skipped. It reports false at the results.
func (s *State) Next() bool {
	if s.pos > len(s.quiz.Questions) {
		return false
	}
	s.pos++
	return true
}

// Back moves one step back, from the results to the last question and from
// the first question to the intro. It reports false at the intro.
func (s *State) Back() bool {
	if s.pos <= 0 {
		return false
	}
	s.pos--
	return true
}

// Finish moves to the results, whether or not every question is answered.
func (s *State) Finish() {
	s.pos = len(s.quiz.Questions) + 1
}

// Reset clears every response and returns to the intro, to take the quiz
// again.
func (s *State) Reset() {
	s.pos = 0
	s.responses = make([]Response, len(s.quiz.Questions))
}

// Score is the reader's total credit over submitted questions and the most
// they can get, one per question. got may be fractional (see Check).
func (s State) Score() (got float64, max int) {
	for i, q := range s.quiz.Questions {
		if r := s.response(i); r.Submitted {
			got += Check(q, r.Picks).Credit
		}
	}
	return got, len(s.quiz.Questions)
}

// Done reports whether every question is submitted; a quiz without
// questions is never done.
func (s State) Done() bool {
	for i := range s.quiz.Questions {
		if !s.response(i).Submitted {
			return false
		}
	}
	return len(s.quiz.Questions) > 0
}

// ReviewItem is one question as the results page shows it.
type ReviewItem struct {
	Question  casefile.Question
	Picks     []int  // the reader's submitted picks, sorted; nil when not submitted
	Answers   []int  // the right choices, sorted
	Submitted bool   // false: the reader skipped it and gets no credit
	Result    Result // Check of the submitted picks, or of no picks when not submitted
}

// Review lists every question with the reader's picks, the right answers and
// how the reader did, in quiz order.
func (s State) Review() []ReviewItem {
	items := make([]ReviewItem, len(s.quiz.Questions))
	for i, q := range s.quiz.Questions {
		r := s.response(i)
		var picks []int
		if r.Submitted {
			picks = r.Picks
		}
		items[i] = ReviewItem{
			Question:  q,
			Picks:     slices.Clone(picks),
			Answers:   rightAnswers(q),
			Submitted: r.Submitted,
			Result:    Check(q, picks),
		}
	}
	return items
}

// index returns the position of question qid in the quiz, or -1.
func (s State) index(qid string) int {
	for i, q := range s.quiz.Questions {
		if q.ID == qid {
			return i
		}
	}
	return -1
}

// response returns the response to question i, tolerating the zero State.
func (s State) response(i int) Response {
	if i < len(s.responses) {
		return s.responses[i]
	}
	return Response{}
}
