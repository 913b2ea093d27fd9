// Package answers is how other readers answered a case's quiz, in plain Go
// that both the server and the browser program use: what a browser sends
// when a reader checks an answer or finishes the quiz (Answer), how the
// server checks it against the published quiz (Check), the counts readers
// may see (Stats, with the thresholds under which nothing is shown), the
// words that show them, and the flag that keeps a browser from being
// counted twice (Sent).
//
// Nothing here identifies a reader: an answer is a case, a quiz version, a
// question and the choices picked, or a final score.
package answers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"docket/internal/casefile"
	"docket/internal/quiz"
)

// Thresholds: below them, readers see no figures at all, because a share of
// a handful of readers says nothing and could single one out.
const (
	// MinReaders is how many readers must have answered a question before
	// its shares are shown.
	MinReaders = 30
	// MinFinished is how many readers must have finished the quiz before a
	// reader's score is compared with theirs.
	MinFinished = 30
	// ClearMajority is the share, in per cent, that makes "most readers got
	// this right" (or wrong) true by a clear margin: 60 % or more. Between
	// 41 % and 59 % right, readers are said to be split.
	ClearMajority = 60
)

// Env is the browser program's variable (app.Getenv) that says where to
// count answers: the base of a Docket site ("/", "/explainers/", or a
// server's URL for a static export); "" means counting is off and the quiz
// calls nothing.
const Env = "DOCKET_STATS"

// URL is where a case's answers are counted and read, under base (Env).
func URL(base, caseID string) string {
	return strings.TrimRight(base, "/") + "/api/cases/" + caseID + "/answers"
}

// MaxBody is the largest answer a browser sends, in bytes.
const MaxBody = 2 << 10

// Version is the quiz version answers are counted under: see quiz.Version.
func Version(c *casefile.Case) string { return quiz.Version(c.Quiz, c.ID) }

// Answer is what a browser sends, as JSON: either a reader's answer to one
// question ({"version", "question", "choices"}) or, once they have answered
// every question, their final score ({"version", "score"}): the number of
// questions they got wholly right.
type Answer struct {
	Version  string `json:"version"`
	Question string `json:"question,omitempty"`
	Choices  []int  `json:"choices,omitempty"`
	Score    *int   `json:"score,omitempty"`
}

// Counted is an answer as checked: what the counts get.
type Counted struct {
	Question string // "" for a final score
	Choices  []int  // sorted
	Correct  bool   // the answer is wholly right
	Score    int    // for a final score
}

// Problem is why an answer is refused and not counted. Field names the
// part of the answer at fault, as in its JSON.
type Problem struct {
	Field   string
	Message string
	// Stale: the answer is for another version of the quiz than the one
	// served (the reader's page is older or newer than the server's).
	Stale bool
}

func (p *Problem) Error() string {
	if p.Field == "" {
		return p.Message
	}
	return p.Field + ": " + p.Message
}

func problem(field, format string, args ...any) *Problem {
	return &Problem{Field: field, Message: fmt.Sprintf(format, args...)}
}

// Parse reads an answer's JSON: one object, no unknown fields.
func Parse(b []byte) (Answer, error) {
	var a Answer
	if len(b) > MaxBody {
		return a, problem("", "an answer is at most %d bytes", MaxBody)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return Answer{}, problem("", "not an answer: %v", err)
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return Answer{}, problem("", "not an answer: more than one JSON value")
	}
	return a, nil
}

// Check checks an answer against case c's quiz as published (version
// served): the version must be the served one, the question one of the
// quiz's, the choices in range, distinct, and only one for a single-choice
// or true-false question; a score must be 0 to the number of questions.
func Check(c *casefile.Case, served string, a Answer) (Counted, error) {
	switch {
	case a.Version == "":
		return Counted{}, problem("version", "missing")
	case a.Version != served:
		return Counted{}, &Problem{Field: "version", Stale: true,
			Message: fmt.Sprintf("the quiz is at version %q, not %q: reload the page", served, a.Version)}
	case len(c.Quiz.Questions) == 0:
		return Counted{}, problem("", "case %q has no quiz", c.ID)
	case a.Score != nil && (a.Question != "" || a.Choices != nil):
		return Counted{}, problem("score", "a final score comes alone, without a question or choices")
	case a.Score != nil:
		if n := len(c.Quiz.Questions); *a.Score < 0 || *a.Score > n {
			return Counted{}, problem("score", "%d is not a score of this quiz (0 to %d)", *a.Score, n)
		}
		return Counted{Score: *a.Score}, nil
	case a.Question == "":
		return Counted{}, problem("question", "missing (or give a score)")
	}
	i := slices.IndexFunc(c.Quiz.Questions, func(q casefile.Question) bool { return q.ID == a.Question })
	if i < 0 {
		return Counted{}, problem("question", "no question %q in this quiz", a.Question)
	}
	q := c.Quiz.Questions[i]
	if err := quiz.Validate(q, a.Choices); err != nil {
		return Counted{}, problem("choices", "%s", choiceProblem(q, err))
	}
	choices := slices.Clone(a.Choices)
	slices.Sort(choices)
	return Counted{Question: q.ID, Choices: choices, Correct: quiz.Check(q, choices).Correct}, nil
}

// choiceProblem says in words why picks are not an answer to q.
func choiceProblem(q casefile.Question, err error) string {
	switch {
	case errors.Is(err, quiz.ErrNoPick):
		return "no choice picked"
	case errors.Is(err, quiz.ErrOutOfRange):
		return fmt.Sprintf("a choice is not one of the question's %d (0 to %d)", len(q.Choices), len(q.Choices)-1)
	case errors.Is(err, quiz.ErrDuplicate):
		return "a choice is picked twice"
	case errors.Is(err, quiz.ErrTooMany):
		return fmt.Sprintf("a %s question takes one choice", q.Kind)
	}
	return "the question cannot be answered"
}
