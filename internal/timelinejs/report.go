package timelinejs

import (
	"fmt"
	"strings"
)

// Kind says what happened to one piece of the timeline.
type Kind int

// The kinds of report item, in the order the report lists them.
const (
	Mapped  Kind = iota // carried over as it was
	Changed             // carried over in another form: check it
	Dropped             // not carried over, with the reason
	ToDo                // what an editor must add or check before the case is served
	Note                // worth knowing, nothing to do
)

// Item is one line of a report: what happened, where (a CSV line, a JSON
// path or a field of the case) and why.
type Item struct {
	Kind  Kind
	Where string // "line 4 (Media)", "events[3].media.url", "court"; "" for the whole file
	What  string
	// Path is the case field a to-do is about ("events[2].media.image.alt"),
	// so that the validator's problem on the same field is not listed twice.
	Path string
}

// String is the item as the report prints it: "line 4 (Media): what".
func (it Item) String() string {
	if it.Where == "" {
		return it.What
	}
	return it.Where + ": " + it.What
}

// Report is what an import or an export did, item by item. Nothing that
// cannot be carried over is left out silently: it is Dropped, with why.
type Report struct {
	Source  string // the file read ("gideon.csv", "stdin")
	Summary string // one line: what was made
	Items   []Item
}

// add appends an item; where and what are formatted like fmt.Sprintf's what.
func (r *Report) add(kind Kind, where, format string, args ...any) {
	r.Items = append(r.Items, Item{Kind: kind, Where: where, What: fmt.Sprintf(format, args...)})
}

// Of returns the items of one kind, in order.
func (r *Report) Of(kind Kind) []Item {
	var items []Item
	for _, it := range r.Items {
		if it.Kind == kind {
			items = append(items, it)
		}
	}
	return items
}

// NeedsEditing reports whether anything is left to do before the case can
// be served: the import's "written, needs editing".
func (r *Report) NeedsEditing() bool { return len(r.Of(ToDo)) > 0 }

// headings are the report's sections, one per kind, in plain words.
var headings = []struct {
	kind  Kind
	title string
}{
	{Mapped, "Carried over"},
	{Changed, "Changed: check these"},
	{Dropped, "Not carried over"},
	{ToDo, "To do before the case can be published"},
	{Note, "Good to know"},
}

// Section is one kind of a report's items, under its heading.
type Section struct {
	Kind  Kind
	Title string
	Items []Item
}

// Sections are the report's kinds that have items, in the report's order,
// for the Studio to show them as lists.
func (r *Report) Sections() []Section {
	var out []Section
	for _, h := range headings {
		if items := r.Of(h.kind); len(items) > 0 {
			out = append(out, Section{Kind: h.kind, Title: h.title, Items: items})
		}
	}
	return out
}

// String is the report in plain words, one section per kind, for a
// producer to read in a terminal.
func (r *Report) String() string {
	var b strings.Builder
	if r.Summary != "" {
		b.WriteString(r.Summary)
		b.WriteString("\n")
	}
	for _, sec := range r.Sections() {
		fmt.Fprintf(&b, "\n%s (%d):\n", sec.Title, len(sec.Items))
		for _, it := range sec.Items {
			b.WriteString("  - ")
			b.WriteString(it.String())
			b.WriteString("\n")
		}
	}
	return b.String()
}
