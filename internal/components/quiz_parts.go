package components

import (
	"net/url"
	"strconv"
	"strings"

	"docket/internal/casefile"
	"docket/internal/quiz"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// answerLine states a question's right answer: "The answer: False" or, for
// several, "The answers: A; B".
func answerLine(qu casefile.Question) app.UI {
	label := "The answer:"
	if len(qu.Answers) > 1 {
		label = "The answers:"
	}
	return app.P().Class("quiz-answer-line").Body(
		app.Elem("strong").Text(label),
		app.Text(" "+choicesText(qu, qu.Answers)),
	)
}

// choicesText joins the text of the given choices of a question.
func choicesText(qu casefile.Question, picks []int) string {
	parts := make([]string, 0, len(picks))
	for _, p := range picks {
		if p >= 0 && p < len(qu.Choices) {
			parts = append(parts, qu.Choices[p])
		}
	}
	return strings.Join(parts, "; ")
}

// storyLinkTo is where a quiz's links to the story lead: the case's full
// page (see Quiz.Page), in a new tab from an embed.
type storyLinkTo struct {
	page   string
	newTab bool
}

// storyLinks ties a question back to the story: a link to each of its
// events, which opens the timeline on that event (EventHref).
func storyLinks(c *casefile.Case, ids []string, to storyLinkTo) app.UI {
	var events []*casefile.Event
	for _, id := range ids {
		if e := c.Event(id); e != nil {
			events = append(events, e)
		}
	}
	if len(events) == 0 {
		return nil
	}
	return app.Div().Class("quiz-story").Body(
		app.P().Class("quiz-story-label").Text("In the story"),
		app.Elem("ul").Class("quiz-story-list").Body(
			app.Range(events).Slice(func(i int) app.UI {
				e := events[i]
				return app.Elem("li").Body(
					linkOut(app.Elem("a").Attr("href", EventHref(to.page, e.ID)), to.newTab).Body(
						app.Elem("time").Class("quiz-story-date").Attr("datetime", e.Date.ISO()).Text(e.Date.Display()),
						app.Elem("span").Class("quiz-story-title").Text(e.Title),
					),
				)
			}),
		),
	)
}

// verdict is how a reader did on one question, in words, with a glyph, so
// that no feedback rests on colour alone.
type verdict struct {
	key   string // for styles: "right", "partly", "wrong", "skipped"
	glyph string
	words string
}

// verdictOf turns a checked answer into a verdict.
func verdictOf(res quiz.Result, submitted bool) verdict {
	switch {
	case !submitted:
		return verdict{"skipped", "–", "Not answered"}
	case res.Correct:
		return verdict{"right", "✓", "Correct"}
	case res.Credit > 0:
		return verdict{"partly", "◐", "Partly right"}
	}
	return verdict{"wrong", "✗", "Not quite"}
}

// creditNote explains a multiple-choice answer's partial credit: "You
// picked 1 of the 2 right answers and 1 wrong one: 0 points."
func creditNote(qu casefile.Question, res quiz.Result) string {
	if qu.Kind != casefile.MultipleChoice || res.Correct {
		return ""
	}
	s := "You picked " + strconv.Itoa(res.Found) + " of the " + strconv.Itoa(res.Right) + " right answers"
	switch res.Wrong {
	case 0:
	case 1:
		s += " and 1 wrong one"
	default:
		s += " and " + strconv.Itoa(res.Wrong) + " wrong ones"
	}
	return s + ": " + points(res.Credit) + ". Each wrong pick cancels a right one."
}

// points writes credit on one question: "1 point", "0.5 points".
func points(credit float64) string {
	s := strings.TrimSuffix(quiz.FormatScore(credit, 1), " of 1")
	if s == "1" {
		return "1 point"
	}
	return s + " points"
}

// announcement is what the live region says once an answer is checked.
func announcement(qu casefile.Question, res quiz.Result) string {
	answer := choicesText(qu, qu.Answers)
	is := "The answer is: "
	if len(qu.Answers) > 1 {
		is = "The answers are: "
	}
	v := verdictOf(res, true)
	switch v.key {
	case "right":
		return "Correct."
	case "partly":
		return "Partly right, " + points(res.Credit) + ". " + is + answer + "."
	}
	return "Not quite. " + is + answer + "."
}

// markGlyph is the glyph shown beside a marked choice.
func markGlyph(m quiz.Mark) string {
	switch m {
	case quiz.RightPicked, quiz.RightMissed:
		return "✓"
	case quiz.WrongPicked:
		return "✗"
	}
	return ""
}

// shareURL is the link that shares a score: this page with ?score= and the
// quiz as its target. It carries the score and nothing else.
func shareURL(code string) string {
	page := &url.URL{Path: "/"}
	if app.IsClient {
		page = app.Window().URL()
	}
	u := url.URL{
		Scheme:   page.Scheme,
		Host:     page.Host,
		Path:     page.Path,
		RawQuery: quiz.ShareParam + "=" + url.QueryEscape(code), // as url.Values would write it
		Fragment: "quiz",
	}
	return u.String()
}

// sharedNote shows a score that came with the link, as the sharer's claim.
func (s sharedScore) note() app.UI {
	if !s.ok {
		return nil
	}
	return app.P().Class("quiz-shared").Body(
		app.Elem("span").Class("quiz-shared-glyph").Aria("hidden", "true").Text("★"),
		app.Text(" A reader shared their score with you: "),
		app.Elem("strong").Text(quiz.FormatScore(s.got, s.max)),
		app.Text(". Can you beat it?"),
	)
}
