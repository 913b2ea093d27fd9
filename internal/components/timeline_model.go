package components

import (
	"strconv"
	"strings"
	"sync"

	"docket/internal/casefile"
	"docket/internal/timeline"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// timelineModel is what the Timeline derives once from a case: its events
// indexed for stepping and filtering (timeline.Events), the quiz questions
// about each event, the categories and how many events each has. It is
// read-only once built, and built once per case, so that a render with
// 10,000 events costs lookups, not scans.
type timelineModel struct {
	c         *casefile.Case
	events    *timeline.Events
	questions [][]*casefile.Question // by event position
	catCount  []int                  // events per category, by category position
	span      string                 // spanText, once
	hasSpans  bool                   // some event has an end (clusterSpans)
}

// newTimelineModel indexes a case for the timeline.
func newTimelineModel(c *casefile.Case) *timelineModel {
	m := &timelineModel{
		c:         c,
		questions: make([][]*casefile.Question, len(c.Events)),
		catCount:  make([]int, len(c.Categories)),
	}
	catIndex := make(map[string]int, len(c.Categories))
	for i, k := range c.Categories {
		catIndex[k.ID] = i
	}
	evs := make([]timeline.Event, len(c.Events))
	for i := range c.Events {
		e := &c.Events[i]
		k, ok := catIndex[e.Category]
		if !ok {
			k = -1
		} else {
			m.catCount[k]++
		}
		evs[i] = timeline.Event{ID: e.ID, Category: k}
		m.hasSpans = m.hasSpans || e.IsSpan()
	}
	m.events = timeline.NewEvents(evs, len(c.Categories), m.axis)
	m.span = m.spanText()
	for qi := range c.Quiz.Questions {
		q := &c.Quiz.Questions[qi]
		for _, id := range q.Events {
			if i, ok := m.events.Index(id); ok {
				m.questions[i] = append(m.questions[i], q)
			}
		}
	}
	return m
}

// models keeps the model of each case the program has shown, so that a
// re-render or a second mount of the same case does not index it again.
var models struct {
	sync.Mutex
	byCase map[*casefile.Case]*timelineModel
}

// modelOf returns the (shared) model of case c.
func modelOf(c *casefile.Case) *timelineModel {
	models.Lock()
	defer models.Unlock()
	if m, ok := models.byCase[c]; ok {
		return m
	}
	if models.byCase == nil {
		models.byCase = map[*casefile.Case]*timelineModel{}
	}
	// A server holds a few cases for its lifetime; a browser holds one.
	// Forget old cases rather than grow without bound.
	if len(models.byCase) >= 16 {
		clear(models.byCase)
	}
	m := newTimelineModel(c)
	models.byCase[c] = m
	return m
}

// event is the event with the given id, or nil.
func (m *timelineModel) event(id string) *casefile.Event {
	if i, ok := m.events.Index(id); ok {
		return &m.c.Events[i]
	}
	return nil
}

// category is the category of the event at position i, or nil.
func (m *timelineModel) category(i int) *casefile.Category {
	if k := m.events.Category(i); k >= 0 {
		return &m.c.Categories[k]
	}
	return nil
}

// color is the colour of the event's category, or "" for none.
func (m *timelineModel) color(i int) string {
	if k := m.category(i); k != nil {
		return k.Color
	}
	return ""
}

// axis lays out the events at positions on a time axis, with labels
// measured in the browser's font: only the browser draws an axis, so the
// server never builds one.
func (m *timelineModel) axis(positions []int) *timeline.Timeline {
	items := make([]timeline.Item, len(positions))
	for k, i := range positions {
		e := &m.c.Events[i]
		start, end := e.Span()
		items[k] = timeline.Item{ID: e.ID, Start: start, End: end, Label: e.Title}
	}
	eras := make([]timeline.Era, len(m.c.Eras))
	for k, e := range m.c.Eras {
		start, end := e.Span()
		eras[k] = timeline.Era{Title: e.Title, Start: start, End: end}
	}
	return timeline.New(items, timeline.Options{
		Padding:       axisPadding,
		MinSpacing:    28,
		MaxLanes:      axisLanes,
		MaxLabelWidth: 240,
		Eras:          eras,
		Measure:       func(s string) float64 { return labelMeasure()(s) },
		CountLabel:    countLabel,
	})
}

// countLabel names a marker that holds several events.
func countLabel(n int) string { return thousands(n) + " events" }

// markerName is the accessible name of a marker on the axis: the event's
// date and title, or for several events their dates and how many.
func (m *timelineModel) markerName(mk timeline.Marker) string {
	if len(mk.IDs) == 1 {
		if e := m.event(mk.IDs[0]); e != nil {
			return e.When(m.c.Timezone) + ": " + e.Title
		}
	}
	return spanDisplay(mk) + ": " + countLabel(len(mk.IDs))
}

// spanDisplay is the days a marker covers in readers' words: "April 6,
// 2017", "January 2017", "2017", or "January 24 to April 7, 2017".
func spanDisplay(mk timeline.Marker) string {
	start, last := mk.Start, mk.End.AddDate(0, 0, -1)
	switch mk.Precision {
	case timeline.Day:
		return start.Format("January 2, 2006")
	case timeline.Month:
		return start.Format("January 2006")
	case timeline.Year:
		return start.Format("2006")
	}
	if start.Year() == last.Year() {
		return start.Format("January 2") + " to " + last.Format("January 2, 2006")
	}
	return start.Format("January 2, 2006") + " to " + last.Format("January 2, 2006")
}

// markerFill is the CSS background of a marker: its category's colour, or
// for several events a pie of their categories' colours.
func (m *timelineModel) markerFill(ids []string) string {
	const most = 6 // a pie of more slices is unreadable
	var colors []string
	for _, id := range ids {
		if i, ok := m.events.Index(id); ok {
			colors = append(colors, m.color(i))
		}
		if len(colors) == most {
			break
		}
	}
	if len(colors) == 0 {
		return "var(--ink)"
	}
	same := true
	for _, c := range colors[1:] {
		same = same && strings.EqualFold(c, colors[0])
	}
	if same {
		return catColor(colors[0])
	}
	var b strings.Builder
	b.WriteString("conic-gradient(")
	for k, c := range colors {
		if k > 0 {
			b.WriteString(", ")
		}
		from, to := k*100/len(colors), (k+1)*100/len(colors)
		b.WriteString(catColor(c) + " " + strconv.Itoa(from) + "% " + strconv.Itoa(to) + "%")
	}
	b.WriteString(")")
	return b.String()
}

// catColor is a category colour for CSS: as the case file writes it (a
// ring in the page's ink keeps markers visible on a dark page).
func catColor(hex string) string {
	if hex == "" {
		return "var(--ink)"
	}
	return hex
}

// spanText is how many events a case covers and over what time, for the
// line under the heading: "16 events, January 2017 to May 2018".
func (m *timelineModel) spanText() string {
	c := m.c
	n := len(c.Events)
	if n == 0 {
		return ""
	}
	s := casefile.SummaryOf(c)
	what := thousands(n) + " events"
	if n == 1 {
		what = "1 event"
	}
	first, last := s.First, s.Last
	if first.Value == "" {
		return what
	}
	from, to := first.Start().Format("January 2006"), last.Start().Format("January 2006")
	if first.Precision == casefile.Year {
		from = first.Start().Format("2006")
	}
	if last.Precision == casefile.Year {
		to = last.Start().Format("2006")
	}
	if from == to {
		return what + ", " + from
	}
	return what + ", " + from + " to " + to
}

// thousands writes n with commas between groups of three digits: "10,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// eraList names the case's eras and their dates in words, under the
// timeline's heading: with or without script, and in full where the axis
// has to cut or hide an era's label.
func eraList(c *casefile.Case) app.UI {
	if len(c.Eras) == 0 {
		return nil
	}
	return app.Elem("ul").Class("tl-era-list").Aria("label", "Eras").Body(
		app.Range(c.Eras).Slice(func(i int) app.UI {
			e := &c.Eras[i]
			end := e.End
			span := casefile.Event{Date: e.Start, End: &end}
			return app.Elem("li").Class("tl-era-item").Body(
				app.Elem("span").Class("tl-era-title").Text(e.Title+":"),
				app.Text(" "),
				app.Elem("span").Class("tl-era-when").Text(span.When(c.Timezone)),
			)
		}),
	)
}

// isSpan reports whether event id lasts from its date to an end date: the
// axis draws it as a bar.
func (m *timelineModel) isSpan(id string) bool {
	e := m.event(id)
	return e != nil && e.IsSpan()
}
