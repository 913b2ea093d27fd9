package components

import (
	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Quiz is the case's question set. For now every question with its
// choices and, behind a native disclosure, the answer and why (the
// interactive quiz is the quiz issue's work).
type Quiz struct {
	app.Compo

	Case *casefile.Case
}

func (q *Quiz) Render() app.UI {
	quiz := q.Case.Quiz
	return app.Section().Class("quiz").ID("quiz").Aria("labelledby", "quiz-heading").Body(
		app.H2().ID("quiz-heading").Text(quiz.Title),
		app.P().Class("quiz-intro").Text(quiz.Intro),
		app.Ol().Class("quiz-questions").Body(
			app.Range(quiz.Questions).Slice(func(i int) app.UI {
				qu := &quiz.Questions[i]
				return app.Li().Class("quiz-question").ID("q-" + qu.ID).Body(
					app.P().Class("quiz-prompt").Text(qu.Prompt),
					app.Ul().Body(app.Range(qu.Choices).Slice(func(j int) app.UI {
						return app.Li().Text(qu.Choices[j])
					})),
					app.Details().Body(
						app.Summary().Text("Show the answer"),
						app.P().Text(qu.Explanation),
						SourceList(q.Case, qu.Sources),
					),
				)
			}),
		),
	)
}
