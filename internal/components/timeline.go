package components

import (
	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Timeline shows what happened in a case. For now every event as a list,
// in order, with its date, body and sources (the interactive axis is the
// timeline issue's work).
type Timeline struct {
	app.Compo

	Case *casefile.Case
}

func (t *Timeline) Render() app.UI {
	c := t.Case
	return app.Section().Class("timeline").ID("timeline").Aria("labelledby", "timeline-heading").Body(
		app.H2().ID("timeline-heading").Text("What happened"),
		app.Ol().Class("event-list").Body(
			app.Range(c.Events).Slice(func(i int) app.UI {
				e := &c.Events[i]
				return app.Li().Class("event").ID(e.ID).Aria("labelledby", e.ID+"-title").Body(
					app.Time().Class("event-date").DateTime(e.Date.ISO()).Text(e.Date.Display()),
					app.H3().ID(e.ID+"-title").Class("event-title").Text(e.Title),
					app.Range(e.Body).Slice(func(i int) app.UI {
						return app.P().Class("event-body").Text(e.Body[i])
					}),
					SourceList(c, e.Sources),
				)
			}),
		),
	)
}
