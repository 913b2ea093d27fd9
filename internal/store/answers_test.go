package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

// TestCountsAddUp checks that answers and scores add up per question,
// choice and score, and stay apart per case and per version.
func TestCountsAddUp(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		add := func(cs ...Counted) {
			t.Helper()
			if err := db.AddCounts(ctx, cs); err != nil {
				t.Fatal(err)
			}
		}
		add(Counted{CaseID: "a", Version: "v1", Question: "q1", Choices: []int{0}, Correct: true},
			Counted{CaseID: "a", Version: "v1", Question: "q1", Choices: []int{2}},
			Counted{CaseID: "a", Version: "v1", Question: "q2", Choices: []int{0, 1}, Correct: true},
			Counted{CaseID: "a", Version: "v1", Score: 2})
		add(Counted{CaseID: "a", Version: "v1", Question: "q1", Choices: []int{0}, Correct: true},
			Counted{CaseID: "a", Version: "v1", Score: 2},
			Counted{CaseID: "a", Version: "v1", Score: 0},
			Counted{CaseID: "a", Version: "v2", Question: "q1", Choices: []int{1}},
			Counted{CaseID: "b", Version: "v1", Question: "q1", Choices: []int{1}})
		got, err := db.Counts(ctx, "a", "v1")
		if err != nil {
			t.Fatal(err)
		}
		want := Counts{
			Questions: map[string]QuestionCounts{
				"q1": {Answered: 3, Correct: 2, Choices: map[int]int64{0: 2, 2: 1}},
				"q2": {Answered: 1, Correct: 1, Choices: map[int]int64{0: 1, 1: 1}},
			},
			Scores: map[int]int64{0: 1, 2: 2},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("counts of a v1:\n got %+v\nwant %+v", got, want)
		}
		none, err := db.Counts(ctx, "a", "v3")
		if err != nil || len(none.Questions) != 0 || len(none.Scores) != 0 {
			t.Errorf("counts of a version nobody answered: %+v, %v", none, err)
		}
		if err := db.AddCounts(ctx, []Counted{{CaseID: "a", Version: "v1", Question: "q1", Choices: []int{-1}}}); err == nil {
			t.Error("a negative choice was counted")
		}
	})
}

// TestCounterConcurrent sends answers from many goroutines through two
// Counters on one database (two servers) and checks that every
// acknowledged answer is counted exactly once, in fewer transactions than
// answers.
func TestCounterConcurrent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		other := openDB(t, u)
		var batches [2]int
		var mu sync.Mutex
		counters := make([]*Counter, 2)
		for i, d := range []*DB{db, other} {
			counters[i] = newCounter(CounterOptions{}, func(ctx context.Context, cs []Counted) error {
				mu.Lock()
				batches[i]++
				mu.Unlock()
				return d.AddCounts(ctx, cs)
			})
			t.Cleanup(counters[i].Close)
		}
		const senders, each = 64, 25
		var wg sync.WaitGroup
		errs := make(chan error, senders*each)
		for s := range senders {
			wg.Go(func() {
				for i := range each {
					c := Counted{CaseID: "hot", Version: "v", Question: fmt.Sprintf("q%d", i%3), Choices: []int{s % 4}, Correct: s%4 == 0}
					if i == each-1 {
						c = Counted{CaseID: "hot", Version: "v", Score: s % 3}
					}
					errs <- counters[s%2].Add(ctx, c)
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Counts(ctx, "hot", "v")
		if err != nil {
			t.Fatal(err)
		}
		var answered, picked, scores int64
		for _, q := range got.Questions {
			answered += q.Answered
			for _, n := range q.Choices {
				picked += n
			}
		}
		for _, n := range got.Scores {
			scores += n
		}
		if answered != senders*(each-1) || picked != answered || scores != senders {
			t.Errorf("counted %d answers, %d picks and %d scores; want %d, %d and %d", answered, picked, scores, senders*(each-1), senders*(each-1), senders)
		}
		if q := got.Questions["q0"]; q.Correct != q.Choices[0] {
			t.Errorf("q0: %d correct but choice 0 (the right one) picked %d times", q.Correct, q.Choices[0])
		}
		if n := batches[0] + batches[1]; n >= senders*each {
			t.Errorf("%d answers took %d transactions: no group commit", senders*each, n)
		}
		t.Logf("%d answers in %d transactions", senders*each, batches[0]+batches[1])
	})
}

// TestCounterFailedCommit breaks the database under a batch (a table it
// writes to is gone) and checks that every answer of the batch fails, none
// is counted, and what the transaction wrote before failing is rolled back.
func TestCounterFailedCommit(t *testing.T) {
	forEachBackend(t, func(t *testing.T, db *DB, u string) {
		ctx := context.Background()
		raw := rawDB(t, u)
		if _, err := raw.ExecContext(ctx, `DROP TABLE answer_scores`); err != nil {
			t.Fatal(err)
		}
		release := make(chan struct{})
		arrived := make(chan struct{}, 1)
		c := newCounter(CounterOptions{Window: -1}, func(ctx context.Context, cs []Counted) error {
			arrived <- struct{}{}
			<-release // the first batch waits, so that the others gather into one
			return db.AddCounts(ctx, cs)
		})
		defer c.Close()
		first := make(chan error, 1)
		go func() { first <- c.Add(ctx, Counted{CaseID: "x", Version: "v", Question: "q", Choices: []int{0}}) }()
		<-arrived
		const n = 20
		errs := make(chan error, n)
		for i := range n {
			a := Counted{CaseID: "x", Version: "v", Question: "q", Choices: []int{1}}
			if i == n-1 {
				a = Counted{CaseID: "x", Version: "v", Score: 1} // its table is gone
			}
			go func() { errs <- c.Add(ctx, a) }()
		}
		waitFor(t, func() bool { return len(c.in) == n })
		close(release)
		if err := <-first; err != nil {
			t.Fatalf("the first batch (one answer, no score): %v", err)
		}
		<-arrived
		for range n {
			if err := <-errs; err == nil {
				t.Error("an answer of the failed batch was acknowledged")
			}
		}
		var answered, picked int64
		if err := raw.QueryRowContext(ctx, `SELECT answered FROM answer_questions WHERE question = 'q'`).Scan(&answered); err != nil {
			t.Fatal(err)
		}
		if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM answer_choices WHERE choice = 1`).Scan(&picked); err != nil {
			t.Fatal(err)
		}
		if answered != 1 || picked != 0 {
			t.Errorf("after a failed batch: %d answered, %d rows of choice 1; want only the first batch's answer", answered, picked)
		}
	})
}

// TestCounterClosed checks that Close commits what waits, and that an
// answer after Close is refused, not lost silently.
func TestCounterClosed(t *testing.T) {
	db := openDB(t, backends[0].url(t))
	ctx := context.Background()
	c := db.NewCounter(CounterOptions{})
	if err := c.Add(ctx, Counted{CaseID: "x", Version: "v", Score: 3}); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if err := c.Add(ctx, Counted{CaseID: "x", Version: "v", Score: 3}); !errors.Is(err, ErrCounterClosed) {
		t.Errorf("Add after Close: %v; want ErrCounterClosed", err)
	}
	got, _ := db.Counts(ctx, "x", "v")
	if got.Scores[3] != 1 {
		t.Errorf("scores %v; want one 3", got.Scores)
	}
}

// waitFor polls cond until it holds (a state another goroutine reaches,
// not a speed).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for !cond() {
		time.Sleep(time.Millisecond)
	}
}
