package studio

import (
	"errors"
	"fmt"
	"time"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// CaseEditor edits one case's draft: forms for its details, categories,
// events and sources; the validator's problems as the editor types; the
// autosave; publishing; the published versions.
type CaseEditor struct {
	app.Compo
	API    *API
	ID     string
	Home   string // the Studio's start
	Public string // the case's public page
	// Preview is the preview of the saved draft (see registerPreview).
	Preview string
	// EmbedCode is the published case's embed code page; OEmbed the
	// oEmbed endpoint, both under the site's base.
	EmbedCode, OEmbed string

	loaded   bool
	loadErr  string
	edit     Edit   // the case, its revision, the autosave, a conflict
	state    string // the case's state, as the API names it
	problems casefile.Problems
	at       map[string][]string // problems by path
	boxes    map[string]string   // the text of list boxes as typed, by path

	note      string
	publish   string // the outcome of the last publish, announced
	publishOK bool
	busy      bool
	versions  []Version
	panels           // how readers answered; comparing and rolling back versions
	announce  string // what a move or a removal did, announced
	undoing          // undo and redo, shortcuts, dragging (editor_undo.go)

	leaving app.Func
	// previewClick hears clicks in the preview's page (see previewLoaded).
	previewClick app.Func
	// empty are the controls the last render gave an empty value.
	empty []string
	// ctx is the component's own context: work scheduled from an event
	// whose element goes away (a Remove button, the conflict's buttons)
	// runs through it, since go-app drops what a removed element schedules.
	ctx     app.Context
	mounted bool // ctx is set
}

func (c *CaseEditor) OnMount(ctx app.Context) {
	c.ctx, c.mounted = ctx, true
	c.load(ctx)
	// Leaving the page sends what is unsaved (keepalive); a page restored
	// from the back-forward cache is reloaded, since that save moved the
	// draft's revision on.
	c.leaving = app.FuncOf(func(this app.Value, args []app.Value) any {
		switch args[0].Get("type").String() {
		case "pagehide":
			if c.edit.Case != nil && c.edit.Save.Dirty && c.edit.Save.State != Conflict && c.edit.Save.State != Saving {
				if data, err := Encode(c.edit.Case); err == nil {
					c.API.SaveOnLeaving(c.ID, c.edit.Revision, data)
				}
			}
		case "pageshow":
			if args[0].Get("persisted").Bool() {
				app.Window().Get("location").Call("reload")
			}
		}
		return nil
	})
	app.Window().Call("addEventListener", "pagehide", c.leaving)
	app.Window().Call("addEventListener", "pageshow", c.leaving)
	c.listen()
}

func (c *CaseEditor) OnDismount() {
	app.Window().Call("removeEventListener", "pagehide", c.leaving)
	app.Window().Call("removeEventListener", "pageshow", c.leaving)
	c.leaving.Release()
	c.unlisten()
	if c.previewClick != nil {
		c.previewClick.Release()
	}
}

// OnUpdate reloads when the address names another case.
func (c *CaseEditor) OnUpdate(ctx app.Context) {
	if c.edit.Case != nil && c.edit.Case.ID != c.ID {
		c.loaded, c.edit = false, Edit{}
		c.load(ctx)
	}
}

func (c *CaseEditor) load(ctx app.Context) {
	id := c.ID
	ctx.Async(func() {
		d, err := c.API.Draft(id)
		var doc *casefile.Case
		if err == nil {
			doc, err = Decode(d.Case)
		}
		vs, _ := c.API.Versions(id)
		ctx.Dispatch(func(ctx app.Context) {
			c.loaded = true
			if err != nil {
				c.loadErr = err.Error()
				return
			}
			c.edit, c.state, c.versions = Edit{Case: doc, Revision: d.Revision}, d.State, vs
			c.boxes = map[string]string{}
			c.startHistory()
			c.check()
			c.loadAnswers(ctx)
		})
	})
}

// check runs the validator on the case as it stands.
func (c *CaseEditor) check() {
	c.problems = Check(c.edit.Case)
	InFormOrder(c.problems)
	c.at = map[string][]string{}
	for _, p := range c.problems {
		o := Owner(p.Path)
		c.at[o] = append(c.at[o], p.Message)
	}
}

// changed follows every edit: the problems again, and a save once the
// editor pauses.
func (c *CaseEditor) changed(ctx app.Context) {
	c.record()
	c.check()
	c.publish = ""
	c.edit.Save.Change(time.Now())
	c.ctx.After(AutosaveDelay, c.saveIfDue)
}

// saveIfDue starts a save when the autosave says one is due.
func (c *CaseEditor) saveIfDue(ctx app.Context) {
	if c.edit.Case == nil || !c.edit.Save.Due(time.Now()) {
		return
	}
	data, err := Encode(c.edit.Case)
	if err != nil {
		c.edit.Save.Done(SaveRefused, err.Error(), time.Now())
		return
	}
	c.edit.Save.Begin()
	id, rev := c.ID, c.edit.Revision
	ctx.Async(func() {
		d, err := c.API.Save(id, rev, data)
		ctx.Dispatch(func(ctx app.Context) { c.saved(ctx, d, err) })
	})
}

// saved takes in the answer to a save.
func (c *CaseEditor) saved(ctx app.Context, d Draft, err error) {
	now := time.Now()
	var apiErr *APIError
	switch {
	case err == nil:
		c.edit.Revision, c.state = d.Revision, d.State
		c.edit.Save.Done(SaveOK, "", now)
		if c.edit.Save.Dirty {
			ctx.After(AutosaveDelay, c.saveIfDue)
		}
	case errors.Is(err, ErrOffline):
		c.edit.Save.Done(SaveOffline, "", now)
		ctx.After(RetryDelay, c.saveIfDue)
	case errors.As(err, &apiErr) && apiErr.Status == statusConflict:
		c.edit.Refused(conflictOf(apiErr), apiErr.Message, now)
	case errors.As(err, &apiErr) && apiErr.Status == statusUnauthorized:
		c.edit.Save.Done(SaveRefused, "you are signed out. Sign in again in another tab, then come back: your changes are kept here until you close this page", now)
	default:
		c.edit.Save.Done(SaveRefused, err.Error(), now)
	}
}

// conflictOf reads a 409's detail: their draft and where it differs.
func conflictOf(e *APIError) *TheirSave {
	k := &TheirSave{}
	d, err := e.Conflict()
	if err != nil {
		k.Err = "their version could not be read: " + err.Error()
		return k
	}
	k.Revision, k.By, k.At = d.Current.Revision, d.Current.SavedBy, d.Current.SavedAt
	for _, ch := range d.Changes {
		k.Changes = append(k.Changes, ch.Path+" "+ch.Change)
	}
	if k.Theirs, err = Decode(d.Current.Case); err != nil {
		k.Err = err.Error()
	}
	return k
}

// keepMine saves the editor's version over theirs.
func (c *CaseEditor) keepMine(ctx app.Context, e app.Event) {
	c.edit.KeepMine(time.Now())
	c.followHistory()
	c.check()
	c.saveIfDue(c.ctx)
}

// showTheirs shows their version in the forms; the editor's is kept.
func (c *CaseEditor) showTheirs(ctx app.Context, e app.Event) {
	c.edit.ShowTheirs()
	c.followHistory()
	c.check()
}

// showMine brings the editor's version back into the forms.
func (c *CaseEditor) showMine(ctx app.Context, e app.Event) {
	c.edit.ShowMine()
	c.followHistory()
	c.check()
}

// takeTheirs drops the editor's version for theirs, as they saved it.
func (c *CaseEditor) takeTheirs(ctx app.Context, e app.Event) {
	c.edit.TakeTheirs()
	c.followHistory()
	c.check()
}

// doPublish publishes the saved draft with the note.
func (c *CaseEditor) doPublish(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.busy || !c.canPublish() {
		return
	}
	c.busy, c.publish = true, "Publishing…"
	id, rev, note := c.ID, c.edit.Revision, c.note
	c.ctx.Async(func() {
		v, err := c.API.Publish(id, rev, note)
		vs, _ := c.API.Versions(id)
		c.ctx.Dispatch(func(ctx app.Context) {
			c.busy = false
			var apiErr *APIError
			switch {
			case err == nil:
				c.publish, c.publishOK, c.note, c.state = fmt.Sprintf("Published version %d.", v.Number), true, "", "published"
				c.setVersions(vs)
				c.loadAnswers(ctx)
			case errors.As(err, &apiErr) && apiErr.Status == statusInvalid:
				c.publish, c.publishOK = "Not published: the server found problems. "+apiErr.Message, false
			default:
				c.publish, c.publishOK = "Not published: "+err.Error(), false
			}
		})
	})
}

// canPublish: a valid case, every change saved, no conflict.
func (c *CaseEditor) canPublish() bool { return c.edit.CanPublish(len(c.problems)) }

// goTo focuses the control of a problem's field, or of the nearest
// place that holds it.
func (c *CaseEditor) goTo(path string) {
	for _, p := range Ancestors(Owner(path)) {
		if focus(FieldID(p)) {
			return
		}
	}
}

// emptied records a control rendered with an empty value. go-app does
// not set an empty value (it removes the attribute, which leaves what the
// control shows), so clearEmptied does, after the render.
func (c *CaseEditor) emptied(id string) { c.empty = append(c.empty, id) }

// clearEmptied empties the controls that the last render gave an empty
// value but that still show text: a field emptied by another version, or
// reused by the next event after a removal. The one being typed in is the
// editor's.
func (c *CaseEditor) clearEmptied(app.Context) {
	doc := app.Window().Get("document")
	active := doc.Get("activeElement")
	for _, id := range c.empty {
		el := doc.Call("getElementById", id)
		if el.Truthy() && !el.Equal(active) && el.Get("value").String() != "" {
			el.Set("value", "")
		}
	}
}

func (c *CaseEditor) Render() app.UI {
	c.empty = c.empty[:0]
	if c.mounted {
		c.ctx.Defer(c.clearEmptied)
	}
	switch {
	case !c.loaded:
		return app.P().Attr("role", "status").Text("Loading the case…")
	case c.loadErr != "":
		return app.Div().Body(
			app.H1().Text("Case "+c.ID),
			app.P().Class("studio-error").Attr("role", "alert").Text(c.loadErr),
			app.P().Body(app.A().Href(c.Home).Text("Back to the cases")),
		)
	}
	title := c.edit.Case.Title
	if title == "" {
		title = "Untitled case"
	}
	return app.Div().Class("studio-editor").Body(
		app.Div().Class("studio-forms").Body(
			app.P().Body(app.A().Href(c.Home).Text("← All cases")),
			app.H1().Text(title),
			app.P().Class("studio-hint").Text("Case "+c.ID+" · "+StateLabel(c.state)),
			c.details(),
			c.categories(),
			c.events(),
			c.eras(),
			c.glossary(),
			c.sources(),
			c.quiz(),
			app.If(c.state == "published" || c.state == "changed", c.readersAnswers),
			c.corrections(),
			app.P().Class("visually-hidden").Attr("role", "status").Text(c.announce),
		),
		c.panel(),
	)
}
