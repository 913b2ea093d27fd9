package components

import (
	"encoding/json"
	"strconv"

	"docket/internal/answers"
	"docket/internal/casefile"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// How other readers answered (see internal/answers): once a reader checks
// an answer, the quiz sends it to be counted, once per browser per question
// per quiz version, and shows the shares of other readers under the
// feedback when enough have answered. All of it is an addition that
// arrives when it arrives: nothing waits for it, and a server that is off,
// unreachable or slow costs the reader only the numbers.

// others is what the quiz knows of other readers' answers.
type others struct {
	base    string        // where to count (answers.Env); "": counting is off
	version string        // the quiz's version (answers.Version)
	stats   answers.Stats // the counts last read
	reading bool          // a read of the counts is on its way
	reads   int           // reads started; only the latest one's answer is shown
}

// startOthers reads where to count, and the counts so far, for the case's
// quiz.
func (q *Quiz) startOthers() {
	q.others = others{base: app.Getenv(answers.Env)}
	if q.others.base == "" || len(q.Case.Quiz.Questions) == 0 {
		q.others.base = ""
		return
	}
	q.others.version = answers.Version(q.Case)
	q.readOthers(false)
}

// counting reports whether this quiz counts answers and can keep its
// once-per-browser note (without local storage, nothing is sent).
func (q *Quiz) counting() bool { return q.others.base != "" && q.stored }

// sendOnce sends item (a question's answer, or the final score) unless
// this browser sent it already for this quiz version, noting it first, so
// a retry, a reload or a second tab never counts it twice.
func (q *Quiz) sendOnce(item string, a answers.Answer) {
	if !q.counting() {
		return
	}
	key := answers.SentKey(q.caseID, q.others.version)
	saved, ok := storageGet(key)
	sent := answers.ParseSent(saved)
	if !ok || sent.Has(item) || !storageSet(key, sent.With(item).String()) {
		return
	}
	a.Version = q.others.version
	body, err := json.Marshal(a)
	if err != nil {
		return
	}
	caseID := q.caseID
	fetchLater("POST", answers.URL(q.others.base, caseID), string(body), false, func(ok bool, status int, _ string) {
		if ok && status == 204 {
			q.ctx.Dispatch(func(app.Context) {
				if q.caseID == caseID {
					q.readOthers(true)
				}
			})
		}
	})
}

// countAnswer sends the reader's checked answer to question qu.
func (q *Quiz) countAnswer(qu casefile.Question, picks []int) {
	q.sendOnce(qu.ID, answers.Answer{Question: qu.ID, Choices: picks})
}

// countScore sends the reader's final score, once they have answered every
// question.
func (q *Quiz) countScore() {
	if score, ok := answers.Score(q.state); ok {
		q.sendOnce(answers.ScoreItem, answers.Answer{Score: &score})
	}
}

// readOthers fetches the counts readers may see, and shows them when they
// arrive; a failure leaves what is shown as it is. fresh, after the
// reader's own answer is counted, skips the browser's cached copy, so the
// figures include it. A read already on its way is not doubled, unless
// this one must be fresh.
func (q *Quiz) readOthers(fresh bool) {
	if q.others.base == "" || (q.others.reading && !fresh) {
		return
	}
	q.others.reading = true
	q.others.reads++
	caseID, version, read := q.caseID, q.others.version, q.others.reads
	url := answers.URL(q.others.base, caseID) + "?version=" + version
	fetchLater("GET", url, "", fresh, func(ok bool, status int, text string) {
		var s answers.Stats
		good := ok && status == 200 && json.Unmarshal([]byte(text), &s) == nil && s.Version == version
		q.ctx.Dispatch(func(app.Context) {
			if read != q.others.reads || q.caseID != caseID {
				return // a later read is on its way, or another case is shown
			}
			q.others.reading = false
			if good {
				q.others.stats = s
			}
		})
	})
}

// othersAnswered is how other readers answered qu, under the feedback, or
// nothing below the threshold or before the counts arrive.
func (q *Quiz) othersAnswered(qu casefile.Question) app.UI {
	sh, ok := q.others.stats.Question(qu)
	if !ok {
		return nil
	}
	return app.Elem("section").Class("quiz-others").Aria("label", sh.Heading).Body(
		app.Elem("h4").Class("quiz-others-heading").Text(sh.Heading),
		app.P().Class("quiz-others-verdict").Text(sh.Verdict),
		app.Elem("ul").Class("quiz-others-choices").Body(
			app.Range(sh.Choices).Slice(func(j int) app.UI {
				c := sh.Choices[j]
				return app.Elem("li").Class("quiz-others-choice").Body(
					app.Elem("span").Class("quiz-others-text").Text(qu.Choices[j]),
					app.Elem("meter").Class("quiz-others-bar").Attr("min", "0").Attr("max", "100").Attr("value", strconv.Itoa(c.Percent)).Aria("hidden", "true"),
					app.Elem("span").Class("quiz-others-figure").Text(c.Text),
				)
			}),
		),
		q.privacyLink(),
	)
}

// scoreComparison compares the reader's score with other readers', on the
// results, or is nothing below the threshold.
func (q *Quiz) scoreComparison() app.UI {
	score, ok := answers.Score(q.state)
	if !ok {
		return nil
	}
	text, ok := q.others.stats.Comparison(score)
	if !ok {
		return nil
	}
	return app.P().Class("quiz-compare").Body(app.Text(text+" "), q.privacyLink())
}

// privacyLink leads to what counting keeps: a page of the server's, not
// the app's, so a full-page link (see FullPageLink).
func (q *Quiz) privacyLink() app.UI {
	a := FullPageLink(routes.Privacy).Class("quiz-privacy-link").Text("How answers are counted")
	if q.Embedded {
		a = a.Attr("target", "_blank").Attr("rel", "noopener")
	}
	return a
}

// storageNote is what the intro says about where answers go.
func (q *Quiz) storageNote() app.UI {
	if !q.stored {
		return app.P().Class("quiz-storage").Text("This browser is not keeping your answers, so leaving or reloading the page starts the quiz again.")
	}
	if !q.counting() {
		return app.P().Class("quiz-storage").Text("Your answers are kept in this browser only, so you can come back to them. Nothing about you is sent to Docket.")
	}
	return app.P().Class("quiz-storage").Body(
		app.Text("Your answers are kept in this browser, so you can come back to them. Each answer is also counted, once and anonymously, to show how other readers answered. "),
		q.privacyLink(),
	)
}
