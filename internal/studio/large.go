package studio

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"docket/internal/casefile"
)

// A large case (up to casefile.MaxEvents events) stays quick to edit: its
// events are listed compactly, a page at a time, and only the ones the
// editor opens show their whole form; the validator runs once the editor
// pauses rather than on every key.

// AllFormsUpTo is the most events a case may have for the editor to show
// every event's form at once; a larger case is Large.
const AllFormsUpTo = 25

// EventsPerPage is how many events a page of a large case's list shows.
const EventsPerPage = 50

// CheckDelay is how long after the last change a large case is checked.
const CheckDelay = 400 * time.Millisecond

// Large reports whether a case has too many events to show every form.
func Large(c *casefile.Case) bool { return len(c.Events) > AllFormsUpTo }

// EventList is where a large case's list of events stands: the events
// whose forms are open (by index), the page shown and what was typed in
// "Find an event".
type EventList struct {
	Open []int
	Page int // from 0
	Find string
}

// EventRow is one event of the compact list.
type EventRow struct {
	Index    int
	Date     string // as written, or its label
	Title    string
	Problems int
	Open     bool
}

// EventPage is the page of the compact list to show: its rows, which
// page it is of how many, and how many events match the search.
type EventPage struct {
	Rows    []EventRow
	Page    int
	Pages   int
	Matches int
}

// Matches reports whether an event matches what was typed in "Find an
// event": its title, id, date or date label contains it, in any case.
func Matches(e *casefile.Event, find string) bool {
	find = strings.TrimSpace(find)
	if find == "" {
		return true
	}
	f := strings.ToLower(find)
	for _, s := range []string{e.Title, e.ID, e.Date.Value, e.Date.Label} {
		if strings.Contains(strings.ToLower(s), f) {
			return true
		}
	}
	return false
}

// Show is the page of the list to show, given each event's problem count
// (problems[i] for event i; missing counts are 0).
func (l *EventList) Show(events []casefile.Event, problems []int) EventPage {
	var match []int
	for i := range events {
		if Matches(&events[i], l.Find) {
			match = append(match, i)
		}
	}
	pages := max(1, (len(match)+EventsPerPage-1)/EventsPerPage)
	l.Page = min(max(l.Page, 0), pages-1)
	out := EventPage{Page: l.Page, Pages: pages, Matches: len(match)}
	for _, i := range match[min(l.Page*EventsPerPage, len(match)):min((l.Page+1)*EventsPerPage, len(match))] {
		e := &events[i]
		r := EventRow{Index: i, Date: e.Date.Value, Title: e.Title, Open: slices.Contains(l.Open, i)}
		if e.Date.Label != "" {
			r.Date = e.Date.Label
		}
		if i < len(problems) {
			r.Problems = problems[i]
		}
		out.Rows = append(out.Rows, r)
	}
	return out
}

// Toggle opens event i's form, or closes it.
func (l *EventList) Toggle(i int) {
	if k := slices.Index(l.Open, i); k >= 0 {
		l.Open = slices.Delete(l.Open, k, k+1)
		return
	}
	l.Open = append(l.Open, i)
}

// Reveal opens event i's form and turns to its page; a search that hides
// it is cleared.
func (l *EventList) Reveal(events []casefile.Event, i int) {
	if i < 0 || i >= len(events) {
		return
	}
	if !slices.Contains(l.Open, i) {
		l.Open = append(l.Open, i)
	}
	if !Matches(&events[i], l.Find) {
		l.Find = ""
	}
	n := 0 // matching events before i
	for k := range i {
		if Matches(&events[k], l.Find) {
			n++
		}
	}
	l.Page = n / EventsPerPage
}

// Moved follows an event moved from index i to j: what was open stays open.
func (l *EventList) Moved(i, j int) {
	for k, o := range l.Open {
		switch o {
		case i:
			l.Open[k] = j
		case j:
			l.Open[k] = i
		}
	}
}

// Removed follows the removal of event i: later events move up one.
func (l *EventList) Removed(i int) {
	l.Open = slices.DeleteFunc(l.Open, func(o int) bool { return o == i })
	for k, o := range l.Open {
		if o > i {
			l.Open[k] = o - 1
		}
	}
}

// ProblemsByEvent counts the problems of each of n events.
func ProblemsByEvent(ps casefile.Problems, n int) []int {
	out := make([]int, n)
	for _, p := range ps {
		if list, _, i := splitIndex(p.Path); list == "events" && i >= 0 && i < n {
			out[i]++
		}
	}
	return out
}

// EventOf is the index of the event a path is in ("events[12].title" is
// 12), or -1.
func EventOf(path string) int {
	if list, _, i := splitIndex(path); list == "events" {
		return i
	}
	return -1
}

// MaxListed is how many problems the Checks list shows; the rest are
// counted.
const MaxListed = 100

// ComparePaths orders two JSON paths of a case as their fields come in
// the case's JSON (the order `docket validate` reports them in): field by
// field as the types declare them, items by index, a list before its
// items.
func ComparePaths(a, b string) int {
	t := reflect.TypeFor[casefile.Case]()
	for a != b {
		sa, ra := firstStep(a)
		sb, rb := firstStep(b)
		switch {
		case sa == "":
			return -1
		case sb == "":
			return 1
		case sa != sb:
			return compareSteps(t, sa, sb)
		}
		t = stepType(t, sa)
		a, b = ra, rb
	}
	return 0
}

// firstStep splits a path into its first step ("events", "[3]", "date")
// and the rest.
func firstStep(p string) (step, rest string) {
	p = strings.TrimPrefix(p, ".")
	if strings.HasPrefix(p, "[") {
		if end := strings.IndexByte(p, ']'); end > 0 {
			return p[:end+1], p[end+1:]
		}
		return p, ""
	}
	if i := strings.IndexAny(p, ".["); i >= 0 {
		return p[:i], p[i:]
	}
	return p, ""
}

// compareSteps orders two different steps under type t: indexes by
// number, fields by their place in t (unknown fields last, by name).
func compareSteps(t reflect.Type, a, b string) int {
	ia, aIndex := stepIndex(a)
	ib, bIndex := stepIndex(b)
	if aIndex && bIndex {
		return cmp.Compare(ia, ib)
	}
	return cmp.Or(cmp.Compare(fieldRank(t, a), fieldRank(t, b)), strings.Compare(a, b))
}

// stepIndex reads "[3]" as 3.
func stepIndex(s string) (int, bool) {
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return 0, false
	}
	n, err := strconv.Atoi(s[1 : len(s)-1])
	return n, err == nil
}

// fieldRank is the place of the field with JSON name among t's fields.
func fieldRank(t reflect.Type, name string) int {
	if t == nil || t.Kind() != reflect.Struct {
		return 1 << 20
	}
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); tag == name {
			return i
		}
	}
	return 1 << 20
}

// stepType is the type of the value a step leads to from t; nil when t
// has no such step.
func stepType(t reflect.Type, step string) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return nil
	}
	if _, ok := stepIndex(step); ok {
		if t.Kind() == reflect.Slice {
			return t.Elem()
		}
		return nil
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	if i := fieldRank(t, step); i < t.NumField() {
		ft := t.Field(i).Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		return ft
	}
	return nil
}

// Pixels reads an image's width or height as typed: "" is none (0); a
// whole number is itself; anything else is 0, with a problem to show at
// the field. The validator says what is wrong with a whole number that is
// no size (negative, too large).
func Pixels(typed string) (n int, problem string) {
	s := strings.TrimSpace(typed)
	if s == "" {
		return 0, ""
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, fmt.Sprintf("%q is not a whole number: give the size in pixels, such as 1200", typed)
	case n == 0:
		return 0, "0 is not a size: give the size in pixels, such as 1200, or leave it empty"
	}
	return n, ""
}

// PixelsText is what an image's width or height field shows: what the
// editor typed while it still reads as the number held, otherwise the
// number ("" for none).
func PixelsText(typed string, ok bool, n int) string {
	if ok {
		if m, _ := Pixels(typed); m == n {
			return typed
		}
	}
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// TooLarge is the problem of a draft whose JSON is over the server's
// limit, shown at its longest text (path, of chars characters): "" when
// it fits.
func TooLarge(bytes int) string {
	if bytes <= casefile.MaxFileBytes {
		return ""
	}
	return fmt.Sprintf("makes the draft %s, more than the %s the server saves: it is kept in this tab, not saved, until it is shorter",
		megabytes(bytes), megabytes(casefile.MaxFileBytes))
}

// megabytes writes a size in MB, to one decimal.
func megabytes(n int) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
}

// LongestText is the path of the longest text of the case, and its length
// in bytes: where to say a draft is too large.
func LongestText(c *casefile.Case) (path string, n int) {
	see := func(p, s string) {
		if len(s) > n {
			path, n = p, len(s)
		}
	}
	see("title", c.Title)
	see("summary", c.Summary)
	see("outcome", c.Outcome)
	for i, e := range c.Events {
		p := fmt.Sprintf("events[%d]", i)
		see(p+".title", e.Title)
		for k, s := range e.Body {
			see(fmt.Sprintf("%s.body[%d]", p, k), s)
		}
	}
	for i, t := range c.Glossary {
		p := fmt.Sprintf("glossary[%d]", i)
		see(p+".definition", t.Definition)
		see(p+".explanation", t.Explanation)
	}
	for i, q := range c.Quiz.Questions {
		p := fmt.Sprintf("quiz.questions[%d]", i)
		see(p+".prompt", q.Prompt)
		see(p+".explanation", q.Explanation)
	}
	for i, s := range c.Sources {
		see(fmt.Sprintf("sources[%d].title", i), s.Title)
		see(fmt.Sprintf("sources[%d].url", i), s.URL)
	}
	for i, k := range c.Corrections {
		see(fmt.Sprintf("corrections[%d].text", i), k.Text)
	}
	return path, n
}

// TypedProblems are the problems of what the forms keep as typed but the
// case cannot hold: an image's width or height that is no whole number
// (boxes holds the text typed, by path). Text that no longer reads as the
// case's number (the image changed since) has none.
func TypedProblems(c *casefile.Case, boxes map[string]string) casefile.Problems {
	var ps casefile.Problems
	for path, typed := range boxes {
		var n *int
		switch im := imageAt(c, path); {
		case im == nil:
			continue
		case strings.HasSuffix(path, ".image.width"):
			n = &im.Width
		case strings.HasSuffix(path, ".image.height"):
			n = &im.Height
		default:
			continue
		}
		if m, problem := Pixels(typed); problem != "" && m == *n {
			ps = append(ps, casefile.Problem{Path: path, Message: problem})
		}
	}
	slices.SortFunc(ps, func(a, b casefile.Problem) int { return ComparePaths(a.Path, b.Path) })
	return ps
}

// imageAt is the image whose field path names ("media.image.width",
// "events[3].media.image.height"), or nil.
func imageAt(c *casefile.Case, path string) *casefile.Image {
	i := strings.LastIndex(path, "media.image.")
	if i < 0 {
		return nil
	}
	var m *casefile.Media
	switch owner := strings.TrimSuffix(path[:i], "."); {
	case owner == "":
		m = c.Media
	case EventOf(owner) >= 0 && EventOf(owner) < len(c.Events) && owner == fmt.Sprintf("events[%d]", EventOf(owner)):
		m = c.Events[EventOf(owner)].Media
	}
	if m == nil {
		return nil
	}
	return m.Image
}
