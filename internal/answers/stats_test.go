package answers

import (
	"reflect"
	"testing"

	"docket/internal/casefile"
)

func TestQuestionWords(t *testing.T) {
	q := testCase().Quiz.Questions[0] // four choices, the second right
	tests := []struct {
		name     string
		answered int64
		correct  int64
		choices  []int64
		ok       bool
		verdict  string
		texts    []string
	}{
		{"below the threshold", 29, 29, []int64{0, 29, 0, 0}, false, "", nil},
		{"no one", 0, 0, []int64{0, 0, 0, 0}, false, "", nil},
		{"at the threshold, all right", 30, 30, []int64{0, 30, 0, 0}, true,
			"Most readers got this right: 100% of 30 readers did.", []string{"0% (0 readers)", "100% (30 readers)", "0% (0 readers)", "0% (0 readers)"}},
		{"exactly 60% right", 1203, 722, []int64{300, 722, 100, 81}, true,
			"Most readers got this right: 60% of 1,203 readers did.", []string{"25% (300 readers)", "60% (722 readers)", "8% (100 readers)", "7% (81 readers)"}},
		{"just under 60% right is a split", 1000, 599, []int64{201, 599, 100, 100}, true,
			"Readers are split: 60% of 1,000 readers got this right.", nil},
		{"a split", 100, 50, []int64{50, 50, 0, 0}, true,
			"Readers are split: 50% of 100 readers got this right.", nil},
		{"just over 40% right is a split", 1000, 401, []int64{599, 401, 0, 0}, true,
			"Readers are split: 40% of 1,000 readers got this right.", nil},
		{"40% right: most got it wrong", 100, 40, []int64{59, 40, 1, 0}, true,
			"Most readers got this wrong: only 40% of 100 readers got it right.", []string{"59% (59 readers)", "40% (40 readers)", "1% (1 reader)", "0% (0 readers)"}},
		{"counts that do not fit the question", 40, 40, []int64{40}, false, "", nil},
		{"more right than answered", 40, 41, []int64{0, 40, 0, 0}, false, "", nil},
	}
	for _, tt := range tests {
		s := Stats{Questions: map[string]QuestionStats{q.ID: {Answered: tt.answered, Correct: tt.correct, Choices: tt.choices}}}
		got, ok := s.Question(q)
		if ok != tt.ok {
			t.Errorf("%s: shown %v; want %v", tt.name, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if got.Verdict != tt.verdict {
			t.Errorf("%s: verdict %q; want %q", tt.name, got.Verdict, tt.verdict)
		}
		if want := "How " + Readers(tt.answered) + " answered"; got.Heading != want {
			t.Errorf("%s: heading %q; want %q", tt.name, got.Heading, want)
		}
		if tt.texts != nil {
			var texts []string
			for i, c := range got.Choices {
				texts = append(texts, c.Text)
				if c.Readers != tt.choices[i] {
					t.Errorf("%s: choice %d has %d readers; want %d", tt.name, i, c.Readers, tt.choices[i])
				}
			}
			if !reflect.DeepEqual(texts, tt.texts) {
				t.Errorf("%s: choices %q; want %q", tt.name, texts, tt.texts)
			}
		}
	}
	if _, ok := (Stats{}).Question(q); ok {
		t.Error("no counts at all were shown")
	}
}

func TestComparison(t *testing.T) {
	tests := []struct {
		name   string
		scores []int64
		score  int
		want   string // "": not shown
	}{
		{"too few finished", []int64{10, 10, 9, 0}, 2, ""},
		{"better than most", []int64{10, 20, 30, 40}, 3, "You scored better than 60% of the 100 readers who finished this quiz; 40% scored the same."},
		{"rounded down, never up", []int64{1, 1, 1, 0}, 2, ""},
		{"rounded down", []int64{0, 2, 1, 27}, 2, "You scored better than 6% of the 30 readers who finished this quiz; 3% scored the same."},
		{"the lowest", []int64{30, 10, 0, 0}, 0, "No one of the 40 readers who finished this quiz scored lower than you; 75% scored the same."},
		{"the only one on top", []int64{29, 0, 0, 1}, 3, "You scored better than 96% of the 30 readers who finished this quiz; 3% scored the same."},
		{"a score nobody else has (not yet counted)", []int64{15, 0, 0, 15}, 1, "You scored better than 50% of the 30 readers who finished this quiz."},
		{"under 1%", []int64{1, 999, 0, 0}, 1, "You scored better than fewer than 1% of the 1,000 readers who finished this quiz; 100% scored the same."},
		{"a score out of range", []int64{10, 10, 10, 10}, 4, ""},
		{"a negative score", []int64{10, 10, 10, 10}, -1, ""},
	}
	for _, tt := range tests {
		got, ok := Stats{Scores: tt.scores}.Comparison(tt.score)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

func TestNewStatsAndPublic(t *testing.T) {
	c := testCase()
	s := NewStats(c, "v",
		map[string]int64{"prejudice": 30, "moot": 29, "gone": 100},
		map[string]int64{"prejudice": 12, "moot": 20},
		map[string]map[int]int64{"prejudice": {0: 10, 1: 12, 3: 8, 9: 5}, "moot": {0: 9, 1: 20}},
		map[int]int64{0: 3, 3: 26, 7: 1})
	want := Stats{Version: "v", Questions: map[string]QuestionStats{
		"prejudice": {Answered: 30, Correct: 12, Choices: []int64{10, 12, 0, 8}},
		"moot":      {Answered: 29, Correct: 20, Choices: []int64{9, 20}},
	}, Scores: []int64{3, 0, 0, 26}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("NewStats:\n got %+v\nwant %+v", s, want)
	}
	p := s.Public()
	if _, ok := p.Questions["moot"]; ok {
		t.Error("Public shows a question 29 readers answered")
	}
	if _, ok := p.Questions["prejudice"]; !ok {
		t.Error("Public hides a question 30 readers answered")
	}
	if p.Scores != nil {
		t.Errorf("Public shows the scores of 29 readers: %v", p.Scores)
	}
	s.Scores[1] = 1
	if p := s.Public(); !reflect.DeepEqual(p.Scores, []int64{3, 1, 0, 26}) {
		t.Errorf("Public hides the scores of 30 readers: %v", p.Scores)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1203: "1,203", 1234567: "1,234,567", -4321: "-4,321"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q; want %q", n, got, want)
		}
	}
	if Readers(1) != "1 reader" || Readers(2) != "2 readers" {
		t.Error("Readers does not agree with its number")
	}
}

func TestSent(t *testing.T) {
	var s Sent
	if s.Has("q1") || s.String() != "" {
		t.Fatal("the zero Sent has something")
	}
	s = s.With("q1").With("q2").With("q1").With(ScoreItem).With("").With("a b")
	if got := s.String(); got != "q1 q2 #score" {
		t.Errorf("String = %q", got)
	}
	back := ParseSent(s.String())
	for _, item := range []string{"q1", "q2", ScoreItem} {
		if !back.Has(item) {
			t.Errorf("ParseSent lost %q", item)
		}
	}
	if back.Has("q3") || ParseSent("garbage\x00").Has("q1") {
		t.Error("ParseSent made up an item")
	}
	if SentKey("demo", "abc") == SentKey("demo", "abd") || SentKey("demo", "abc") == SentKey("demp", "abc") {
		t.Error("SentKey does not tell versions or cases apart")
	}
}

func TestMostPickedWrongAndHardest(t *testing.T) {
	c := testCase()
	single, multiple := c.Quiz.Questions[0], c.Quiz.Questions[1] // right: 1; right: 0, 2, 3
	tests := []struct {
		name    string
		q       casefile.Question
		choices []int64
		want    int // -1: none
	}{
		{"the most picked wrong", single, []int64{5, 50, 2, 9}, 3},
		{"a right choice picked more is not it", single, []int64{5, 50, 2, 0}, 0},
		{"a tie: the first", single, []int64{4, 1, 4, 0}, 0},
		{"no wrong picks", single, []int64{0, 30, 0, 0}, -1},
		{"multiple: the one wrong choice", multiple, []int64{20, 3, 20, 20}, 1},
		{"multiple: nobody picked it", multiple, []int64{20, 0, 20, 20}, -1},
	}
	for _, tt := range tests {
		s := Stats{Questions: map[string]QuestionStats{tt.q.ID: {Answered: 60, Choices: tt.choices}}}
		got, ok := s.MostPickedWrong(tt.q)
		if !ok {
			got = -1
		}
		if got != tt.want {
			t.Errorf("%s: %d; want %d", tt.name, got, tt.want)
		}
	}
	if _, ok := (Stats{}).MostPickedWrong(single); ok {
		t.Error("a question nobody answered has a most-picked wrong choice")
	}
	s := Stats{Questions: map[string]QuestionStats{
		"prejudice": {Answered: 100, Correct: 40},
		"dismissal": {Answered: 10, Correct: 3},
		"moot":      {Answered: 20, Correct: 6},
	}}
	if got, ok := s.Hardest(c); !ok || got != "dismissal" {
		t.Errorf("Hardest = %q, %v; want dismissal (30%%, before moot's equal 30%%)", got, ok)
	}
	if _, ok := (Stats{}).Hardest(c); ok {
		t.Error("a quiz nobody answered has a hardest question")
	}
}
