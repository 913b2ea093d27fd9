package components

import (
	"net/url"
	"slices"
	"strconv"

	"docket/internal/casefile"
	"docket/internal/quiz"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Ids of the quiz's parts that focus, scrolling and tests look for.
const (
	quizHeadingID  = "quiz-heading"
	quizPanelID    = "quiz-panel"
	quizLegendID   = "quiz-legend"
	quizPrimaryID  = "quiz-primary"
	quizResultsID  = "quiz-results-heading"
	quizShareID    = "quiz-share-link"
	quizProblemID  = "quiz-problem"
	quizHintID     = "quiz-hint"
	quizAnnounceID = "quiz-announce"
)

// Quiz is the case's quiz on its legal idea.
//
// Prerendered, and in the browser until it has mounted, it is every question
// with its choices and, behind a native disclosure, the answer and why (see
// quizList): with no script the page still teaches. Once mounted it becomes
// the interactive quiz: an intro, one question at a time with feedback, then
// the score and a review. The reader's progress is kept in the browser's
// local storage and nothing about the reader leaves it.
//
// Its state is unexported: go-app resets exported fields when the parent
// renders again.
type Quiz struct {
	app.Compo

	Case *casefile.Case
	// Page is the path of the case's full page ("/" for the default case),
	// where the quiz's links to the story lead.
	Page string
	// Embedded is set in an embed: links out of the quiz open a new tab.
	Embedded bool

	ctx      app.Context // the component's own context (OnMount), for work after an update
	mounted  bool        // the browser program has taken over: show the interactive quiz
	caseID   string      // the case that state belongs to
	state    quiz.State
	stored   bool        // local storage works here: progress survives a reload
	shared   sharedScore // a score someone shared through the page's link
	announce string      // what the live region says to screen readers
	problem  string      // why the reader's answer could not be checked ("Choose an answer first.")
	copyNote string      // how copying the share link went
	holding  bool        // the panel holds the height it took at mount (see keepQuizView)
	rev      int         // counts renders, so that the step (quizStep) renders with the quiz
	others   others      // how other readers answered (quiz_others.go)
}

// sharedScore is the score a share link claims.
type sharedScore struct {
	got float64
	max int
	ok  bool
}

// OnMount has the quiz switch to the interactive one when the reader
// nears it or the browser is idle, in a task of its own (see slices.go):
// until then it is the prerendered list, which works without script.
func (q *Quiz) OnMount(ctx app.Context) {
	q.ctx = ctx
	if q.Case == nil {
		return
	}
	whenNearOrIdle(ctx, q.JSValue(), q.takeOver)
}

// takeOver switches to the interactive quiz, resuming the reader's saved
// progress, keeps the reader's view where it was across the switch and
// opens the question the address targets.
func (q *Quiz) takeOver(ctx app.Context) {
	if q.mounted || q.Case == nil {
		return
	}
	q.load()
	before := measureQuizView(q.JSValue())
	q.mounted = true
	ctx.Defer(func(app.Context) {
		panel, _ := elementByID(quizPanelID)
		q.holding = keepQuizView(q.JSValue(), panel, before)
	})
	q.openTargeted(ctx.Page().URL())
}

// openTargeted opens the question u targets (#q-ID, see QuestionHref).
func (q *Quiz) openTargeted(u *url.URL) {
	for i, qu := range q.Case.Quiz.Questions {
		if u.Fragment == questionAnchor(qu.ID) {
			q.change(func(s *quiz.State) { s.Go(i) })
		}
	}
}

// OnUpdate starts again from the saved progress when the page shows another
// case.
func (q *Quiz) OnUpdate(ctx app.Context) {
	if q.mounted && q.Case != nil && q.Case.ID != q.caseID {
		q.load()
	}
}

// OnNav reads a shared score from the URL (?score=) and, when the URL
// targets a question (#q-ID, see QuestionHref), opens that question. It runs
// on the server too, where it only reads the score.
func (q *Quiz) OnNav(ctx app.Context) {
	if q.Case == nil {
		return
	}
	u := ctx.Page().URL()
	q.shared = sharedScore{}
	if code := u.Query().Get(quiz.ShareParam); code != "" {
		got, max, ok := quiz.ParseShare(q.Case.ID, code)
		q.shared = sharedScore{got: got, max: max, ok: ok}
	}
	if !q.mounted {
		return
	}
	q.openTargeted(u)
}

// load starts the reader on the case's quiz: their saved progress if the
// browser kept a valid one, else the intro.
func (q *Quiz) load() {
	c := q.Case
	q.caseID = c.ID
	q.state = quiz.New(c.Quiz, c.ID)
	q.announce, q.problem, q.copyNote = "", "", ""
	saved, ok := storageGet(quiz.StorageKey(c.ID))
	q.stored = ok
	if s, ok := quiz.Decode(saved, c.Quiz, c.ID); ok {
		q.state = s
	}
	q.startOthers()
	q.countIfFinished()
}

// countIfFinished sends the final score once the reader is at the results
// with every question answered.
func (q *Quiz) countIfFinished() {
	if p, _ := q.state.Where(); p == quiz.AtResults {
		q.countScore()
	}
}

// change applies a step to the reader's state, saves it and clears the
// notes that belonged to the previous step.
func (q *Quiz) change(step func(*quiz.State)) {
	step(&q.state)
	q.problem, q.announce, q.copyNote = "", "", ""
	q.save()
	q.releaseHold()
	q.countIfFinished()
}

// say has the live region announce text to screen readers. Saying the same
// thing twice changes the region all the same (a trailing no-break space),
// so that it is announced again.
func (q *Quiz) say(text string) {
	if text != "" && text == q.announce {
		text += "\u00a0"
	}
	q.announce = text
}

// save keeps the reader's progress in local storage, when there is some.
func (q *Quiz) save() {
	q.stored = storageSet(quiz.StorageKey(q.caseID), q.state.Encode())
}

// releaseHold lets the panel take its own height again (see keepQuizView).
func (q *Quiz) releaseHold() {
	if !q.holding {
		return
	}
	q.holding = false
	if panel, ok := elementByID(quizPanelID); ok {
		setMinHeight(panel, 0)
	}
}

// focusAfterUpdate moves focus to the element with the given id once the
// quiz has rendered its new step.
func (q *Quiz) focusAfterUpdate(id string) {
	q.ctx.Defer(func(app.Context) {
		if id == quizHeadingID {
			focusByID(id)
			return
		}
		focusQuizStep(id)
	})
}

// focusForPlace moves focus to where the reader's new place starts: the
// question's legend, the results heading or the quiz's heading.
func (q *Quiz) focusForPlace() {
	switch p, _ := q.state.Where(); p {
	case quiz.AtQuestion:
		q.focusAfterUpdate(quizLegendID)
	case quiz.AtResults:
		q.focusAfterUpdate(quizResultsID)
	default:
		q.focusAfterUpdate(quizHeadingID)
	}
}

// start opens the first question, or, for a reader who has answered some,
// the first one they have not.
func (q *Quiz) start(ctx app.Context, e app.Event) {
	q.change(func(s *quiz.State) {
		if i := firstUnanswered(*s); i >= 0 && answeredCount(*s) > 0 {
			s.Go(i)
			return
		}
		s.Next()
	})
	q.focusForPlace()
}

// startOver clears every answer and opens the first question.
func (q *Quiz) startOver(ctx app.Context, e app.Event) {
	q.change(func(s *quiz.State) {
		s.Reset()
		s.Next()
	})
	q.say("Your answers are cleared.")
	q.focusForPlace()
}

// tryAgain clears every answer and returns to the intro.
func (q *Quiz) tryAgain(ctx app.Context, e app.Event) {
	q.change(func(s *quiz.State) { s.Reset() })
	q.say("Your answers are cleared. The quiz starts again.")
	q.focusAfterUpdate(quizHeadingID)
}

// previous goes one step back.
func (q *Quiz) previous(ctx app.Context, e app.Event) {
	q.change(func(s *quiz.State) { s.Back() })
	q.focusForPlace()
}

// next goes one step on; from a question left unanswered it is a skip.
func (q *Quiz) next(ctx app.Context, e app.Event) {
	q.change(func(s *quiz.State) { s.Next() })
	q.focusForPlace()
}

// answerSkipped opens the first question the reader left unanswered.
func (q *Quiz) answerSkipped(ctx app.Context, e app.Event) {
	q.change(func(s *quiz.State) { s.Go(firstUnanswered(*s)) })
	q.focusForPlace()
}

// onChoice handles a choice's control changing. It reads which question
// from the state and which choice from the control's value rather than from
// a closure: go-app keeps an element's old handler when the new one is the
// same function, so a closure over the question would go on answering the
// question that the reused element first showed.
func (q *Quiz) onChoice(ctx app.Context, e app.Event) {
	qu, ok := q.state.Current()
	target := e.Get("target")
	j, err := strconv.Atoi(target.Get("value").String())
	if !ok || err != nil || target.Get("name").String() != "quiz-"+qu.ID {
		return
	}
	q.pick(qu, j, target.Get("checked").Bool())
}

// pick records the reader ticking or unticking choice j of question qu,
// before they submit it.
func (q *Quiz) pick(qu casefile.Question, j int, checked bool) {
	resp, _ := q.state.Response(qu.ID)
	if resp.Submitted {
		return
	}
	picks := []int{j}
	if qu.Kind == casefile.MultipleChoice {
		picks = slices.DeleteFunc(slices.Clone(resp.Picks), func(p int) bool { return p == j })
		if checked {
			picks = append(picks, j)
		}
	}
	if q.state.Select(qu.ID, picks) == nil {
		q.problem, q.announce = "", ""
		q.save()
	}
	q.releaseHold()
}

// submit is the question's main button (and Enter in the form): it checks
// the reader's answer, and once checked it moves on.
func (q *Quiz) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	qu, ok := q.state.Current()
	if !ok {
		return
	}
	resp, _ := q.state.Response(qu.ID)
	if resp.Submitted {
		q.next(ctx, e)
		return
	}
	q.releaseHold()
	if len(resp.Picks) == 0 {
		q.problem = "Choose an answer first."
		if qu.Kind == casefile.MultipleChoice {
			q.problem = "Choose at least one answer first."
		}
		q.say(q.problem)
		return
	}
	if err := q.state.Answer(qu.ID, resp.Picks); err != nil {
		q.problem = "This answer could not be checked. Choose again."
		q.say(q.problem)
		return
	}
	q.problem, q.copyNote = "", ""
	q.save()
	q.countAnswer(qu, resp.Picks)
	res, _ := q.state.Result(qu.ID)
	q.say(announcement(qu, res))
	// The button stays where it was, now "Next question"; focus goes back
	// to it in case the reader submitted with Enter from a choice, which is
	// now disabled.
	q.focusAfterUpdate(quizPrimaryID)
}

// copyShareLink copies the share link, or selects it for the reader to copy
// where the browser refuses the clipboard.
func (q *Quiz) copyShareLink(ctx app.Context, e app.Event) {
	got, max := q.state.Score()
	link := shareURL(quiz.ShareCode(q.caseID, got, max))
	copyText(link, func(ok bool) {
		q.ctx.Dispatch(func(app.Context) {
			if ok {
				q.copyNote = "Link copied."
			} else if selectText(quizShareID) {
				q.copyNote = "Link copied."
			} else {
				q.copyNote = "The link is selected: press Ctrl+C (⌘C on a Mac) to copy it."
			}
			q.say(q.copyNote)
		})
	})
}

// firstUnanswered is the index of the first question not yet submitted, or
// -1.
func firstUnanswered(s quiz.State) int {
	for i, it := range s.Review() {
		if !it.Submitted {
			return i
		}
	}
	return -1
}

// answeredCount is how many questions the reader has submitted.
func answeredCount(s quiz.State) int {
	n := 0
	for _, it := range s.Review() {
		if it.Submitted {
			n++
		}
	}
	return n
}

// storyLinks is where the quiz's links to the story lead.
func (q *Quiz) storyLinks() storyLinkTo {
	return storyLinkTo{page: q.Page, newTab: q.Embedded}
}

func (q *Quiz) Render() app.UI {
	c := q.Case
	var body app.UI
	if q.mounted {
		body = q.panel()
	} else {
		body = static(c, quizPanelID, func() app.UI { return quizList(c, q.storyLinks()) })
	}
	return app.Elem("section").Class("quiz").ID("quiz").Aria("labelledby", quizHeadingID).Body(
		app.Elem("h2").ID(quizHeadingID).TabIndex(-1).Text(c.Quiz.Title),
		body,
		// Present from the first render, so that screen readers are
		// listening to it before it first speaks.
		app.Div().ID(quizAnnounceID).Class("visually-hidden").Role("status").Aria("live", "polite").Aria("atomic", "true").Text(q.announce),
	)
}
