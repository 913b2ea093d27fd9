package studio

import (
	"fmt"
	"slices"
	"strings"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The editor's forms, one section per part of the case. Each control's id
// is FieldID of the JSON path it edits, so a problem finds its control.

// field is a control for the field at path, showing its problems.
func (c *CaseEditor) field(path, label, value string, set func(string)) control {
	return control{id: FieldID(path), label: label, value: value, problems: c.at[path],
		set: func(ctx app.Context, v string) { set(v); c.edited(path, StepName(path)); c.changed(ctx) }, emptied: c.emptied}
}

// listProblems are the problems of a list as a whole ("needs at least one
// event"), shown at its Add button.
func (c *CaseEditor) listProblems(path string) app.UI {
	ps := c.at[path]
	return app.If(len(ps) > 0, func() app.UI {
		return app.Ul().ID(FieldID(path) + "-problems").Class("studio-field-problems").Body(app.Range(ps).Slice(func(i int) app.UI {
			return app.Li().Text(ps[i])
		}))
	})
}

// addButton adds an item to a list and moves the focus to its first field.
func (c *CaseEditor) addButton(path, text string, add func() string) app.UI {
	b := app.Button().Type("button").ID(FieldID(path)).Class("studio-button").Text(text).
		OnClick(func(ctx app.Context, e app.Event) {
			first := add()
			c.edited("", AddName(path))
			c.changed(ctx)
			c.ctx.Defer(func(app.Context) { focus(first) })
		}, c.scope())
	if len(c.at[path]) > 0 {
		b = b.Aria("describedby", FieldID(path)+"-problems")
	}
	return b
}

// addItemButton is the add button of a list whose add appends an item to
// the case and returns its index; the new item's field gets the focus.
func (c *CaseEditor) addItemButton(list, text, field string, add func(*casefile.Case) int) app.UI {
	d := c.edit.Case
	return c.addButton(list, text, func() string { return FieldID(fmt.Sprintf("%s[%d].%s", list, add(d), field)) })
}

func (c *CaseEditor) details() app.UI {
	d := c.edit.Case
	statuses := [][2]string{{"", "Choose…"}}
	for _, s := range []string{casefile.StatusOpen, casefile.StatusDecided, casefile.StatusSettled, casefile.StatusDismissed, casefile.StatusClosed} {
		statuses = append(statuses, [2]string{s, strings.ToUpper(s[:1]) + s[1:]})
	}
	updated := c.field("updated", "Last checked (the day the facts were last checked)", d.Updated, func(v string) { d.Updated = v })
	updated.kind = "date"
	summary := c.field("summary", "Summary", d.Summary, func(v string) { d.Summary = v })
	summary.kind = "textarea"
	outcome := c.field("outcome", "Outcome (or where it stands)", d.Outcome, func(v string) { d.Outcome = v })
	outcome.kind = "textarea"
	status := c.field("status", "Status", d.Status, func(v string) { d.Status = v })
	status.kind, status.options = "select", statuses
	credits := c.listBox("credits", "Credits (one per line)", d.Credits, Lines, JoinLines, func(v []string) { d.Credits = v })
	credits.rows = 2
	for i := range d.Credits {
		credits.problems = append(credits.problems, c.at[fmt.Sprintf("credits[%d]", i)]...)
	}
	return app.Section().Class("studio-section").Aria("labelledby", "details-heading").Body(
		app.H2().ID("details-heading").Text("Case details"),
		c.field("title", "Title", d.Title, func(v string) { d.Title = v }).render(),
		summary.render(),
		app.Div().Class("studio-row").Body(
			c.field("court", "Court", d.Court, func(v string) { d.Court = v }).render(),
			c.field("docket", "Docket number", d.Docket, func(v string) { d.Docket = v }).render(),
		),
		app.Div().Class("studio-row").Body(status.render(), updated.render()),
		c.timezone(),
		outcome.render(),
		c.parties(),
		credits.render(),
		c.leadMedia(),
	)
}

// listBox is a text box that edits a list: the case holds the list, the
// box the text as typed (see BoxText).
func (c *CaseEditor) listBox(path, label string, list []string, split func(string) []string, join func([]string) string, set func([]string)) control {
	typed, ok := c.boxes[path]
	ctl := c.field(path, label, BoxText(typed, ok, list, split, join), func(v string) {
		c.boxes[path] = v
		set(split(v))
	})
	ctl.kind = "textarea"
	return ctl
}

func (c *CaseEditor) parties() app.UI {
	d := c.edit.Case
	return app.FieldSet().Class("studio-list-items").Body(
		app.Legend().Text("Parties"),
		app.Range(d.Parties).Slice(func(i int) app.UI {
			p := fmt.Sprintf("parties[%d]", i)
			name := c.field(p+".name", fmt.Sprintf("Party %d: name", i+1), d.Parties[i].Name, func(v string) { d.Parties[i].Name = v })
			role := c.field(p+".role", fmt.Sprintf("Party %d: role (plaintiff, defendant…)", i+1), d.Parties[i].Role, func(v string) { d.Parties[i].Role = v })
			role.small = true
			return app.Div().Class("studio-row").Body(name.render(), role.render(),
				c.removeButton(fmt.Sprintf("Remove party %d", i+1), func() { d.Parties = Remove(d.Parties, i) }, "parties"))
		}),
		c.listProblems("parties"),
		c.addItemButton("parties", "Add a party", "name", func(d *casefile.Case) int {
			d.Parties = append(d.Parties, casefile.Party{})
			return len(d.Parties) - 1
		}),
	)
}

// removeButton removes an item, announces it, and moves the focus to the
// list's Add button.
func (c *CaseEditor) removeButton(label string, remove func(), list string) app.UI {
	return app.Button().Type("button").Class("studio-button studio-remove").Text("Remove").Aria("label", label).
		OnClick(func(ctx app.Context, e app.Event) {
			remove()
			c.announce = strings.Replace(label, "Remove", "Removed", 1)
			c.edited("", strings.Replace(label, "Remove", "remove", 1))
			c.changed(ctx)
			c.ctx.Defer(func(app.Context) { focus(FieldID(list)) })
		}, app.EventScope(label, c.handlers()))
}

func (c *CaseEditor) categories() app.UI {
	d := c.edit.Case
	return app.Section().Class("studio-section").Aria("labelledby", "categories-heading").Body(
		app.H2().ID("categories-heading").Text("Categories"),
		app.P().Class("studio-hint").Text("Categories group the events on the timeline and give their markers a colour."),
		app.Range(d.Categories).Slice(func(i int) app.UI {
			p := fmt.Sprintf("categories[%d]", i)
			label := c.field(p+".label", fmt.Sprintf("Category %d: label", i+1), d.Categories[i].Label, func(v string) { d.Categories[i].Label = v })
			color := c.field(p+".color", fmt.Sprintf("Category %d: colour (#rrggbb)", i+1), d.Categories[i].Color, func(v string) { d.Categories[i].Color = v })
			color.small = true
			id := c.field(p+".id", fmt.Sprintf("Category %d: id", i+1), d.Categories[i].ID, func(v string) { RenameCategory(d, i, v) })
			id.small = true
			return app.Div().Class("studio-row studio-item").Body(label.render(), color.render(), id.render(),
				c.removeButton(fmt.Sprintf("Remove category %d", i+1), func() { d.Categories = Remove(d.Categories, i) }, "categories"))
		}),
		c.listProblems("categories"),
		c.addItemButton("categories", "Add a category", "label", AddCategory),
	)
}

func (c *CaseEditor) events() app.UI {
	d := c.edit.Case
	if Large(d) {
		return c.largeEvents()
	}
	return app.Section().Class("studio-section").Aria("labelledby", "events-heading").Body(
		app.H2().ID("events-heading").Text("Events"),
		app.P().Class("studio-hint").Text("In date order. Move an event with its Move up and Move down buttons, or drag it by its ☰ handle."),
		app.Ol().Class("studio-items").Body(app.Range(d.Events).Slice(func(i int) app.UI { return c.event(i) })),
		c.listProblems("events"),
		c.addEventButton(),
	)
}

func (c *CaseEditor) event(i int) app.UI {
	return app.Li().Class("studio-item").DataSet("drag-list", "events").DataSet("drag-index", i).
		Body(append([]app.UI{dragHandle("events", "event", i)}, c.eventForm(i)...)...)
}

// eventForm is the form of event i.
func (c *CaseEditor) eventForm(i int) []app.UI {
	d := c.edit.Case
	e := &d.Events[i]
	p := fmt.Sprintf("events[%d]", i)
	n := i + 1
	heading := fmt.Sprintf("Event %d", n)
	if e.Title != "" {
		heading += ": " + e.Title
	}
	body := c.listBox(p+".body", fmt.Sprintf("Event %d: text (a blank line between paragraphs)", n), e.Body, Paragraphs, BodyText, func(v []string) { e.Body = v })
	body.rows = 4
	for k := range e.Body {
		body.problems = append(body.problems, c.at[fmt.Sprintf("%s.body[%d]", p, k)]...)
	}
	category := c.field(p+".category", fmt.Sprintf("Event %d: category", n), e.Category, func(v string) { e.Category = v })
	category.kind = "select"
	category.options = [][2]string{{"", "Choose…"}}
	for _, cat := range d.Categories {
		l := cat.Label
		if l == "" {
			l = cat.ID
		}
		category.options = append(category.options, [2]string{cat.ID, l})
	}
	id := c.field(p+".id", fmt.Sprintf("Event %d: id (in the event's address)", n), e.ID, func(v string) { RenameEvent(d, i, v) })
	id.small = true
	move := func(i, delta int) int {
		j := Move(d.Events, i, delta)
		c.list.Moved(i, j)
		c.list.Reveal(d.Events, j)
		return j
	}
	return []app.UI{
		app.H3().ID(FieldID(p) + "-heading").Text(heading),
		c.dateFields(p+".date", fmt.Sprintf("Event %d: date", n), &e.Date),
		c.span(i),
		c.field(p+".title", fmt.Sprintf("Event %d: title", n), e.Title, func(v string) { e.Title = v }).render(),
		body.render(),
		app.Div().Class("studio-row").Body(category.render(), id.render()),
		c.citations(i),
		c.termBox(p+".terms", fmt.Sprintf("Event %d: glossary terms it uses", n), &e.Terms),
		c.media(i),
		app.Div().Class("studio-item-actions").Body(
			c.moveButton("events", i, len(d.Events), -1, "event", move, func(j int) string { return d.Events[j].Title }),
			c.moveButton("events", i, len(d.Events), +1, "event", move, func(j int) string { return d.Events[j].Title }),
			c.removeButton(fmt.Sprintf("Remove event %d", n), func() { RemoveEvent(d, i); c.list.Removed(i) }, "events"),
		),
	}
}

// citations are an event's sources, as checkboxes of the case's sources.
func (c *CaseEditor) citations(i int) app.UI {
	return c.citeBox(fmt.Sprintf("events[%d].sources", i), fmt.Sprintf("Event %d: sources", i+1), &c.edit.Case.Events[i].Sources)
}

// citeBox is a list of cited sources at path, as checkboxes of the case's
// sources, with its problems.
func (c *CaseEditor) citeBox(path, legend string, ids *[]string) app.UI {
	d := c.edit.Case
	var ps []string
	ps = append(ps, c.at[path]...)
	for k := range *ids {
		ps = append(ps, c.at[fmt.Sprintf("%s[%d]", path, k)]...)
	}
	return app.FieldSet().ID(FieldID(path)).TabIndex(-1).Class("studio-sources").Body(
		app.Legend().Text(legend),
		app.If(len(d.Sources) == 0, func() app.UI {
			return app.P().Class("studio-hint").Text("Add the case's sources, then tick the ones this rests on.")
		}),
		app.Range(d.Sources).Slice(func(k int) app.UI {
			s := d.Sources[k]
			cid := fmt.Sprintf("%s-%d-cites", FieldID(path), k)
			name := s.Title
			if name == "" {
				name = s.ID
			}
			return app.Div().Class("studio-check").Body(
				app.Input().Type("checkbox").ID(cid).Checked(slices.Contains(*ids, s.ID)).
					OnChange(func(ctx app.Context, ev app.Event) {
						CiteIn(d, ids, s.ID, ctx.JSSrc().Get("checked").Bool())
						c.edited("", StepName(path))
						c.changed(ctx)
					}, app.EventScope(fmt.Sprintf("%p", ids), s.ID, c.handlers())),
				app.Label().For(cid).Text(name),
			)
		}),
		app.If(len(ps) > 0, func() app.UI {
			return app.Ul().Class("studio-field-problems").Body(app.Range(ps).Slice(func(k int) app.UI { return app.Li().Text(ps[k]) }))
		}),
	)
}

// moveButton moves item i of a list (of n items, called noun) up or down
// by keyboard or pointer; the focus follows the item, and the move is
// announced with the item's title.
func (c *CaseEditor) moveButton(list string, i, n, delta int, noun string, move func(i, delta int) int, title func(j int) string) app.UI {
	dir := map[int]string{-1: "up", 1: "down"}
	text := map[int]string{-1: "Move up", 1: "Move down"}[delta]
	id := fmt.Sprintf("%s-%s", FieldID(fmt.Sprintf("%s[%d]", list, i)), dir[delta])
	end := (delta < 0 && i == 0) || (delta > 0 && i == n-1)
	return app.Button().Type("button").ID(id).Class("studio-button").Disabled(end).
		Aria("label", fmt.Sprintf("%s: %s %d", text, noun, i+1)).Text(text).
		OnClick(func(ctx app.Context, e app.Event) {
			j := move(i, delta)
			if j == i {
				return
			}
			c.announce = Moved(noun, title(j), j, n)
			c.edited("", MoveName(list, i, j))
			c.changed(ctx)
			target := fmt.Sprintf("%s-%s", FieldID(fmt.Sprintf("%s[%d]", list, j)), dir[delta])
			other := fmt.Sprintf("%s-%s", FieldID(fmt.Sprintf("%s[%d]", list, j)), dir[-delta])
			c.ctx.Defer(func(app.Context) {
				if el := app.Window().GetElementByID(target); el.Truthy() && !el.Get("disabled").Bool() {
					focus(target)
				} else {
					focus(other)
				}
			})
		}, app.EventScope(id, n, c.handlers()))
}

// dateHint is the form a date takes at a precision.
func dateHint(p casefile.Precision) string {
	switch p {
	case casefile.Month:
		return "Year and month: 2017-04"
	case casefile.Year:
		return "Year: 2017"
	case casefile.Minute:
		return "Day and time, in the case's time zone: 2017-04-06T16:30"
	}
	return "Year, month and day: 2017-04-06"
}

func (c *CaseEditor) sources() app.UI {
	d := c.edit.Case
	kinds := [][2]string{}
	for _, k := range []casefile.SourceKind{casefile.SourceWeb, casefile.SourceWire, casefile.SourcePrint, casefile.SourceBroadcast, casefile.SourceFiling} {
		kinds = append(kinds, [2]string{string(k), map[casefile.SourceKind]string{
			casefile.SourceWeb: "Web page", casefile.SourceWire: "Wire story", casefile.SourcePrint: "Print",
			casefile.SourceBroadcast: "Broadcast", casefile.SourceFiling: "Court filing"}[k]})
	}
	return app.Section().Class("studio-section").Aria("labelledby", "sources-heading").Body(
		app.H2().ID("sources-heading").Text("Sources"),
		app.P().Class("studio-hint").Text("Every event rests on at least one source. A web page needs its URL; other kinds need a date."),
		app.Ol().Class("studio-items").Body(app.Range(d.Sources).Slice(func(k int) app.UI {
			s := &d.Sources[k]
			p := fmt.Sprintf("sources[%d]", k)
			n := k + 1
			kind := c.field(p+".kind", fmt.Sprintf("Source %d: kind", n), string(s.KindOrWeb()), func(v string) { s.Kind = casefile.SourceKind(v) })
			kind.kind, kind.options, kind.small = "select", kinds, true
			url := c.field(p+".url", fmt.Sprintf("Source %d: URL", n), s.URL, func(v string) { s.URL = v })
			url.kind = "url"
			date := c.field(p+".date", fmt.Sprintf("Source %d: date (2017-04-06, 2017-04 or 2017)", n), s.Date, func(v string) { s.Date = v })
			date.small = true
			id := c.field(p+".id", fmt.Sprintf("Source %d: id", n), s.ID, func(v string) { RenameSource(d, k, v) })
			id.small = true
			heading := fmt.Sprintf("Source %d", n)
			if s.Title != "" {
				heading += ": " + s.Title
			}
			return app.Li().Class("studio-item").Body(
				app.H3().Text(heading),
				app.Div().Class("studio-row").Body(kind.render(), date.render(), id.render()),
				c.field(p+".title", fmt.Sprintf("Source %d: title", n), s.Title, func(v string) { s.Title = v }).render(),
				c.field(p+".publisher", fmt.Sprintf("Source %d: publisher", n), s.Publisher, func(v string) { s.Publisher = v }).render(),
				url.render(),
				app.Div().Class("studio-item-actions").Body(
					c.removeButton(fmt.Sprintf("Remove source %d", n), func() { RemoveSource(d, k) }, "sources"),
				),
			)
		})),
		c.listProblems("sources"),
		c.addItemButton("sources", "Add a source", "title", AddSource),
	)
}
