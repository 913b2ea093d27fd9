package casefile

import (
	"fmt"
	"math"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

var (
	idRE        = lazyRegexp(idPattern)
	colorRE     = lazyRegexp(colorPattern)
	zoneRE      = lazyRegexp(zonePattern)
	imagePathRE = lazyRegexp(imagePathPattern)
)

// Validate checks the case against every rule of the format and returns all
// the problems it finds, each with the JSON path of its field, such as
// `events[3].date.value: "2017-02-30" is not a date`. The problems carry no
// file or position; Check adds them.
func (c *Case) Validate() Problems {
	v := &validator{}
	v.validate(c)
	return v.list
}

// validator holds what Validate has found so far: the problems and the ids
// declared in the case, which references are checked against.
type validator struct {
	problems
	categories, events, terms, sources map[string]bool
	// untimed counts the dates with a time of day when the case names no
	// timezone; the first of them is told to add one.
	untimed   int
	zoneAsked bool
}

func (v *validator) validate(c *Case) {
	if c.Schema != "" && c.Schema != SchemaID {
		v.add("$schema", "must be %q", SchemaID)
	}
	v.id("id", c.ID)
	v.text("title", c.Title, MaxTitleLen, true)
	v.text("summary", c.Summary, MaxSummaryLen, true)
	v.text("court", c.Court, MaxCourtLen, true)
	v.text("docket", c.Docket, MaxDocketLen, true)
	v.count("parties", len(c.Parties), 1, MaxParties, "party", "parties")
	for i, p := range c.Parties {
		path := index("parties", i)
		v.text(field(path, "name"), p.Name, MaxPartyNameLen, true)
		v.text(field(path, "role"), p.Role, MaxPartyRoleLen, true)
	}
	v.status("status", c.Status)
	v.text("outcome", c.Outcome, MaxOutcomeLen, true)
	v.updated("updated", c.Updated)
	v.count("credits", len(c.Credits), 1, MaxCredits, "credit", "credits")
	for i, s := range c.Credits {
		v.text(index("credits", i), s, MaxCreditLen, true)
	}
	if c.Timezone != "" {
		if msg := zoneProblem(c.Timezone); msg != "" {
			v.add("timezone", "%s", msg)
		}
	} else {
		v.untimed = timedDates(c)
	}
	if c.Media != nil {
		v.media("media", c.Media)
	}

	// Declare every id first, so that references can point either way.
	v.categories = v.ids("categories", len(c.Categories), func(i int) string { return c.Categories[i].ID })
	v.events = v.ids("events", len(c.Events), func(i int) string { return c.Events[i].ID })
	v.terms = v.ids("glossary", len(c.Glossary), func(i int) string { return c.Glossary[i].ID })
	v.ids("quiz.questions", len(c.Quiz.Questions), func(i int) string { return c.Quiz.Questions[i].ID })
	v.sources = v.ids("sources", len(c.Sources), func(i int) string { return c.Sources[i].ID })

	v.count("categories", len(c.Categories), 1, MaxCategories, "category", "categories")
	colors := map[string]string{}
	for i, cat := range c.Categories {
		v.category(index("categories", i), cat, colors)
	}
	v.count("events", len(c.Events), 1, MaxEvents, "event", "events")
	prev := -1 // the last event with a valid date
	for i := range c.Events {
		if v.event(index("events", i), &c.Events[i]) {
			if prev >= 0 {
				v.order(i, &c.Events[i], prev, &c.Events[prev])
			}
			prev = i
		}
	}
	v.count("eras", len(c.Eras), 0, MaxEras, "era", "eras")
	for i, e := range c.Eras {
		v.era(index("eras", i), e)
	}
	v.count("glossary", len(c.Glossary), 0, MaxTerms, "term", "terms")
	termNames := map[string]string{}
	for i, t := range c.Glossary {
		v.term(index("glossary", i), t, termNames)
	}
	if !c.Quiz.absent() {
		v.quiz("quiz", &c.Quiz)
	}
	v.count("sources", len(c.Sources), 1, MaxSources, "source", "sources")
	for i, s := range c.Sources {
		v.source(index("sources", i), s)
	}
	v.count("corrections", len(c.Corrections), 0, MaxCorrections, "correction", "corrections")
	for i, k := range c.Corrections {
		v.correction(index("corrections", i), k, c.Updated)
	}
}

// count checks the length of a list against its least and most items.
func (v *validator) count(path string, n, least, most int, one, many string) {
	switch {
	case n < least && least == 1:
		v.add(path, "needs at least one %s", one)
	case n < least:
		v.add(path, "needs at least %d %s", least, many)
	case n > most:
		v.add(path, "has %d %s; the limit is %d", n, many, most)
	}
}

// id checks the form of one id.
func (v *validator) id(path, id string) {
	switch n := utf8.RuneCountInString(id); {
	case id == "":
		v.add(path, "is required")
	case n > MaxIDLen:
		v.add(path, "is %d characters; the limit is %d", n, MaxIDLen)
	case !idRE().MatchString(id):
		v.add(path, "%q is not a valid id: use lowercase letters, digits and single hyphens, like \"summons-faxed\"", id)
	}
}

// ids checks the ids of a list for form and uniqueness, and returns the set
// of ids declared (well-formed or not, so a bad id is reported only once).
func (v *validator) ids(list string, n int, idOf func(int) string) map[string]bool {
	first := map[string]int{}
	for i := range n {
		id, path := idOf(i), field(index(list, i), "id")
		v.id(path, id)
		if id == "" {
			continue
		}
		if j, dup := first[id]; dup {
			v.add(path, "%q is already the id of %s", id, index(list, j))
			continue
		}
		first[id] = i
	}
	set := make(map[string]bool, len(first))
	for id := range first {
		set[id] = true
	}
	return set
}

// refs checks a list of references to ids declared in the case. what names
// the kind of thing referred to, with its article ("a source").
func (v *validator) refs(path string, ids []string, declared map[string]bool, what string, required bool) {
	if len(ids) == 0 && required {
		v.add(path, "needs at least one %s", strings.TrimPrefix(strings.TrimPrefix(what, "a "), "an "))
	}
	seen := map[string]bool{}
	for i, id := range ids {
		p := index(path, i)
		switch {
		case id == "":
			v.add(p, "is required")
		case seen[id]:
			v.add(p, "%q is listed twice", id)
		case !declared[id]:
			v.add(p, "%q is not %s of this case", id, what)
		}
		seen[id] = true
	}
}

// text checks a piece of plain text: present when required, within its
// limit, free of markup and of spaces at either end.
func (v *validator) text(path, s string, limit int, required bool) {
	if s == "" {
		if required {
			v.add(path, "is required")
		}
		return
	}
	if strings.TrimSpace(s) == "" {
		v.add(path, "is blank")
		return
	}
	if n := utf8.RuneCountInString(s); n > limit {
		v.add(path, "is %d characters; the limit is %d", n, limit)
	}
	for _, msg := range plainTextProblems(s) {
		v.add(path, "%s", msg)
	}
	if strings.TrimSpace(s) != s {
		v.add(path, "has spaces at the start or end")
	}
}

var (
	htmlTagRE    = lazyRegexp(`<[A-Za-z!/?]`)
	htmlEntityRE = lazyRegexp(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)
	mdLineRE     = lazyRegexp(`^(#{1,6}|[-*+>]) `)
	mdMarks      = []string{"**", "__", "~~", "`", "]("}
)

// plainTextProblems says why s is not plain text: the UI shows text as
// text, so markup would show up literally (and HTML must never be trusted).
func plainTextProblems(s string) []string {
	var msgs []string
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			msgs = append(msgs, fmt.Sprintf("contains a control character (U+%04X): write each paragraph as its own string", r))
			break
		}
	}
	for _, r := range s {
		if (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') {
			msgs = append(msgs, fmt.Sprintf("contains an invisible direction control (U+%04X)", r))
			break
		}
	}
	if m := htmlTagRE().FindString(s); m != "" {
		msgs = append(msgs, fmt.Sprintf("contains HTML (%q): write plain text", m))
	}
	if m := htmlEntityRE().FindString(s); m != "" {
		msgs = append(msgs, fmt.Sprintf("contains an HTML entity (%q): write the character itself", m))
	}
	md := mdLineRE().FindString(s)
	for _, mark := range mdMarks {
		if md == "" && strings.Contains(s, mark) {
			md = mark
		}
	}
	if md != "" {
		msgs = append(msgs, fmt.Sprintf("contains Markdown (%q): write plain text", md))
	}
	return msgs
}

// status checks a case status.
func (v *validator) status(path, s string) {
	switch {
	case s == "":
		v.add(path, "is required")
	case !slices.Contains(statuses, s):
		v.add(path, "%q is not a status: use %s", s, orList(statuses))
	}
}

// updated checks the date the case was last checked, a full day.
func (v *validator) updated(path, s string) {
	if s == "" {
		v.add(path, "is required")
		return
	}
	if _, msg := parseDate(s, Day); msg != "" {
		v.add(path, "%s", msg)
	}
}

// category checks one category; colors maps each colour seen (lower case)
// to the path of its first category.
func (v *validator) category(path string, c Category, colors map[string]string) {
	v.text(field(path, "label"), c.Label, MaxCategoryLabelLen, true)
	p := field(path, "color")
	switch {
	case c.Color == "":
		v.add(p, "is required")
	case !colorRE().MatchString(c.Color):
		v.add(p, "%q is not a colour: write #rrggbb", c.Color)
	default:
		if r := contrastOnWhite(c.Color); r < MinContrast {
			v.add(p, "%q has a contrast of %.2f:1 on white; it needs at least %.1f:1", c.Color, math.Floor(r*100)/100, MinContrast)
		}
		key := strings.ToLower(c.Color)
		if first, dup := colors[key]; dup {
			v.add(p, "%q is the same colour as %s", c.Color, first)
		} else {
			colors[key] = path
		}
	}
}

// contrastOnWhite is the WCAG 2 contrast ratio of a #rrggbb colour on white.
func contrastOnWhite(hex string) float64 {
	var r, g, b uint8
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return 1
	}
	return 1.05 / (relativeLuminance(r, g, b) + 0.05)
}

// relativeLuminance is WCAG 2's relative luminance of an sRGB colour.
func relativeLuminance(r, g, b uint8) float64 {
	lin := func(c uint8) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// event checks one event and reports whether its date is valid.
func (v *validator) event(path string, e *Event) (dated bool) {
	dated = v.date(field(path, "date"), e.Date)
	if e.End != nil {
		ep := field(path, "end")
		if v.date(ep, *e.End) && dated && e.End.Start().Before(e.Date.Start()) {
			v.add(ep, "%q is before the event's date (%q): a span ends on or after the day it starts", e.End.Value, e.Date.Value)
		}
	}
	v.text(field(path, "title"), e.Title, MaxEventTitleLen, true)
	body := field(path, "body")
	v.count(body, len(e.Body), 1, MaxParagraphs, "paragraph", "paragraphs")
	for i, p := range e.Body {
		v.text(index(body, i), p, MaxParagraphLen, true)
	}
	cat := field(path, "category")
	switch {
	case e.Category == "":
		v.add(cat, "is required")
	case !v.categories[e.Category]:
		v.add(cat, "%q is not a category of this case", e.Category)
	}
	v.refs(field(path, "sources"), e.Sources, v.sources, "a source", true)
	v.refs(field(path, "terms"), e.Terms, v.terms, "a glossary term", false)
	if e.Media != nil {
		v.media(field(path, "media"), e.Media)
	}
	return dated
}

// order reports an event that lies wholly before the event listed ahead of
// it: the plain list of events reads in file order. Overlap is fine, so
// "Late January 2017" may follow January 24.
func (v *validator) order(i int, e *Event, prev int, p *Event) {
	if !e.Date.End().After(p.Date.Start()) {
		v.add(field(index("events", i), "date"), "%s comes before events[%d] (%s): list events in date order",
			e.Date.Display(), prev, p.Date.Display())
	}
}

// date checks an event's or an era's date and reports whether it is valid.
// The first date with a time of day in a case with no timezone asks for one.
func (v *validator) date(path string, d Date) bool {
	pp, vp := field(path, "precision"), field(path, "value")
	ok := true
	switch {
	case d.Precision == "":
		v.add(pp, "is required")
		ok = false
	case !slices.Contains(precisions, d.Precision):
		v.add(pp, "%q is not a precision: use %s", d.Precision, orList(precisions))
		ok = false
	}
	switch {
	case d.Value == "":
		v.add(vp, "is required")
		ok = false
	case ok:
		if _, msg := parseDate(d.Value, d.Precision); msg != "" {
			v.add(vp, "%s", msg)
			ok = false
		}
	default:
		if _, msg := parseDate(d.Value, anyPrecision); msg != "" {
			v.add(vp, "%s", msg)
		}
	}
	v.text(field(path, "label"), d.Label, MaxDateLabelLen, false)
	if d.Precision == Minute && v.untimed > 0 && !v.zoneAsked {
		v.zoneAsked = true
		more := ""
		if v.untimed > 1 {
			more = fmt.Sprintf(" (%d dates have a time of day)", v.untimed)
		}
		v.add(path, "has a time of day, so the case needs a \"timezone\": add the IANA name of the zone its times are in, such as \"America/Los_Angeles\"%s", more)
	}
	return ok
}

// timedDates counts the dates of events and eras that have a time of day.
func timedDates(c *Case) int {
	n := 0
	count := func(d Date) {
		if d.Precision == Minute {
			n++
		}
	}
	for _, e := range c.Events {
		count(e.Date)
		if e.End != nil {
			count(*e.End)
		}
	}
	for _, e := range c.Eras {
		count(e.Start)
		count(e.End)
	}
	return n
}

// zoneFormProblem says why zone is not written as an IANA time zone name
// ("America/Los_Angeles", "UTC"), or returns "". zoneProblem also checks
// that the zone exists where a time zone database is at hand.
func zoneFormProblem(zone string) string {
	switch {
	case zone == "Local":
		return `"Local" is the zone of the computer that shows the case, not the case's: use an IANA name, such as "America/Los_Angeles"`
	case !zoneRE().MatchString(zone):
		return fmt.Sprintf("%q is not a time zone name: use an IANA name, such as \"America/Los_Angeles\"", zone)
	}
	return ""
}

// era checks one era: a title, two valid dates and an end not before its
// start. Eras may overlap and need not be in order: each is a band of its
// own, and a case may group its time more than one way.
func (v *validator) era(path string, e Era) {
	v.text(field(path, "title"), e.Title, MaxEraTitleLen, true)
	start := v.date(field(path, "start"), e.Start)
	ep := field(path, "end")
	if v.date(ep, e.End) && start && e.End.Start().Before(e.Start.Start()) {
		v.add(ep, "%q is before the era's start (%q): an era ends on or after the day it starts", e.End.Value, e.Start.Value)
	}
}

// media checks an event's or the case's media: exactly one image or link.
func (v *validator) media(path string, m *Media) {
	switch {
	case m.Image == nil && m.Link == nil:
		v.add(path, "needs an image or a link")
	case m.Image != nil && m.Link != nil:
		v.add(path, "has both an image and a link: keep one (an event shows one medium)")
	}
	if m.Image != nil {
		v.image(field(path, "image"), m.Image)
	}
	if m.Link != nil {
		v.link(field(path, "link"), m.Link)
	}
}

// image checks an image: where it is, its text alternative, and a size
// given whole (width and height both, so the page keeps its space).
func (v *validator) image(path string, im *Image) {
	if msg := imageSrcProblem(im.Src); msg != "" {
		v.add(field(path, "src"), "%s", msg)
	}
	ap := field(path, "alt")
	if im.Alt == "" {
		v.add(ap, "is required: screen readers read it to readers who cannot see the image, so say what it shows")
	} else {
		v.text(ap, im.Alt, MaxAltLen, true)
	}
	v.text(field(path, "caption"), im.Caption, MaxCaptionLen, false)
	v.text(field(path, "credit"), im.Credit, MaxImageCreditLen, false)
	wp, hp := field(path, "width"), field(path, "height")
	switch {
	case im.Width != 0 && im.Height == 0:
		v.add(hp, "is required with width: give both, so the page keeps the image's space while it loads")
	case im.Height != 0 && im.Width == 0:
		v.add(wp, "is required with height: give both, so the page keeps the image's space while it loads")
	}
	v.pixels(wp, im.Width)
	v.pixels(hp, im.Height)
}

// pixels checks an image's width or height: positive, within MaxImageSize.
func (v *validator) pixels(path string, n int) {
	switch {
	case n < 0:
		v.add(path, "%d is not a size: give the image's size in pixels", n)
	case n > MaxImageSize:
		v.add(path, "is %d pixels; the limit is %d", n, MaxImageSize)
	}
}

// imageSrcProblem says why src is neither an https URL nor the path of an
// image file inside the case's folder ("media/summons.jpg"), or returns "".
func imageSrcProblem(src string) string {
	example := `like "media/summons.jpg"`
	switch {
	case src == "":
		return "is required"
	case utf8.RuneCountInString(src) > MaxURLLen:
		return fmt.Sprintf("is %d characters; the limit is %d", utf8.RuneCountInString(src), MaxURLLen)
	case strings.HasPrefix(src, "https://"):
		return checkURL(src)
	case strings.HasPrefix(src, "http://"):
		return fmt.Sprintf("%q is an http URL: images must be https so the page stays secure", src)
	case strings.Contains(src, `\`):
		return fmt.Sprintf(`%q uses "\": separate folders with "/", %s`, src, example)
	case strings.HasPrefix(src, "/"):
		return fmt.Sprintf("%q starts with \"/\": write the path from the case's folder, %s", src, example)
	case slices.Contains(strings.Split(src, "/"), ".."):
		return fmt.Sprintf(`%q leaves the case's folder (".."): keep images inside it`, src)
	case hasScheme(src):
		return fmt.Sprintf("%q is neither an https URL nor a path in the case's folder", src)
	case !imagePathRE().MatchString(src):
		return fmt.Sprintf(`%q is not a file path Docket serves: use letters, digits, "-", "_" and "." (not first) in names, %s`, src, example)
	case !slices.Contains(imageExtensions, strings.ToLower(path.Ext(src))):
		return fmt.Sprintf("%q is not an image file Docket shows: use %s", src, orList(imageExtensions))
	}
	return ""
}

// hasScheme reports whether s starts with a URL scheme ("data:", "ftp:").
func hasScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	return ok && scheme != "" && !strings.ContainsAny(scheme, "/?#")
}

// link checks a link: an http(s) URL and the title that names it.
func (v *validator) link(path string, l *Link) {
	up := field(path, "url")
	if l.URL == "" {
		v.add(up, "is required")
	} else {
		v.url(up, l.URL)
	}
	v.text(field(path, "title"), l.Title, MaxLinkTitleLen, true)
}

// term checks one glossary entry; names maps each term (lower case) to the
// path of its first entry.
func (v *validator) term(path string, t Term, names map[string]string) {
	p := field(path, "term")
	v.text(p, t.Term, MaxTermLen, true)
	if key := strings.ToLower(strings.TrimSpace(t.Term)); key != "" {
		if first, dup := names[key]; dup {
			v.add(p, "%q is already the term of %s", t.Term, first)
		} else {
			names[key] = path
		}
	}
	v.text(field(path, "definition"), t.Definition, MaxDefinitionLen, true)
	v.text(field(path, "explanation"), t.Explanation, MaxTermExplanationLen, true)
	v.refs(field(path, "sources"), t.Sources, v.sources, "a source", true)
}

// absent reports whether the case has no quiz at all: no title, intro or
// questions (not even an empty list). Such a case is timeline-only.
func (q *Quiz) absent() bool {
	return q.Title == "" && q.Intro == "" && q.Questions == nil
}

// quiz checks the quiz and each of its questions. A quiz that is there
// needs its title, intro and at least one question.
func (v *validator) quiz(path string, q *Quiz) {
	v.text(field(path, "title"), q.Title, MaxQuizTitleLen, true)
	v.text(field(path, "intro"), q.Intro, MaxQuizIntroLen, true)
	qs := field(path, "questions")
	if len(q.Questions) == 0 {
		v.add(qs, "has no questions: add a question or remove the quiz")
	}
	v.count(qs, len(q.Questions), 0, MaxQuestions, "question", "questions")
	for i := range q.Questions {
		v.question(index(qs, i), &q.Questions[i])
	}
}

// kindName is a question kind in words, for messages.
var kindName = map[QuestionKind]string{
	SingleChoice:   "a single-answer question",
	MultipleChoice: "a multiple-answer question",
	TrueFalse:      "a true-false question",
}

// question checks one question: its kind, choices and answers agree.
func (v *validator) question(path string, q *Question) {
	kp := field(path, "kind")
	switch {
	case q.Kind == "":
		v.add(kp, "is required")
	case !slices.Contains(kinds, q.Kind):
		v.add(kp, "%q is not a question kind: use %s", q.Kind, orList(kinds))
	}
	v.text(field(path, "prompt"), q.Prompt, MaxPromptLen, true)

	cp := field(path, "choices")
	n := len(q.Choices)
	switch {
	case q.Kind == TrueFalse && n != 2:
		v.add(cp, "%s needs exactly 2 choices, not %d", kindName[q.Kind], n)
	case n < 2 && kindName[q.Kind] != "":
		v.add(cp, "%s needs at least 2 choices, not %d", kindName[q.Kind], n)
	case n < 2:
		v.add(cp, "needs at least 2 choices, not %d", n)
	case n > MaxChoices:
		v.add(cp, "has %d choices; the limit is %d", n, MaxChoices)
	}
	firstChoice := map[string]int{}
	for i, c := range q.Choices {
		p := index(cp, i)
		v.text(p, c, MaxChoiceLen, true)
		if c == "" {
			continue
		}
		if j, dup := firstChoice[c]; dup {
			v.add(p, "%q repeats %s", c, index(cp, j))
		} else {
			firstChoice[c] = i
		}
	}

	ap := field(path, "answers")
	seen := map[int]bool{}
	for i, a := range q.Answers {
		p := index(ap, i)
		switch {
		case seen[a]:
			v.add(p, "%d is listed twice", a)
		case n == 0 && (a < 0 || a >= n):
			v.add(p, "%d is not a choice: the question has no choices", a)
		case a < 0 || a >= n:
			v.add(p, "%d is not a choice: choices are numbered 0 to %d", a, n-1)
		}
		seen[a] = true
	}
	switch {
	case (q.Kind == SingleChoice || q.Kind == TrueFalse) && len(q.Answers) != 1:
		v.add(ap, "%s needs exactly one answer, not %d", kindName[q.Kind], len(q.Answers))
	case len(q.Answers) == 0:
		v.add(ap, "needs at least one answer")
	}

	v.text(field(path, "explanation"), q.Explanation, MaxAnswerExplanationLen, true)
	v.refs(field(path, "events"), q.Events, v.events, "an event", false)
	v.refs(field(path, "terms"), q.Terms, v.terms, "a glossary term", false)
	v.refs(field(path, "sources"), q.Sources, v.sources, "a source", true)
}

// source checks one source. A web source needs a URL; a wire, print,
// broadcast or filing source may have none, but needs a date so that a
// reader can find it (its title and publisher are always required).
func (v *validator) source(path string, s Source) {
	kind := s.KindOrWeb()
	kp := field(path, "kind")
	if !slices.Contains(sourceKinds, kind) {
		v.add(kp, "%q is not a source kind: use %s", s.Kind, orList(sourceKinds))
	}
	v.text(field(path, "title"), s.Title, MaxSourceTitleLen, true)
	v.text(field(path, "publisher"), s.Publisher, MaxPublisherLen, true)
	dp := field(path, "date")
	switch {
	case s.Date != "":
		if _, msg := parseDate(s.Date, ""); msg != "" {
			v.add(dp, "%s", msg)
		}
	case kind != SourceWeb && slices.Contains(sourceKinds, kind):
		v.add(dp, "is required for a %s source, which readers find by its publisher, title and date", kind)
	}
	up := field(path, "url")
	if s.URL == "" {
		if kind == SourceWeb {
			v.add(up, "is required for a web source (the default kind); a source with no address needs \"kind\": %s", orList(sourceKinds[1:]))
		}
		return
	}
	v.url(up, s.URL)
}

// url checks a URL a reader may follow: within its limit, http or https.
func (v *validator) url(path, s string) {
	if n := utf8.RuneCountInString(s); n > MaxURLLen {
		v.add(path, "is %d characters; the limit is %d", n, MaxURLLen)
	}
	if msg := checkURL(s); msg != "" {
		v.add(path, "%s", msg)
	}
}

// correction checks one correction: a real day no later than the case's
// updated date (which moves with each correction), plain text, and the
// event or term it names, if any, declared in the case.
func (v *validator) correction(path string, k Correction, updated string) {
	dp := field(path, "date")
	switch {
	case k.Date == "":
		v.add(dp, "is required")
	default:
		day, msg := parseDate(k.Date, Day)
		if msg != "" {
			v.add(dp, "%s", msg)
			break
		}
		if u, msg := parseDate(updated, Day); msg == "" && day.After(u) {
			v.add(dp, "%s is after updated (%s): move updated to the date of the latest correction", k.Date, updated)
		}
	}
	v.text(field(path, "text"), k.Text, MaxCorrectionLen, true)
	if k.Event != "" && !v.events[k.Event] {
		v.add(field(path, "event"), "%q is not an event of this case", k.Event)
	}
	if k.Term != "" && !v.terms[k.Term] {
		v.add(field(path, "term"), "%q is not a glossary term of this case", k.Term)
	}
}

// checkURL says why s is not an absolute http or https URL that a reader can
// safely follow, or returns "".
func checkURL(s string) string {
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		if scheme, _, ok := strings.Cut(s, ":"); ok && scheme != "" && !strings.ContainsAny(scheme, "/?#") {
			return fmt.Sprintf("%q is not an http or https URL", s)
		}
		return fmt.Sprintf("%q is not an absolute URL: start it with https://", s)
	}
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return fmt.Sprintf("%q contains spaces: encode them as %%20", s)
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Sprintf("%q is not a valid URL", s)
	case u.Hostname() == "":
		return fmt.Sprintf("%q has no host", s)
	case u.User != nil:
		return fmt.Sprintf("%q must not contain a user name", s)
	}
	return ""
}

// orList writes values as "a, b or c".
func orList[T ~string](values []T) string {
	var b strings.Builder
	for i, x := range values {
		switch {
		case i == 0:
		case i == len(values)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(string(x))
	}
	return b.String()
}

// lazyRegexp compiles a pattern on first use: the browser program, which
// never validates, does not pay for it at start. Not inlined: each inlined
// call would carry its own copy of sync.OnceValue's code into the wasm.
//
//go:noinline
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
