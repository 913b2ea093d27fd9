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
	// Editor is the login signed in, whose unsaved work the browser keeps
	// (keep.go); SignIn where the sign-in form posts, Return this case's
	// page, where signing in again returns.
	Editor, SignIn, Return string

	loaded   bool
	loadErr  string
	edit     Edit   // the case, its revision, the autosave, a conflict
	state    string // the case's state, as the API names it
	problems casefile.Problems
	at       map[string][]string // problems by path
	boxes    map[string]string   // the text of list boxes as typed, by path

	// A large case (see Large): its list of events, the problems of each
	// event, and a check waiting for the editor to pause.
	list      EventList
	byEvent   []int
	checkDue  bool
	changedAt time.Time
	// oversize is the problem of a draft too large to save (see TooLarge).
	oversize string
	// previewStale: a large case changed since the preview was sent it.
	previewStale bool

	note      string
	publish   string // the outcome of the last publish, announced
	publishOK bool
	busy      bool
	versions  []Version
	panels           // how readers answered; comparing and rolling back versions
	announce  string // what a move or a removal did, announced
	undoing          // undo and redo, shortcuts, dragging (editor_undo.go)

	keeping  Keeping // the copy kept in the browser (keep.go)
	keepErr  string  // why the browser would not keep it
	keptNote string  // what opening the case did with a kept copy
	lostErr  string  // signing in again, after the session ended

	leaving app.Func
	// previewing is the live preview (preview_pane.go); previewHears
	// hears its frame.
	previewing   Preview
	previewHears app.Func
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
	c.listenPreview()
	c.load(ctx)
	// Leaving the page sends what is unsaved (keepalive); a page restored
	// from the back-forward cache is reloaded, since that save moved the
	// draft's revision on.
	c.leaving = app.FuncOf(func(this app.Value, args []app.Value) any {
		switch args[0].Get("type").String() {
		case "pagehide":
			if c.keeping.Pending {
				c.keepNow()
			}
			if c.edit.Case != nil && c.edit.Save.SendOnLeaving() {
				if data, err := Encode(c.edit.Case); err == nil {
					c.API.SaveOnLeaving(c.ID, c.edit.Revision, data)
				}
			}
		case "pageshow":
			if args[0].Get("persisted").Bool() {
				app.Window().Get("location").Call("reload")
			}
		case "online": // back online: what waits is saved at once
			c.ctx.Dispatch(func(ctx app.Context) { c.edit.Save.Online(); c.saveIfDue(ctx) })
		}
		return nil
	})
	app.Window().Call("addEventListener", "pagehide", c.leaving)
	app.Window().Call("addEventListener", "pageshow", c.leaving)
	app.Window().Call("addEventListener", "online", c.leaving)
	c.listen()
}

func (c *CaseEditor) OnDismount() {
	app.Window().Call("removeEventListener", "pagehide", c.leaving)
	app.Window().Call("removeEventListener", "pageshow", c.leaving)
	app.Window().Call("removeEventListener", "online", c.leaving)
	c.leaving.Release()
	c.stopPreview()
	c.unlisten()
}

// OnUpdate reloads when the address names another case.
func (c *CaseEditor) OnUpdate(ctx app.Context) {
	if c.edit.Case != nil && c.edit.Case.ID != c.ID {
		c.loaded, c.edit, c.keeping = false, Edit{}, Keeping{}
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
			c.boxes, c.list, c.oversize = map[string]string{}, EventList{}, ""
			c.startHistory()
			c.check()
			c.restoreKept(ctx, doc, d)
			c.loadAnswers(ctx)
		})
	})
}

// check runs the validator on the case as it stands, with the problems
// of what the forms keep as typed (see TypedProblems) and of a draft too
// large to save.
func (c *CaseEditor) check() {
	c.checkDue = false
	c.problems = append(Check(c.edit.Case), TypedProblems(c.edit.Case, c.boxes)...)
	if c.oversize != "" {
		path, _ := LongestText(c.edit.Case)
		c.problems = append(c.problems, casefile.Problem{Path: path, Message: c.oversize})
	}
	InFormOrder(c.problems)
	c.at = map[string][]string{}
	for _, p := range c.problems {
		o := Owner(p.Path)
		c.at[o] = append(c.at[o], p.Message)
	}
	c.byEvent = ProblemsByEvent(c.problems, len(c.edit.Case.Events))
	c.previewChanged()
}

// changed follows every edit: the problems again (in a large case once
// the editor pauses, CheckDelay), and a save once the editor pauses.
func (c *CaseEditor) changed(ctx app.Context) {
	c.record()
	c.publish = ""
	c.edit.Save.Change(time.Now())
	c.keepLater()
	c.ctx.After(AutosaveDelay, c.saveWhenDue)
	if !Large(c.edit.Case) {
		c.check()
		return
	}
	c.checkDue, c.changedAt = true, time.Now()
	c.ctx.After(CheckDelay, c.checkIfDue)
}

// saveWhenDue saves when the autosave says a save is due. Offline, where
// a save waits RetryDelay after the last change, it looks again then, so
// that typing on after a failed save still leads to a retry.
func (c *CaseEditor) saveWhenDue(ctx app.Context) {
	if !c.edit.Save.Due(time.Now()) {
		if c.edit.Save.State == Offline && c.edit.Save.Dirty {
			c.ctx.After(RetryDelay, c.saveWhenDue)
		}
		ctx.PreventUpdate() // a later change's timer will save: no need to draw again
		return
	}
	c.saveIfDue(ctx)
}

// checkIfDue checks a large case once the editor has paused.
func (c *CaseEditor) checkIfDue(ctx app.Context) {
	if !c.checkDue || time.Since(c.changedAt) < CheckDelay {
		ctx.PreventUpdate()
		return
	}
	c.check()
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
	// A draft over the server's limit is kept here, and its longest text
	// (the likely paste) says why.
	was := c.oversize
	if c.oversize = TooLarge(len(data)); c.oversize != "" {
		path, _ := LongestText(c.edit.Case)
		c.edit.Save.Done(SaveRefused, "the draft is "+megabytes(len(data))+", more than the server saves; shorten "+
			Where(path, c.edit.Case)+". Your changes are kept in this tab.", time.Now())
		c.check()
		return
	} else if was != "" {
		c.check()
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
		c.savedKept()
		if c.edit.Save.Dirty {
			ctx.After(AutosaveDelay, c.saveIfDue)
		}
	case errors.Is(err, ErrOffline):
		c.edit.Save.Done(SaveOffline, "", now)
		ctx.After(RetryDelay, c.saveIfDue)
	case errors.As(err, &apiErr) && apiErr.Status == statusConflict:
		c.edit.Refused(conflictOf(apiErr), apiErr.Message, now)
	case errors.As(err, &apiErr) && apiErr.Status == statusUnauthorized:
		c.edit.Save.Done(SaveSignedOut, "", now)
		c.sessionEnded(ctx)
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
	c.dropKept()
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
			case errors.As(err, &apiErr) && apiErr.Status == statusUnauthorized:
				c.publish, c.publishOK = "Not published: your session has ended.", false
				c.edit.Save.SessionEnded()
				c.sessionEnded(ctx)
			case errors.As(err, &apiErr) && apiErr.Status == statusInvalid:
				c.publish, c.publishOK = "Not published: the server found problems. "+apiErr.Message, false
			default:
				c.publish, c.publishOK = "Not published: "+err.Error(), false
			}
		})
	})
}

// canPublish: a valid case, every change saved, no conflict.
func (c *CaseEditor) canPublish() bool { return !c.checkDue && c.edit.CanPublish(len(c.problems)) }

// goTo focuses the control of a problem's field, or of the nearest
// place that holds it.
// An event's field in a large case is shown first (see EventList.Reveal).
func (c *CaseEditor) goTo(path string) {
	owner := Owner(path)
	to := func(app.Context) {
		for _, p := range Ancestors(owner) {
			if focus(FieldID(p)) {
				return
			}
		}
	}
	if i := EventOf(owner); i >= 0 && Large(c.edit.Case) {
		c.list.Reveal(c.edit.Case.Events, i)
		c.ctx.Defer(to) // once the event's form is drawn
		return
	}
	to(c.ctx)
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
			app.If(c.edit.Save.State == SignedOut, c.lostSession),
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
