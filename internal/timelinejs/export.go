package timelinejs

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"docket/internal/casefile"
)

// Export writes a case as a TimelineJS timeline in format f (JSON or the
// Sheets CSV), so a newsroom can go back: the title slide holds the title,
// summary and lead media; each event a slide with its sources listed in
// its text; each category a group; each era an era. The report lists what
// TimelineJS has no place for (the quiz, the glossary, the court ...).
// Importing the export gives back the same events, dates, categories, eras
// and media.
func Export(c *casefile.Case, f Format) ([]byte, *Report, error) {
	x := &exporter{c: c, r: &Report{Source: c.ID}}
	t := x.timeline()
	var data []byte
	var err error
	switch f {
	case JSON:
		data, err = writeJSON(t)
	case CSV:
		x.csvLosses()
		data, err = writeCSV(t)
	default:
		return nil, nil, fmt.Errorf("unknown format %q: use %s or %s", f, JSON, CSV)
	}
	if err != nil {
		return nil, nil, err
	}
	x.r.Summary = fmt.Sprintf("Exported the case %q as %s: a title slide, %d event%s, %d era%s.",
		c.ID, f, len(c.Events), plural(len(c.Events)), len(c.Eras), plural(len(c.Eras)))
	return data, x.r, nil
}

type exporter struct {
	c *casefile.Case
	r *Report
}

// timeline is the case as TimelineJS slides, with the report of what does
// not fit in either format.
func (x *exporter) timeline() *Timeline {
	c, r := x.c, x.r
	t := &Timeline{Name: c.ID}
	used := map[string]bool{}
	for _, e := range c.Events {
		for _, id := range e.Sources {
			used[id] = true
		}
	}
	var unused []string // sources on no event go on the title slide
	for _, s := range c.Sources {
		if !used[s.ID] {
			unused = append(unused, s.ID)
		}
	}
	title := Slide{Headline: escapeText(c.Title), Text: x.slideText([]string{c.Summary}, unused)}
	title.Media = x.mediaParts(c.Media, "media")
	t.Title = &title
	for i, e := range c.Events {
		start := dateParts(e.Date)
		s := Slide{Start: &start, Headline: escapeText(e.Title), Text: x.slideText(e.Body, e.Sources), UniqueID: e.ID}
		if e.End != nil {
			end := dateParts(*e.End)
			s.End = &end
		}
		if cat := c.Category(e.Category); cat != nil {
			s.Group = cat.Label
		}
		s.Media = x.mediaParts(e.Media, fmt.Sprintf("events[%d].media", i))
		if len(e.Terms) > 0 {
			r.add(Dropped, fmt.Sprintf("events[%d].terms", i), "the glossary terms: TimelineJS has no glossary")
		}
		t.Events = append(t.Events, s)
	}
	for _, e := range c.Eras {
		start, end := dateParts(e.Start), dateParts(e.End)
		t.Eras = append(t.Eras, Slide{Start: &start, End: &end, Headline: escapeText(e.Title)})
	}
	for _, cat := range c.Categories {
		if slug(cat.Label) != cat.ID {
			r.add(Changed, "categories", "the category %q becomes the group %q, which comes back as the id %q", cat.ID, cat.Label, slug(cat.Label))
		}
	}
	if len(c.Categories) > 0 {
		r.add(Dropped, "categories", "the category colours: TimelineJS groups have none (an import gives colours again, in order)")
	}
	var firstUsed []string // the order an import declares the groups in
	for _, e := range c.Events {
		if cat := c.Category(e.Category); cat != nil && !slices.Contains(firstUsed, cat.Label) {
			firstUsed = append(firstUsed, cat.Label)
		}
	}
	for i, cat := range c.Categories {
		if i >= len(firstUsed) || firstUsed[i] != cat.Label {
			r.add(Changed, "categories", "the groups come back in the order the events first use them: %s", strings.Join(firstUsed, ", "))
			break
		}
	}
	if c.HasQuiz() {
		r.add(Dropped, "quiz", "the quiz (%d question%s): TimelineJS has no quiz, so it is not exportable", len(c.Quiz.Questions), plural(len(c.Quiz.Questions)))
	}
	if len(c.Glossary) > 0 {
		r.add(Dropped, "glossary", "the glossary (%d term%s): TimelineJS has no glossary, so it is not exportable", len(c.Glossary), plural(len(c.Glossary)))
	}
	var facts []string
	for _, f := range []struct{ name, value string }{{"court", c.Court}, {"docket", c.Docket}, {"status", c.Status},
		{"outcome", c.Outcome}, {"updated", c.Updated}} {
		if f.value != "" {
			facts = append(facts, f.name)
		}
	}
	if len(c.Parties) > 0 {
		facts = append(facts, "parties")
	}
	if len(c.Credits) > 0 {
		facts = append(facts, "credits")
	}
	if len(c.Corrections) > 0 {
		facts = append(facts, "corrections")
	}
	if len(facts) > 0 {
		r.add(Dropped, "", "the case's %s: TimelineJS has no place for them", strings.Join(facts, ", "))
	}
	if c.Timezone != "" {
		r.add(Dropped, "timezone", "the time zone %q: TimelineJS times name no zone; they are written as the case gives them, in that zone", c.Timezone)
	}
	return t
}

// csvLosses reports what the Sheets template cannot hold that JSON can.
func (x *exporter) csvLosses() {
	for i, e := range x.c.Events {
		if slug(e.Title) != e.ID {
			x.r.add(Changed, fmt.Sprintf("events[%d].id", i), "the template has no id column: %q comes back from the headline as %q", e.ID, slug(e.Title))
		}
		if e.End != nil && e.End.Label != "" {
			x.r.add(Dropped, fmt.Sprintf("events[%d].end.label", i), "the end date's label %q: the template has one Display Date, for the start", e.End.Label)
		}
	}
	for i, e := range x.c.Eras {
		if e.End.Label != "" {
			x.r.add(Dropped, fmt.Sprintf("eras[%d].end.label", i), "the end date's label %q: the template has one Display Date, for the start", e.End.Label)
		}
	}
}

// mediaParts is a case's media as TimelineJS media: an image's address,
// caption, credit and alt text, or a link's address with its title as the
// caption.
func (x *exporter) mediaParts(m *casefile.Media, path string) MediaParts {
	switch {
	case m == nil:
		return MediaParts{}
	case m.Image != nil:
		img := m.Image
		if img.Width != 0 || img.Height != 0 {
			x.r.add(Dropped, path+".image", "the image's width and height: TimelineJS sizes images itself")
		}
		return MediaParts{URL: img.Src, Caption: escapeText(img.Caption), Credit: escapeText(img.Credit), Alt: img.Alt}
	case m.Link != nil:
		return MediaParts{URL: m.Link.URL, Caption: escapeText(m.Link.Title)}
	}
	return MediaParts{}
}

// slideText is a slide's HTML: each paragraph, then the sources as a list
// of links that an import reads back as sources.
func (x *exporter) slideText(paragraphs []string, sourceIDs []string) string {
	var nodes []*html.Node
	for _, p := range paragraphs {
		if p == "" {
			continue
		}
		nodes = append(nodes, element(atom.P, nil, textNode(p)))
	}
	var items []*html.Node
	for _, id := range sourceIDs {
		s := x.c.Source(id)
		if s == nil {
			continue
		}
		var li *html.Node
		tail := []string{s.Publisher}
		if s.Date != "" {
			tail = append(tail, s.Date)
		}
		if s.Kind != "" && s.Kind != casefile.SourceWeb {
			tail = append(tail, string(s.Kind))
		}
		after := textNode(" (" + strings.Join(tail, ", ") + ")")
		if s.URL != "" {
			li = element(atom.Li, nil, element(atom.A, []html.Attribute{{Key: "href", Val: s.URL}}, textNode(s.Title)), after)
		} else {
			li = element(atom.Li, nil, textNode(s.Title), after)
		}
		items = append(items, li)
	}
	if len(items) > 0 {
		nodes = append(nodes, element(atom.Ul, []html.Attribute{{Key: "class", Val: sourceListClass}}, items...))
	}
	var b bytes.Buffer
	for _, n := range nodes {
		_ = html.Render(&b, n) // writing to a buffer does not fail
	}
	return b.String()
}

func element(a atom.Atom, attrs []html.Attribute, children ...*html.Node) *html.Node {
	n := &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String(), Attr: attrs}
	for _, c := range children {
		n.AppendChild(c)
	}
	return n
}

func textNode(s string) *html.Node { return &html.Node{Type: html.TextNode, Data: s} }

// escapeText is plain text as HTML that shows it as it is.
func escapeText(s string) string { return html.EscapeString(s) }

// The JSON format's shapes, in the order TimelineJS's documentation gives
// the fields.
type (
	jsonTimeline struct {
		Title  *jsonSlide  `json:"title,omitempty"`
		Events []jsonSlide `json:"events"`
		Eras   []jsonSlide `json:"eras,omitempty"`
	}
	jsonSlide struct {
		StartDate *jsonDate  `json:"start_date,omitempty"`
		EndDate   *jsonDate  `json:"end_date,omitempty"`
		Text      jsonText   `json:"text"`
		Media     *jsonMedia `json:"media,omitempty"`
		Group     string     `json:"group,omitempty"`
		UniqueID  string     `json:"unique_id,omitempty"`
	}
	jsonDate struct {
		Year        int    `json:"year"`
		Month       int    `json:"month,omitempty"`
		Day         int    `json:"day,omitempty"`
		Hour        *int   `json:"hour,omitempty"`
		Minute      *int   `json:"minute,omitempty"`
		DisplayDate string `json:"display_date,omitempty"`
	}
	jsonText struct {
		Headline string `json:"headline"`
		Text     string `json:"text,omitempty"`
	}
	jsonMedia struct {
		URL     string `json:"url"`
		Caption string `json:"caption,omitempty"`
		Credit  string `json:"credit,omitempty"`
		Alt     string `json:"alt,omitempty"`
	}
)

func writeJSON(t *Timeline) ([]byte, error) {
	out := jsonTimeline{Events: []jsonSlide{}}
	if t.Title != nil {
		s := toJSONSlide(*t.Title)
		out.Title = &s
	}
	for _, s := range t.Events {
		out.Events = append(out.Events, toJSONSlide(s))
	}
	for _, s := range t.Eras {
		out.Eras = append(out.Eras, toJSONSlide(s))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(out)
	return b.Bytes(), err
}

func toJSONSlide(s Slide) jsonSlide {
	js := jsonSlide{StartDate: toJSONDate(s.Start), EndDate: toJSONDate(s.End),
		Text: jsonText{Headline: s.Headline, Text: s.Text}, Group: s.Group, UniqueID: s.UniqueID}
	if m := s.Media; m.URL != "" {
		js.Media = &jsonMedia{URL: m.URL, Caption: m.Caption, Credit: m.Credit, Alt: m.Alt}
	}
	return js
}

func toJSONDate(p *DateParts) *jsonDate {
	if p == nil {
		return nil
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	d := &jsonDate{Year: atoi(p.Year), Month: atoi(p.Month), Day: atoi(p.Day), DisplayDate: p.DisplayDate}
	if p.Hour != "" {
		h, m := atoi(p.Hour), atoi(p.Minute)
		d.Hour, d.Minute = &h, &m
	}
	return d
}

func writeCSV(t *Timeline) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true // as Google Sheets writes it
	_ = w.Write(Columns)
	row := func(s Slide, kind string) {
		cells := map[string]string{
			colHeadline: s.Headline, colText: s.Text, colMedia: s.Media.URL, colMediaCredit: s.Media.Credit,
			colMediaCaption: s.Media.Caption, colAltText: s.Media.Alt, colType: kind, colGroup: s.Group,
		}
		if p := s.Start; p != nil {
			cells[colYear], cells[colMonth], cells[colDay], cells[colTime] = p.Year, p.Month, p.Day, clockText(p)
			cells[colDisplayDate] = p.DisplayDate
		}
		if p := s.End; p != nil {
			cells[colEndYear], cells[colEndMonth], cells[colEndDay], cells[colEndTime] = p.Year, p.Month, p.Day, clockText(p)
		}
		record := make([]string, len(Columns))
		for i, col := range Columns {
			record[i] = cells[col]
		}
		_ = w.Write(record)
	}
	if t.Title != nil {
		row(*t.Title, "title")
	}
	for _, s := range t.Eras {
		row(s, "era")
	}
	for _, s := range t.Events {
		row(s, "")
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// clockText is a date's time of day as the template's Time cell, "16:30".
func clockText(p *DateParts) string {
	if p.Hour == "" {
		return ""
	}
	h, _ := strconv.Atoi(p.Hour)
	m, _ := strconv.Atoi(p.Minute)
	return fmt.Sprintf("%02d:%02d", h, m)
}
