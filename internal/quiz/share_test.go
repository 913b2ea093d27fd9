package quiz

import (
	"math"
	"strings"
	"testing"
)

func TestShareCode(t *testing.T) {
	tests := []struct {
		name   string
		got    float64
		max    int
		prefix string // the readable part; "" when no code is made
	}{
		{"whole score", 7, 10, "7-10-"},
		{"zero", 0, 10, "0-10-"},
		{"full marks", 10, 10, "10-10-"},
		{"half", 7.5, 10, "7.5-10-"},
		{"thirds round down", 1 + 2.0/3, 3, "1.6-3-"},
		{"just short of full never reads as full", 9.99, 10, "9.9-10-"},
		{"float error in a sum", 0.1 + 0.2, 3, "0.3-3-"},
		{"largest quiz", 1000, 1000, "1000-1000-"},
		{"above max", 11, 10, ""},
		{"negative", -1, 10, ""},
		{"no questions", 0, 0, ""},
		{"too many questions", 1, 1001, ""},
		{"NaN", math.NaN(), 10, ""},
		{"infinity", math.Inf(1), 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code := ShareCode(testCase, tt.got, tt.max)
			if tt.prefix == "" {
				if code != "" {
					t.Errorf("ShareCode = %q, want none", code)
				}
				return
			}
			if !strings.HasPrefix(code, tt.prefix) || len(code) != len(tt.prefix)+8 {
				t.Errorf("ShareCode = %q, want %q and an 8-digit checksum", code, tt.prefix)
			}
		})
	}
}

func TestParseShare(t *testing.T) {
	good := ShareCode(testCase, 7.5, 10)
	sum := good[len(good)-8:]
	tests := []struct {
		name   string
		caseID string
		code   string
		got    float64
		max    int
		ok     bool
	}{
		{"round trip", testCase, good, 7.5, 10, true},
		{"whole", testCase, ShareCode(testCase, 3, 3), 3, 3, true},
		{"zero", testCase, ShareCode(testCase, 0, 4), 0, 4, true},
		{"other case", "other-case", good, 0, 0, false},
		{"score raised", testCase, "9.5-10-" + sum, 0, 0, false},
		{"max changed", testCase, "7.5-8-" + sum, 0, 0, false},
		{"checksum edited", testCase, "7.5-10-00000000", 0, 0, false},
		{"checksum upper case", testCase, "7.5-10-" + strings.ToUpper(sum), 0, 0, false},
		{"checksum missing", testCase, "7.5-10", 0, 0, false},
		{"extra part", testCase, good + "-1", 0, 0, false},
		{"leading zero", testCase, "07.5-10-" + sum, 0, 0, false},
		{"trailing zero tenth", testCase, sealedShare("7.0-10"), 0, 0, false},
		{"plus sign", testCase, sealedShare("+7-10"), 0, 0, false},
		{"two decimals", testCase, sealedShare("7.55-10"), 0, 0, false},
		{"score over max", testCase, sealedShare("11-10"), 0, 0, false},
		{"zero questions", testCase, sealedShare("0-0"), 0, 0, false},
		{"space", testCase, " " + good, 0, 0, false},
		{"empty", testCase, "", 0, 0, false},
		{"dashes only", testCase, "--", 0, 0, false},
		{"very long", testCase, strings.Repeat("1", 100) + "-10-" + sum, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, max, ok := ParseShare(tt.caseID, tt.code)
			if got != tt.got || max != tt.max || ok != tt.ok {
				t.Errorf("ParseShare(%q) = %v, %v, %v; want %v, %v, %v", tt.code, got, max, ok, tt.got, tt.max, tt.ok)
			}
		})
	}
}

// sealedShare adds a correct checksum to a body ShareCode would never write,
// so that the test shows it is the body that is refused.
func sealedShare(body string) string {
	return body + "-" + hex32(crc32IEEE("docket score\x00"+testCase+"\x00"+body))
}

func TestFormatScore(t *testing.T) {
	tests := []struct {
		got  float64
		max  int
		want string
	}{
		{7, 10, "7 of 10"},
		{7.5, 10, "7.5 of 10"},
		{2.0 / 3, 3, "0.6 of 3"},
		{9.99, 10, "9.9 of 10"},
		{0, 5, "0 of 5"},
		{5, 5, "5 of 5"},
		{6, 5, ""},
		{0, 0, ""},
	}
	for _, tt := range tests {
		if got := FormatScore(tt.got, tt.max); got != tt.want {
			t.Errorf("FormatScore(%v, %d) = %q, want %q", tt.got, tt.max, got, tt.want)
		}
	}
}

func TestScoreMessage(t *testing.T) {
	all := ScoreMessage(10, 10)
	most := ScoreMessage(7, 10)
	some := ScoreMessage(3, 10)
	few := ScoreMessage(0, 10)
	tests := []struct {
		got  float64
		max  int
		want string
	}{
		{10, 10, all},
		{1, 1, all},
		{9.99, 10, most},
		{2 + 2.0/3, 3, most},
		{7, 10, most},
		{6.9, 10, some},
		{1, 3, some},
		{3, 10, some},
		{2.9, 10, few},
		{0, 10, few},
		{0, 1, few},
		{11, 10, ""},
		{-1, 10, ""},
		{0, 0, ""},
	}
	for _, tt := range tests {
		if got := ScoreMessage(tt.got, tt.max); got != tt.want {
			t.Errorf("ScoreMessage(%v, %d) = %q, want %q", tt.got, tt.max, got, tt.want)
		}
	}
	seen := map[string]bool{}
	for _, m := range []string{all, most, some, few} {
		if m == "" || seen[m] || len(m) > 100 {
			t.Errorf("message %q is empty, repeated or long", m)
		}
		seen[m] = true
	}
}

func FuzzParseShare(f *testing.F) {
	f.Add(testCase, ShareCode(testCase, 7.5, 10), 7.5, 10)
	f.Add(testCase, ShareCode(testCase, 0, 1), 1.0, 1)
	f.Add("", "10-10-00000000", 3.0, 3)
	f.Add("x", "7.-10-", 0.0, 0)
	f.Add("x", "-1-10-aaaaaaaa", -0.05, 1000)
	f.Fuzz(func(t *testing.T, caseID, code string, score float64, max int) {
		if got, n, ok := ParseShare(caseID, code); ok {
			if n < 1 || n > maxShareQuestions || got < 0 || got > float64(n) {
				t.Fatalf("ParseShare(%q) = %v, %v: out of range", code, got, n)
			}
			if again := ShareCode(caseID, got, n); again != code {
				t.Fatalf("ParseShare(%q) = %v, %v, which encodes as %q", code, got, n, again)
			}
		}
		code = ShareCode(caseID, score, max)
		if code == "" {
			return
		}
		got, n, ok := ParseShare(caseID, code)
		if !ok || n != max || got > score+1e-6 || got < score-0.1-1e-6 {
			t.Fatalf("ShareCode(%v, %v) = %q parses as %v, %v, %v", score, max, code, got, n, ok)
		}
	})
}
