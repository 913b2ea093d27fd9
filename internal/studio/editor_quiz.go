package studio

import (
	"fmt"
	"slices"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// quiz is the form of the case's quiz: its title and introduction, and
// each question with its kind, prompt, choices, the right answers, the
// explanation and its sources.
func (c *CaseEditor) quiz() app.UI {
	d := c.edit.Case
	q := &d.Quiz
	intro := c.field("quiz.intro", "Quiz introduction", q.Intro, func(v string) { q.Intro = v })
	intro.kind, intro.rows = "textarea", 2
	return app.Section().Class("studio-section").Aria("labelledby", "quiz-heading").Body(
		app.H2().ID("quiz-heading").Text("Quiz"),
		c.field("quiz.title", "Quiz title", q.Title, func(v string) { q.Title = v }).render(),
		intro.render(),
		app.Ol().Class("studio-items").Body(app.Range(q.Questions).Slice(func(i int) app.UI { return c.question(i) })),
		c.listProblems("quiz.questions"),
		c.addItemButton("quiz.questions", "Add a question", "prompt", AddQuestion),
	)
}

func (c *CaseEditor) question(i int) app.UI {
	d := c.edit.Case
	q := &d.Quiz.Questions[i]
	p := fmt.Sprintf("quiz.questions[%d]", i)
	n := i + 1
	kind := c.field(p+".kind", fmt.Sprintf("Question %d: kind", n), string(q.Kind), func(v string) { SetKind(q, casefile.QuestionKind(v)) })
	kind.kind, kind.small = "select", true
	kind.options = [][2]string{
		{string(casefile.SingleChoice), "One right choice"},
		{string(casefile.MultipleChoice), "One or more right choices"},
		{string(casefile.TrueFalse), "True or false"},
	}
	id := c.field(p+".id", fmt.Sprintf("Question %d: id", n), q.ID, func(v string) { q.ID = v })
	id.small = true
	prompt := c.field(p+".prompt", fmt.Sprintf("Question %d: the question", n), q.Prompt, func(v string) { q.Prompt = v })
	choices := c.listBox(p+".choices", fmt.Sprintf("Question %d: choices (one per line)", n), q.Choices, Lines, JoinLines, func(v []string) { SetChoices(q, v) })
	choices.rows = 3
	for k := range q.Choices {
		choices.problems = append(choices.problems, c.at[fmt.Sprintf("%s.choices[%d]", p, k)]...)
	}
	explanation := c.field(p+".explanation", fmt.Sprintf("Question %d: explanation, shown once answered", n), q.Explanation, func(v string) { q.Explanation = v })
	explanation.kind = "textarea"
	answers := p + ".answers"
	var answerProblems []string
	answerProblems = append(answerProblems, c.at[answers]...)
	for k := range q.Answers {
		answerProblems = append(answerProblems, c.at[fmt.Sprintf("%s[%d]", answers, k)]...)
	}
	heading := fmt.Sprintf("Question %d", n)
	if q.Prompt != "" {
		heading += ": " + q.Prompt
	}
	return app.Li().Class("studio-item").Body(
		app.H3().Text(heading),
		app.Div().Class("studio-row").Body(kind.render(), id.render()),
		prompt.render(),
		choices.render(),
		app.FieldSet().ID(FieldID(answers)).TabIndex(-1).Class("studio-sources").Body(
			app.Legend().Text(fmt.Sprintf("Question %d: right answers", n)),
			app.If(len(q.Choices) == 0, func() app.UI { return app.P().Class("studio-hint").Text("Write the choices first.") }),
			app.Range(q.Choices).Slice(func(k int) app.UI {
				cid := fmt.Sprintf("%s-%d-right", FieldID(answers), k)
				return app.Div().Class("studio-check").Body(
					app.Input().Type("checkbox").ID(cid).Checked(slices.Contains(q.Answers, k)).
						OnChange(func(ctx app.Context, e app.Event) {
							MarkAnswer(q, k, ctx.JSSrc().Get("checked").Bool())
							c.edited("", StepName(answers))
							c.changed(ctx)
						}, c.scope()),
					app.Label().For(cid).Text(q.Choices[k]),
				)
			}),
			app.If(len(answerProblems) > 0, func() app.UI {
				return app.Ul().Class("studio-field-problems").Body(app.Range(answerProblems).Slice(func(k int) app.UI { return app.Li().Text(answerProblems[k]) }))
			}),
		),
		explanation.render(),
		c.eventBox(p+".events", fmt.Sprintf("Question %d: events it is about (optional)", n), &q.Events),
		c.termBox(p+".terms", fmt.Sprintf("Question %d: glossary terms it uses (optional)", n), &q.Terms),
		c.citeBox(p+".sources", fmt.Sprintf("Question %d: sources", n), &q.Sources),
		app.Div().Class("studio-item-actions").Body(
			c.removeButton(fmt.Sprintf("Remove question %d", n), func() { d.Quiz.Questions = Remove(d.Quiz.Questions, i) }, "quiz.questions"),
		),
	)
}
