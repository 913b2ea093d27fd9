package studio

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// History is the undo and redo of one case's edits, as plain values: the
// case as it stands (its JSON, as Encode writes it) and the states before
// and after it. Snapshots, not diffs: an undo puts back exactly what was
// there, references and all.
type History struct {
	// Now is the case as it stands; nil until the history starts.
	Now  []byte
	undo []step // newest last
	redo []step // newest last
	// key is the last edit's field, while typing in it goes on.
	key string
}

// step is a state of the case to go back (or forward) to, and what the
// edit that left it did.
type step struct {
	state []byte
	label string
}

// The history's caps: the oldest steps go first. A 10,000-event case is
// megabytes of JSON, so steps are counted in bytes too. (Variables for
// the tests' sake.)
var (
	MaxSteps     = 200
	MaxStepBytes = 32 << 20
)

// Start begins the history at state, with nothing to undo or redo.
func Start(state []byte) History { return History{Now: state} }

// Record takes the case as it stands after an edit: its state, the field
// it edited (key, "" for an edit that is a step of its own: an add, a
// removal, a move, a tick) and what it did in words (label, "event 3
// title"). It reports whether a new step was made. A state equal to Now
// changes nothing; an edit of the same key as the last step's joins it
// (the editor makes the key of a field and of the time the focus came
// to it, so typing in a field is one step until the focus leaves it);
// any change clears what could be redone.
func (h *History) Record(state []byte, key, label string) bool {
	if h.Now == nil {
		h.Now = state
		return false
	}
	if bytes.Equal(state, h.Now) {
		return false
	}
	h.redo = nil
	if key != "" && key == h.key && len(h.undo) > 0 {
		h.Now = state
		return false
	}
	h.undo = append(h.undo, step{state: h.Now, label: label})
	h.Now, h.key = state, key
	h.trim()
	return true
}

// trim drops the oldest steps beyond MaxSteps or MaxStepBytes (the
// newest is always kept).
func (h *History) trim() {
	size := 0
	for _, s := range h.undo {
		size += len(s.state)
	}
	for len(h.undo) > 1 && (len(h.undo) > MaxSteps || size > MaxStepBytes) {
		size -= len(h.undo[0].state)
		h.undo[0] = step{} // let the collector have it
		h.undo = h.undo[1:]
	}
}

// Undo goes back one step: it returns the state to put in the forms and
// what the step did; ok is false when there is nothing to undo.
func (h *History) Undo() (state []byte, label string, ok bool) {
	return h.back(&h.undo, &h.redo)
}

// Redo goes forward one step undone, as Undo goes back.
func (h *History) Redo() (state []byte, label string, ok bool) {
	return h.back(&h.redo, &h.undo)
}

// back takes the newest step of from, and keeps Now in to.
func (h *History) back(from, to *[]step) ([]byte, string, bool) {
	if len(*from) == 0 {
		return nil, "", false
	}
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, step{state: h.Now, label: s.label})
	h.Now, h.key = s.state, "" // the next keystroke is a step of its own
	return s.state, s.label, true
}

// UndoLabel is what Undo would undo ("" when nothing); RedoLabel likewise.
func (h *History) UndoLabel() string { return newest(h.undo) }

// RedoLabel is what Redo would redo ("" when nothing).
func (h *History) RedoLabel() string { return newest(h.redo) }

func newest(s []step) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1].label
}

// Follow keeps the history with the version the forms show after a
// conflict's choice, so that undo never crosses from one version to the
// other. now is the case in the forms; mineAside is true while the
// editor's own version is set aside (their version shown). The editor's
// history is kept in aside while theirs is shown, and comes back with
// the editor's version; their version starts a history of its own;
// taking theirs for good starts afresh.
func (h *History) Follow(now []byte, mineAside bool, aside *History) {
	switch {
	case mineAside && bytes.Equal(now, h.Now): // nothing was swapped
	case mineAside:
		*aside, *h = *h, Start(now)
	case aside.Now != nil && bytes.Equal(now, aside.Now):
		*h, *aside = *aside, History{}
	case bytes.Equal(now, h.Now):
		*aside = History{}
	default:
		*h, *aside = Start(now), History{}
	}
}

// pathPart is one name of a JSON path with its index: "events[2]".
var pathPart = regexp.MustCompile(`^([a-z]+)(?:\[(\d+)\])?$`)

// stepWords name the parts of a case in an undo button's words: a list's
// item by its singular, a few fields as the forms label them.
var stepWords = map[string]string{
	"parties": "party", "categories": "category", "events": "event", "eras": "era", "glossary": "term",
	"sources": "source", "questions": "question", "corrections": "correction", "credits": "credits",
	"choices": "choices", "body": "text", "color": "colour", "src": "address", "alt": "alt text",
	"value": "", "quiz": "", "media": "", "image": "image", "link": "link",
}

// StepName is a JSON path in the words of an undo button:
// "events[2].title" is "event 3 title", "quiz.questions[0].prompt" is
// "question 1 prompt", "events[0].date.value" is "event 1 date".
func StepName(path string) string {
	var words []string
	parts := strings.Split(path, ".")
	for k, part := range parts {
		m := pathPart.FindStringSubmatch(part)
		if m == nil {
			words = append(words, part)
			continue
		}
		w, ok := stepWords[m[1]]
		switch {
		case !ok:
			w = m[1]
		case m[1] == "quiz" && !strings.Contains(path, "questions"), m[1] == "media" && k == len(parts)-1:
			w = m[1] // the quiz's own fields; an event's media select
		}
		if w != "" {
			words = append(words, w)
		}
		if m[2] != "" {
			n, _ := strconv.Atoi(m[2])
			words = append(words, strconv.Itoa(n+1))
		}
	}
	return strings.Join(words, " ")
}

// AddName is the step of adding to a list: "add event".
func AddName(list string) string { return "add " + StepName(list) }

// MoveName is the step of moving item from of a list to place to (both
// from 0): "move event 2 to 5".
func MoveName(list string, from, to int) string {
	return fmt.Sprintf("move %s to %d", StepName(fmt.Sprintf("%s[%d]", list, from)), to+1)
}
