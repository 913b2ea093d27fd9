package components

import (
	"slices"
	"strconv"
	"strings"

	"docket/internal/casefile"
	"docket/internal/quiz"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// panel is the interactive quiz: the step the reader is on.
func (q *Quiz) panel() app.UI {
	key := "intro"
	switch p, _ := q.state.Where(); p {
	case quiz.AtQuestion:
		qu, _ := q.state.Current()
		key = "question " + qu.ID
	case quiz.AtResults:
		key = "results"
	}
	q.rev++
	return app.Div().ID(quizPanelID).Class("quiz-panel").Body(
		&quizStep{Key: key, Rev: q.rev, Quiz: q},
	)
}

// quizStep is the step of the quiz the reader is on. Its CompoID is the
// step (intro, a question's id, results), so that go-app builds fresh
// elements for each new step rather than updating the last step's: reused
// radio buttons would carry checked states that the browser changes behind
// go-app's back as their names change, and reused disclosures would stay
// open on another question. Within one step the elements stay, so the
// focused button keeps focus as "Check answer" becomes "Next question".
type quizStep struct {
	app.Compo

	Key  string
	Rev  int // changes at every render of the quiz, so the step renders again
	Quiz *Quiz
}

// CompoID makes go-app replace the step's elements when the step changes.
func (s *quizStep) CompoID() string { return s.Key }

func (s *quizStep) Render() app.UI {
	q := s.Quiz
	switch p, i := q.state.Where(); p {
	case quiz.AtQuestion:
		return q.questionStep(i, q.Case.Quiz.Questions[i])
	case quiz.AtResults:
		return q.resultsStep()
	}
	return q.introStep()
}

// introStep is the quiz's start: what it covers, how many questions, where
// the reader's answers are kept, and the button to begin.
func (q *Quiz) introStep() app.UI {
	qs := q.Case.Quiz.Questions
	done := answeredCount(q.state)
	return app.Div().Class("quiz-step", "quiz-intro-step").Body(
		app.P().Class("quiz-intro").Text(q.Case.Quiz.Intro),
		app.If(len(qs) == 0, func() app.UI {
			return app.P().Class("quiz-meta").Text("This quiz has no questions yet.")
		}).Else(func() app.UI {
			return app.Elem("ul").Class("quiz-facts").Body(
				app.Elem("li").Body(app.Elem("strong").Text(questionCount(len(qs)))),
				app.Elem("li").Text(kindsText(qs)),
				app.Elem("li").Text("After each answer: why, the sources, and the part of the story it is about"),
			)
		}),
		q.shared.note(),
		app.If(len(qs) > 0, q.storageNote),
		app.If(len(qs) > 0, func() app.UI {
			if done == 0 {
				return app.Div().Class("quiz-actions").Body(
					app.Button().ID(quizPrimaryID).Type("button").Class("quiz-button", "quiz-button-primary").Text("Start the quiz").OnClick(q.start),
				)
			}
			return app.Div().Class("quiz-actions").Body(
				app.Button().ID(quizPrimaryID).Type("button").Class("quiz-button", "quiz-button-primary").
					Text("Continue ("+strconv.Itoa(done)+" of "+strconv.Itoa(len(qs))+" answered)").OnClick(q.start),
				app.Button().Type("button").Class("quiz-button", "quiz-button-secondary").Text("Start over").OnClick(q.startOver),
			)
		}),
	)
}

// kindsText says which kinds of question the quiz holds: "Single-choice,
// multiple-choice and true-or-false questions".
func kindsText(qs []casefile.Question) string {
	has := map[casefile.QuestionKind]bool{}
	for _, qu := range qs {
		has[qu.Kind] = true
	}
	var kinds []string
	for _, k := range []struct {
		kind casefile.QuestionKind
		name string
	}{
		{casefile.SingleChoice, "single-choice"},
		{casefile.MultipleChoice, "multiple-choice"},
		{casefile.TrueFalse, "true-or-false"},
	} {
		if has[k.kind] {
			kinds = append(kinds, k.name)
		}
	}
	if len(kinds) == 0 {
		return ""
	}
	s := kinds[0]
	for i := 1; i < len(kinds); i++ {
		if i == len(kinds)-1 {
			s += " and " + kinds[i]
		} else {
			s += ", " + kinds[i]
		}
	}
	// The names are lower-case ASCII: no strings.ToUpper (and its Unicode
	// tables' code) in the wasm for one capital.
	return string(rune(s[0]-'a'+'A')) + s[1:] + " questions"
}

// questionStep is one question as a form: its choices as radio buttons or
// checkboxes in a fieldset whose legend is the question, then, once
// checked, the marks on the choices and the feedback.
//
// Its parts keep their places whether or not the answer is checked (the
// feedback and problem slots are always there, the main button is always
// the first action), so that go-app updates the same elements and the
// focused button keeps focus as "Check answer" becomes "Next question".
func (q *Quiz) questionStep(i int, qu casefile.Question) app.UI {
	n := len(q.Case.Quiz.Questions)
	resp, _ := q.state.Response(qu.ID)
	res, checked := q.state.Result(qu.ID)
	primary := "Check answer"
	if checked {
		primary = "Next question"
		if i == n-1 {
			primary = "See your score"
		}
	}
	inputType := "radio"
	if qu.Kind == casefile.MultipleChoice {
		inputType = "checkbox"
	}
	// The hint says how to answer, unless the prompt already does.
	hint := kindHint(qu.Kind) + "."
	if strings.Contains(strings.ToLower(qu.Prompt), strings.ToLower(kindHint(qu.Kind))) {
		hint = ""
	}
	var describedBy []string
	if hint != "" {
		describedBy = append(describedBy, quizHintID)
	}
	if q.problem != "" {
		describedBy = append(describedBy, quizProblemID)
	}
	return app.Elem("form").ID(questionAnchor(qu.ID)).Class("quiz-step", "quiz-question-step").Attr("novalidate", true).OnSubmit(q.submit).Body(
		app.Elem("progress").Class("quiz-progress").Attr("max", n).Attr("value", i+1).Aria("hidden", "true"),
		app.Elem("fieldset").Class("quiz-fieldset").Aria("describedby", strings.Join(describedBy, " ")).Body(
			app.Elem("legend").ID(quizLegendID).Class("quiz-legend").TabIndex(-1).Body(
				app.Elem("span").Class("quiz-count").Text(questionOf(i, n)),
				app.Elem("span").Class("quiz-prompt").Text(qu.Prompt),
			),
			app.If(hint != "", func() app.UI {
				return app.P().ID(quizHintID).Class("quiz-hint").Text(hint)
			}),
			app.Div().Class("quiz-choices").Body(
				app.Range(qu.Choices).Slice(func(j int) app.UI {
					mark := quiz.Unpicked
					if checked {
						mark = res.Marks[j]
					}
					return q.choice(qu, j, inputType, slices.Contains(resp.Picks, j), checked, mark)
				}),
			),
		),
		app.P().ID(quizProblemID).Class("quiz-problem").Text(q.problem),
		app.Div().Class("quiz-feedback-slot").Body(
			app.If(checked, func() app.UI { return q.feedback(qu, res) }),
		),
		app.Div().Class("quiz-actions").Body(
			app.Button().ID(quizPrimaryID).Type("submit").Class("quiz-button", "quiz-button-primary").Text(primary),
			app.If(!checked, func() app.UI {
				label := "Skip"
				if i == n-1 {
					label = "Skip to your score"
				}
				return app.Button().Type("button").Class("quiz-button", "quiz-button-quiet").Text(label).OnClick(q.next)
			}),
			app.Button().Type("button").Class("quiz-button", "quiz-button-secondary").Text("Previous").OnClick(q.previous),
		),
	)
}

// choice is one choice of a question: the whole label is the target, with
// the control, the text and, once checked, its mark in words and a glyph.
func (q *Quiz) choice(qu casefile.Question, j int, inputType string, picked, checked bool, mark quiz.Mark) app.UI {
	id := "quiz-" + qu.ID + "-" + strconv.Itoa(j)
	input := app.ElemSelfClosing("input").Attr("type", inputType).ID(id).Class("quiz-input").Attr("name", "quiz-"+qu.ID).Attr("value", strconv.Itoa(j)).Attr("checked", picked).
		OnChange(q.onChoice)
	if checked {
		input = input.Attr("disabled", true)
	}
	return app.Elem("label").Attr("for", id).Class("quiz-choice").DataSet("mark", mark.String()).DataSet("picked", picked).Body(
		input,
		app.Elem("span").Class("quiz-choice-text").Text(qu.Choices[j]),
		app.If(mark != quiz.Unpicked, func() app.UI {
			return app.Elem("span").Class("quiz-mark").Body(
				app.Elem("span").Class("quiz-mark-glyph").Aria("hidden", "true").Text(markGlyph(mark)),
				app.Text(" "+mark.Label()),
			)
		}),
	)
}

// feedback is what the reader learns once their answer is checked: right or
// not, the right answer, why, and links back to the story, its key terms
// and its sources.
func (q *Quiz) feedback(qu casefile.Question, res quiz.Result) app.UI {
	c := q.Case
	v := verdictOf(res, true)
	return app.Div().Class("quiz-feedback", "quiz-feedback-"+v.key).Body(
		app.Elem("h3").Class("quiz-verdict").Body(
			app.Elem("span").Class("quiz-verdict-glyph").Aria("hidden", "true").Text(v.glyph),
			app.Text(" "+v.words+"."),
		),
		app.If(creditNote(qu, res) != "", func() app.UI {
			return app.P().Class("quiz-credit").Text(creditNote(qu, res))
		}),
		answerLine(qu),
		app.P().Class("quiz-explanation").Text(qu.Explanation),
		q.othersAnswered(qu),
		storyLinks(c, qu.Events, q.storyLinks()),
		TermList(c, qu.Terms),
		SourceList(c, qu.Sources),
	)
}

// resultsStep is the end of the quiz: the score with a word on it, a link to
// share it, a review of every question, and "Try again".
func (q *Quiz) resultsStep() app.UI {
	c := q.Case
	got, max := q.state.Score()
	items := q.state.Review()
	tally := map[string]int{}
	for _, it := range items {
		tally[verdictOf(it.Result, it.Submitted).key]++
	}
	code := quiz.ShareCode(c.ID, got, max)
	return app.Div().Class("quiz-step", "quiz-results").Body(
		app.Elem("h3").ID(quizResultsID).Class("quiz-results-heading").TabIndex(-1).Text("Your score"),
		app.P().Class("quiz-score").Body(
			app.Elem("strong").Class("quiz-score-number").Text(quiz.FormatScore(got, max)),
		),
		app.P().Class("quiz-score-message").Text(quiz.ScoreMessage(got, max)),
		q.scoreComparison(),
		app.Elem("ul").Class("quiz-tally").Body(
			tallyItem("right", "✓", tally["right"], "right"),
			tallyItem("partly", "◐", tally["partly"], "partly right"),
			tallyItem("wrong", "✗", tally["wrong"], "not right"),
			tallyItem("skipped", "–", tally["skipped"], "not answered"),
		),
		app.If(tally["skipped"] > 0, func() app.UI {
			return app.Div().Class("quiz-actions").Body(
				app.Button().Type("button").Class("quiz-button", "quiz-button-secondary").Text("Answer the questions you skipped").OnClick(q.answerSkipped),
			)
		}),
		q.shared.note(),
		app.If(code != "", func() app.UI {
			return app.Div().Class("quiz-share").Body(
				app.Elem("label").Attr("for", quizShareID).Class("quiz-share-label").Text("Share your score"),
				app.P().ID("quiz-share-help").Class("quiz-share-help").Text("The link carries your score and nothing else."),
				app.Div().Class("quiz-share-row").Body(
					app.ElemSelfClosing("input").Attr("type", "text").ID(quizShareID).Class("quiz-share-link").Attr("readonly", true).
						Attr("value", shareURL(code)).Aria("describedby", "quiz-share-help").
						OnFocus(func(ctx app.Context, e app.Event) { e.Get("target").Call("select") }),
					app.Button().Type("button").Class("quiz-button", "quiz-button-secondary").Text("Copy link").OnClick(q.copyShareLink),
				),
				app.P().Class("quiz-copy-note").Text(q.copyNote),
			)
		}),
		app.Div().Class("quiz-actions").Body(
			app.Button().ID(quizPrimaryID).Type("button").Class("quiz-button", "quiz-button-primary").Text("Try again").OnClick(q.tryAgain),
			app.Button().Type("button").Class("quiz-button", "quiz-button-secondary").Text("Back to question "+strconv.Itoa(max)).OnClick(q.previous),
		),
		app.Elem("h3").Class("quiz-review-heading").Text("Your answers"),
		app.Elem("ol").Class("quiz-review").Body(
			app.Range(items).Slice(func(i int) app.UI {
				return reviewItem(c, i, len(items), items[i], q.storyLinks())
			}),
		),
	)
}

// tallyItem is one count of the results: "✓ 10 right".
func tallyItem(key, glyph string, n int, words string) app.UI {
	if n == 0 {
		return nil
	}
	return app.Elem("li").Class("quiz-tally-"+key).Body(
		app.Elem("span").Class("quiz-tally-glyph").Aria("hidden", "true").Text(glyph),
		app.Text(" "+strconv.Itoa(n)+" "+words),
	)
}

// reviewItem is one question on the results page: how the reader did, their
// answer and the right one, and why behind a disclosure.
func reviewItem(c *casefile.Case, i, n int, it quiz.ReviewItem, to storyLinkTo) app.UI {
	qu := it.Question
	v := verdictOf(it.Result, it.Submitted)
	yours := "Not answered"
	if it.Submitted {
		yours = choicesText(qu, it.Picks)
	}
	rightLabel := "The answer"
	if len(it.Answers) > 1 {
		rightLabel = "The answers"
	}
	status := v.words
	if v.key == "partly" {
		status += ", " + points(it.Result.Credit)
	}
	return app.Elem("li").Class("quiz-review-item", "quiz-review-"+v.key).Body(
		app.Elem("span").Class("quiz-review-badge").Aria("hidden", "true").Text(v.glyph),
		app.Elem("h4").Class("quiz-review-prompt").Body(
			app.Elem("span").Class("quiz-count").Text(questionOf(i, n)),
			app.Elem("span").Class("quiz-prompt").Text(qu.Prompt),
		),
		app.P().Class("quiz-review-verdict").Text(status),
		app.Elem("dl").Class("quiz-review-answers").Body(
			app.Elem("dt").Text("Your answer"),
			app.Elem("dd").Text(yours),
			app.Elem("dt").Text(rightLabel),
			app.Elem("dd").Text(choicesText(qu, it.Answers)),
		),
		app.Elem("details").Class("quiz-review-why").Body(
			app.Elem("summary").Text("Why"),
			app.P().Class("quiz-explanation").Text(qu.Explanation),
			storyLinks(c, qu.Events, to),
			SourceList(c, qu.Sources),
		),
	)
}
