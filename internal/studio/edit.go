package studio

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"docket/internal/casefile"
)

// Edits of a case, as the editor's forms make them. Each keeps the case
// whole: an event added has an id of its own, a source removed leaves no
// event pointing at it.

// UniqueID is prefix-N for the smallest N ≥ 1 not in taken.
func UniqueID(prefix string, taken func(id string) bool) string {
	for n := 1; ; n++ {
		if id := fmt.Sprintf("%s-%d", prefix, n); !taken(id) {
			return id
		}
	}
}

// AddEvent appends a new event, dated by day, in the first category, and
// returns its index.
func AddEvent(c *casefile.Case) int {
	ids := make(map[string]bool, len(c.Events)) // a lookup per try would be slow in a large case
	for _, e := range c.Events {
		ids[e.ID] = true
	}
	e := casefile.Event{
		ID:      UniqueID("event", func(id string) bool { return ids[id] }),
		Date:    casefile.Date{Precision: casefile.Day},
		Body:    []string{},
		Sources: []string{},
	}
	if len(c.Categories) > 0 {
		e.Category = c.Categories[0].ID
	}
	c.Events = append(c.Events, e)
	return len(c.Events) - 1
}

// AddSource appends a new web source and returns its index.
func AddSource(c *casefile.Case) int {
	c.Sources = append(c.Sources, casefile.Source{
		ID:   UniqueID("source", func(id string) bool { return c.Source(id) != nil }),
		Kind: casefile.SourceWeb,
	})
	return len(c.Sources) - 1
}

// AddCategory appends a new category and returns its index.
func AddCategory(c *casefile.Case) int {
	c.Categories = append(c.Categories, casefile.Category{
		ID:    UniqueID("category", func(id string) bool { return c.Category(id) != nil }),
		Color: "#1d3557",
	})
	return len(c.Categories) - 1
}

// Remove takes item i out of a list; an index out of range changes nothing.
func Remove[T any](list []T, i int) []T {
	if i < 0 || i >= len(list) {
		return list
	}
	return slices.Delete(list, i, i+1)
}

// Move moves item i of a list by delta places (-1 up, +1 down) and
// returns where it is now; at either end it stays.
func Move[T any](list []T, i, delta int) int {
	j := i + delta
	if i < 0 || i >= len(list) || j < 0 || j >= len(list) {
		return i
	}
	list[i], list[j] = list[j], list[i]
	return j
}

// MoveTo moves item from of a list to place to, the items between
// shifting by one (a drop on another item takes its place), and returns
// where it is now; an index out of range changes nothing. Items are
// named by id, so what refers to them follows without a change.
func MoveTo[T any](list []T, from, to int) int {
	if from < 0 || from >= len(list) || to < 0 || to >= len(list) {
		return from
	}
	item := list[from]
	if from < to {
		copy(list[from:to], list[from+1:to+1])
	} else {
		copy(list[to+1:from+1], list[to:from])
	}
	list[to] = item
	return to
}

// RemoveSource takes source i out of the case and out of every event,
// term and question that cited it.
func RemoveSource(c *casefile.Case, i int) {
	if i < 0 || i >= len(c.Sources) {
		return
	}
	id := c.Sources[i].ID
	c.Sources = Remove(c.Sources, i)
	sourceRefs(c).drop(id)
}

// RenameSource changes source i's id, and the events, terms and questions
// that cite it follow.
func RenameSource(c *casefile.Case, i int, id string) {
	if i < 0 || i >= len(c.Sources) {
		return
	}
	old := c.Sources[i].ID
	c.Sources[i].ID = id
	sourceRefs(c).rename(old, id)
}

// RenameCategory changes category i's id, and its events follow.
func RenameCategory(c *casefile.Case, i int, id string) {
	if i < 0 || i >= len(c.Categories) {
		return
	}
	old := c.Categories[i].ID
	c.Categories[i].ID = id
	categoryRefs(c).rename(old, id)
}

// refs is every place in a case that names an item of one kind (a source,
// a category, a term, an event) by its id: lists of ids and single ids.
// Removing or renaming the item updates them all.
type refs struct {
	lists []*[]string
	ones  []*string
}

// drop takes id out of every list and empties every single id that is it.
func (r refs) drop(id string) {
	for _, l := range r.lists {
		*l = slices.DeleteFunc(*l, func(s string) bool { return s == id })
	}
	for _, p := range r.ones {
		if *p == id {
			*p = ""
		}
	}
}

// rename changes old to id wherever it stands; an empty old names nothing.
func (r refs) rename(old, id string) {
	if old == "" {
		return
	}
	for _, l := range r.lists {
		for k, s := range *l {
			if s == old {
				(*l)[k] = id
			}
		}
	}
	for _, p := range r.ones {
		if *p == old {
			*p = id
		}
	}
}

// sourceRefs: the sources events, terms and questions cite.
func sourceRefs(c *casefile.Case) refs {
	var r refs
	for k := range c.Events {
		r.lists = append(r.lists, &c.Events[k].Sources)
	}
	for k := range c.Glossary {
		r.lists = append(r.lists, &c.Glossary[k].Sources)
	}
	for k := range c.Quiz.Questions {
		r.lists = append(r.lists, &c.Quiz.Questions[k].Sources)
	}
	return r
}

// categoryRefs: the events' categories.
func categoryRefs(c *casefile.Case) refs {
	var r refs
	for k := range c.Events {
		r.ones = append(r.ones, &c.Events[k].Category)
	}
	return r
}

// termRefs: the terms events and questions use, and corrections concern.
func termRefs(c *casefile.Case) refs {
	var r refs
	for k := range c.Events {
		r.lists = append(r.lists, &c.Events[k].Terms)
	}
	for k := range c.Quiz.Questions {
		r.lists = append(r.lists, &c.Quiz.Questions[k].Terms)
	}
	for k := range c.Corrections {
		r.ones = append(r.ones, &c.Corrections[k].Term)
	}
	return r
}

// eventRefs: the events questions point to, and corrections concern.
func eventRefs(c *casefile.Case) refs {
	var r refs
	for k := range c.Quiz.Questions {
		r.lists = append(r.lists, &c.Quiz.Questions[k].Events)
	}
	for k := range c.Corrections {
		r.ones = append(r.ones, &c.Corrections[k].Event)
	}
	return r
}

// Cite adds or takes away a source among an event's sources.
func Cite(c *casefile.Case, event int, source string, on bool) {
	if event < 0 || event >= len(c.Events) {
		return
	}
	CiteIn(c, &c.Events[event].Sources, source, on)
}

// CiteIn adds or takes away a source in a list of cited sources (an
// event's, a question's), keeping the order of the case's sources.
func CiteIn(c *casefile.Case, ids *[]string, source string, on bool) {
	has := slices.Contains(*ids, source)
	switch {
	case on && !has:
		*ids = append(*ids, source)
		order := func(id string) int {
			return slices.IndexFunc(c.Sources, func(s casefile.Source) bool { return s.ID == id })
		}
		slices.SortStableFunc(*ids, func(a, b string) int { return order(a) - order(b) })
	case !on && has:
		*ids = slices.DeleteFunc(*ids, func(s string) bool { return s == source })
	}
}

// AddQuestion appends a new single-answer question and returns its index.
func AddQuestion(c *casefile.Case) int {
	c.Quiz.Questions = append(c.Quiz.Questions, casefile.Question{
		ID:      UniqueID("question", func(id string) bool { return c.Question(id) != nil }),
		Kind:    casefile.SingleChoice,
		Choices: []string{},
		Answers: []int{},
		Sources: []string{},
	})
	return len(c.Quiz.Questions) - 1
}

// SetKind changes a question's kind: a true-false question gets the
// choices True and False if it has none, and a one-answer kind keeps only
// its first answer.
func SetKind(q *casefile.Question, kind casefile.QuestionKind) {
	q.Kind = kind
	if kind == casefile.TrueFalse && len(q.Choices) == 0 {
		q.Choices = []string{"True", "False"}
	}
	if kind != casefile.MultipleChoice && len(q.Answers) > 1 {
		q.Answers = q.Answers[:1]
	}
}

// SetChoices sets a question's choices (one per line in its box); answers
// that no longer name a choice are dropped.
func SetChoices(q *casefile.Question, choices []string) {
	q.Choices = choices
	q.Answers = slices.DeleteFunc(q.Answers, func(a int) bool { return a >= len(choices) })
}

// MarkAnswer marks choice i right or not: a question of one answer has
// only the last one marked; answers stay in choice order.
func MarkAnswer(q *casefile.Question, i int, right bool) {
	if right && q.Kind != casefile.MultipleChoice {
		q.Answers = []int{i}
		return
	}
	q.Answers = slices.DeleteFunc(q.Answers, func(a int) bool { return a == i })
	if right {
		q.Answers = append(q.Answers, i)
		slices.Sort(q.Answers)
	}
}

// blankLines separate an event's paragraphs in its text box.
var blankLines = regexp.MustCompile(`\n[ \t]*\n`)

// Paragraphs splits the text of an event's body box into its paragraphs:
// blocks separated by a blank line, trimmed, empty ones left out.
func Paragraphs(text string) []string {
	out := []string{}
	for _, p := range blankLines.Split(strings.ReplaceAll(text, "\r\n", "\n"), -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// BodyText is an event's paragraphs as its text box shows them.
func BodyText(body []string) string { return strings.Join(body, "\n\n") }

// Cited counts the events that cite at least one source: the Studio shows
// "N of M events have a source".
func Cited(c *casefile.Case) (withSource, events int) {
	for _, e := range c.Events {
		if len(e.Sources) > 0 {
			withSource++
		}
	}
	return withSource, len(c.Events)
}

// Duplicate is a copy of a case under a new id and title, for a new case
// that starts from an old one. Its corrections stay with the old case.
func Duplicate(c *casefile.Case, id, title string) (*casefile.Case, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var d casefile.Case
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	d.ID, d.Title, d.Corrections = id, title, nil
	return &d, nil
}

// NewCase is the draft a new case starts as: its id and title, and empty
// lists that the forms fill.
func NewCase(id, title string) *casefile.Case {
	return &casefile.Case{
		ID: id, Title: title, Status: casefile.StatusOpen,
		Parties: []casefile.Party{}, Credits: []string{}, Categories: []casefile.Category{},
		Events: []casefile.Event{}, Sources: []casefile.Source{},
	}
}

// Check runs the validator of `docket validate` on the case and returns
// its problems in the order that reports them (see ComparePaths); none
// means it may be published. It validates the case as the forms hold it,
// not its JSON: the forms cannot hold what only a file's decoding finds,
// and reading the JSON back took seconds on a 10,000-event case.
func Check(c *casefile.Case) casefile.Problems {
	ps := append(c.Validate(), studioProblems(c)...)
	slices.SortStableFunc(ps, func(a, b casefile.Problem) int { return ComparePaths(a.Path, b.Path) })
	return ps
}

// Encode is the case's JSON, as the Studio saves it. Lists are never
// null, so the validator names what is missing ("needs at least one
// event"), not a type.
func Encode(c *casefile.Case) ([]byte, error) {
	d := *c
	d.Parties = orEmpty(d.Parties)
	d.Credits = orEmpty(d.Credits)
	d.Categories = orEmpty(d.Categories)
	d.Events = slices.Clone(orEmpty(d.Events))
	for i := range d.Events {
		d.Events[i].Body = orEmpty(d.Events[i].Body)
		d.Events[i].Sources = orEmpty(d.Events[i].Sources)
	}
	d.Glossary = slices.Clone(d.Glossary)
	for i := range d.Glossary {
		d.Glossary[i].Sources = orEmpty(d.Glossary[i].Sources)
	}
	d.Quiz.Questions = slices.Clone(d.Quiz.Questions)
	for i := range d.Quiz.Questions {
		q := &d.Quiz.Questions[i]
		q.Choices, q.Answers, q.Sources = orEmpty(q.Choices), orEmpty(q.Answers), orEmpty(q.Sources)
	}
	d.Sources = orEmpty(d.Sources)
	return json.Marshal(&d)
}

func orEmpty[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// Decode reads a draft's JSON as the forms edit it, with the strict
// decoder of case files: a field the forms do not know would be dropped by
// the next save, so a draft with one (or a value of the wrong type) is an
// error naming it, and the draft on the server stays as it is.
func Decode(data []byte) (*casefile.Case, error) {
	c, err := casefile.Decode("draft", data)
	if err != nil {
		return nil, fmt.Errorf("this draft cannot be shown in the forms: %v", err)
	}
	return c, nil
}

// BoxText is what a text box that edits a list (an event's paragraphs, a
// question's choices, one per line) shows: the text as the editor typed
// it, with its trailing spaces and blank lines, as long as it still reads
// as the list; otherwise (the list changed elsewhere: another version
// shown, items reordered) the list written out afresh.
func BoxText(typed string, ok bool, list []string, split func(string) []string, join func([]string) string) string {
	if ok && slices.Equal(split(typed), list) {
		return typed
	}
	return join(list)
}

// Lines splits a box of one item per line, trimmed, empty lines left out.
func Lines(v string) []string {
	out := []string{}
	for _, l := range strings.Split(v, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// JoinLines writes a list one item per line.
func JoinLines(list []string) string { return strings.Join(list, "\n") }

// SetPrecision changes a date's precision and cuts its value to the new
// one's form when it is longer ("2017-04-06T16:30" by day is
// "2017-04-06"); a shorter value stays for the editor to complete.
func SetPrecision(d *casefile.Date, p casefile.Precision) {
	d.Precision = p
	n := map[casefile.Precision]int{casefile.Minute: len("2017-04-06T16:30"), casefile.Day: len("2017-04-06"),
		casefile.Month: len("2017-04"), casefile.Year: len("2017")}[p]
	if n > 0 && len(d.Value) > n {
		d.Value = d.Value[:n]
	}
}

// SetEnd makes an event a span, ending at a date of its start's precision,
// or a single date again.
func SetEnd(e *casefile.Event, span bool) {
	switch {
	case span && e.End == nil:
		e.End = &casefile.Date{Precision: e.Date.Precision}
	case !span:
		e.End = nil
	}
}

// Tick adds or takes away an id in a list of ids, keeping the order of
// order (the case's terms, its sources).
func Tick(ids *[]string, id string, on bool, order []string) {
	has := slices.Contains(*ids, id)
	switch {
	case on && !has:
		*ids = append(*ids, id)
		slices.SortStableFunc(*ids, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
	case !on && has:
		*ids = slices.DeleteFunc(*ids, func(s string) bool { return s == id })
	}
}

// TermIDs are the ids of the case's glossary terms, in order.
func TermIDs(c *casefile.Case) []string {
	ids := make([]string, len(c.Glossary))
	for i, t := range c.Glossary {
		ids[i] = t.ID
	}
	return ids
}

// AddTerm appends a new glossary term and returns its index.
func AddTerm(c *casefile.Case) int {
	c.Glossary = append(c.Glossary, casefile.Term{
		ID:      UniqueID("term", func(id string) bool { return c.Term(id) != nil }),
		Sources: []string{},
	})
	return len(c.Glossary) - 1
}

// RemoveTerm takes term i out of the glossary and out of every event,
// question and correction that named it.
func RemoveTerm(c *casefile.Case, i int) {
	if i < 0 || i >= len(c.Glossary) {
		return
	}
	id := c.Glossary[i].ID
	c.Glossary = Remove(c.Glossary, i)
	termRefs(c).drop(id)
}

// RenameTerm changes term i's id, and the events, questions and
// corrections that name it follow.
func RenameTerm(c *casefile.Case, i int, id string) {
	if i < 0 || i >= len(c.Glossary) {
		return
	}
	old := c.Glossary[i].ID
	c.Glossary[i].ID = id
	termRefs(c).rename(old, id)
}

// The kinds of media an event may show, as its form's select names them.
const (
	NoMedia    = ""
	ImageMedia = "image"
	LinkMedia  = "link"
)

// MediaKind is which medium m holds: NoMedia, ImageMedia or LinkMedia.
func MediaKind(m *casefile.Media) string {
	switch {
	case m == nil:
		return NoMedia
	case m.Image != nil:
		return ImageMedia
	case m.Link != nil:
		return LinkMedia
	}
	return NoMedia
}

// SetMedia gives an event or the case (m is its Media) an empty image or
// link, or takes its media away; choosing the kind it has already keeps
// what it holds.
func SetMedia(m **casefile.Media, kind string) {
	if kind == MediaKind(*m) && *m != nil {
		return
	}
	switch kind {
	case ImageMedia:
		*m = &casefile.Media{Image: &casefile.Image{}}
	case LinkMedia:
		*m = &casefile.Media{Link: &casefile.Link{}}
	default:
		*m = nil
	}
}

// AddEra appends a new era, dated by day, and returns its index.
func AddEra(c *casefile.Case) int {
	c.Eras = append(c.Eras, casefile.Era{Start: casefile.Date{Precision: casefile.Day}, End: casefile.Date{Precision: casefile.Day}})
	return len(c.Eras) - 1
}

// AddCorrection appends a correction dated the case's last-checked day
// (a correction moves it on) and returns its index.
func AddCorrection(c *casefile.Case) int {
	c.Corrections = append(c.Corrections, casefile.Correction{Date: c.Updated})
	return len(c.Corrections) - 1
}

// studioProblems are what the Studio cannot accept though a case file
// may: an image in the case's folder, which a draft has none of.
func studioProblems(c *casefile.Case) casefile.Problems {
	var ps casefile.Problems
	see := func(path string, m *casefile.Media) {
		if m != nil && m.Image != nil && m.Image.Src != "" && !strings.HasPrefix(m.Image.Src, "https://") &&
			!strings.HasPrefix(m.Image.Src, "http://") {
			ps = append(ps, casefile.Problem{Path: path + ".image.src",
				Message: fmt.Sprintf("%q is not an https URL: in the Studio an image is an https address (a draft has no folder for files)", m.Image.Src)})
		}
	}
	see("media", c.Media)
	for i, e := range c.Events {
		see(fmt.Sprintf("events[%d].media", i), e.Media)
	}
	return ps
}

// RemoveEvent takes event i out of the case and out of every question
// and correction that named it.
func RemoveEvent(c *casefile.Case, i int) {
	if i < 0 || i >= len(c.Events) {
		return
	}
	id := c.Events[i].ID
	c.Events = Remove(c.Events, i)
	eventRefs(c).drop(id)
}

// RenameEvent changes event i's id, and the questions and corrections
// that name it follow.
func RenameEvent(c *casefile.Case, i int, id string) {
	if i < 0 || i >= len(c.Events) {
		return
	}
	old := c.Events[i].ID
	c.Events[i].ID = id
	eventRefs(c).rename(old, id)
}
