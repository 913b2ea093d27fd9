package answers

import (
	"docket/internal/quiz"

	"slices"
	"strings"
)

// A browser counts once per question per quiz version: after sending an
// answer it notes the question in local storage (under SentKey), and never
// sends that question again, whether the reader tries the quiz again or
// reloads. The note holds question ids and nothing about the reader.

// ScoreItem is the item of Sent that stands for the final score (question
// ids never start with '#').
const ScoreItem = "#score"

// maxSent bounds what ParseSent reads; a quiz has far fewer questions.
const maxSent = 512

// SentKey is the local-storage key of what this browser has sent for one
// version of a case's quiz.
func SentKey(caseID, version string) string {
	return "docket.counted." + caseID + "." + version
}

// Sent is what a browser has sent for one quiz version: question ids, and
// ScoreItem once the final score is sent.
type Sent struct{ items []string }

// ParseSent reads a Sent from local storage; anything unreadable counts as
// nothing sent.
func ParseSent(s string) Sent {
	f := strings.Fields(s)
	if len(f) > maxSent {
		return Sent{}
	}
	return Sent{items: f}
}

// Has reports whether item was sent.
func (s Sent) Has(item string) bool { return slices.Contains(s.items, item) }

// With is s with item added.
func (s Sent) With(item string) Sent {
	if s.Has(item) || item == "" || strings.ContainsAny(item, " \t\r\n") {
		return s
	}
	return Sent{items: append(slices.Clone(s.items), item)}
}

// String is s as kept in local storage.
func (s Sent) String() string { return strings.Join(s.items, " ") }

// Score is what a reader who finished the quiz sends: how many questions
// they got wholly right. It reports false until every question is answered
// (a reader who skipped one has not finished).
func Score(s quiz.State) (int, bool) {
	if !s.Done() {
		return 0, false
	}
	n := 0
	for _, it := range s.Review() {
		if it.Result.Correct {
			n++
		}
	}
	return n, true
}
