package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"docket/internal/answers"
	"docket/internal/browsertest"
	"docket/internal/casefile"
	"docket/internal/quiz"
	"docket/internal/store"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// How other readers answered, in Chromium against `docket serve`: the
// reader's answers are counted once per browser, the shares appear under
// the feedback once 30 readers have answered and not before, the score is
// compared at the end, and with the counting endpoint down or off the quiz
// works as it always did.

// settledFetches counts, in the page, the fetches of answer counts that
// have settled (answered or failed), so that a test can wait for the quiz
// to have heard back before it looks for what it shows.
const settledFetches = `(() => {
  window.__answersSettled = 0;
  window.__answersStarted = 0;
  const f = window.fetch;
  window.fetch = function(url, opts) {
    const counted = String(url).includes("/answers");
    if (counted) window.__answersStarted++;
    const p = f.apply(this, arguments);
    if (counted) p.then(() => window.__answersSettled++, () => window.__answersSettled++);
    return p;
  };
})()`

// countsDB opens the served database beside the server, as a second
// process would, to seed and read counts.
func countsDB(t *testing.T, dbURL string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// serveWithCounts runs `docket serve` (with extra flags) on a new SQLite
// database, and opens that database to seed and read answers' counts.
func serveWithCounts(t *testing.T, flags ...string) (*browsertest.Server, *store.DB) {
	t.Helper()
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "docket.db")
	return browsertest.StartServer(t, append([]string{"-db", dbURL}, flags...)...), countsDB(t, dbURL)
}

// seedAnswers adds n readers' answers to question qu, all picking choice.
func seedAnswers(t *testing.T, db *store.DB, c *casefile.Case, qu casefile.Question, choice, n int) {
	t.Helper()
	var cs []store.Counted
	for range n {
		cs = append(cs, store.Counted{CaseID: c.ID, Version: answers.Version(c), Question: qu.ID, Choices: []int{choice}, Correct: quiz.Check(qu, []int{choice}).Correct})
	}
	if err := db.AddCounts(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
}

func answered(t *testing.T, db *store.DB, c *casefile.Case, qid string) int64 {
	t.Helper()
	counts, err := db.Counts(context.Background(), c.ID, answers.Version(c))
	if err != nil {
		t.Fatal(err)
	}
	return counts.Questions[qid].Answered
}

// waitSettled waits until every fetch of counts the page started has
// settled, and at least n have.
func (d quizDriver) waitSettled(n int) {
	d.t.Helper()
	d.waitFor(fmt.Sprintf(`window.__answersSettled >= %d && window.__answersSettled === window.__answersStarted`, n))
}

// othersText is what the quiz shows of other readers under the feedback.
func (d quizDriver) othersText() string {
	var s string
	d.eval(`(document.querySelector("#quiz .quiz-feedback .quiz-others") || {innerText: ""}).innerText`, &s)
	return s
}

func TestOtherReadersAnswers(t *testing.T) {
	browsertest.Parallel(t)
	srv, db := serveWithCounts(t)
	c := quizCase(t)
	q0, q1 := c.Quiz.Questions[0], c.Quiz.Questions[1]
	// Question 1: 29 readers, 30 with ours, all wrong; question 2: 28, 29
	// with ours: below the threshold.
	wrong0 := wrongPick(q0)[0]
	seedAnswers(t, db, c, q0, wrong0, 29)
	seedAnswers(t, db, c, q1, q1.Answers[0], 28)

	d := newQuizDriver(t, srv, browsertest.Options{})
	d.b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error { return addScript(ctx, settledFetches) }))
	d.open("")
	if v := d.view(); !strings.Contains(v.Storage, "counted, once and anonymously") {
		t.Errorf("the intro does not say answers are counted: %q", v.Storage)
	}
	var privacy string
	d.eval(`document.querySelector("#quiz .quiz-storage a").getAttribute("href")`, &privacy)
	if privacy != "/privacy/" {
		t.Errorf("the intro's privacy link leads to %q", privacy)
	}
	d.start(0)
	d.answerByMouse(q0, rightPicks(q0))
	d.waitFor(`document.querySelector("#quiz .quiz-feedback .quiz-others") !== null`)
	others := d.othersText()
	right := q0.Answers[0]
	for _, want := range []string{
		"How 30 readers answered",
		"Most readers got this wrong: only 3% of 30 readers got it right.",
		q0.Choices[wrong0] + "\n97% (29 readers)",
		q0.Choices[right] + "\n3% (1 reader)",
		"How answers are counted",
	} {
		if !strings.Contains(others, want) {
			t.Errorf("under the feedback, no %q in:\n%s", want, others)
		}
	}
	var meters int
	d.eval(`document.querySelectorAll("#quiz .quiz-others meter").length`, &meters)
	if meters != len(q0.Choices) {
		t.Errorf("%d bars for %d choices", meters, len(q0.Choices))
	}
	if n := answered(t, db, c, q0.ID); n != 30 {
		t.Errorf("question 1 counts %d answers; want 30 (ours acknowledged)", n)
	}
	d.b.CheckAxe(t, "other readers' answers under the feedback")
	d.b.Screenshot(t, "quiz-others")
	var shot []byte
	d.b.Run(t, chromedp.Screenshot("#quiz .quiz-feedback", &shot, chromedp.ByQuery))
	if err := os.WriteFile(filepath.Join(browsertest.ModuleRoot(t), "bin", "screenshots", "quiz-others-feedback.png"), shot, 0o644); err != nil {
		t.Error(err)
	}

	d.next(0)
	d.answerByMouse(q1, rightPicks(q1))
	d.waitSettled(5) // the counts at start; then our answer and the counts, twice
	if n := answered(t, db, c, q1.ID); n != 29 {
		t.Errorf("question 2 counts %d answers; want 29", n)
	}
	if s := d.othersText(); s != "" {
		t.Errorf("29 readers answered, but the feedback shows:\n%s", s)
	}

	// Once per browser: after a reload and "Try again", the same answers
	// are not counted again.
	var sent string
	d.eval(fmt.Sprintf(`localStorage.getItem(%q)`, answers.SentKey(c.ID, answers.Version(c))), &sent)
	if sent != q0.ID+" "+q1.ID {
		t.Errorf("the browser's note of what it sent: %q", sent)
	}
	d.reload()
	d.waitSettled(1)
	d.click("#quiz #quiz-primary") // back on question 2, answered: next
	d.waitQuestion(2)
	d.click(`#quiz .quiz-actions .quiz-button-secondary`) // Previous
	d.waitQuestion(1)
	d.click(`#quiz .quiz-actions .quiz-button-secondary`)
	d.waitQuestion(0)
	d.click(`#quiz .quiz-actions .quiz-button-secondary`)
	d.waitIntro()
	d.click(`#quiz .quiz-intro-step .quiz-button-secondary`) // Start over
	d.waitQuestion(0)
	d.answerByMouse(q0, wrongPick(q0))
	d.waitFor(`document.querySelector("#quiz .quiz-feedback .quiz-others") !== null`)
	d.waitSettled(1)
	var started int
	d.eval(`window.__answersStarted`, &started)
	if started != 1 {
		t.Errorf("after a reload, the quiz made %d requests to count; want 1, reading the counts", started)
	}
	if n := answered(t, db, c, q0.ID); n != 30 {
		t.Errorf("after a reload and starting over, question 1 counts %d answers; want still 30", n)
	}
	if errs := d.b.Errors(); len(errs) > 0 {
		t.Errorf("the page logged errors: %v", errs)
	}
}

// TestScoreComparedWithOthers finishes the quiz with a score that 40
// readers' scores are spread around, and reads the comparison.
func TestScoreComparedWithOthers(t *testing.T) {
	browsertest.Parallel(t)
	srv, db := serveWithCounts(t)
	c := quizCase(t)
	n := len(c.Quiz.Questions)
	var cs []store.Counted
	for i := range 40 {
		score := n - 1 // 10 scored as we will (all right), 30 lower
		if i < 30 {
			score = i % (n - 1)
		}
		if i >= 30 {
			score = n
		}
		cs = append(cs, store.Counted{CaseID: c.ID, Version: answers.Version(c), Score: score})
	}
	if err := db.AddCounts(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	// Every question answered right but the last, saved as the quiz saves.
	s := quiz.New(c.Quiz, c.ID)
	for _, qu := range c.Quiz.Questions[:n-1] {
		if err := s.Answer(qu.ID, rightPicks(qu)); err != nil {
			t.Fatal(err)
		}
	}
	s.Go(n - 1)
	d := newQuizDriver(t, srv, browsertest.Options{})
	d.b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		return addScript(ctx, fmt.Sprintf(`localStorage.setItem(%q, %q);`, quiz.StorageKey(c.ID), s.Encode())+settledFetches)
	}))
	d.open("")
	d.waitQuestion(n - 1)
	last := c.Quiz.Questions[n-1]
	d.answerByMouse(last, rightPicks(last))
	d.next(n - 1)
	// The comparison first shows the 40 others, then, once our score is
	// counted, the 41 of us.
	d.waitFor(`(document.querySelector("#quiz .quiz-compare") || {textContent: ""}).textContent.includes("of the 41 readers")`)
	var text string
	d.eval(`document.querySelector("#quiz .quiz-compare").innerText`, &text)
	// 41 finished with ours: 30 lower, 11 the same (all right).
	want := "You scored better than 73% of the 41 readers who finished this quiz; 27% scored the same."
	if !strings.HasPrefix(text, want) {
		t.Errorf("the comparison reads %q; want %q", text, want)
	}
	counts, _ := db.Counts(context.Background(), c.ID, answers.Version(c))
	if counts.Scores[n] != 11 {
		t.Errorf("%d readers scored %d; want 11 with ours", counts.Scores[n], n)
	}
}

// TestQuizWithCountsDown takes the quiz with the counting endpoint
// unreachable (the browser blocks it), and with counting off: the quiz
// works as always, and shows no error and no numbers.
func TestQuizWithCountsDown(t *testing.T) {
	// Not in parallel (browsertest.Parallel): its servers differ in answer counting (-stats=false).
	for _, tc := range []struct {
		name  string
		flags []string
		block bool
	}{
		{"unreachable", nil, true},
		{"off", []string{"-stats=false"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := browsertest.StartServer(t, tc.flags...)
			d := newQuizDriver(t, srv, browsertest.Options{})
			d.b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error { return addScript(ctx, settledFetches) }))
			if tc.block {
				d.b.Run(t, network.Enable(), network.SetBlockedURLs([]string{"*/answers*"}))
			}
			d.open("")
			if v := d.view(); tc.name == "off" && !strings.Contains(v.Storage, "Nothing about you is sent") {
				t.Errorf("with counting off, the intro says: %q", v.Storage)
			}
			for i, qu := range d.c.Quiz.Questions[:3] {
				if i == 0 {
					d.start(0)
				}
				d.answerByMouse(qu, rightPicks(qu))
				if v := d.view(); !strings.HasPrefix(v.Verdict, "✓") || v.Problem != "" {
					t.Errorf("question %d: verdict %q, problem %q", i+1, v.Verdict, v.Problem)
				}
				d.next(i)
			}
			var started int
			d.eval(`window.__answersStarted`, &started)
			if tc.block {
				d.waitSettled(4) // the counts at start, then 3 answers
			} else if started != 0 {
				t.Errorf("with counting off, the quiz made %d requests to count", started)
			}
			if s := d.othersText(); s != "" {
				t.Errorf("numbers shown: %q", s)
			}
			var problems string
			d.eval(`[...document.querySelectorAll("#quiz .quiz-problem")].map(e => e.textContent).join("")`, &problems)
			if problems != "" {
				t.Errorf("the quiz shows a problem: %q", problems)
			}
		})
	}
}

// TestExportCountsElsewhere exports the site with -stats-url naming a
// Docket server that allows the export's origin (-stats-origin): the
// exported quiz sends its answers there and shows the counts; an export
// without -stats-url calls nothing.
func TestExportCountsElsewhere(t *testing.T) {
	// Not in parallel (browsertest.Parallel): its export and server differ in where answers are counted.
	exportAddr := browsertest.FreeAddr(t)
	srv, db := serveWithCounts(t, "-stats-origin", "http://"+exportAddr)
	site := browsertest.StartExport(t, "/", "-addr", exportAddr, "-stats-url", srv.URL+"/")
	c := quizCase(t)
	q0 := c.Quiz.Questions[0]
	seedAnswers(t, db, c, q0, q0.Answers[0], 30)

	if code, page := site.Get(t, "/privacy/"); code != 200 || !strings.Contains(page, "by the Docket server at "+strings.TrimPrefix(srv.URL, "http://")) {
		t.Errorf("the export's privacy page (%d) does not name the server that counts:\n%s", code, page)
	}
	d := newQuizDriver(t, site, browsertest.Options{})
	d.b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error { return addScript(ctx, settledFetches) }))
	d.open("")
	d.start(0)
	d.answerByMouse(q0, rightPicks(q0))
	d.waitFor(`(document.querySelector("#quiz .quiz-others-heading") || {textContent: ""}).textContent === "How 31 readers answered"`)
	if n := answered(t, db, c, q0.ID); n != 31 {
		t.Errorf("the server counts %d answers; want 31 with the export's reader", n)
	}
	if errs := d.b.Errors(); len(errs) > 0 {
		t.Errorf("the exported page logged errors (CSP, CORS?): %v", errs)
	}

	plain := browsertest.StartExport(t, "/")
	p := newQuizDriver(t, plain, browsertest.Options{})
	p.b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error { return addScript(ctx, settledFetches) }))
	p.open("")
	p.start(0)
	p.answerByMouse(q0, rightPicks(q0))
	var started int
	p.eval(`window.__answersStarted`, &started)
	if started != 0 {
		t.Errorf("an export without -stats-url made %d requests to count", started)
	}
}
