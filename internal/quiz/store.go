package quiz

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"hash/fnv"
	"io"
	"strconv"
	"strings"

	"docket/internal/casefile"
)

// StorageKey is the browser local-storage key under which a reader's
// progress on case caseID is kept (the value is State.Encode).
func StorageKey(caseID string) string {
	return "docket.quiz." + caseID
}

// storeVersion starts every encoded state; a change of format gets a new
// one, so that older saved states are ignored rather than misread.
const storeVersion = "q1"

// maxStored bounds what Decode will read; a real state is well under 1 KiB.
const maxStored = 64 << 10

// stored is the saved form of a State. Responses are keyed by question id
// and only non-empty ones are kept.
type stored struct {
	Fingerprint string           `json:"f"`
	Pos         int              `json:"p"`
	Responses   []storedResponse `json:"r,omitempty"`
}

type storedResponse struct {
	ID        string `json:"q"`
	Picks     []int  `json:"p,omitempty"`
	Submitted bool   `json:"s,omitempty"`
}

// Encode turns the state into a short string to keep in local storage:
// "q1.<base64url JSON>.<crc32>". It is bound to the case id and to a
// fingerprint of the quiz, so Decode ignores it once the quiz changes.
func (s State) Encode() string {
	st := stored{Fingerprint: fingerprint(s.quiz, s.caseID), Pos: s.pos}
	for i, q := range s.quiz.Questions {
		if r := s.response(i); len(r.Picks) > 0 || r.Submitted {
			st.Responses = append(st.Responses, storedResponse{ID: q.ID, Picks: r.Picks, Submitted: r.Submitted})
		}
	}
	b, err := json.Marshal(st)
	if err != nil { // cannot happen: only strings, ints and bools
		return ""
	}
	body := base64.RawURLEncoding.EncodeToString(b)
	return storeVersion + "." + body + "." + checksum(body)
}

// Decode restores a state saved by Encode for quiz on case caseID. It
// reports false, and the caller starts afresh with New, when s is empty,
// malformed, truncated or edited, from another format version, another case
// or an earlier version of the quiz, or holds picks that the quiz's
// questions would not accept. It never panics.
func Decode(s string, quiz casefile.Quiz, caseID string) (State, bool) {
	if len(s) > maxStored {
		return State{}, false
	}
	version, rest, ok1 := strings.Cut(s, ".")
	body, sum, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || version != storeVersion || sum != checksum(body) || strings.ContainsAny(body, "\r\n") {
		return State{}, false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(body)
	if err != nil {
		return State{}, false
	}
	var st stored
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if dec.Decode(&st) != nil || dec.Decode(&struct{}{}) != io.EOF {
		return State{}, false
	}
	if st.Fingerprint != fingerprint(quiz, caseID) || st.Pos < 0 || st.Pos > len(quiz.Questions)+1 {
		return State{}, false
	}
	state := New(quiz, caseID)
	state.pos = st.Pos
	for _, r := range st.Responses {
		i := state.index(r.ID)
		if i < 0 || state.responses[i].Picks != nil || state.responses[i].Submitted || len(r.Picks) == 0 && !r.Submitted {
			return State{}, false // unknown question, repeated or empty response
		}
		q := quiz.Questions[i]
		var err error
		if r.Submitted {
			err = Validate(q, r.Picks)
		} else if _, err = rightChoices(q); err == nil {
			err = checkPicks(q, r.Picks)
		}
		if err != nil {
			return State{}, false
		}
		state.responses[i] = Response{Picks: sortedCopy(r.Picks), Submitted: r.Submitted}
	}
	return state, true
}

// checksum catches truncated or edited saved states; it is not a secret.
func checksum(s string) string {
	return hex32(crc32IEEE(s))
}

// hex32 writes v as exactly 8 lower-case hex digits.
func hex32(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	return ("00000000" + s)[len(s):]
}

// fingerprint identifies the quiz as far as saved answers are concerned:
// the case id and, in order, each question's id, kind, choices and answers.
// Rewording a prompt or an explanation keeps it; anything that could change
// what a saved pick means changes it.
func fingerprint(quiz casefile.Quiz, caseID string) string {
	h := fnv.New64a()
	var buf [binary.MaxVarintLen64]byte
	num := func(n int) { h.Write(buf[:binary.PutVarint(buf[:], int64(n))]) }
	str := func(s string) { num(len(s)); io.WriteString(h, s) }
	str("docket quiz")
	str(caseID)
	num(len(quiz.Questions))
	for _, q := range quiz.Questions {
		str(q.ID)
		str(string(q.Kind))
		num(len(q.Choices))
		for _, c := range q.Choices {
			str(c)
		}
		num(len(q.Answers))
		for _, a := range q.Answers {
			num(a)
		}
	}
	return strconv.FormatUint(h.Sum64(), 36)
}

// Version names the quiz as far as its answers are concerned: it changes
// exactly when a saved pick or a count of picks would change meaning (see
// fingerprint), so readers' answer counts are kept per Version.
func Version(quiz casefile.Quiz, caseID string) string {
	return fingerprint(quiz, caseID)
}
