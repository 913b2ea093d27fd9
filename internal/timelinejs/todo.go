package timelinejs

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"docket/internal/casefile"
)

// required says, for each case field the validator requires and a
// TimelineJS timeline does not hold, what to add, in a producer's words.
var required = map[string]string{
	"title":   "give the case a title (the timeline's title slide gave none)",
	"summary": "write a short summary of the case (the title slide had no text)",
	"court":   `add the court's name, such as "Supreme Court of the United States"`,
	"docket":  `add the docket number, such as "No. 155"`,
	"parties": `add each party, with its name and role ("petitioner", "respondent")`,
	"status":  "say where the case stands: open, decided, settled, dismissed or closed",
	"outcome": "say in a sentence how the case ended, or where it stands",
	"updated": "add the day you last checked the case against its sources (YYYY-MM-DD)",
	"credits": "add who wrote and edited the case",
	"sources": "add the documents the case rests on (no link in the timeline's text became one)",
}

var eventPathRE = regexp.MustCompile(`^events\[(\d+)\](?:\.(.*))?$`)

// toDo lists what the case needs before it can be served: the converter's
// own to-dos, then every problem the validator finds, each in plain words
// and placed in the timeline file where it has a place there.
func (cv *converter) toDo() {
	covered := map[string]bool{}
	for _, it := range cv.todos {
		cv.r.Items = append(cv.r.Items, it)
		if it.Path != "" {
			covered[it.Path] = true
		}
	}
	if cv.minutes > 0 && cv.c.Timezone == "" {
		cv.r.add(ToDo, "timezone", `%d date%s a time of day: add the IANA time zone they are in, such as "America/New_York" (TimelineJS times name no zone)`, cv.minutes, hasHave(cv.minutes))
		covered["timezone"] = true
	}
	for _, p := range cv.c.Validate() {
		if covered[p.Path] || covered["timezone"] && strings.Contains(p.Message, `needs a "timezone"`) {
			continue
		}
		cv.r.Items = append(cv.r.Items, cv.problemToDo(p))
	}
}

// problemToDo words one validator problem as a to-do.
func (cv *converter) problemToDo(p casefile.Problem) Item {
	if what, ok := required[p.Path]; ok && (p.Message == "is required" || strings.HasPrefix(p.Message, "needs at least")) {
		return Item{Kind: ToDo, Where: p.Path, What: what, Path: p.Path}
	}
	if m := eventPathRE.FindStringSubmatch(p.Path); m != nil {
		i, _ := strconv.Atoi(m[1])
		if i < len(cv.c.Events) {
			ev := cv.c.Events[i]
			where := fmt.Sprintf("event %q (%s)", ev.ID, cv.eventAt[i])
			if m[2] == "sources" && strings.HasPrefix(p.Message, "needs at least") {
				return Item{Kind: ToDo, Where: where, Path: p.Path,
					What: "add a source, the document it rests on (no link in its text became one)"}
			}
			return Item{Kind: ToDo, Where: where, Path: p.Path, What: m[2] + ": " + p.Message}
		}
	}
	return Item{Kind: ToDo, Where: p.Path, What: p.Message, Path: p.Path}
}

func hasHave(n int) string {
	if n == 1 {
		return " has"
	}
	return "s have"
}

// summarize writes the report's first line and what was carried over.
func (cv *converter) summarize() {
	c, t := cv.c, cv.t
	title := c.Title
	if title == "" {
		title = c.ID
	}
	cv.r.Summary = fmt.Sprintf("Imported %q from %s (%s) as the case %q: %d event%s, %d era%s, %d categor%s, %d source%s.",
		title, t.Name, t.Format, c.ID, len(c.Events), plural(len(c.Events)), len(c.Eras), plural(len(c.Eras)),
		len(c.Categories), ies(len(c.Categories)), len(c.Sources), plural(len(c.Sources)))
	var mapped []string
	add := func(format string, args ...any) { mapped = append(mapped, fmt.Sprintf(format, args...)) }
	if t.Title != nil {
		parts := []string{"title"}
		if c.Summary != "" {
			parts = append(parts, "summary")
		}
		switch {
		case c.Media != nil && c.Media.Image != nil:
			parts = append(parts, "the image under the summary")
		case c.Media != nil:
			parts = append(parts, "the link under the summary")
		}
		add("the title slide, as the case's %s", joinAnd(parts))
	}
	add("%d of %d event slide%s as events", len(c.Events), len(t.Events), plural(len(t.Events)))
	if cv.spans > 0 {
		add("end dates, as spans: %d", cv.spans)
	}
	if cv.minutes > 0 {
		add("times of day, to the minute: %d", cv.minutes)
	}
	if cv.labels > 0 {
		add("display dates, shown to readers in place of the date: %d", cv.labels)
	}
	if len(c.Categories) > 0 && !cv.anyGroup() {
		add("no slide has a Group: every event is in one category, %q", c.Categories[0].Label)
	} else if len(c.Categories) > 0 {
		labels := make([]string, len(c.Categories))
		for i, cat := range c.Categories {
			labels[i] = strconv.Quote(cat.Label)
		}
		add("%d group%s as categories, in the order first seen: %s", len(labels), plural(len(labels)), strings.Join(labels, ", "))
	}
	if len(t.Eras) > 0 {
		add("%d of %d era%s", len(c.Eras), len(t.Eras), plural(len(t.Eras)))
	}
	if cv.fromText > 0 {
		add("links in the text, as sources: %d (the link's text is the title, its site the publisher: check both)", cv.fromText)
	}
	if cv.listed > 0 {
		add("the sources a Docket export listed under each slide's text, as sources: %d", cv.listed)
	}
	if cv.images+cv.links > 0 {
		add("media: %d image%s, %d link%s", cv.images, plural(cv.images), cv.links, plural(cv.links))
	}
	if cv.links > 0 {
		cv.r.add(Note, "", "videos, posts, maps and pages are shown as link cards: Docket embeds no third-party player or post, so readers are not tracked by a page they did not choose to open")
	}
	add("the text, as plain text: paragraphs kept, formatting such as bold and italics left out")
	items := make([]Item, 0, len(mapped)+len(cv.r.Items))
	for _, m := range mapped {
		items = append(items, Item{Kind: Mapped, What: m})
	}
	cv.r.Items = append(items, cv.r.Items...)
	if cv.images > 0 {
		cv.r.add(Note, "", `an image keeps its own shape (the page keeps its room while it loads): Docket reads the width and height of a PNG, JPEG or GIF file in the case's folder; for a WebP, AVIF, SVG or https image, give its width and height in pixels ("width": 600, "height": 800 beside its "src"), or it shows in a 3:2 box`)
	}
	cv.r.add(Note, "", "a quiz and a glossary are optional; TimelineJS has neither, so add them to the case if it needs them")
}

// joinAnd joins words as a sentence lists them: "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func ies(n int) string {
	if n == 1 {
		return "y"
	}
	return "ies"
}
