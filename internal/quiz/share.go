package quiz

import (
	"hash/crc32"
	"math"
	"strconv"
	"strings"
)

// ShareParam is the URL query parameter that carries a shared score:
// "?score=" + ShareCode(...).
const ShareParam = "score"

// maxShareQuestions bounds the max of a shared score, so that a made-up
// link cannot claim a score out of all proportion to a real quiz.
const maxShareQuestions = 1000

// ShareCode encodes a score on case caseID for a share link, such as
// "7.5-10-1c291ca3": the score in tenths rounded down, the number of
// questions and a checksum bound to the case. It carries nothing else: no
// answers and nothing about the reader. It is "" when the score is not one a
// quiz could give (max outside 1..1000, got outside 0..max).
func ShareCode(caseID string, got float64, max int) string {
	score, ok := formatTenths(got, max)
	if !ok {
		return ""
	}
	body := score + "-" + strconv.Itoa(max)
	return body + "-" + hex32(crc32IEEE("docket score\x00"+caseID+"\x00"+body))
}

// ParseShare reads a score from a share code made by ShareCode for case
// caseID. It reports false for anything else: malformed, edited, made for
// another case, or not written exactly as ShareCode writes it. The checksum
// catches typos and casual edits, not a determined forger: a shared score is
// the sharer's claim and should be shown as such.
func ParseShare(caseID, code string) (got float64, max int, ok bool) {
	if len(code) > 40 {
		return 0, 0, false
	}
	score, rest, ok1 := strings.Cut(code, "-")
	maxText, _, ok2 := strings.Cut(rest, "-")
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	max, err := strconv.Atoi(maxText)
	if err != nil {
		return 0, 0, false
	}
	whole, tenth, hasTenth := strings.Cut(score, ".")
	w, err1 := strconv.Atoi(whole)
	t, err2 := 0, error(nil)
	if hasTenth {
		t, err2 = strconv.Atoi(tenth)
	}
	if err1 != nil || err2 != nil || w < 0 || w > maxShareQuestions || t < 0 || t > 9 {
		return 0, 0, false
	}
	got = float64(w*10+t) / 10
	if ShareCode(caseID, got, max) != code {
		return 0, 0, false
	}
	return got, max, true
}

// FormatScore writes a score for readers, such as "7 of 10" or "7.5 of 10".
// Credit is rounded down to tenths, so a score short of full marks never
// reads as full marks. It is "" for a score no quiz could give.
func FormatScore(got float64, max int) string {
	score, ok := formatTenths(got, max)
	if !ok {
		return ""
	}
	return score + " of " + strconv.Itoa(max)
}

// ScoreMessage is a short, encouraging line to show with a score: one for
// all right, most (70% or more), some (30% or more) and few. It is "" for a
// score no quiz could give.
func ScoreMessage(got float64, max int) string {
	if _, ok := formatTenths(got, max); !ok {
		return ""
	}
	switch share := got / float64(max); {
	case tenths(got) >= 10*max:
		return "All right! You have the key idea of this case."
	case share >= 0.7:
		return "Most of it right. The explanations cover the rest."
	case share >= 0.3:
		return "Some of it right. The explanations go through each question."
	default:
		return "These ideas are new to most people. The explanations go through each question."
	}
}

// tenths is got in tenths, rounded down, allowing for float error in a sum
// of partial credits.
func tenths(got float64) int {
	return int(math.Floor(got*10 + 1e-6))
}

// formatTenths writes got in tenths ("7", "7.5") and reports whether
// got/max is a score a quiz could give.
func formatTenths(got float64, of int) (string, bool) {
	if of < 1 || of > maxShareQuestions || math.IsNaN(got) || got < -1e-6 || got > float64(of)+1e-6 {
		return "", false
	}
	t := max(tenths(got), 0)
	s := strconv.Itoa(t / 10)
	if t%10 != 0 {
		s += "." + strconv.Itoa(t%10)
	}
	return s, true
}

// crc32IEEE is the IEEE CRC-32 of s.
func crc32IEEE(s string) uint32 {
	return crc32.ChecksumIEEE([]byte(s))
}
