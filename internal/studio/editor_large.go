package studio

import (
	"fmt"
	"strconv"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The events of a large case (see Large): a compact list, a page at a
// time, that finds an event by its title, date or id; an event's form
// opens under its row.

func (c *CaseEditor) largeEvents() app.UI {
	d := c.edit.Case
	page := c.list.Show(d.Events, c.byEvent)
	find := control{id: "find-event", label: "Find an event (part of its title, date or id)", value: c.list.Find,
		set: func(ctx app.Context, v string) { c.list.Find, c.list.Page = v, 0 }, emptied: c.emptied}
	first, last := page.Page*EventsPerPage+1, page.Page*EventsPerPage+len(page.Rows)
	shown := fmt.Sprintf("Events %s–%s of %s", count(first), count(last), count(len(d.Events)))
	switch {
	case page.Matches == 0:
		shown = fmt.Sprintf("No event matches “%s”.", c.list.Find)
	case page.Matches == 1:
		shown = fmt.Sprintf("1 event matches “%s”.", c.list.Find)
	case page.Matches < len(d.Events):
		shown = fmt.Sprintf("%s events match “%s”: %s–%s shown.", count(page.Matches), c.list.Find, count(first), count(last))
	}
	turn := func(id, text string, delta int, off bool) app.UI {
		return app.Button().Type("button").ID(id).Class("studio-button").Text(text).Disabled(off).
			OnClick(func(ctx app.Context, e app.Event) { c.list.Page += delta })
	}
	return app.Section().Class("studio-section").Aria("labelledby", "events-heading").Body(
		app.H2().ID("events-heading").Text("Events"),
		app.P().Class("studio-hint").Text(fmt.Sprintf("In date order. This case has %s events, so they are listed %d a page: find one, or turn the pages, and open it to edit it.",
			count(len(d.Events)), EventsPerPage)),
		find.render(),
		app.P().ID("events-shown").Attr("role", "status").Text(shown),
		app.Ul().Class("studio-items studio-event-list").Body(app.Range(page.Rows).Slice(func(k int) app.UI { return c.eventRow(page.Rows[k]) })),
		app.Div().Class("studio-item-actions").Body(
			turn("events-previous", fmt.Sprintf("Previous %d", EventsPerPage), -1, page.Page == 0),
			turn("events-next", fmt.Sprintf("Next %d", EventsPerPage), +1, page.Page >= page.Pages-1),
		),
		c.listProblems("events"),
		c.addEventButton(),
	)
}

// eventRow is one event of the compact list: a button that opens or
// closes its form, which shows under it.
func (c *CaseEditor) eventRow(r EventRow) app.UI {
	p := fmt.Sprintf("events[%d]", r.Index)
	form := FieldID(p) + "-form"
	title, date := r.Title, r.Date
	if title == "" {
		title = "(no title yet)"
	}
	if date == "" {
		date = "no date"
	}
	var problems app.UI = app.Text("")
	if r.Problems > 0 {
		problems = app.Span().Class("studio-row-problems").Text(" · " + ProblemsLabel(r.Problems))
	}
	button := app.Button().Type("button").ID(FieldID(p)+"-open").Class("studio-row-button").
		Aria("expanded", strconv.FormatBool(r.Open)).
		OnClick(func(ctx app.Context, e app.Event) { c.list.Toggle(r.Index) }, app.EventScope(r.Index)).Body(
		app.Span().Text(fmt.Sprintf("Event %d · %s · %s", r.Index+1, date, title)),
		problems,
	)
	if r.Open {
		button = button.Aria("controls", form)
	}
	return app.Li().Class("studio-event-row").Body(
		button,
		app.If(r.Open, func() app.UI {
			return app.Div().ID(form).Class("studio-item").Body(c.eventForm(r.Index)...)
		}),
	)
}

// addEventButton adds an event and opens its form.
func (c *CaseEditor) addEventButton() app.UI {
	d := c.edit.Case
	return c.addButton("events", "Add an event", func() string {
		i := AddEvent(d)
		if Large(d) {
			c.list.Reveal(d.Events, i)
		}
		return FieldID(fmt.Sprintf("events[%d].date.value", i))
	})
}

// eventPicker is eventBox in a large case: the events ticked, and a field
// that adds one by its id, suggesting those that match what is typed.
func (c *CaseEditor) eventPicker(path, legend string, ids *[]string) app.UI {
	d := c.edit.Case
	var ticked [][2]string
	for _, id := range *ids {
		if e := d.Event(id); e != nil {
			ticked = append(ticked, [2]string{id, e.Title})
		}
	}
	add := path + "+add"
	typed := c.boxes[add]
	var suggest []string
	for i := range d.Events {
		if len(suggest) == 20 || typed == "" {
			break
		}
		if Matches(&d.Events[i], typed) {
			suggest = append(suggest, d.Events[i].ID)
		}
	}
	field := control{id: FieldID(path) + "-add", label: legend + ": add an event by its id", value: typed, suggest: suggest,
		hint: "Type part of its title, date or id, then pick its id.", emptied: c.emptied,
		set: func(ctx app.Context, v string) {
			if d.Event(v) == nil {
				c.boxes[add] = v
				return
			}
			order := make([]string, len(d.Events))
			for i, e := range d.Events {
				order[i] = e.ID
			}
			Tick(ids, v, true, order)
			delete(c.boxes, add)
			ctx.JSSrc().Set("value", "")
			c.announce = fmt.Sprintf("Added “%s”.", d.Event(v).Title)
			c.changed(ctx)
		}}
	return app.Div().Body(
		c.tickBox(path, legend, ids, ticked, "None yet.", "about"),
		field.render(),
	)
}

// count writes n with thousands separated: 10,000.
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// eventChoices are a select's options for an event of the case; in a
// large case, nil: the event is typed by its id.
func eventChoices(d *casefile.Case) [][2]string {
	if Large(d) {
		return nil
	}
	events := [][2]string{{"", "None"}}
	for _, e := range d.Events {
		l := e.Title
		if l == "" {
			l = e.ID
		}
		events = append(events, [2]string{e.ID, l})
	}
	return events
}
