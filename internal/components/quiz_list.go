package components

import (
	"strconv"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// quizList is the quiz as the server prerenders it and as the browser first
// renders it: every question with its choices and, behind a native
// disclosure, the answer, why, the part of the story it is about, its key
// terms and its sources. It needs no script, so it teaches before the wasm
// has loaded and without script at all; it must stay a pure function of the
// case, so that the browser's first render equals the prerendered page.
func quizList(c *casefile.Case, to storyLinkTo) app.UI {
	qs := c.Quiz.Questions
	return app.Div().ID(quizPanelID).Class("quiz-list").Body(
		app.P().Class("quiz-intro").Text(c.Quiz.Intro),
		app.If(len(qs) == 0, func() app.UI {
			return app.P().Class("quiz-meta").Text("This quiz has no questions yet.")
		}).Else(func() app.UI {
			return app.P().Class("quiz-meta").Text(questionCount(len(qs)) + ". Choose your answer to each, then open “Show the answer” to check it.")
		}),
		app.Elem("ol").Class("quiz-questions").Body(
			app.Range(qs).Slice(func(i int) app.UI {
				qu := qs[i]
				return app.Elem("li").Class("quiz-question").ID(questionAnchor(qu.ID)).Body(
					app.P().Class("quiz-count").Text(questionOf(i, len(qs))+" · "+kindHint(qu.Kind)),
					app.Elem("h3").Class("quiz-prompt").Text(qu.Prompt),
					app.Elem("ol").Class("quiz-list-choices").Body(
						app.Range(qu.Choices).Slice(func(j int) app.UI {
							return app.Elem("li").Text(qu.Choices[j])
						}),
					),
					app.Elem("details").Class("quiz-reveal").Body(
						app.Elem("summary").Text("Show the answer"),
						app.Div().Class("quiz-reveal-body").Body(
							answerLine(qu),
							app.P().Class("quiz-explanation").Text(qu.Explanation),
							storyLinks(c, qu.Events, to),
							TermList(c, qu.Terms),
							SourceList(c, qu.Sources),
						),
					),
				)
			}),
		),
	)
}

// questionAnchor is the id of a question on the page: its item in the list,
// its form in the interactive quiz (see QuestionHref).
func questionAnchor(questionID string) string {
	return "q-" + questionID
}

// questionCount says how many questions there are: "16 questions".
func questionCount(n int) string {
	if n == 1 {
		return "1 question"
	}
	return strconv.Itoa(n) + " questions"
}

// questionOf is a question's place: "Question 3 of 16".
func questionOf(i, n int) string {
	return "Question " + strconv.Itoa(i+1) + " of " + strconv.Itoa(n)
}

// kindHint tells the reader how a question is answered.
func kindHint(k casefile.QuestionKind) string {
	switch k {
	case casefile.MultipleChoice:
		return "Choose all that apply"
	case casefile.TrueFalse:
		return "True or false"
	}
	return "Choose one answer"
}
