package studio

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The panel beside the forms: the autosave's state, a conflict to settle,
// the validator's problems, publishing, the preview, the published
// versions (versions.go), embedding and downloads (share.go).

func (c *CaseEditor) panel() app.UI {
	return app.Aside().Class("studio-panel").Aria("label", "Saving, checking and publishing").Body(
		app.P().ID("save-state").Class("studio-save studio-save-"+c.edit.Save.Class()).Attr("role", "status").Text(c.edit.Save.Label()),
		c.undoBar(),
		app.If(c.edit.Conflict != nil, func() app.UI { return c.conflictBox() }),
		c.checks(),
		c.publishForm(),
		c.preview(),
		c.versionList(),
		c.share(),
		shortcutList(),
	)
}

// preview is the reader's page of the saved draft in a frame 320 px wide,
// as a phone shows it; it loads again after each save.
func (c *CaseEditor) preview() app.UI {
	src := c.Preview + "?revision=" + strconv.FormatInt(c.edit.Revision, 10)
	return app.Section().Class("studio-preview").Aria("labelledby", "preview-heading").Body(
		app.H2().ID("preview-heading").Text("Preview"),
		app.P().Class("studio-hint").Text("The reader's page of the draft as last saved, 320 px wide, as on a phone. It loads again after each save; click an event in its list to open its form."),
		app.IFrame().ID("preview-phone").Src(src).Title("Preview of the saved draft, 320 px wide").Width(320).Height(560).
			On("load", c.previewLoaded),
		app.P().Body(app.A().Href(src).Target("_blank").Text("Open the preview at full width"), app.Text(" (in a new tab)")),
	)
}

func (c *CaseEditor) conflictBox() app.UI {
	k := c.edit.Conflict
	who := k.By
	if who == "" {
		who = "Someone else"
	}
	return app.Section().Class("studio-conflict").Aria("labelledby", "conflict-heading").Body(
		app.H2().ID("conflict-heading").Text("Someone else changed this case"),
		app.P().Attr("role", "alert").Text(who+" saved it at "+k.At.Local().Format("15:04")+", while you were editing. "+
			"Your version is kept here and was not saved; theirs is kept on the server. Choose which to keep."),
		app.If(len(k.Changes) > 0, func() app.UI {
			return app.Div().Body(
				app.P().Text("Where theirs differs from yours:"),
				app.Ul().Body(app.Range(k.Changes).Slice(func(i int) app.UI { return app.Li().Text(k.Changes[i]) })),
			)
		}),
		app.If(k.Err != "", func() app.UI { return app.P().Class("studio-error").Text(k.Err) }),
		app.If(c.edit.Mine != nil, func() app.UI {
			return app.P().Text("The forms show their version now. Your version is kept: show it again, or save it over theirs.")
		}),
		app.Div().Class("studio-item-actions").Body(
			app.Button().Type("button").Class("studio-button studio-primary").Text("Save my version over theirs").OnClick(c.keepMine),
			app.If(k.Theirs != nil && c.edit.Mine == nil, func() app.UI {
				return app.Button().Type("button").Class("studio-button").Text("Show their version").OnClick(c.showTheirs)
			}),
			app.If(c.edit.Mine != nil, func() app.UI {
				return app.Button().Type("button").Class("studio-button").Text("Show my version").OnClick(c.showMine)
			}),
			app.If(k.Theirs != nil, func() app.UI {
				return app.Button().Type("button").Class("studio-button").Text("Keep theirs, drop mine").OnClick(c.takeTheirs)
			}),
		),
	)
}

func (c *CaseEditor) checks() app.UI {
	with, all := Cited(c.edit.Case)
	return app.Section().Class("studio-checks").Aria("labelledby", "checks-heading").Body(
		app.H2().ID("checks-heading").Text("Checks"),
		app.P().ID("cited").Text(CitedLabel(with, all)),
		app.P().ID("problem-count").Attr("role", "status").Text(ProblemsLabel(len(c.problems))),
		app.If(len(c.problems) > 0, func() app.UI {
			return app.Ul().Class("studio-problems").Body(app.Range(c.problems).Slice(func(i int) app.UI {
				p := c.problems[i]
				if !HasForm(p.Path) {
					return app.Li().Class("studio-problem").Body(
						app.Strong().Text(Where(p.Path, c.edit.Case)),
						app.Span().Text(" "+p.Message+" (this part has no form in the Studio yet)"),
					)
				}
				return app.Li().Body(
					app.Button().Type("button").Class("studio-problem").OnClick(func(ctx app.Context, e app.Event) { c.goTo(p.Path) }, app.EventScope(p.Path)).Body(
						app.Strong().Text(Where(p.Path, c.edit.Case)),
						app.Span().Text(" "+p.Message),
					),
				)
			}))
		}),
	)
}

func (c *CaseEditor) publishForm() app.UI {
	why := c.edit.PublishWait(len(c.problems))
	return app.Section().Class("studio-publish").Aria("labelledby", "publish-heading").Body(
		app.H2().ID("publish-heading").Text("Publish"),
		app.Form().OnSubmit(c.doPublish).Body(
			control{id: "publish-note", label: "Note for this version (what changed, for the other editors)", value: c.note,
				set: func(ctx app.Context, v string) { c.note = v }, emptied: c.emptied}.render(),
			app.Button().Type("submit").ID("publish").Class("studio-button studio-primary").
				Disabled(!c.canPublish() || c.busy).Aria("describedby", "publish-why").Aria("keyshortcuts", "Alt+Shift+P").Text("Publish"),
			app.P().ID("publish-why").Class("studio-hint").Text(why),
		),
		app.P().ID("publish-result").Attr("role", "status").Class(map[bool]string{true: "studio-ok", false: ""}[c.publishOK]).Text(c.publish),
		app.If(c.state == "published" || c.state == "changed", func() app.UI {
			return app.P().Body(app.A().Href(c.Public).Target("_blank").Text("Open the public page"), app.Text(" (in a new tab)"))
		}),
	)
}

// previewLoaded listens, in the preview's page (same origin), for clicks
// on an event of the reader's list of events, and opens that event's form.
func (c *CaseEditor) previewLoaded(ctx app.Context, e app.Event) {
	doc := ctx.JSSrc().Get("contentDocument")
	if !doc.Truthy() {
		return
	}
	if c.previewClick != nil {
		c.previewClick.Release()
	}
	c.previewClick = app.FuncOf(func(this app.Value, args []app.Value) any {
		li := args[0].Get("target").Call("closest", "li.event[id]")
		if !li.Truthy() {
			return nil
		}
		id := li.Get("id").String()
		c.ctx.Dispatch(func(app.Context) { c.openEvent(id) })
		return nil
	})
	doc.Call("addEventListener", "click", c.previewClick)
}

// openEvent moves the focus to the form of the event with the id.
func (c *CaseEditor) openEvent(id string) {
	for i, e := range c.edit.Case.Events {
		if e.ID == id {
			field := FieldID(fmt.Sprintf("events[%d].title", i))
			if el := app.Window().GetElementByID(field); el.Truthy() {
				el.Call("scrollIntoView", map[string]any{"block": "center"})
				el.Call("focus")
			}
			return
		}
	}
}
