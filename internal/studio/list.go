package studio

import (
	"encoding/json"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// CaseList is the Studio's start: every case with its state, a form to
// create one, a way to duplicate one, and an import (importing.go).
type CaseList struct {
	app.Compo
	API  *API
	Home string

	cases   Cases
	loaded  bool
	err     string // why the list or the last action failed
	newID   string
	title   string
	dupOf   string // the case being duplicated, "" for none
	dupFile bool   // it is a case from a file, read from the readers' API
	dupID   string
	dupName string
	busy    bool
	ctx     app.Context // the component's own (see CaseEditor.ctx)
	importing
}

func (l *CaseList) OnMount(ctx app.Context) {
	l.ctx = ctx
	l.load(ctx)
}

func (l *CaseList) load(ctx app.Context) {
	ctx.Async(func() {
		cs, err := l.API.Cases()
		ctx.Dispatch(func(ctx app.Context) {
			l.loaded = true
			if err != nil {
				l.err = "The cases could not be listed: " + err.Error()
				return
			}
			l.cases = cs
		})
	})
}

// create makes the case and opens it.
func (l *CaseList) create(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if l.busy {
		return
	}
	l.busy, l.err = true, ""
	c := NewCase(l.newID, l.title)
	l.ctx.Async(func() {
		_, err := l.API.Create(c)
		l.ctx.Dispatch(func(ctx app.Context) {
			l.busy = false
			if err != nil {
				l.err = "The case was not created: " + err.Error()
				return
			}
			ctx.Navigate(l.Home + "cases/" + c.ID)
		})
	})
}

// duplicate copies the chosen case under the new id and title, and
// opens the copy.
func (l *CaseList) duplicate(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if l.busy {
		return
	}
	l.busy, l.err = true, ""
	from, file, id, title := l.dupOf, l.dupFile, l.dupID, l.dupName
	l.ctx.Async(func() {
		err := func() error {
			var data json.RawMessage
			if file {
				var err error
				if data, err = l.API.Published(from); err != nil {
					return err
				}
			} else {
				d, err := l.API.Draft(from)
				if err != nil {
					return err
				}
				data = d.Case
			}
			c, err := Decode(data)
			if err != nil {
				return err
			}
			copy, err := Duplicate(c, id, title)
			if err != nil {
				return err
			}
			_, err = l.API.Create(copy)
			return err
		}()
		l.ctx.Dispatch(func(ctx app.Context) {
			l.busy = false
			if err != nil {
				l.err = "The case was not duplicated: " + err.Error()
				return
			}
			ctx.Navigate(l.Home + "cases/" + id)
		})
	})
}

func (l *CaseList) Render() app.UI {
	return app.Div().Class("studio-list").Body(
		app.H1().Text("Cases"),
		app.If(l.err != "", func() app.UI {
			return app.P().Class("studio-error").Attr("role", "alert").Text(l.err)
		}),
		app.If(!l.loaded, func() app.UI { return app.P().Attr("role", "status").Text("Loading the cases…") }),
		app.If(l.loaded && len(l.cases.Cases) == 0, func() app.UI {
			return app.P().Text("No case in the database yet: create the first below.")
		}),
		app.If(len(l.cases.Cases) > 0, func() app.UI { return l.table() }),
		l.createForm(),
		l.importForm(),
		app.If(len(l.cases.Files) > 0, func() app.UI {
			return app.Section().Aria("labelledby", "files-heading").Body(
				app.H2().ID("files-heading").Text("Cases from files"),
				app.P().Text("These are read from files on the server and cannot be changed here; a duplicate is a new case in the database."),
				app.Ul().Class("studio-files").Body(app.Range(l.cases.Files).Slice(func(i int) app.UI {
					f := l.cases.Files[i]
					return app.Li().Body(
						app.Span().Text(f.Title+" ("+f.ID+") "),
						app.If(l.dupOf != f.ID, func() app.UI {
							return app.Button().Type("button").Class("studio-button").
								Aria("label", "Duplicate “"+f.Title+"”").Text("Duplicate").
								OnClick(func(ctx app.Context, e app.Event) { l.startDuplicate(f.ID, f.Title, true) })
						}).Else(func() app.UI { return l.duplicateForm(f.Title) }),
					)
				})),
			)
		}),
	)
}

func (l *CaseList) table() app.UI {
	return app.Table().Class("studio-table").Body(
		app.Caption().Class("visually-hidden").Text("Cases in the database"),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text("Case"),
			app.Th().Scope("col").Text("State"),
			app.Th().Scope("col").Text("Last saved"),
			app.Th().Scope("col").Body(app.Span().Class("visually-hidden").Text("Actions")),
		)),
		app.TBody().Body(app.Range(l.cases.Cases).Slice(func(i int) app.UI {
			c := l.cases.Cases[i]
			title := c.Title
			if title == "" {
				title = "(untitled)"
			}
			return app.Tr().Body(
				app.Td().Body(
					app.A().Href(l.Home+"cases/"+c.ID).Text(title),
					app.Br(),
					app.Small().Text(c.ID),
				),
				app.Td().Body(app.Span().Class("studio-state studio-state-"+c.State).Text(StateLabel(c.State))),
				app.Td().Text("Saved by "+c.SavedBy+", "+c.SavedAt.Local().Format("2 Jan 2006 15:04")),
				app.Td().Body(
					app.If(l.dupOf != c.ID, func() app.UI {
						return app.Button().Type("button").Class("studio-button").
							Aria("label", "Duplicate “"+title+"”").Text("Duplicate").
							OnClick(func(ctx app.Context, e app.Event) { l.startDuplicate(c.ID, c.Title, false) })
					}).Else(func() app.UI { return l.duplicateForm(title) }),
				),
			)
		})),
	)
}

// startDuplicate opens the form that duplicates a case, in its place.
func (l *CaseList) startDuplicate(id, title string, file bool) {
	l.dupOf, l.dupFile, l.dupID, l.dupName = id, file, id+"-copy", "Copy of "+title
	l.ctx.Defer(func(app.Context) { focus("dup-id") })
}

func (l *CaseList) duplicateForm(title string) app.UI {
	return app.Form().Class("studio-inline-form").Aria("label", "Duplicate “"+title+"”").OnSubmit(l.duplicate).Body(
		textField("dup-id", "Id of the copy", l.dupID, func(v string) { l.dupID = v }),
		textField("dup-title", "Title of the copy", l.dupName, func(v string) { l.dupName = v }),
		app.Button().Type("submit").Class("studio-button studio-primary").Disabled(l.busy).Text("Duplicate"),
		app.Button().Type("button").Class("studio-button").Text("Cancel").OnClick(func(ctx app.Context, e app.Event) { l.dupOf = "" }),
	)
}

func (l *CaseList) createForm() app.UI {
	return app.Section().Aria("labelledby", "new-heading").Body(
		app.H2().ID("new-heading").Text("New case"),
		app.Form().Class("studio-inline-form").OnSubmit(l.create).Body(
			textField("new-id", "Id (in the case's address: lowercase words joined by hyphens)", l.newID, func(v string) { l.newID = v }),
			textField("new-title", "Title", l.title, func(v string) { l.title = v }),
			app.Button().Type("submit").ID("create-case").Class("studio-button studio-primary").Disabled(l.busy).Text("Create the case"),
		),
	)
}

// focus moves the keyboard focus to the element with the id, if it is on
// the page, and reports whether it was.
func focus(id string) bool {
	el := app.Window().GetElementByID(id)
	if !el.Truthy() {
		return false
	}
	el.Call("focus")
	return true
}
