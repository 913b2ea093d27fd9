package server

import (
	"context"
	"testing"

	"docket/internal/answers"
	"docket/internal/store"
)

// TestEditorSeesAnswers checks the editors' report of how readers
// answered: every count, below the readers' threshold too, the wrong
// choice picked most and the hardest question; and that it needs an
// editor's session.
func TestEditorSeesAnswers(t *testing.T) {
	st := newStudio(t, databases[0].url(t), withStats)
	st.addAccount(t, "ed", store.RoleEditor, "an editor's long password")
	c, v := quizOf(t, st)
	q0, q1 := c.Quiz.Questions[0], c.Quiz.Questions[1] // right: 0; right: 1 (true-false)
	var cs []store.Counted
	add := func(q string, choice int, correct bool, n int) {
		for range n {
			cs = append(cs, store.Counted{CaseID: c.ID, Version: v, Question: q, Choices: []int{choice}, Correct: correct})
		}
	}
	add(q0.ID, 0, true, 3)
	add(q0.ID, 2, false, 5)
	add(q0.ID, 1, false, 1)
	add(q1.ID, 1, true, 4)
	cs = append(cs, store.Counted{CaseID: c.ID, Version: v, Score: 7}, store.Counted{CaseID: c.ID, Version: "an-older-version", Score: 1})
	if err := st.db.AddCounts(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	path := "/api/editor/cases/" + countedCase + "/answers"
	if r := st.client(t).get(path); r.StatusCode != 401 {
		t.Errorf("without a session: %d", r.StatusCode)
	}
	ed := st.client(t)
	ed.signIn("ed", "an editor's long password")
	r := ed.get(path)
	if r.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, r.StatusCode, r.body)
	}
	var got answersReport
	r.json(t, &got)
	if got.Version != answers.Version(c) || got.Hardest != q0.ID || got.Finished != 1 || got.Scores[7] != 1 || len(got.Scores) != len(c.Quiz.Questions)+1 {
		t.Errorf("report: version %q hardest %q finished %d scores %v", got.Version, got.Hardest, got.Finished, got.Scores)
	}
	if len(got.Questions) != len(c.Quiz.Questions) {
		t.Fatalf("%d questions; want every one of the quiz's %d", len(got.Questions), len(c.Quiz.Questions))
	}
	g0 := got.Questions[0]
	if g0.ID != q0.ID || g0.Answered != 9 || g0.Correct != 3 || g0.MostPickedWrong == nil || *g0.MostPickedWrong != 2 ||
		g0.Choices[0].Picked != 3 || !g0.Choices[0].Right || g0.Choices[2].Picked != 5 || g0.Choices[2].Right || g0.Choices[2].Text != q0.Choices[2] {
		t.Errorf("question 1: %+v", g0)
	}
	if g1 := got.Questions[1]; g1.Answered != 4 || g1.MostPickedWrong != nil {
		t.Errorf("question 2 (nobody wrong): %+v", g1)
	}
	if g2 := got.Questions[2]; g2.Answered != 0 || len(g2.Choices) != len(c.Quiz.Questions[2].Choices) {
		t.Errorf("question 3 (not answered): %+v", g2)
	}
	if r := ed.get("/api/editor/cases/no-such-case/answers"); r.StatusCode != 404 {
		t.Errorf("an unknown case: %d", r.StatusCode)
	}
}
