package e2e

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"
	"docket/internal/casefile"
	"docket/internal/components"
	"docket/internal/htmlcheck"
	"docket/internal/quiz"
	"docket/internal/routes"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// addScript runs src in every page the tab loads from now on, before the
// page's own scripts.
func addScript(ctx context.Context, src string) error {
	_, err := page.AddScriptToEvaluateOnNewDocument(src).Do(ctx)
	return err
}

// The quiz's end-to-end tests take the default case's whole quiz in
// Chromium: answering right, wrong and partly, by mouse and by keyboard;
// the feedback and its links; going back; the score, review and try again;
// resuming after a reload; the share link; a browser without storage; the
// page without script; the view across the wasm's takeover; and axe-core at
// every step, light and dark, 320 and 1280 px wide, with screenshots in
// bin/screenshots.

// quizCase is the case the quiz tests take: the default case file.
func quizCase(t *testing.T) *casefile.Case {
	t.Helper()
	c := browsertest.DefaultCase(t)
	if len(c.Quiz.Questions) < 4 {
		t.Fatalf("case %s has %d quiz questions; the quiz tests need a real quiz", c.ID, len(c.Quiz.Questions))
	}
	return c
}

// casePath is the page of a case, addressed by id so that the tests do not
// depend on which case the server shows at "/".
func casePath(c *casefile.Case) string { return "/cases/" + c.ID }

// quizDriver takes the quiz in a browser tab.
type quizDriver struct {
	t   *testing.T
	b   *browsertest.Browser
	c   *casefile.Case
	url string // the case page
}

func newQuizDriver(t *testing.T, srv *browsertest.Server, o browsertest.Options) quizDriver {
	c := quizCase(t)
	return quizDriver{t: t, b: newBrowser(t, o), c: c, url: srv.Page(casePath(c))}
}

// newBrowser starts a browser whose viewport is exactly o.Width wide:
// headless Chromium will not make a window narrower than 500px, so a
// narrower width is emulated.
func newBrowser(t *testing.T, o browsertest.Options) *browsertest.Browser {
	b := browsertest.NewBrowser(t, o)
	if o.Width > 0 && o.Height > 0 {
		b.Run(t, chromedp.EmulateViewport(int64(o.Width), int64(o.Height)))
	}
	return b
}

func (d quizDriver) n() int { return len(d.c.Quiz.Questions) }

// open loads the case page (plus suffix: a query or fragment) and waits for
// the interactive quiz.
func (d quizDriver) open(suffix string) {
	d.t.Helper()
	d.b.Run(d.t, chromedp.Navigate(d.url+suffix), browsertest.WaitReady())
	d.waitFor(`document.querySelector("#quiz .quiz-panel") !== null`)
	d.eval(`window.__quizOpened = true`, nil)
}

func (d quizDriver) reload() {
	d.t.Helper()
	d.b.Run(d.t, chromedp.Reload(), browsertest.WaitReady())
	d.waitFor(`document.querySelector("#quiz .quiz-panel") !== null`)
}

// waitFor waits until a JavaScript expression is truthy; on a timeout it
// fails the test with what the quiz shows.
func (d quizDriver) waitFor(expr string) {
	d.t.Helper()
	if err := chromedp.Run(d.b.Ctx, chromedp.Poll(expr, nil, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		var page string
		d.eval(`JSON.stringify({sameDocument: window.__quizOpened === true, url: location.href, scrollY, active: document.activeElement && document.activeElement.outerHTML.slice(0, 120)})`, &page)
		d.t.Fatalf("waiting for %s: %v\nthe page: %s\nthe quiz shows: %+v\nconsole:\n%s", expr, err, page, d.view(), strings.Join(d.b.Console(), "\n"))
	}
}

func (d quizDriver) eval(expr string, out any) {
	d.t.Helper()
	d.b.Run(d.t, chromedp.Evaluate(expr, out))
}

// click clicks an element as a reader would, after scrolling it to the
// middle of the window, where no notice fixed to the window's edge covers
// it.
func (d quizDriver) click(selector string) {
	d.t.Helper()
	d.b.Run(d.t,
		chromedp.WaitVisible(selector, chromedp.ByQuery),
		chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "center"})`, selector), nil),
		chromedp.Click(selector, chromedp.ByQuery),
	)
}

func (d quizDriver) keys(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.b.Run(d.t, chromedp.KeyEvent(k))
	}
}

// quizView is what the quiz shows at one moment.
type quizView struct {
	Intro       bool     `json:"intro"`
	Start       string   `json:"start"`
	Legend      string   `json:"legend"`
	Hint        string   `json:"hint"`
	Verdict     string   `json:"verdict"`
	Credit      string   `json:"credit"`
	Answer      string   `json:"answer"`
	Explanation string   `json:"explanation"`
	Story       []string `json:"story"`
	Terms       []string `json:"terms"`
	Sources     []string `json:"sources"`
	Marks       []string `json:"marks"`
	MarkText    []string `json:"markText"`
	Disabled    []bool   `json:"disabled"`
	Checked     []bool   `json:"checked"`
	InputType   string   `json:"inputType"`
	InFieldset  bool     `json:"inFieldset"`
	Announce    string   `json:"announce"`
	Active      string   `json:"active"`
	Primary     string   `json:"primary"`
	Problem     string   `json:"problem"`
	Shared      string   `json:"shared"`
	Storage     string   `json:"storage"`
}

const quizViewJS = `(() => {
  const q = document.getElementById("quiz");
  const f = q.querySelector(".quiz-feedback");
  const text = (root, sel) => { const e = root && root.querySelector(sel); return e ? e.textContent.trim() : ""; };
  const all = (root, sel, fn) => root ? [...root.querySelectorAll(sel)].map(fn) : [];
  const inputs = [...q.querySelectorAll(".quiz-choice .quiz-input")];
  return {
    intro: q.querySelector(".quiz-intro-step") !== null,
    start: text(q, ".quiz-intro-step #quiz-primary"),
    legend: text(q, "#quiz-legend"),
    hint: text(q, "#quiz-hint"),
    verdict: text(f, ".quiz-verdict"),
    credit: text(f, ".quiz-credit"),
    answer: text(f, ".quiz-answer-line"),
    explanation: text(f, ".quiz-explanation"),
    story: all(f, ".quiz-story a", a => a.getAttribute("href")),
    terms: all(f, ".term summary", s => s.textContent.trim()),
    sources: all(f, ".source-list > li", li => { const a = li.querySelector("a"); return a ? a.getAttribute("href") : "cited: " + li.textContent.trim(); }),
    marks: all(q, ".quiz-choice", l => l.dataset.mark),
    markText: all(q, ".quiz-choice", l => text(l, ".quiz-mark")),
    disabled: inputs.map(i => i.disabled),
    checked: inputs.map(i => i.checked),
    inputType: inputs.length ? inputs[0].type : "",
    inFieldset: inputs.length > 0 && inputs.every(i => i.closest("fieldset") && i.closest("fieldset").querySelector("legend")),
    announce: document.getElementById("quiz-announce").textContent,
    active: document.activeElement ? document.activeElement.id : "",
    primary: text(q, "#quiz-primary"),
    problem: text(q, "#quiz-problem"),
    shared: text(q, ".quiz-shared"),
    storage: text(q, ".quiz-storage"),
  };
})()`

func (d quizDriver) view() quizView {
	d.t.Helper()
	var v quizView
	d.eval(quizViewJS, &v)
	return v
}

// start presses the intro's button and waits for the question it opens.
func (d quizDriver) start(wantQuestion int) {
	d.t.Helper()
	d.click("#quiz .quiz-intro-step #quiz-primary")
	d.waitQuestion(wantQuestion)
}

// waitQuestion waits until question i (0-based) is shown.
func (d quizDriver) waitQuestion(i int) {
	d.t.Helper()
	want := fmt.Sprintf("Question %d of %d", i+1, d.n())
	d.waitFor(fmt.Sprintf(`(document.getElementById("quiz-legend") || {textContent: ""}).textContent.startsWith(%q)`, want))
}

func (d quizDriver) waitFeedback() {
	d.t.Helper()
	d.waitFor(`document.querySelector("#quiz .quiz-feedback") !== null`)
}

func (d quizDriver) waitResults() {
	d.t.Helper()
	d.waitFor(`document.querySelector("#quiz .quiz-results") !== null`)
}

func (d quizDriver) waitIntro() {
	d.t.Helper()
	d.waitFor(`document.querySelector("#quiz .quiz-intro-step") !== null`)
}

// choiceSelector is the label of choice j of question qu.
func choiceSelector(qu casefile.Question, j int) string {
	return fmt.Sprintf(`#quiz label[for="quiz-%s-%d"]`, qu.ID, j)
}

// answerByMouse clicks the choices then "Check answer", and waits for the
// feedback.
func (d quizDriver) answerByMouse(qu casefile.Question, picks []int) {
	d.t.Helper()
	for _, j := range picks {
		d.click(choiceSelector(qu, j))
	}
	// Picking clears a "Choose an answer" message, which moves the button
	// up a line: click it where the reader sees it once the quiz has
	// caught up.
	d.waitFor(fmt.Sprintf(`document.querySelectorAll("#quiz .quiz-input:checked").length === %d && !document.getElementById("quiz-problem")?.textContent`, len(picks)))
	d.click("#quiz #quiz-primary")
	d.waitFeedback()
}

// answerByKeyboard answers from the question's legend, where focus lands
// when a question opens: Tab into the choices, arrows to move between radio
// buttons (which picks them), Space to tick checkboxes and Tab between
// them, and Enter on a radio button (the form's implicit submission) or on
// the "Check answer" button.
func (d quizDriver) answerByKeyboard(qu casefile.Question, picks []int) {
	d.t.Helper()
	if v := d.view(); v.Active != "quiz-legend" {
		d.t.Fatalf("%s: focus is on %q, not on the question's legend", qu.ID, v.Active)
	}
	d.keys(kb.Tab)
	if qu.Kind == casefile.MultipleChoice {
		for j := range qu.Choices {
			if slices.Contains(picks, j) {
				d.keys(" ")
			}
			d.keys(kb.Tab)
		}
		d.waitFor(`document.activeElement && document.activeElement.id === "quiz-primary"`)
		d.keys(kb.Enter)
	} else {
		if picks[0] == 0 {
			d.keys(" ")
		}
		for range picks[0] {
			d.keys(kb.ArrowDown)
		}
		d.waitFor(fmt.Sprintf(`document.querySelectorAll("#quiz .quiz-input:checked").length === 1 && document.getElementById("quiz-%s-%d").checked`, qu.ID, picks[0]))
		d.keys(kb.Enter)
	}
	d.waitFeedback()
}

// next presses the main button once an answer is checked, and waits for
// question i+1 or the results.
func (d quizDriver) next(i int) {
	d.t.Helper()
	d.click("#quiz #quiz-primary")
	if i+1 < d.n() {
		d.waitQuestion(i + 1)
	} else {
		d.waitResults()
	}
}

// rightPicks is the right answer; wrongPick a wrong one.
func rightPicks(qu casefile.Question) []int { return append([]int(nil), qu.Answers...) }

func wrongPick(qu casefile.Question) []int {
	for j := range qu.Choices {
		if !slices.Contains(qu.Answers, j) {
			return []int{j}
		}
	}
	return []int{0}
}

func choicesText(qu casefile.Question, picks []int) string {
	var parts []string
	for _, p := range picks {
		parts = append(parts, qu.Choices[p])
	}
	return strings.Join(parts, "; ")
}

// checkFeedback compares the feedback on question qu, answered with picks,
// with what the case and quiz.Check say it must be.
func (d quizDriver) checkFeedback(qu casefile.Question, picks []int) {
	d.t.Helper()
	t := d.t
	res := quiz.Check(qu, picks)
	v := d.view()
	where := qu.ID
	switch {
	case res.Correct:
		if !strings.Contains(v.Verdict, "Correct.") || !strings.Contains(v.Verdict, "✓") {
			t.Errorf("%s: verdict %q; want ✓ Correct.", where, v.Verdict)
		}
		if v.Announce != "Correct." {
			t.Errorf("%s: live region says %q; want %q", where, v.Announce, "Correct.")
		}
	case res.Credit > 0:
		if !strings.Contains(v.Verdict, "Partly right.") {
			t.Errorf("%s: verdict %q; want Partly right.", where, v.Verdict)
		}
		if !strings.HasPrefix(v.Announce, "Partly right, ") || !strings.Contains(v.Announce, choicesText(qu, qu.Answers)) {
			t.Errorf("%s: live region says %q; want the partial credit and the answers", where, v.Announce)
		}
		if !strings.Contains(v.Credit, "0.5 points") {
			t.Errorf("%s: credit note %q; want it to state 0.5 points", where, v.Credit)
		}
	default:
		if !strings.Contains(v.Verdict, "Not quite.") || !strings.Contains(v.Verdict, "✗") {
			t.Errorf("%s: verdict %q; want ✗ Not quite.", where, v.Verdict)
		}
		if want := choicesText(qu, qu.Answers); !strings.HasPrefix(v.Announce, "Not quite. The answer") || !strings.Contains(v.Announce, want) {
			t.Errorf("%s: live region says %q; want Not quite. and the answer %q", where, v.Announce, want)
		}
	}
	if want := choicesText(qu, qu.Answers); !strings.Contains(v.Answer, want) {
		t.Errorf("%s: answer line %q lacks the right answer %q", where, v.Answer, want)
	}
	if v.Explanation != qu.Explanation {
		t.Errorf("%s: explanation %q; want %q", where, v.Explanation, qu.Explanation)
	}
	var story []string
	for _, id := range qu.Events {
		story = append(story, components.EventHref(routes.Home, id)) // d.c is the default case
	}
	if !equalStrings(v.Story, story) {
		t.Errorf("%s: story links %q; want %q", where, v.Story, story)
	}
	var terms []string
	for _, id := range qu.Terms {
		terms = append(terms, d.c.Term(id).Term)
	}
	if !equalStrings(v.Terms, terms) {
		t.Errorf("%s: terms %q; want %q", where, v.Terms, terms)
	}
	var sources []string
	for _, id := range qu.Sources {
		if s := d.c.Source(id); s.URL != "" {
			sources = append(sources, s.URL)
		} else {
			sources = append(sources, "cited: "+components.SourceCitation(s))
		}
	}
	if !equalStrings(v.Sources, sources) {
		t.Errorf("%s: source links %q; want %q", where, v.Sources, sources)
	}
	for j, m := range res.Marks {
		if j >= len(v.Marks) {
			t.Errorf("%s: %d choices shown; want %d", where, len(v.Marks), len(res.Marks))
			break
		}
		if v.Marks[j] != m.String() {
			t.Errorf("%s: choice %d marked %q; want %q", where, j, v.Marks[j], m)
		}
		if l := m.Label(); l != "" && !strings.Contains(v.MarkText[j], l) {
			t.Errorf("%s: choice %d says %q; want the words %q", where, j, v.MarkText[j], l)
		}
		if !v.Disabled[j] {
			t.Errorf("%s: choice %d can still be changed after the answer was checked", where, j)
		}
	}
	if v.Active != "quiz-primary" {
		t.Errorf("%s: after checking, focus is on %q; want the main button", where, v.Active)
	}
	if v.Primary != "Next question" && v.Primary != "See your score" {
		t.Errorf("%s: main button says %q after checking", where, v.Primary)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// picksFor is how TestQuizTakeWholeQuiz answers each question: the first
// multiple-choice question half right (one of its right answers), the
// others right; every third single-choice or true-false question wrong.
func picksFor(qs []casefile.Question) [][]int {
	out := make([][]int, len(qs))
	multiple := 0
	for i, qu := range qs {
		switch {
		case qu.Kind == casefile.MultipleChoice && multiple == 0 && len(qu.Answers) == 2:
			multiple++
			out[i] = []int{qu.Answers[0]}
		case qu.Kind == casefile.MultipleChoice:
			multiple++
			out[i] = rightPicks(qu)
		case i%3 == 1:
			out[i] = wrongPick(qu)
		default:
			out[i] = rightPicks(qu)
		}
	}
	return out
}

// TestQuizTakeWholeQuiz takes the default case's whole quiz in Chromium:
// right, wrong and partly right answers, by mouse and by keyboard, checking
// the feedback, its links and the live region at every question; a check
// with nothing picked; going back to an answered question; the score and
// the review at the end; the share link; and "Try again".
func TestQuizTakeWholeQuiz(t *testing.T) { browsertest.ForEachSite(t, testQuizTakeWholeQuiz) }

func testQuizTakeWholeQuiz(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	d := newQuizDriver(t, srv, browsertest.Options{})
	qs := d.c.Quiz.Questions
	plan := picksFor(qs)

	d.open("")
	v := d.view()
	if !v.Intro || v.Start != "Start the quiz" {
		t.Fatalf("a fresh visit opens on %+v; want the intro with “Start the quiz”", v)
	}
	var facts, title string
	d.eval(`document.querySelector("#quiz .quiz-facts").textContent`, &facts)
	d.eval(`document.getElementById("quiz-heading").textContent`, &title)
	if !strings.Contains(facts, fmt.Sprintf("%d questions", len(qs))) {
		t.Errorf("intro facts %q do not say how many questions", facts)
	}
	if title != d.c.Quiz.Title {
		t.Errorf("quiz heading %q; want %q", title, d.c.Quiz.Title)
	}

	d.start(0)
	if v := d.view(); v.Active != "quiz-legend" {
		t.Errorf("after Start, focus is on %q; want the question's legend", v.Active)
	}

	keyboardDone := map[casefile.QuestionKind]bool{}
	for i, qu := range qs {
		v := d.view()
		if !strings.HasPrefix(v.Legend, fmt.Sprintf("Question %d of %d", i+1, len(qs))) || !strings.Contains(v.Legend, qu.Prompt) {
			t.Fatalf("question %d: legend %q; want its place and prompt", i+1, v.Legend)
		}
		wantType := "radio"
		if qu.Kind == casefile.MultipleChoice {
			wantType = "checkbox"
		}
		if v.InputType != wantType || !v.InFieldset || len(v.Checked) != len(qu.Choices) {
			t.Errorf("question %d: %d %s controls (in a fieldset with a legend: %v); want %d %s", i+1, len(v.Checked), v.InputType, v.InFieldset, len(qu.Choices), wantType)
		}

		if i == 3 {
			// Checking with nothing picked says so, and checks nothing.
			d.click("#quiz #quiz-primary")
			d.waitFor(`document.getElementById("quiz-problem").textContent !== ""`)
			v := d.view()
			if !strings.HasPrefix(v.Problem, "Choose") || v.Verdict != "" || !strings.HasPrefix(strings.TrimSpace(v.Announce), "Choose") {
				t.Errorf("checking with nothing picked: problem %q, verdict %q, live region %q", v.Problem, v.Verdict, v.Announce)
			}
		}

		if !keyboardDone[qu.Kind] && i > 0 && i != 3 {
			keyboardDone[qu.Kind] = true
			d.answerByKeyboard(qu, plan[i])
		} else {
			d.answerByMouse(qu, plan[i])
		}
		d.checkFeedback(qu, plan[i])

		if i == 2 {
			// Back to the answered question before: its answer is kept,
			// locked and explained; then on again.
			d.click("#quiz .quiz-actions .quiz-button-secondary")
			d.waitQuestion(i - 1)
			d.waitFeedback()
			if v := d.view(); v.Active != "quiz-legend" {
				t.Errorf("after Previous, focus is on %q; want the legend", v.Active)
			}
			d.checkFeedbackLocked(qs[i-1], plan[i-1])
			d.click("#quiz #quiz-primary")
			d.waitQuestion(i)
			d.waitFeedback()
			d.checkFeedbackLocked(qu, plan[i])
		}
		d.next(i)
		if i+1 < len(qs) {
			if v := d.view(); v.Active != "quiz-legend" || v.Verdict != "" {
				t.Errorf("question %d: focus on %q and verdict %q; want the legend focused and no feedback yet", i+2, v.Active, v.Verdict)
			}
		}
	}

	// The results.
	if v := d.view(); v.Active != "quiz-results-heading" {
		t.Errorf("at the results, focus is on %q; want the results heading", v.Active)
	}
	want := quiz.New(d.c.Quiz, d.c.ID)
	for i, qu := range qs {
		if err := want.Answer(qu.ID, plan[i]); err != nil {
			t.Fatal(err)
		}
	}
	got, max := want.Score()
	var results struct {
		Score   string   `json:"score"`
		Message string   `json:"message"`
		Items   int      `json:"items"`
		Yours   []string `json:"yours"`
		Right   []string `json:"right"`
		Kinds   []string `json:"kinds"`
		Share   string   `json:"share"`
	}
	d.eval(`(() => {
  const r = document.querySelector("#quiz .quiz-results");
  const items = [...r.querySelectorAll(".quiz-review-item")];
  return {
    score: r.querySelector(".quiz-score").textContent.trim(),
    message: r.querySelector(".quiz-score-message").textContent.trim(),
    items: items.length,
    yours: items.map(li => li.querySelectorAll("dd")[0].textContent),
    right: items.map(li => li.querySelectorAll("dd")[1].textContent),
    kinds: items.map(li => [...li.classList].find(c => c.startsWith("quiz-review-") && c !== "quiz-review-item")),
    share: document.getElementById("quiz-share-link").value,
  };
})()`, &results)
	if results.Score != quiz.FormatScore(got, max) {
		t.Errorf("score %q; want %q", results.Score, quiz.FormatScore(got, max))
	}
	if results.Message != quiz.ScoreMessage(got, max) {
		t.Errorf("score message %q; want %q", results.Message, quiz.ScoreMessage(got, max))
	}
	if results.Items != len(qs) {
		t.Fatalf("the review lists %d questions; want %d", results.Items, len(qs))
	}
	for i, it := range want.Review() {
		if results.Yours[i] != choicesText(it.Question, it.Picks) || results.Right[i] != choicesText(it.Question, it.Answers) {
			t.Errorf("review of %s: yours %q, right %q", it.Question.ID, results.Yours[i], results.Right[i])
		}
		kind := "quiz-review-wrong"
		if it.Result.Correct {
			kind = "quiz-review-right"
		} else if it.Result.Credit > 0 {
			kind = "quiz-review-partly"
		}
		if results.Kinds[i] != kind {
			t.Errorf("review of %s is %q; want %q", it.Question.ID, results.Kinds[i], kind)
		}
	}
	wantShare := d.url + "?" + quiz.ShareParam + "=" + url.QueryEscape(quiz.ShareCode(d.c.ID, got, max)) + "#quiz"
	if results.Share != wantShare {
		t.Errorf("share link %q; want %q", results.Share, wantShare)
	}
	d.click("#quiz .quiz-share .quiz-button")
	d.waitFor(`document.querySelector("#quiz .quiz-copy-note") && document.querySelector("#quiz .quiz-copy-note").textContent !== ""`)

	// Try again: back to the intro, nothing answered, and so after a reload.
	d.click("#quiz .quiz-results #quiz-primary")
	d.waitIntro()
	if v := d.view(); v.Start != "Start the quiz" || v.Active != "quiz-heading" {
		t.Errorf("after Try again: start button %q, focus on %q; want “Start the quiz” and the quiz heading", v.Start, v.Active)
	}
	d.reload()
	if v := d.view(); !v.Intro || v.Start != "Start the quiz" {
		t.Errorf("after Try again and a reload: %+v; want a fresh intro", v)
	}
	if errs := d.b.Errors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// checkFeedbackLocked checks a question seen again after its answer was
// checked: the reader's picks still ticked, nothing changeable, and the
// feedback shown.
func (d quizDriver) checkFeedbackLocked(qu casefile.Question, picks []int) {
	d.t.Helper()
	v := d.view()
	for j := range qu.Choices {
		if v.Checked[j] != slices.Contains(picks, j) || !v.Disabled[j] {
			d.t.Errorf("%s seen again: choice %d checked=%v disabled=%v; want checked=%v and locked", qu.ID, j, v.Checked[j], v.Disabled[j], slices.Contains(picks, j))
		}
	}
	if v.Explanation != qu.Explanation {
		d.t.Errorf("%s seen again: explanation %q", qu.ID, v.Explanation)
	}
}

// TestQuizResumeAfterReload answers two questions, picks a third without
// checking it, and reloads: the reader is back on the third with their pick,
// and the first two are still answered. A fresh browser starts at the
// intro, and a stored state that was tampered with is ignored.
func TestQuizResumeAfterReload(t *testing.T) { browsertest.ForEachSite(t, testQuizResumeAfterReload) }

func testQuizResumeAfterReload(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	d := newQuizDriver(t, srv, browsertest.Options{})
	qs := d.c.Quiz.Questions

	d.open("")
	d.start(0)
	d.answerByMouse(qs[0], rightPicks(qs[0]))
	d.next(0)
	d.answerByMouse(qs[1], wrongPick(qs[1]))
	d.next(1)
	d.click(choiceSelector(qs[2], wrongPick(qs[2])[0]))
	d.waitFor(`document.querySelectorAll("#quiz .quiz-input:checked").length === 1`)

	d.reload()
	d.waitQuestion(2)
	v := d.view()
	if !v.Checked[wrongPick(qs[2])[0]] || v.Disabled[0] || v.Verdict != "" {
		t.Errorf("after a reload, question 3 shows checked=%v disabled=%v verdict=%q; want the pick kept and still open", v.Checked, v.Disabled, v.Verdict)
	}
	d.click("#quiz .quiz-actions .quiz-button-secondary")
	d.waitQuestion(1)
	d.waitFeedback()
	if v := d.view(); !strings.Contains(v.Verdict, "Not quite") {
		t.Errorf("after a reload, question 2's verdict is %q; want the wrong answer kept", v.Verdict)
	}

	var stored string
	d.eval(fmt.Sprintf(`localStorage.getItem(%q) || ""`, quiz.StorageKey(d.c.ID)), &stored)
	if _, ok := quiz.Decode(stored, d.c.Quiz, d.c.ID); !ok {
		t.Errorf("local storage holds %q, which does not decode as the quiz's state", stored)
	}

	// A tampered state is ignored: the quiz starts afresh, without errors.
	d.b.Run(t, chromedp.Evaluate(fmt.Sprintf(`localStorage.setItem(%q, %q)`, quiz.StorageKey(d.c.ID), stored[:len(stored)-3]+"zzz"), nil))
	d.reload()
	if v := d.view(); !v.Intro || v.Start != "Start the quiz" {
		t.Errorf("with a tampered stored state the quiz shows %+v; want a fresh intro", v)
	}

	// Another browser, another reader: a fresh start.
	d2 := newQuizDriver(t, srv, browsertest.Options{})
	d2.open("")
	if v := d2.view(); !v.Intro || v.Start != "Start the quiz" {
		t.Errorf("a fresh visit shows %+v; want the intro", v)
	}
	for _, b := range []*browsertest.Browser{d.b, d2.b} {
		if errs := b.Errors(); len(errs) > 0 {
			t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
		}
	}
}

// TestQuizShareLink opens the link a reader shares: the sharer's score is
// shown as their claim, and the visitor's own progress is neither created
// nor changed. A tampered or malformed code shows nothing and breaks
// nothing.
func TestQuizShareLink(t *testing.T) { browsertest.ForEachSite(t, testQuizShareLink) }

func testQuizShareLink(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	d := newQuizDriver(t, srv, browsertest.Options{})
	n := d.n()
	code := quiz.ShareCode(d.c.ID, 7, n)
	key := quiz.StorageKey(d.c.ID)

	d.open("?" + quiz.ShareParam + "=" + url.QueryEscape(code) + "#quiz")
	v := d.view()
	if want := fmt.Sprintf("A reader shared their score with you: %s. Can you beat it?", quiz.FormatScore(7, n)); !strings.HasSuffix(v.Shared, want) {
		t.Errorf("shared note %q; want %q", v.Shared, want)
	}
	var stored any
	d.eval(fmt.Sprintf(`localStorage.getItem(%q)`, key), &stored)
	if stored != nil {
		t.Errorf("opening a share link stored %v; want nothing", stored)
	}

	// A reader with progress of their own keeps it.
	qs := d.c.Quiz.Questions
	d.start(0)
	d.answerByMouse(qs[0], rightPicks(qs[0]))
	var before, after string
	d.eval(fmt.Sprintf(`localStorage.getItem(%q)`, key), &before)
	d.open("?" + quiz.ShareParam + "=" + url.QueryEscape(code) + "#quiz")
	d.waitQuestion(0)
	d.waitFeedback()
	d.eval(fmt.Sprintf(`localStorage.getItem(%q)`, key), &after)
	if before != after {
		t.Errorf("a share link changed the reader's stored state from %q to %q", before, after)
	}

	for _, bad := range []string{
		strings.Replace(code, "7", "9", 1), // edited score
		quiz.ShareCode("another-case", 7, n),
		"7-" + fmt.Sprint(n),
		"%00%ff",
		strings.Repeat("9", 200),
	} {
		d2 := newQuizDriver(t, srv, browsertest.Options{})
		d2.open("?" + quiz.ShareParam + "=" + url.QueryEscape(bad) + "#quiz")
		if v := d2.view(); v.Shared != "" || !v.Intro {
			t.Errorf("share code %q: note %q, intro %v; want no note and the intro", bad, v.Shared, v.Intro)
		}
		if errs := d2.b.Errors(); len(errs) > 0 {
			t.Errorf("share code %q: console errors:\n%s", bad, strings.Join(errs, "\n"))
		}
	}
}

// TestQuizWithoutStorage takes the quiz in a browser whose local storage
// refuses every read and write (as private modes and some embeds do): the
// quiz works, says it will not remember, and a reload starts afresh.
func TestQuizWithoutStorage(t *testing.T) { browsertest.ForEachSite(t, testQuizWithoutStorage) }

func testQuizWithoutStorage(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	d := newQuizDriver(t, srv, browsertest.Options{})
	d.b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		return addScript(ctx, `(() => {
  const refuse = function () { throw new DOMException("The operation is insecure.", "SecurityError"); };
  Storage.prototype.getItem = refuse;
  Storage.prototype.setItem = refuse;
})();`)
	}))
	qs := d.c.Quiz.Questions
	d.open("")
	if v := d.view(); !strings.Contains(v.Storage, "not keeping your answers") {
		t.Errorf("without storage the intro says %q; want that answers are not kept", v.Storage)
	}
	d.start(0)
	d.answerByMouse(qs[0], rightPicks(qs[0]))
	d.checkFeedback(qs[0], rightPicks(qs[0]))
	d.next(0)
	d.reload()
	if v := d.view(); !v.Intro {
		t.Errorf("without storage a reload shows %+v; want the intro", v)
	}
	if errs := d.b.Errors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestQuizEventLinkOpensTimeline follows a feedback link to the story: it
// opens the timeline on that event.
func TestQuizEventLinkOpensTimeline(t *testing.T) {
	browsertest.ForEachSite(t, testQuizEventLinkOpensTimeline)
}

func testQuizEventLinkOpensTimeline(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	d := newQuizDriver(t, srv, browsertest.Options{})
	qs := d.c.Quiz.Questions
	i := -1
	for j, qu := range qs {
		if len(qu.Events) > 0 {
			i = j
			break
		}
	}
	if i < 0 {
		t.Fatal("no question of the case links to an event: the test needs one that does")
	}
	d.open("")
	d.start(0)
	for j := 0; j < i; j++ {
		d.click("#quiz .quiz-button-quiet")
		d.waitQuestion(j + 1)
	}
	d.answerByMouse(qs[i], rightPicks(qs[i]))
	event := qs[i].Events[0]
	d.click("#quiz .quiz-story a")
	d.waitFor(fmt.Sprintf(`location.search.includes("event=%s") && location.hash === "#%s"`, event, event))
	d.waitFor(fmt.Sprintf(`(() => { const e = document.getElementById(%q); if (!e) return false; const r = e.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })()`, event))
}

// TestQuizNoScript checks the quiz without script, as the server sends it
// and as Chromium shows it with JavaScript off: every question with its
// choices, and behind a disclosure the answer, why, the story, key terms and
// sources.
func TestQuizNoScript(t *testing.T) { browsertest.ForEachSite(t, testQuizNoScript) }

func testQuizNoScript(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := quizCase(t)
	status, html := srv.Get(t, casePath(c))
	if status != 200 {
		t.Fatalf("GET %s = %d", casePath(c), status)
	}
	doc := htmlcheck.Parse(t, html)
	items := doc.All(t, "#quiz li.quiz-question")
	if len(items) != len(c.Quiz.Questions) {
		t.Fatalf("prerendered quiz lists %d questions; want %d", len(items), len(c.Quiz.Questions))
	}
	if n := doc.Count(t, "#quiz form, #quiz input"); n != 0 {
		t.Errorf("prerendered quiz has %d form controls; want none (they would do nothing without script)", n)
	}
	for _, qu := range c.Quiz.Questions {
		sel := "#" + "q-" + qu.ID
		if got := doc.Text(t, sel+" h3.quiz-prompt"); got != qu.Prompt {
			t.Errorf("%s: prompt %q; want %q", qu.ID, got, qu.Prompt)
		}
		if got := doc.Count(t, sel+" .quiz-list-choices > li"); got != len(qu.Choices) {
			t.Errorf("%s: %d choices; want %d", qu.ID, got, len(qu.Choices))
		}
		if got := doc.Text(t, sel+" details.quiz-reveal > summary"); got != "Show the answer" {
			t.Errorf("%s: disclosure %q", qu.ID, got)
		}
		if got := doc.Text(t, sel+" details .quiz-answer-line"); !strings.Contains(got, choicesText(qu, qu.Answers)) {
			t.Errorf("%s: answer %q lacks %q", qu.ID, got, choicesText(qu, qu.Answers))
		}
		if got := doc.Text(t, sel+" details .quiz-explanation"); got != qu.Explanation {
			t.Errorf("%s: explanation %q", qu.ID, got)
		}
		if got := doc.Count(t, sel+" details .quiz-story a"); got != len(qu.Events) {
			t.Errorf("%s: %d story links; want %d", qu.ID, got, len(qu.Events))
		}
		if got := doc.Count(t, sel+" details .term"); got != len(qu.Terms) {
			t.Errorf("%s: %d terms; want %d", qu.ID, got, len(qu.Terms))
		}
		if got := doc.Count(t, sel+" details .source-list > li"); got != len(qu.Sources) {
			t.Errorf("%s: %d sources; want %d", qu.ID, got, len(qu.Sources))
		}
		if got, want := doc.Count(t, sel+" details .source-list a[href]"), linkedSources(c, qu.Sources); got != want {
			t.Errorf("%s: %d source links; want %d", qu.ID, got, want)
		}
	}

	first := "#q-" + c.Quiz.Questions[0].ID
	for _, width := range []int{320, 1280} {
		// With JavaScript off: the answer opens.
		b := newBrowser(t, browsertest.Options{NoScript: true, Width: width, Height: 900})
		var open bool
		b.Run(t,
			chromedp.Navigate(srv.URL+casePath(c)+"#quiz"),
			chromedp.WaitVisible(first, chromedp.ByQuery),
			chromedp.Click(first+" summary", chromedp.ByQuery),
			chromedp.WaitVisible(first+" .quiz-explanation", chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector("`+first+` details").open`, &open),
		)
		if !open {
			t.Errorf("%dpx without script: the answer does not open", width)
		}
		b.ScreenshotElement(t, fmt.Sprintf("quiz-noscript-%d", width), first)

		// axe-core needs script, so it checks the same prerendered quiz
		// with script on and the wasm held back (go-app's ?wasm=false),
		// which is also the page before the wasm has loaded.
		b2 := newBrowser(t, browsertest.Options{Width: width, Height: 900})
		b2.Run(t,
			chromedp.Navigate(srv.URL+casePath(c)+"?wasm=false#quiz"),
			chromedp.WaitVisible(first, chromedp.ByQuery),
			chromedp.Click(first+" summary", chromedp.ByQuery),
			chromedp.WaitVisible(first+" .quiz-explanation", chromedp.ByQuery),
		)
		for _, scheme := range []string{"light", "dark"} {
			b2.Run(t, browsertest.EmulateColorScheme(scheme))
			b2.CheckAxeWithin(t, "#quiz", fmt.Sprintf("prerendered, %dpx, %s", width, scheme))
			b2.ScreenshotElement(t, fmt.Sprintf("quiz-prerendered-%d-%s", width, scheme), first)
		}
	}
}

// TestQuizMountKeepsView loads the page already scrolled (as a reload or a
// link does) to three places and checks that the wasm's switch from the
// list to the interactive quiz does not move what the reader is looking at.
func TestQuizMountKeepsView(t *testing.T) { browsertest.ForEachSite(t, testQuizMountKeepsView) }

func testQuizMountKeepsView(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	c := quizCase(t)
	cases := []struct {
		name   string
		scroll string // run once the prerendered page is parsed, before the wasm starts
		check  string // true once the wasm has mounted, if the view held
	}{
		{
			name:   "quiz heading in view",
			scroll: `scrollTo(0, scrollY + document.getElementById("quiz-heading").getBoundingClientRect().top - 200); window.__before = document.getElementById("quiz-heading").getBoundingClientRect().top;`,
			check:  `Math.abs(document.getElementById("quiz-heading").getBoundingClientRect().top - window.__before) < 2 && (!document.getElementById("glossary") || document.getElementById("glossary").getBoundingClientRect().top >= innerHeight - 1)`,
		},
		{
			name:   "inside the list",
			scroll: `document.querySelectorAll("#quiz .quiz-question")[5].scrollIntoView(); window.__before = 0;`,
			check:  `Math.abs(document.getElementById("quiz").getBoundingClientRect().top) < 2`,
		},
		{
			name:   "below the quiz",
			scroll: `window.__before = quizNext().getBoundingClientRect().top; quizNext().scrollIntoView(); window.__before = quizNext().getBoundingClientRect().top;`,
			check:  `Math.abs(quizNext().getBoundingClientRect().top - window.__before) < 2`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := browsertest.NewBrowser(t, browsertest.Options{})
			b.Run(t, browsertest.TrackLayoutShift(), chromedp.ActionFunc(func(ctx context.Context) error {
				// quizNext finds the element after the quiz afresh: the
				// takeover replaces every element of the page.
				return addScript(ctx, `window.quizNext = () => document.getElementById("quiz").nextElementSibling || document.querySelector("footer");
document.addEventListener("DOMContentLoaded", () => { `+tc.scroll+` });`)
			}))
			var cls float64
			var ok bool
			check := tc.check
			b.Run(t,
				chromedp.Navigate(srv.URL+casePath(c)),
				browsertest.WaitReady(),
				chromedp.Poll(`document.querySelector("#quiz .quiz-panel") !== null`, nil, chromedp.WithPollingTimeout(10*time.Second)),
				chromedp.Sleep(300*time.Millisecond),
				chromedp.Evaluate(check, &ok),
				chromedp.Evaluate(`window.__docketCLS`, &cls),
			)
			if !ok {
				var where string
				b.Run(t, chromedp.Evaluate(`JSON.stringify({quiz: document.getElementById("quiz").getBoundingClientRect().top, heading: document.getElementById("quiz-heading").getBoundingClientRect().top, before: window.__before, scrollY})`, &where))
				t.Errorf("the view moved across the wasm's takeover: %s", where)
			}
			if cls >= 0.02 {
				t.Errorf("cumulative layout shift across the takeover = %.4f; want < 0.02", cls)
			}
			b.ScreenshotViewport(t, "quiz-mount-"+strings.ReplaceAll(tc.name, " ", "-"))
		})
	}
}

// TestQuizAccessibleAtEveryStep runs axe-core on the quiz at the intro, a
// question, its feedback and the results, in light and dark mode, 320 and
// 1280 px wide, and saves a screenshot of each.
func TestQuizAccessibleAtEveryStep(t *testing.T) {
	browsertest.ForEachSite(t, testQuizAccessibleAtEveryStep)
}

func testQuizAccessibleAtEveryStep(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	for _, width := range []int{320, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			d := newQuizDriver(t, srv, browsertest.Options{Width: width, Height: 900})
			qs := d.c.Quiz.Questions
			check := func(step string) {
				// Let the feedback's fade-in finish: axe measures colours
				// as they are painted.
				d.waitFor(`document.getAnimations().every(a => a.playState === "finished")`)
				for _, scheme := range []string{"light", "dark"} {
					d.b.Run(t, browsertest.EmulateColorScheme(scheme))
					where := fmt.Sprintf("%s, %dpx, %s", step, width, scheme)
					d.b.CheckAxeWithin(t, "#quiz", where)
					d.b.ScreenshotElement(t, fmt.Sprintf("quiz-%s-%d-%s", step, width, scheme), "#quiz")
				}
				d.b.Run(t, browsertest.EmulateColorScheme("light"))
			}
			d.open("?" + quiz.ShareParam + "=" + url.QueryEscape(quiz.ShareCode(d.c.ID, 7, len(qs))))
			check("intro")
			d.start(0)
			d.click(choiceSelector(qs[0], wrongPick(qs[0])[0]))
			d.waitFor(`document.querySelectorAll("#quiz .quiz-input:checked").length === 1`)
			check("question")
			d.click("#quiz #quiz-primary")
			d.waitFeedback()
			check("feedback-wrong")
			m := -1
			for i, qu := range qs {
				if qu.Kind == casefile.MultipleChoice && len(qu.Answers) == 2 {
					m = i
					break
				}
			}
			for i := 1; i < len(qs); i++ {
				d.next(i - 1)
				picks := rightPicks(qs[i])
				if i == m {
					picks = []int{qs[i].Answers[0]}
				}
				d.answerByMouse(qs[i], picks)
				if i == 1 {
					check("feedback-right")
				}
				if i == m {
					check("feedback-partly")
				}
			}
			d.next(len(qs) - 1)
			check("results")
		})
	}
}

// TestQuizQuestionLink opens a link to one question (QuestionHref, as the
// timeline may give): the interactive quiz opens on that question, in view.
func TestQuizQuestionLink(t *testing.T) { browsertest.ForEachSite(t, testQuizQuestionLink) }

func testQuizQuestionLink(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	d := newQuizDriver(t, srv, browsertest.Options{})
	qu := d.c.Quiz.Questions[2]
	d.open(components.QuestionHref(qu.ID))
	d.waitQuestion(2)
	d.waitFor(`(() => { const r = document.getElementById("quiz-legend").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`)
}

// TestQuizSkipToResults skips every question: the results score nothing,
// count them as not answered, and offer to answer them, which opens the
// first.
func TestQuizSkipToResults(t *testing.T) { browsertest.ForEachSite(t, testQuizSkipToResults) }

func testQuizSkipToResults(t *testing.T, site browsertest.Site) {
	srv := site.Start(t)
	d := newQuizDriver(t, srv, browsertest.Options{})
	n := d.n()
	d.open("")
	d.start(0)
	for i := range n {
		d.click("#quiz .quiz-button-quiet")
		if i+1 < n {
			d.waitQuestion(i + 1)
		}
	}
	d.waitResults()
	var score, tally string
	d.eval(`document.querySelector("#quiz .quiz-score").textContent`, &score)
	d.eval(`document.querySelector("#quiz .quiz-tally").textContent`, &tally)
	if want := quiz.FormatScore(0, n); score != want {
		t.Errorf("score %q; want %q", score, want)
	}
	if want := fmt.Sprintf("%d not answered", n); !strings.Contains(tally, want) {
		t.Errorf("tally %q; want %q", tally, want)
	}
	d.click("#quiz .quiz-results .quiz-actions .quiz-button-secondary")
	d.waitQuestion(0)
}
