package studio

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The panel beside the forms: the autosave's state, a conflict to settle,
// the validator's problems, publishing, the preview, the published
// versions (versions.go), embedding and downloads (share.go).

func (c *CaseEditor) panel() app.UI {
	return app.Aside().Class("studio-panel").Aria("label", "Saving, checking and publishing").Body(
		app.P().ID("save-state").Class("studio-save studio-save-"+c.edit.Save.Class()).Attr("role", "status").Text(c.edit.Save.Label()),
		app.If(c.keptNote != "", func() app.UI { return app.P().ID("kept-note").Attr("role", "status").Text(c.keptNote) }),
		app.If(c.keepErr != "", func() app.UI {
			return app.P().ID("keep-error").Class("studio-error").Attr("role", "alert").Text(c.keepErr)
		}),
		c.undoBar(),
		app.If(c.edit.Conflict != nil, func() app.UI { return c.conflictBox() }),
		c.checks(),
		c.preview(),
		c.publishForm(),
		c.versionList(),
		c.share(),
		shortcutList(),
	)
}

func (c *CaseEditor) conflictBox() app.UI {
	k := c.edit.Conflict
	who := k.By
	if who == "" {
		who = "Someone else"
	}
	said := who + " saved it at " + k.At.Local().Format("15:04") + ", while you were editing. " +
		"Your version is kept here and was not saved; theirs is kept on the server. Choose which to keep."
	if !k.KeptAt.IsZero() {
		said = "Your version, kept in this browser from " + KeptTime(k.KeptAt, time.Now()) + ", was not saved: " + who +
			" saved the case at " + k.At.Local().Format("15:04") + " since. The forms show yours; theirs is kept on the server. Choose which to keep."
	}
	return app.Section().Class("studio-conflict").Aria("labelledby", "conflict-heading").Body(
		app.H2().ID("conflict-heading").Text("Someone else changed this case"),
		app.P().Attr("role", "alert").Text(said),
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
			listed := c.problems[:min(len(c.problems), MaxListed)]
			return app.Ul().Class("studio-problems").Body(app.Range(listed).Slice(func(i int) app.UI {
				p := listed[i]
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
		app.If(len(c.problems) > MaxListed, func() app.UI {
			return app.P().ID("problems-more").Class("studio-hint").Text(fmt.Sprintf("The first %d are listed; %s more follow once these are fixed.",
				MaxListed, count(len(c.problems)-MaxListed)))
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
