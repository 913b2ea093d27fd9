package studio

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The live preview beside the forms: the reader's page of the case as it
// stands, in a frame running the preview's program (preview.go), at a
// phone's width or a desktop's scaled to fit. The case goes to the frame a
// moment after each change, before any save; the frame answers what it
// shows, and which event the editor clicked.

// previewWidthKey is where the browser's session keeps the chosen width.
const previewWidthKey = "docket-studio-preview-width"

func (c *CaseEditor) preview() app.UI {
	p := c.previewing
	p.Width = ParsePreviewWidth(string(p.Width)) // none chosen yet: a phone
	w, h := p.Width.Size()
	if c.mounted {
		c.ctx.Defer(func(app.Context) { c.fitPreview() })
	}
	box := "studio-preview-box"
	if !p.Shown {
		box += " studio-preview-waiting"
	}
	return app.Section().Class("studio-preview studio-preview-"+string(p.Width)).Aria("labelledby", "preview-heading").Body(
		app.H2().ID("preview-heading").Text("Preview"),
		app.FieldSet().Class("studio-preview-widths").Body(
			app.Legend().Text("Show it on"),
			app.Range(PreviewWidths).Slice(func(i int) app.UI {
				pw := PreviewWidths[i]
				id := "preview-width-" + string(pw)
				return app.Div().Class("studio-check").Body(
					app.Input().Type("radio").ID(id).Name("preview-width").Value(string(pw)).Checked(pw == p.Width).
						OnChange(func(ctx app.Context, e app.Event) { c.chooseWidth(pw) }),
					app.Label().For(id).Text(pw.Label()),
				)
			}),
		),
		app.P().ID("preview-note").Class("studio-preview-note").Attr("role", "status").Text(p.Note()),
		app.Div().ID("preview-room").Class("studio-preview-room").Body(
			app.Div().Class(box).Body(
				app.IFrame().ID("preview-frame").Src(c.Preview).Width(w).Height(h).
					Title("Preview of the draft as readers see it: "+p.Width.Label()),
			),
		),
		app.If(Large(c.edit.Case), func() app.UI {
			return app.P().Body(app.Button().Type("button").ID("preview-reload").Class("studio-button").Text("Show the latest changes").
				Disabled(!c.previewStale).OnClick(func(ctx app.Context, e app.Event) { c.previewStale = false; c.sendPreview() }))
		}),
		app.P().Class("studio-hint").Text(previewHint(Large(c.edit.Case))),
		app.P().Body(app.A().Href(c.Preview).Target("_blank").Text("Open the saved draft's preview"), app.Text(" (in a new tab)")),
	)
}

// previewHint says when the preview follows the forms.
func previewHint(large bool) string {
	if large {
		return "The reader's page as it stands, before any save. With this many events it follows your changes only when you ask. Click an event in its list to open its form."
	}
	return "The reader's page as it stands, before any save. Click an event in its list to open its form."
}

// chooseWidth shows the preview at w, for the rest of the session.
func (c *CaseEditor) chooseWidth(w PreviewWidth) {
	c.previewing.Width = w
	inSession(func(s app.Value) { s.Call("setItem", previewWidthKey, string(w)) })
}

// inSession runs f with the browser's session storage, when the browser
// lets the page have one (it may refuse, and JavaScript then throws).
func inSession(f func(app.Value)) {
	defer func() { _ = recover() }()
	if s := app.Window().Get("sessionStorage"); s.Truthy() {
		f(s)
	}
}

// listenPreview takes the width the session remembers, and hears the
// frame's messages: from the page's own origin and its preview's window
// only.
func (c *CaseEditor) listenPreview() {
	inSession(func(s app.Value) {
		if v := s.Call("getItem", previewWidthKey); v.Type() == app.TypeString {
			c.previewing.Width = ParsePreviewWidth(v.String())
		}
	})
	c.previewHears = app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		frame := app.Window().GetElementByID("preview-frame")
		d := e.Get("data")
		if e.Get("origin").String() != app.Window().Get("location").Get("origin").String() || !frame.Truthy() ||
			!e.Get("source").Equal(frame.Get("contentWindow")) || d.Type() != app.TypeObject {
			return nil
		}
		switch d.Get(previewMessage).String() {
		case "ready":
			c.ctx.Dispatch(func(ctx app.Context) {
				c.previewing.Listening()
				c.sendPreview()
			})
		case "shown":
			shown, n := d.Get("shown").Truthy(), 0
			if p := d.Get("problems"); p.Type() == app.TypeNumber {
				n = p.Int()
			}
			c.ctx.Dispatch(func(ctx app.Context) {
				c.previewing.Answer(shown, n)
				c.sendPreviewIfDue()
			})
		case "open":
			if id := d.Get("event"); id.Type() == app.TypeString {
				c.ctx.Dispatch(func(ctx app.Context) { c.openEvent(id.String()) })
			}
		}
		return nil
	})
	app.Window().Call("addEventListener", "message", c.previewHears)
}

// stopPreview stops hearing the frame.
func (c *CaseEditor) stopPreview() {
	if c.previewHears != nil {
		app.Window().Call("removeEventListener", "message", c.previewHears)
		c.previewHears.Release()
	}
}

// previewChanged follows a change of the case: it goes to the frame once
// the editor pauses. A large case goes only when the editor asks: the
// frame's page runs in the editor's own thread, and drawing thousands of
// events after each pause would hold up the typing.
func (c *CaseEditor) previewChanged() {
	if !c.mounted {
		return
	}
	if Large(c.edit.Case) {
		c.previewStale = true
		return
	}
	c.previewing.Change(time.Now())
	c.ctx.After(PreviewDelay, func(ctx app.Context) {
		c.sendPreviewIfDue()
		ctx.PreventUpdate()
	})
}

// sendPreviewIfDue sends the case when the preview should follow it now.
func (c *CaseEditor) sendPreviewIfDue() {
	if c.previewing.Due(time.Now()) {
		c.sendPreview()
	}
}

// sendPreview sends the case as it stands to the frame, to its origin
// only.
func (c *CaseEditor) sendPreview() {
	frame := app.Window().GetElementByID("preview-frame")
	if c.edit.Case == nil || !frame.Truthy() || !frame.Get("contentWindow").Truthy() {
		return
	}
	data, err := Encode(c.edit.Case)
	if err != nil {
		return
	}
	frame.Get("contentWindow").Call("postMessage", map[string]any{previewMessage: "case", "case": string(data)},
		app.Window().Get("location").Get("origin").String())
	c.previewing.Sent()
}

// fitPreview scales the frame to the room the panel has for it.
func (c *CaseEditor) fitPreview() {
	room := app.Window().GetElementByID("preview-room")
	if !room.Truthy() {
		return
	}
	scale := strconv.FormatFloat(c.previewing.Width.Fit(room.Get("clientWidth").Float()), 'f', 4, 64)
	if style := room.Get("style"); style.Call("getPropertyValue", "--preview-scale").String() != scale {
		style.Call("setProperty", "--preview-scale", scale)
	}
}

// OnResize fits the preview to the panel's new width.
func (c *CaseEditor) OnResize(ctx app.Context) {
	c.fitPreview()
	ctx.PreventUpdate()
}

// openEvent moves the focus to the form of the event with the id,
// opening it first in a large case.
func (c *CaseEditor) openEvent(id string) {
	for i, e := range c.edit.Case.Events {
		if e.ID == id {
			if Large(c.edit.Case) {
				c.list.Reveal(c.edit.Case.Events, i)
			}
			field := FieldID(fmt.Sprintf("events[%d].title", i))
			c.ctx.Defer(func(app.Context) {
				if el := app.Window().GetElementByID(field); el.Truthy() {
					el.Call("scrollIntoView", map[string]any{"block": "center"})
					el.Call("focus")
				}
			})
			return
		}
	}
}
