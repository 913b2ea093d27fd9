package quiz

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"docket/internal/casefile"
)

// sealed wraps a JSON body as Encode would, so tests can store states that
// Encode never writes.
func sealed(json string) string {
	body := base64.RawURLEncoding.EncodeToString([]byte(json))
	return storeVersion + "." + body + "." + checksum(body)
}

// sameState reports whether a and b are at the same place with the same
// responses.
func sameState(a, b State) bool {
	if a.pos != b.pos || len(a.quiz.Questions) != len(b.quiz.Questions) {
		return false
	}
	for i := range a.quiz.Questions {
		ra, rb := a.response(i), b.response(i)
		if ra.Submitted != rb.Submitted || !slices.Equal(ra.Picks, rb.Picks) {
			return false
		}
	}
	return true
}

func TestStorageKey(t *testing.T) {
	if a, b := StorageKey("a"), StorageKey("b"); a == b || !strings.Contains(a, "a") {
		t.Errorf("StorageKey(a) = %q, StorageKey(b) = %q: want distinct keys naming the case", a, b)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		build func(s *State)
	}{
		{"fresh", func(*State) {}},
		{"on a question", func(s *State) { s.Go(1) }},
		{"at results", func(s *State) { s.Finish() }},
		{"one answer", func(s *State) { s.Answer("prejudice", []int{1}); s.Go(0) }},
		{"selection only", func(s *State) { s.Select("dismissal", []int{4, 0}); s.Go(1) }},
		{"all answered", func(s *State) {
			s.Answer("prejudice", []int{0})
			s.Answer("dismissal", []int{0, 2})
			s.Answer("moot", []int{1})
			s.Finish()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(testQuiz(), testCase)
			tt.build(&s)
			enc := s.Encode()
			got, ok := Decode(enc, testQuiz(), testCase)
			if !ok {
				t.Fatalf("Decode(%q) failed", enc)
			}
			if !sameState(got, s) {
				t.Errorf("Decode(Encode()) = %+v, want %+v", got, s)
			}
			if again := got.Encode(); again != enc {
				t.Errorf("re-encoded as %q, want %q", again, enc)
			}
			// The restored state keeps working: submitted answers stay locked.
			if r, _ := got.Response("prejudice"); r.Submitted {
				if err := got.Answer("prejudice", []int{1}); err == nil {
					t.Error("a restored submitted answer is not locked")
				}
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	s := New(testQuiz(), testCase)
	s.Answer("prejudice", []int{1})
	s.Select("dismissal", []int{0, 2})
	s.Go(1)
	good := s.Encode()
	fp := fingerprint(testQuiz(), testCase)

	version, rest, _ := strings.Cut(good, ".")
	body, sum, _ := strings.Cut(rest, ".")
	flip := func(s string, i int) string {
		b := []byte(s)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}

	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"garbage", "hello"},
		{"no checksum", version + "." + body},
		{"truncated", good[:len(good)-3]},
		{"truncated body", version + "." + body[:len(body)-4] + "." + sum},
		{"edited body", version + "." + flip(body, 5) + "." + sum},
		{"edited checksum", version + "." + body + "." + flip(sum, 0)},
		{"upper-case checksum", version + "." + body + "." + strings.ToUpper(sum)},
		{"other version", "q0." + body + "." + sum},
		{"extra part", good + ".x"},
		{"newline in body", version + "." + body[:4] + "\n" + body[4:] + "." + checksum(body[:4]+"\n"+body[4:])},
		{"too long", sealed(`{"f":"` + fp + `","p":0` + strings.Repeat(" ", maxStored) + `}`)},

		{"not base64", version + ".!!!!." + checksum("!!!!")},
		{"not JSON", sealed(`{"f":`)},
		{"JSON null", sealed(`null`)},
		{"trailing data", sealed(`{"f":"` + fp + `","p":0} {}`)},
		{"unknown field", sealed(`{"f":"` + fp + `","p":0,"admin":true}`)},
		{"wrong fingerprint", sealed(`{"f":"abc","p":0}`)},
		{"position below range", sealed(`{"f":"` + fp + `","p":-1}`)},
		{"position past results", sealed(`{"f":"` + fp + `","p":5}`)},
		{"position not an integer", sealed(`{"f":"` + fp + `","p":1.5}`)},
		{"position huge", sealed(`{"f":"` + fp + `","p":1e30}`)},
		{"unknown question", sealed(`{"f":"` + fp + `","p":0,"r":[{"q":"nope","p":[0],"s":true}]}`)},
		{"question twice", sealed(`{"f":"` + fp + `","p":0,"r":[{"q":"moot","p":[0]},{"q":"moot","p":[1],"s":true}]}`)},
		{"pick out of range", sealed(`{"f":"` + fp + `","p":0,"r":[{"q":"moot","p":[2],"s":true}]}`)},
		{"negative pick", sealed(`{"f":"` + fp + `","p":0,"r":[{"q":"moot","p":[-1]}]}`)},
		{"duplicate pick", sealed(`{"f":"` + fp + `","p":0,"r":[{"q":"dismissal","p":[1,1]}]}`)},
		{"two picks on single", sealed(`{"f":"` + fp + `","p":0,"r":[{"q":"prejudice","p":[0,1],"s":true}]}`)},
		{"submitted without picks", sealed(`{"f":"` + fp + `","p":0,"r":[{"q":"prejudice","s":true}]}`)},
		{"empty response", sealed(`{"f":"` + fp + `","p":0,"r":[{"q":"prejudice","p":[]}]}`)},
		{"picks not a list", sealed(`{"f":"` + fp + `","p":0,"r":[{"q":"prejudice","p":1}]}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := Decode(tt.in, testQuiz(), testCase); ok {
				t.Errorf("Decode(%.80q) = ok, want rejected", tt.in)
			}
		})
	}

	// The hand-sealed form is accepted when it is valid, so the cases above
	// fail for the reason they name.
	if _, ok := Decode(sealed(`{"f":"`+fp+`","p":4,"r":[{"q":"dismissal","p":[4,0],"s":true}]}`), testQuiz(), testCase); !ok {
		t.Error("a valid hand-sealed state is rejected")
	}
}

func TestDecodeOtherQuizOrCase(t *testing.T) {
	s := New(testQuiz(), testCase)
	s.Answer("prejudice", []int{1})
	enc := s.Encode()

	tests := []struct {
		name   string
		caseID string
		edit   func(s *State)
		ok     bool
	}{
		{"same quiz and case", testCase, func(*State) {}, true},
		{"reworded prompt and explanation", testCase, func(s *State) {
			s.quiz.Questions[0].Prompt = "What does 'without prejudice' mean here?"
			s.quiz.Questions[0].Explanation = "New explanation."
		}, true},
		{"other case", "other-case", func(*State) {}, false},
		{"choice reworded", testCase, func(s *State) { s.quiz.Questions[1].Choices[4] = "A post" }, false},
		{"choice added", testCase, func(s *State) {
			s.quiz.Questions[0].Choices = append(s.quiz.Questions[0].Choices, "Another")
		}, false},
		{"answer changed", testCase, func(s *State) { s.quiz.Questions[2].Answers = []int{0} }, false},
		{"kind changed", testCase, func(s *State) { s.quiz.Questions[0].Kind = "multiple" }, false},
		{"question renamed", testCase, func(s *State) { s.quiz.Questions[2].ID = "mootness" }, false},
		{"question added", testCase, func(s *State) {
			s.quiz.Questions = append(s.quiz.Questions, s.quiz.Questions[0])
			s.quiz.Questions[3].ID = "extra"
		}, false},
		{"questions reordered", testCase, func(s *State) {
			s.quiz.Questions[0], s.quiz.Questions[1] = s.quiz.Questions[1], s.quiz.Questions[0]
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			other := New(testQuiz(), tt.caseID)
			tt.edit(&other)
			if _, ok := Decode(enc, other.quiz, tt.caseID); ok != tt.ok {
				t.Errorf("Decode ok = %v, want %v", ok, tt.ok)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	quiz := testQuiz()
	s := New(quiz, testCase)
	f.Add(s.Encode())
	s.Answer("prejudice", []int{1})
	s.Select("dismissal", []int{0, 2})
	s.Go(1)
	f.Add(s.Encode())
	s.Answer("dismissal", []int{4, 3})
	s.Answer("moot", []int{0})
	s.Finish()
	f.Add(s.Encode())
	fp := fingerprint(quiz, testCase)
	f.Add(sealed(`{"f":"` + fp + `","p":2,"r":[{"q":"moot","p":[1]}]}`))
	f.Add(sealed(`{"f":"` + fp + `","p":2,"r":[{"q":"moot","p":[7]}]}`))
	f.Add("")
	f.Add("q1..")
	f.Add("q1.e30.00000000")

	f.Add(`{"f":"` + fp + `","p":1,"r":[{"q":"dismissal","p":[0,3],"s":true}]}`)

	// Each input is tried as it is and sealed with a good checksum, so that
	// the fuzzer also reaches the JSON and the range checks behind it.
	f.Fuzz(func(t *testing.T, in string) {
		checkDecoded(t, quiz, in)
		checkDecoded(t, quiz, sealed(in))
	})
}

// checkDecoded checks that whatever Decode accepts is a state the API could
// have made and that it survives another round trip.
func checkDecoded(t *testing.T, quiz casefile.Quiz, in string) {
	t.Helper()
	got, ok := Decode(in, quiz, testCase)
	if !ok {
		return
	}
	if p, i := got.Where(); p == AtQuestion && (i < 0 || i >= len(quiz.Questions)) {
		t.Fatalf("decoded position %d is out of range", i)
	}
	for _, q := range quiz.Questions {
		r, _ := got.Response(q.ID)
		if r.Submitted && Validate(q, r.Picks) != nil || Check(q, r.Picks).Err != nil {
			t.Fatalf("decoded response %+v to %q is invalid", r, q.ID)
		}
	}
	enc := got.Encode()
	again, ok := Decode(enc, quiz, testCase)
	if !ok || !sameState(again, got) || again.Encode() != enc {
		t.Fatalf("round trip of %q changed the state", in)
	}
}

// FuzzEncode drives a State with arbitrary steps and checks that whatever it
// reaches survives Encode and Decode.
func FuzzEncode(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add([]byte{1, 9, 17, 25, 33, 200, 2, 5})
	quiz := testQuiz()
	f.Fuzz(func(t *testing.T, steps []byte) {
		s := New(quiz, testCase)
		for i, b := range steps {
			q := quiz.Questions[int(b>>3)%len(quiz.Questions)]
			picks := []int{int(b>>5) % len(q.Choices)}
			if i+1 < len(steps) && b&4 != 0 {
				picks = append(picks, int(steps[i+1])%len(q.Choices))
			}
			switch b & 7 {
			case 0:
				s.Next()
			case 1:
				s.Back()
			case 2:
				s.Go(int(b >> 3))
			case 3, 7:
				s.Answer(q.ID, picks)
			case 4, 6:
				s.Select(q.ID, picks)
			case 5:
				if b > 250 {
					s.Reset()
				} else {
					s.Finish()
				}
			}
		}
		got, ok := Decode(s.Encode(), quiz, testCase)
		if !ok || !sameState(got, s) {
			t.Fatalf("round trip failed: ok=%v got %+v want %+v", ok, got, s)
		}
	})
}
