//go:build js && wasm

package components

import (
	"strings"
	"testing"
	"time"

	"docket/internal/casefile"
	"docket/internal/quiz"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// quizDemoCase is a small case with a three-question quiz, independent of
// the shipped case files.
func quizDemoCase() *casefile.Case {
	return &casefile.Case{
		ID: "quiz-demo", Title: "Demo v. Quiz", Summary: "A demo case.",
		Events: []casefile.Event{
			{ID: "dropped", Date: casefile.Date{Value: "2017-04-07", Precision: casefile.Day}, Title: "Suit dropped", Body: []string{"Dropped."}, Sources: []string{"s"}},
		},
		Glossary: []casefile.Term{{ID: "wp", Term: "Without prejudice", Definition: "May be brought again.", Sources: []string{"s"}}},
		Quiz: casefile.Quiz{
			Title: "What does it mean?",
			Intro: "Three questions.",
			Questions: []casefile.Question{
				{ID: "one", Kind: casefile.SingleChoice, Prompt: "Pick A.", Choices: []string{"A", "B", "C"}, Answers: []int{0},
					Explanation: "A it is.", Events: []string{"dropped"}, Terms: []string{"wp"}, Sources: []string{"s"}},
				{ID: "two", Kind: casefile.TrueFalse, Prompt: "True?", Choices: []string{"True", "False"}, Answers: []int{1},
					Explanation: "False.", Sources: []string{"s"}},
				{ID: "three", Kind: casefile.MultipleChoice, Prompt: "Which?", Choices: []string{"X", "Y", "Z"}, Answers: []int{0, 1},
					Explanation: "X and Y.", Sources: []string{"s"}},
			},
		},
		Sources: []casefile.Source{{ID: "s", Title: "Notice", Publisher: "Court", URL: "https://example.org/notice"}},
	}
}

func quizAll(selector string) app.Value {
	return app.Window().Get("document").Call("querySelectorAll", selector)
}

func quizText(selector string) string {
	el := app.Window().Get("document").Call("querySelector", selector)
	if !el.Truthy() {
		return ""
	}
	return strings.TrimSpace(el.Get("textContent").String())
}

func clearQuizStorage(t *testing.T, c *casefile.Case) {
	t.Helper()
	if ls, ok := localStorage(); ok {
		ls.Call("removeItem", quiz.StorageKey(c.ID))
	}
}

// TestQuizFirstRenderIsTheList mounts the quiz in a real DOM: its first
// render is the prerendered list (every question, no form controls), so that
// the wasm's takeover changes nothing; once mounted it is the interactive
// intro.
func TestQuizFirstRenderIsTheList(t *testing.T) {
	c := quizDemoCase()
	clearQuizStorage(t, c)
	e := app.NewTestEngine()
	q := &Quiz{Case: c}
	if err := e.Load(q); err != nil {
		t.Fatal(err)
	}
	if got := quizAll("#quiz li.quiz-question").Length(); got != 3 {
		t.Errorf("first render lists %d questions; want 3", got)
	}
	if got := quizAll("#quiz input, #quiz form").Length(); got != 0 {
		t.Errorf("first render has %d form controls; want none", got)
	}
	if got := quizText("#q-one details .quiz-answer-line"); got != "The answer: A" {
		t.Errorf("first render's answer = %q", got)
	}

	e.ConsumeAll()
	if got := quizAll("#quiz li.quiz-question").Length(); got != 3 {
		t.Errorf("mounted, before the reader nears it or the browser is idle, the quiz lists %d questions; want the 3 prerendered", got)
	}
	waitLive(t, e, q)
	if got := quizAll("#quiz .quiz-intro-step").Length(); got != 1 {
		t.Fatalf("after mount, no intro")
	}
	if got := quizAll("#quiz li.quiz-question").Length(); got != 0 {
		t.Errorf("after mount, the list is still shown")
	}
	if got := quizText("#quiz .quiz-facts"); !strings.Contains(got, "3 questions") {
		t.Errorf("intro facts = %q; want the number of questions", got)
	}
	if got := quizText("#quiz .quiz-facts"); !strings.Contains(got, "Single-choice, multiple-choice and true-or-false questions") {
		t.Errorf("intro facts = %q; want the kinds of question", got)
	}
	if got := quizText("#quiz-primary"); got != "Start the quiz" {
		t.Errorf("start button = %q", got)
	}
}

// TestQuizResumesSavedProgress mounts the quiz with progress saved in local
// storage: the reader is back on the question they were on, their answers
// kept.
func TestQuizResumesSavedProgress(t *testing.T) {
	c := quizDemoCase()
	s := quiz.New(c.Quiz, c.ID)
	if err := s.Answer("one", []int{2}); err != nil {
		t.Fatal(err)
	}
	s.Go(1)
	if !storageSet(quiz.StorageKey(c.ID), s.Encode()) {
		t.Fatal("local storage refused a write")
	}
	defer clearQuizStorage(t, c)

	e := app.NewTestEngine()
	q := &Quiz{Case: c, Page: "/cases/" + c.ID + "/"}
	if err := e.Load(q); err != nil {
		t.Fatal(err)
	}
	waitLive(t, e, q)
	if got := quizText("#quiz-legend"); !strings.HasPrefix(got, "Question 2 of 3") {
		t.Fatalf("resumed on %q; want question 2", got)
	}
	// Back to the first: its wrong answer is kept and explained.
	app.Window().Get("document").Call("querySelector", "#quiz .quiz-actions .quiz-button-secondary").Call("click")
	e.ConsumeAll()
	if got := quizText("#quiz-legend"); !strings.HasPrefix(got, "Question 1 of 3") {
		t.Fatalf("after Previous, on %q; want question 1", got)
	}
	if got := quizText("#quiz .quiz-verdict"); got != "✗ Not quite." {
		t.Errorf("verdict = %q", got)
	}
	if got := quizAll(`#quiz .quiz-choice[data-mark="wrong-picked"]`).Length(); got != 1 {
		t.Errorf("%d choices marked wrong-picked; want 1", got)
	}
	if got := quizAll(`#quiz .quiz-story a[href="` + "/cases/" + c.ID + "/?event=dropped#dropped" + `"]`).Length(); got != 1 {
		t.Errorf("no link to the question's event")
	}
}

// TestQuizStorageRefused makes reading window.localStorage throw, as it does
// in a sandboxed iframe: the storage helpers report it instead of
// panicking (a throw inside a plain property read would stop the wasm), and
// the quiz works and says it will not remember.
func TestQuizStorageRefused(t *testing.T) {
	win := app.Window().JSValue()
	object := app.Window().Get("Object")
	saved := object.Call("getOwnPropertyDescriptor", win, "localStorage")
	if !saved.Truthy() {
		saved = object.Call("getOwnPropertyDescriptor", app.Window().Get("Window").Get("prototype"), "localStorage")
	}
	throw := app.Window().Get("Function").New(`throw new DOMException("The operation is insecure.", "SecurityError")`)
	desc := app.Window().Get("Object").New()
	desc.Set("get", throw)
	desc.Set("configurable", true)
	object.Call("defineProperty", win, "localStorage", desc)
	defer object.Call("defineProperty", win, "localStorage", saved)

	if _, ok := storageGet("x"); ok {
		t.Error("storageGet reported storage where reading it throws")
	}
	if storageSet("x", "y") {
		t.Error("storageSet reported a write where storage throws")
	}

	c := quizDemoCase()
	e := app.NewTestEngine()
	q := &Quiz{Case: c}
	if err := e.Load(q); err != nil {
		t.Fatal(err)
	}
	waitLive(t, e, q)
	if got := quizText("#quiz .quiz-storage"); !strings.Contains(got, "not keeping your answers") {
		t.Errorf("storage note = %q", got)
	}
	app.Window().Get("document").Call("getElementById", quizPrimaryID).Call("click")
	e.ConsumeAll()
	if got := quizText("#quiz-legend"); !strings.HasPrefix(got, "Question 1 of 3") {
		t.Errorf("without storage, Start opened %q; want question 1", got)
	}
}

// waitLive lets the browser run until the quiz has switched from the
// prerendered list to the interactive one, as it does when the reader nears
// it or the browser is idle (whenNearOrIdle).
func waitLive(t *testing.T, e app.TestEngine, q *Quiz) {
	t.Helper()
	for i := 0; i < 500 && !q.mounted; i++ {
		time.Sleep(10 * time.Millisecond) // the browser's turn: its observer and idle callbacks
		e.ConsumeAll()
	}
	if !q.mounted {
		t.Fatal("the quiz never switched to the interactive one")
	}
	e.ConsumeAll()
}
