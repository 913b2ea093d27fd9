package studio

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The form controls every screen shares: each has a visible label tied to
// it, and, when the validator finds something wrong with its field, the
// message right under it, tied with aria-describedby and aria-invalid.

// control is one form control.
type control struct {
	id, label string
	value     string
	hint      string
	problems  []string
	set       func(ctx app.Context, v string)
	kind      string      // "text" (default), "textarea", "select", "date", "url"
	options   [][2]string // a select's values and labels
	rows      int
	small     bool     // a narrow field, beside others
	suggest   []string // a text field's suggestions (a datalist); any text may still be typed
	// emptied hears of a control rendered with an empty value (see
	// CaseEditor.clearEmptied).
	emptied func(id string)
	// scope renews the control's handler when it changes (see
	// CaseEditor.handlers): go-app keeps a handler made by the same code
	// as the one before, with what that one captured.
	scope string
}

func (c control) render() app.UI {
	c.value = typedValue(c.id, c.value)
	if c.value == "" && c.emptied != nil && c.kind != "select" {
		c.emptied(c.id)
	}
	var describedBy []string
	if c.hint != "" {
		describedBy = append(describedBy, c.id+"-hint")
	}
	if len(c.problems) > 0 {
		describedBy = append(describedBy, c.id+"-problems")
	}
	onInput := func(ctx app.Context, e app.Event) { c.set(ctx, ctx.JSSrc().Get("value").String()) }
	scope := app.EventScope(c.id, c.scope)
	var el app.UI
	switch c.kind {
	case "textarea":
		rows := c.rows
		if rows == 0 {
			rows = 3
		}
		t := app.Textarea().ID(c.id).Rows(rows).Text(c.value).OnInput(onInput, scope)
		if len(describedBy) > 0 {
			t = t.Aria("describedby", strings.Join(describedBy, " "))
		}
		if len(c.problems) > 0 {
			t = t.Aria("invalid", "true")
		}
		el = t
	case "select":
		s := app.Select().ID(c.id).OnChange(onInput, scope).Body(app.Range(c.options).Slice(func(i int) app.UI {
			o := c.options[i]
			return app.Option().Value(o[0]).Selected(o[0] == c.value).Text(o[1])
		}))
		if len(describedBy) > 0 {
			s = s.Aria("describedby", strings.Join(describedBy, " "))
		}
		if len(c.problems) > 0 {
			s = s.Aria("invalid", "true")
		}
		el = s
	default:
		typ := c.kind
		if typ == "" {
			typ = "text"
		}
		in := app.Input().ID(c.id).Type(typ).Value(c.value).OnInput(onInput, scope)
		if len(c.suggest) > 0 {
			in = in.List(c.id + "-suggestions")
		}
		if len(describedBy) > 0 {
			in = in.Aria("describedby", strings.Join(describedBy, " "))
		}
		if len(c.problems) > 0 {
			in = in.Aria("invalid", "true")
		}
		el = in
	}
	class := "studio-field"
	if c.small {
		class += " studio-field-small"
	}
	return app.Div().Class(class).Body(
		app.Label().For(c.id).Text(c.label),
		el,
		app.If(len(c.suggest) > 0, func() app.UI {
			return app.DataList().ID(c.id + "-suggestions").Body(app.Range(c.suggest).Slice(func(i int) app.UI {
				return app.Option().Value(c.suggest[i])
			}))
		}),
		app.If(c.hint != "", func() app.UI { return app.P().ID(c.id + "-hint").Class("studio-hint").Text(c.hint) }),
		app.If(len(c.problems) > 0, func() app.UI {
			return app.Ul().ID(c.id + "-problems").Class("studio-field-problems").Body(app.Range(c.problems).Slice(func(i int) app.UI {
				return app.Li().Text(c.problems[i])
			}))
		}),
	)
}

// typedValue is the value to render for a control: the model's, except
// for the control the editor is typing in, which keeps what it holds.
// go-app renders a frame after the input event that changed the model; a
// key pressed in between would be overwritten by the value of the key
// before, and lost.
func typedValue(id, value string) string {
	if !app.IsClient {
		return value
	}
	el := app.Window().Get("document").Get("activeElement")
	if el.Truthy() && el.Get("id").String() == id {
		if v := el.Get("value"); v.Type() == app.TypeString {
			return v.String()
		}
	}
	return value
}

// textField is a plain text field whose value set keeps.
func textField(id, label, value string, set func(string)) app.UI {
	return control{id: id, label: label, value: value, set: func(_ app.Context, v string) { set(v) }}.render()
}
