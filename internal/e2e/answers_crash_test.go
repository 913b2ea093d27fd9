package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"syscall"
	"testing"
	"time"

	"docket/internal/answers"
	"docket/internal/browsertest"
	"docket/internal/pgtest"
	"docket/internal/routes"
)

// answerSender posts readers' answers to a server and records what it sent
// and what the server acknowledged, per question and choice.
type answerSender struct {
	http    *http.Client
	version string
	mu      sync.Mutex
	sent    map[[2]string]int64 // question, choice: requests sent
	acked   map[[2]string]int64 // question, choice: 204s
	total   int64               // acknowledged
	failed  map[string]error    // by server: the first request that got no answer
}

func newAnswerSender(version string) *answerSender {
	return &answerSender{version: version, sent: map[[2]string]int64{}, acked: map[[2]string]int64{}, failed: map[string]error{},
		http: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

// send posts one answer; it reports false once the server is gone.
func (s *answerSender) send(t *testing.T, base, caseID, question string, choice int) bool {
	key := [2]string{question, fmt.Sprint(choice)}
	body, _ := json.Marshal(answers.Answer{Version: s.version, Question: question, Choices: []int{choice}})
	s.mu.Lock()
	s.sent[key]++
	s.mu.Unlock()
	res, err := s.http.Post(base+routes.AnswersPath(caseID), "application/json", bytes.NewReader(body))
	if err != nil {
		s.mu.Lock()
		if s.failed[base] == nil {
			s.failed[base] = err
		}
		s.mu.Unlock()
		return false
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		t.Errorf("POST answer: %d", res.StatusCode)
		return false
	}
	s.mu.Lock()
	s.acked[key]++
	s.total++
	s.mu.Unlock()
	return true
}

// TestCrashDuringAnswers kills bin/docket with SIGKILL while 32 readers
// send answers as fast as it takes them, starts it again, and checks that
// every acknowledged answer is counted and none twice: per question and
// choice, acknowledged <= counted <= sent.
func TestCrashDuringAnswers(t *testing.T) {
	browsertest.Parallel(t)
	forEachBackend(t, answersCrashTest)
}

func answersCrashTest(t *testing.T, dbURL string) {
	const readers, killAt = 32, 5000
	c := quizCase(t)
	version := answers.Version(c)
	dir := t.TempDir()
	srv, url := serveBinary(t, dir, nil, "-db", dbURL, "-stats-limit", "0")
	s := newAnswerSender(version)
	killed := make(chan struct{})
	var once sync.Once
	start := time.Now()
	var wg sync.WaitGroup
	for r := range readers {
		wg.Go(func() {
			for i := 0; ; i++ {
				qu := c.Quiz.Questions[(r+i)%len(c.Quiz.Questions)]
				if !s.send(t, url, c.ID, qu.ID, (r*7+i)%len(qu.Choices)) {
					return
				}
				s.mu.Lock()
				n := s.total
				s.mu.Unlock()
				if n >= killAt {
					once.Do(func() {
						srv.cmd.Process.Signal(syscall.SIGKILL)
						close(killed)
					})
				}
			}
		})
	}
	select {
	case <-killed:
	case <-time.After(3 * time.Minute):
		srv.cmd.Process.Signal(syscall.SIGKILL)
		t.Error("the readers did not reach their answers within 3 minutes")
	}
	wg.Wait()
	<-srv.exited
	burst := time.Since(start)

	// Started again, on the same database.
	_, url = serveBinary(t, dir, nil, "-db", dbURL)
	if res, err := http.Get(url + "/healthz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("the server did not come back: %v", err)
	}
	counts := countsOf(t, dbURL, c.ID, version)
	var sent, acked, counted int64
	for key, n := range s.sent {
		var choice int
		fmt.Sscan(key[1], &choice)
		got := counts.Questions[key[0]].Choices[choice]
		if got < s.acked[key] || got > n {
			t.Errorf("question %s, choice %d: %d counted; %d acknowledged, %d sent", key[0], choice, got, s.acked[key], n)
		}
		sent += n
		acked += s.acked[key]
		counted += got
	}
	for _, q := range counts.Questions {
		var picks int64
		for _, n := range q.Choices {
			picks += n
		}
		if picks != q.Answered {
			t.Errorf("a question has %d answers but %d picks: a batch was half-written", q.Answered, picks)
		}
	}
	t.Logf("%s: killed after %d acknowledged answers in %v (%.0f/s); after the restart %d counted of %d sent: every acknowledged one, none twice (%d committed but not yet acknowledged at the kill)",
		dbURL[:6], acked, burst.Round(time.Millisecond), float64(acked)/burst.Seconds(), counted, sent, counted-acked)
}

// TestTwoServersCountAnswers runs two servers on one PostgreSQL database,
// as a deployment behind a load balancer would, sends answers to both at
// once, and checks that the counts add up, and that each server's readers
// see the other's answers once its counts are read again.
func TestTwoServersCountAnswers(t *testing.T) {
	browsertest.Parallel(t)
	dbURL := pgtest.Database(t)
	c := quizCase(t)
	version := answers.Version(c)
	srvA, a := serveBinary(t, t.TempDir(), nil, "-db", dbURL, "-stats-limit", "0")
	srvB, b := serveBinary(t, t.TempDir(), nil, "-db", dbURL, "-stats-limit", "0")
	s := newAnswerSender(version)
	qu := c.Quiz.Questions[0]
	const each = 200
	var wg sync.WaitGroup
	for r := range 16 {
		wg.Go(func() {
			for i := range each / 8 {
				s.send(t, []string{a, b}[r%2], c.ID, qu.ID, (r+i)%len(qu.Choices))
			}
		})
	}
	wg.Wait()
	if s.total != 16*each/8 {
		for _, srv := range []struct {
			url string
			bin *binary
		}{{a, srvA}, {b, srvB}} {
			if err := s.failed[srv.url]; err != nil {
				t.Errorf("%s: %v; its log:\n%s", srv.url, err, srv.bin.log)
			}
		}
		t.Fatalf("%d answers acknowledged of %d", s.total, 16*each/8)
	}
	counts := countsOf(t, dbURL, c.ID, version)
	if got := counts.Questions[qu.ID].Answered; got != s.total {
		t.Errorf("%d answers counted; %d were acknowledged by the two servers", got, s.total)
	}
	for j := range qu.Choices {
		if got, want := counts.Questions[qu.ID].Choices[j], s.acked[[2]string{qu.ID, fmt.Sprint(j)}]; got != want {
			t.Errorf("choice %d: %d counted, %d acknowledged", j, got, want)
		}
	}
	// Each server's readers see every answer, the other server's included
	// (its counts are read again within a second: poll, not a timing).
	for _, site := range []string{a, b} {
		deadline := time.Now().Add(30 * time.Second)
		for {
			res, err := http.Get(site + routes.AnswersPath(c.ID) + "?version=" + version)
			if err != nil {
				t.Fatal(err)
			}
			var st answers.Stats
			json.NewDecoder(res.Body).Decode(&st)
			res.Body.Close()
			if st.Questions[qu.ID].Answered == s.total {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("%s shows %d answers; %d were counted", site, st.Questions[qu.ID].Answered, s.total)
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
}
