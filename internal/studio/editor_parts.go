package studio

import (
	"fmt"
	"slices"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The forms of the parts beyond an event's date, text and sources: its
// end, time of day, terms and media; the case's time zone, eras, glossary
// and corrections. Each control's id is FieldID of the path it edits.

// precisions are the choices of a date's precision.
var precisions = [][2]string{{string(casefile.Minute), "Day and time"}, {string(casefile.Day), "Day"},
	{string(casefile.Month), "Month"}, {string(casefile.Year), "Year"}}

// zones are the time zones suggested for the case's; any IANA name may be
// typed.
var zones = []string{"UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
	"America/Anchorage", "Pacific/Honolulu", "Europe/London", "Europe/Paris", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney"}

// dateFields are a date's value, precision and label, at path
// ("events[0].date", "eras[1].end"); what names it ("Event 1: date").
func (c *CaseEditor) dateFields(path, what string, d *casefile.Date) app.UI {
	value := c.field(path+".value", what, d.Value, func(v string) { d.Value = v })
	value.hint, value.small = dateHint(d.Precision), true
	precision := c.field(path+".precision", what+" precision", string(d.Precision), func(v string) { SetPrecision(d, casefile.Precision(v)) })
	precision.kind, precision.small, precision.options = "select", true, precisions
	label := c.field(path+".label", what+" as shown (optional, such as “Late January 2017”)", d.Label, func(v string) { d.Label = v })
	return app.Div().Class("studio-row").Body(value.render(), precision.render(), label.render())
}

// timezone is the case's time zone, needed once a date has a time of day.
func (c *CaseEditor) timezone() app.UI {
	d := c.edit.Case
	tz := c.field("timezone", "Time zone of the times of day (an IANA name)", d.Timezone, func(v string) { d.Timezone = v })
	tz.hint = "Only needed when a date has a time of day: pick one, such as America/Los_Angeles, or type another IANA name."
	tz.suggest = zones
	return tz.render()
}

// span is an event's end: a box that makes it a span, and its end date.
func (c *CaseEditor) span(i int) app.UI {
	e := &c.edit.Case.Events[i]
	p := fmt.Sprintf("events[%d]", i)
	box := FieldID(p+".end") + "-on"
	return app.Div().Body(
		app.Div().Class("studio-check").Body(
			app.Input().Type("checkbox").ID(box).Checked(e.End != nil).
				OnChange(func(ctx app.Context, ev app.Event) {
					on := ctx.JSSrc().Get("checked").Bool()
					SetEnd(e, on)
					c.edited("", StepName(p+".end"))
					c.changed(ctx)
					if on {
						c.ctx.Defer(func(app.Context) { focus(FieldID(p + ".end.value")) })
					}
				}, app.EventScope(fmt.Sprintf("%p", e), c.handlers())),
			app.Label().For(box).Text(fmt.Sprintf("Event %d: a span, with an end date", i+1)),
		),
		app.If(e.End != nil, func() app.UI { return c.dateFields(p+".end", fmt.Sprintf("Event %d: end", i+1), e.End) }),
	)
}

// termBox is a list of glossary terms at path, as checkboxes of the
// case's glossary, with its problems.
func (c *CaseEditor) termBox(path, legend string, ids *[]string) app.UI {
	d := c.edit.Case
	var names [][2]string
	for _, t := range d.Glossary {
		names = append(names, [2]string{t.ID, t.Term})
	}
	return c.tickBox(path, legend, ids, names, "Add terms to the glossary, then tick the ones this uses.", "uses")
}

// eventBox is a list of events at path, as checkboxes of the case's
// events, with its problems.
func (c *CaseEditor) eventBox(path, legend string, ids *[]string) app.UI {
	d := c.edit.Case
	if Large(d) {
		return c.eventPicker(path, legend, ids)
	}
	var names [][2]string
	for _, e := range d.Events {
		names = append(names, [2]string{e.ID, e.Title})
	}
	return c.tickBox(path, legend, ids, names, "Add events, then tick the ones this is about.", "about")
}

// tickBox is a list of ids at path, as checkboxes of items (id and name,
// in the case's order); each box's id ends in suffix.
func (c *CaseEditor) tickBox(path, legend string, ids *[]string, items [][2]string, empty, suffix string) app.UI {
	ps := c.at[path]
	order := make([]string, len(items))
	for k, it := range items {
		order[k] = it[0]
	}
	// An id that names nothing of the case stays ticked, to be unticked
	// (its problem says why).
	for _, id := range *ids {
		if !slices.Contains(order, id) {
			items = append(slices.Clip(items), [2]string{id, id + " (not in this case)"})
		}
	}
	return app.FieldSet().ID(FieldID(path)).TabIndex(-1).Class("studio-sources").Body(
		app.Legend().Text(legend),
		app.If(len(items) == 0, func() app.UI { return app.P().Class("studio-hint").Text(empty) }),
		app.Range(items).Slice(func(k int) app.UI {
			id, name := items[k][0], items[k][1]
			cid := fmt.Sprintf("%s-%d-%s", FieldID(path), k, suffix)
			if name == "" {
				name = id
			}
			return app.Div().Class("studio-check").Body(
				app.Input().Type("checkbox").ID(cid).Checked(slices.Contains(*ids, id)).
					OnChange(func(ctx app.Context, ev app.Event) {
						Tick(ids, id, ctx.JSSrc().Get("checked").Bool(), order)
						c.edited("", StepName(path))
						c.changed(ctx)
					}, app.EventScope(fmt.Sprintf("%p", ids), id, len(order), c.handlers())),
				app.Label().For(cid).Text(name),
			)
		}),
		app.If(len(ps) > 0, func() app.UI {
			return app.Ul().Class("studio-field-problems").Body(app.Range(ps).Slice(func(k int) app.UI { return app.Li().Text(ps[k]) }))
		}),
	)
}

// media is an event's image or link.
func (c *CaseEditor) media(i int) app.UI {
	return c.mediaForm(fmt.Sprintf("events[%d].media", i), fmt.Sprintf("Event %d", i+1), &c.edit.Case.Events[i].Media)
}

// leadMedia is the case's own image or link, shown under its summary.
func (c *CaseEditor) leadMedia() app.UI {
	return app.FieldSet().Class("studio-list-items").Body(
		app.Legend().Text("Lead image or link (optional, shown under the summary)"),
		c.mediaForm("media", "Lead", &c.edit.Case.Media),
	)
}

// mediaForm edits the media at path (an event's or the case's, m), an
// image or a link; what names its owner in the labels ("Event 3").
func (c *CaseEditor) mediaForm(p, what string, m **casefile.Media) app.UI {
	kind := c.field(p, what+": media", MediaKind(*m), func(v string) { SetMedia(m, v) })
	kind.kind, kind.small = "select", true
	kind.options = [][2]string{{NoMedia, "None"}, {ImageMedia, "An image"}, {LinkMedia, "A link (document, video, post)"}}
	var fields []app.UI
	switch MediaKind(*m) {
	case ImageMedia:
		im := (*m).Image
		src := c.field(p+".image.src", what+": image address", im.Src, func(v string) { im.Src = v })
		src.kind, src.hint = "url", "An https:// address only: the Studio has no folder for image files."
		alt := c.field(p+".image.alt", what+": image description (alt text, required)", im.Alt, func(v string) { im.Alt = v })
		alt.hint = "What the image shows, for readers who cannot see it."
		caption := c.field(p+".image.caption", what+": image caption (optional)", im.Caption, func(v string) { im.Caption = v })
		credit := c.field(p+".image.credit", what+": image credit (optional)", im.Credit, func(v string) { im.Credit = v })
		width := c.pixels(p+".image.width", what+": image width in pixels (optional)", &im.Width)
		height := c.pixels(p+".image.height", what+": image height in pixels (optional)", &im.Height)
		width.hint = "Width and height together keep the image's space while it loads."
		fields = []app.UI{src.render(), alt.render(), caption.render(), credit.render(),
			app.Div().Class("studio-row").Body(width.render(), height.render())}
	case LinkMedia:
		l := (*m).Link
		url := c.field(p+".link.url", what+": link URL", l.URL, func(v string) { l.URL = v })
		url.kind = "url"
		title := c.field(p+".link.title", what+": link title", l.Title, func(v string) { l.Title = v })
		fields = []app.UI{url.render(), title.render()}
	}
	return app.Div().Class("studio-media").Body(kind.render(), app.Range(fields).Slice(func(k int) app.UI { return fields[k] }))
}

// pixels is an image's width or height field: the text as typed is kept
// (in boxes), the number it reads as goes in the case, and text that is
// no whole number gets its problem here (see Pixels).
func (c *CaseEditor) pixels(path, label string, n *int) control {
	typed, ok := c.boxes[path]
	ctl := c.field(path, label, PixelsText(typed, ok, *n), func(v string) {
		c.boxes[path] = v
		*n, _ = Pixels(v)
	})
	ctl.small, ctl.inputMode = true, "numeric"
	return ctl
}

func (c *CaseEditor) eras() app.UI {
	d := c.edit.Case
	return app.Section().Class("studio-section").Aria("labelledby", "eras-heading").Body(
		app.H2().ID("eras-heading").Text("Eras"),
		app.P().Class("studio-hint").Text("Optional: labelled stretches of time, drawn as bands behind the timeline."),
		app.Ol().Class("studio-items").Body(app.Range(d.Eras).Slice(func(i int) app.UI {
			e := &d.Eras[i]
			p := fmt.Sprintf("eras[%d]", i)
			n := i + 1
			return app.Li().Class("studio-item").Body(
				c.field(p+".title", fmt.Sprintf("Era %d: title", n), e.Title, func(v string) { e.Title = v }).render(),
				c.dateFields(p+".start", fmt.Sprintf("Era %d: start", n), &e.Start),
				c.dateFields(p+".end", fmt.Sprintf("Era %d: end", n), &e.End),
				app.Div().Class("studio-item-actions").Body(
					c.removeButton(fmt.Sprintf("Remove era %d", n), func() { d.Eras = Remove(d.Eras, i) }, "eras"),
				),
			)
		})),
		c.listProblems("eras"),
		c.addItemButton("eras", "Add an era", "title", AddEra),
	)
}

func (c *CaseEditor) glossary() app.UI {
	d := c.edit.Case
	return app.Section().Class("studio-section").Aria("labelledby", "glossary-heading").Body(
		app.H2().ID("glossary-heading").Text("Glossary"),
		app.P().Class("studio-hint").Text("The legal words a reader needs: a one-sentence definition, a longer explanation, and its sources."),
		app.Ol().Class("studio-items").Body(app.Range(d.Glossary).Slice(func(i int) app.UI { return c.term(i) })),
		c.listProblems("glossary"),
		c.addItemButton("glossary", "Add a term", "term", AddTerm),
	)
}

func (c *CaseEditor) term(i int) app.UI {
	d := c.edit.Case
	t := &d.Glossary[i]
	p := fmt.Sprintf("glossary[%d]", i)
	n := i + 1
	heading := fmt.Sprintf("Term %d", n)
	if t.Term != "" {
		heading += ": " + t.Term
	}
	definition := c.field(p+".definition", fmt.Sprintf("Term %d: definition (one sentence)", n), t.Definition, func(v string) { t.Definition = v })
	definition.kind, definition.rows = "textarea", 2
	explanation := c.field(p+".explanation", fmt.Sprintf("Term %d: explanation", n), t.Explanation, func(v string) { t.Explanation = v })
	explanation.kind = "textarea"
	id := c.field(p+".id", fmt.Sprintf("Term %d: id", n), t.ID, func(v string) { RenameTerm(d, i, v) })
	id.small = true
	move := func(i, delta int) int { return Move(d.Glossary, i, delta) }
	title := func(j int) string { return d.Glossary[j].Term }
	return app.Li().Class("studio-item").DataSet("drag-list", "glossary").DataSet("drag-index", i).Body(
		dragHandle("glossary", "term", i),
		app.H3().ID(FieldID(p)+"-heading").Text(heading),
		app.Div().Class("studio-row").Body(c.field(p+".term", fmt.Sprintf("Term %d: term", n), t.Term, func(v string) { t.Term = v }).render(), id.render()),
		definition.render(),
		explanation.render(),
		c.citeBox(p+".sources", fmt.Sprintf("Term %d: sources", n), &t.Sources),
		app.Div().Class("studio-item-actions").Body(
			c.moveButton("glossary", i, len(d.Glossary), -1, "term", move, title),
			c.moveButton("glossary", i, len(d.Glossary), +1, "term", move, title),
			c.removeButton(fmt.Sprintf("Remove term %d", n), func() { RemoveTerm(d, i) }, "glossary"),
		),
	)
}

func (c *CaseEditor) corrections() app.UI {
	d := c.edit.Case
	events := eventChoices(d)
	terms := [][2]string{{"", "None"}}
	for _, t := range d.Glossary {
		l := t.Term
		if l == "" {
			l = t.ID
		}
		terms = append(terms, [2]string{t.ID, l})
	}
	return app.Section().Class("studio-section").Aria("labelledby", "corrections-heading").Body(
		app.H2().ID("corrections-heading").Text("Corrections"),
		app.P().Class("studio-hint").Text("What was corrected after publishing, in plain words, shown under the case. Move “Last checked” to the latest correction's day."),
		app.Ol().Class("studio-items").Body(app.Range(d.Corrections).Slice(func(i int) app.UI {
			k := &d.Corrections[i]
			p := fmt.Sprintf("corrections[%d]", i)
			n := i + 1
			date := c.field(p+".date", fmt.Sprintf("Correction %d: date", n), k.Date, func(v string) { k.Date = v })
			date.kind, date.small = "date", true
			text := c.field(p+".text", fmt.Sprintf("Correction %d: what was corrected", n), k.Text, func(v string) { k.Text = v })
			text.kind, text.rows = "textarea", 2
			event := c.field(p+".event", fmt.Sprintf("Correction %d: event it concerns (optional)", n), k.Event, func(v string) { k.Event = v })
			if events != nil {
				event.kind, event.options = "select", withCurrent(events, k.Event)
			} else {
				event.label, event.small = fmt.Sprintf("Correction %d: id of the event it concerns (optional)", n), true
			}
			term := c.field(p+".term", fmt.Sprintf("Correction %d: term it concerns (optional)", n), k.Term, func(v string) { k.Term = v })
			term.kind, term.options = "select", withCurrent(terms, k.Term)
			return app.Li().Class("studio-item").Body(
				date.render(),
				text.render(),
				app.Div().Class("studio-row").Body(event.render(), term.render()),
				app.Div().Class("studio-item-actions").Body(
					c.removeButton(fmt.Sprintf("Remove correction %d", n), func() { d.Corrections = Remove(d.Corrections, i) }, "corrections"),
				),
			)
		})),
		c.listProblems("corrections"),
		c.addItemButton("corrections", "Add a correction", "text", AddCorrection),
	)
}

// withCurrent are a select's options with its value among them: an id
// that names nothing of the case stays shown (its problem says so) rather
// than the select showing another.
func withCurrent(options [][2]string, value string) [][2]string {
	if slices.ContainsFunc(options, func(o [2]string) bool { return o[0] == value }) {
		return options
	}
	return append(slices.Clone(options), [2]string{value, value + " (not in this case)"})
}
