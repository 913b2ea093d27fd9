package timelinejs

import (
	"cmp"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"docket/internal/casefile"
)

// Import reads a TimelineJS timeline from r (in format f, or detected when
// f is Auto) and converts it into a case with a report. The error is for a
// file that cannot be read at all; anything the case still lacks is in the
// report's to-do list, never an error.
func Import(name string, r io.Reader, f Format) (*casefile.Case, *Report, error) {
	t, err := Read(name, r, f)
	if err != nil {
		return nil, nil, err
	}
	c, rep := Convert(t)
	return c, rep, nil
}

// Palette are the colours given to categories in the order they are
// declared: each reads at 4.5:1 or more on white, as the format requires,
// and they are told apart from each other.
var Palette = []string{
	"#1d4ed8", "#b91c1c", "#0f766e", "#86198f", "#a8421a", "#4338ca",
	"#15803d", "#be185d", "#0369a1", "#6d28d9", "#4d7c0f", "#374151",
}

// Convert turns a timeline into a case and reports how: the title slide
// gives the case's id, title, summary and lead media; each event slide an
// event (in date order); each group a category; each era an era; each link
// in the text a source. What the case still needs (the court, the parties,
// a source for each event ...) is listed as to-do, in the words of the
// validator's rules, and left empty rather than invented.
func Convert(t *Timeline) (*casefile.Case, *Report) {
	cv := &converter{
		t: t, c: &casefile.Case{Schema: casefile.SchemaID},
		r:           &Report{Source: t.Name},
		sourceByKey: map[string]string{}, sourceIDs: idSet{}, eventIDs: idSet{},
		categoryOf: map[string]string{}, categoryIDs: idSet{},
	}
	cv.r.Items = append(cv.r.Items, t.Notes...)
	cv.title()
	cv.events()
	cv.eras()
	cv.fillLists()
	cv.toDo()
	cv.summarize()
	return cv.c, cv.r
}

type converter struct {
	t *Timeline
	c *casefile.Case
	r *Report

	sourceByKey map[string]string // a source's URL (or title and publisher) → its id
	sourceIDs   idSet
	eventIDs    idSet
	categoryOf  map[string]string // group text → category id
	categoryIDs idSet

	eventAt  []Locator // where each of the case's events came from
	todos    []Item    // the converter's own to-dos, before the validator's
	images   int
	links    int
	fromText int // sources made from links in the text
	listed   int // sources read back from a Docket export's source lists
	labels   int
	spans    int
	minutes  int
}

// title maps the title slide to the case's id, title, summary and media.
func (cv *converter) title() {
	c, s := cv.c, cv.t.Title
	base := strings.TrimSuffix(filepath.Base(cv.t.Name), filepath.Ext(cv.t.Name))
	if cv.t.Name == "stdin" {
		base = ""
	}
	if s == nil {
		cv.r.add(Changed, "", "there is no title slide: the case's id comes from the file name; add a title and a summary")
		c.ID = cv.uniqueCaseID(slug(base))
		return
	}
	at := s.At
	c.Title = inline(s.Headline)
	c.ID = cv.uniqueCaseID(cmp.Or(slug(s.UniqueID), slug(c.Title), slug(base)))
	text := toPlainText(s.Text)
	c.Summary = strings.Join(text.Paragraphs, " ")
	if len(text.Paragraphs) > 1 {
		cv.r.add(Changed, at.Field("text.text"), "the title slide's %d paragraphs were joined into the case's one-paragraph summary", len(text.Paragraphs))
	}
	cv.textNotes(at.Field("text.text"), text)
	for _, l := range text.Links {
		cv.linkSource(at.Field("text.text"), l) // a case source, on no event
	}
	for _, ls := range text.Sources {
		cv.listedSource(ls)
	}
	if s.Start != nil || s.End != nil || s.DisplayDate != "" {
		cv.r.add(Dropped, at.Field("start_date"), "the title slide's date: Docket's title has none (the events carry the dates)")
	}
	if s.Group != "" {
		cv.r.add(Dropped, at.Field("group"), "the title slide's group %q: the title belongs to no category", s.Group)
	}
	cv.background(*s)
	var todos []Item
	c.Media, todos = cv.media(*s, "media", c.Title)
	cv.todos = append(cv.todos, todos...)
}

// uniqueCaseID is the case's id, or "imported-timeline" when no text gave one.
func (cv *converter) uniqueCaseID(id string) string {
	if id == "" {
		id = "imported-timeline"
		cv.r.add(Changed, "", "no title or file name gave the case an id: it is %q; choose a better one", id)
	}
	return id
}

// pendingEvent is an event before the events are put in date order.
type pendingEvent struct {
	ev       casefile.Event
	start    time.Time
	startEnd time.Time // the first instant after the start date
	at       Locator
	todos    []Item // Path relative to the event ("media.image.alt")
}

// events maps the event slides, in date order.
func (cv *converter) events() {
	var list []pendingEvent
	for _, s := range cv.t.Events {
		if pe, ok := cv.event(s); ok {
			list = append(list, pe)
		}
	}
	if i := outOfOrder(list); i > 0 {
		pe := list[i]
		cv.r.add(Changed, "", "the events were put in date order, the order TimelineJS shows them in; Docket shows events in the order the case file lists them, so the case file lists them by date. For one, %s (%q, %s) came after an event of %s in %s",
			pe.at, shorten(pe.ev.Title, 40), pe.ev.Date.Value, list[i-1].ev.Date.Value, cv.t.Name)
		slices.SortStableFunc(list, byStart)
	}
	for i, pe := range list {
		cv.c.Events = append(cv.c.Events, pe.ev)
		cv.eventAt = append(cv.eventAt, pe.at)
		for _, it := range pe.todos {
			it.Path = fmt.Sprintf("events[%d].%s", i, it.Path)
			cv.todos = append(cv.todos, it)
		}
	}
	cv.orderSources()
}

// orderSources lists the case's sources as a reader meets them: the title
// slide's first, then in the order the events (in date order) cite them.
func (cv *converter) orderSources() {
	rank := map[string]int{}
	for i, e := range cv.c.Events {
		for _, id := range e.Sources {
			if _, ok := rank[id]; !ok {
				rank[id] = i + 1
			}
		}
	}
	slices.SortStableFunc(cv.c.Sources, func(a, b casefile.Source) int { return rank[a.ID] - rank[b.ID] })
}

func byStart(a, b pendingEvent) int { return a.start.Compare(b.start) }

// outOfOrder returns the first event out of the order Docket's validator
// asks for (one that lies wholly before the one listed ahead of it), or 0
// when all are in order. Overlaps stay as the file has them ("Late
// January 2017" may follow January 24).
func outOfOrder(list []pendingEvent) int {
	for i := 1; i < len(list); i++ {
		if !list[i].startEnd.After(list[i-1].start) {
			return i
		}
	}
	return 0
}

// event maps one event slide; ok is false when it cannot be an event.
func (cv *converter) event(s Slide) (pe pendingEvent, ok bool) {
	at := s.At
	name := inline(s.Headline)
	what := "the event"
	if name != "" {
		what = fmt.Sprintf("the event %q", shorten(name, 60))
	}
	if s.Start == nil {
		cv.r.add(Dropped, at.String(), "%s has no start date (no Year): not imported; give it at least a year", what)
		return pe, false
	}
	start, err := toDate(s.Start)
	if err != nil {
		cv.r.add(Dropped, at.Field("start_date"), "%s was not imported: its date %v", what, err)
		return pe, false
	}
	ev := &pe.ev
	pe.at, pe.start, pe.startEnd = at, start.At, spanEnd(start)
	ev.Date = start.Date
	for _, ch := range start.Changes {
		cv.r.add(Changed, at.Field("start_date"), "%s", ch)
	}
	if label := inline(s.DisplayDate); label != "" {
		if ev.Date.Label != "" && ev.Date.Label != label {
			cv.r.add(Dropped, at.Field("start_date.display_date"), "the start date's display_date %q: the slide's display_date %q is the label", ev.Date.Label, label)
		}
		ev.Date.Label = label
	}
	if ev.Date.Label != "" {
		cv.labels++
	}
	if ev.Date.Precision == casefile.Minute {
		cv.minutes++
	}
	if s.End != nil {
		cv.end(s, ev, start)
	}

	ev.Title = inline(s.Headline)
	head := toPlainText(s.Headline)
	cv.textNotes(at.Field("text.headline"), head)
	text := toPlainText(s.Text)
	ev.Body = text.Paragraphs
	cv.textNotes(at.Field("text.text"), text)
	if quote := strings.TrimSpace(s.Media.URL); strings.HasPrefix(strings.ToLower(quote), "<blockquote") {
		// TimelineJS's quote "media": its words are the event's, so they
		// join the text rather than being lost.
		q := toPlainText(quote)
		ev.Body = append(ev.Body, q.Paragraphs...)
		text.Links = append(text.Links, q.Links...)
		cv.r.add(Changed, at.Field("media.url"), "the quotation in Media became the event's text (%d paragraph%s)", len(q.Paragraphs), plural(len(q.Paragraphs)))
		s.Media.URL = ""
	}
	ev.ID = cv.eventIDs.unique(cmp.Or(slug(s.UniqueID), slug(ev.Title)), "event")
	if s.UniqueID != "" && ev.ID != s.UniqueID {
		cv.r.add(Changed, at.Field("unique_id"), "the id %q became %q (Docket's ids are lowercase letters, digits and hyphens, each used once)", s.UniqueID, ev.ID)
	}
	for _, l := range append(head.Links, text.Links...) {
		if id := cv.linkSource(at.Field("text.text"), l); id != "" && !slices.Contains(ev.Sources, id) {
			ev.Sources = append(ev.Sources, id)
		}
	}
	for _, ls := range text.Sources {
		if id := cv.listedSource(ls); !slices.Contains(ev.Sources, id) {
			ev.Sources = append(ev.Sources, id)
		}
	}
	ev.Category = cv.category(s.Group)
	cv.background(s)
	ev.Media, pe.todos = cv.media(s, "media", ev.Title)
	return pe, true
}

// end maps an event's end date: a span. An end that is not a date, or that
// lies before the start, is dropped with the reason; the event stays.
func (cv *converter) end(s Slide, ev *casefile.Event, start parsedDate) {
	at := s.At.Field("end_date")
	end, err := toDate(s.End)
	switch {
	case err != nil:
		cv.r.add(Dropped, at, "the end date: %v (the event is kept, without an end)", err)
		return
	case !spanEnd(end).After(start.At):
		cv.r.add(Dropped, at, "the end date %s is before the start %s (the event is kept, without an end)", end.Date.Value, start.Date.Value)
		return
	case end.Date.Value == start.Date.Value:
		cv.r.add(Changed, at, "the end date is the start date: the event is one date, not a span")
		return
	}
	for _, ch := range end.Changes {
		cv.r.add(Changed, at, "%s", ch)
	}
	if end.Date.Precision == casefile.Minute {
		cv.minutes++
	}
	ev.End = &end.Date
	cv.spans++
}

// spanEnd is the first instant after the date's span.
func spanEnd(d parsedDate) time.Time {
	switch d.Date.Precision {
	case casefile.Minute:
		return d.At.Add(time.Minute)
	case casefile.Day:
		return d.At.AddDate(0, 0, 1)
	case casefile.Month:
		return d.At.AddDate(0, 1, 0)
	}
	return d.At.AddDate(1, 0, 0)
}

// textNotes reports what turning a field's HTML into plain text set aside.
func (cv *converter) textNotes(where string, t plainText) {
	for _, n := range t.Notes {
		kind := Dropped
		if strings.Contains(n, "kept as plain text") {
			kind = Changed
		}
		cv.r.add(kind, where, "%s", n)
	}
}

// linkSource makes a source of a link in slide text and returns its id, or
// "" when the link is not a web address (and says so).
func (cv *converter) linkSource(where string, l link) string {
	u, err := url.Parse(l.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		cv.r.add(Dropped, where, "the link to %q is not a web address (http or https): its text is kept, but it is no source", shorten(l.URL, 80))
		return ""
	}
	if id, ok := cv.sourceByKey[l.URL]; ok {
		return id
	}
	publisher := strings.TrimPrefix(u.Hostname(), "www.")
	title := cmp.Or(l.Text, strings.TrimPrefix(strings.TrimPrefix(l.URL, "https://"), "http://"))
	id := cv.addSource(casefile.Source{Title: title, Publisher: publisher, URL: l.URL}, l.URL)
	cv.fromText++
	return id
}

// listedSource adds a source read back from a Docket export's source list.
func (cv *converter) listedSource(ls listedSource) string {
	key := ls.URL
	if key == "" {
		key = ls.Title + "\x00" + ls.Publisher
	}
	if id, ok := cv.sourceByKey[key]; ok {
		return id
	}
	s := casefile.Source{Title: ls.Title, Publisher: ls.Publisher, Date: ls.Date, URL: ls.URL, Kind: casefile.SourceKind(ls.Kind)}
	if s.Publisher == "" {
		if u, err := url.Parse(ls.URL); err == nil {
			s.Publisher = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	cv.listed++
	return cv.addSource(s, key)
}

func (cv *converter) addSource(s casefile.Source, key string) string {
	s.ID = cv.sourceIDs.unique(slug(s.Title), "source")
	cv.c.Sources = append(cv.c.Sources, s)
	cv.sourceByKey[key] = s.ID
	return s.ID
}

// isSourceKind reports whether s names a kind of source other than the web.
func isSourceKind(s string) bool {
	switch casefile.SourceKind(s) {
	case casefile.SourceWire, casefile.SourcePrint, casefile.SourceBroadcast, casefile.SourceFiling, casefile.SourceWeb:
		return true
	}
	return false
}

// Uncategorized is the category of events with no group when others have
// one; with no group at all, every event is in one "Events" category.
const (
	uncategorizedLabel = "Other"
	allEventsLabel     = "Events"
)

// category returns the id of a group's category, declaring it the first
// time the group is seen, with the next colour of the Palette.
func (cv *converter) category(group string) string {
	label := inline(group)
	if label == "" {
		label = uncategorizedLabel
		if !cv.anyGroup() {
			label = allEventsLabel
		}
	}
	if id, ok := cv.categoryOf[label]; ok {
		return id
	}
	id := cv.categoryIDs.unique(slug(label), "category")
	cat := casefile.Category{ID: id, Label: label}
	if n := len(cv.c.Categories); n < len(Palette) {
		cat.Color = Palette[n]
	}
	cv.c.Categories = append(cv.c.Categories, cat)
	cv.categoryOf[label] = id
	return id
}

func (cv *converter) anyGroup() bool {
	return slices.ContainsFunc(cv.t.Events, func(s Slide) bool { return inline(s.Group) != "" })
}

// eras maps the era slides: a title and a start and end date each.
func (cv *converter) eras() {
	for _, s := range cv.t.Eras {
		at := s.At
		title := inline(s.Headline)
		what := "the era"
		if title != "" {
			what = fmt.Sprintf("the era %q", shorten(title, 60))
		}
		if s.Start == nil || s.End == nil {
			cv.r.add(Dropped, at.String(), "%s needs a start and an end date: not imported", what)
			continue
		}
		start, err := toDate(s.Start)
		if err != nil {
			cv.r.add(Dropped, at.Field("start_date"), "%s was not imported: its start %v", what, err)
			continue
		}
		end, err := toDate(s.End)
		if err != nil {
			cv.r.add(Dropped, at.Field("end_date"), "%s was not imported: its end %v", what, err)
			continue
		}
		if !spanEnd(end).After(start.At) {
			cv.r.add(Dropped, at.Field("end_date"), "%s ends (%s) before it starts (%s): not imported", what, end.Date.Value, start.Date.Value)
			continue
		}
		for _, ch := range append(start.Changes, end.Changes...) {
			cv.r.add(Changed, at.String(), "%s", ch)
		}
		if s.DisplayDate != "" && start.Date.Label == "" {
			start.Date.Label = inline(s.DisplayDate)
		}
		var unused []string
		if s.Text != "" {
			unused = append(unused, "text")
		}
		if s.Media.URL != "" {
			unused = append(unused, "media")
		}
		if s.Group != "" {
			unused = append(unused, "group")
		}
		if s.Background != "" {
			unused = append(unused, "background")
		}
		if len(unused) > 0 {
			cv.r.add(Dropped, at.String(), "%s's %s: an era is a headline and two dates (TimelineJS shows no more of it either)", what, strings.Join(unused, ", "))
		}
		cv.c.Eras = append(cv.c.Eras, casefile.Era{Title: title, Start: start.Date, End: end.Date})
	}
}

// fillLists writes empty lists as [] rather than null, as an editor would
// write them, so the file shows what is left to fill.
func (cv *converter) fillLists() {
	c := cv.c
	orEmpty(&c.Parties)
	orEmpty(&c.Credits)
	orEmpty(&c.Sources)
	orEmpty(&c.Categories)
	orEmpty(&c.Events)
	for i := range c.Events {
		orEmpty(&c.Events[i].Sources)
		orEmpty(&c.Events[i].Body)
	}
}

func orEmpty[T any](list *[]T) {
	if *list == nil {
		*list = []T{}
	}
}
